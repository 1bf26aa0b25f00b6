package check

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/budget-ledger/budget/pkg/diag"
	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/budget-ledger/budget/pkg/proposal"
	"github.com/shopspring/decimal"
)

// catalog compares the catalog's printed tables and intro figures with what the proposals add up to.
func (c *checker) catalog() {
	cat := c.l.Catalog
	if cat == nil {
		return
	}
	d := cat.Doc
	t2 := c.l.Table2()
	byID := map[string]ledger.Table2Committee{}
	for _, k := range t2.Committees {
		byID[k.ID] = k
	}
	rows := func(table string, p string, rs []proposal.CommitteeRow, withInvestment bool) {
		for i, r := range rs {
			rp := fmt.Sprintf("%s.rows.%d", p, i)
			k, ok := byID[r.Committee]
			if !ok {
				c.errorf(d, rp+".committee", CodeUnknownCommittee, "unknown committee %s: the catalog has %s", diag.Quote(r.Committee), c.committeeIDs())
				continue
			}
			c.years(d, rp+".amounts", r.Amounts, cat.Years, "the catalog")
			c.figures(d, rp+".amounts", r.Amounts, k.Amounts, cat.Years, fmt.Sprintf("%s prints for %s", table, diag.Clip(k.Name)))
			if withInvestment {
				c.investment(d, rp+".total_investment", r.TotalInvestment, k.TotalInvestment, fmt.Sprintf("%s prints for %s", table, diag.Clip(k.Name)))
			}
		}
	}
	if a := cat.Assertions.Table1; a != nil {
		rows("Table 1", "assertions.table1", a.Rows, false)
		c.years(d, "assertions.table1.total", a.Total, cat.Years, "the catalog")
		c.figures(d, "assertions.table1.total", a.Total, t2.Total, cat.Years, "Table 1 prints as I alt")
	}
	if a := cat.Assertions.Table2; a != nil {
		rows("Table 2", "assertions.table2", a.Rows, true)
		c.years(d, "assertions.table2.total.amounts", a.Total.Amounts, cat.Years, "the catalog")
		c.figures(d, "assertions.table2.total.amounts", a.Total.Amounts, t2.Total, cat.Years, "Table 2 prints as I alt")
		c.investment(d, "assertions.table2.total.total_investment", a.Total.TotalInvestment, t2.TotalInvestment, "Table 2 prints as I alt")
	}
	c.intro()
}

func (c *checker) figures(d *proposal.Document, p string, printed proposal.Amounts, computed []decimal.Decimal, years []int, what string) {
	for i, y := range years {
		got, ok := printed.Get(y)
		if ok && got.Equal(computed[i]) {
			continue
		}
		at, shown := proposal.Join(p, strconv.Itoa(y)), fmtDec(got)
		if !ok {
			at, shown = p, "nothing"
		}
		c.warnf(d, at, CodeTableMismatch, "%s %s in %d, but its proposals add up to %s", what, shown, y, fmtDec(computed[i]))
	}
}

// investment compares a printed total investment; a blank cell asserts that nothing is invested.
func (c *checker) investment(d *proposal.Document, p string, printed *proposal.Amount, computed decimal.Decimal, what string) {
	got := decimal.Zero
	if printed != nil {
		got = printed.Decimal
	}
	if !got.Equal(computed) {
		c.warnf(d, p, CodeTableMismatch, "%s a total investment of %s, but its proposals add up to %s", what, investmentText(printed), fmtDec(computed))
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
