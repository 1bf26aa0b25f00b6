package ledger_test

import (
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/budget-ledger/budget/pkg/check"
	"github.com/budget-ledger/budget/pkg/diag"
	"github.com/budget-ledger/budget/pkg/ledger"
)

// TestModelTablesSaysTheSame holds a ledger loaded with ModelTables (validate, totals,
// proposals, target) to one loaded whole: the same diagnostics and excerpt lines, the same
// Table 1, Table 2 and target. The bundled ledger has findings of every kind the checks across
// files give but broken references; a copy with a second file claiming proposal 1's number
// has those.
func TestModelTablesSaysTheSame(t *testing.T) {
	bundled := copyBundled(t)
	twice := fstest.MapFS{}
	for name, f := range bundled {
		twice[name] = f
		if strings.HasPrefix(name, "biu/01-") {
			twice["biu/99-"+strings.TrimPrefix(name, "biu/01-")] = f // synthetic: number 1 twice
		}
	}
	for name, fsys := range map[string]fstest.MapFS{"bundled": bundled, "a number used twice": twice} {
		t.Run(name, func(t *testing.T) {
			all, wantDiags, err := check.Load(fsys, "proposals", ledger.Options{Model: ledger.ModelAll})
			if err != nil {
				t.Fatal(err)
			}
			tables, gotDiags, err := check.Load(fsys, "proposals", ledger.Options{Model: ledger.ModelTables})
			if err != nil {
				t.Fatal(err)
			}
			if len(wantDiags) == 0 || !reflect.DeepEqual(wantDiags, gotDiags) {
				t.Errorf("diagnostics differ (or none): %d whole, %d tables-only", len(wantDiags), len(gotDiags))
			}
			if name != "bundled" && !wantDiags.HasErrors() {
				t.Error("a number used twice gave no error")
			}
			var want, got strings.Builder
			diag.WriteText(&want, wantDiags, all.Source, diag.Options{All: true})
			diag.WriteText(&got, gotDiags, tables.Source, diag.Options{All: true})
			if want.String() != got.String() {
				t.Error("the text of the diagnostics (with their excerpts) differs")
			}
			if !reflect.DeepEqual(all.Table2(), tables.Table2()) {
				t.Error("Table 2 differs")
			}
			if !reflect.DeepEqual(all.Totals(), tables.Totals()) {
				t.Error("Table 1 differs")
			}
			wt, wok := all.Target()
			gt, gok := tables.Target()
			if wok != gok || !reflect.DeepEqual(wt, gt) {
				t.Error("the target differs")
			}
			if len(tables.Sheets) != 0 {
				t.Errorf("a tables-only ledger kept %d Sheets", len(tables.Sheets))
			}
			if p := tables.Proposals[0]; p.Economy != nil || p.Summary != "" || p.FollowUp != nil || p.Acknowledged != nil {
				t.Errorf("a tables-only ledger kept proposal %d's own pages", p.Number)
			}
			defer func() {
				if recover() == nil {
					t.Error("a tables-only ledger laid out a Sheet from what it did not keep")
				}
			}()
			tables.Sheet(tables.Proposals[0])
		})
	}
}
