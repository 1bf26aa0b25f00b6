package cli

import (
	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/budget-ledger/budget/pkg/render"
	"github.com/spf13/cobra"
)

// ReportOptions are the flags the report commands share: output format, and the slicing flags
// (see slice.go); and the loader of the ledger they report on. The language is the run's
// (Global.language), known once the ledger is loaded.
type ReportOptions struct {
	*Global
	Streams
	Load   Loader
	Format string
	Slice

	format render.Format
	lang   render.Lang
}

// newReportOptions are the options of a report; load is the Global's loader it reads with
// (g.loadTables for the tables, g.load for a proposal's pages).
func newReportOptions(g *Global, s Streams, load Loader) ReportOptions {
	return ReportOptions{Global: g, Streams: s, Load: load}
}

// addFlags adds --format, and with slicing the slicing flags.
func (o *ReportOptions) addFlags(cmd *cobra.Command, slicing bool) {
	addFormatFlag(cmd, &o.Format, textFormat, "csv", "json", "markdown")
	if slicing {
		o.Slice.addFlags(cmd)
	}
	registerCompletions(cmd, o.Global)
}

// parse checks the flags that need no ledger.
func (o *ReportOptions) parse() error {
	o.format = renderFormat(o.Format)
	return o.Slice.parse()
}

// runE is the RunE every report command shares: parse the flags, then hand the options to
// runF in tests of flag parsing, or else run.
func runE[T any](o *ReportOptions, runF func(T) error, opts T, run func(T) error) func(*cobra.Command, []string) error {
	return func(*cobra.Command, []string) error {
		if err := o.parse(); err != nil {
			return err
		}
		if runF != nil {
			return runF(opts)
		}
		return run(opts)
	}
}

// loadReport loads the ledger for the report (see loadForReport), takes the run's language,
// and checks the slicing flags against the ledger.
func (o *ReportOptions) loadReport() (*ledger.Ledger, error) {
	l, err := o.Global.loadForReport(o.Load, o.Streams)
	if err != nil {
		return nil, err
	}
	o.lang = render.Lang(o.language())
	if err := o.Slice.resolve(l); err != nil {
		return nil, err
	}
	return l, nil
}

// TotalsOptions are the flags of budget totals.
type TotalsOptions struct {
	ReportOptions
	Cumulative bool
}

// NewCmdTotals builds budget totals, the catalog's Table 1.
func NewCmdTotals(g *Global, s Streams, runF func(*TotalsOptions) error) *cobra.Command {
	opts := &TotalsOptions{ReportOptions: newReportOptions(g, s, g.loadTables)}
	cmd := &cobra.Command{
		Use:   "totals",
		Short: "Table 1: efficiency contributions per committee per year, computed from the proposals",
		Example: `  budget totals
  budget totals --kind investment --years 2026-2028
  budget totals --committee buu --committee kfu --unit mio --lang en
  budget totals --cumulative
  budget totals --format csv > table1.csv
  budget totals --format json | jq '.total'`,
		Args: cobra.NoArgs,
	}
	cmd.RunE = runE(&opts.ReportOptions, runF, opts, totalsRun)
	opts.addFlags(cmd, true)
	cmd.Flags().BoolVar(&opts.Cumulative, "cumulative", false, "running sum over the years (each year with every year before it)")
	return cmd
}

func totalsRun(opts *TotalsOptions) error {
	l, err := opts.loadReport()
	if err != nil {
		return err
	}
	r := ledger.NewReport(l, ledger.ReportOptions{})
	// Running sums cover every year before the first one shown: 2028 is 2026 through 2028.
	t := r.Table2.Filter(opts.filter.AllYears()).Totals()
	if opts.Cumulative {
		t = t.Cumulative()
	}
	t, err = t.InYears(opts.filter).InUnit(opts.unit)
	if err != nil {
		return err
	}
	return render.Totals(opts.Out, t, opts.format, opts.lang)
}

// ProposalsOptions are the flags of budget proposals.
type ProposalsOptions struct{ ReportOptions }

// NewCmdProposals builds budget proposals, the catalog's Table 2.
func NewCmdProposals(g *Global, s Streams, runF func(*ProposalsOptions) error) *cobra.Command {
	opts := &ProposalsOptions{newReportOptions(g, s, g.loadTables)}
	cmd := &cobra.Command{
		Use:   "proposals",
		Short: "Table 2: every proposal's contribution by committee, with total investment and approval",
		Example: `  budget proposals
  budget proposals --committee buu
  budget proposals --kind investment --approved-with "OFS 24-25"
  budget proposals --years 2026-2027 --unit mio
  budget proposals --format markdown > table2.md`,
		Args: cobra.NoArgs,
	}
	cmd.RunE = runE(&opts.ReportOptions, runF, opts, proposalsRun)
	opts.addFlags(cmd, true)
	return cmd
}

func proposalsRun(opts *ProposalsOptions) error {
	l, err := opts.loadReport()
	if err != nil {
		return err
	}
	t, err := ledger.NewReport(l, ledger.ReportOptions{}).Table2.Filter(opts.filter).InUnit(opts.unit)
	if err != nil {
		return err
	}
	return render.Proposals(opts.Out, t, opts.format, opts.lang)
}
