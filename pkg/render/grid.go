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

// Formats.
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
		return g.writeCSV(w)
	case Markdown:
		return g.writeMarkdown(w, l)
	}
	return g.writeTable(w, l)
}

// writeCSV writes the grid with exact figures; a text cell a spreadsheet would run as a formula
// is marked as text (escape.CSV).
func (g *grid) writeCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(g.header); err != nil {
		return err
	}
	for _, r := range g.rows {
		rec := make([]string, len(r.cells))
		for i, c := range r.cells {
			if c.num != nil {
				rec[i] = c.num.String()
			} else {
				rec[i] = escape.CSV(c.text)
			}
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
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
