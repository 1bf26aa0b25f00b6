package gitfs

import (
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

func run(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+dir,
		"GIT_AUTHOR_NAME=T", "GIT_AUTHOR_EMAIL=t@example.org", "GIT_COMMITTER_NAME=T", "GIT_COMMITTER_EMAIL=t@example.org")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

func TestFSReadsARevisionNotTheWorkingTree(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	write := func(name, data string) {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run(t, dir, "init", "-q")
	write("proposals/a/01.yaml", "number: 1\n")
	write("proposals/catalog.yaml", "schema: 1\n")
	if err := os.Symlink("../../etc/passwd", filepath.Join(dir, "proposals", "link.yaml")); err != nil {
		t.Fatal(err)
	}
	run(t, dir, "add", ".")
	run(t, dir, "commit", "-q", "-m", "one")
	write("proposals/a/01.yaml", "number: 2\n") // uncommitted

	repo, err := Open(filepath.Join(dir, "proposals"))
	if err != nil {
		t.Fatal(err)
	}
	head, err := repo.Commit("HEAD")
	if err != nil {
		t.Fatal(err)
	}
	fsys, err := repo.FS(head, "proposals")
	if err != nil {
		t.Fatal(err)
	}
	got, err := fs.ReadFile(fsys, "a/01.yaml")
	if err != nil || string(got) != "number: 1\n" {
		t.Errorf("a/01.yaml at HEAD = %q, %v; want the committed %q", got, err, "number: 1\n")
	}
	st, err := fs.Lstat(fsys, "link.yaml")
	if err != nil || st.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("link.yaml mode = %v, %v; want a symbolic link, so that the ledger refuses it", st, err)
	}
	if _, err := repo.FS(head, "nosuch"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("FS of a missing folder: error %v, want fs.ErrNotExist", err)
	}
	if _, err := repo.Commit("nosuch"); err == nil || err.Error() != `unknown revision "nosuch"` {
		t.Errorf("Commit(nosuch) error = %v", err)
	}
	if _, err := repo.Commit("--output=x"); err == nil {
		t.Error("an option passed as a revision was accepted")
	}
	if wt, _ := os.ReadFile(filepath.Join(dir, "proposals/a/01.yaml")); string(wt) != "number: 2\n" {
		t.Errorf("working tree changed: %q", wt)
	}
}
