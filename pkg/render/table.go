package render

import (
	"fmt"
	"io"

	"github.com/budget-ledger/budget/pkg/escape"
	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"
)

// maxCell is the most characters a table cell shows: the grid pads every row to its widest cell,
// so one label of megabytes would be printed again in every row. A longer text keeps its start and
// end around "…"; csv, json and markdown give it whole.
const maxCell = 200

// writeTable draws the grid for a terminal. It is the only user of tablewriter. Every text, the
// caption and the notes too, has its hidden characters written visibly: a line feed or an escape
// sequence in a cell would break the grid or take over the terminal. A cell shows at most
// maxCell characters.
func (g *grid) writeTable(w io.Writer, l Lang) error {
	if g.caption != "" {
		if _, err := fmt.Fprintln(w, escape.Terminal(g.caption)); err != nil {
			return err
		}
	}
	align := make(tw.Alignment, len(g.header))
	for i, n := range g.numeric {
		align[i] = tw.AlignLeft
		if n {
			align[i] = tw.AlignRight
		}
	}
	t := tablewriter.NewTable(w,
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithAlignment(align),
		tablewriter.WithRowAutoWrap(tw.WrapNone),
	)
	header := make([]any, len(g.header))
	for i, h := range g.header {
		header[i] = escape.Shorten(escape.Terminal(h), maxCell)
	}
	t.Header(header...)
	for _, r := range g.rows {
		if r.repeats {
			continue
		}
		cells := make([]any, len(r.cells))
		for i, c := range r.cells {
			cells[i] = escape.Shorten(escape.Terminal(g.format(c, l)), maxCell)
		}
		if err := t.Append(cells...); err != nil {
			return err
		}
	}
	if err := t.Render(); err != nil {
		return err
	}
	for _, n := range g.notes {
		if _, err := fmt.Fprintln(w, escape.Terminal(n)); err != nil {
			return err
		}
	}
	return nil
}
