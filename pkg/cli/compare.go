package cli

import (
	"os"

	"github.com/budget-ledger/budget/pkg/diag"

	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/budget-ledger/budget/pkg/render"
	"github.com/spf13/cobra"
)

// CompareOptions are the flags and arguments of budget compare.
type CompareOptions struct {
	ReportOptions
	// From and To are the two budgets, the earlier first.
	From, To int
	// LoadBudget loads one budget of the ledger for a report; a test may hand it another.
	LoadBudget func(year int) Loader
}

// NewCmdCompare builds budget compare: two budgets of a ledger side by side.
func NewCmdCompare(g *Global, s Streams, runF func(*CompareOptions) error) *cobra.Command {
	opts := &CompareOptions{ReportOptions: newReportOptions(g, s, nil), LoadBudget: g.budgetTables}
	cmd := &cobra.Command{
		Use:   "compare FROM TO",
		Short: "Two budgets side by side: Table 1 per committee and year with the change, and the proposals continued, new and ended",
		Long: `compare sets two budgets of a ledger of budget folders beside each other: for each committee
(the later catalog's, then those only the earlier has) Table 1 of each budget per year, and
the change from the earlier to the later where both have the year; then the proposals: those of
the later budget that continue one of the earlier (directly or through the budgets between),
those that are new, and those of the earlier that none of the later continues (ended). Each
budget's figures are as its own catalog prints them, in its own price level.
The slicing flags work as on totals.`,
		Example: `  budget compare 2025 2026
  budget compare 2025 2026 --committee biu --unit mio
  budget compare 2025 2026 --format csv > compare.csv`,
		Args: cobra.ExactArgs(2),
	}
	run := runE(&opts.ReportOptions, runF, opts, compareRun)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		for i, a := range args {
			y, ok := ledger.BudgetYear(a)
			if !ok {
				return usagef("compare %s: want a budget year, e.g. 2026", a)
			}
			if i == 0 {
				opts.From = y
			} else {
				opts.To = y
			}
		}
		if opts.From >= opts.To {
			return usagef("compare %d %d: give the earlier budget first", opts.From, opts.To)
		}
		return run(cmd, args)
	}
	opts.addFlags(cmd, true)
	return cmd
}

func compareRun(opts *CompareOptions) error {
	var ls [2]*ledger.Ledger
	for i, y := range []int{opts.From, opts.To} {
		opts.Load = opts.LoadBudget(y)
		l, err := opts.loadReport()
		if err != nil {
			return err
		}
		ls[i] = l
	}
	c, err := ledger.Compare(ls[0], ls[1], opts.filter, opts.unit)
	if err != nil {
		return err
	}
	return render.Compare(opts.Out, c, opts.format, opts.lang)
}

// budgetTables is the loader of one budget of the ledger with ModelTables, whatever --budget says.
func (g *Global) budgetTables(year int) Loader {
	return func() (*ledger.Ledger, diag.List, error) {
		dir, name, err := g.ledgerDir()
		if err != nil {
			return nil, nil, err
		}
		l, ds, err := g.loadFSBudget(os.DirFS(dir), name, year, ledger.Options{Model: ledger.ModelTables})
		if err == nil {
			g.useCatalog(l)
		}
		return l, ds, err
	}
}
