package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/budget-ledger/budget/pkg/render"
	"github.com/spf13/cobra"
)

// HTMLReportOptions are the flags of budget report.
type HTMLReportOptions struct {
	*Global
	Streams
	Output string
	Lang   string

	lang render.Lang
}

// NewCmdHTMLReport builds budget report, the whole ledger as one self-contained HTML page.
func NewCmdHTMLReport(g *Global, s Streams, runF func(*HTMLReportOptions) error) *cobra.Command {
	opts := &HTMLReportOptions{Global: g, Streams: s}
	cmd := &cobra.Command{
		Use:   "report",
		Short: "The ledger as one self-contained HTML page: Table 1, Table 2, every proposal, charts",
		Long: `report writes the ledger as a single HTML page that loads nothing from anywhere: its
style is inline and its charts are inline SVG, so it opens from a USB stick or an e-mail.
It holds Table 1 with a stacked bar chart of the committees' yearly efficiencies, Table 2,
and a section per proposal with its own Tabel 1; an investment proposal's section charts its
cumulative net effect over the years, where reaching zero is its payback.

The file is written whole or not at all: to a temporary file beside it, synced, then renamed.`,
		Example: `  budget report -o report.html
  budget report --lang en -o report-en.html
  budget report -o - | gzip > report.html.gz`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			var err error
			if opts.lang, err = render.ParseLang(opts.Lang); err != nil {
				return usageError{err}
			}
			if runF != nil {
				return runF(opts)
			}
			return htmlReportRun(opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "-", "file to write; - for standard output")
	cmd.Flags().StringVar(&opts.Lang, "lang", "da", "labels and number format: da (1.791) or en (1,791)")
	return cmd
}

func htmlReportRun(opts *HTMLReportOptions) error {
	toFile := opts.Output != "-" && opts.Output != ""
	if toFile {
		// Refuse before the work, not after it.
		if st, err := os.Stat(opts.Output); err == nil && st.IsDir() {
			return usagef("output %s is a directory: give a file name, e.g. -o %s", opts.Output, filepath.Join(opts.Output, "report.html"))
		}
	}
	l, err := opts.loadForReport(opts.Streams)
	if err != nil {
		return err
	}
	var page bytes.Buffer
	if err := render.HTML(&page, l, opts.lang); err != nil {
		return fmt.Errorf("rendering the report: %w", err)
	}
	if !toFile {
		_, err := opts.Out.Write(page.Bytes())
		return err
	}
	return writeFileAtomic(opts.Output, page.Bytes())
}

// writeFileAtomic replaces name with data whole or not at all: it writes a temporary file in the
// same directory, syncs it, and renames it over name, so that a reader never sees half a file
// and a failure leaves what was there before.
func writeFileAtomic(name string, data []byte) (err error) {
	dir := filepath.Dir(name)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(name)+".*.tmp")
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err // the temporary file's random name would only confuse
		}
		return usagef("cannot write %s: %v", name, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = io.Copy(tmp, bytes.NewReader(data)); err != nil {
		return usagef("writing %s: %v", name, err)
	}
	if err = tmp.Chmod(0o644); err != nil {
		return usagef("writing %s: %v", name, err)
	}
	if err = tmp.Sync(); err != nil {
		return usagef("writing %s: %v", name, err)
	}
	if err = tmp.Close(); err != nil {
		return usagef("writing %s: %v", name, err)
	}
	if err = os.Rename(tmp.Name(), name); err != nil {
		var le *os.LinkError
		if errors.As(err, &le) {
			err = le.Err
		}
		return usagef("writing %s: %v", name, err)
	}
	// Sync the directory too, so that the rename itself survives a crash.
	if d, derr := os.Open(dir); derr == nil {
		_ = d.Sync()
		d.Close()
	} else if !errors.Is(derr, fs.ErrPermission) {
		return usagef("writing %s: %v", name, unwrapPathError(derr))
	}
	return nil
}
