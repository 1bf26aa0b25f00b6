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
	as := c.l.Table2().Compare(cat.Assertions)
	rows := func(table msg.Text, printed []proposal.CommitteeRow, rs []ledger.AssertedRow) {
		for i, r := range rs {
			if !r.Known {
				c.errorf(d, proposal.Join(r.Path, "committee"), CodeUnknownCommittee, "unknown committee %s: the catalog has %s", diag.Quote(r.Committee), c.committeeIDs())
				continue
			}
			what := msg.Newf("%s prints for %s", table, diag.Clip(r.Name))
			c.years(d, r.Amounts.Path, printed[i].Amounts, cat.Years, catalogColumns)
			c.figures(d, r.Amounts, what)
			if r.Investment != nil {
				c.investment(d, *r.Investment, what)
			}
		}
	}
	if t := as.Table1; t != nil {
		rows(msg.Newf("Table 1"), cat.Assertions.Table1.Rows, t.Rows)
		c.years(d, t.Total.Amounts.Path, cat.Assertions.Table1.Total, cat.Years, catalogColumns)
		c.figures(d, t.Total.Amounts, msg.Newf("Table 1 prints as I alt"))
	}
	if t := as.Table2; t != nil {
		rows(msg.Newf("Table 2"), cat.Assertions.Table2.Rows, t.Rows)
		c.years(d, t.Total.Amounts.Path, cat.Assertions.Table2.Total.Amounts, cat.Years, catalogColumns)
		c.figures(d, t.Total.Amounts, msg.Newf("Table 2 prints as I alt"))
		c.investment(d, *t.Total.Investment, msg.Newf("Table 2 prints as I alt"))
	}
	c.intro()
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
// against the target and the other contributions.
func (c *checker) intro() {
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
	for i, y := range t.Years {
		if t.Differs[i] {
			c.warnf(d, fmt.Sprintf("intro.approved.%d", y), CodeIntroMismatch,
				"the intro states %s %s for %d, but Table 1's total %s %s rounds to %s", t.Stated[i].Value.String(), t.Unit, y, fmtDec(t.Table1[i]), t.Table1Unit, t.Rounded[i].String())
		}
	}
	if t.DeliveredDiffers {
		c.warnf(d, "intro.delivered.amount", CodeIntroMismatch,
			"the intro states %s %s delivered, but the target and the other contributions add up to %s", t.Delivered.String(), t.Unit, fmtDec(t.Sum))
	}
}
