package ledger

import (
	"slices"

	"github.com/budget-ledger/budget/pkg/proposal"
	"github.com/shopspring/decimal"
)

// Target is how the catalog meets its efficiency target, as its intro tells it: the target, this
// catalog's contribution per year, the other contributions the intro names and what it says was
// delivered in all, with the figures budget computes beside the ones the intro states. Amounts
// are in the intro's Unit unless said otherwise.
type Target struct {
	Unit       string // the intro's unit, e.g. "mio. kr."
	PriceLevel string
	Text       string
	Years      []int // the catalog's years

	// Table1 is Table 1's total per year in Table1Unit, the catalog's unit.
	Table1     Figures
	Table1Unit string
	// Contribution is Table1 converted exactly into Unit; nil where either unit is one budget
	// does not know, and then nothing is compared.
	Contribution Figures
	// Stated are the intro's figures for this catalog's contribution, empty in years it names
	// none. Rounded is Contribution rounded as the intro prints them (introPlaces), and
	// Differs marks the years where the intro states something else.
	Stated  Cells
	Rounded Figures
	Differs []bool

	// TargetYear and Goal are the efficiency target the intro names; Goal is nil where it
	// names none.
	TargetYear int
	Goal       *decimal.Decimal
	// Earlier is the part of the target the intro leaves to earlier years' rising profiles:
	// Goal less this catalog's contribution in TargetYear. The intro does not state it; nil
	// where Goal or the contribution is unknown.
	Earlier *decimal.Decimal
	Others  []NamedFigure // the further contributions the intro names
	// Budget is the catalog's budget in a ledger of budget folders, 0 in the one-catalog
	// layout, where no earlier catalog can be in the ledger.
	Budget int
	// Profiles are the rising profiles of the earlier catalogs in the ledger whose years reach
	// TargetYear, by budget: each one's increase in TargetYear over the year before, as its own
	// Table 1 shows it (see docs/rising-profiles.md). Computed is their sum in Unit, nil without
	// any; StatedRest is what the intro leaves to them, its target less its own stated figure
	// for TargetYear (250 - 62,2), nil where it states either not; ComputedDiffers marks a
	// Computed that, rounded as the intro rounds, is not StatedRest.
	Profiles        []Profile
	Computed        *decimal.Decimal
	StatedRest      *decimal.Decimal
	ComputedDiffers bool
	// Sum is Goal plus Others.
	Sum decimal.Decimal
	// Delivered is what the intro states was delivered in all, in DeliveredYear; nil where it
	// states nothing. DeliveredDiffers marks a Delivered that is not Sum.
	DeliveredYear    int
	Delivered        *decimal.Decimal
	DeliveredDiffers bool
}

// Profile is one earlier catalog's rising profile in a later budget's target year: its Table 1
// total in the year before (From) and in the year (To), and the increase, in the later
// catalog's intro unit; From is 0 where the year before is not one of its years.
type Profile struct {
	Budget     int
	Year       int
	From, To   decimal.Decimal
	Increase   decimal.Decimal
	Proposals  []ProfileRow // the proposals whose row rises (or falls) in the year, by number
	Unit       string       // the earlier catalog's unit, of From, To and the rows' figures
	PriceLevel string
}

// ProfileRow is one proposal's part of a Profile, in the earlier catalog's unit.
type ProfileRow struct {
	Number   int
	Title    string
	From, To decimal.Decimal
}

// profile is the rising profile of the earlier ledger e in year y, converted into unit to;
// ok is false where e's catalog or units are unknown or y is not one of its years.
func profile(e *Ledger, y int, to Unit) (Profile, bool) {
	c := e.Catalog
	if c == nil {
		return Profile{}, false
	}
	from, okFrom := UnitNamed(c.Unit)
	i := slices.Index(c.Years, y)
	if !okFrom || i < 0 {
		return Profile{}, false
	}
	total := e.tables().table2.Total
	p := Profile{Budget: e.Budget, Year: y, To: total[i], Unit: c.Unit, PriceLevel: c.PriceLevel}
	if i > 0 {
		p.From = total[i-1]
	}
	p.Increase = Convert(p.To.Sub(p.From), from, to)
	for _, q := range e.Proposals {
		var r ProfileRow
		r.Number, r.Title = q.Number, q.Title
		r.To = q.Catalog.Contribution.Value(y)
		if i > 0 {
			r.From = q.Catalog.Contribution.Value(y - 1)
		}
		if !r.To.Equal(r.From) {
			p.Proposals = append(p.Proposals, r)
		}
	}
	return p, true
}

// NamedFigure is an amount with what it is.
type NamedFigure struct {
	Label  string
	Amount decimal.Decimal
}

// Target builds the efficiency account of the catalog's intro. ok is false without a catalog
// or without an intro. It is computed once a ledger, from its Table 2.
func (l *Ledger) Target() (Target, bool) {
	t := l.tables()
	return t.target, t.hasTarget
}

func (l *Ledger) target(t2 Table2) (t Target, ok bool) {
	if l.Catalog == nil || l.Catalog.Intro == nil {
		return Target{}, false
	}
	cat, in := l.Catalog, l.Catalog.Intro
	t = Target{Unit: in.Unit, PriceLevel: cat.PriceLevel, Text: in.Text, Years: cat.Years,
		Table1: t2.Total, Table1Unit: cat.Unit, Stated: cellsOf(in.Approved, cat.Years),
		Differs: make([]bool, len(cat.Years))}
	from, okFrom := UnitNamed(cat.Unit)
	to, okTo := UnitNamed(in.Unit)
	if okFrom && okTo {
		t.Contribution = make(Figures, len(t.Years))
		t.Rounded = make(Figures, len(t.Years))
		places := introPlaces(in)
		for i, d := range t.Table1 {
			t.Contribution[i] = Convert(d, from, to)
			stated := t.Stated[i]
			if !stated.Printed {
				continue
			}
			t.Rounded[i] = t.Contribution[i].Round(places)
			t.Differs[i] = !stated.Value.Equal(t.Rounded[i])
		}
	}
	if in.Target != nil {
		goal := in.Target.Amount.Decimal
		t.TargetYear, t.Goal, t.Sum = in.Target.Year, &goal, goal
		for i, y := range t.Years {
			if y == t.TargetYear && t.Contribution != nil {
				earlier := goal.Sub(t.Contribution[i])
				t.Earlier = &earlier
			}
		}
	}
	t.Budget = l.Budget
	if to, ok := UnitNamed(in.Unit); ok && in.Target != nil {
		for _, e := range l.Earlier {
			if p, ok := profile(e, t.TargetYear, to); ok {
				t.Profiles = append(t.Profiles, p)
			}
		}
	}
	if len(t.Profiles) > 0 {
		sum := decimal.Zero
		for _, p := range t.Profiles {
			sum = sum.Add(p.Increase)
		}
		t.Computed = &sum
		if i := slices.Index(t.Years, t.TargetYear); i >= 0 && t.Stated[i].Printed {
			rest := t.Goal.Sub(t.Stated[i].Value)
			t.StatedRest = &rest
			t.ComputedDiffers = !sum.Round(introPlaces(in)).Equal(rest)
		}
	}
	for _, o := range in.OtherContributions {
		t.Others = append(t.Others, NamedFigure{Label: o.Label, Amount: o.Amount.Decimal})
		t.Sum = t.Sum.Add(o.Amount.Decimal)
	}
	if in.Delivered != nil {
		d := in.Delivered.Amount.Decimal
		t.DeliveredYear, t.Delivered = in.Delivered.Year, &d
		t.DeliveredDiffers = t.Goal != nil && !d.Equal(t.Sum)
	}
	return t, true
}

// introPlaces is how many decimals the intro prints this catalog's contribution with: the
// most that any of its approved figures has (62,2 and 101,8: one). It prints them alike, and a
// figure's trailing zeros are not kept (budget fmt and catalog sync write 62,0 as 62), so one
// figure's own spelling cannot say it.
func introPlaces(in *proposal.Intro) int32 {
	var places int32
	for _, a := range in.Approved {
		places = max(places, -a.Value.Exponent())
	}
	return places
}
