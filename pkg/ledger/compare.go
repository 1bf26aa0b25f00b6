package ledger

import (
	"slices"

	"github.com/budget-ledger/budget/pkg/proposal"
)

// Comparison is two budgets of a ledger side by side (budget compare): Table 1 of each, per
// committee and year, with the change from the earlier to the later, and which of the later
// budget's proposals continue one of the earlier's, which are new, and which of the earlier's
// ended (no proposal of the later continues them). Amounts are in Unit; a year that one
// catalog has not is not Printed in its cells, and has no change.
type Comparison struct {
	From, To   int // the budgets, the earlier first
	Unit       string
	PriceLevel [2]string // each catalog's own
	Years      []int     // the years of either catalog, within the selection
	Committees []CommitteeChange
	Total      Change
	Proposals  []ProposalChange // continued and new by the later budget's number, then ended
	Selection  Filter
}

// Change is one row of a Comparison: the earlier budget's figures, the later's, and the later
// less the earlier where both have the year.
type Change struct {
	From, To, Change Cells
}

// CommitteeChange is a committee's Change; committees in the later catalog's order, then those
// only the earlier one has.
type CommitteeChange struct {
	ID, Name string
	Change
}

// Proposal statuses in a Comparison.
const (
	Continued = "continued"
	New       = "new"
	Ended     = "ended"
)

// ProposalChange is a numbered proposal of either budget: continued (the later's proposal
// continues the earlier's, directly or through budgets between), new (the later's, continuing
// none of the earlier's) or ended (the earlier's, which none of the later's continues). A
// number is 0 where that budget has no part in it.
type ProposalChange struct {
	Status             string
	FromNumber         int
	ToNumber           int
	Title              string // the later proposal's, for an ended one the earlier's
	Committee          string
	FromTitle, ToTitle string
}

// Compare sets budget a (the earlier) beside budget b, both loaded with LoadBudget, selected
// by f and in unit u. Cross-cutting shares count in the totals, not among the proposals,
// which have no number to continue.
func Compare(a, b *Ledger, f Filter, u Unit) (Comparison, error) {
	ta, err := a.tables().table2.Filter(f.AllYears()).Totals().InUnit(u)
	if err != nil {
		return Comparison{}, err
	}
	tb, err := b.tables().table2.Filter(f.AllYears()).Totals().InUnit(u)
	if err != nil {
		return Comparison{}, err
	}
	c := Comparison{From: a.Budget, To: b.Budget, Unit: u.Name, PriceLevel: [2]string{ta.PriceLevel, tb.PriceLevel}, Selection: f}
	for _, y := range append(slices.Clone(ta.Years), tb.Years...) {
		if !slices.Contains(c.Years, y) && (f.From == 0 || y >= f.From) && (f.To == 0 || y <= f.To) {
			c.Years = append(c.Years, y)
		}
	}
	slices.Sort(c.Years)
	row := func(ya []int, fa Figures, yb []int, fb Figures) Change {
		ch := Change{From: make(Cells, len(c.Years)), To: make(Cells, len(c.Years)), Change: make(Cells, len(c.Years))}
		for i, y := range c.Years {
			if j := slices.Index(ya, y); j >= 0 && fa != nil {
				ch.From[i] = Cell{Value: fa[j], Printed: true}
			}
			if j := slices.Index(yb, y); j >= 0 && fb != nil {
				ch.To[i] = Cell{Value: fb[j], Printed: true}
			}
			if ch.From[i].Printed && ch.To[i].Printed {
				ch.Change[i] = Cell{Value: ch.To[i].Value.Sub(ch.From[i].Value), Printed: true}
			}
		}
		return ch
	}
	amounts := func(t Totals, id string) (Figures, string) {
		for _, k := range t.Committees {
			if k.ID == id {
				return k.Amounts, k.Name
			}
		}
		return nil, ""
	}
	for _, k := range tb.Committees {
		fa, _ := amounts(ta, k.ID)
		c.Committees = append(c.Committees, CommitteeChange{ID: k.ID, Name: k.Name, Change: row(ta.Years, fa, tb.Years, k.Amounts)})
	}
	for _, k := range ta.Committees {
		if fb, _ := amounts(tb, k.ID); fb == nil {
			c.Committees = append(c.Committees, CommitteeChange{ID: k.ID, Name: k.Name, Change: row(ta.Years, k.Amounts, tb.Years, nil)})
		}
	}
	c.Total = row(ta.Years, ta.Total, tb.Years, tb.Total)

	keeps := func(p *proposal.Proposal) bool {
		return f.Keeps(p.Kind, p.ApprovedWith) && (len(f.Committees) == 0 || slices.Contains(f.Committees, p.Committee))
	}
	continued := map[int]bool{}
	for _, p := range b.Proposals {
		if !keeps(p) {
			continue
		}
		ch := ProposalChange{Status: New, ToNumber: p.Number, Title: p.Title, ToTitle: p.Title, Committee: p.Committee}
		for _, k := range b.Chain(p) {
			if k.Budget == a.Budget && k.Title != "" {
				ch.Status, ch.FromNumber, ch.FromTitle = Continued, k.Number, k.Title
				continued[k.Number] = true
				break
			}
		}
		c.Proposals = append(c.Proposals, ch)
	}
	for _, p := range a.Proposals {
		if keeps(p) && !continued[p.Number] {
			c.Proposals = append(c.Proposals, ProposalChange{Status: Ended, FromNumber: p.Number, Title: p.Title, FromTitle: p.Title, Committee: p.Committee})
		}
	}
	return c, nil
}
