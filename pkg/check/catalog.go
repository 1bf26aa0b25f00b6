package check

import (
	"fmt"
	"slices"

	"github.com/budget-ledger/budget/pkg/diag"
	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/budget-ledger/budget/pkg/msg"
	"github.com/budget-ledger/budget/pkg/proposal"
)

// catalog words the differences between the catalog's printed tables and what the proposals
// add up to, as ledger.Table2.Compare finds them, and checks the intro's figures.
func (c *checker) catalog() {
	cat := c.l.Catalog
	if cat == nil {
		return
	}
	d := cat.Doc
	// A draft's figures are budget catalog sync's to write: those out of step are one finding
	// that says to run it, not one for each figure.
	draft := cat.Draft()
	as := c.l.Table2().Compare(cat.Assertions)
	rows := func(table msg.Text, printed []proposal.CommitteeRow, rs []ledger.AssertedRow) {
		for i, r := range rs {
			if !r.Known {
				c.errorf(d, proposal.Join(r.Path, "committee"), CodeUnknownCommittee, "unknown committee %s: the catalog has %s", diag.Quote(r.Committee), c.committeeIDs())
				continue
			}
			what := msg.Newf("%s prints for %s", table, diag.Clip(r.Name))
			c.years(d, r.Amounts.Path, printed[i].Amounts, cat.Years, catalogColumns)
			if draft {
				continue // the figures sync writes: outOfStep counts them
			}
			c.figures(d, r.Amounts, what)
			if r.Investment != nil {
				c.investment(d, *r.Investment, what)
			}
		}
	}
	if t := as.Table1; t != nil {
		rows(msg.Newf("Table 1"), cat.Assertions.Table1.Rows, t.Rows)
		c.years(d, t.Total.Amounts.Path, cat.Assertions.Table1.Total, cat.Years, catalogColumns)
		if !draft {
			c.figures(d, t.Total.Amounts, msg.Newf("Table 1 prints as I alt"))
		}
	}
	if t := as.Table2; t != nil {
		rows(msg.Newf("Table 2"), cat.Assertions.Table2.Rows, t.Rows)
		c.years(d, t.Total.Amounts.Path, cat.Assertions.Table2.Total.Amounts, cat.Years, catalogColumns)
		if !draft {
			c.figures(d, t.Total.Amounts, msg.Newf("Table 2 prints as I alt"))
			c.investment(d, *t.Total.Investment, msg.Newf("Table 2 prints as I alt"))
		}
	}
	c.intro(draft)
	if draft {
		c.outOfStep()
	}
}

// outOfStep warns once at a draft catalog's status when any figure that budget catalog sync
// writes differs from what its proposals imply (ledger.Implied, which sync writes from): how
// many, and in which tables. It stands for the table-mismatch and intro-mismatch findings a
// published catalog would have, and for the rows and tables the draft lacks.
func (c *checker) outOfStep() {
	im := c.l.Implied()
	n := len(im.Figures)
	if n == 0 {
		return
	}
	var tables []msg.Text
	for _, t := range im.Tables() {
		switch t {
		case 1:
			tables = append(tables, msg.Newf("Table 1"))
		case 2:
			tables = append(tables, msg.Newf("Table 2"))
		default:
			tables = append(tables, msg.Newf("the intro"))
		}
	}
	if n == 1 {
		c.warnf(c.l.Catalog.Doc, "status", CodeCatalogOutOfStep,
			"the catalog is a draft and 1 figure in %s differs from what its proposals add up to: run budget catalog sync", andList(tables))
		return
	}
	c.warnf(c.l.Catalog.Doc, "status", CodeCatalogOutOfStep,
		"the catalog is a draft and %d figures in %s differ from what its proposals add up to: run budget catalog sync", n, andList(tables))
}

// andList lists words as a sentence does: "a", "a and b", "a, b and c".
func andList(ws []msg.Text) msg.Text {
	switch len(ws) {
	case 0:
		return msg.Text{}
	case 1:
		return ws[0]
	case 2:
		return msg.Newf("%s and %s", ws[0], ws[1])
	}
	return msg.Newf("%s, %s", ws[0], andList(ws[1:]))
}

// figures warns at each year where a printed row differs from its proposals' sum.
func (c *checker) figures(d *proposal.Document, line ledger.ComparedLine, what msg.Text) {
	c.differences(d, line, CodeTableMismatch, func(shown any, year int, computed string) msg.Text {
		return msg.Newf("%s %s in %d, but its proposals add up to %s", what, shown, year, computed)
	})
}

// investment warns at a printed total investment that differs; a blank asserts that nothing is invested.
func (c *checker) investment(d *proposal.Document, f ledger.ComparedFigure, what msg.Text) {
	if f.Differs {
		c.warnf(d, f.Path, CodeTableMismatch, "%s a total investment of %s, but its proposals add up to %s", what, investmentText(f.Declared), fmtDec(f.Computed))
	}
}

// intro checks the intro's stated figures, as ledger.Target compares them: the approved
// efficiencies against Table 1's total (rounded as the intro rounds), and the delivered sum
// against the target and the other contributions; in a draft only their years.
func (c *checker) intro(draft bool) {
	cat := c.l.Catalog
	t, ok := c.l.Target()
	if !ok {
		return
	}
	d := cat.Doc
	for _, ya := range cat.Intro.Approved {
		if !slices.Contains(cat.Years, ya.Year) {
			c.errorf(d, fmt.Sprintf("intro.approved.%d", ya.Year), CodeUnknownYear, "year %d is not one of the catalog's years (%s)", ya.Year, yearSpan(cat.Years))
		}
	}
	if draft {
		return // the figures sync writes: outOfStep counts them
	}
	for i, y := range t.Years {
		if t.Differs[i] {
			c.warnf(d, fmt.Sprintf("intro.approved.%d", y), CodeIntroMismatch,
				"the intro states %s %s for %d, but Table 1's total %s %s rounds to %s", t.Stated[i].Value.String(), t.Unit, y, fmtDec(t.Table1[i]), t.Table1Unit, t.Rounded[i].String())
		}
	}
	if t.ComputedDiffers {
		c.warnf(d, "intro.target.amount", CodeIntroMismatch,
			"the intro leaves %s %s of its target for %d to earlier years' rising profiles, but the earlier catalogs in the ledger rise by %s",
			t.StatedRest.String(), t.Unit, t.TargetYear, fmtDec(*t.Computed))
	}
	if t.DeliveredDiffers {
		c.warnf(d, "intro.delivered.amount", CodeIntroMismatch,
			"the intro states %s %s delivered, but the target and the other contributions add up to %s", t.Delivered.String(), t.Unit, fmtDec(t.Sum))
	}
}
