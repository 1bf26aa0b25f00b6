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

func (c *checker) proposal(p *proposal.Proposal) {
	d := p.Doc
	if c.l.Catalog != nil {
		c.years(d, "catalog.contribution", p.Catalog.Contribution, c.catalogYears(), "the catalog")
	}
	c.negative(d, "catalog.contribution", p.Catalog.Contribution, "a catalog contribution is a positive figure")
	if e := p.Economy; e != nil {
		c.economy(p, e)
	}
	if a := p.AdministrativeEffect; a != nil {
		for i, r := range a.Rows {
			c.years(d, fmt.Sprintf("administrative_effect.rows.%d.amounts", i), r.Amounts, a.Years, "Tabel 3")
		}
		if a.Total != nil {
			c.years(d, "administrative_effect.total.amounts", a.Total.Amounts, a.Years, "Tabel 3")
			all := proposal.Total{Label: a.Total.Label, Sums: proposal.Sums{Area: proposal.SumsAll}, Amounts: a.Total.Amounts}
			c.total(d, "administrative_effect.total", all, a.Rows, a.Years)
		}
	}
}

func (c *checker) economy(p *proposal.Proposal, e *proposal.Economy) {
	d := p.Doc
	sections := []struct {
		path string
		s    *proposal.Section
	}{{"economy.permanent", e.Permanent}, {"economy.implementation", e.Implementation}}
	for _, sec := range sections {
		if sec.s != nil {
			c.section(d, sec.path, sec.s, e.Years)
		}
	}
	for i, t := range e.OtherTables {
		years := t.Years
		if years == nil {
			years = e.Years
		}
		for j := range t.Sections {
			c.section(d, fmt.Sprintf("economy.other_tables.%d.sections.%d", i, j), &t.Sections[j], years)
		}
	}

	perm, permPath := permanentChange(e)
	impl := ledger.RowSums(e.Implementation, e.Years)

	// Savings are negative in the proposal's own table: a positive permanent change breaks the rule.
	for i, y := range e.Years {
		if perm[i].IsPositive() {
			c.warnf(d, proposal.Join(permPath, strconv.Itoa(y)), CodeSign,
				"permanent change is %s in %d: the proposal's table shows savings as negative numbers", fmtDec(perm[i]), y)
		}
	}
	if e.Implementation != nil {
		for i, r := range e.Implementation.Rows {
			c.negative(d, fmt.Sprintf("economy.implementation.rows.%d.amounts", i), r.Amounts, "implementation costs are positive")
		}
	}

	if e.TotalImpact != nil {
		c.years(d, "economy.total_impact.amounts", e.TotalImpact.Amounts, e.Years, "Tabel 1")
		permRows := ledger.RowSums(e.Permanent, e.Years)
		for i, y := range e.Years {
			want := permRows[i].Add(impl[i])
			c.cell(d, "economy.total_impact", e.TotalImpact.Label, e.TotalImpact.Amounts, y, want,
				"permanent changes and implementation costs add up to")
		}
	}

	// Catalog row against the proposal's own permanent change, in the catalog's years.
	for _, y := range c.catalogYears() {
		i := slices.Index(e.Years, y)
		cat, ok := p.Catalog.Contribution.Get(y)
		if i < 0 || !ok || e.Permanent == nil {
			continue
		}
		own := perm[i]
		if cat.Equal(own.Neg()) || (cat.Equal(own) && !cat.IsZero()) { // the latter is the sign finding
			continue
		}
		c.warnf(d, fmt.Sprintf("catalog.contribution.%d", y), CodeCatalogMismatch,
			"catalog contribution %s in %d differs from the proposal's own permanent change of %s in Tabel 1",
			fmtDec(cat), y, fmtDec(own))
	}
	if e.Permanent != nil {
		var missing []string
		for _, y := range c.catalogYears() {
			if slices.Index(e.Years, y) < 0 {
				missing = append(missing, strconv.Itoa(y))
			}
		}
		if missing != nil {
			c.warnf(d, "economy.years", CodeYearCoverage, "Tabel 1's columns (%s) leave catalog year(s) %s uncovered",
				yearSpan(e.Years), joinWords(missing))
		}
	}

	// Total investment against the implementation costs.
	var costs decimal.Decimal
	for _, v := range impl {
		costs = costs.Add(v)
	}
	declared := decimal.Zero
	if p.Catalog.TotalInvestment != nil {
		declared = p.Catalog.TotalInvestment.Decimal
	}
	if !declared.Equal(costs) {
		c.warnf(d, "catalog.total_investment", CodeInvestment,
			"catalog total investment %s differs from the implementation costs in Tabel 1, which add up to %s",
			investmentText(p.Catalog.TotalInvestment), fmtDec(costs))
	}

	c.payback(p, e, perm, impl)
}

func investmentText(a *proposal.Amount) string {
	if a == nil {
		return "(none)"
	}
	return a.String()
}

// permanentChange is ledger.PermanentChange with the path of the figures to point at.
func permanentChange(e *proposal.Economy) ([]decimal.Decimal, string) {
	change, total := ledger.PermanentChange(e)
	switch {
	case e.Permanent == nil:
		return change, "economy"
	case total < 0:
		return change, "economy.permanent.rows"
	}
	return change, fmt.Sprintf("economy.permanent.totals.%d.amounts", total)
}

func joinWords(s []string) string {
	switch len(s) {
	case 0:
		return ""
	case 1:
		return s[0]
	}
	out := s[0]
	for _, w := range s[1 : len(s)-1] {
		out += ", " + w
	}
	return out + " and " + s[len(s)-1]
}

// section checks a table section: its cells' years and each declared total against its rows.
func (c *checker) section(d *proposal.Document, p string, s *proposal.Section, years []int) {
	for i, r := range s.Rows {
		c.years(d, fmt.Sprintf("%s.rows.%d.amounts", p, i), r.Amounts, years, "Tabel 1")
	}
	for i, t := range s.Totals {
		tp := fmt.Sprintf("%s.totals.%d", p, i)
		c.years(d, tp+".amounts", t.Amounts, years, "Tabel 1")
		c.total(d, tp, t, s.Rows, years)
	}
}

// total compares a declared total row with the sum of the rows it covers, year by year.
func (c *checker) total(d *proposal.Document, p string, t proposal.Total, rows []proposal.Line, years []int) {
	covered := t.Sums.Covered(rows)
	for _, y := range years {
		var sum decimal.Decimal
		for _, r := range covered {
			sum = sum.Add(r.Amounts.Value(y))
		}
		c.cell(d, p, t.Label, t.Amounts, y, sum, "its rows sum to")
	}
}

// cell warns when a declared cell differs from what it should be; an empty cell stands for zero.
func (c *checker) cell(d *proposal.Document, p, label string, a proposal.Amounts, y int, want decimal.Decimal, why string) {
	got, printed := a.Get(y)
	if got.Equal(want) {
		return
	}
	at := fmt.Sprintf("%s.amounts.%d", p, y)
	shown := fmtDec(got)
	if !printed {
		at, shown = p+".amounts", "nothing"
	}
	c.warnf(d, at, CodeSumMismatch, "%s prints %s in %d, but %s %s", diag.Quote(label), shown, y, why, fmtDec(want))
}
