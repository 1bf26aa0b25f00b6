package cli

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"path"

	"github.com/budget-ledger/budget/pkg/atomicfile"
	"github.com/budget-ledger/budget/pkg/diag"
	"github.com/budget-ledger/budget/pkg/escape"
	"github.com/budget-ledger/budget/pkg/format"
	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/budget-ledger/budget/pkg/msg"
	"github.com/budget-ledger/budget/pkg/render"
	"github.com/spf13/cobra"
)

// NewCmdCatalog builds budget catalog, the parent of the commands that work on catalog.yaml.
func NewCmdCatalog(g *Global, s Streams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "catalog",
		Short: "Work on the catalog file: keep a draft's printed tables in step with its proposals",
		Long: `Catalog holds the commands that work on the ledger's catalog.yaml itself.

A catalog says which it is in its status field. A published one (status: published, or no
status) holds the figures of a printed document: budget leaves them alone, and validate reports
each one that differs from what the proposals add up to. A draft one (status: draft) is still
being written: budget catalog sync writes into it the figures its proposals imply, and validate
reports its figures out of step as one finding that says to run it. When the document is
printed, run budget catalog sync one last time and set status to published.`,
		Example: `  budget catalog sync
  budget catalog sync --check`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return usagef("budget catalog needs a command: sync (see budget catalog --help)")
		},
	}
	cmd.AddCommand(NewCmdCatalogSync(g, s, nil))
	return cmd
}

// CatalogSyncOptions are the flags of budget catalog sync.
type CatalogSyncOptions struct {
	*Global
	Streams
	Check bool
}

// NewCmdCatalogSync builds budget catalog sync. runF replaces the work in tests of flag parsing.
func NewCmdCatalogSync(g *Global, s Streams, runF func(*CatalogSyncOptions) error) *cobra.Command {
	opts := &CatalogSyncOptions{Global: g, Streams: s}
	cmd := &cobra.Command{
		Use:   "sync [--check]",
		Short: "Write into a draft catalog the figures its proposals imply",
		Long: `Sync writes into a draft catalog.yaml (status: draft) the figures its proposals imply: Table
1's committee rows and total (I alt), Table 2's committee rows, total investments and grand
total, and the intro's approved figures, rounded as the intro states them, and what it says
was delivered (the target plus the other contributions). These are the figures budget
validate compares; after sync it finds them in step. A table the catalog does not have yet is
written whole, and a committee without a row gets one, in the catalog's order of committees;
a row of a committee the catalog no longer has is left for you to remove (validate reports it).

Sync changes those figures and nothing else: every comment and every other value stays, and
the file is written in budget fmt's canonical layout, atomically (a temporary file, synced,
renamed over it). It prints each figure it changed, old → new, with its place in the document
and its path in the file; "absent" is a figure the catalog did not have.

It refuses, writing nothing, a published catalog (its figures are the printed document's), a
ledger with errors (sums over broken data would be wrong: fix them first) and a ledger
without a catalog.

With --check it writes nothing, prints what it would change, and exits 1 if that is anything.

Exit status: 0 written (or already in step), 1 with --check some figure is out of step, 2
usage or I/O error, or a catalog or ledger sync refuses.`,
		Example: `  budget catalog sync
  budget catalog sync --check
  budget catalog sync --dir next-year/proposals`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			if runF != nil {
				return runF(opts)
			}
			return catalogSyncRun(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.Check, "check", false, "write nothing; list the figures out of step and exit 1 if there are any")
	return cmd
}

func catalogSyncRun(opts *CatalogSyncOptions) error {
	root, display, err := opts.openLedger()
	if err != nil {
		return err
	}
	defer root.Close()
	lopts, err := opts.Limits.options()
	if err != nil {
		return err
	}
	// Values keeps the catalog's hash, to tell whether it changed while sync read it.
	l, ds, err := opts.loadFSWith(root.FS(), display, ledger.Options{Model: ledger.ModelTables, Values: true})
	if err != nil {
		return err
	}
	name := path.Join(display, ledger.CatalogFile)
	lang := opts.useCatalog(l)
	if ds.HasErrors() {
		if err := diag.WriteText(opts.Err, ds.Errors(), l.Source, diag.Options{Lang: lang}); err != nil {
			return err
		}
		n, _ := ds.Count()
		return usagef("the ledger has %s: budget catalog sync writes no figures from broken data, whose sums would be wrong; fix them first (budget validate): nothing written", diag.Errors(n))
	}
	cat := l.Catalog
	if cat == nil {
		return usagef("the ledger at %s has no %s: budget catalog sync writes the figures into it", display, ledger.CatalogFile)
	}
	if !cat.Draft() {
		status := msg.Newf("status: published")
		if cat.Status == "" {
			status = msg.Newf("it has no status, which means published")
		}
		return usagef("%s is published (%s): its figures are the printed document's, and budget catalog sync does not change them; a catalog that is still being written says status: draft", name, status)
	}
	im := l.Implied()
	if len(im.Figures) == 0 && len(im.Rows) == 0 {
		fmt.Fprintln(opts.Out, msg.Newf("%s is in step with its proposals", escape.Terminal(name)).In(lang))
		return nil
	}
	src, bad := ledger.ReadFile(root.FS(), ledger.CatalogFile, name, lopts.Limits)
	if bad != nil {
		return msg.Errorf("%s: %s", name, bad.Text)
	}
	// The loader hashes the text without a byte order mark, which fmt's layout drops too.
	if sha256.Sum256(bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))) != cat.Doc.Sum() {
		return usagef("%s changed while budget catalog sync read it: run it again: nothing written", name)
	}
	out, fds := format.Edited(name, "catalog", src, lopts.Limits, syncEdits(im))
	if out == nil {
		if err := diag.WriteText(opts.Err, fds, diag.TextSources(func(string) []byte { return src }), diag.Options{Lang: lang}); err != nil {
			return err
		}
		return msg.Errorf("cannot write the figures into %s: nothing written", name)
	}
	if !opts.Check {
		if err := atomicfile.WriteIn(root, ledger.CatalogFile, out, 0o644); err != nil {
			return msg.Errorf("cannot write %s: %v: nothing written", name, unwrapPathCause(err))
		}
	}
	for _, f := range im.Figures {
		fmt.Fprintln(opts.Out, syncLine(f, render.Lang(lang)).In(lang))
	}
	n := figures(len(im.Figures))
	if opts.Check {
		fmt.Fprintln(opts.Err, msg.Newf("%s of %s out of step with its proposals: run budget catalog sync", n, escape.Terminal(name)).In(lang))
		return errDataFailed
	}
	fmt.Fprintln(opts.Err, msg.Newf("%s: %s written", escape.Terminal(name), n).In(lang))
	return nil
}

// syncEdits are the edits that bring the catalog in step: the rows it lacks, each with its
// committee, then every figure.
func syncEdits(im ledger.Implied) format.Edits {
	var e format.Edits
	for _, r := range im.Rows {
		e.Insert = append(e.Insert, r.Path)
		e.Set = append(e.Set, format.Setting{Path: r.Path + ".committee", Value: r.Committee, Text: true})
	}
	for _, f := range im.Figures {
		e.Set = append(e.Set, format.Setting{Path: f.Path, Value: f.New.String()})
	}
	return e
}

// figures says how many figures: "1 figure", "22 figures".
func figures(n int) msg.Text {
	if n == 1 {
		return msg.Newf("%d figure", n)
	}
	return msg.Newf("%d figures", n)
}

// syncLine is one figure sync changes, as it prints it: where it is in the document, old → new
// in the number format of l (as budget diff shows them), and its path in the file. Names from
// the data are escaped for the terminal.
func syncLine(f ledger.ImpliedFigure, l render.Lang) msg.Text {
	where := msg.Newf("Intro")
	if f.Table > 0 {
		where = msg.Newf("Table %d, I alt", f.Table)
		if f.Committee != "" {
			where = msg.Newf("Table %d, %s", f.Table, escape.Terminal(f.Name))
		}
	}
	switch f.Part {
	case ledger.PartAmount:
		where = msg.Newf("%s, %d", where, f.Year)
	case ledger.PartTotalInvestment:
		where = msg.Newf("%s, total investment", where)
	case ledger.PartApproved:
		where = msg.Newf("%s, approved %d", where, f.Year)
	default:
		where = msg.Newf("%s, delivered %d", where, f.Year)
	}
	old := msg.Newf("absent")
	switch {
	case f.Old != nil:
		old = msg.Newf("%s", l.Number(*f.Old))
	case f.Part == ledger.PartTotalInvestment:
		old = msg.Newf("blank")
	}
	return msg.Newf("%s: %s → %s (%s)", where, old, l.Number(f.New), escape.Terminal(f.Path))
}
