package render

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"

	"github.com/budget-ledger/budget/pkg/escape"
	"github.com/budget-ledger/budget/pkg/ledger"
)

// Compare writes two budgets side by side: per committee its Table 1 in each and the change,
// then the proposals continued, new and ended.
func Compare(w io.Writer, c ledger.Comparison, f Format, l Lang) error {
	switch f {
	case JSON:
		return writeJSON(w, compareOf(c))
	case CSV:
		return compareCSV(w, c)
	}
	return writeBlocks(w, compareBlocks(c, l), f, l)
}

func compareBlocks(c ledger.Comparison, l Lang) []block {
	from, to := fmt.Sprintf("Budget %d", c.From), fmt.Sprintf("Budget %d", c.To)
	priceLevel := c.PriceLevel[1]
	if c.PriceLevel[0] != c.PriceLevel[1] {
		priceLevel = c.PriceLevel[0] + " / " + c.PriceLevel[1]
	}
	g := newGrid(c.Unit, priceLevel, l, selectionNotes(c.Selection, l)...)
	g.header = append([]string{l.word("Udvalg", "Committee")}, yearHeader(c.Years)...)
	g.numeric = make([]bool, len(g.header))
	for i := 1; i < len(g.numeric); i++ {
		g.numeric[i] = true
	}
	add := func(style rowStyle, name string, ch ledger.Change) {
		g.rows = append(g.rows, gridRow{style: groupRow, cells: append([]cell{txt(name)}, make([]cell, len(c.Years))...)})
		g.rows = append(g.rows,
			gridRow{cells: append([]cell{txt("  " + from)}, printedCells(ch.From)...)},
			gridRow{cells: append([]cell{txt("  " + to)}, printedCells(ch.To)...)},
			gridRow{style: style, cells: append([]cell{txt(l.word("  Ændring", "  Change"))}, printedCells(ch.Change)...)})
	}
	for _, k := range c.Committees {
		add(plainRow, k.Name, k.Change)
	}
	add(totalRow, l.word("I alt", "Total"), c.Total)

	p := &grid{header: []string{"", from, to, l.word("Titel", "Title"), l.word("Udvalg", "Committee")}, numeric: []bool{false, true, true, false, false}}
	number := func(n int) cell {
		if n == 0 {
			return txt("")
		}
		return txt(strconv.Itoa(n))
	}
	for _, ch := range c.Proposals {
		p.rows = append(p.rows, gridRow{cells: []cell{txt(statusName(ch.Status, l)), number(ch.FromNumber), number(ch.ToNumber), txt(ch.Title), txt(ch.Committee)}})
	}
	bs := []block{{heading: fmt.Sprintf(l.word("Tabel 1 i budget %d og %d", "Table 1 in budget %d and %d"), c.From, c.To), grid: g}}
	if len(p.rows) > 0 {
		bs = append(bs, block{heading: l.word("Forslag fortsat, nye og ophørt", "Proposals continued, new and ended"), grid: p})
	}
	return bs
}

func statusName(s string, l Lang) string {
	switch s {
	case ledger.Continued:
		return l.word("fortsat", "continued")
	case ledger.New:
		return l.word("ny", "new")
	}
	return l.word("ophørt", "ended")
}

// compareCSV writes the comparison one figure a line (committee, year, each budget's figure and
// the change), then one line a proposal with its status: a long table a spreadsheet or pandas
// reads as it is.
func compareCSV(w io.Writer, c ledger.Comparison) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"row", "committee_id", "committee", "year", "from", "to", "change", "from_number", "to_number", "title", "unit"})
	str := func(x ledger.Cell) string {
		if !x.Printed {
			return ""
		}
		return x.Value.String()
	}
	figures := func(row, id, name string, ch ledger.Change) {
		for i, y := range c.Years {
			_ = cw.Write([]string{row, escape.CSV(id), escape.CSV(name), strconv.Itoa(y), str(ch.From[i]), str(ch.To[i]), str(ch.Change[i]), "", "", "", escape.CSV(c.Unit)})
		}
	}
	for _, k := range c.Committees {
		figures("committee", k.ID, k.Name, k.Change)
	}
	figures("total", "", "", c.Total)
	num := func(n int) string {
		if n == 0 {
			return ""
		}
		return strconv.Itoa(n)
	}
	for _, p := range c.Proposals {
		_ = cw.Write([]string{p.Status, escape.CSV(p.Committee), "", "", "", "", "", num(p.FromNumber), num(p.ToNumber), escape.CSV(p.Title), ""})
	}
	cw.Flush()
	return cw.Error()
}
