package ledger

import (
	"slices"
	"strconv"

	"github.com/budget-ledger/budget/pkg/proposal"
	"github.com/shopspring/decimal"
)

// RealisedSheet is a proposal's realised figures (its file's realised section) against what its
// Tabel 1 promised: a line per reported year, the payback on total economy computed on the
// promise and again on what was realised, and every follow-up goal with its status. Figures
// are in Tabel 1's unit, in the catalog's sign (savings positive), so that a shortfall is a
// positive figure.
type RealisedSheet struct {
	// Years are the reported years that are among Tabel 1's columns, in year order; a year
	// outside them is validate's realised-year error, and compared with nothing.
	Years []RealisedLine
	// Payback is the payback on total economy in years (0: never), as Tabel 1 promises it, and
	// Realised as it is with each reported year's realised permanent change in place of the
	// promised one; the years not reported yet keep the promise.
	Payback  PaybackFollowup
	Goals    []GoalLine
	Reported bool // the file reports any figure or goal status
}

// PaybackFollowup is a payback on total economy computed twice, in years; 0 where it never
// pays back.
type PaybackFollowup struct {
	Promised, Realised int
}

// RealisedLine is one reported year: the promised and the realised permanent change, savings
// positive, and the shortfall, what was saved less than promised (negative where more was).
// Over marks a shortfall greater than the catalog's threshold times the promise's size (see
// Shortfall). Report and Date are the figure's source; Path its place in the file.
type RealisedLine struct {
	Year                          int
	Promised, Realised, Shortfall decimal.Decimal
	Over                          bool
	Report, Date                  string
	Path                          string `json:"-"`
}

// GoalLine is a follow-up goal and how it stands: Status "" where the file reports none. Path
// is the place of its status in the file ("" where there is none).
type GoalLine struct {
	Group, Goal, Measure, When string
	Status, Note               string
	Path                       string `json:"-"`
}

// Met reports whether the goal is reported met.
func (g GoalLine) Met() bool { return g.Status == proposal.GoalMet }

// Shortfall is what was saved less than promised, both savings positive: the promise less the
// realised figure. Over reports whether it is greater than threshold times the promise's size;
// never without a threshold.
func Shortfall(promised, realised decimal.Decimal, threshold *decimal.Decimal) (shortfall decimal.Decimal, over bool) {
	shortfall = promised.Sub(realised)
	if threshold == nil {
		return shortfall, false
	}
	return shortfall, shortfall.GreaterThan(threshold.Mul(promised.Abs()))
}

// realisedSheet sets r against Tabel 1, e, whose permanent change per year is change (savings
// negative) and implementation costs impl; threshold is the catalog's.
func realisedSheet(r *proposal.Realised, e *proposal.Economy, change, impl Figures, follow []proposal.FollowUp, threshold *decimal.Decimal) *RealisedSheet {
	rs := &RealisedSheet{Reported: len(r.Permanent) > 0 || len(r.Goals) > 0}
	var years []int
	if e != nil {
		years = e.Years
	}
	actual := slices.Clone(change)
	for _, ry := range r.Permanent {
		i := slices.Index(years, ry.Year)
		if i < 0 {
			continue
		}
		promised, realised := change[i].Neg(), ry.Amount.Neg()
		short, over := Shortfall(promised, realised, threshold)
		actual[i] = ry.Amount.Decimal
		rs.Years = append(rs.Years, RealisedLine{Year: ry.Year, Promised: promised, Realised: realised, Shortfall: short,
			Over: over, Report: ry.Report, Date: ry.Date, Path: proposal.Join("realised.permanent", strconv.Itoa(ry.Year))})
	}
	slices.SortFunc(rs.Years, func(a, b RealisedLine) int { return a.Year - b.Year })
	if e != nil {
		rs.Payback = PaybackFollowup{Promised: Payback(change, impl), Realised: Payback(actual, impl)}
	}
	for _, f := range follow {
		g := GoalLine{Group: f.Group, Goal: f.Goal, Measure: f.Measure, When: f.When}
		if i := slices.IndexFunc(r.Goals, func(s proposal.GoalStatus) bool { return s.Matches(f) }); i >= 0 {
			g.Status, g.Note, g.Path = r.Goals[i].Status, r.Goals[i].Note, "realised.goals."+strconv.Itoa(i)
		}
		rs.Goals = append(rs.Goals, g)
	}
	return rs
}

// threshold is the catalog's shortfall threshold; nil without a catalog or one.
func (l *Ledger) threshold() *decimal.Decimal {
	if l.Catalog == nil {
		return nil
	}
	return decimalOrNil(l.Catalog.ShortfallThreshold)
}

// Followup is promised against realised: every proposal that reports realised figures or goal
// statuses, each committee's sums over them, and the total. Figures are in Unit, savings
// positive; a committee's and the total's cover the reported years only, the promise included,
// so that a year not reported yet is no shortfall.
type Followup struct {
	Unit       string
	PriceLevel string
	// Threshold is the catalog's shortfall threshold (nil: none).
	Threshold  *decimal.Decimal
	Proposals  []ProposalFollowup
	Committees []CommitteeFollowup
	Total      FollowupSum
	// Selection is the filter the proposals and years were selected with.
	Selection Filter
}

// FollowupSum is promised, realised and the shortfall added up over reported years.
type FollowupSum struct {
	Promised, Realised, Shortfall decimal.Decimal
}

func (s *FollowupSum) add(l RealisedLine) {
	s.Promised, s.Realised, s.Shortfall = s.Promised.Add(l.Promised), s.Realised.Add(l.Realised), s.Shortfall.Add(l.Shortfall)
}

// ProposalFollowup is one proposal's follow-up: its reported years and their sum, its payback
// computed on the promise and on what was realised, and its goals not met (those reported
// not-started, on-track or missed, and those without a status).
type ProposalFollowup struct {
	Number        int
	Title         string
	Committee     string
	CommitteeName string
	Kind          string
	File          string
	Years         []RealisedLine
	Sum           FollowupSum
	Payback       PaybackFollowup
	HasPayback    bool // the proposal has a Tabel 1 to count its payback in
	GoalsNotMet   []GoalLine
}

// CommitteeFollowup is a committee's sum over its proposals' reported years.
type CommitteeFollowup struct {
	ID, Name string
	Sum      FollowupSum
}

// Followup computes promised against realised for the proposals f keeps, in the years of its
// range, from the Sheets laid out at load (a ledger loaded with ModelAll). Committees are in
// catalog order, with a row only where a proposal of theirs reports a figure.
func (l *Ledger) Followup(f Filter) Followup {
	out := Followup{Unit: l.unit(), PriceLevel: l.priceLevel(), Threshold: l.threshold(), Selection: f}
	sums := map[string]*FollowupSum{}
	for _, p := range l.Proposals {
		if p.Realised == nil || (len(f.Committees) > 0 && !slices.Contains(f.Committees, p.Committee)) || !f.Keeps(p.Kind, p.ApprovedWith) {
			continue
		}
		s := l.Sheet(p)
		if s.Realised == nil || !s.Realised.Reported {
			continue
		}
		if u, ok := UnitNamed(out.Unit); ok && s.Economy != nil && s.Economy.Unit != u.Name {
			// Tabel 1's unit, which the realised figures are in, into the catalog's.
			if in, err := s.InUnit(u); err == nil {
				s = in
			}
		}
		rs := s.Realised
		pf := ProposalFollowup{Number: s.Number, Title: s.Title, Committee: s.Committee, CommitteeName: s.CommitteeName,
			Kind: s.Kind, File: s.File, Payback: rs.Payback, HasPayback: s.Economy != nil}
		for _, y := range rs.Years {
			if (f.From != 0 && y.Year < f.From) || (f.To != 0 && y.Year > f.To) {
				continue
			}
			pf.Years = append(pf.Years, y)
			pf.Sum.add(y)
		}
		for _, g := range rs.Goals {
			if !g.Met() {
				pf.GoalsNotMet = append(pf.GoalsNotMet, g)
			}
		}
		if len(pf.Years) > 0 {
			if sums[p.Committee] == nil {
				sums[p.Committee] = &FollowupSum{}
			}
			c := sums[p.Committee]
			for _, y := range pf.Years {
				c.add(y)
				out.Total.add(y)
			}
		}
		out.Proposals = append(out.Proposals, pf)
	}
	if l.Catalog != nil {
		for _, c := range l.Catalog.Committees {
			if s := sums[c.ID]; s != nil {
				out.Committees = append(out.Committees, CommitteeFollowup{ID: c.ID, Name: c.Name, Sum: *s})
			}
		}
	}
	return out
}

// Reported reports whether any proposal of the follow-up reports a figure or a goal status.
func (f Followup) Reported() bool { return len(f.Proposals) > 0 }

// InUnit converts every amount of f into u; it fails for a unit budget does not know.
func (f Followup) InUnit(u Unit) (Followup, error) {
	c, err := newConverter(f.Unit, u)
	if err != nil {
		return Followup{}, err
	}
	sum := func(s FollowupSum) FollowupSum {
		return FollowupSum{c.d(s.Promised), c.d(s.Realised), c.d(s.Shortfall)}
	}
	f.Unit = u.Name
	f.Total = sum(f.Total)
	f.Committees = each(f.Committees, func(cf CommitteeFollowup) CommitteeFollowup { cf.Sum = sum(cf.Sum); return cf })
	f.Proposals = each(f.Proposals, func(p ProposalFollowup) ProposalFollowup {
		p.Sum = sum(p.Sum)
		p.Years = each(p.Years, c.realised)
		return p
	})
	return f, nil
}
