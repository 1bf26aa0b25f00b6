package cli

import (
	"bytes"
	"os"
	"path/filepath"

	"github.com/budget-ledger/budget/pkg/diag"
	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/budget-ledger/budget/pkg/msg"
	"github.com/budget-ledger/budget/pkg/render"
	"github.com/spf13/cobra"
)

// ExportOptions are the flags of budget export.
type ExportOptions struct {
	*Global
	Streams
	Load   Loader
	Format string
	// Output is the file (or, for a format that is a folder of files, the folder) to write;
	// "-" or "" for standard output, where the format allows it.
	Output string
	// AllowErrors exports a ledger with errors, its findings marked, instead of refusing it.
	AllowErrors bool
}

// NewCmdExport builds budget export.
func NewCmdExport(g *Global, s Streams, runF func(*ExportOptions) error) *cobra.Command {
	opts := &ExportOptions{Global: g, Streams: s, Load: g.load}
	cmd := &cobra.Command{
		Use:   "export",
		Short: "The ledger for other programs: JSON, a workbook, Parquet, a Fiscal Data Package",
		Long: `export writes the whole ledger for other programs.

json: every field of every file, normalised (for jq and pandas), to standard output or -o FILE.
fdp: a Fiscal Data Package (0.3.0) of Table 2 in the folder -o DIR: datapackage.json and
table2.csv, a measure a year. DIR is written whole or not at all (a folder beside it, renamed
into place); an existing DIR is replaced only when it is empty or a package budget wrote.
parquet: every figure of every proposal one a row, amounts as DECIMAL(38,10), for DuckDB,
pandas, Spark and the like; to -o FILE only (the README has the schema).
xlsx: a workbook for a spreadsheet, to -o FILE: Table 1 and Table 2 as printed, a sheet per
proposal, validate's findings, and every figure one a row for pivot tables. Figures are
numbers; a total row is a SUM of the rows above it.

A file given with -o is written whole or not at all (a temporary file beside it, synced, then
renamed over it). A ledger with errors exports nothing, since figures from broken data
mislead; --allow-errors exports it anyway, its errors printed on standard error and marked in
the JSON (under "errors") and in the workbook (its findings sheet).`,
		Example: `  budget export --format json | jq '.proposals[] | {number, title}'
  budget export > ledger.json
  budget export -o ledger.json
  budget export --format fdp -o fdp
  budget export --format parquet -o ledger.parquet
  budget export --format xlsx -o ledger.xlsx --lang en`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			if runF != nil {
				return runF(opts)
			}
			return exportRun(opts)
		},
	}
	addFormatFlag(cmd, &opts.Format, "json", "fdp", "parquet", "xlsx")
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "-", "file to write, - for standard output; for fdp, the folder")
	cmd.Flags().BoolVar(&opts.AllowErrors, "allow-errors", false, "export a ledger with errors, its findings marked, instead of refusing it")
	return cmd
}

// exportLoaded is a loaded ledger as an export writes it: the ledger, its findings, and the
// language of the run.
type exportLoaded struct {
	l    *ledger.Ledger
	ds   diag.List
	lang msg.Lang
}

func exportRun(opts *ExportOptions) error {
	if opts.Format == "fdp" {
		return exportFolderRun(opts)
	}
	toFile := opts.Output != "-" && opts.Output != ""
	if !toFile && (opts.Format == "parquet" || opts.Format == "xlsx") {
		return usagef("--format %s writes a binary file, not for standard output: give one with -o FILE, e.g. -o ledger.%s", opts.Format, opts.Format)
	}
	if toFile {
		// Refuse before the work, not after it.
		if err := checkOutputFile(opts.Output, "ledger."+opts.Format); err != nil {
			return err
		}
	}
	x, err := opts.loadForExport()
	if err != nil {
		return err
	}
	var out bytes.Buffer
	switch opts.Format {
	case "parquet":
		if err := render.Parquet(&out, ledger.NewReport(x.l, ledger.ReportOptions{Sheets: true})); err != nil {
			return err
		}
	case "xlsx":
		if err := render.XLSX(&out, workbookOf(x), render.Lang(x.lang)); err != nil {
			return err
		}
	default: // json
		if err := render.Export(&out, render.ExportLedger{Catalog: x.l.Catalog, Proposals: x.l.Proposals, CrossCutting: x.l.CrossCutting,
			Errors: x.ds.Errors(), Lang: x.lang}); err != nil {
			return err
		}
	}
	if !toFile {
		_, err := opts.Out.Write(out.Bytes())
		return err
	}
	return writeReport(opts.Output, out.Bytes())
}

// exportFolderRun writes a format that is a folder of files: fdp, the Fiscal Data Package of
// Table 2, as computed (see render.FiscalDataPackage).
func exportFolderRun(opts *ExportOptions) error {
	if err := checkOutputFolder(opts.Output, opts.Format); err != nil {
		return err
	}
	x, err := opts.loadForExport()
	if err != nil {
		return err
	}
	files, err := render.FiscalDataPackage(x.l.Catalog, x.l.Table2())
	if err != nil {
		return err
	}
	return writeFolder(opts.Output, files)
}

// loadForExport loads the ledger for an export as a report is loaded (loadChecked), but with
// --allow-errors a ledger with errors is exported too, its errors printed on standard error and
// kept among the findings, for the formats that mark them.
func (opts *ExportOptions) loadForExport() (exportLoaded, error) {
	l, ds, err := opts.loadChecked(opts.Load, opts.Streams, opts.AllowErrors)
	if err != nil {
		return exportLoaded{}, err
	}
	return exportLoaded{l: l, ds: ds, lang: opts.language()}, nil
}

// checkOutputFile refuses, before any work, an output file that cannot be one: a folder (the
// message suggests a name in it, example), or one in a folder that does not exist.
func checkOutputFile(name, example string) error {
	if st, err := os.Stat(name); err == nil && st.IsDir() {
		return usagef("output %s is a directory: give a file name, e.g. -o %s", name, filepath.Join(name, example))
	}
	if dir := filepath.Dir(name); dir != "" {
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			return usagef("output %s: the folder %s does not exist", name, dir)
		}
	}
	return nil
}

// workbookOf is the workbook of a loaded ledger: the one computed report (Table 1, Table 2 and
// every proposal's sheet, numbered ones first), and the ledger's findings.
func workbookOf(x exportLoaded) render.Workbook {
	r := ledger.NewReport(x.l, ledger.ReportOptions{Sheets: true})
	return render.Workbook{Totals: r.Totals, Table2: r.Table2, Findings: x.ds, Sheets: render.ReportSheets(r)}
}
