package render

import (
	"fmt"
	"io"
	"strconv"

	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/shopspring/decimal"
)

// Budgets writes the budgets of a ledger: each one's year, folder, catalog name, years, number
// of proposals and cross-cutting proposals, and status.
func Budgets(w io.Writer, bs []ledger.BudgetInfo, f Format, l Lang) error {
	if f == JSON {
		return writeJSON(w, budgetsOf(bs))
	}
	g := &grid{places: -1,
		header:  []string{"Budget", l.word("Mappe", "Folder"), l.word("Katalog", "Catalog"), l.word("År", "Years"), l.word("Forslag", "Proposals"), l.word("Tværgående", "Cross-cutting"), "Status"},
		numeric: []bool{false, false, false, false, true, true, false}}
	for _, b := range bs {
		g.rows = append(g.rows, gridRow{cells: []cell{txt(strconv.Itoa(b.Year)), txt(b.Folder), txt(b.Name), txt(yearRange(b.Years)),
			num(decimal.NewFromInt(int64(b.Proposals))), num(decimal.NewFromInt(int64(b.CrossCutting))), txt(status(b.Draft, l))}})
	}
	return g.write(w, f, l)
}

// yearRange is a catalog's years as a span: 2026-2030; one year alone; "" for none.
func yearRange(ys []int) string {
	switch len(ys) {
	case 0:
		return ""
	case 1:
		return strconv.Itoa(ys[0])
	}
	return fmt.Sprintf("%d-%d", ys[0], ys[len(ys)-1])
}

func status(draft bool, l Lang) string {
	if draft {
		return l.word("kladde", "draft")
	}
	return l.word("offentliggjort", "published")
}
