package cli

import (
	"cmp"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/budget-ledger/budget/pkg/diff"
	"github.com/budget-ledger/budget/pkg/gitfs"
	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/budget-ledger/budget/pkg/msg"
	"github.com/budget-ledger/budget/pkg/render"
	"github.com/spf13/cobra"
)

// DiffOptions are the flags of budget diff.
type DiffOptions struct {
	*Global
	Streams
	Revs     []string
	Dirs     bool
	Format   string
	Full     bool
	ExitCode bool

	format render.Format
	// budget is the budget both sides are read at: --budget, else the latest of the side after
	// the change (which gitSides loads first).
	budget int
}

// NewCmdDiff builds budget diff.
func NewCmdDiff(g *Global, s Streams, runF func(*DiffOptions) error) *cobra.Command {
	opts := &DiffOptions{Global: g, Streams: s}
	cmd := &cobra.Command{
		Use:   "diff [REV_A [REV_B] | A..B | A...B] | --dirs DIR_A DIR_B",
		Short: "Show what a change to the proposal files does to the budget",
		Long: `Diff compares the ledger at two git revisions, or two ledger folders, the way a reviewer
needs it: first the change to Table 1 (each committee and the total, before, after and the
difference per year; only the rows that changed unless --full), then the proposals added,
removed and moved to another committee (matched by number, cross-cutting ones by id), then
for each changed proposal the amounts (row, year, old → new) and other fields that changed,
and last the validation findings the change brings or resolves.

Revisions are read from git's objects; the working tree and the index are not touched.
With no revision the ledger at HEAD is compared with the working tree; with one, that
revision with the working tree; A..B compares A with B, and A...B compares B with the
point where it left A, as git does.

A ledger that fails to load on either side is reported with its errors instead.

Exit status: 0 (or, with --exit-code, 0 no figure changed and 1 some did), 1 a side fails to
load, 2 usage or I/O error.`,
		Example: `  budget diff
  budget diff main
  budget diff origin/main...HEAD --format markdown > comment.md
  budget diff HEAD~1 HEAD --exit-code
  budget diff --dirs old/proposals proposals`,
		Args: cobra.MaximumNArgs(2),
		RunE: func(_ *cobra.Command, args []string) error {
			opts.Revs = args
			if opts.Dirs && len(args) != 2 {
				return usagef("--dirs takes two ledger folders, got %d", len(args))
			}
			opts.format = renderFormat(opts.Format)
			if runF != nil {
				return runF(opts)
			}
			return diffRun(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.Dirs, "dirs", false, "compare two ledger folders instead of git revisions")
	addFormatFlag(cmd, &opts.Format, textFormat, "markdown\tfor a pull-request comment", "json")
	cmd.Flags().BoolVar(&opts.Full, "full", false, "show every row of Table 1, not only those that changed")
	cmd.Flags().BoolVar(&opts.ExitCode, "exit-code", false, "exit 1 when any budget figure changed, as git diff --exit-code")
	return cmd
}

func diffRun(opts *DiffOptions) error {
	var a, b diff.Side
	var err error
	if opts.Dirs {
		// The latest budget of the side after the change is the one both are read at.
		if opts.Budget == 0 {
			if dir, _, err := findLedger(opts.Revs[1], false); err == nil {
				if years, _ := ledger.BudgetFolders(os.DirFS(dir)); len(years) > 0 {
					opts.budget = years[len(years)-1]
				}
			}
		}
		a, err = opts.dirSide(opts.Revs[0])
		if err == nil {
			b, err = opts.dirSide(opts.Revs[1])
		}
	} else {
		a, b, err = opts.gitSides()
	}
	if err != nil {
		return err
	}
	// The language is the catalog's of the side after the change, else of the one before.
	if b.Ledger != nil {
		opts.useCatalog(b.Ledger)
	}
	opts.useCatalog(a.Ledger)
	r := diff.Compare(a, b, diff.Options{Full: opts.Full})
	if err := render.Diff(opts.Out, r, opts.format, render.Lang(opts.language())); err != nil {
		return err
	}
	if len(r.Failed) > 0 || (opts.ExitCode && r.FiguresChanged()) {
		return errDataFailed
	}
	return nil
}

// dirSide loads the ledger a --dirs folder names: the folder itself, its proposals/ or the one
// below it that holds catalog.yaml, as --dir finds it, but never one above it: the two folders
// are often siblings, and a parent's search would find the other's ledger.
func (o *DiffOptions) dirSide(start string) (diff.Side, error) {
	dir, name, err := findLedger(start, false)
	if err != nil {
		return diff.Side{}, err
	}
	return o.side(os.DirFS(dir), name, name, o.cacheFor(dir))
}

// side loads one side's ledger, within the same limits as every other command; c is the cache
// of a side read from the disk (a revision of git has no stat data to vouch for its files, and
// is read anew each run).
// Both sides are read at one budget (o.budget): a budget the side before the change does not
// hold yet is an empty ledger there, so that every proposal of it shows as added.
func (o *DiffOptions) side(fsys fs.FS, display, name string, c ledger.Cache) (diff.Side, error) {
	pinned := o.budget != 0
	if !pinned {
		o.budget = o.Budget
	}
	l, ds, err := o.loadFSBudget(fsys, display, o.budget, ledger.Options{Values: true, Cache: c}) // every value, and each text's hash
	var none *ledger.NoBudgetError
	if pinned && o.Budget == 0 && errors.As(err, &none) {
		return diff.Side{Name: name}, nil
	}
	if err == nil && o.budget == 0 {
		o.budget = l.Budget
	}
	if err != nil {
		return diff.Side{}, msg.Errorf("%s: %w", name, err)
	}
	return diff.Side{Name: name, Ledger: l, Diags: ds}, nil
}

// workingTree names the side that is read from disk rather than from git.
const workingTree = "working tree"

// gitSides resolves the revision arguments and loads the ledger at each.
func (o *DiffOptions) gitSides() (diff.Side, diff.Side, error) {
	dir, display, err := o.ledgerDir()
	if err != nil {
		return diff.Side{}, diff.Side{}, err
	}
	repo, err := gitfs.Open(dir)
	if err != nil {
		return diff.Side{}, diff.Side{}, usagef("budget diff compares git revisions, but %s is not in a git repository (%v): use --dirs to compare two folders", display, err)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return diff.Side{}, diff.Side{}, err
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	rel, err := filepath.Rel(repo.Top, abs)
	if err != nil || strings.HasPrefix(rel, "..") {
		return diff.Side{}, diff.Side{}, usagef("ledger %s is outside the git repository at %s", display, repo.Top)
	}
	rel = filepath.ToSlash(rel)

	revA, revB, mergeBase := "HEAD", "", false
	switch len(o.Revs) {
	case 1:
		revA = o.Revs[0]
		if x, y, ok := strings.Cut(revA, "..."); ok {
			revA, revB, mergeBase = cmp.Or(x, "HEAD"), cmp.Or(y, "HEAD"), true
		} else if x, y, ok := strings.Cut(revA, ".."); ok {
			revA, revB = cmp.Or(x, "HEAD"), cmp.Or(y, "HEAD")
		}
	case 2:
		revA, revB = o.Revs[0], o.Revs[1]
	}
	commitA, err := repo.Commit(revA)
	if err != nil {
		return diff.Side{}, diff.Side{}, usageError{err}
	}
	var b diff.Side
	if revB == "" {
		if b, err = o.side(os.DirFS(dir), display, workingTree, o.cacheFor(dir)); err != nil {
			return diff.Side{}, diff.Side{}, err
		}
	} else {
		commitB, err := repo.Commit(revB)
		if err != nil {
			return diff.Side{}, diff.Side{}, usageError{err}
		}
		if mergeBase {
			if commitA, err = repo.MergeBase(commitA, commitB); err != nil {
				return diff.Side{}, diff.Side{}, usageError{err}
			}
			revA = "merge-base(" + revA + ", " + revB + ")"
		}
		if b, err = o.revSide(repo, commitB, rel, display, revB); err != nil {
			return diff.Side{}, diff.Side{}, err
		}
	}
	a, err := o.revSide(repo, commitA, rel, display, revA)
	return a, b, err
}

// revSide loads the ledger at a commit; a ledger folder that does not exist there yet is an
// empty ledger, so that the commit adding it shows every proposal as added.
func (o *DiffOptions) revSide(repo *gitfs.Repo, commit, rel, display, name string) (diff.Side, error) {
	fsys, err := repo.FS(commit, rel)
	if errors.Is(err, fs.ErrNotExist) {
		return diff.Side{Name: name}, nil
	}
	var nf *gitfs.NotFolderError
	if errors.As(err, &nf) {
		why := msg.Newf("budget diff needs a folder")
		switch nf.Mode {
		case "160000":
			why = msg.Newf("budget diff cannot read it: its files are in another repository")
		case "120000":
			why = msg.Newf("budget diff does not follow it, as no command does in a ledger")
		}
		return diff.Side{}, msg.Errorf("at %s, %s is %s: %s", name, nf.Path, nf.What(), why)
	}
	if err != nil {
		return diff.Side{}, msg.Errorf("reading %s at %s: %w", display, name, err)
	}
	return o.side(fsys, display, name, ledger.Cache{})
}
