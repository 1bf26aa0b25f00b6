package cli

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/budget-ledger/budget/pkg/msg"
)

// The bounds of the search below a start folder: it lists folders to this depth (1 is the
// start folder's own subfolders) and at most this many, so that --dir at a home folder costs
// a moment, not a walk of the disk.
const (
	findDepth   = 3
	findFolders = 1000
)

// ledgerSearch is where a ledger was looked for: the start folder as the user named it (or
// "" for the current directory), and its absolute path.
type ledgerSearch struct {
	start, abs string
	// up: the start folder's parents are searched too (not for diff --dirs, whose two folders
	// are siblings: one's parents would find the other's ledger, or the checkout's).
	up bool
}

// findLedger finds the ledger, the folder that holds catalog.yaml or budget folders that do
// (2025/catalog.yaml), from a start folder: the
// folder itself; else its proposals/; else, for a folder given with --dir, the one folder below
// it that holds one (a bounded breadth-first walk that only lists folders, skips hidden ones and
// follows no link); else,
// with up, its nearest parent that holds one, or whose proposals/ does, as git finds .git.
// It returns the ledger's path and the name to show: relative to the current directory, or
// absolute where the start was given absolute. It reads no file, so that nothing outside the
// ledger is ever read.
func findLedger(start string, up bool) (string, string, error) {
	cwd, err := os.Getwd()
	if err != nil {
		return "", "", err
	}
	s := ledgerSearch{start: start, abs: cwd, up: up}
	if start != "" {
		st, err := os.Stat(start)
		if err != nil {
			return "", "", usagef("ledger directory: %v", unwrapPathError(err))
		}
		if !st.IsDir() {
			return "", "", usagef("ledger directory %s is not a directory", start)
		}
		s.abs = filepath.Join(cwd, start)
		if filepath.IsAbs(start) {
			s.abs = filepath.Clean(start)
		}
	}
	show := func(dir string) string {
		if filepath.IsAbs(start) {
			return filepath.ToSlash(dir)
		}
		name, err := filepath.Rel(cwd, dir)
		if err != nil {
			return filepath.ToSlash(dir)
		}
		return filepath.ToSlash(name)
	}
	for _, dir := range []string{s.abs, filepath.Join(s.abs, DefaultDir)} {
		if holdsLedger(dir) {
			return dir, show(dir), nil
		}
	}
	// Below only a folder given with --dir: the current directory's subfolders may hold a test's
	// ledger or a copy, which a run from a subfolder of the repository would take for its own.
	var found []string
	capped := false
	if s.below() {
		found, capped = findBelow(s.abs, findDepth, findFolders)
	}
	switch {
	case len(found) == 1:
		return found[0], show(found[0]), nil
	case len(found) > 1:
		names := make([]string, len(found))
		for i, f := range found {
			names[i] = show(f)
		}
		return "", "", usagef("more than one ledger below %s: %s each hold %s; give the one you mean with --dir",
			s.where(), msg.And(names), ledger.CatalogFile)
	}
	if up {
		for dir := filepath.Dir(s.abs); ; dir = filepath.Dir(dir) {
			// A parent is a ledger by its catalog.yaml; its proposals/ may also hold budget
			// folders. A parent's own year-named folders are not looked into: /tmp/2026 would
			// make /tmp a ledger for every folder below it.
			if holdsCatalog(dir) {
				return dir, show(dir), nil
			}
			if cand := filepath.Join(dir, DefaultDir); holdsLedger(cand) {
				return cand, show(cand), nil
			}
			if filepath.Dir(dir) == dir {
				break
			}
		}
	}
	return "", "", s.notFound(capped)
}

// below reports whether the folders below the start are searched: those of a folder given with
// --dir (or diff --dirs), not those of the current directory.
func (s ledgerSearch) below() bool { return s.start != "" }

// where names the start folder in a message.
func (s ledgerSearch) where() any {
	if s.start == "" {
		return msg.Newf("the current directory")
	}
	return filepath.ToSlash(filepath.Clean(s.start))
}

// notFound says what was looked for and where.
func (s ledgerSearch) notFound(capped bool) error {
	var at, sub, below any = msg.Newf("the current directory"), msg.Newf("its %s/", DefaultDir), msg.Newf("it")
	if s.start != "" {
		name := filepath.ToSlash(filepath.Clean(s.start))
		at, sub, below = name, path.Join(name, DefaultDir), name
	}
	var limit msg.Text
	if capped {
		limit = msg.Newf(" (the search stopped after %d folders)", findFolders)
	}
	if !s.up {
		return usagef("no ledger found: looked for a folder holding %s at %s and %s, and below %s to depth %d%s",
			ledger.CatalogFile, at, sub, below, findDepth, limit)
	}
	if !s.below() {
		return usagef("no ledger found: looked for a folder holding %s at %s and %s, and at each of its parents up to / and their %s/: give the ledger's folder with --dir",
			ledger.CatalogFile, at, sub, DefaultDir)
	}
	return usagef("no ledger found: looked for a folder holding %s at %s and %s, below %s to depth %d%s, and at each of its parents up to / and their %s/: give the ledger's folder with --dir",
		ledger.CatalogFile, at, sub, below, findDepth, limit, DefaultDir)
}

// holdsLedger reports whether dir is a ledger: it holds catalog.yaml, or budget folders
// (2025/, 2026/) that do.
func holdsLedger(dir string) bool {
	if holdsCatalog(dir) {
		return true
	}
	entries, err := os.ReadDir(dir)
	return err == nil && holdsBudgets(dir, entries)
}

// holdsBudgets reports whether a folder of these entries holds a budget folder with a catalog.
func holdsBudgets(dir string, entries []fs.DirEntry) bool {
	for _, e := range entries {
		if _, ok := ledger.BudgetYear(e.Name()); ok && e.IsDir() && holdsCatalog(filepath.Join(dir, e.Name())) {
			return true
		}
	}
	return false
}

// holdsCatalog reports whether dir holds catalog.yaml: anything by that name but a folder
// (a link or a pipe there is the loader's to report, as it reports them in any ledger).
func holdsCatalog(dir string) bool {
	st, err := os.Lstat(filepath.Join(dir, ledger.CatalogFile))
	return err == nil && !st.IsDir()
}

// findBelow walks the folders below dir breadth first, to depth and listing at most most of
// them (dir included), and returns those that hold catalog.yaml, in the order met (shallower
// first, then by name); a ledger's own subfolders are not searched. It lists folders and reads
// no file; hidden folders, links and folders it cannot list are passed over. capped is whether
// it left folders unlisted to stay within most.
func findBelow(dir string, depth, most int) (found []string, capped bool) {
	type folder struct {
		path  string
		depth int
	}
	queue := []folder{{dir, 0}}
	for listed := 0; len(queue) > 0; listed++ {
		f := queue[0]
		queue = queue[1:]
		entries, err := os.ReadDir(f.path)
		if err != nil {
			continue
		}
		if f.depth > 0 && (slices.ContainsFunc(entries, func(e fs.DirEntry) bool {
			return e.Name() == ledger.CatalogFile && !e.IsDir()
		}) || holdsBudgets(f.path, entries)) {
			found = append(found, f.path)
			continue
		}
		if f.depth == depth {
			continue
		}
		for _, e := range entries {
			// A DirEntry's type is the link's, not its target's: a link is never a folder here.
			if !e.IsDir() || strings.HasPrefix(e.Name(), ".") {
				continue
			}
			// The queue holds no more than can still be listed, so it stays within the bound.
			if listed+1+len(queue) == most {
				capped = true
				break
			}
			queue = append(queue, folder{filepath.Join(f.path, e.Name()), f.depth + 1})
		}
	}
	return found, capped
}
