// Package check finds what a loaded ledger gets wrong: references between files (committees,
// numbers, years) as errors, and the document's own inconsistencies (sums, signs, catalog rows,
// paybacks) as warnings, which the files can acknowledge.
package check

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/budget-ledger/budget/pkg/diag"
	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/budget-ledger/budget/pkg/msg"
	"github.com/budget-ledger/budget/pkg/proposal"
	"github.com/shopspring/decimal"
)

// Codes of the checks, as diagnostics and acknowledgements name them.
const (
	CodeUnknownCommittee = "unknown-committee"
	CodeDuplicateNumber  = "duplicate-number"
	CodeDuplicateID      = "duplicate-id"
	CodeWrongFolder      = "wrong-folder"
	CodeUnknownYear      = "unknown-year"
	CodeSumMismatch      = "sum-mismatch"
	CodeSign             = "sign"
	CodeCatalogMismatch  = "catalog-mismatch"
	CodeInvestment       = "investment-mismatch"
	CodePayback          = "payback-mismatch"
	CodeYearCoverage     = "year-coverage"
	CodeTableMismatch    = "table-mismatch"
	CodeIntroMismatch    = "intro-mismatch"
	// CodeCatalogOutOfStep is a draft catalog whose figures budget catalog sync would change.
	CodeCatalogOutOfStep = "catalog-out-of-step"
	CodeUnusedAck        = "unused-acknowledgement"
	CodePlaceholder      = "placeholder"
	CodeReservedID       = "reserved-id"
	// Codes of the realised figures (realised.go).
	CodeRealisedYear = "realised-year"
	CodeUnknownGoal  = "unknown-goal"
	CodeGoalNote     = "goal-without-note"
	CodeShortfall    = "shortfall"
	CodeContinues    = "continues"
)

// Load loads the ledger in fsys as ledger.LoadWith does, with each file's checks run as it is
// loaded (File), and checks it across files (Run): what every command that reads a ledger uses.
func Load(fsys fs.FS, display string, opts ledger.Options) (*ledger.Ledger, diag.List, error) {
	opts.Check = File
	l, loaded, err := ledger.LoadWith(fsys, display, opts)
	if err != nil {
		return nil, nil, err
	}
	return l, Run(l, loaded), nil
}

// File checks one decoded file on its own, in the worker that loads it (ledger.Options.Check):
// a proposal's years against its own tables' and the catalog's, its sums, signs, catalog row,
// year coverage, investment, payback and placeholders; a cross-cutting proposal's
// contributions. The catalog's own checks compare it with the other files: Run has them.
func File(f *ledger.File) diag.List {
	c := &checker{l: &ledger.Ledger{Catalog: f.Catalog}}
	switch {
	case f.Proposal != nil:
		c.proposal(f.Proposal, f.Sheet) // the loader lays out the Sheet of every decoded proposal
		if f.Parsed.HasPlaceholders() {
			c.placeholders(f.Doc, f.Parsed.Value(), "")
		}
	case f.CrossCutting != nil:
		c.crossCutting(f.CrossCutting)
	}
	return c.ds
}

// Run checks the ledger across files and returns every finding; acknowledged warnings are
// marked, not removed. loaded are the diagnostics of loading, with those of each file's own
// checks (File), which acknowledgements may also cover.
func Run(l *ledger.Ledger, loaded diag.List) diag.List {
	c := &checker{l: l}
	c.references()
	// The catalog's tables are compared with the proposals only when every file loaded and no
	// reference is broken: with a file left out, two files claiming one number or a proposal
	// under an unknown committee, each of the sums involved would be reported as a mismatch it
	// is not.
	tables := !loaded.HasErrors() && !c.ds.HasErrors()
	if tables {
		c.catalog()
	}
	all := append(append(diag.List{}, loaded...), c.ds...)
	all = acknowledge(l, all, tables)
	// A file shows at most diag.MaxErrorsPerFile errors, whichever step found them.
	all, _ = all.LimitErrors(false)
	return all
}

// continues reports a broken continuation link: to a budget that is not earlier than the
// proposal's own, to one the ledger does not hold, or to a number that budget has not.
func (c *checker) continues(p *proposal.Proposal) {
	to := p.Continues
	if to == nil {
		return
	}
	own := c.l.Budget
	if own == 0 && c.l.Catalog != nil {
		own = c.l.Catalog.BudgetYear
	}
	switch q, e := c.l.Continued(p); {
	case own != 0 && to.Budget >= own:
		c.errorf(p.Doc, "continues.budget", CodeContinues, "continues budget %d, which is not earlier than this proposal's own budget %d", to.Budget, own)
	case !c.l.HoldsBudget(to.Budget):
		c.errorf(p.Doc, "continues.budget", CodeContinues, "continues budget %d, which the ledger does not hold: it holds %s", to.Budget, ledger.BudgetList(c.l.Budgets))
	case q == nil && e != nil:
		c.errorf(p.Doc, "continues.number", CodeContinues, "continues proposal %d of budget %d, which has no proposal %d", to.Number, to.Budget, to.Number)
	}
}

// placeholders warns about every text still saying TODO, as budget new writes them, so that
// an unfinished proposal does not pass validate --strict.
func (c *checker) placeholders(doc *proposal.Document, v any, at string) {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			c.placeholders(doc, x, proposal.Join(at, k))
		}
	case []any:
		for i, x := range v {
			c.placeholders(doc, x, proposal.Join(at, strconv.Itoa(i)))
		}
	case string:
		if strings.HasPrefix(v, "TODO") {
			c.ds.Warnf(doc.Pos(at), at, CodePlaceholder, "%s is still a placeholder (%s): write the value the document gives", diag.Clip(at), diag.Quote(v))
		}
	}
}

type checker struct {
	l   *ledger.Ledger
	ds  diag.List
	ids string // committeeIDs, once computed
}

func (c *checker) errorf(doc *proposal.Document, p, code, format string, args ...any) {
	c.ds.Errorf(doc.Pos(p), p, code, format, args...)
}

func (c *checker) warnf(doc *proposal.Document, p, code, format string, args ...any) {
	c.ds.Warnf(doc.Pos(p), p, code, format, args...)
}

func (c *checker) committeeKnown(id string) bool {
	if c.l.Catalog == nil {
		return true // no catalog is reported once, not at every reference
	}
	for _, k := range c.l.Catalog.Committees {
		if k.ID == id {
			return true
		}
	}
	return false
}

func (c *checker) committeeIDs() string {
	if c.ids != "" {
		return c.ids // once: a file may name many unknown committees, the catalog many known ones
	}
	var ids []string
	for _, k := range c.l.Catalog.Committees {
		ids = append(ids, k.ID)
	}
	c.ids = diag.Clip(strings.Join(ids, ", "))
	return c.ids
}

func (c *checker) references() {
	if cat := c.l.Catalog; cat != nil {
		for i, k := range cat.Committees {
			// A committee's proposals live in a folder named by its id: this one is taken.
			if k.ID == ledger.CrossCuttingDir {
				c.errorf(cat.Doc, fmt.Sprintf("committees.%d.id", i), CodeReservedID, "committee id %q is the folder of the cross-cutting proposals: choose another", k.ID)
			}
		}
	}
	byNumber := map[int]*proposal.Proposal{}
	for _, p := range c.l.Proposals {
		if first, dup := byNumber[p.Number]; dup {
			c.errorf(p.Doc, "number", CodeDuplicateNumber, "proposal number %d is already used by %s", p.Number, first.Doc.File)
		} else {
			byNumber[p.Number] = p
		}
		if !c.committeeKnown(p.Committee) {
			c.errorf(p.Doc, "committee", CodeUnknownCommittee, "unknown committee %s: the catalog has %s", diag.Quote(p.Committee), c.committeeIDs())
		} else if dir := path.Dir(c.l.Rel(p.Doc.File)); dir != p.Committee {
			// The folder inside the ledger, whatever the ledger's own folder is called.
			where := msg.Newf("in folder %s", diag.Quote(dir))
			if dir == "." {
				where = msg.Newf("at the ledger's root")
			}
			c.errorf(p.Doc, "committee", CodeWrongFolder, "proposal of committee %s is %s: move it to %s/", diag.Quote(p.Committee), where, diag.Clip(p.Committee))
		}
		c.continues(p)
	}
	byID := map[string]*proposal.CrossCutting{}
	for _, x := range c.l.CrossCutting {
		if first, dup := byID[x.ID]; dup {
			c.errorf(x.Doc, "id", CodeDuplicateID, "cross-cutting id %s is already used by %s", diag.Quote(x.ID), first.Doc.File)
		} else {
			byID[x.ID] = x
		}
		for i, s := range x.Shares {
			if !c.committeeKnown(s.Committee) {
				c.errorf(x.Doc, fmt.Sprintf("shares.%d.committee", i), CodeUnknownCommittee, "unknown committee %s: the catalog has %s", diag.Quote(s.Committee), c.committeeIDs())
			}
		}
	}
}

// years checks that every cell of a row lies in the table's own year columns.
// columns names the table's columns, as "Tabel 1's columns".
func (c *checker) years(doc *proposal.Document, p string, a proposal.Amounts, years []int, columns msg.Text) {
	for _, ya := range a {
		if !slices.Contains(years, ya.Year) {
			c.errorf(doc, proposal.Join(p, strconv.Itoa(ya.Year)), CodeUnknownYear, "year %d is not one of %s (%s)", ya.Year, columns, yearSpan(years))
		}
	}
}

// outside reports whether a has a cell of a year not in years, which years reports.
func outside(a proposal.Amounts, years []int) bool {
	for _, ya := range a {
		if !slices.Contains(years, ya.Year) {
			return true
		}
	}
	return false
}

func yearSpan(years []int) any {
	if len(years) == 0 {
		return msg.Newf("none")
	}
	s := make([]string, len(years))
	for i, y := range years {
		s[i] = strconv.Itoa(y)
	}
	return strings.Join(s, ", ")
}

func (c *checker) catalogYears() []int {
	if c.l.Catalog == nil {
		return nil
	}
	return c.l.Catalog.Years
}

func (c *checker) crossCutting(x *proposal.CrossCutting) {
	for i, s := range x.Shares {
		p := fmt.Sprintf("shares.%d.contribution", i)
		if c.l.Catalog != nil {
			c.years(x.Doc, p, s.Contribution, c.catalogYears(), catalogColumns)
		}
		c.negative(x.Doc, p, s.Contribution, msg.Newf("a catalog contribution is a positive figure"))
	}
}

// negative warns at each negative cell of a row where the document's rule wants positives.
func (c *checker) negative(doc *proposal.Document, p string, a proposal.Amounts, rule msg.Text) {
	for _, ya := range a {
		if ya.Value.IsNegative() {
			c.warnf(doc, proposal.Join(p, strconv.Itoa(ya.Year)), CodeSign, "%s is negative in %d: %s", ya.Value.String(), ya.Year, rule)
		}
	}
}

func fmtDec(d decimal.Decimal) string { return d.String() }
