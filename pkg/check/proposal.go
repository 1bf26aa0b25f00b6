package check

import (
	"slices"
	"strconv"

	"github.com/budget-ledger/budget/pkg/diag"
	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/budget-ledger/budget/pkg/msg"
	"github.com/budget-ledger/budget/pkg/proposal"
	"github.com/shopspring/decimal"
)

// proposal checks a numbered proposal: the years and signs of its printed cells from the file,
// every sum from its Sheet, which computes each figure once for show, report and validate alike.
func (c *checker) proposal(p *proposal.Proposal, s *ledger.Sheet) {
	d, cs := p.Doc, s.Catalog
	if c.l.Catalog != nil {
		c.years(d, cs.Path, p.Catalog.Contribution, c.catalogYears(), catalogColumns)
	}
	c.negative(d, cs.Path, p.Catalog.Contribution, msg.Newf("a catalog contribution is a positive figure"))
	if e := p.Economy; e != nil {
		c.economy(p, e, s)
	}
	if p.Realised != nil {
		c.realised(p, s)
	}
	if a := p.AdministrativeEffect; a != nil {
		for i, r := range a.Rows {
			if outside(r.Amounts, a.Years) { // the path is spelled only for a finding
				c.years(d, "administrative_effect.rows."+strconv.Itoa(i)+".amounts", r.Amounts, a.Years, msg.Newf("Tabel 3's columns"))
			}
		}
		if a.Total != nil {
			t := s.AdministrativeEffect.Totals[0]
			c.years(d, t.Path, a.Total.Amounts, a.Years, msg.Newf("Tabel 3's columns"))
			c.sums(d, t, msg.Newf("its rows sum to"))
		}
	}
}

func (c *checker) economy(p *proposal.Proposal, e *proposal.Economy, s *ledger.Sheet) {
	d, es, cs := p.Doc, s.Economy, s.Catalog
	for i, src := range sections(e) {
		c.section(d, src, es.Sections[i])
	}

	// Savings are negative in the proposal's own table: a positive permanent change breaks the rule.
	for i, y := range es.Years {
		if v := es.PermanentChange[i]; v.IsPositive() {
			c.warnf(d, proposal.Join(es.PermanentPath, strconv.Itoa(y)), CodeSign,
				"permanent change is %s in %d: the proposal's table shows savings as negative numbers", fmtDec(v), y)
		}
	}
	if e.Implementation != nil {
		for i, r := range e.Implementation.Rows {
			if slices.ContainsFunc(r.Amounts, func(ya proposal.YearAmount) bool { return ya.Value.IsNegative() }) {
				c.negative(d, "economy.implementation.rows."+strconv.Itoa(i)+".amounts", r.Amounts, msg.Newf("implementation costs are positive"))
			}
		}
	}

	if e.TotalImpact != nil {
		c.years(d, es.TotalImpact.Path, e.TotalImpact.Amounts, e.Years, tabel1Columns)
		c.sums(d, es.TotalImpact, msg.Newf("permanent changes and implementation costs add up to"))
	}

	// Catalog row against the proposal's own permanent change: every year the Sheet marks, as
	// show marks it. A year it marks Flipped is not a difference: the sign finding above, or the
	// catalog's own, reports it.
	for i, y := range cs.Years {
		if !cs.Differs[i] {
			continue
		}
		own := es.PermanentChange[slices.Index(es.Years, y)] // a year Differs marks is one of Tabel 1's
		switch {
		case es.PermanentPath == "":
			c.warnf(d, cs.CellPath(i), CodeCatalogMismatch,
				"catalog contribution %s in %d, but Tabel 1 has no permanent changes", fmtDec(cs.Contribution[i].Value), y)
		case !cs.Contribution[i].Printed:
			c.warnf(d, cs.CellPath(i), CodeCatalogMismatch,
				"the catalog prints nothing in %d, but the proposal's own permanent change is %s in Tabel 1", y, fmtDec(own))
		default:
			c.warnf(d, cs.CellPath(i), CodeCatalogMismatch,
				"catalog contribution %s in %d differs from the proposal's own permanent change of %s in Tabel 1",
				fmtDec(cs.Contribution[i].Value), y, fmtDec(own))
		}
	}
	if es.PermanentPath != "" {
		var missing []string
		for _, y := range cs.Years {
			if !slices.Contains(es.Years, y) {
				missing = append(missing, strconv.Itoa(y))
			}
		}
		if missing != nil {
			c.warnf(d, "economy.years", CodeYearCoverage, "Tabel 1's columns (%s) leave catalog year(s) %s uncovered",
				yearSpan(es.Years), joinWords(missing))
		}
	}

	if cs.InvestmentDiffers {
		c.warnf(d, cs.InvestmentPath, CodeInvestment,
			"catalog total investment %s differs from the implementation costs in Tabel 1, which add up to %s",
			investmentText(cs.TotalInvestment), fmtDec(*cs.ImplementationCosts))
	}

	c.payback(d, es)
}

// sections are e's table sections in the order its Sheet lays them out: the permanent changes,
// the implementation costs, then each further table's.
func sections(e *proposal.Economy) []*proposal.Section {
	var out []*proposal.Section
	for _, s := range []*proposal.Section{e.Permanent, e.Implementation} {
		if s != nil {
			out = append(out, s)
		}
	}
	for _, t := range e.OtherTables {
		for j := range t.Sections {
			out = append(out, &t.Sections[j])
		}
	}
	return out
}

func investmentText(d *decimal.Decimal) any {
	if d == nil {
		return msg.Newf("(none)")
	}
	return d.String()
}

// catalogColumns and tabel1Columns name the columns of the catalog's and a proposal's Tabel 1.
var (
	catalogColumns = msg.Newf("the catalog's columns")
	tabel1Columns  = msg.Newf("Tabel 1's columns")
)

func joinWords(s []string) any {
	switch len(s) {
	case 0:
		return ""
	case 1:
		return s[0]
	}
	return msg.And(s)
}

// section checks a table section: its cells' years in the file, and each declared total against
// the sum of the rows it covers, as sec, its layout in the Sheet, compares them.
func (c *checker) section(d *proposal.Document, src *proposal.Section, sec ledger.SheetSection) {
	for i, r := range src.Rows {
		if outside(r.Amounts, sec.Years) {
			c.years(d, sec.Path+".rows."+strconv.Itoa(i)+".amounts", r.Amounts, sec.Years, tabel1Columns)
		}
	}
	for i, t := range sec.Totals {
		c.years(d, t.Path, src.Totals[i].Amounts, sec.Years, tabel1Columns)
		c.sums(d, t, msg.Newf("its rows sum to"))
	}
}

// sums warns at each year where a declared row differs from what budget computes for it; an
// empty cell stands for zero.
func (c *checker) sums(d *proposal.Document, t ledger.ComparedLine, why msg.Text) {
	c.differences(d, t, CodeSumMismatch, func(shown any, year int, computed string) msg.Text {
		return msg.Newf("%s prints %s in %d, but %s %s", diag.Quote(t.Label), shown, year, why, computed)
	})
}

// differences warns at the cell of each year where line differs, in the words say gives it
// from the printed cell ("nothing" for an empty one), the year and the computed figure.
func (c *checker) differences(d *proposal.Document, line ledger.ComparedLine, code string, say func(shown any, year int, computed string) msg.Text) {
	for i, y := range line.Years {
		if !line.Differs[i] {
			continue
		}
		var shown any = msg.Newf("nothing")
		if line.Declared[i].Printed {
			shown = fmtDec(line.Declared[i].Value)
		}
		c.warnf(d, line.CellPath(i), code, "%s", say(shown, y, fmtDec(line.Computed[i])))
	}
}
