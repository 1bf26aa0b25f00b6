package atomicfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteReplacesContentAndKeepsMode(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.yaml")
	if err := os.WriteFile(path, []byte("old\n"), 0o640); err != nil {
		t.Fatal(err)
	}
	if err := Write(path, []byte("new\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	if string(got) != "new\n" {
		t.Errorf("content = %q, want %q", got, "new\n")
	}
	st, _ := os.Stat(path)
	if st.Mode().Perm() != 0o640 {
		t.Errorf("mode = %v, want the file's own 0640", st.Mode().Perm())
	}
	assertOnly(t, dir, "a.yaml")
}

// A failure after the new content is written and before the rename (a crash, a full disk)
// must leave the original untouched and no temporary file behind.
func TestWriteFailureBeforeRenameLeavesOriginal(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.yaml")
	if err := os.WriteFile(path, []byte("old\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	injected := errors.New("injected failure")
	var sawTmp string
	beforeRename = func(tmp string) error {
		sawTmp = tmp
		if got, _ := os.ReadFile(tmp); string(got) != "new\n" {
			t.Errorf("temporary file holds %q before the rename, want the new content", got)
		}
		return injected
	}
	t.Cleanup(func() { beforeRename = func(string) error { return nil } })

	if err := Write(path, []byte("new\n"), 0o644); !errors.Is(err, injected) {
		t.Fatalf("Write error = %v, want the injected failure", err)
	}
	if sawTmp == "" || filepath.Dir(sawTmp) != dir {
		t.Errorf("temporary file %q is not in the file's own directory %s", sawTmp, dir)
	}
	got, _ := os.ReadFile(path)
	if string(got) != "old\n" {
		t.Errorf("original holds %q after a failed write, want %q", got, "old\n")
	}
	assertOnly(t, dir, "a.yaml")
}

func TestWriteRefusesDirectory(t *testing.T) {
	dir := t.TempDir()
	if err := Write(dir, []byte("x"), 0o644); err == nil {
		t.Fatal("writing over a directory succeeded")
	}
}

func TestCreateNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "new.yaml")
	if err := Create(path, []byte("first\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Create(path, []byte("second\n"), 0o644); !errors.Is(err, fs.ErrExist) {
		t.Fatalf("second Create error = %v, want fs.ErrExist", err)
	}
	got, _ := os.ReadFile(path)
	if string(got) != "first\n" {
		t.Errorf("content = %q, want the first write kept", got)
	}
	assertOnly(t, dir, "new.yaml")
}

func assertOnly(t *testing.T, dir string, names ...string) {
	t.Helper()
	got := readDir(t, dir)
	if len(got) != len(names) {
		t.Fatalf("directory holds %v, want only %v (no temporary files left)", got, names)
	}
	for i := range got {
		if got[i] != names[i] {
			t.Fatalf("directory holds %v, want only %v", got, names)
		}
	}
}

// A name that leads out of the root, however it is spelt, is refused by the operating system
// before anything is written, inside the root or outside it.
func TestInRootRefusesEscapes(t *testing.T) {
	top := t.TempDir()
	ledger := filepath.Join(top, "ledger")
	outside := filepath.Join(top, "outside")
	for _, d := range []string{ledger, outside} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(outside, filepath.Join(ledger, "linked")); err != nil {
		t.Fatal(err)
	}
	root := openRoot(t, ledger)
	before := listTree(t, top)
	for _, name := range []string{
		"../outside/a.yaml",
		"../../a.yaml",
		filepath.Join(outside, "a.yaml"),
		"linked/a.yaml",
		"sub/../../outside/a.yaml",
	} {
		for op, f := range map[string]func() error{
			"WriteIn":  func() error { return WriteIn(root, name, []byte("x\n"), 0o644) },
			"CreateIn": func() error { return CreateIn(root, name, []byte("x\n"), 0o644) },
		} {
			err := f()
			if err == nil {
				t.Errorf("%s(%q) succeeded, want it refused", op, name)
				continue
			}
			var pe *fs.PathError
			if !errors.As(err, &pe) || pe.Path != name {
				t.Errorf("%s(%q) error = %v, want one naming %q", op, name, err, name)
			}
		}
	}
	if after := listTree(t, top); after != before {
		t.Errorf("files changed around the root:\nbefore:\n%s\nafter:\n%s", before, after)
	}
}

// Check makes and removes a temporary file beside the file, and leaves the file as it was.
func TestCheckChangesNothing(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.yaml"), []byte("old\n"), 0o640); err != nil {
		t.Fatal(err)
	}
	root := openRoot(t, dir)
	before := listTree(t, dir)
	for _, name := range []string{"a.yaml", "new.yaml"} {
		if err := Check(root, name); err != nil {
			t.Errorf("Check(%q) = %v", name, err)
		}
	}
	if after := listTree(t, dir); after != before {
		t.Errorf("Check changed the folder:\nbefore:\n%s\nafter:\n%s", before, after)
	}
}

// A symbolic link, a folder or a name too long for its temporary file is refused by Check and by
// WriteIn, with the target's name: the caller learns before any rename which file cannot be
// written.
func TestCheckRefusesAndNamesTheTarget(t *testing.T) {
	dir := t.TempDir()
	long := strings.Repeat("l", 250) + ".yaml" // 255 bytes: the longest name, but not with ".tmp-…"
	for _, f := range []string{"real.yaml", long} {
		if err := os.WriteFile(filepath.Join(dir, f), []byte("x\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("real.yaml", filepath.Join(dir, "link.yaml")); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "dir.yaml"), 0o755); err != nil {
		t.Fatal(err)
	}
	root := openRoot(t, dir)
	before := listTree(t, dir)
	for _, tc := range []struct{ name, want string }{
		{"link.yaml", "write link.yaml: not a regular file"},
		{"dir.yaml", "write dir.yaml: not a regular file"},
		{long, "write " + long + ": file name too long"},
		{"missing/a.yaml", "write missing/a.yaml: no such file or directory"},
		{"../a.yaml", "write ../a.yaml: path escapes from parent"},
	} {
		for op, f := range map[string]func() error{
			"Check":   func() error { return Check(root, tc.name) },
			"WriteIn": func() error { return WriteIn(root, tc.name, []byte("y\n"), 0o644) },
		} {
			if err := f(); err == nil || err.Error() != tc.want {
				t.Errorf("%s(%q) error = %v, want %q", op, tc.name, err, tc.want)
			}
		}
	}
	if after := listTree(t, dir); after != before {
		t.Errorf("the folder changed:\nbefore:\n%s\nafter:\n%s", before, after)
	}
}

// In a folder the process may not write, the error names the file, not the temporary file.
func TestWriteInReadOnlyFolderNamesTheFile(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root may write any folder")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "a.yaml")
	if err := os.WriteFile(path, []byte("old\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
	err := Write(path, []byte("new\n"), 0o644)
	if want := "write " + path + ": permission denied"; err == nil || err.Error() != want {
		t.Fatalf("Write error = %v, want %q", err, want)
	}
	assertOnly(t, dir, "a.yaml")
}

func TestLeftover(t *testing.T) {
	for _, tc := range []struct {
		name, target string
		ok           bool
	}{
		{".01-a.yaml.tmp-123", "01-a.yaml", true},
		{".catalog.yaml.tmp-4294967295", "catalog.yaml", true},
		{".x.tmp-1.tmp-2", "x.tmp-1", true},
		{"01-a.yaml", "", false},
		{".01-a.yaml.tmp-", "", false},
		{".01-a.yaml.tmp-12a", "", false},
		{"01-a.yaml.tmp-123", "", false},
		{"..tmp-1", "", false},
		{".tmp-1", "", false},
	} {
		target, ok := Leftover(tc.name)
		if target != tc.target || ok != tc.ok {
			t.Errorf("Leftover(%q) = %q, %v; want %q, %v", tc.name, target, ok, tc.target, tc.ok)
		}
	}
	// The temporary file that a process killed before its rename leaves is a leftover of its
	// target.
	dir := t.TempDir()
	root := openRoot(t, dir)
	if _, err := writeTemp(root, "01-a.yaml", []byte("x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	names := readDir(t, dir)
	if len(names) != 1 {
		t.Fatalf("folder holds %v, want one temporary file", names)
	}
	if target, ok := Leftover(names[0]); !ok || target != "01-a.yaml" {
		t.Errorf("Leftover(%q) = %q, %v; want 01-a.yaml, true", names[0], target, ok)
	}
}

// openRoot opens dir as an os.Root for the test.
func openRoot(t *testing.T, dir string) *os.Root {
	t.Helper()
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { root.Close() })
	return root
}

func readDir(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

// listTree lists every file and folder below dir with its content, to compare before and after.
func listTree(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		data := ""
		if e.Type().IsRegular() {
			d, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			data = string(d)
		}
		fmt.Fprintf(&b, "%s %v %q\n", rel, e.Type(), data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}
