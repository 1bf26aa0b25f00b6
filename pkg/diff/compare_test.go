package diff

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/budget-ledger/budget/pkg/diag"
	"github.com/budget-ledger/budget/pkg/ledger"
)

// The two sides of TestCompare are synthetic. From before to after: proposal 1's administration
// is reworded and its 10 respelt 10.0; proposal 2 moves from aaa to bbb; 3 is removed and 4
// added; the cross-cutting proposal gets a new id, its title kept; ccc has no proposals.
const compareCatalog = `schema: 1
name: Test
budget: Budget 2026
budget_year: 2026
unit: 1.000 kr.
price_level: 2026 p/l
years: [2026, 2027]
committees:
  - id: aaa
    name: Alfa-udvalget
  - id: bbb
    name: Beta-udvalget
  - id: ccc
    name: Gamma-udvalget
`

func compareProposal(number int, committee, title, administration, contribution string) []byte {
	return []byte(fmt.Sprintf(`schema: 1
number: %d
title: %s
committee: %s
administration: %s
kind: efficiency
approved_with: OFS 24-25
catalog:
  title: %s
  contribution:
    %s
  total_investment: null
`, number, title, committee, administration, title, contribution))
}

func compareCrossCutting(id string) []byte {
	return []byte(`schema: 1
id: ` + id + `
title: Genbrug
approved_with: null
shares:
  - committee: aaa
    contribution:
      2027: 3
`)
}

var compareBefore = fstest.MapFS{
	"catalog.yaml":              {Data: []byte(compareCatalog)},
	"aaa/01-spar.yaml":          {Data: compareProposal(1, "aaa", "Spar", "Alfa", "2026: 10\n    2027: 20")},
	"aaa/02-flyt.yaml":          {Data: compareProposal(2, "aaa", "Flyt", "Alfa", "2026: 5")},
	"bbb/03-vaek.yaml":          {Data: compareProposal(3, "bbb", "Væk", "Beta", "2027: 7")},
	"cross-cutting/gammel.yaml": {Data: compareCrossCutting("gammel")},
}

var compareAfter = fstest.MapFS{
	"catalog.yaml":          {Data: []byte(compareCatalog)},
	"aaa/01-spar-ny.yaml":   {Data: compareProposal(1, "aaa", "Spar", "Alfa-forvaltningen", "2026: 10.0\n    2027: 20")},
	"bbb/02-flyt.yaml":      {Data: compareProposal(2, "bbb", "Flyt", "Alfa", "2026: 5")},
	"bbb/04-ny.yaml":        {Data: compareProposal(4, "bbb", "Ny", "Beta", "2026: 1")},
	"cross-cutting/ny.yaml": {Data: compareCrossCutting("ny")},
}

func loadSide(t *testing.T, name string, fsys fstest.MapFS) Side {
	t.Helper()
	l, ds, err := ledger.LoadWith(fsys, "proposals", ledger.Options{Values: true}) // as budget diff loads each side
	if err != nil || ds.HasErrors() {
		t.Fatalf("%s: %v %v", name, err, ds)
	}
	return Side{Name: name, Ledger: l, Diags: ds}
}

func totalsText(rows []TotalsRow) string {
	var s []string
	for _, r := range rows {
		s = append(s, fmt.Sprintf("%s %v→%v (%v)", r.Committee, r.Before, r.After, r.Change))
	}
	return strings.Join(s, "; ")
}

func refsText(refs []Ref) string {
	var s []string
	for _, r := range refs {
		s = append(s, r.Label()+" in "+r.Committee)
	}
	return strings.Join(s, "; ")
}

func TestCompare(t *testing.T) {
	a, b := loadSide(t, "before", compareBefore), loadSide(t, "after", compareAfter)
	r := Compare(a, b, Options{})
	got := []string{
		fmt.Sprint(r.Years),
		totalsText(r.Totals),
		"added " + refsText(r.Added),
		"removed " + refsText(r.Removed),
	}
	for _, m := range r.Moved {
		got = append(got, fmt.Sprintf("moved %s from %s to %s", m.Label(), m.From, m.To))
	}
	for _, c := range r.Changed {
		got = append(got, fmt.Sprintf("changed %s: %d amounts, %v", c.Label(), len(c.Amounts), c.Fields))
	}
	want := []string{
		"[2026 2027]",
		"aaa [15 23]→[10 23] ([-5 0]); bbb [0 7]→[6 0] ([6 -7]);  [15 30]→[16 23] ([1 -7])",
		"added 4 Ny in bbb",
		"removed 3 Væk in bbb",
		"moved 2 Flyt from aaa to bbb",
		"changed 1 Spar: 0 amounts, [{administration Alfa Alfa-forvaltningen}]",
		"changed 2 Flyt: 0 amounts, [{committee aaa bbb}]",
		"changed Genbrug: 0 amounts, [{id gammel ny}]",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !r.FiguresChanged() || r.Empty() {
		t.Errorf("FiguresChanged %v, Empty %v; want true, false", r.FiguresChanged(), r.Empty())
	}

	full := Compare(a, b, Options{Full: true})
	if got, want := totalsText(full.Totals), "aaa [15 23]→[10 23] ([-5 0]); bbb [0 7]→[6 0] ([6 -7]); ccc [0 0]→[0 0] ([0 0]);  [15 30]→[16 23] ([1 -7])"; got != want {
		t.Errorf("--full totals\n got %s\nwant %s", got, want)
	}
}

// TestCompareTextOnly: a change of words and of a number's spelling changes no figure.
func TestCompareTextOnly(t *testing.T) {
	before := fstest.MapFS{
		"catalog.yaml":     {Data: []byte(compareCatalog)},
		"aaa/01-spar.yaml": {Data: compareProposal(1, "aaa", "Spar", "Alfa", "2026: 12.50")},
	}
	after := fstest.MapFS{
		"catalog.yaml":     {Data: []byte(compareCatalog)},
		"aaa/01-spar.yaml": {Data: compareProposal(1, "aaa", "Spar", "Alfa-forvaltningen", "2026: 12.5")},
	}
	r := Compare(loadSide(t, "before", before), loadSide(t, "after", after), Options{})
	if r.FiguresChanged() || r.Empty() || len(r.Totals) != 0 {
		t.Errorf("FiguresChanged %v, Empty %v, totals %q; want false, false, none", r.FiguresChanged(), r.Empty(), totalsText(r.Totals))
	}
	if len(r.Changed) != 1 || len(r.Changed[0].Amounts) != 0 || len(r.Changed[0].Fields) != 1 {
		t.Errorf("changed %+v, want proposal 1's administration only", r.Changed)
	}
}

// TestCompareFindings: a finding is told by the proposal it is about, not its file's name, so
// renaming the file leaves it neither new nor resolved.
func TestCompareFindings(t *testing.T) {
	a, b := loadSide(t, "before", compareBefore), loadSide(t, "after", compareAfter)
	finding := func(file, message string) diag.Diagnostic {
		return diag.Diagnostic{Pos: diag.Pos{File: file, Line: 9, Column: 5}, Severity: diag.Warning, Code: "sum-mismatch", Path: "catalog", Message: message}
	}
	a.Diags = diag.List{finding(a.Ledger.Proposals[0].Doc.File, "kept"), finding(a.Ledger.Proposals[0].Doc.File, "fixed")}
	b.Diags = diag.List{finding(b.Ledger.Proposals[0].Doc.File, "kept"), finding(b.Ledger.Proposals[0].Doc.File, "new")}
	if a.Diags[0].Pos.File == b.Diags[0].Pos.File {
		t.Fatal("proposal 1's file should be renamed")
	}
	f := Compare(a, b, Options{}).Findings
	var got []string
	for _, d := range f.New {
		got = append(got, "new "+d.Message)
	}
	for _, d := range f.Resolved {
		got = append(got, "resolved "+d.Message)
	}
	if strings.Join(got, "; ") != "new new; resolved fixed" {
		t.Errorf("findings %q, want new new; resolved fixed", got)
	}
}

// TestCompareRowNames: a changed amount is told by the row it is in, named by its label, or a
// share by its committee, not by its place in the list, which an inserted row would shift.
func TestCompareRowNames(t *testing.T) {
	a := value(t, `{"shares": [{"committee": "aaa", "contribution": {"2026": 1}}, {"committee": "bbb", "contribution": {"2026": 2}}],
		"economy": {"permanent": {"rows": [{"label": "Løn", "amounts": {"2027": 3}}]}}}`)
	b := value(t, `{"shares": [{"committee": "ccc", "contribution": {"2026": 0}}, {"committee": "aaa", "contribution": {"2026": 1}}, {"committee": "bbb", "contribution": {"2026": 5}}],
		"economy": {"permanent": {"rows": [{"label": "Husleje", "amounts": {"2027": 1}}, {"label": "Løn", "amounts": {"2027": 4}}]}}}`)
	var got []string
	for _, c := range compareValues(a, b).Amounts {
		got = append(got, fmt.Sprintf("%s %d %s→%s", c.Row, c.Year, str(c.Before), str(c.After)))
	}
	// In the order of the first side, then what only the second has.
	want := "economy.permanent.rows[Løn] 2027 3→4; shares[bbb] 2026 2→5; economy.permanent.rows[Husleje] 2027 <nil>→1; shares[ccc] 2026 <nil>→0"
	if strings.Join(got, "; ") != want {
		t.Errorf("got  %s\nwant %s", strings.Join(got, "; "), want)
	}
}
