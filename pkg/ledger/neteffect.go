package ledger

import (
	"github.com/budget-ledger/budget/pkg/proposal"
	"github.com/shopspring/decimal"
)

// NetEffect is an investment proposal's net effect year by year in the columns of its own
// Tabel 1, in the proposal's sign convention: implementation costs are positive, savings
// negative. Where Cumulative first reaches zero or below, the investment has paid for itself.
type NetEffect struct {
	Number     int
	Title      string
	Unit       string
	PriceLevel string
	Years      []int
	// Permanent is the proposal's own permanent change: its declared total over all rows where
	// the table prints one, else the sum of its rows.
	Permanent      Figures
	Implementation Figures // the sum of the implementation rows
	Net            Figures // Permanent plus Implementation
	Cumulative     Figures // the running sum of Net
	// PaidBackIn is the first year whose cumulative net effect is zero or below; 0 when the
	// table's columns do not reach it.
	PaidBackIn int
	// PrintedPayback is the payback on total economy the document prints, in years; nil if none.
	PrintedPayback *decimal.Decimal
}

// NetEffects returns the net effect of every investment proposal that has its own Tabel 1, by
// number.
func (l *Ledger) NetEffects() []NetEffect {
	var out []NetEffect
	for _, p := range l.Proposals {
		if p.Kind == proposal.KindInvestment && p.Economy != nil && len(p.Economy.Years) > 0 {
			out = append(out, netEffectOf(p))
		}
	}
	return out
}

func netEffectOf(p *proposal.Proposal) NetEffect {
	e := p.Economy
	n := NetEffect{Number: p.Number, Title: p.Title, Unit: e.Unit, PriceLevel: e.PriceLevel, Years: e.Years,
		Permanent: permanentChange(e), Implementation: sectionSums(e.Implementation, e.Years)}
	n.Net = make(Figures, len(e.Years))
	n.Cumulative = make(Figures, len(e.Years))
	var sum decimal.Decimal
	for i, y := range e.Years {
		n.Net[i] = n.Permanent[i].Add(n.Implementation[i])
		sum = sum.Add(n.Net[i])
		n.Cumulative[i] = sum
		if n.PaidBackIn == 0 && !sum.IsPositive() {
			n.PaidBackIn = y
		}
	}
	if e.Payback != nil && e.Payback.Total != nil {
		d := e.Payback.Total.Decimal
		n.PrintedPayback = &d
	}
	return n
}

// permanentChange is the declared total over all permanent rows where the table prints one with
// figures, else the sum of the rows.
func permanentChange(e *proposal.Economy) Figures {
	if e.Permanent != nil {
		for _, t := range e.Permanent.Totals {
			if t.Sums.Area == proposal.SumsAll && t.Sums.Labels == nil && len(t.Amounts) > 0 {
				return figuresOf(t.Amounts, e.Years)
			}
		}
	}
	return sectionSums(e.Permanent, e.Years)
}

// sectionSums adds up a section's rows per year; zeros for a missing section.
func sectionSums(s *proposal.Section, years []int) Figures {
	out := make(Figures, len(years))
	if s == nil {
		return out
	}
	for _, r := range s.Rows {
		out.add(figuresOf(r.Amounts, years))
	}
	return out
}
