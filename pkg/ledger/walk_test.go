package ledger_test

import (
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/budget-ledger/budget/pkg/ledger"
)

// deniedDirFS is a file system in which one folder cannot be listed, as one without the read
// permission (which a test run as root could not make).
type deniedDirFS struct {
	fstest.MapFS
	denied string
}

func (d deniedDirFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if name == d.denied {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return d.MapFS.ReadDir(name)
}

// Every surprise of a ledger folder is said, with its path; nothing is skipped without a word.
// The data files here are synthetic and empty: the walk does not read them.
func TestWalkReportsEverySurprise(t *testing.T) {
	file := &fstest.MapFile{Data: []byte("schema: 1\n")}
	fsys := deniedDirFS{denied: "locked", MapFS: fstest.MapFS{
		"catalog.yaml":                 file,
		"aaa/01-a.yaml":                file,
		"aaa/.01-a.yaml.tmp-3127":      file, // fmt killed between writing and renaming
		"aaa/.02-b.yml.tmp-9":          file, // new killed before its link: no 02-b.yml
		"aaa/.notes.txt.tmp-1":         file, // not a data file's: none of the ledger's business
		"aaa/02-upper.YAML":            file,
		"aaa/03-mixed.Yml":             file,
		"aaa/README.md":                file,
		"aaa/04-x.yaml.orig":           file,
		"bbb.yaml/05-inside.yaml":      file, // a folder named like a data file
		"bbb.yaml/.keep":               file,
		"ccc.YAML/06-inside.yaml":      file, // a folder: its name is not a data file's name
		"locked/07-hidden.yaml":        file,
		"link.yaml":                    &fstest.MapFile{Data: []byte("aaa/01-a.yaml"), Mode: fs.ModeSymlink | 0o777},
		"aaa/.03-c.yaml.tmp-1/x.txt":   file, // a folder, not a temporary file
		"aaa/.01-a.yaml.tmp-12a":       file, // not the pattern
		"cross-cutting/.x.yaml.tmp-77": file,
	}}
	l, ds, err := ledger.Walk(fsys, "proposals", ledger.Options{})
	if err != nil {
		t.Fatal(err)
	}
	wantFiles := []string{"aaa/01-a.yaml", "bbb.yaml/05-inside.yaml", "catalog.yaml", "ccc.YAML/06-inside.yaml"}
	if !slices.Equal(l.Files, wantFiles) {
		t.Errorf("files = %q, want %q", l.Files, wantFiles)
	}
	wantLeftovers := []string{"aaa/.01-a.yaml.tmp-3127", "aaa/.02-b.yml.tmp-9", "cross-cutting/.x.yaml.tmp-77"}
	if !slices.Equal(l.Leftovers, wantLeftovers) {
		t.Errorf("leftovers = %q, want %q", l.Leftovers, wantLeftovers)
	}
	ds.Sort()
	var got []string
	for _, d := range ds {
		got = append(got, d.String())
	}
	want := `proposals/aaa/.01-a.yaml.tmp-3127: warning: temporary file of an interrupted write of 01-a.yaml: budget fmt removes it [leftover]
proposals/aaa/.02-b.yml.tmp-9: warning: temporary file of an interrupted write of 02-b.yml: budget fmt removes it [leftover]
proposals/aaa/02-upper.YAML: error: not read: a data file's name ends in .yaml or .yml, in lower case, not .YAML [file-name]
proposals/aaa/03-mixed.Yml: error: not read: a data file's name ends in .yaml or .yml, in lower case, not .Yml [file-name]
proposals/bbb.yaml: warning: a folder named like a data file: its files are read, but rename it so that it is not taken for one [file-name]
proposals/cross-cutting/.x.yaml.tmp-77: warning: temporary file of an interrupted write of x.yaml: budget fmt removes it [leftover]
proposals/link.yaml: error: symbolic links are not followed: put the file itself in the ledger [symlink]
proposals/locked: error: cannot read folder: permission denied [read]`
	if g := strings.Join(got, "\n"); g != want {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", g, want)
	}

	// Load reads what Walk lists, and only that: a leftover is never taken for a proposal.
	_, lds, err := ledger.LoadWith(fsys, "proposals", ledger.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range lds {
		if strings.Contains(d.Pos.File, ".tmp-") && d.Code != "leftover" {
			t.Errorf("a leftover was read as data: %s", d)
		}
	}
}

// A ledger folder that cannot be listed at all is an error of the run, not a diagnostic.
func TestWalkUnreadableRoot(t *testing.T) {
	fsys := deniedDirFS{denied: ".", MapFS: fstest.MapFS{"catalog.yaml": {}}}
	if _, _, err := ledger.Walk(fsys, "proposals", ledger.Options{}); err == nil || !strings.Contains(err.Error(), "permission denied") {
		t.Fatalf("Walk error = %v, want permission denied", err)
	}
}
