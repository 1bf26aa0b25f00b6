package render

import (
	"bytes"
	"os"
	"testing"

	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/budget-ledger/budget/pkg/proposal"
)

// TestExportIsWriteJSON holds Export, which writes one file's value at a time, to the bytes of
// writeJSON over the whole ledger at once: for the bundled ledger, and for the empty and nil
// lists and the missing catalog that a broken ledger has.
func TestExportIsWriteJSON(t *testing.T) {
	bundled, _, err := ledger.Load(os.DirFS("../../proposals"), "proposals")
	if err != nil {
		t.Fatal(err)
	}
	one := &ledger.Ledger{Proposals: bundled.Proposals[:1], CrossCutting: []*proposal.CrossCutting{}}
	for name, l := range map[string]*ledger.Ledger{
		"bundled": bundled, "empty": {}, "one proposal, no catalog": one,
	} {
		t.Run(name, func(t *testing.T) {
			var got, want bytes.Buffer
			if err := Export(&got, ExportLedger{Catalog: l.Catalog, Proposals: l.Proposals, CrossCutting: l.CrossCutting}); err != nil {
				t.Fatal(err)
			}
			if err := writeJSON(&want, struct {
				Catalog      any `json:"catalog"`
				Proposals    any `json:"proposals"`
				CrossCutting any `json:"cross_cutting"`
			}{l.Catalog, l.Proposals, l.CrossCutting}); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				t.Errorf("Export differs from writeJSON:\n%s\nwant:\n%s", got.Bytes(), want.Bytes())
			}
		})
	}
}
