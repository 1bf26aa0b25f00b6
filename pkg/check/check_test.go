package check_test

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/budget-ledger/budget/pkg/check"
	"github.com/budget-ledger/budget/pkg/diag"
	"github.com/budget-ledger/budget/pkg/ledger"
)

// findings loads the ledger of files (paths relative to its root, shown under proposals/) and
// checks it exactly as the cli's loadFS does: ledger.LoadWith with the default options, then
// check.Run over what loading found. Every test of this package goes through it, so that a
// change in how the two are wired is made here once.
func findings(t *testing.T, files map[string]string) diag.List {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	l, loaded, err := ledger.LoadWith(fsys, "proposals", ledger.Options{})
	if err != nil {
		t.Fatalf("LoadWith: %v", err)
	}
	return check.Run(l, loaded)
}

// A finding is one diagnostic as a test expects it: every field check.Run sets.
type finding struct {
	at       string // file:line:column
	severity string
	code     string
	path     string
	message  string
	reason   string // the acknowledgement's, for an acknowledged finding; empty for one not acknowledged
}

func (f finding) String() string {
	s := fmt.Sprintf("%s: %s: %s [%s] at %q", f.at, f.severity, f.message, f.code, f.path)
	if f.reason != "" {
		s += fmt.Sprintf(" acknowledged: %q", f.reason)
	}
	return s
}

// A checkCase is a synthetic ledger and every finding check.Run gives for it, in order.
type checkCase struct {
	name  string
	files map[string]string
	want  []finding
}

// runCases runs each case through findings and compares the whole list, not a part of it: a
// check that also raises a finding where there is none fails as surely as one that misses it.
func runCases(t *testing.T, cases []checkCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got []finding
			for _, d := range findings(t, c.files) {
				got = append(got, findingOf(d))
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("findings differ\ngot:\n%s\nwant:\n%s\ngot as Go:\n%s", list(got), list(c.want), goList(got))
			}
		})
	}
}

// findingOf is d as a test compares it.
func findingOf(d diag.Diagnostic) finding {
	f := finding{at: d.Pos.String(), severity: d.Severity.String(), code: d.Code, path: d.Path, message: d.Message}
	if d.Acknowledged {
		f.reason = d.Reason
		if f.reason == "" {
			f.reason = "(acknowledged without a reason)"
		}
	}
	return f
}

func list(fs []finding) string {
	if len(fs) == 0 {
		return "\t(none)"
	}
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "\t%s\n", f)
	}
	return b.String()
}

// goList prints findings as the literal of a want, to read (and check by hand) before pasting.
func goList(fs []finding) string {
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "\t\t\t%sAt(%q, %q, %q,\n\t\t\t\t%s)", f.severity, f.at, f.code, f.path, quote(f.message))
		if f.reason != "" {
			fmt.Fprintf(&b, ".acknowledged(%s)", quote(f.reason))
		}
		b.WriteString(",\n")
	}
	return b.String()
}

// quote is s as a Go string literal, raw where that spares escaping its quotation marks.
func quote(s string) string {
	if strings.Contains(s, `"`) && !strings.ContainsAny(s, "`\n") {
		return "`" + s + "`"
	}
	return strconv.Quote(s)
}

// errorAt is the error a case expects at file:line:column, with its code, path and message.
func errorAt(at, code, path, message string) finding {
	return finding{at: at, severity: "error", code: code, path: path, message: message}
}

// warningAt is the warning a case expects at file:line:column, with its code, path and message.
func warningAt(at, code, path, message string) finding {
	return finding{at: at, severity: "warning", code: code, path: path, message: message}
}

// acknowledged is f marked acknowledged with reason.
func (f finding) acknowledged(reason string) finding {
	f.reason = reason
	return f
}

// ledgerOf is the ledger of files, with the minimal catalog unless files gives its own.
func ledgerOf(files map[string]string) map[string]string {
	out := map[string]string{"catalog.yaml": catalogYAML}
	for k, v := range files {
		out[k] = v
	}
	return out
}

// edit returns s with old, which must occur in it exactly once, replaced by new: each fault of
// a case is then one visible change to a clean fixture, and the clean fixture is its negative.
func edit(s, old, new string) string {
	if n := strings.Count(s, old); n != 1 {
		panic(fmt.Sprintf("edit: %q occurs %d times in the fixture, not once", old, n))
	}
	return strings.Replace(s, old, new, 1)
}

// The fixtures below are synthetic: the smallest files that pass every check, from which each
// case breaks one thing. Amounts are in flow style to keep each row on one line.

// catalogYAML is a catalog of one committee over two years, with nothing to compare.
const catalogYAML = `schema: 1
name: Syntetisk katalog
budget: Budget 2026
budget_year: 2026
unit: 1.000 kr.
price_level: 2026 p/l
years: [2026, 2027]
committees:
  - id: aaa
    name: Alfa-udvalget
`

// efficiencyYAML is a proposal with only its catalog row.
const efficiencyYAML = `schema: 1
number: 1
title: Syntetisk forslag
committee: aaa
administration: Alfa-forvaltningen
kind: efficiency
approved_with: null
catalog:
  title: Syntetisk forslag
  contribution: {2026: 10, 2027: 10}
  total_investment: null
`

// savingYAML is a proposal with a Tabel 1 of permanent savings only, and their declared total.
const savingYAML = `schema: 1
number: 1
title: Syntetisk besparelse
committee: aaa
administration: Alfa-forvaltningen
kind: efficiency
approved_with: null
catalog:
  title: Syntetisk besparelse
  contribution: {2026: 10, 2027: 10}
  total_investment: null
economy:
  unit: 1.000 kr.
  price_level: 2026 p/l
  years: [2026, 2027]
  permanent:
    rows:
      - {label: Besparelse, area: Service, amounts: {2026: -10, 2027: -10}}
    totals:
      - {label: Varig ændring, sums: all, amounts: {2026: -10, 2027: -10}}
`

// investmentYAML is a proposal with an implementation cost, a total impact and a payback:
// 150 spent in 2025, 100 saved in each of 2026 and 2027, paid back in the third year.
const investmentYAML = `schema: 1
number: 1
title: Syntetisk investering
committee: aaa
administration: Alfa-forvaltningen
kind: investment
approved_with: null
catalog:
  title: Syntetisk investering
  contribution: {2026: 100, 2027: 100}
  total_investment: 150
economy:
  unit: 1.000 kr.
  price_level: 2026 p/l
  years: [2025, 2026, 2027]
  permanent:
    rows:
      - {label: Besparelse, area: Service, amounts: {2026: -100, 2027: -100}}
    totals:
      - {label: Varig ændring, sums: all, amounts: {2026: -100, 2027: -100}}
  implementation:
    rows:
      - {label: Udvikling, area: Anlæg, amounts: {2025: 150}}
  total_impact:
    label: Samlet påvirkning
    amounts: {2025: 150, 2026: -100, 2027: -100}
  payback:
    total: 3
`

// crossCuttingYAML is a cross-cutting proposal with one share.
const crossCuttingYAML = `schema: 1
id: tvaergaaende
title: Syntetisk tværgående forslag
approved_with: null
shares:
  - committee: aaa
    contribution: {2026: 5, 2027: 5}
`

// tablesCatalogYAML is catalogYAML with the printed tables and intro figures that investmentYAML
// alone adds up to: 100 a year (0.1 mio. kr.), 150 invested; a target of 1 mio. kr. with 0.5
// from elsewhere delivers 1.5.
const tablesCatalogYAML = catalogYAML + `intro:
  unit: mio. kr.
  approved: {2026: 0.1, 2027: 0.1}
  target: {year: 2026, amount: 1}
  other_contributions:
    - {label: Andet, amount: 0.5}
  delivered: {year: 2026, amount: 1.5}
assertions:
  table1:
    rows:
      - {committee: aaa, amounts: {2026: 100, 2027: 100}}
    total: {2026: 100, 2027: 100}
  table2:
    rows:
      - {committee: aaa, amounts: {2026: 100, 2027: 100}, total_investment: 150}
    total: {amounts: {2026: 100, 2027: 100}, total_investment: 150}
`

// tablesLedger is investmentYAML under tablesCatalogYAML, with old in the catalog replaced by new.
func tablesLedger(old, new string) map[string]string {
	return map[string]string{"catalog.yaml": edit(tablesCatalogYAML, old, new), "aaa/01-forslag.yaml": investmentYAML}
}

// TestCleanFixtures holds every fixture the cases break to be clean: the negative of each case.
func TestCleanFixtures(t *testing.T) {
	runCases(t, []checkCase{
		{name: "efficiency", files: ledgerOf(map[string]string{"aaa/01-forslag.yaml": efficiencyYAML})},
		{name: "saving", files: ledgerOf(map[string]string{"aaa/01-forslag.yaml": savingYAML})},
		{name: "investment", files: ledgerOf(map[string]string{"aaa/01-forslag.yaml": investmentYAML})},
		{name: "cross-cutting", files: ledgerOf(map[string]string{"aaa/01-forslag.yaml": efficiencyYAML, "cross-cutting/tvaergaaende.yaml": crossCuttingYAML})},
		{name: "tables", files: map[string]string{"catalog.yaml": tablesCatalogYAML, "aaa/01-forslag.yaml": investmentYAML}},
	})
}
