package check

import (
	"slices"
	"strconv"
	"strings"

	"github.com/budget-ledger/budget/pkg/diag"
	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/budget-ledger/budget/pkg/proposal"
)

// realised checks a proposal's realised section: each year among Tabel 1's columns (an error
// at the year's key), each goal status naming one row of follow_up, once, a goal met with a
// note, and, as the Sheet computes it, each year's shortfall against the catalog's threshold
// (a warning, which the file may acknowledge).
func (c *checker) realised(p *proposal.Proposal, s *ledger.Sheet) {
	r, d := p.Realised, p.Doc
	var years []int
	if p.Economy != nil {
		years = p.Economy.Years
	}
	for _, ry := range r.Permanent {
		if !slices.Contains(years, ry.Year) {
			at := proposal.Join("realised.permanent", strconv.Itoa(ry.Year))
			c.ds.Errorf(d.KeyPos(at), at, CodeRealisedYear, "realised year %d is not one of the proposal's years (%s)", ry.Year, yearSpan(years))
		}
	}
	named := map[int]int{} // follow_up row -> the goal status that named it first
	for i, g := range r.Goals {
		at := "realised.goals." + strconv.Itoa(i)
		var rows []int
		for j, f := range p.FollowUp {
			if g.Matches(f) {
				rows = append(rows, j)
			}
		}
		switch {
		case len(rows) == 0:
			c.errorf(d, at+".goal", CodeUnknownGoal, "goal %s is not one of follow_up's goals: write its text as follow_up does", diag.Quote(g.Goal))
		case len(rows) > 1:
			c.errorf(d, at+".goal", CodeUnknownGoal, "goal %s names %d rows of follow_up: add the measure of the one meant", diag.Quote(g.Goal), len(rows))
		default:
			if first, dup := named[rows[0]]; dup {
				c.errorf(d, at+".goal", CodeUnknownGoal, "goal %s already has a status, at realised.goals.%d", diag.Quote(g.Goal), first)
			} else {
				named[rows[0]] = i
			}
		}
		if g.Status == proposal.GoalMet && strings.TrimSpace(g.Note) == "" {
			c.errorf(d, at+".status", CodeGoalNote, "goal %s is marked met without a note: say in note what shows it is met", diag.Quote(g.Goal))
		}
	}
	if s.Realised == nil || c.l.Catalog == nil || c.l.Catalog.ShortfallThreshold == nil {
		return
	}
	t := c.l.Catalog.ShortfallThreshold.Decimal
	for _, y := range s.Realised.Years {
		if y.Over {
			c.warnf(d, y.Path+".amount", CodeShortfall,
				"realised saving in %d is %s, %s short of the %s promised: more than the catalog's shortfall threshold allows (%s, %s of the promise)",
				y.Year, fmtDec(y.Realised), fmtDec(y.Shortfall), fmtDec(y.Promised), fmtDec(t.Mul(y.Promised.Abs())), fmtDec(t))
		}
	}
}
