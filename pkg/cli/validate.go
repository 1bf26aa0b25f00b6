package cli

import (
	"maps"
	"runtime/debug"
	"slices"

	"github.com/budget-ledger/budget/pkg/diag"
	"github.com/budget-ledger/budget/pkg/render"
	"github.com/spf13/cobra"
)

// ValidateOptions are the flags of budget validate.
type ValidateOptions struct {
	*Global
	Streams
	Load   Loader
	Strict bool
	All    bool
	Format string
}

// NewCmdValidate builds budget validate. runF replaces the work in tests of flag parsing.
func NewCmdValidate(g *Global, s Streams, runF func(*ValidateOptions) error) *cobra.Command {
	opts := &ValidateOptions{Global: g, Streams: s, Load: g.loadTables}
	cmd := &cobra.Command{
		Use:   "validate",
		Short: "Check every file: schema, references, and the document's own arithmetic",
		Long: `Validate lists every problem of the ledger, sorted by file and position.

Errors mean the data is wrong (YAML syntax, schema, an amount that is not an exact number,
an unknown committee, a duplicate number or key, a year outside the table's columns).
Warnings are the document's own inconsistencies (a total that is not the sum of its rows,
a sign against the rule, a catalog row that differs from the proposal's table, a payback
that does not follow from it); a file acknowledges them under "acknowledged:".

--format sarif writes a SARIF 2.1.0 log for GitHub code scanning: a rule for every finding
code, a result for every finding, an acknowledged one (always, whatever --all says) suppressed
with its reason. --format junit writes JUnit XML: a test case for every data file, a failure
for every error, and with --strict for every unacknowledged warning; other warnings and
acknowledged findings are notes in the case's system-out.

Exit status: 0 clean, 1 the data failed (errors; with --strict also unacknowledged
warnings), 2 usage or I/O error, in every format.`,
		Example: `  budget validate
  budget validate --strict --format github
  budget validate --all --format json | jq '.diagnostics[] | select(.acknowledged)'
  budget validate --format sarif > budget.sarif`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			if runF != nil {
				return runF(opts)
			}
			return validateRun(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.Strict, "strict", false, "fail on unacknowledged warnings too")
	cmd.Flags().BoolVar(&opts.All, "all", false, "also list acknowledged findings, with their reasons")
	addFormatFlag(cmd, &opts.Format, textFormat, "json", "github\tActions annotations", "sarif\tSARIF 2.1.0 for code scanning", "junit\tJUnit XML, a test case a file")
	return cmd
}

func validateRun(opts *ValidateOptions) error {
	l, ds, err := opts.Load()
	if err != nil {
		return err
	}
	o := diag.Options{All: opts.All, Lang: opts.useCatalog(l)}
	switch opts.Format {
	case "json":
		err = render.Diagnostics(opts.Out, ds, o)
	case "github":
		err = diag.WriteGitHub(opts.Out, ds, o)
	case "sarif":
		err = render.SARIF(opts.Out, ds, render.SARIFTool{Version: buildVersion()}, o)
	case "junit":
		err = render.JUnit(opts.Out, slices.Sorted(maps.Keys(l.Docs)), ds, opts.Strict, o)
	default:
		err = diag.WriteText(opts.Out, ds, l.Source, o)
	}
	if err != nil {
		return err
	}
	errs, warns := ds.Count()
	if errs > 0 || (opts.Strict && warns > 0) {
		return errDataFailed
	}
	return nil
}

// buildVersion is the module version budget was built as (go install ...@v1.2.3), or devel for
// a build from a checkout.
func buildVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}
