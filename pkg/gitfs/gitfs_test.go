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

// Where the ledger should be, git may hold something else: each is said, with its path, rather
// than taken for an empty ledger. The repository is synthetic; the submodules are git links
// made by hand, to commits in no repository.
func TestFSSaysWhatItFinds(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	run(t, dir, "init", "-q")
	if err := os.MkdirAll(filepath.Join(dir, "real"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{"real/catalog.yaml": "schema: 1\n", "file": "x\n"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("real", filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	run(t, dir, "add", ".")
	run(t, dir, "update-index", "--add", "--cacheinfo", "160000,0123456789abcdef0123456789abcdef01234567,sub")
	run(t, dir, "update-index", "--add", "--cacheinfo", "160000,89abcdef0123456789abcdef0123456789abcdef,real/ccc")
	run(t, dir, "commit", "-q", "-m", "one")
	repo, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	head, err := repo.Commit("HEAD")
	if err != nil {
		t.Fatal(err)
	}
	at := short(head)
	for _, tc := range []struct{ dir, want string }{
		{"sub", "sub at " + at + " is a git submodule (commit 0123456)"},
		{"sub/proposals", "sub at " + at + " is a git submodule (commit 0123456)"},
		{"link", "link at " + at + " is a symbolic link"},
		{"link/proposals", "link at " + at + " is a symbolic link"},
		{"file", "file at " + at + " is a file"},
		{"file/proposals", "file at " + at + " is a file"},
		{"real", "real/ccc at " + at + " is a git submodule (commit 89abcde)"},
		{"real/ccc", "real/ccc at " + at + " is a git submodule (commit 89abcde)"},
	} {
		_, err := repo.FS(head, tc.dir)
		var nf *NotFolderError
		if !errors.As(err, &nf) || err.Error() != tc.want {
			t.Errorf("FS(%q) error = %v, want a NotFolderError %q", tc.dir, err, tc.want)
		}
	}
	for _, missing := range []string{"nosuch", "real/nosuch", "real/nosuch/deeper"} {
		if _, err := repo.FS(head, missing); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("FS(%q) error = %v, want fs.ErrNotExist", missing, err)
		}
	}
}
