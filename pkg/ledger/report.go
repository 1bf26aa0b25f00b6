package ledger

import (
	"slices"

	"github.com/budget-ledger/budget/pkg/msg"
	"github.com/budget-ledger/budget/pkg/proposal"
	"github.com/shopspring/decimal"
)

// Figures are a row's amounts aligned with its report's Years.
type Figures []decimal.Decimal

func (l *Ledger) years() []int {
	if l.Catalog == nil {
		return nil
	}
	return l.Catalog.Years
}

func figuresOf(a proposal.Amounts, years []int) Figures {
	f := make(Figures, len(years))
	for i, y := range years {
		f[i] = a.Value(y)
	}
	return f
}

func (f Figures) add(g Figures) {
	for i := range f {
		f[i] = f[i].Add(g[i])
	}
}

// Totals is the catalog's Table 1: the yearly efficiency contribution of each committee.
type Totals struct {
	Unit       string
	PriceLevel string
	Years      []int
	Committees []CommitteeTotal
	Total      Figures
	// CumulativeFrom is 0 for yearly figures; for running sums (see Cumulative), the year they
	// start from.
	CumulativeFrom int
	// Selection is the filter the figures were selected with; the zero value: everything.
	Selection Filter
}

// CommitteeTotal is one row of Table 1.
type CommitteeTotal struct {
	ID      string
	Name    string
	Amounts Figures
}

// Totals aggregates every proposal's and cross-cutting share's catalog contribution by committee,
// committees in catalog order. It is empty without a catalog. It is computed once a ledger.
func (l *Ledger) Totals() Totals { return l.tables().totals }

// Table2 is the catalog's Table 2: per committee its totals, then its proposals by section.
type Table2 struct {
	Unit       string
	PriceLevel string
	Years      []int
	// PermanentYear is the catalog's last year, whose column stands for the permanent effect
	// (varig) even where Years stop earlier; 0 without a catalog.
	PermanentYear   int
	Committees      []Table2Committee
	Total           Figures
	TotalInvestment decimal.Decimal
	Footnotes       []proposal.Footnote
	// Selection is the filter the rows were selected with; the zero value: everything.
	Selection Filter
}

// Table2Committee is a committee row of Table 2 and the proposal rows under it.
type Table2Committee struct {
	ID string
	// Name is the name Table 1 prints; PrintedName the one Table 2 prints.
	Name            string
	PrintedName     string
	Amounts         Figures
	TotalInvestment decimal.Decimal
	Rows            []Table2Row // investment, cross-cutting, efficiency; by number, then title
}

// Table2Row is one proposal's row. Number is 0 and TotalInvestment nil where the catalog has none.
type Table2Row struct {
	Number          int
	Title           string
	Kind            string
	Amounts         Figures
	TotalInvestment *decimal.Decimal
	ApprovedWith    *string
	File            string
}

// Table2 is Table 2 built from the proposal files, computed once a ledger: validate's catalog
// check and every report read the same one.
func (l *Ledger) Table2() Table2 { return l.tables().table2 }

func (l *Ledger) table2() Table2 {
	t := Table2{Years: l.years()}
	if l.Catalog == nil {
		return t
	}
	t.Unit, t.PriceLevel, t.Footnotes = l.Catalog.Unit, l.Catalog.PriceLevel, l.Catalog.Footnotes
	if n := len(t.Years); n > 0 {
		t.PermanentYear = t.Years[n-1]
	}
	t.Total = make(Figures, len(t.Years))
	for _, c := range l.Catalog.Committees {
		tc := Table2Committee{ID: c.ID, Name: c.Name, PrintedName: c.Name, Amounts: make(Figures, len(t.Years))}
		if c.Table2Name != "" {
			tc.PrintedName = c.Table2Name
		}
		for _, kind := range []string{proposal.KindInvestment, proposal.KindCrossCutting, proposal.KindEfficiency} {
			for _, r := range l.rows(c.ID, kind, t.Years) {
				tc.Rows = append(tc.Rows, r)
				tc.Amounts.add(r.Amounts)
				if r.TotalInvestment != nil {
					tc.TotalInvestment = tc.TotalInvestment.Add(*r.TotalInvestment)
				}
			}
		}
		t.Committees = append(t.Committees, tc)
		t.Total.add(tc.Amounts)
		t.TotalInvestment = t.TotalInvestment.Add(tc.TotalInvestment)
	}
	return t
}

func (l *Ledger) rows(committee, kind string, years []int) []Table2Row {
	var rows []Table2Row
	if kind == proposal.KindCrossCutting {
		for _, x := range l.CrossCutting {
			for _, s := range x.Shares {
				if s.Committee == committee {
					rows = append(rows, Table2Row{Title: x.Title, Kind: kind, Amounts: figuresOf(s.Contribution, years),
						TotalInvestment: decimalOrNil(s.TotalInvestment), ApprovedWith: x.ApprovedWith, File: x.Doc.File})
				}
			}
		}
		return rows
	}
	for _, p := range l.Proposals {
		if p.Committee == committee && p.Kind == kind {
			rows = append(rows, Table2Row{Number: p.Number, Title: p.Catalog.Title, Kind: kind,
				Amounts: figuresOf(p.Catalog.Contribution, years), TotalInvestment: decimalOrNil(p.Catalog.TotalInvestment),
				ApprovedWith: p.ApprovedWith, File: p.Doc.File})
		}
	}
	return rows
}

func decimalOrNil(a *proposal.Amount) *decimal.Decimal {
	if a == nil {
		return nil
	}
	d := a.Decimal
	return &d
}

// Only keeps the committees with the given ids, in catalog order; the total covers what is kept.
func (t Table2) Only(ids []string) (Table2, error) {
	for _, id := range ids {
		if !slices.ContainsFunc(t.Committees, func(c Table2Committee) bool { return c.ID == id }) {
			return Table2{}, msg.Errorf("unknown committee %q", id)
		}
	}
	return t.Filter(Filter{Committees: ids}), nil
}
