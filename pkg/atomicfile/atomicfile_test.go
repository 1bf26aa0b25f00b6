package atomicfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
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
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range es {
		got = append(got, e.Name())
	}
	if len(got) != len(names) {
		t.Fatalf("directory holds %v, want only %v (no temporary files left)", got, names)
	}
	for i := range got {
		if got[i] != names[i] {
			t.Fatalf("directory holds %v, want only %v", got, names)
		}
	}
}
