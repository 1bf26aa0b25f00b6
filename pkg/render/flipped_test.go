package render

import (
	"bytes"
	"strings"
	"testing"

	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/shopspring/decimal"
)

// flippedSheet is synthetic: a catalog row whose 2026 figure is the proposal's own permanent
// change with its sign unturned (flipped), and whose 2027 figure differs.
func flippedSheet(flipped bool) ledger.Sheet {
	cell := func(s string) ledger.Cell { return ledger.Cell{Value: decimal.RequireFromString(s), Printed: true} }
	return ledger.Sheet{Number: 10, Title: "Fortegn", Kind: "efficiency", Catalog: ledger.CatalogSheet{
		Title: "Fortegn", Unit: "1.000 kr.", Years: []int{2026, 2027},
		Contribution: ledger.Cells{cell("50"), cell("70")}, Own: ledger.Cells{cell("-50"), cell("-60")},
		Differs: []bool{false, true}, Flipped: []bool{flipped, false}, ImplementationCosts: ptr(decimal.Zero),
	}}
}

// TestSheetFlippedCatalogCell: show marks a flipped catalog cell ± with a legend of its own, in
// both languages and only where such a cell is shown, and its JSON lists the flipped years
// beside differs, leaving the key out where there are none.
func TestSheetFlippedCatalogCell(t *testing.T) {
	render := func(s ledger.Sheet, f Format, l Lang) string {
		var b bytes.Buffer
		if err := Sheets(&b, []ledger.Sheet{s}, f, l); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	tests := []struct {
		name    string
		flipped bool
		f       Format
		l       Lang
		want    []string
		notWant []string
	}{
		{"table da", true, Table, Danish, []string{
			"│ Tabel 1: varig ændring, med katalogets fortegn │ -50 ± │ -60 ≠ │                  0 │\n",
			"\n≠: kataloget trykker et andet tal end forslagets egen Tabel 1 (samlet investering: implementeringsomkostningerne)\n" +
				"±: kataloget trykker forslagets eget tal med modsat fortegn: en fortegnsfejl i forslaget eller i kataloget (validate: sign), ikke en afvigelse\n",
		}, nil},
		{"markdown en", true, Markdown, English, []string{
			"| Table 1: permanent change, catalog's sign | -50 ± | -60 ≠ | 0 |\n",
			"\n±: the catalog prints the proposal's own figure with the other sign: a sign error in the proposal or in the catalog (validate: sign), not a difference\n",
		}, nil},
		{"json", true, JSON, English, []string{`"differs": [
          2027
        ],
        "flipped": [
          2026
        ],
`}, nil},
		{"table without a flipped cell", false, Table, English, []string{"│  -50 │ -60 ≠ │"}, []string{"±"}},
		{"json without a flipped cell", false, JSON, English, nil, []string{`"flipped"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := render(flippedSheet(tt.flipped), tt.f, tt.l)
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("output:\n%s\nwant it to contain\n%s", got, w)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(got, w) {
					t.Errorf("output:\n%s\nwant no %s", got, w)
				}
			}
		})
	}
}
