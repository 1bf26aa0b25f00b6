// Package cli is budget's command line: one file a command, each an Options struct, a NewCmd
// constructor that parses flags into it, and a run function that does the work on injected streams.
package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"

	"github.com/budget-ledger/budget/pkg/check"
	"github.com/budget-ledger/budget/pkg/diag"
	"github.com/budget-ledger/budget/pkg/escape"
	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/budget-ledger/budget/pkg/msg"
	"github.com/budget-ledger/budget/pkg/proposal"
	"github.com/spf13/cobra"
)

// Exit codes: what a run of budget means to a script.
const (
	ExitOK    = 0 // clean
	ExitData  = 1 // the data failed validation (or, for diff --exit-code, figures changed)
	ExitUsage = 2 // usage or I/O error
)

// Streams are the command's standard streams, injected so tests can read them.
type Streams struct {
	In  io.Reader
	Out io.Writer
	Err io.Writer
}

// errDataFailed means the command printed its findings and the data failed; Main exits 1.
var errDataFailed = errors.New("the data failed validation")

// usageError marks a wrong invocation; Main exits 2.
type usageError struct{ error }

// In words the error in l.
func (e usageError) In(l msg.Lang) string { return msg.In(e.error, l) }

// Unwrap is the error itself, for errors.As (a *ledger.NoBudgetError).
func (e usageError) Unwrap() error { return e.error }

func usagef(format string, args ...any) error { return usageError{msg.Errorf(format, args...)} }

// flagError makes a flag the command line could not parse a usage error. A value a flag of
// budget's own refuses (--format) says what it wants in full; pflag's wording around it
// ("invalid argument ... for ... flag") would only repeat the flag.
func flagError(_ *cobra.Command, err error) error {
	var ue usageError
	if errors.As(err, &ue) {
		return ue
	}
	return usageError{err}
}

// Main runs budget with args and returns the exit code. It is the only place that turns errors
// into exit codes.
func Main(args []string, s Streams) int {
	root, g := newCmdRoot(s)
	root.SetArgs(args)
	err := root.Execute()
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, errDataFailed):
		return ExitData
	}
	// Messages quote the data (a title, a committee, a file name): nothing in them may reach the
	// terminal as a control. budget's own are worded in the run's language; Cobra's (an unknown
	// flag, a wrong number of arguments) stay English.
	fmt.Fprintf(s.Err, "budget: %s\n", escape.Terminal(msg.In(err, g.language())))
	return ExitUsage
}

// Global holds the flags every command shares.
type Global struct {
	Dir    string
	Limits Limits
	// Budget is --budget: the budget year of a ledger of budget folders, 0 for the latest.
	Budget int
	// Lang is --lang as given, "" when it is not.
	Lang string
	// CacheDir is --cache-dir, NoCache --no-cache (see cacheDir).
	CacheDir string
	NoCache  bool

	// lang is the language of the catalog of the ledger read, once one is (see language).
	lang msg.Lang
}

// NewCmdRoot builds the budget command with its subcommands.
func NewCmdRoot(s Streams) *cobra.Command {
	root, _ := newCmdRoot(s)
	return root
}

func newCmdRoot(s Streams) (*cobra.Command, *Global) {
	g := &Global{}
	root := &cobra.Command{
		Use:   "budget",
		Short: "A ledger of public budget proposals kept as YAML files",
		Long: fmt.Sprintf(`budget keeps a municipal budget catalog as one YAML file per proposal, validates every
file against its schema and the document's own arithmetic, and rebuilds the catalog's
summary tables from the proposals.

The ledger is the folder that holds catalog.yaml. Every command finds it from --dir, or from
the current directory: in that folder, in its proposals/, with --dir in the one folder below
it that holds one (to depth %d, at most %d folders listed, hidden folders and links passed
over), or in the nearest parent that holds one or whose proposals/ does. Nothing outside the
ledger is read.

A ledger holds one catalog, or one folder per budget year (2025/catalog.yaml,
2026/catalog.yaml), each a catalog of its own: --budget chooses the budget every command works
on, the latest by default; budget budgets lists them.`, findDepth, findFolders),
		Example: `  budget validate --strict
  budget validate --dir path/to/repository
  budget totals --unit mio
  budget show 1
  budget target
  budget budgets
  budget totals --budget 2025
  source <(budget completion bash)`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetIn(s.In)
	root.SetOut(s.Out)
	root.SetErr(s.Err)
	root.SetFlagErrorFunc(flagError)
	g.addFlags(root)
	root.AddCommand(
		NewCmdValidate(g, s, nil),
		NewCmdTotals(g, s, nil),
		NewCmdProposals(g, s, nil),
		NewCmdShow(g, s, nil),
		NewCmdTarget(g, s, nil),
		NewCmdFollowup(g, s, nil),
		NewCmdExport(g, s, nil),
		NewCmdHTMLReport(g, s, nil),
		NewCmdSchema(s, nil),
		NewCmdFmt(g, s, nil),
		NewCmdDiff(g, s, nil),
		NewCmdNew(g, s, nil),
		NewCmdCatalog(g, s),
		NewCmdBudgets(g, s, nil),
		NewCmdCompare(g, s, nil),
		NewCmdLSP(g, s, nil),
	)
	addHelp(root)
	return root, g
}

// addFlags adds the flags every command shares to root, and checks --lang before any command
// runs.
func (g *Global) addFlags(root *cobra.Command) {
	root.PersistentFlags().StringVar(&g.Dir, "dir", "", "the ledger (the folder holding catalog.yaml), or a folder above or below it to find it from (default: the current directory)")
	root.PersistentFlags().StringVar(&g.Lang, "lang", "", "language of messages, labels and numbers: da (1.791,5) or en (1,791.5) (default: the catalog's language, else da)")
	_ = root.RegisterFlagCompletionFunc("lang", completeWith("da\tDansk: 1.791,5", "en\tEnglish: 1,791.5"))
	root.PersistentFlags().IntVar(&g.Budget, "budget", 0, "the budget to work on, by year, in a ledger of budget folders (2025/, 2026/) (default: the latest)")
	root.PersistentPreRunE = func(*cobra.Command, []string) error {
		if _, ok := msg.Parse(g.Lang); g.Lang != "" && !ok {
			return usagef("--lang %s: want da or en", g.Lang)
		}
		if v := os.Getenv(proposal.ReaderEnv); v != "" && !slices.Contains(proposal.Readers, v) {
			return usagef("BUDGET_READER=%s: want fast (the default) or yaml (yaml.v3 reads every file, for a bug report)", v)
		}
		return nil
	}
	g.Limits.addFlags(root.PersistentFlags())
	root.PersistentFlags().StringVar(&g.CacheDir, "cache-dir", "", "folder of the cache of each file's checked content, so that a file unchanged since the last run is not read again (default: env BUDGET_CACHE_DIR, else budget/ in the user's cache folder)")
	root.PersistentFlags().BoolVar(&g.NoCache, "no-cache", false, "read and check every file, and keep nothing for the next run")
}

// cacheDir is the folder of the cache of per-file results (ledger.Cache): --cache-dir, else
// BUDGET_CACHE_DIR, else budget/ in os.UserCacheDir; "" with --no-cache, or where there is no
// user cache folder (no HOME), and then nothing is cached.
func (g *Global) cacheDir() string {
	switch {
	case g.NoCache:
		return ""
	case g.CacheDir != "":
		return g.CacheDir
	case os.Getenv("BUDGET_CACHE_DIR") != "":
		return os.Getenv("BUDGET_CACHE_DIR")
	}
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "budget")
}

// cacheFor is the cache of the ledger in the folder dir, read from the disk.
func (g *Global) cacheFor(dir string) ledger.Cache {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ledger.Cache{}
	}
	return ledger.Cache{Dir: g.cacheDir(), Ledger: abs}
}

// language is the language of the run's messages, labels and numbers: --lang; else the
// language of the catalog of the ledger the run read, or, when it has read none yet (a usage
// error found before), of the catalog --dir or the search finds; else Danish, also where the
// catalog is missing or does not parse. A bad --lang itself is worded in the catalog's language.
func (g *Global) language() msg.Lang {
	if l, ok := msg.Parse(g.Lang); ok {
		return l
	}
	if g.lang == "" {
		g.lang = g.peekLanguage()
	}
	return g.lang
}

// useCatalog makes the language of l's catalog the run's, unless --lang or an earlier ledger
// chose it; it returns the run's language.
func (g *Global) useCatalog(l *ledger.Ledger) msg.Lang {
	if g.lang == "" {
		g.lang = msg.Danish
		if l != nil && l.Catalog != nil {
			if c, ok := msg.Parse(l.Catalog.Lang()); ok {
				g.lang = c
			}
		}
	}
	return g.language()
}

// peekLanguage reads the language field of the ledger's catalog, for a run that ends before
// it reads the ledger: Danish where there is none, or none that can be read. The catalog is
// read as the loader reads it (a regular file in the ledger folder, never a link, within the
// size limit) and parsed within the same limits: aliases and deep nesting refused.
func (g *Global) peekLanguage() msg.Lang {
	dir, _, err := g.budgetDir()
	if err != nil {
		return msg.Danish
	}
	opts, err := g.Limits.options()
	if err != nil {
		return msg.Danish
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return msg.Danish
	}
	defer root.Close()
	if st, err := root.Lstat(ledger.CatalogFile); err != nil || !st.Mode().IsRegular() {
		return msg.Danish
	}
	lim := opts.Limits.OrDefault()
	src, bad := ledger.ReadFile(root.FS(), ledger.CatalogFile, ledger.CatalogFile, lim)
	if bad != nil {
		return msg.Danish
	}
	doc, ds := proposal.ParseLimited(ledger.CatalogFile, src, lim)
	if doc == nil || ds.HasErrors() {
		return msg.Danish
	}
	top, _ := doc.Value().(map[string]any)
	language, _ := top["language"].(string)
	if l, ok := msg.Parse(language); ok {
		return l
	}
	return msg.Danish
}

// DefaultDir is the folder in which a ledger is looked for beside the start folder and beside
// each of its parents.
const DefaultDir = "proposals"

// ledgerDir finds the ledger (the folder that holds catalog.yaml) from --dir, or from the
// current directory without it, as findLedger searches. It returns the folder and the name to
// show. Every command that reads or writes a ledger finds it here.
func (g *Global) ledgerDir() (string, string, error) {
	return findLedger(g.Dir, true)
}

// budgetDir is the folder of the budget --budget chooses (the latest without it) in a ledger of
// budget folders, with the name to show: for the commands that work in one catalog's folder
// (new, catalog sync and publish, and the language of the run). A one-catalog ledger is its
// own, whatever --budget says: the loaders check that.
func (g *Global) budgetDir() (string, string, error) {
	dir, display, err := g.ledgerDir()
	if err != nil {
		return "", "", err
	}
	years, err := ledger.BudgetFolders(os.DirFS(dir))
	if err != nil || len(years) == 0 {
		return dir, display, nil
	}
	b := years[len(years)-1]
	if g.Budget != 0 {
		if !slices.Contains(years, g.Budget) {
			return "", "", usageError{&ledger.NoBudgetError{Want: g.Budget, Have: years}}
		}
		b = g.Budget
	}
	y := strconv.Itoa(b)
	return filepath.Join(dir, y), path.Join(display, y), nil
}

func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return msg.Errorf("%s: %w", pe.Path, pe.Err)
	}
	return err
}

// unwrapPathCause is the operating system's reason in a path or link error, for a message
// that names the file itself (an os.Root's relative name or a temporary file would confuse).
func unwrapPathCause(err error) error {
	for {
		var pe *fs.PathError
		var le *os.LinkError
		switch {
		case errors.As(err, &pe):
			err = pe.Err
		case errors.As(err, &le):
			err = le.Err
		default:
			return err
		}
	}
}

// load reads and checks the ledger: the one pipeline every command starts with.
func (g *Global) load() (*ledger.Ledger, diag.List, error) {
	return g.loadModel(ledger.ModelAll)
}

// loadTables loads the ledger from --dir keeping of each proposal only what the tables read
// (ledger.ModelTables): for the commands that print tables or findings, not a proposal's pages.
func (g *Global) loadTables() (*ledger.Ledger, diag.List, error) {
	return g.loadModel(ledger.ModelTables)
}

func (g *Global) loadModel(m ledger.Model) (*ledger.Ledger, diag.List, error) {
	dir, name, err := g.ledgerDir()
	if err != nil {
		return nil, nil, err
	}
	l, ds, err := g.loadFSWith(os.DirFS(dir), name, ledger.Options{Model: m, Cache: g.cacheFor(dir)})
	if err == nil {
		g.useCatalog(l)
	}
	return l, ds, err
}

// loadFS loads and checks the ledger in fsys within the limits of the flags; display prefixes
// file names in diagnostics. Every command that reads a ledger goes through it.
func (g *Global) loadFS(fsys fs.FS, display string) (*ledger.Ledger, diag.List, error) {
	return g.loadFSWith(fsys, display, ledger.Options{})
}

// loadFSWith is loadFS with options beyond the limits (ledger.Options.Values for budget diff,
// Cache for a ledger read from the disk, cacheFor).
// Each file's checks run in the worker that loads it (check.File); those across files after.
func (g *Global) loadFSWith(fsys fs.FS, display string, more ledger.Options) (*ledger.Ledger, diag.List, error) {
	return g.loadFSBudget(fsys, display, g.Budget, more)
}

// loadFSBudget is loadFSWith for budget (0 for the latest) rather than --budget's.
func (g *Global) loadFSBudget(fsys fs.FS, display string, budget int, more ledger.Options) (*ledger.Ledger, diag.List, error) {
	opts, err := g.Limits.options()
	if err != nil {
		return nil, nil, err
	}
	opts.Values, opts.Model, opts.Cache = more.Values, more.Model, more.Cache
	opts.Check = check.File
	l, loaded, err := ledger.LoadBudget(fsys, display, budget, opts)
	var none *ledger.NoBudgetError
	if errors.As(err, &none) {
		return nil, nil, usageError{err}
	}
	if err != nil {
		return nil, nil, msg.Errorf("reading ledger: %w", unwrapPathError(err))
	}
	return l, check.Run(l, loaded), nil
}

// Loader loads and checks a ledger: Global.load, from --dir, unless a test gives a run another.
type Loader func() (*ledger.Ledger, diag.List, error)

// loadForReport loads the ledger for a report: errors are printed and fail the run, since a
// report over broken data would mislead; unacknowledged warnings are pointed out on stderr.
func (g *Global) loadForReport(load Loader, s Streams) (*ledger.Ledger, error) {
	l, _, err := g.loadChecked(load, s, false)
	return l, err
}

// loadChecked loads the ledger for a report or an export and returns it with its findings.
// Errors are printed; they fail the run unless allowErrors. Unacknowledged warnings are pointed
// out on stderr.
func (g *Global) loadChecked(load Loader, s Streams, allowErrors bool) (*ledger.Ledger, diag.List, error) {
	l, ds, err := load()
	if err != nil {
		return nil, nil, err
	}
	lang := g.useCatalog(l)
	if ds.HasErrors() {
		if err := diag.WriteText(s.Err, ds.Errors(), l.Source, diag.Options{Lang: lang}); err != nil {
			return nil, nil, err
		}
		if !allowErrors {
			return nil, nil, errDataFailed
		}
	}
	if _, w := ds.Count(); w == 1 {
		fmt.Fprint(s.Err, msg.Newf("note: the ledger has 1 unacknowledged warning; run budget validate\n").In(lang))
	} else if w > 1 {
		fmt.Fprint(s.Err, msg.Newf("note: the ledger has %d unacknowledged warnings; run budget validate\n", w).In(lang))
	}
	return l, ds, nil
}
