package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/budget-ledger/budget/pkg/atomicfile"
	"github.com/budget-ledger/budget/pkg/diag"
	"github.com/budget-ledger/budget/pkg/escape"
	"github.com/budget-ledger/budget/pkg/format"
	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/spf13/cobra"
)

// FmtOptions are the flags of budget fmt.
type FmtOptions struct {
	*Global
	Streams
	Check bool
	Files []string
}

// NewCmdFmt builds budget fmt.
func NewCmdFmt(g *Global, s Streams, runF func(*FmtOptions) error) *cobra.Command {
	opts := &FmtOptions{Global: g, Streams: s}
	cmd := &cobra.Command{
		Use:   "fmt [--check] [FILE|DIR]...",
		Short: "Rewrite data files in the canonical layout, keeping every value and comment",
		Long: `Fmt rewrites the ledger's files (or the files and folders given) in the one canonical
layout: keys in the order the schema lists them, years ascending, two-space indentation, one
amount a line, numbers without trailing zeros, long text folded at 100 columns, an empty line
between the file's sections, and every comment kept. It changes how a file looks, never what
it says: the result is read back and compared value by value before anything is written.

Each file is replaced atomically (a temporary file in the same folder, synced, then renamed
over it), so an interrupted run leaves every file either as it was or fully formatted. A file
that does not parse (YAML syntax, a duplicate key, an amount that is not an exact number, a key
that is neither a field name nor a year, a YAML tag) is reported at that place and left alone;
fmt never guesses what a broken file meant.

Fmt prints the name of every file it rewrote. With --check it writes nothing and lists the
files that are not canonical.

Exit status: 0 all files canonical (or now formatted), 1 with --check some files are not
canonical, or some file could not be read as YAML, 2 usage or I/O error.`,
		Example: `  budget fmt
  budget fmt proposals/biu/01-digitalt-samtykke.yaml
  budget fmt --check`,
		RunE: func(_ *cobra.Command, args []string) error {
			opts.Files = args
			if runF != nil {
				return runF(opts)
			}
			return fmtRun(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.Check, "check", false, "write nothing; list files that are not canonical and exit 1 if there are any")
	cmd.ValidArgsFunction = completeDataFiles
	return cmd
}

// fmtTarget is one file to format: where it is on disk, the name to show, and its kind.
type fmtTarget struct{ path, name, kind string }

// fmtResult is one file read and formatted: changed where its canonical layout differs, out
// that layout where it is to be written (not with --check), src only where a diagnostic shows
// its lines, and unread where it could not be read (within the size limit). Only what is still
// needed is kept, so that memory holds the files in flight and the changed ones to write, not
// every file's text twice.
type fmtResult struct {
	src, out []byte
	ds       diag.List
	changed  bool
	unread   bool
}

func fmtRun(opts *FmtOptions) error {
	lopts, err := opts.Limits.options()
	if err != nil {
		return err
	}
	targets, ds, err := opts.fmtTargets(lopts)
	if err != nil {
		return err
	}
	// Every file is read (within the limits, as every command reads) and formatted before any
	// is written, so that a file that cannot be read stops the run with nothing changed; the
	// formatting runs on every core.
	results := make([]fmtResult, len(targets))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(targets)) {
		wg.Go(func() {
			for i := range jobs {
				t, r := targets[i], &results[i]
				src, bad := ledger.ReadFile(os.DirFS(filepath.Dir(t.path)), filepath.Base(t.path), t.name, lopts.Limits)
				if bad != nil {
					r.ds, r.unread = diag.List{*bad}, true
					continue
				}
				out, ds := format.SourceLimited(t.name, t.kind, src, lopts.Limits)
				r.ds, r.changed = ds, out != nil && !bytes.Equal(out, src)
				if r.changed && !opts.Check {
					r.out = out
				}
				if len(ds) > 0 {
					r.src = src
				}
			}
		})
	}
	for i := range targets {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	sources := map[string][]byte{}
	unread := false
	for i, r := range results {
		sources[targets[i].name] = r.src
		ds = append(ds, r.ds...)
		unread = unread || r.unread
	}
	var changed []string
	for i, r := range results {
		if unread {
			break
		}
		t := targets[i]
		if !r.changed {
			continue
		}
		changed = append(changed, t.name)
		if !opts.Check {
			if err := atomicfile.Write(t.path, r.out, 0o644); err != nil {
				return fmt.Errorf("writing %s: %w", t.name, unwrapPathError(err))
			}
		}
		fmt.Fprintln(opts.Out, escape.Terminal(t.name))
	}
	if len(ds) > 0 {
		ds.Sort()
		if err := diag.WriteText(opts.Err, ds, func(f string) []byte { return sources[f] }, diag.Options{}); err != nil {
			return err
		}
	}
	if opts.Check && len(changed) > 0 {
		fmt.Fprintf(opts.Err, "%d %s not canonical: run budget fmt\n", len(changed), pluralFile(len(changed)))
		return errDataFailed
	}
	if ds.HasErrors() {
		return errDataFailed
	}
	return nil
}

func pluralFile(n int) string {
	if n == 1 {
		return "file is"
	}
	return "files are"
}

// fmtTargets lists the files to format: every data file of the ledger, or the files given and
// the data files below the folders given. A file's kind comes from its place in the ledger.
func (o *FmtOptions) fmtTargets(lopts ledger.Options) ([]fmtTarget, diag.List, error) {
	if len(o.Files) == 0 {
		dir, name, err := o.ledgerDir()
		if err != nil {
			return nil, nil, err
		}
		return walkTargets(dir, name, lopts)
	}
	var out []fmtTarget
	var ds diag.List
	for _, arg := range o.Files {
		st, err := os.Stat(arg)
		if err != nil {
			return nil, nil, usagef("%v", unwrapPathError(err))
		}
		if st.IsDir() {
			ts, wds, err := walkTargets(arg, filepath.ToSlash(filepath.Clean(arg)), lopts)
			if err != nil {
				return nil, nil, err
			}
			out = append(out, ts...)
			ds = append(ds, wds...)
			continue
		}
		name := filepath.ToSlash(filepath.Clean(arg))
		if !st.Mode().IsRegular() { // a pipe would block the reader
			ds.Errorf(diag.Pos{File: name}, "", "read", "not a regular file (a device, pipe or socket): give the file itself")
			continue
		}
		out = append(out, fmtTarget{path: arg, name: name, kind: kindOfPath(name)})
	}
	return out, ds, nil
}

func walkTargets(dir, display string, lopts ledger.Options) ([]fmtTarget, diag.List, error) {
	files, ds, err := ledger.Files(os.DirFS(dir), display, lopts)
	if err != nil {
		return nil, nil, fmt.Errorf("reading %s: %w", display, unwrapPathError(err))
	}
	out := make([]fmtTarget, len(files))
	for i, f := range files {
		name := filepath.ToSlash(filepath.Join(display, f))
		out[i] = fmtTarget{path: filepath.Join(dir, filepath.FromSlash(f)), name: name, kind: kindOfPath(name)}
	}
	return out, ds, nil
}

// kindOfPath tells a file's kind from the end of its path, so that a file given by name is
// formatted by the same schema as when the whole ledger is: catalog.yaml is the catalog, a file
// in cross-cutting/ a cross-cutting proposal, any other a numbered proposal.
func kindOfPath(name string) string {
	parts := strings.Split(name, "/")
	rel := parts[len(parts)-1]
	if len(parts) > 1 && parts[len(parts)-2] == ledger.CrossCuttingDir {
		rel = ledger.CrossCuttingDir + "/" + rel
	}
	return ledger.KindOf(rel)
}
