package ledger

import (
	"fmt"

	"github.com/budget-ledger/budget/pkg/proposal"
	"github.com/shopspring/decimal"
)

// Asserted is the catalog's printed Table 1 and Table 2, as its assertions hold them, beside the
// tables the proposals add up to: what validate reports as table-mismatch. Table1 and Table2 are
// nil where the catalog asserts no such table.
type Asserted struct {
	Table1, Table2 *AssertedTable
}

// AssertedTable is a printed table: its committee rows in printed order, then its total (I alt).
type AssertedTable struct {
	Rows  []AssertedRow
	Total AssertedRow
}

// AssertedRow is a printed row of Table 1 or Table 2 beside the one computed. Amounts count an
// empty cell as differing, since a printed table leaves none empty; Investment (Table 2 only,
// else nil) counts a blank as nothing invested.
type AssertedRow struct {
	// Committee is the id the row names, "" for the total; Name is Table 1's name of that
	// committee. Known is false where the catalog has no such committee: then nothing is
	// compared, and Amounts and Investment are zero.
	Committee  string
	Name       string
	Known      bool
	Path       string `json:"-"` // the row's document path, e.g. "assertions.table2.rows.3"
	Amounts    ComparedLine
	Investment *ComparedFigure
}

// ComparedFigure is one printed figure beside the one budget computes.
type ComparedFigure struct {
	Declared *decimal.Decimal // nil for a blank
	Computed decimal.Decimal
	Differs  bool
	Path     string `json:"-"` // the printed figure's document path
}

// Compare holds the catalog's printed tables a against t, which must be the whole ledger's
// Table 2, not a filtered one.
func (t Table2) Compare(a proposal.Assertions) Asserted {
	byID := make(map[string]*Table2Committee, len(t.Committees))
	for i := range t.Committees {
		byID[t.Committees[i].ID] = &t.Committees[i]
	}
	rows := func(p string, rs []proposal.CommitteeRow, withInvestment bool) []AssertedRow {
		out := make([]AssertedRow, len(rs))
		for i, r := range rs {
			rp := fmt.Sprintf("%s.rows.%d", p, i)
			out[i] = AssertedRow{Committee: r.Committee, Path: rp}
			k, ok := byID[r.Committee]
			if !ok {
				continue
			}
			out[i].Name, out[i].Known = k.Name, true
			out[i].Amounts = asserted(r.Amounts, k.Amounts, rp+".amounts", t.Years)
			if withInvestment {
				out[i].Investment = assertedFigure(r.TotalInvestment, k.TotalInvestment, rp+".total_investment")
			}
		}
		return out
	}
	var as Asserted
	if a1 := a.Table1; a1 != nil {
		p := "assertions.table1"
		as.Table1 = &AssertedTable{Rows: rows(p, a1.Rows, false),
			Total: AssertedRow{Known: true, Path: p + ".total", Amounts: asserted(a1.Total, t.Total, p+".total", t.Years)}}
	}
	if a2 := a.Table2; a2 != nil {
		p := "assertions.table2"
		as.Table2 = &AssertedTable{Rows: rows(p, a2.Rows, true),
			Total: AssertedRow{Known: true, Path: p + ".total", Amounts: asserted(a2.Total.Amounts, t.Total, p+".total.amounts", t.Years),
				Investment: assertedFigure(a2.Total.TotalInvestment, t.TotalInvestment, p+".total.total_investment")}}
	}
	return as
}

// asserted compares a printed row, in which an empty cell differs, with the computed one.
func asserted(printed proposal.Amounts, computed Figures, path string, years []int) ComparedLine {
	c := ComparedLine{Declared: cellsOf(printed, years), Computed: computed, Differs: make([]bool, len(years)),
		Path: path, Years: years}
	for i, d := range c.Declared {
		c.Differs[i] = !d.Printed || !d.Value.Equal(computed[i])
	}
	return c
}

func assertedFigure(printed *proposal.Amount, computed decimal.Decimal, path string) *ComparedFigure {
	d := decimalOrNil(printed)
	return &ComparedFigure{Declared: d, Computed: computed, Differs: blankDiffers(d, computed), Path: path}
}

// blankDiffers compares a printed total investment with the computed one; a blank (nil) asserts
// that nothing is invested.
func blankDiffers(printed *decimal.Decimal, computed decimal.Decimal) bool {
	if printed == nil {
		return !computed.IsZero()
	}
	return !printed.Equal(computed)
}
