package cli

import (
	"bytes"
	"slices"

	"github.com/budget-ledger/budget/pkg/atomicfile"
	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/budget-ledger/budget/pkg/msg"
	"github.com/budget-ledger/budget/pkg/render"
	"github.com/spf13/cobra"
)

// HTMLReportOptions are the flags of budget report.
type HTMLReportOptions struct {
	*Global
	Streams
	Load   Loader
	Output string
	// Compare is --compare: the earlier budget the report sets this one beside, 0 for the one
	// before it in a ledger of budget folders (none in the one-catalog layout), -1 for none.
	Compare int
	// LoadBudget loads another budget of the ledger, for the comparison.
	LoadBudget func(year int) Loader
}

// NewCmdHTMLReport builds budget report, the whole ledger as one self-contained HTML page.
func NewCmdHTMLReport(g *Global, s Streams, runF func(*HTMLReportOptions) error) *cobra.Command {
	opts := &HTMLReportOptions{Global: g, Streams: s, Load: g.load, LoadBudget: g.budgetTables}
	cmd := &cobra.Command{
		Use:   "report",
		Short: "The ledger as one self-contained HTML page: Table 1, Table 2, every proposal, charts",
		Long: `report writes the ledger as a single HTML page that loads nothing from anywhere: its
style is inline and its charts are inline SVG, so it opens from a USB stick or an e-mail.
It holds Table 1 with a stacked bar chart of the committees' yearly efficiencies, Table 2,
and a section per proposal with its own Tabel 1; an investment proposal's section charts its
cumulative net effect over the years, where reaching zero is its payback. In a ledger of
budget folders it also sets the budget beside the one before it, as budget compare does
(--compare YEAR for another earlier budget, --compare -1 for none).

The file is written whole or not at all: to a temporary file beside it, synced, then renamed.`,
		Example: `  budget report -o report.html
  budget report --lang en -o report-en.html
  budget report -o - | gzip > report.html.gz
  budget report --budget 2026 --compare 2024 -o report.html`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			if runF != nil {
				return runF(opts)
			}
			return htmlReportRun(opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "-", "file to write; - for standard output")
	cmd.Flags().IntVar(&opts.Compare, "compare", 0, "the earlier budget to set this one beside, in a ledger of budget folders; -1 for none (default: the one before)")
	registerCompletions(cmd, g)
	_ = cmd.RegisterFlagCompletionFunc("output", cobra.FixedCompletions([]string{"html"}, cobra.ShellCompDirectiveFilterFileExt))
	return cmd
}

func htmlReportRun(opts *HTMLReportOptions) error {
	toFile := opts.Output != "-" && opts.Output != ""
	if toFile {
		// Refuse before the work, not after it.
		if err := checkOutputFile(opts.Output, "report.html"); err != nil {
			return err
		}
	}
	l, err := opts.Global.loadForReport(opts.Load, opts.Streams)
	if err != nil {
		return err
	}
	r := ledger.NewReport(l, ledger.ReportOptions{Sheets: true})
	if opts.Compare > 0 && l.Budget != 0 && opts.Compare >= l.Budget {
		return usagef("--compare %d: want a budget earlier than this one, %d", opts.Compare, l.Budget)
	}
	if from := opts.compareWith(l); from != 0 {
		e, err := opts.Global.loadForReport(opts.LoadBudget(from), opts.Streams)
		if err != nil {
			return err
		}
		c, err := ledger.Compare(e, l, ledger.Filter{}, ledger.Thousands)
		if err != nil {
			return err
		}
		r.Compare = &c
	}
	var page bytes.Buffer
	if err := render.HTML(&page, r, render.Lang(opts.language())); err != nil {
		return msg.Errorf("rendering the report: %w", err)
	}
	if !toFile {
		_, err := opts.Out.Write(page.Bytes())
		return err
	}
	return writeReport(opts.Output, page.Bytes())
}

// writeReport replaces name with the page, whole or not at all (see package atomicfile); a new
// file is readable by all, an existing one keeps its permissions.
func writeReport(name string, page []byte) error {
	if err := atomicfile.Write(name, page, 0o644); err != nil {
		return usagef("cannot write %s: %v", name, unwrapPathCause(err))
	}
	return nil
}

// compareWith is the earlier budget the report compares with: --compare, else the budget before
// l's in its ledger; 0 for none.
func (o *HTMLReportOptions) compareWith(l *ledger.Ledger) int {
	switch {
	case o.Compare < 0 || l.Budget == 0:
		return 0
	case o.Compare > 0:
		return o.Compare
	}
	i := slices.Index(l.Budgets, l.Budget)
	if i <= 0 {
		return 0
	}
	return l.Budgets[i-1]
}
