package cli

import (
	"github.com/budget-ledger/budget/pkg/render"
	"github.com/spf13/cobra"
)

// ReportOptions are the flags the report commands share.
type ReportOptions struct {
	*Global
	Streams
	Format string
	Lang   string

	format render.Format
	lang   render.Lang
}

func (o *ReportOptions) addFlags(cmd *cobra.Command) {
	cmd.Flags().StringVar(&o.Format, "format", "table", "output format: table, csv, json or markdown")
	cmd.Flags().StringVar(&o.Lang, "lang", "da", "labels and number format: da (1.791) or en (1,791)")
}

func (o *ReportOptions) parse() error {
	var err error
	if o.format, err = render.ParseFormat(o.Format); err != nil {
		return usageError{err}
	}
	if o.lang, err = render.ParseLang(o.Lang); err != nil {
		return usageError{err}
	}
	return nil
}

// TotalsOptions are the flags of budget totals.
type TotalsOptions struct{ ReportOptions }

// NewCmdTotals builds budget totals, the catalog's Table 1.
func NewCmdTotals(g *Global, s Streams, runF func(*TotalsOptions) error) *cobra.Command {
	opts := &TotalsOptions{ReportOptions{Global: g, Streams: s}}
	cmd := &cobra.Command{
		Use:   "totals",
		Short: "Table 1: efficiency contributions per committee per year, computed from the proposals",
		Example: `  budget totals
  budget totals --format csv > table1.csv
  budget totals --format json | jq '.total'`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			if err := opts.parse(); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			l, err := opts.loadForReport(opts.Streams)
			if err != nil {
				return err
			}
			return render.Totals(opts.Out, l.Totals(), opts.format, opts.lang)
		},
	}
	opts.addFlags(cmd)
	return cmd
}

// ProposalsOptions are the flags of budget proposals.
type ProposalsOptions struct {
	ReportOptions
	Committees []string
}

// NewCmdProposals builds budget proposals, the catalog's Table 2.
func NewCmdProposals(g *Global, s Streams, runF func(*ProposalsOptions) error) *cobra.Command {
	opts := &ProposalsOptions{ReportOptions: ReportOptions{Global: g, Streams: s}}
	cmd := &cobra.Command{
		Use:   "proposals",
		Short: "Table 2: every proposal's contribution by committee, with total investment and approval",
		Example: `  budget proposals
  budget proposals --committee buu
  budget proposals --format markdown > table2.md`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			if err := opts.parse(); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			l, err := opts.loadForReport(opts.Streams)
			if err != nil {
				return err
			}
			t := l.Table2()
			if len(opts.Committees) > 0 {
				if t, err = t.Only(opts.Committees); err != nil {
					return usageError{err}
				}
			}
			return render.Proposals(opts.Out, t, opts.format, opts.lang)
		},
	}
	opts.addFlags(cmd)
	cmd.Flags().StringSliceVar(&opts.Committees, "committee", nil, "only these committees (id, repeatable)")
	return cmd
}

// ExportOptions are the flags of budget export.
type ExportOptions struct {
	*Global
	Streams
	Format string
}

// NewCmdExport builds budget export.
func NewCmdExport(g *Global, s Streams, runF func(*ExportOptions) error) *cobra.Command {
	opts := &ExportOptions{Global: g, Streams: s}
	cmd := &cobra.Command{
		Use:   "export",
		Short: "The whole ledger, normalised, every field, as JSON",
		Example: `  budget export --format json | jq '.proposals[] | {number, title}'
  budget export > ledger.json`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			if opts.Format != "json" {
				return usagef("unknown format %q: export writes json", opts.Format)
			}
			if runF != nil {
				return runF(opts)
			}
			l, err := opts.loadForReport(opts.Streams)
			if err != nil {
				return err
			}
			return render.Export(opts.Out, l)
		},
	}
	cmd.Flags().StringVar(&opts.Format, "format", "json", "output format: json")
	return cmd
}
