package cli

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/budget-ledger/budget/pkg/render"
)

// TestWriteFolderWholeOrNotAtAll: a package replaces the one budget wrote before, and a failure
// just before the new folder takes its place leaves the old one as it was, and nothing beside
// it (no temporary or moved-aside folder).
func TestWriteFolderWholeOrNotAtAll(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "fdp")
	pkg := func(csv string) []render.FiscalFile {
		return []render.FiscalFile{
			{Name: "datapackage.json", Data: []byte(`{"profile": "fiscal-data-package"}` + "\n")},
			{Name: "table2.csv", Data: []byte(csv)},
		}
	}
	read := func() string {
		data, err := os.ReadFile(filepath.Join(out, "table2.csv"))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	for _, csv := range []string{"synthetic,1\n", "synthetic,2\n"} {
		if err := checkOutputFolder(out, "fdp"); err != nil {
			t.Fatal(err)
		}
		if err := writeFolder(out, pkg(csv)); err != nil {
			t.Fatal(err)
		}
		if got := read(); got != csv {
			t.Errorf("table2.csv = %q, want %q", got, csv)
		}
		if got := dirNames(t, dir); !slices.Equal(got, []string{"fdp"}) {
			t.Errorf("beside the package: %q, want only fdp", got)
		}
	}

	beforeFolderRename = func(string) error { return errors.New("synthetic failure") }
	defer func() { beforeFolderRename = func(string) error { return nil } }()
	err := writeFolder(out, pkg("synthetic,3\n"))
	if err == nil || err.Error() != "cannot write "+out+": synthetic failure" {
		t.Errorf("error %v, want cannot write %s: synthetic failure", err, out)
	}
	if got := read(); got != "synthetic,2\n" {
		t.Errorf("after a failed write table2.csv = %q, want the old synthetic,2", got)
	}
	if got := dirNames(t, dir); !slices.Equal(got, []string{"fdp"}) {
		t.Errorf("after a failed write, beside the package: %q, want only fdp", got)
	}
}
