package ledger

import (
	"slices"
	"strings"

	"github.com/budget-ledger/budget/pkg/proposal"
	"github.com/shopspring/decimal"
)

// Filter selects the proposals and years a report covers. The zero value selects everything.
// It assumes its values were checked against the ledger (see package cli); an unknown committee
// or kind selects nothing.
type Filter struct {
	Committees []string // committee ids; empty: every committee
	Kinds      []string // proposal kinds; empty: every kind
	// ApprovedWith keeps the proposals whose Table 2 "Godkendt med" contains it, ignoring case.
	ApprovedWith string
	// From and To are the first and last year shown, inclusive; 0 leaves that end open.
	From, To int
}

// selectsRows reports whether the filter drops proposal rows (not just committees or years).
func (f Filter) selectsRows() bool { return len(f.Kinds) > 0 || f.ApprovedWith != "" }

// Keeps reports whether a proposal of kind, approved with approved, passes the row filters.
func (f Filter) Keeps(kind string, approved *string) bool {
	if len(f.Kinds) > 0 && !slices.Contains(f.Kinds, kind) {
		return false
	}
	if f.ApprovedWith != "" {
		return approved != nil && strings.Contains(strings.ToLower(*approved), strings.ToLower(f.ApprovedWith))
	}
	return true
}

// span returns the index range of years that lie in [from, to]; 0 leaves an end open.
func (f Filter) span(years []int) (int, int) {
	i, j := 0, len(years)
	for i < j && f.From != 0 && years[i] < f.From {
		i++
	}
	for j > i && f.To != 0 && years[j-1] > f.To {
		j--
	}
	return i, j
}

// Filter keeps the rows and committees f selects and the years in its range, and adds the
// committee rows and the total up again from what is kept. Committees left without a proposal
// by the kind or approval filter are dropped; footnotes of dropped committees too. Where f keeps
// every proposal, t's own sums are kept rather than added up again.
func (t Table2) Filter(f Filter) Table2 {
	out := t
	out.Selection = f
	if len(f.Committees) == 0 && !f.selectsRows() {
		out.Footnotes = footnotesOf(t.Footnotes, t.Committees)
		return out.years(f)
	}
	out.Committees = nil
	out.Total = make(Figures, len(t.Years))
	out.TotalInvestment = decimal.Zero
	for _, c := range t.Committees {
		if len(f.Committees) > 0 && !slices.Contains(f.Committees, c.ID) {
			continue
		}
		kc := c
		kc.Rows, kc.Amounts, kc.TotalInvestment = nil, make(Figures, len(t.Years)), decimal.Zero
		for _, r := range c.Rows {
			if !f.Keeps(r.Kind, r.ApprovedWith) {
				continue
			}
			kc.Rows = append(kc.Rows, r)
			kc.Amounts.add(r.Amounts)
			if r.TotalInvestment != nil {
				kc.TotalInvestment = kc.TotalInvestment.Add(*r.TotalInvestment)
			}
		}
		if f.selectsRows() && len(kc.Rows) == 0 {
			continue
		}
		out.Committees = append(out.Committees, kc)
		out.Total.add(kc.Amounts)
		out.TotalInvestment = out.TotalInvestment.Add(kc.TotalInvestment)
	}
	out.Footnotes = footnotesOf(t.Footnotes, out.Committees)
	return out.years(f)
}

// footnotesOf keeps the footnotes of no committee or of one of cs.
func footnotesOf(fns []proposal.Footnote, cs []Table2Committee) []proposal.Footnote {
	var out []proposal.Footnote
	for _, fn := range fns {
		if fn.Committee == "" || slices.ContainsFunc(cs, func(c Table2Committee) bool { return c.ID == fn.Committee }) {
			out = append(out, fn)
		}
	}
	return out
}

// each returns a new slice of f applied to every element of s, leaving s as it was.
func each[T any](s []T, f func(T) T) []T {
	if s == nil {
		return nil
	}
	out := make([]T, len(s))
	for i, v := range s {
		out[i] = f(v)
	}
	return out
}

// years keeps the columns in f's range.
func (t Table2) years(f Filter) Table2 {
	i, j := f.span(t.Years)
	t.Years, t.Total = t.Years[i:j], t.Total[i:j]
	t.Committees = each(t.Committees, func(c Table2Committee) Table2Committee {
		c.Amounts = c.Amounts[i:j]
		c.Rows = each(c.Rows, func(r Table2Row) Table2Row { r.Amounts = r.Amounts[i:j]; return r })
		return c
	})
	return t
}

// Totals is Table 1 of what t holds: each committee's row and the total.
func (t Table2) Totals() Totals {
	out := Totals{Unit: t.Unit, PriceLevel: t.PriceLevel, Years: t.Years, Total: t.Total, Selection: t.Selection}
	for _, c := range t.Committees {
		out.Committees = append(out.Committees, CommitteeTotal{ID: c.ID, Name: c.Name, Amounts: c.Amounts})
	}
	return out
}

// Cumulative returns the running sum of every row over the years: each year's figure is the sum
// of it and every year before it in t.
func (t Totals) Cumulative() Totals {
	out := t
	if len(t.Years) > 0 {
		out.CumulativeFrom = t.Years[0]
	}
	out.Committees = each(t.Committees, func(c CommitteeTotal) CommitteeTotal { c.Amounts = c.Amounts.running(); return c })
	out.Total = t.Total.running()
	return out
}

func (f Figures) running() Figures {
	out := make(Figures, len(f))
	var sum decimal.Decimal
	for i, d := range f {
		sum = sum.Add(d)
		out[i] = sum
	}
	return out
}

// InYears keeps the columns in f's range.
func (t Totals) InYears(f Filter) Totals {
	i, j := f.span(t.Years)
	out := t
	out.Years, out.Total = t.Years[i:j], t.Total[i:j]
	out.Committees = each(t.Committees, func(c CommitteeTotal) CommitteeTotal { c.Amounts = c.Amounts[i:j]; return c })
	return out
}

// InUnit converts every amount of t into u.
func (t Totals) InUnit(u Unit) (Totals, error) {
	c, err := newConverter(t.Unit, u)
	if err != nil {
		return Totals{}, err
	}
	out := t
	out.Unit, out.Total = u.Name, c.figures(t.Total)
	out.Committees = each(t.Committees, func(k CommitteeTotal) CommitteeTotal { k.Amounts = c.figures(k.Amounts); return k })
	return out, nil
}

// InUnit converts every amount of t into u.
func (t Table2) InUnit(u Unit) (Table2, error) {
	c, err := newConverter(t.Unit, u)
	if err != nil {
		return Table2{}, err
	}
	out := t
	out.Unit, out.Total, out.TotalInvestment = u.Name, c.figures(t.Total), c.d(t.TotalInvestment)
	out.Committees = each(t.Committees, func(k Table2Committee) Table2Committee {
		k.Amounts, k.TotalInvestment = c.figures(k.Amounts), c.d(k.TotalInvestment)
		k.Rows = each(k.Rows, func(r Table2Row) Table2Row {
			r.Amounts, r.TotalInvestment = c.figures(r.Amounts), c.ptr(r.TotalInvestment)
			return r
		})
		return k
	})
	return out, nil
}

// AllYears is f without its year range.
func (f Filter) AllYears() Filter {
	f.From, f.To = 0, 0
	return f
}
