package ledger

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"

	"github.com/budget-ledger/budget/pkg/diag"
	"github.com/budget-ledger/budget/pkg/msg"
	"github.com/budget-ledger/budget/pkg/proposal"
)

// A ledger folder holds one catalog (catalog.yaml at its root, the bundled layout) or one
// folder per budget year, each a catalog of its own: 2025/catalog.yaml, 2026/catalog.yaml.
// Each budget is loaded by LoadWith on its own folder (fs.Sub), so that a budget is checked
// as a one-catalog ledger is, and proposal numbers are unique within a budget, not across.

// BudgetFolders lists the budget folders at the root of fsys, by year: folders named by a
// four-digit year. It is nil for the one-catalog layout (catalog.yaml at the root), and for a
// folder of neither layout.
func BudgetFolders(fsys fs.FS) ([]int, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, err
	}
	var years []int
	for _, e := range entries {
		if e.Name() == CatalogFile {
			return nil, nil
		}
		if y, ok := BudgetYear(e.Name()); ok && e.IsDir() {
			years = append(years, y)
		}
	}
	slices.Sort(years)
	return years, nil
}

// budgetFolder reads a folder name as a budget year: four digits, no sign, no leading zero.
func BudgetYear(name string) (int, bool) {
	if len(name) != 4 || name[0] == '0' {
		return 0, false
	}
	for _, r := range name {
		if r < '0' || r > '9' {
			return 0, false
		}
	}
	y, _ := strconv.Atoi(name)
	return y, true
}

// NoBudgetError is LoadBudget's error for a --budget the ledger does not hold.
type NoBudgetError struct {
	Want int
	Have []int
}

func (e *NoBudgetError) Error() string { return e.text().String() }

// In words the error in l.
func (e *NoBudgetError) In(l msg.Lang) string { return e.text().In(l) }

func (e *NoBudgetError) text() msg.Text {
	if len(e.Have) == 0 {
		return msg.Newf("the ledger holds no budget %d: it holds no catalog", e.Want)
	}
	return msg.Newf("the ledger holds no budget %d: it holds budget %s", e.Want, BudgetList(e.Have))
}

// BudgetList names budgets in a message: "2024, 2025 and 2026", "no budget" for none.
func BudgetList(years []int) msg.Text {
	if len(years) == 0 {
		return msg.Newf("no budget")
	}
	names := make([]string, len(years))
	for i, y := range years {
		names[i] = strconv.Itoa(y)
	}
	return msg.And(names)
}

// LoadBudget loads one budget of the ledger in fsys: budget (0 for the latest) of a ledger of
// budget folders, or the one catalog of the one-catalog layout (whose budget_year budget must
// then be, unless 0). Besides that budget's own files it reads, with ModelTables, the earlier
// budgets the target needs (those whose years reach the target's year, see Earlier) and those
// its proposals continue (and theirs in turn); of every other earlier budget only the
// catalog, and nothing of a later one. A budget the ledger does not hold is a *NoBudgetError.
func LoadBudget(fsys fs.FS, display string, budget int, opts Options) (*Ledger, diag.List, error) {
	years, err := BudgetFolders(fsys)
	if err != nil {
		return nil, nil, err
	}
	if len(years) == 0 {
		l, ds, err := LoadWith(fsys, display, opts)
		if err != nil {
			return nil, nil, err
		}
		if l.Catalog != nil {
			l.Budgets = []int{l.Catalog.BudgetYear}
		}
		if budget != 0 && (l.Catalog == nil || l.Catalog.BudgetYear != budget) {
			return nil, nil, &NoBudgetError{Want: budget, Have: l.Budgets}
		}
		return l, ds, nil
	}
	if budget == 0 {
		budget = years[len(years)-1]
	}
	if !slices.Contains(years, budget) {
		return nil, nil, &NoBudgetError{Want: budget, Have: years}
	}
	set := &budgetSet{fsys: fsys, display: display, opts: opts, years: years, loaded: map[int]*Ledger{}}
	l, ds, err := set.load(budget, opts)
	if err != nil {
		return nil, nil, err
	}
	// The earlier catalogs whose years reach the target's year: their rising profiles.
	if y := profileYear(l.Catalog); y != 0 {
		for _, b := range years {
			if b >= budget {
				break
			}
			c, cds, err := set.catalog(b)
			if err != nil {
				return nil, nil, err
			}
			ds = append(ds, cds...)
			if c != nil && slices.Contains(c.Years, y) {
				e, eds, err := set.earlier(b)
				if err != nil {
					return nil, nil, err
				}
				ds = append(ds, eds...)
				l.Earlier = append(l.Earlier, e)
			}
		}
	}
	// The budgets the proposals continue, and those theirs continue, each loaded once.
	queue := append([]*Ledger{l}, l.Earlier...)
	for ; len(queue) > 0; queue = queue[1:] {
		for _, p := range queue[0].Proposals {
			to := p.Continues
			if to == nil || to.Budget >= queue[0].Budget || !slices.Contains(years, to.Budget) || set.loaded[to.Budget] != nil {
				continue
			}
			e, eds, err := set.earlier(to.Budget)
			if err != nil {
				return nil, nil, err
			}
			ds = append(ds, eds...)
			queue = append(queue, e)
		}
	}
	l.others = set.loaded
	return l, ds, nil
}

// profileYear is the year of the catalog's target, where earlier catalogs' rising profiles
// count: the intro's target year, else the budget year; 0 without a catalog.
func profileYear(c *proposal.Catalog) int {
	switch {
	case c == nil:
		return 0
	case c.Intro != nil && c.Intro.Target != nil:
		return c.Intro.Target.Year
	}
	return c.BudgetYear
}

// budgetSet is the budgets of one ledger as LoadBudget reads them: each at most once.
type budgetSet struct {
	fsys    fs.FS
	display string
	opts    Options
	years   []int
	loaded  map[int]*Ledger // the earlier budgets loaded, by year
}

// load loads budget b's folder as a ledger of its own and checks that its catalog is that
// budget's.
func (s *budgetSet) load(b int, opts Options) (*Ledger, diag.List, error) {
	dir := strconv.Itoa(b)
	sub, err := fs.Sub(s.fsys, dir)
	if err != nil {
		return nil, nil, err
	}
	l, ds, err := LoadWith(sub, path.Join(s.display, dir), opts)
	if err != nil {
		return nil, nil, err
	}
	l.Budget, l.Budgets = b, s.years
	if Trace != nil {
		trace(fmt.Sprintf("budget %d read, %d files", b, len(l.Docs)))
	}
	if c := l.Catalog; c != nil && c.BudgetYear != b {
		ds.Errorf(c.Doc.Pos("budget_year"), "budget_year", "wrong-folder",
			"the catalog says budget_year %d, but it is in the folder of budget %d (%s/): move it, or correct the one that is wrong", c.BudgetYear, b, path.Join(s.display, dir))
	}
	return l, ds, nil
}

// earlier loads an earlier budget for its tables and proposal numbers (ModelTables, without
// the per-file checks: they are its own validate's). Only its errors are kept: figures from a
// file that did not load would be wrong.
func (s *budgetSet) earlier(b int) (*Ledger, diag.List, error) {
	if l, ok := s.loaded[b]; ok {
		return l, nil, nil
	}
	opts := s.opts
	opts.Model, opts.Check, opts.Values = ModelTables, nil, false
	l, ds, err := s.load(b, opts)
	if err != nil {
		return nil, nil, err
	}
	s.loaded[b] = l
	return l, ds.Errors(), nil
}

// catalog reads only the catalog of budget b, for its years; its errors are kept.
func (s *budgetSet) catalog(b int) (*proposal.Catalog, diag.List, error) {
	if l, ok := s.loaded[b]; ok {
		return l.Catalog, nil, nil
	}
	dir := strconv.Itoa(b)
	sub, err := fs.Sub(s.fsys, dir)
	if err != nil {
		return nil, nil, err
	}
	name := path.Join(s.display, dir, CatalogFile)
	// The folder is listed rather than the file stat'ed: a Stat through a plain fs.FS opens it.
	entries, err := fs.ReadDir(sub, ".")
	if err != nil {
		return nil, nil, err
	}
	if !slices.ContainsFunc(entries, func(e fs.DirEntry) bool { return e.Name() == CatalogFile }) {
		var ds diag.List
		ds.Errorf(diag.Pos{File: name}, "", "no-catalog",
			"the ledger has no %s: it names the committees and years every proposal refers to", CatalogFile)
		return nil, ds, nil
	}
	opts := s.opts.withDefaults()
	opts.Check = nil
	f := loadFile(sub, CatalogFile, name, opts, nil)
	if Trace != nil {
		trace(fmt.Sprintf("budget %d read, its catalog", b))
	}
	return f.catalog, f.ds.Errors(), nil
}

// Continued returns the proposal p continues, from the budgets the ledger loaded with it
// (LoadBudget), and its budget's ledger; nil where p continues nothing, or a budget or number
// not in the ledger (a broken link, which check reports).
func (l *Ledger) Continued(p *proposal.Proposal) (*proposal.Proposal, *Ledger) {
	if p.Continues == nil {
		return nil, nil
	}
	e := l.others[p.Continues.Budget]
	if e == nil {
		return nil, nil
	}
	i, ok := slices.BinarySearchFunc(e.Proposals, p.Continues.Number, func(q *proposal.Proposal, n int) int { return q.Number - n })
	if !ok {
		return nil, e
	}
	return e.Proposals[i], e
}

// Link is one step of a continuation chain: a proposal of a budget, by number; Title and File
// are "" where the link is broken (no such budget or number in the ledger).
type Link struct {
	Budget, Number int
	Title, File    string
}

// Chain is the proposals p continues, the nearest first, as far as the links go; a broken link
// ends it, with no title.
func (l *Ledger) Chain(p *proposal.Proposal) []Link {
	var out []Link
	for at := p; at.Continues != nil && len(out) <= len(l.Budgets); {
		link := Link{Budget: at.Continues.Budget, Number: at.Continues.Number}
		q, _ := l.Continued(at)
		if q != nil {
			link.Title = q.Title
			if q.Doc != nil {
				link.File = q.Doc.File
			}
		}
		out = append(out, link)
		if q == nil {
			break
		}
		at = q
	}
	return out
}

// HoldsBudget reports whether the ledger's folder holds budget b: loaded with it, or b is its
// own.
func (l *Ledger) HoldsBudget(b int) bool { return slices.Contains(l.Budgets, b) }

// BudgetInfo is one budget of a ledger as budget budgets lists it.
type BudgetInfo struct {
	Year int
	// Folder is the budget's folder as diagnostics name it: the ledger's, in the one-catalog layout.
	Folder       string
	Name         string // the catalog's name; "" where it did not load
	Years        []int
	Proposals    int // numbered proposals (data files outside cross-cutting/)
	CrossCutting int
	Draft        bool
}

// ListBudgets lists the budgets of the ledger in fsys, by year: each one's catalog (read, with
// its errors) and the number of its data files (listed, not read). A one-catalog ledger lists
// its one budget.
func ListBudgets(fsys fs.FS, display string, opts Options) ([]BudgetInfo, diag.List, error) {
	years, err := BudgetFolders(fsys)
	if err != nil {
		return nil, nil, err
	}
	folders := []string{"."}
	if len(years) > 0 {
		folders = folders[:0]
		for _, y := range years {
			folders = append(folders, strconv.Itoa(y))
		}
	}
	opts = opts.withDefaults()
	opts.Check = nil
	var out []BudgetInfo
	var ds diag.List
	for i, dir := range folders {
		sub, err := fs.Sub(fsys, dir)
		if err != nil {
			return nil, nil, err
		}
		files, wds, err := Files(sub, path.Join(display, dir), opts)
		if err != nil {
			return nil, nil, err
		}
		ds = append(ds, wds.Errors()...)
		b := BudgetInfo{Folder: path.Join(display, dir)}
		if len(years) > 0 {
			b.Year = years[i]
		}
		for _, f := range files {
			switch KindOf(f) {
			case "proposal":
				b.Proposals++
			case "crosscutting":
				b.CrossCutting++
			}
		}
		if slices.Contains(files, CatalogFile) {
			f := loadFile(sub, CatalogFile, path.Join(display, dir, CatalogFile), opts, nil)
			ds = append(ds, f.ds.Errors()...)
			if c := f.catalog; c != nil {
				b.Name, b.Years, b.Draft = c.Name, c.Years, c.Draft()
				if b.Year == 0 {
					b.Year = c.BudgetYear
				}
			}
		}
		out = append(out, b)
	}
	return out, ds, nil
}

// Beside makes l, one budget's folder loaded as a ledger of its own (the language server's, as
// it is edited), that budget of a ledger of budget folders as from, LoadBudget's of the same
// budget, has it: its year, the budgets beside it and the earlier ones it reads.
func (l *Ledger) Beside(from *Ledger) {
	l.Budget, l.Budgets, l.Earlier, l.others = from.Budget, from.Budgets, from.Earlier, from.others
}

// Other is budget b of the ledger as LoadBudget loaded it beside l (an earlier budget its
// target or its links read), or nil.
func (l *Ledger) Other(b int) *Ledger { return l.others[b] }
