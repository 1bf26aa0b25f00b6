package ledger_test

import (
	"io/fs"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/budget-ledger/budget/pkg/check"
	"github.com/budget-ledger/budget/pkg/ledger"
)

// copyBundled returns the bundled ledger as an in-memory file system that a test may change.
func copyBundled(t *testing.T) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	bundled := os.DirFS("../../proposals")
	err := fs.WalkDir(bundled, ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		src, err := fs.ReadFile(bundled, p)
		fsys[p] = &fstest.MapFile{Data: src, Mode: 0o644}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return fsys
}

// TestParallelLoadIsDeterministic loads the same ledger with one worker and with several, many
// times over, and wants the same proposals in the same order and the same diagnostics, byte for
// byte, whatever the scheduling. The ledger has a broken file and two files claiming one number,
// so that which file is "already used by" which is put to the test too.
func TestParallelLoadIsDeterministic(t *testing.T) {
	fsys := copyBundled(t)
	fsys["biu/99-copy.yaml"] = &fstest.MapFile{Data: fsys["biu/01-digitalt-samtykke.yaml"].Data}
	fsys["buu/98-broken.yaml"] = &fstest.MapFile{Data: []byte("schema: 1\nnumber: [\n")}

	run := func(workers int) (order []string, out string) {
		l, ds, err := ledger.LoadWith(fsys, "proposals", ledger.Options{Workers: workers})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range l.Proposals {
			order = append(order, p.Doc.File)
		}
		for _, d := range check.Run(l, ds) {
			out += d.String() + "\n"
		}
		return order, out
	}
	wantOrder, want := run(1)
	for _, code := range []string{"[duplicate-number]", "[yaml-syntax]"} {
		if !strings.Contains(want, code) {
			t.Fatalf("the test ledger lacks a %s finding:\n%s", code, want)
		}
	}
	for i := range 20 {
		workers := 2 + i%7
		order, got := run(workers)
		if !slices.Equal(order, wantOrder) || got != want {
			t.Fatalf("run %d with %d workers differs from one worker:\n%s\nwant:\n%s", i, workers, got, want)
		}
	}
}
