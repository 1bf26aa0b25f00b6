package cli

import (
	"github.com/budget-ledger/budget/pkg/render"
	"github.com/spf13/cobra"
)

// FollowupOptions are the flags of budget followup.
type FollowupOptions struct{ ReportOptions }

// NewCmdFollowup builds budget followup: what the proposals promised against what was realised.
func NewCmdFollowup(g *Global, s Streams, runF func(*FollowupOptions) error) *cobra.Command {
	opts := &FollowupOptions{newReportOptions(g, s, g.load)}
	// A realised year is one of the proposal's own years, which may lie outside the catalog's.
	opts.ownYears = true
	cmd := &cobra.Command{
		Use:   "followup",
		Short: "Promised against realised: each proposal's realised savings, the shortfall, the payback on them, the goals not met",
		Long: `followup sets what the proposals' files report as realised (their realised: section) against
what their own Tabel 1 promised: per proposal each reported year with its source, per
committee and in all, with the shortfall (promised less realised, savings positive; only the
years reported count, so a year not reported yet is no shortfall). A shortfall greater than
the catalog's shortfall_threshold times the promise is marked (!), and is the shortfall
finding of budget validate. Then each proposal's payback on total economy, computed on the
promise and again with the realised figures in place of the promised ones, and the follow-up
goals not met: those reported not-started, on-track or missed, and those not reported.
Only proposals that report realised figures or goal statuses are shown. CSV has the figures
one a line.`,
		Example: `  budget followup
  budget followup --committee buu --lang en
  budget followup --years 2026 --unit mio
  budget followup --format csv > followup.csv
  budget followup --format json | jq '.total'`,
		Args: cobra.NoArgs,
	}
	cmd.RunE = runE(&opts.ReportOptions, runF, opts, followupRun)
	opts.addFlags(cmd, true)
	return cmd
}

func followupRun(opts *FollowupOptions) error {
	l, err := opts.loadReport()
	if err != nil {
		return err
	}
	f, err := l.Followup(opts.filter).InUnit(opts.unit)
	if err != nil {
		return err
	}
	return render.Followup(opts.Out, f, opts.format, opts.lang)
}
