package cli

import (
	"slices"

	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/budget-ledger/budget/pkg/render"
	"github.com/spf13/cobra"
)

// ShowOptions are the flags and arguments of budget show.
type ShowOptions struct {
	ReportOptions
	// Refs are proposal numbers, titles, file names or cross-cutting ids, or beginnings of them
	// (ledger.FindSheet).
	Refs []string
}

// NewCmdShow builds budget show: proposals laid out as the document shows them.
func NewCmdShow(g *Global, s Streams, runF func(*ShowOptions) error) *cobra.Command {
	opts := &ShowOptions{ReportOptions: newReportOptions(g, s, g.load)}
	opts.ownYears = true
	cmd := &cobra.Command{
		Use:   `show [N | "title" | file-name | cross-cutting-id]...`,
		Short: "A proposal as its pages show it: Tabel 1 with budget's totals and paybacks beside the printed ones",
		Long: `show lays out a proposal like the document: its own Tabel 1 (sections, rows, steering area,
its own year columns, declared totals) with the totals and paybacks budget computes beside
the declared ones and every difference marked (≠); then its contribution in the catalog
against its own table, follow-up goals, risk and administrative effect.

Name proposals by number, or by title, file name (vikardaekning-skoler for
06-vikardaekning-skoler.yaml) or a cross-cutting proposal's id: a unique beginning will do,
in any case, and a run of spaces counts as one. A beginning that several proposals share is
refused with their numbers and titles. Or choose them with --committee, --kind and
--approved-with.
--years keeps those columns of each table. CSV has the figures one a line.`,
		Example: `  budget show 1
  budget show "digitalt samtykke"
  budget show vikardaekning-skoler
  budget show energibesparelser
  budget show "Optimering af affaldshåndtering i KK" --lang en
  budget show 8 --years 2026-2028 --unit mio
  budget show --committee biu --format markdown > biu.md
  budget show 32 --format json | jq '.proposals[0].economy.payback'`,
		ValidArgsFunction: completeProposals(g),
	}
	run := runE(&opts.ReportOptions, runF, opts, showRun)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		opts.Refs = args
		return run(cmd, args)
	}
	opts.addFlags(cmd, true)
	return cmd
}

func showRun(opts *ShowOptions) error {
	l, err := opts.loadReport()
	if err != nil {
		return err
	}
	sheets, err := opts.sheets(l)
	if err != nil {
		return err
	}
	return render.Sheets(opts.Out, sheets, opts.format, opts.lang)
}

// sheets finds the proposals asked for, keeps those the filters select, and slices them.
func (o *ShowOptions) sheets(l *ledger.Ledger) ([]ledger.Sheet, error) {
	filtered := len(o.Committees) > 0 || len(o.Kinds) > 0 || o.ApprovedWith != ""
	var all []ledger.Sheet
	switch {
	case len(o.Refs) > 0:
		for _, ref := range o.Refs {
			s, err := l.FindSheet(ref)
			if err != nil {
				return nil, usageError{err}
			}
			all = append(all, s)
		}
	case filtered:
		for _, p := range l.Proposals {
			all = append(all, l.Sheet(p))
		}
		for _, x := range l.CrossCutting {
			all = append(all, l.CrossCuttingSheet(x))
		}
	default:
		return nil, usagef("show which proposal? Give a number, a title or file name or the beginning of one, or a cross-cutting id, or choose with --committee, --kind or --approved-with")
	}
	var out []ledger.Sheet
	for _, s := range all {
		if o.filter.Keeps(s.Kind, s.ApprovedWith) && inCommittees(s, o.Committees) {
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		return nil, usagef("no proposal asked for is selected by --committee, --kind and --approved-with")
	}
	if o.Years != "" {
		first, last := yearRange(out)
		if o.filter.From < first || o.filter.To > last {
			return nil, usagef("--years %s: the tables shown have the years %d-%d", o.Years, first, last)
		}
	}
	for i, s := range out {
		var err error
		if out[i], err = s.InYears(o.filter).InUnit(o.unit); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// inCommittees reports whether s belongs to one of ids (all where ids is empty); a
// cross-cutting proposal belongs to each committee that has a share.
func inCommittees(s ledger.Sheet, ids []string) bool {
	if len(ids) == 0 || slices.Contains(ids, s.Committee) {
		return true
	}
	for _, sh := range s.Catalog.Shares {
		if slices.Contains(ids, sh.Committee) {
			return true
		}
	}
	return false
}

// yearRange is the first and last year of any table of the sheets.
func yearRange(ss []ledger.Sheet) (int, int) {
	var years []int
	for _, s := range ss {
		years = append(years, s.Catalog.Years...)
		if s.Economy != nil {
			years = append(years, s.Economy.Years...)
		}
		if s.AdministrativeEffect != nil {
			years = append(years, s.AdministrativeEffect.Years...)
		}
	}
	if len(years) == 0 {
		return 0, 0
	}
	return slices.Min(years), slices.Max(years)
}
