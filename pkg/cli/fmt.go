package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/budget-ledger/budget/pkg/atomicfile"
	"github.com/budget-ledger/budget/pkg/diag"
	"github.com/budget-ledger/budget/pkg/escape"
	"github.com/budget-ledger/budget/pkg/format"
	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/budget-ledger/budget/pkg/msg"
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
over it), so an interrupted run leaves every file either as it was or fully formatted. Every
file is checked before the first is written: a folder fmt may not write changes nothing.
A run that was killed leaves temporary files (.NAME.yaml.tmp-DIGITS); the next fmt removes
them, and fmt --check and validate report them. A file that does not parse (YAML syntax, a
duplicate key, an amount that is not an exact number, a key that is neither a field name nor a
year, a YAML tag) is reported at that place and left alone; fmt never guesses what a broken file
meant.

Without arguments fmt finds the ledger as every command does (--dir); files and folders given
are formatted as named, as gofmt does, and no ledger is searched for.

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

// fmtTarget is one file to format: the folder it is written through, its path there, the
// name to show, and its kind.
type fmtTarget struct {
	root            *fmtRoot
	rel, name, kind string
}

// fmtRoot is a folder fmt writes in, opened as an os.Root so that the operating system keeps
// every write inside it: the ledger, a folder given, or the folder of a file given.
type fmtRoot struct {
	*os.Root
	fsys fs.FS
	// display is the folder's name as shown; leftovers are the temporary files an interrupted
	// write left in it, found by the walk.
	display   string
	leftovers []string
}

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

// fmtWriteFile replaces a file; tests make it fail midway.
var fmtWriteFile = atomicfile.WriteIn

func fmtRun(opts *FmtOptions) error {
	lopts, err := opts.Limits.options()
	if err != nil {
		return err
	}
	targets, roots, ds, err := opts.fmtTargets(lopts)
	defer func() {
		for _, r := range roots {
			r.Close()
		}
	}()
	if err != nil {
		return err
	}
	// Every file is read (within the limits, as every command reads) and formatted before any
	// is written, so that a file or folder that cannot be read stops the run with nothing
	// changed; the formatting runs on every core.
	results := make([]fmtResult, len(targets))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(targets)) {
		wg.Go(func() {
			for i := range jobs {
				t, r := targets[i], &results[i]
				src, bad := ledger.ReadFile(t.root.fsys, t.rel, t.name, lopts.Limits)
				if bad != nil {
					r.ds, r.unread = diag.List{*bad}, true
					continue
				}
				out, ds := format.SourceLimited(t.name, t.kind, src, lopts.Limits)
				ds, _ = ds.LimitErrors(false) // at most diag.MaxErrorsPerFile shown, as validate shows
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
	unread := slices.ContainsFunc(ds, func(d diag.Diagnostic) bool { return d.Code == "read" && d.Severity == diag.Error })
	for i, r := range results {
		sources[targets[i].name] = r.src
		ds = append(ds, r.ds...)
		unread = unread || r.unread
	}
	var changed []int
	for i, r := range results {
		if !unread && r.changed {
			changed = append(changed, i)
		}
	}
	var writeErr error
	switch {
	case opts.Check:
		for _, i := range changed {
			fmt.Fprintln(opts.Out, escape.Terminal(targets[i].name))
		}
	case !unread:
		writeErr = writeFormatted(opts.Out, targets, results, changed)
		if writeErr == nil {
			ds = removeLeftovers(opts.Err, roots, ds, opts.language())
		}
	}
	if len(ds) > 0 {
		ds.Sort()
		if err := diag.WriteText(opts.Err, ds, diag.TextSources(func(f string) []byte { return sources[f] }), diag.Options{Lang: opts.language()}); err != nil {
			return err
		}
	}
	if writeErr != nil {
		return writeErr
	}
	if opts.Check {
		leftovers := 0
		for _, r := range roots {
			leftovers += len(r.leftovers)
		}
		l := opts.language()
		switch n := len(changed); {
		case n == 1:
			fmt.Fprint(opts.Err, msg.Newf("1 file is not canonical: run budget fmt\n").In(l))
		case n > 1:
			fmt.Fprint(opts.Err, msg.Newf("%d files are not canonical: run budget fmt\n", n).In(l))
		}
		switch {
		case leftovers == 1:
			fmt.Fprint(opts.Err, msg.Newf("1 temporary file left by an interrupted write: run budget fmt\n").In(l))
		case leftovers > 1:
			fmt.Fprint(opts.Err, msg.Newf("%d temporary files left by interrupted writes: run budget fmt\n", leftovers).In(l))
		}
		if len(changed) > 0 || leftovers > 0 {
			return errDataFailed
		}
	}
	if ds.HasErrors() {
		return errDataFailed
	}
	return nil
}

// writeFormatted replaces the changed files, printing each name once it is in place. Every
// file is checked first (it is still a regular file, and a temporary file can be made beside
// it), so that a folder fmt may not write, or a name too long for its temporary file, stops
// the run before the first file changes. The files are then written one at a time, so that a
// run killed midway leaves at most one temporary file; should a write fail (a full disk), the
// error says which files were rewritten: those printed.
func writeFormatted(out io.Writer, targets []fmtTarget, results []fmtResult, changed []int) error {
	for _, i := range changed {
		t := targets[i]
		if err := atomicfile.Check(t.root.Root, t.rel); err != nil {
			return msg.Errorf("cannot write %s: %v: no file was changed", t.name, unwrapPathCause(err))
		}
	}
	for k, i := range changed {
		t := targets[i]
		if err := fmtWriteFile(t.root.Root, t.rel, results[i].out, 0o644); err != nil {
			return msg.Errorf("cannot write %s: %v: of %d files to rewrite, %d rewritten (listed above), %d left as they were",
				t.name, unwrapPathCause(err), len(changed), k, len(changed)-k)
		}
		results[i].out = nil
		fmt.Fprintln(out, escape.Terminal(t.name))
	}
	return nil
}

// removeLeftovers removes the temporary files that an interrupted write (a budget fmt or new
// that was killed) left in the folders fmt walked, says so for each, and returns ds without
// their warnings; one that cannot be removed stays reported, as an error.
func removeLeftovers(w io.Writer, roots []*fmtRoot, ds diag.List, l msg.Lang) diag.List {
	removed := map[string]bool{}
	for _, r := range roots {
		for _, rel := range r.leftovers {
			name := path.Join(r.display, rel)
			if err := r.Remove(filepath.FromSlash(rel)); err != nil && !errors.Is(err, fs.ErrNotExist) {
				ds.Errorf(diag.Pos{File: name}, "", "leftover", "cannot remove this temporary file of an interrupted write: %v", unwrapPathCause(err))
				continue
			}
			removed[name] = true
			fmt.Fprint(w, msg.Newf("removed %s, a temporary file of an interrupted write\n", escape.Terminal(name)).In(l))
		}
	}
	return slices.DeleteFunc(ds, func(d diag.Diagnostic) bool {
		return d.Code == "leftover" && d.Severity == diag.Warning && removed[d.Pos.File]
	})
}

// fmtTargets lists the files to format: every data file of the ledger, or the files given and
// the data files below the folders given, with the folders they are written through (open
// until the caller closes them, also on error). A file's kind comes from its place in the
// ledger.
func (o *FmtOptions) fmtTargets(lopts ledger.Options) ([]fmtTarget, []*fmtRoot, diag.List, error) {
	var roots []*fmtRoot
	open := func(dir, display string) (*fmtRoot, error) {
		root, err := os.OpenRoot(dir)
		if err != nil {
			return nil, msg.Errorf("opening %s: %w", display, unwrapPathError(err))
		}
		r := &fmtRoot{Root: root, fsys: root.FS(), display: display}
		roots = append(roots, r)
		return r, nil
	}
	walkRoot := func(dir, display string) ([]fmtTarget, diag.List, error) {
		r, err := open(dir, display)
		if err != nil {
			return nil, nil, err
		}
		l, ds, err := ledger.Walk(r.fsys, display, lopts)
		if err != nil {
			return nil, nil, msg.Errorf("reading %s: %w", display, unwrapPathError(err))
		}
		r.leftovers = l.Leftovers
		out := make([]fmtTarget, len(l.Files))
		for i, f := range l.Files {
			name := path.Join(display, f)
			out[i] = fmtTarget{root: r, rel: filepath.FromSlash(f), name: name, kind: kindOfPath(name)}
		}
		return out, ds, nil
	}
	if len(o.Files) == 0 {
		dir, name, err := o.ledgerDir()
		if err != nil {
			return nil, roots, nil, err
		}
		ts, ds, err := walkRoot(dir, name)
		return ts, roots, ds, err
	}
	var out []fmtTarget
	var ds diag.List
	folders := map[string]*fmtRoot{} // the folders of the files given, each opened once
	for _, arg := range o.Files {
		// A folder named here may be a link, as --dir may: the user chose it. A file named here
		// may not: the rename would put a copy of what it points to in the link's place.
		st, err := os.Stat(arg)
		if err != nil {
			return nil, roots, nil, usagef("%v", unwrapPathError(err))
		}
		lst, err := os.Lstat(arg)
		if err != nil {
			return nil, roots, nil, usagef("%v", unwrapPathError(err))
		}
		name := filepath.ToSlash(filepath.Clean(arg))
		switch {
		case st.IsDir():
			ts, wds, err := walkRoot(arg, name)
			if err != nil {
				return nil, roots, nil, err
			}
			out = append(out, ts...)
			ds = append(ds, wds...)
			continue
		case lst.Mode()&fs.ModeSymlink != 0:
			ds.Errorf(diag.Pos{File: name}, "", "symlink", "symbolic links are not followed: give the file itself")
			continue
		case !st.Mode().IsRegular(): // a pipe would block the reader
			ds.Errorf(diag.Pos{File: name}, "", "read", "not a regular file (a device, pipe or socket): give the file itself")
			continue
		}
		dir := filepath.Dir(arg)
		r := folders[dir]
		if r == nil {
			if r, err = open(dir, path.Dir(name)); err != nil {
				return nil, roots, nil, err
			}
			folders[dir] = r
		}
		out = append(out, fmtTarget{root: r, rel: filepath.Base(arg), name: name, kind: kindOfPath(name)})
	}
	return out, roots, ds, nil
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
