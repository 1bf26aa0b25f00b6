package cli

import (
	"os"

	"github.com/budget-ledger/budget/pkg/diag"
	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/budget-ledger/budget/pkg/render"
	"github.com/spf13/cobra"
)

// BudgetsOptions are the flags of budget budgets.
type BudgetsOptions struct {
	*Global
	Streams
	Format string
}

// NewCmdBudgets builds budget budgets: the budgets a ledger holds.
func NewCmdBudgets(g *Global, s Streams, runF func(*BudgetsOptions) error) *cobra.Command {
	opts := &BudgetsOptions{Global: g, Streams: s}
	cmd := &cobra.Command{
		Use:   "budgets",
		Short: "The budgets the ledger holds: year, folder, catalog, years, proposals and status",
		Long: `budgets lists the budgets of the ledger, one a line, by year: a ledger of budget folders
(2025/catalog.yaml, 2026/catalog.yaml) holds one a folder, the one-catalog layout one. For each
it reads the catalog and counts the data files, without reading the proposals. --budget
chooses among them for every other command; the default is the latest.`,
		Example: `  budget budgets
  budget budgets --format json | jq '.[].budget'
  budget totals --budget 2025`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			if runF != nil {
				return runF(opts)
			}
			return budgetsRun(opts)
		},
	}
	addFormatFlag(cmd, &opts.Format, textFormat, "csv", "json", "markdown")
	return cmd
}

func budgetsRun(opts *BudgetsOptions) error {
	dir, name, err := opts.ledgerDir()
	if err != nil {
		return err
	}
	lim, err := opts.Limits.options()
	if err != nil {
		return err
	}
	bs, ds, err := ledger.ListBudgets(os.DirFS(dir), name, lim)
	if err != nil {
		return unwrapPathError(err)
	}
	lang := opts.language()
	if ds.HasErrors() {
		if err := diag.WriteText(opts.Err, ds, nil, diag.Options{Lang: lang}); err != nil {
			return err
		}
		return errDataFailed
	}
	return render.Budgets(opts.Out, bs, renderFormat(opts.Format), render.Lang(lang))
}
