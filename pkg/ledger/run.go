package ledger

import (
	"sync"

	"github.com/budget-ledger/budget/pkg/proposal"
)

// Report is what one run of budget shows, computed once from a loaded ledger: Table 2, Table 1
// added up from it, the intro's efficiency account and, where the command asked for them, every
// proposal's sheet with its payback projection. Renderers only format it; none of them adds a
// number of its own.
type Report struct {
	// Catalog is the catalog file's data (its names for a page's title); nil without one.
	Catalog *proposal.Catalog
	Table2  Table2
	// Totals is Table 1, Table2's committee rows and total.
	Totals Totals
	// Target is the intro's account; HasTarget is false without a catalog or an intro.
	Target    Target
	HasTarget bool
	// Proposals and CrossCutting are the sheets, in the ledger's order; empty unless asked for
	// (ReportOptions.Sheets).
	Proposals    []ProposalReport
	CrossCutting []Sheet
	// Followup is promised against realised, where the sheets were asked for and some proposal
	// reports realised figures or goal statuses; nil otherwise.
	Followup *Followup
	// Compare is this budget beside an earlier one (budget report in a ledger of budget
	// folders); nil otherwise. The caller sets it: it needs the earlier budget loaded.
	Compare *Comparison
}

// ProposalReport is a numbered proposal's sheet and, for an investment proposal with a table,
// how its cumulative net effect goes on past the table's last column (PaybackProjection).
type ProposalReport struct {
	Sheet      Sheet
	Projection Projection
}

// Projection is a cumulative net effect continued past a table's last column: the years and
// their figures; empty where the table's own columns reach zero or the proposal never pays back.
type Projection struct {
	Years      []int
	Cumulative Figures
}

// ReportOptions choose what NewReport computes beyond the ledger's tables.
type ReportOptions struct {
	// Sheets lays out every proposal and cross-cutting proposal, as the HTML report shows them.
	Sheets bool
}

// NewReport computes the report of l. Table 2, Table 1 and the target are the ledger's, computed
// once however many reports and checks read them (see Ledger.Table2).
func NewReport(l *Ledger, o ReportOptions) Report {
	t := l.tables()
	r := Report{Catalog: l.Catalog, Table2: t.table2, Totals: t.totals, Target: t.target, HasTarget: t.hasTarget}
	if !o.Sheets {
		return r
	}
	for _, p := range l.Proposals {
		pr := ProposalReport{Sheet: l.Sheet(p)}
		if p.Kind == proposal.KindInvestment && p.Economy != nil && len(p.Economy.Years) > 0 {
			pr.Projection.Years, pr.Projection.Cumulative = PaybackProjection(p.Economy)
		}
		r.Proposals = append(r.Proposals, pr)
	}
	for _, x := range l.CrossCutting {
		r.CrossCutting = append(r.CrossCutting, l.CrossCuttingSheet(x))
	}
	if f := l.Followup(Filter{}); f.Reported() {
		r.Followup = &f
	}
	return r
}

// computedTables are the figures of the whole ledger that every report and the catalog's checks
// read. A Ledger does not change once loaded, so they are computed at first use and shared.
type computedTables struct {
	once      sync.Once
	table2    Table2
	totals    Totals
	target    Target
	hasTarget bool
}

func (l *Ledger) tables() *computedTables {
	t := &l.computed
	t.once.Do(func() {
		t.table2 = l.table2()
		t.totals = t.table2.Totals()
		t.target, t.hasTarget = l.target(t.table2)
	})
	return t
}
