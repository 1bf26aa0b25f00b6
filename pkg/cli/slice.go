package cli

import (
	"slices"
	"strconv"
	"strings"

	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/budget-ledger/budget/pkg/msg"
	"github.com/budget-ledger/budget/pkg/proposal"
	"github.com/spf13/cobra"
)

// kinds are the values of --kind, in Table 2's order.
var kinds = []string{proposal.KindInvestment, proposal.KindCrossCutting, proposal.KindEfficiency}

// Slice holds the flags that select what a report covers and the unit it shows.
type Slice struct {
	Committees   []string
	Kinds        []string
	ApprovedWith string
	Years        string
	Unit         string

	filter ledger.Filter
	unit   ledger.Unit
	// ownYears leaves --years to be checked against each proposal's own columns (budget show)
	// rather than the catalog's years.
	ownYears bool
}

func (o *Slice) addFlags(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringSliceVar(&o.Committees, "committee", nil, "only these committees (id; repeatable or comma-separated)")
	f.StringSliceVar(&o.Kinds, "kind", nil, "only these kinds of proposal: investment, efficiency or cross-cutting (repeatable)")
	f.StringVar(&o.ApprovedWith, "approved-with", "", `only proposals whose "Godkendt med" contains TEXT (any case), e.g. "OFS 24-25"`)
	f.StringVar(&o.Years, "years", "", "only these years: one year (2027) or a range (2026-2028)")
	f.StringVar(&o.Unit, "unit", "tkr", "unit of amounts: tkr (1.000 kr., as stored), kr or mio (shown to 1 decimal)")
}

// parse checks the flags that need no ledger.
func (o *Slice) parse() error {
	var err error
	o.unit = ledger.Thousands // as stored, for commands without --unit
	if o.Unit != "" {
		if o.unit, err = ledger.ParseUnit(o.Unit); err != nil {
			return usagef("--unit: %v", err)
		}
	}
	for _, k := range o.Kinds {
		if !slices.Contains(kinds, k) {
			return usagef("--kind %s: want investment, efficiency or cross-cutting", k)
		}
	}
	o.filter = ledger.Filter{Committees: o.Committees, Kinds: o.Kinds, ApprovedWith: o.ApprovedWith}
	if o.Years != "" {
		if o.filter.From, o.filter.To, err = parseYears(o.Years); err != nil {
			return usagef("--years %s: %v", o.Years, err)
		}
	}
	return nil
}

// parseYears reads "2027" or "2026-2028".
func parseYears(s string) (int, int, error) {
	a, b, isRange := strings.Cut(s, "-")
	from, errA := strconv.Atoi(strings.TrimSpace(a))
	to, errB := from, error(nil)
	if isRange {
		to, errB = strconv.Atoi(strings.TrimSpace(b))
	}
	switch {
	case errA != nil || errB != nil || from < 1000 || to > 9999:
		return 0, 0, msg.Errorf("want a year (2027) or a range of years (2026-2028)")
	case from > to:
		return 0, 0, msg.Errorf("the range runs backwards: want FROM-TO with FROM before TO, e.g. %d-%d", to, from)
	}
	return from, to, nil
}

// resolve checks the slicing flags against the ledger: committees it knows, an approval some
// proposal has, years among the catalog's.
func (o *Slice) resolve(l *ledger.Ledger) error {
	if l.Catalog == nil {
		return nil
	}
	for _, id := range o.Committees {
		if !slices.ContainsFunc(l.Catalog.Committees, func(c proposal.Committee) bool { return c.ID == id }) {
			return usagef("--committee %s: unknown committee: the catalog has %s", id, strings.Join(committeeIDs(l), ", "))
		}
	}
	if o.ApprovedWith != "" {
		known := approvals(l)
		if !slices.ContainsFunc(known, func(a string) bool { return ledger.Filter{ApprovedWith: o.ApprovedWith}.Keeps("", &a) }) {
			quoted := make([]string, len(known))
			for i, a := range known {
				quoted[i] = strconv.Quote(a)
			}
			return usagef("--approved-with %q: no proposal is approved with that; the ledger has %s", o.ApprovedWith, strings.Join(quoted, ", "))
		}
	}
	if !o.ownYears {
		return o.checkYears(l.Catalog.Years)
	}
	return nil
}

// checkYears fails when --years reaches outside the catalog's years.
func (o *Slice) checkYears(years []int) error {
	if o.Years == "" || len(years) == 0 {
		return nil
	}
	first, last := years[0], years[len(years)-1]
	if o.filter.From < first || o.filter.To > last {
		return usagef("--years %s: the catalog's years are %d-%d", o.Years, first, last)
	}
	return nil
}

func committeeIDs(l *ledger.Ledger) []string {
	var ids []string
	for _, c := range l.Catalog.Committees {
		ids = append(ids, c.ID)
	}
	return ids
}

// approvals are the distinct "Godkendt med" texts of the ledger, sorted.
func approvals(l *ledger.Ledger) []string {
	var out []string
	add := func(a *string) {
		if a != nil && !slices.Contains(out, *a) {
			out = append(out, *a)
		}
	}
	for _, p := range l.Proposals {
		add(p.ApprovedWith)
	}
	for _, x := range l.CrossCutting {
		add(x.ApprovedWith)
	}
	slices.Sort(out)
	return out
}
