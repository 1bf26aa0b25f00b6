// Package diff compares two loaded ledgers, as a reviewer reads a change to proposal files:
// what it does to Table 1, which proposals came, went or moved between committees, and for
// each changed proposal the fields and amounts that changed and the findings it brought or
// resolved. It computes; package render formats.
package diff

import (
	"cmp"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/budget-ledger/budget/pkg/diag"
	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/budget-ledger/budget/pkg/proposal"
	"github.com/shopspring/decimal"
)

// Side is one of the two ledgers compared: a git revision or a folder.
type Side struct {
	// Name is what the report calls it: "HEAD", "main", "working tree", a folder.
	Name string
	// Ledger is nil when the ledger does not exist there (a revision before it was added).
	Ledger *ledger.Ledger
	// Diags are everything validate says about it.
	Diags diag.List
}

// Report is the difference between two ledgers. The zero value means nothing changed.
type Report struct {
	From, To string
	// Failed lists the sides whose ledger has errors: their figures cannot be trusted, so
	// nothing else is compared.
	Failed []Failure

	Unit       string
	PriceLevel string
	Years      []int
	// Totals are Table 1's rows, committees in catalog order and the total last: those that
	// changed, or all of them with Options.Full.
	Totals   []TotalsRow
	Added    []Ref
	Removed  []Ref
	Moved    []Move
	Changed  []Change
	Findings Findings
}

// Failure is a side that failed to load, with its errors.
type Failure struct {
	Side   string
	Errors diag.List
}

// TotalsRow is one Table 1 row before and after, aligned with the report's Years.
type TotalsRow struct {
	Committee string // id; "" for the total
	Name      string
	Before    ledger.Figures
	After     ledger.Figures
	Change    ledger.Figures
}

// Ref names a proposal: by number, or a cross-cutting one by its id.
type Ref struct {
	Number    int
	ID        string
	Title     string
	Committee string
	Kind      string
}

// Label is how a report names the proposal: "12 Samlokalisering …" or the cross-cutting title.
func (r Ref) Label() string {
	if r.Number > 0 {
		return fmt.Sprintf("%d %s", r.Number, r.Title)
	}
	return r.Title
}

// Move is a proposal that changed committee.
type Move struct {
	Ref
	From, To string
}

// Change is what changed inside one proposal (or the catalog file).
type Change struct {
	Ref
	Amounts []AmountChange
	Fields  []FieldChange
}

// AmountChange is one figure: the table row it is in, the year, old → new. A nil side means the
// cell was not there. Change is new less old; nil where a side is.
type AmountChange struct {
	Row    string
	Year   int
	Before *decimal.Decimal
	After  *decimal.Decimal
	Change *decimal.Decimal
}

// amountChange is the change of one figure from before to after.
func amountChange(row string, year int, before, after *decimal.Decimal) AmountChange {
	a := AmountChange{Row: row, Year: year, Before: before, After: after}
	if before != nil && after != nil {
		d := after.Sub(*before)
		a.Change = &d
	}
	return a
}

// FieldChange is any other value: its dotted path, old → new ("" when absent).
type FieldChange struct {
	Path   string
	Before string
	After  string
}

// Findings are validation findings (not acknowledged) that the change brought or resolved.
type Findings struct {
	New      diag.List
	Resolved diag.List
}

// Options tune a comparison.
type Options struct {
	// Full keeps every Table 1 row, not only those that changed.
	Full bool
}

// FiguresChanged tells whether the change moves any amount of the budget: a figure of a
// proposal or of the catalog, or a proposal added, removed or moved.
func (r *Report) FiguresChanged() bool {
	if len(r.Added)+len(r.Removed)+len(r.Moved) > 0 {
		return true
	}
	for _, c := range r.Changed {
		if len(c.Amounts) > 0 {
			return true
		}
	}
	return false
}

// Empty tells whether nothing at all changed.
func (r *Report) Empty() bool {
	return len(r.Failed) == 0 && !r.FiguresChanged() && len(r.Changed) == 0 &&
		len(r.Findings.New)+len(r.Findings.Resolved) == 0
}

// Compare builds the report of going from a to b.
func Compare(a, b Side, o Options) *Report {
	r := &Report{From: a.Name, To: b.Name}
	for _, s := range []Side{a, b} {
		if errs := s.Diags.Errors(); errs != nil {
			r.Failed = append(r.Failed, Failure{Side: s.Name, Errors: errs})
		}
	}
	if len(r.Failed) > 0 {
		return r
	}
	la, lb := orEmpty(a.Ledger), orEmpty(b.Ledger)
	r.totals(la.Totals(), lb.Totals(), o)
	r.proposals(la, lb)
	r.Findings = findings(la, a.Diags, lb, b.Diags)
	return r
}

func orEmpty(l *ledger.Ledger) *ledger.Ledger {
	if l == nil {
		return &ledger.Ledger{}
	}
	return l
}

// totals compares Table 1 over the years of both catalogs.
func (r *Report) totals(ta, tb ledger.Totals, o Options) {
	r.Unit, r.PriceLevel = cmp.Or(tb.Unit, ta.Unit), cmp.Or(tb.PriceLevel, ta.PriceLevel)
	r.Years = slices.Sorted(slices.Values(append(slices.Clone(ta.Years), tb.Years...)))
	r.Years = slices.Compact(r.Years)
	type row struct {
		name          string
		before, after ledger.Figures
	}
	var order []string
	rows := map[string]*row{}
	get := func(id, name string) *row {
		if rows[id] == nil {
			rows[id] = &row{name: name, before: zeros(len(r.Years)), after: zeros(len(r.Years))}
			order = append(order, id)
		}
		return rows[id]
	}
	for _, c := range tb.Committees { // the new catalog's order first
		get(c.ID, c.Name)
	}
	for _, c := range ta.Committees {
		align(get(c.ID, c.Name).before, ta.Years, c.Amounts, r.Years)
	}
	for _, c := range tb.Committees {
		align(get(c.ID, c.Name).after, tb.Years, c.Amounts, r.Years)
	}
	total := &row{name: "", before: zeros(len(r.Years)), after: zeros(len(r.Years))}
	align(total.before, ta.Years, ta.Total, r.Years)
	align(total.after, tb.Years, tb.Total, r.Years)
	add := func(id string, w *row) {
		change := make(ledger.Figures, len(r.Years))
		changed := false
		for i := range change {
			change[i] = w.after[i].Sub(w.before[i])
			changed = changed || !change[i].IsZero()
		}
		if changed || o.Full {
			r.Totals = append(r.Totals, TotalsRow{Committee: id, Name: w.name, Before: w.before, After: w.after, Change: change})
		}
	}
	for _, id := range order {
		add(id, rows[id])
	}
	if len(r.Totals) > 0 {
		add("", total)
	}
}

func zeros(n int) ledger.Figures {
	f := make(ledger.Figures, n)
	for i := range f {
		f[i] = decimal.Zero
	}
	return f
}

// align copies figures laid out over years into dst laid out over all.
func align(dst ledger.Figures, years []int, f ledger.Figures, all []int) {
	for i, y := range years {
		if j := slices.Index(all, y); j >= 0 && i < len(f) {
			dst[j] = f[i]
		}
	}
}

// entry is a data file of a ledger with the proposal it holds.
type entry struct {
	ref Ref
	doc *proposal.Document
}

func entries(l *ledger.Ledger) map[string]entry {
	m := map[string]entry{}
	for _, p := range l.Proposals {
		ref := Ref{Number: p.Number, Title: p.Title, Committee: p.Committee, Kind: p.Kind}
		m["#"+strconv.Itoa(p.Number)] = entry{ref, p.Doc}
	}
	for _, c := range l.CrossCutting {
		ref := Ref{ID: c.ID, Title: c.Title, Kind: "cross-cutting"}
		m["cc:"+c.ID] = entry{ref, c.Doc}
	}
	if l.Catalog != nil {
		m["catalog"] = entry{Ref{Title: l.Catalog.Name, Kind: "catalog"}, l.Catalog.Doc}
	}
	return m
}

// proposals lists the proposals added, removed, moved and changed. Numbered proposals are
// matched by number, cross-cutting ones by id (or, failing that, title).
func (r *Report) proposals(la, lb *ledger.Ledger) {
	ea, eb := entries(la), entries(lb)
	matchCrossCuttingByTitle(ea, eb)
	for _, k := range sortedKeys(eb) {
		b := eb[k]
		a, ok := ea[k]
		if !ok {
			r.Added = append(r.Added, b.ref)
			continue
		}
		if a.ref.Committee != b.ref.Committee {
			r.Moved = append(r.Moved, Move{Ref: b.ref, From: a.ref.Committee, To: b.ref.Committee})
		}
		// Most files of a change are untouched: the same text (its hash, kept at load with
		// ledger.Options.Values) needs no values compared.
		if a.doc.Sum() == b.doc.Sum() {
			continue
		}
		if c := compareValues(a.doc.Values(), b.doc.Values()); len(c.Amounts)+len(c.Fields) > 0 {
			c.Ref = b.ref
			r.Changed = append(r.Changed, c)
		}
	}
	for _, k := range sortedKeys(ea) {
		if _, ok := eb[k]; !ok {
			r.Removed = append(r.Removed, ea[k].ref)
		}
	}
}

// matchCrossCuttingByTitle renames, on side a, a cross-cutting proposal whose id changed but
// whose title did not, so that a renamed id reads as a change, not as a removal and an addition.
func matchCrossCuttingByTitle(ea, eb map[string]entry) {
	for ka, a := range ea {
		if a.ref.ID == "" {
			continue
		}
		if _, ok := eb[ka]; ok {
			continue
		}
		for kb, b := range eb {
			if _, taken := ea[kb]; !taken && b.ref.ID != "" && b.ref.Title == a.ref.Title {
				delete(ea, ka)
				ea[kb] = a
				break
			}
		}
	}
}

// sortedKeys orders entries as the catalog does: the catalog file, numbered proposals by
// number, then cross-cutting ones.
func sortedKeys(m map[string]entry) []string {
	return slices.SortedFunc(maps.Keys(m), func(x, y string) int {
		ex, ey := m[x], m[y]
		rank := func(e entry) int {
			switch {
			case e.ref.Kind == "catalog":
				return 0
			case e.ref.Number > 0:
				return 1
			}
			return 2
		}
		return cmp.Or(cmp.Compare(rank(ex), rank(ey)), cmp.Compare(ex.ref.Number, ey.ref.Number), strings.Compare(x, y))
	})
}

// compareValues walks two files' values side by side.
func compareValues(a, b any) Change {
	fa, fb := map[string]leaf{}, map[string]leaf{}
	var order []string
	flatten(a, "", "", fa, &order)
	flatten(b, "", "", fb, &order)
	var c Change
	seen := map[string]bool{}
	for _, p := range order {
		if seen[p] {
			continue
		}
		seen[p] = true
		x, inA := fa[p]
		y, inB := fb[p]
		if inA && inB && x.equal(y) {
			continue
		}
		l := cmp.Or(y, x)
		if l.year > 0 && (x.num != nil || !inA) && (y.num != nil || !inB) {
			c.Amounts = append(c.Amounts, amountChange(l.row, l.year, x.num, y.num))
			continue
		}
		c.Fields = append(c.Fields, FieldChange{Path: p, Before: x.text(), After: y.text()})
	}
	return c
}

// leaf is one value of a file: a number, or anything else spelled as text.
type leaf struct {
	num  *decimal.Decimal
	str  string
	row  string // for an amount: the row it belongs to, e.g. "economy.permanent.rows[Projektledelse]"
	year int    // for an amount keyed by year
}

func (l leaf) equal(o leaf) bool {
	if l.num != nil && o.num != nil {
		return l.num.Equal(*o.num)
	}
	return l.num == nil && o.num == nil && l.str == o.str
}

func (l leaf) text() string {
	if l.num != nil {
		return l.num.String()
	}
	return l.str
}

// flatten lists the leaves of a value by path. List items are named by their label (or
// committee, or check and place) where they have one, so that a row inserted above another
// does not make every row below it look changed.
func flatten(v any, path, row string, out map[string]leaf, order *[]string) {
	put := func(l leaf) {
		if _, dup := out[path]; !dup {
			*order = append(*order, path)
		}
		out[path] = l
	}
	switch v := v.(type) {
	case map[string]any:
		if len(v) == 0 {
			put(leaf{str: "{}"})
			return
		}
		keys := slices.Sorted(maps.Keys(v))
		for _, k := range keys {
			sub := proposal.Join(path, k)
			if y, err := strconv.Atoi(k); err == nil && len(k) == 4 {
				if n, ok := v[k].(json.Number); ok {
					d, err := decimal.NewFromString(n.String())
					if err == nil {
						p := sub
						if _, dup := out[p]; !dup {
							*order = append(*order, p)
						}
						out[p] = leaf{num: &d, row: cmp.Or(row, path), year: y}
						continue
					}
				}
			}
			flatten(v[k], sub, row, out, order)
		}
	case []any:
		if len(v) == 0 {
			put(leaf{str: "[]"})
			return
		}
		names := map[string]int{}
		for i, item := range v {
			name := itemName(item)
			if name == "" {
				name = strconv.Itoa(i)
			} else {
				names[name]++
				if n := names[name]; n > 1 {
					name = fmt.Sprintf("%s #%d", name, n)
				}
				name = "[" + name + "]"
			}
			sub := path + "." + name
			if strings.HasPrefix(name, "[") {
				sub = path + name
			}
			flatten(item, sub, sub, out, order)
		}
	case json.Number:
		d, err := decimal.NewFromString(v.String())
		if err != nil {
			put(leaf{str: v.String()})
			return
		}
		put(leaf{num: &d})
	case nil:
		put(leaf{str: "null"})
	default:
		put(leaf{str: fmt.Sprint(v)})
	}
}

// itemName is how a list item is known across versions.
func itemName(item any) string {
	m, ok := item.(map[string]any)
	if !ok {
		return ""
	}
	for _, k := range []string{"label", "committee", "id", "title"} {
		if s, ok := m[k].(string); ok && s != "" {
			return s
		}
	}
	if c, ok := m["check"].(string); ok {
		at, _ := m["at"].(string)
		return c + " at " + at
	}
	return ""
}

// findings compares the unacknowledged findings of both sides by the proposal they are about,
// their code, path and message: positions move with every edit and are left out.
func findings(la *ledger.Ledger, da diag.List, lb *ledger.Ledger, db diag.List) Findings {
	ka, kb := findingKeys(la, da), findingKeys(lb, db)
	inA, inB := set(ka), set(kb)
	var f Findings
	for i, d := range db {
		if kb[i] != "" && !inA[kb[i]] {
			f.New = append(f.New, d)
		}
	}
	for i, d := range da {
		if ka[i] != "" && !inB[ka[i]] {
			f.Resolved = append(f.Resolved, d)
		}
	}
	return f
}

func set(keys []string) map[string]bool {
	m := make(map[string]bool, len(keys))
	for _, k := range keys {
		m[k] = true
	}
	return m
}

// findingKeys names each finding by the proposal it is about rather than by its file, so that
// a file that moved keeps its findings; acknowledged findings get "".
func findingKeys(l *ledger.Ledger, ds diag.List) []string {
	owner := map[string]string{}
	for _, p := range l.Proposals {
		owner[p.Doc.File] = "#" + strconv.Itoa(p.Number)
	}
	for _, c := range l.CrossCutting {
		owner[c.Doc.File] = "cc:" + c.ID
	}
	if l.Catalog != nil {
		owner[l.Catalog.Doc.File] = "catalog"
	}
	keys := make([]string, len(ds))
	for i, d := range ds {
		if !d.Acknowledged {
			keys[i] = strings.Join([]string{cmp.Or(owner[d.Pos.File], d.Pos.File), d.Code, d.Path, d.Message}, "\x00")
		}
	}
	return keys
}
