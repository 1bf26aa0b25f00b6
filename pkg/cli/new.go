package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"math"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"text/template"

	"github.com/budget-ledger/budget/pkg/atomicfile"
	"github.com/budget-ledger/budget/pkg/diag"
	"github.com/budget-ledger/budget/pkg/escape"
	"github.com/budget-ledger/budget/pkg/format"
	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/budget-ledger/budget/pkg/msg"
	"github.com/budget-ledger/budget/pkg/proposal"
	"github.com/spf13/cobra"
)

// NewOptions are the flags of budget new.
type NewOptions struct {
	*Global
	Streams
	Committee string
	Kind      string
	Title     string
}

// NewCmdNew builds budget new.
func NewCmdNew(g *Global, s Streams, runF func(*NewOptions) error) *cobra.Command {
	opts := &NewOptions{Global: g, Streams: s}
	cmd := &cobra.Command{
		Use:   `new --committee ID --kind investment|efficiency "Title"`,
		Short: "Start a proposal: a schema-valid skeleton with the next free number",
		Long: `New writes the skeleton of a proposal in the committee's folder, numbered one above the
highest number in the ledger, named after its title, with the catalog's years and unit, and
prints its path. The skeleton is schema-valid and canonical (budget fmt leaves it as it is);
every value still to write says TODO, and budget validate warns about each until it is
filled in. An existing file is never overwritten, and a title another proposal (numbered or
cross-cutting) has already is refused (compared in any case, runs of spaces as one).

What comes next is said on standard error (standard output is the path alone, for scripts):
fill in the TODOs; then, in a draft catalog (status: draft), run budget catalog sync, which
writes the catalog's Table 1, Table 2 and intro figures anew from the proposals. A published
catalog keeps its printed figures, and budget validate reports each one the new proposal
changes (table-mismatch).`,
		Example: `  budget new --committee buu --kind efficiency "Færre vikartimer i dagtilbud"
  $EDITOR "$(budget new --committee kfu --kind investment "Digital booking af lokaler")"
  budget catalog sync`,
		Args: cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			opts.Title = strings.TrimSpace(args[0])
			if opts.Title == "" {
				return usagef("the title is empty")
			}
			if opts.Committee == "" {
				return usagef("--committee is required: the committee the proposal belongs to")
			}
			if opts.Kind != "investment" && opts.Kind != "efficiency" {
				return usagef("--kind must be investment or efficiency, got %q", opts.Kind)
			}
			if runF != nil {
				return runF(opts)
			}
			return newRun(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Committee, "committee", "", "committee id from the catalog, e.g. buu")
	cmd.Flags().StringVar(&opts.Kind, "kind", "", "investment or efficiency")
	_ = cmd.RegisterFlagCompletionFunc("committee", completeCommittees(g))
	_ = cmd.RegisterFlagCompletionFunc("kind", completeWith("investment", "efficiency"))
	cmd.ValidArgsFunction = cobra.NoFileCompletions
	return cmd
}

// openLedger opens the ledger of --dir (the folder of --budget's budget, in a ledger of budget
// folders) as an os.Root, with the name to show, for a command that
// writes in it (new, catalog sync): every write goes through the root, and the operating
// system refuses a name that leads out of it, whatever the data says.
func (g *Global) openLedger() (*os.Root, string, error) {
	dir, display, err := g.budgetDir()
	if err != nil {
		return nil, "", err
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, "", msg.Errorf("opening the ledger: %w", unwrapPathError(err))
	}
	return root, display, nil
}

// loadOpened loads the ledger of root, which openLedger opened, for a command that writes in
// it: in a ledger of budget folders the whole ledger at --budget, so that the earlier budgets
// its continuation links and target read are there; else root itself.
func (g *Global) loadOpened(root *os.Root, display string, more ledger.Options) (*ledger.Ledger, diag.List, error) {
	dir, name, err := g.ledgerDir()
	if err != nil {
		return nil, nil, err
	}
	if years, err := ledger.BudgetFolders(os.DirFS(dir)); err != nil || len(years) == 0 {
		more.Cache = g.cacheFor(root.Name())
		return g.loadFSWith(root.FS(), display, more)
	}
	whole, err := os.OpenRoot(dir)
	if err != nil {
		return nil, nil, msg.Errorf("opening the ledger: %w", unwrapPathError(err))
	}
	defer whole.Close()
	more.Cache = g.cacheFor(dir)
	return g.loadFSWith(whole.FS(), name, more)
}

func newRun(opts *NewOptions) error {
	root, display, err := opts.openLedger()
	if err != nil {
		return err
	}
	defer root.Close()
	l, ds, err := opts.loadOpened(root, display, ledger.Options{})
	if err != nil {
		return err
	}
	catalog := path.Join(display, ledger.CatalogFile)
	if l.Catalog == nil {
		return usagef("the ledger at %s has no readable %s: budget new takes the committees and years from it", display, ledger.CatalogFile)
	}
	// The committee names the folder written to: it must come from a catalog that is valid.
	if n := len(slices.DeleteFunc(ds.Errors(), func(d diag.Diagnostic) bool { return d.Pos.File != catalog })); n > 0 {
		return usagef("%s has %s: budget new takes the committee's folder from it only once it is valid; run budget validate", catalog, diag.Errors(n))
	}
	var ids []string
	for _, c := range l.Catalog.Committees {
		ids = append(ids, c.ID)
	}
	if !slices.Contains(ids, opts.Committee) {
		return usagef("unknown committee %q: the catalog has %s", opts.Committee, strings.Join(ids, ", "))
	}
	if err := titleTaken(l, opts.Title); err != nil {
		return err
	}
	number, err := nextNumber(l, ds)
	if err != nil {
		return err
	}
	src, err := skeleton(l.Catalog, number, opts)
	if err != nil {
		return err
	}
	name := fmt.Sprintf("%02d-%s.yaml", number, slug(opts.Title))
	rel := path.Join(opts.Committee, name)
	out, ds := format.Source(path.Join(display, rel), ledger.KindOf(rel), src)
	if out == nil {
		return msg.Errorf("the skeleton does not parse, please report this: %v", ds)
	}
	if err := root.MkdirAll(opts.Committee, 0o755); err != nil {
		return msg.Errorf("cannot make %s: %v: nothing written", path.Join(display, opts.Committee), unwrapPathCause(err))
	}
	if err := atomicfile.CreateIn(root, filepath.FromSlash(rel), out, 0o644); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return usagef("%s exists already: nothing written", path.Join(display, rel))
		}
		return msg.Errorf("cannot write %s: %v: nothing written", path.Join(display, rel), unwrapPathCause(err))
	}
	fmt.Fprintln(opts.Out, escape.Terminal(path.Join(display, rel)))
	// stdout is the new file's path alone, for scripts: what comes next goes to stderr.
	next := msg.Newf("next: write the values that say TODO (budget validate lists them); %s is published, so its printed tables stay as they are and budget validate reports each figure the new proposal changes (table-mismatch)", escape.Terminal(catalog))
	if l.Catalog.Draft() {
		next = msg.Newf("next: write the values that say TODO (budget validate lists them), then run budget catalog sync: %s is a draft, and sync writes its tables anew", escape.Terminal(catalog))
	}
	fmt.Fprintln(opts.Err, next.In(opts.useCatalog(l)))
	return nil
}

// titleTaken refuses a title that another proposal of the ledger, numbered or cross-cutting,
// has already (as its title or its title in the catalog): two proposals the same title would be
// one row of Table 2 told twice, and budget show could not tell them apart. Titles are
// compared as a reader would: in any case, with runs of spaces as one.
func titleTaken(l *ledger.Ledger, title string) error {
	want := ledger.FoldName(title)
	taken := func(file string, titles ...string) error {
		for _, t := range titles {
			if ledger.FoldName(t) == want {
				return usagef("%s has the title %s already: give the new proposal another: nothing written", file, diag.Quote(t))
			}
		}
		return nil
	}
	for _, p := range l.Proposals {
		if err := taken(p.Doc.File, p.Title, p.Catalog.Title); err != nil {
			return err
		}
	}
	for _, x := range l.CrossCutting {
		if err := taken(x.Doc.File, x.Title); err != nil {
			return err
		}
	}
	return nil
}

// numberPrefix and skeletonText are made at budget new's first use, not at every start of budget.
var numberPrefix = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^([0-9]+)-`) })

// nextNumber is one above the highest proposal number of the ledger, looking at the names of
// its files too (those that loaded and those with a diagnostic), so that a proposal that fails
// to load does not have its number given away again. It chooses the number in the new file's
// name, never its folder.
func nextNumber(l *ledger.Ledger, ds diag.List) (int, error) {
	highest := 0
	for _, p := range l.Proposals {
		highest = max(highest, p.Number)
	}
	names := slices.Collect(maps.Keys(l.Docs))
	for _, d := range ds {
		names = append(names, d.Pos.File)
	}
	for _, f := range names {
		if m := numberPrefix().FindStringSubmatch(path.Base(f)); m != nil {
			if n, err := strconv.Atoi(m[1]); err == nil {
				highest = max(highest, n)
			}
		}
	}
	if highest == math.MaxInt {
		return 0, usagef("the ledger holds proposal number %d, the highest there can be: there is no next one", highest)
	}
	return highest + 1, nil
}

// slug makes a file name of a title: lower case ASCII, æ ø å spelt ae oe aa, words joined by
// dashes, at most 50 characters.
func slug(title string) string {
	r := strings.NewReplacer("æ", "ae", "ø", "oe", "å", "aa", "é", "e", "ü", "u", "ö", "oe", "ä", "ae")
	s := r.Replace(strings.ToLower(title))
	var b strings.Builder
	dash := false
	for _, c := range s {
		if (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(c)
			dash = false
		} else {
			dash = true
		}
	}
	out := b.String()
	if len(out) > 50 {
		out = out[:50]
		if i := strings.LastIndexByte(out, '-'); i > 20 {
			out = out[:i]
		}
	}
	if out == "" {
		return "forslag"
	}
	return out
}

var skeletonText = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("skeleton").Funcs(template.FuncMap{"quote": strconv.Quote}).Parse(skeletonSource))
})

const skeletonSource = `# yaml-language-server: $schema=../../schema/proposal.schema.json
schema: 1
number: {{.Number}}
title: {{quote .Title}}
committee: {{.Committee}}
administration: TODO
kind: {{.Kind}}
approved_with: null
summary: TODO

# Table 2 of the catalog: this proposal's row.
catalog:
  title: {{quote .Title}}
  contribution:
{{- range .Years}}
    {{.}}: 0
{{- end}}
  total_investment: {{if eq .Kind "investment"}}0{{else}}null{{end}}

# Tabel 1. Forslagets samlede økonomiske konsekvenser
economy:
  unit: {{quote .Unit}}
  price_level: {{quote .PriceLevel}}
  years: [{{.EconomyYears}}]
  permanent:
    title: Varige ændringer (effektiviseringer og drift)
    rows: []
{{- if eq .Kind "investment"}}
  implementation:
    title: Implementeringsomkostninger (midler fra investeringspuljen)
    rows: []
{{- end}}

risk: TODO
`

// skeleton fills the template with the catalog's years, unit and price level. An investment's
// own table starts the year before the budget year, when its implementation usually begins.
func skeleton(c *proposal.Catalog, number int, o *NewOptions) ([]byte, error) {
	econ := slices.Clone(c.Years)
	if o.Kind == "investment" && len(econ) > 0 {
		econ = append([]int{econ[0] - 1}, econ...)
	}
	ys := make([]string, len(econ))
	for i, y := range econ {
		ys[i] = strconv.Itoa(y)
	}
	var b strings.Builder
	err := skeletonText().Execute(&b, map[string]any{
		"Number": number, "Title": o.Title, "Committee": o.Committee, "Kind": o.Kind,
		"Years": c.Years, "EconomyYears": strings.Join(ys, ", "), "Unit": c.Unit, "PriceLevel": c.PriceLevel,
	})
	return []byte(b.String()), err
}
