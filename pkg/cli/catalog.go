package cli

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"path"

	"github.com/budget-ledger/budget/pkg/atomicfile"
	"github.com/budget-ledger/budget/pkg/diag"
	"github.com/budget-ledger/budget/pkg/escape"
	"github.com/budget-ledger/budget/pkg/format"
	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/budget-ledger/budget/pkg/msg"
	"github.com/budget-ledger/budget/pkg/proposal"
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
printed, budget catalog publish sets the status to published, once the figures are in step.`,
		Example: `  budget catalog sync
  budget catalog sync --check
  budget catalog publish`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return usagef("budget catalog needs a command: sync or publish (see budget catalog --help)")
		},
	}
	cmd.AddCommand(NewCmdCatalogSync(g, s, nil), NewCmdCatalogPublish(g, s, nil))
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
	c, err := openCatalog(opts.Global, opts.Streams, "budget catalog sync")
	if err != nil {
		return err
	}
	defer c.root.Close()
	lang, name := c.lang, c.name
	if err := c.refusePublished(); err != nil {
		return err
	}
	im := c.l.Implied()
	if len(im.Figures) == 0 && len(im.Rows) == 0 {
		fmt.Fprintln(opts.Out, msg.Newf("%s is in step with its proposals", escape.Terminal(name)).In(lang))
		return nil
	}
	if err := c.write(syncEdits(im), msg.Newf("the figures"), opts.Check); err != nil {
		return err
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

// catalogFile is the ledger's catalog.yaml as a command that rewrites it (catalog sync,
// catalog publish) has read it, with the ledger it belongs to.
type catalogFile struct {
	root    *os.Root
	l       *ledger.Ledger
	name    string // the file as messages show it
	lang    msg.Lang
	limits  proposal.Limits
	command string // the command, as messages name it
	errOut  io.Writer
}

// openCatalog finds and loads the ledger for command, which rewrites its catalog. A ledger with
// errors is refused (they are printed: sums over broken data would be wrong), and one without
// a catalog. The caller closes the root.
func openCatalog(g *Global, s Streams, command string) (*catalogFile, error) {
	root, display, err := g.openLedger()
	if err != nil {
		return nil, err
	}
	c := &catalogFile{root: root, name: path.Join(display, ledger.CatalogFile), command: command, errOut: s.Err}
	fail := func(err error) (*catalogFile, error) {
		root.Close()
		return nil, err
	}
	lopts, err := g.Limits.options()
	if err != nil {
		return fail(err)
	}
	c.limits = lopts.Limits
	// Values keeps the catalog's hash, to tell whether it changed while it was read.
	l, ds, err := g.loadFSWith(root.FS(), display, ledger.Options{Model: ledger.ModelTables, Values: true, Cache: g.cacheFor(root.Name())})
	if err != nil {
		return fail(err)
	}
	c.l, c.lang = l, g.useCatalog(l)
	if ds.HasErrors() {
		if err := diag.WriteText(s.Err, ds.Errors(), l.Source, diag.Options{Lang: c.lang}); err != nil {
			return fail(err)
		}
		n, _ := ds.Count()
		return fail(usagef("the ledger has %s: %s writes no figures from broken data, whose sums would be wrong; fix them first (budget validate): nothing written", diag.Errors(n), command))
	}
	if l.Catalog == nil {
		return fail(usagef("the ledger at %s has no %s: %s writes into it", display, ledger.CatalogFile, command))
	}
	return c, nil
}

// refusePublished refuses a published catalog: its figures are the printed document's.
func (c *catalogFile) refusePublished() error {
	cat := c.l.Catalog
	if cat.Draft() {
		return nil
	}
	status := msg.Newf("status: published")
	if cat.Status == "" {
		status = msg.Newf("it has no status, which means published")
	}
	return usagef("%s is published (%s): its figures are the printed document's, and budget catalog sync does not change them; a catalog that is still being written says status: draft", c.name, status)
}

// write makes the edits in the catalog, what (the figures, the status) as messages name them,
// and writes it atomically through the ledger's root, unless check. The file must be as it was
// loaded: one that changed meanwhile is refused, and nothing is written.
func (c *catalogFile) write(e format.Edits, what msg.Text, check bool) error {
	src, bad := ledger.ReadFile(c.root.FS(), ledger.CatalogFile, c.name, c.limits)
	if bad != nil {
		return msg.Errorf("%s: %s", c.name, bad.Text)
	}
	// The loader hashes the text without a byte order mark, which fmt's layout drops too.
	if sha256.Sum256(bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))) != c.l.Catalog.Doc.Sum() {
		return usagef("%s changed while %s read it: run it again: nothing written", c.name, c.command)
	}
	out, fds := format.Edited(c.name, "catalog", src, c.limits, e)
	if out == nil {
		if err := diag.WriteText(c.errOut, fds, diag.TextSources(func(string) []byte { return src }), diag.Options{Lang: c.lang}); err != nil {
			return err
		}
		return msg.Errorf("cannot write %s into %s: nothing written", what, c.name)
	}
	if check {
		return nil
	}
	if err := atomicfile.WriteIn(c.root, ledger.CatalogFile, out, 0o644); err != nil {
		return msg.Errorf("cannot write %s: %v: nothing written", c.name, unwrapPathCause(err))
	}
	return nil
}

// CatalogPublishOptions are the flags of budget catalog publish.
type CatalogPublishOptions struct {
	*Global
	Streams
}

// NewCmdCatalogPublish builds budget catalog publish. runF replaces the work in tests of flag
// parsing.
func NewCmdCatalogPublish(g *Global, s Streams, runF func(*CatalogPublishOptions) error) *cobra.Command {
	opts := &CatalogPublishOptions{Global: g, Streams: s}
	cmd := &cobra.Command{
		Use:   "publish",
		Short: "Mark a draft catalog as published, once its figures are in step",
		Long: `Publish sets a draft catalog's status to published, when its document is printed: from then
on its figures are the document's, budget catalog sync leaves them alone, and validate reports
each one that differs from what the proposals add up to.

It refuses, writing nothing, a catalog whose figures are out of step with its proposals (run
budget catalog sync first: a published catalog would otherwise say what no document printed),
a ledger with errors, a catalog that is published already, and a ledger without a catalog.
Only the status line changes: every comment and every other value is kept, and the file is
written atomically in budget fmt's canonical layout. To print a catalog whose figures differ
from its proposals, as the bundled one does, set status: published by hand.

Exit status: 0 published, 2 usage or I/O error, or a catalog or ledger publish refuses.`,
		Example: `  budget catalog sync && budget catalog publish
  budget catalog publish --dir next-year/proposals`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			if runF != nil {
				return runF(opts)
			}
			return catalogPublishRun(opts)
		},
	}
	return cmd
}

func catalogPublishRun(opts *CatalogPublishOptions) error {
	c, err := openCatalog(opts.Global, opts.Streams, "budget catalog publish")
	if err != nil {
		return err
	}
	defer c.root.Close()
	if !c.l.Catalog.Draft() {
		return usagef("%s is published already: its status says so", c.name)
	}
	if im := c.l.Implied(); len(im.Figures) > 0 || len(im.Rows) > 0 {
		return usagef("%s has %s out of step with its proposals: run budget catalog sync first, and publish what it writes: nothing written", c.name, figures(len(im.Figures)))
	}
	if err := c.write(format.Edits{Set: []format.Setting{{Path: "status", Value: "published", Text: true}}}, msg.Newf("the status"), false); err != nil {
		return err
	}
	fmt.Fprintln(opts.Out, msg.Newf("%s: status: published", escape.Terminal(c.name)).In(c.lang))
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
