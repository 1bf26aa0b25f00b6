package render

import (
	"fmt"
	"io"

	"github.com/budget-ledger/budget/pkg/escape"
	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"
)

// writeTable draws the grid for a terminal. It is the only user of tablewriter. Every text, the
// caption and the notes too, has its hidden characters written visibly: a line feed or an escape
// sequence in a cell would break the grid or take over the terminal.
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
		header[i] = escape.Terminal(h)
	}
	t.Header(header...)
	for _, r := range g.rows {
		cells := make([]any, len(r.cells))
		for i, c := range r.cells {
			cells[i] = escape.Terminal(g.format(c, l))
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
