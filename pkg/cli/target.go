package cli

import (
	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/budget-ledger/budget/pkg/render"
	"github.com/spf13/cobra"
)

// TargetOptions are the flags of budget target.
type TargetOptions struct{ ReportOptions }

// NewCmdTarget builds budget target: how the catalog meets its efficiency target.
func NewCmdTarget(g *Global, s Streams, runF func(*TargetOptions) error) *cobra.Command {
	opts := &TargetOptions{newReportOptions(g, s, g.loadTables)}
	cmd := &cobra.Command{
		Use:   "target",
		Short: "The efficiency target: this catalog's contribution and the others the intro names, checked",
		Long: `target sets out the account of the catalog's intro: the efficiency target, this catalog's
contribution per year (Table 1's total, computed from the proposals), the part left to earlier
years' rising profiles, the other contributions the intro names, and what it says was delivered
in all. The intro's figures stand beside budget's; a difference is marked (≠) and is the
intro-mismatch finding of budget validate. Amounts are exact, in the intro's unit.`,
		Example: `  budget target
  budget target --lang en --format markdown
  budget target --format json | jq '.delivered'`,
		Args: cobra.NoArgs,
	}
	cmd.RunE = runE(&opts.ReportOptions, runF, opts, targetRun)
	opts.addFlags(cmd, false)
	return cmd
}

func targetRun(opts *TargetOptions) error {
	l, err := opts.loadReport()
	if err != nil {
		return err
	}
	r := ledger.NewReport(l, ledger.ReportOptions{})
	if !r.HasTarget {
		return usagef("the catalog states no target: add the intro's figures under intro: in %s", ledger.CatalogFile)
	}
	return render.Target(opts.Out, r.Target, opts.format, opts.lang)
}
