package render

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"github.com/budget-ledger/budget/pkg/escape"
	"github.com/shopspring/decimal"
)

// Format is an output format of the reports.
type Format string

// Formats. Table is the one for people (a terminal's grids and pages), which the command line
// calls text.
const (
	Table    Format = "table"
	CSV      Format = "csv"
	JSON     Format = "json"
	Markdown Format = "markdown"
)

// cell is a grid cell: text, or a number formatted by the writer (plain in CSV).
type cell struct {
	text string
	num  *decimal.Decimal
	link string // an anchor in the HTML report ("forslag-1"); other writers ignore it
	// computed is budget's figure where a declared one differs; the HTML report marks the cell.
	computed *decimal.Decimal
	mark     string // appended in the table and markdown formats, e.g. " ≠" for a difference
}

func txt(s string) cell { return cell{text: s} }

func num(d decimal.Decimal) cell { return cell{num: &d} }

// rowStyle tells writers how to set a row off: a committee row, a section heading, a total.
type rowStyle int

const (
	plainRow rowStyle = iota
	groupRow
	sectionRow
	totalRow
)

type gridRow struct {
	style rowStyle
	cells []cell
	// id is the row's committee id, which CSV writes in a column of its own (see grid.idHeader).
	id string
	// repeats marks a total that repeats the one row it adds up (one committee shown): the
	// table and markdown formats leave it out, CSV keeps it, so that a machine reads one
	// layout whatever is selected.
	repeats bool
}

// totalOf is the total row of cells, which adds up the rows summed: it repeats the one row it
// adds up where the figures of both, from column from on, are the same (gridRow.repeats).
func totalOf(cells []cell, summed []gridRow, from int) gridRow {
	total := gridRow{style: totalRow, cells: cells}
	if len(summed) != 1 || len(summed[0].cells) != len(cells) {
		return total
	}
	for i := from; i < len(cells); i++ {
		a, b := summed[0].cells[i], cells[i]
		switch {
		case (a.num == nil) != (b.num == nil), a.mark != b.mark:
			return total
		case a.num != nil && !a.num.Equal(*b.num), a.num == nil && a.text != b.text:
			return total
		}
	}
	total.repeats = true
	return total
}

// grid is a report laid out as rows and columns, before formatting.
type grid struct {
	caption string // unit and price level, e.g. "1.000 kr. 2026 p/l"
	// places rounds numbers to that many decimals in the table and markdown formats; exact
	// where it is negative. The caption says so (see roundingFor).
	places  int32
	header  []string
	numeric []bool // per column: right-aligned numbers
	rows    []gridRow
	notes   []string
	// idHeader, where set, heads the column of the rows' ids that CSV writes before column
	// idAt: a committee's id beside its name.
	idHeader string
	idAt     int
	// unit and priceLevel are the amounts' unit and price level as data ("1.000 kr.",
	// "2026 p/l"), which CSV writes in two columns after the last column of figures; the other
	// formats say them in the caption.
	unit, priceLevel string
}

func (g *grid) format(c cell, l Lang) string {
	switch {
	case c.num == nil:
		return c.text + c.mark
	case g.places >= 0:
		return l.Rounded(*c.num, g.places) + c.mark
	}
	return l.Number(*c.num) + c.mark
}

func (g *grid) write(w io.Writer, f Format, l Lang) error {
	switch f {
	case CSV:
		return g.writeCSV(w, l)
	case Markdown:
		return g.writeMarkdown(w, l)
	}
	return g.writeTable(w, l)
}

// writeCSV writes the grid with exact figures, every row (a total that repeats its one row
// too); a text cell a spreadsheet would run as a formula is marked as text (escape.CSV). The
// rows' ids and the unit and price level are columns of their own, so that a spreadsheet or
// pandas reads the file as it is, its header the first line.
func (g *grid) writeCSV(w io.Writer, l Lang) error {
	last := -1 // the unit columns follow this one, the last of figures
	if g.unit != "" || g.priceLevel != "" {
		for i, n := range g.numeric {
			if n {
				last = i
			}
		}
	}
	record := func(id string, cells, unit []string) []string {
		rec := make([]string, 0, len(cells)+3)
		for i, c := range cells {
			if g.idHeader != "" && i == g.idAt {
				rec = append(rec, id)
			}
			rec = append(rec, c)
			if i == last {
				rec = append(rec, unit...)
			}
		}
		return rec
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(record(g.idHeader, g.header, []string{l.word("Enhed", "Unit"), l.word("Prisniveau", "Price level")})); err != nil {
		return err
	}
	units := unitCells(g.unit, g.priceLevel)
	for _, r := range g.rows {
		rec := make([]string, len(r.cells))
		for i, c := range r.cells {
			if c.num != nil {
				rec[i] = c.num.String()
			} else {
				rec[i] = escape.CSV(c.text)
			}
		}
		if err := cw.Write(record(escape.CSV(r.id), rec, units)); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// unitCells are the CSV cells of a unit and a price level: the ledger's text, as data, in every
// language (as JSON's "unit" and "price_level"), neutralised as every text cell is.
func unitCells(unit, priceLevel string) []string {
	return []string{escape.CSV(unit), escape.CSV(priceLevel)}
}

// writeMarkdown writes the grid as a GitHub table, each text as escape.Markdown makes it: one
// line, | escaped, no markup of its own.
func (g *grid) writeMarkdown(w io.Writer, l Lang) error {
	var b strings.Builder
	if g.caption != "" {
		fmt.Fprintf(&b, "_%s_\n\n", escape.Markdown(g.caption))
	}
	header := make([]string, len(g.header))
	for i, h := range g.header {
		header[i] = escape.Markdown(h)
	}
	b.WriteString("| " + strings.Join(header, " | ") + " |\n|")
	for i := range g.header {
		if g.numeric[i] {
			b.WriteString(" ---: |")
		} else {
			b.WriteString(" --- |")
		}
	}
	b.WriteByte('\n')
	for _, r := range g.rows {
		if r.repeats {
			continue
		}
		b.WriteString("|")
		for _, c := range r.cells {
			s := g.format(c, l)
			if c.num == nil {
				s = escape.Markdown(c.text) + c.mark
			}
			if s != "" && (r.style == groupRow || r.style == totalRow) {
				s = "**" + s + "**"
			} else if s != "" && r.style == sectionRow {
				s = "_" + s + "_"
			}
			if s == "" {
				b.WriteString(" |")
			} else {
				b.WriteString(" " + s + " |")
			}
		}
		b.WriteByte('\n')
	}
	for _, n := range g.notes {
		fmt.Fprintf(&b, "\n%s\n", escape.Markdown(n))
	}
	_, err := io.WriteString(w, b.String())
	return err
}
