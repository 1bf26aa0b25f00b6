package ledger_test

import (
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/budget-ledger/budget/pkg/check"
	"github.com/budget-ledger/budget/pkg/diag"
	"github.com/budget-ledger/budget/pkg/ledger"
)

// bundledMap copies the bundled ledger into memory, so that a test may change its files.
func bundledMap(t *testing.T) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	files, _, err := ledger.Files(os.DirFS("../../proposals"), "proposals", ledger.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		b, err := os.ReadFile("../../proposals/" + f)
		if err != nil {
			t.Fatal(err)
		}
		m[f] = &fstest.MapFile{Data: b}
	}
	return m
}

func lines(ds diag.List) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.String()+" "+d.Reason)
	}
	return out
}

// TestReuseLoadsAsLoadWith changes a proposal and the catalog in turn and compares what Reuse
// gives after reloading only the changed file with a whole load of the changed ledger.
func TestReuseLoadsAsLoadWith(t *testing.T) {
	m := bundledMap(t)
	opts := ledger.Options{Check: check.File}
	r, err := ledger.NewReuse(m, "proposals", opts)
	if err != nil {
		t.Fatal(err)
	}
	same := func(step string) {
		t.Helper()
		want, wantDs, err := ledger.LoadWith(m, "proposals", opts)
		if err != nil {
			t.Fatal(err)
		}
		got, gotDs := r.Ledger()
		if a, b := lines(check.Run(want, wantDs)), lines(check.Run(got, gotDs)); !slices.Equal(a, b) {
			t.Errorf("%s: Reuse gives\n%q\nLoadWith gives\n%q", step, b, a)
		}
		if len(got.Proposals) != len(want.Proposals) || len(got.Docs) != len(want.Docs) || len(got.Sheets) != len(want.Sheets) {
			t.Errorf("%s: Reuse holds %d proposals, %d docs, %d sheets; LoadWith %d, %d, %d", step,
				len(got.Proposals), len(got.Docs), len(got.Sheets), len(want.Proposals), len(want.Docs), len(want.Sheets))
		}
	}
	same("as loaded")
	const p = "buu/05-vikardaekning-dagtilbud.yaml"
	m[p] = &fstest.MapFile{Data: []byte(replace(string(m[p].Data), "          2027: -3968\n          2028", "          2027: -3000\n          2028"))}
	r.Reload(p)
	same("a proposal's total changed")
	m[ledger.CatalogFile] = &fstest.MapFile{Data: []byte(replace(string(m[ledger.CatalogFile].Data), "2026: 1791", "2026: 1792"))}
	r.Reload(ledger.CatalogFile)
	same("the catalog changed")
	m["buu/99-new.yaml"] = &fstest.MapFile{Data: []byte("schema: 1\n")}
	r.Reload("buu/99-new.yaml")
	if r.Has("buu/99-new.yaml") {
		t.Error("Reload took in a file the walk had not found")
	}
	if err := r.Rescan(); err != nil {
		t.Fatal(err)
	}
	same("a file made")
}

func replace(s, old, new string) string {
	if !strings.Contains(s, old) {
		panic("no " + old)
	}
	return strings.Replace(s, old, new, 1)
}
