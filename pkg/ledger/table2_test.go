package ledger_test

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/budget-ledger/budget/pkg/ledger"
)

// table2Ledger is synthetic: three committees, one with a Table 2 name of its own and one
// without proposals, each kind of proposal, the rows out of number order in the files, and a
// footnote for everyone, one for aaa and one for ccc.
var table2Ledger = fstest.MapFS{
	"catalog.yaml": {Data: []byte(`schema: 1
name: Test
budget: Budget 2026
budget_year: 2026
unit: 1.000 kr.
price_level: 2026 p/l
years: [2026, 2027, 2028]
committees:
  - id: aaa
    name: Alfa-udvalget
    table2_name: Alfa (Tabel 2)
  - id: bbb
    name: Beta-udvalget
  - id: ccc
    name: Gamma-udvalget
footnotes:
  - table: 2
    text: Alle beløb er syntetiske.
  - table: 2
    committee: aaa
    text: Kun Alfa.
  - table: 2
    committee: ccc
    text: Kun Gamma.
`)},
	"aaa/01-spar.yaml":     {Data: proposalYAML(1, "aaa", "efficiency", "Spar", "2026: 1\n    2027: 2\n    2028: 3", "null")},
	"aaa/03-invester.yaml": {Data: proposalYAML(3, "aaa", "investment", "Invester", "2026: 10\n    2027: 20\n    2028: 40", "500")},
	"aaa/04-mere.yaml":     {Data: proposalYAML(4, "aaa", "investment", "Mere", "2026: 100", "50")},
	"bbb/02-beta.yaml":     {Data: proposalYAML(2, "bbb", "efficiency", "Beta", "2027: 7", "8")},
	"cross-cutting/x.yaml": {Data: []byte(`schema: 1
id: genbrug
title: Genbrug
approved_with: Budget 2026
shares:
  - committee: aaa
    contribution:
      2028: 1000
    total_investment: 3
  - committee: bbb
    contribution:
      2026: 5
`)},
}

func proposalYAML(number int, committee, kind, title, contribution, investment string) []byte {
	return []byte(fmt.Sprintf(`schema: 1
number: %d
title: %s
committee: %s
administration: Forvaltningen
kind: %s
approved_with: OFS 24-25
catalog:
  title: %s
  contribution:
    %s
  total_investment: %s
`, number, title, committee, kind, title, contribution, investment))
}

// table2Text writes Table 2 a committee a line: "id name: amounts (investment) | rows".
func table2Text(t ledger.Table2) string {
	var b strings.Builder
	for _, c := range t.Committees {
		fmt.Fprintf(&b, "%s %s: %s (%s) |", c.ID, c.PrintedName, figuresText(c.Amounts), c.TotalInvestment)
		for _, r := range c.Rows {
			inv := "-"
			if r.TotalInvestment != nil {
				inv = r.TotalInvestment.String()
			}
			fmt.Fprintf(&b, " %d %s %s %s (%s);", r.Number, r.Kind, r.Title, figuresText(r.Amounts), inv)
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "= %s (%s) %v in %d", figuresText(t.Total), t.TotalInvestment, t.Years, t.PermanentYear)
	for _, f := range t.Footnotes {
		fmt.Fprintf(&b, "\nnote %q: %s", f.Committee, f.Text)
	}
	return b.String()
}

func loadTable2Ledger(t *testing.T) *ledger.Ledger { return loadClean(t, table2Ledger) }

// TestTable2 lays out Table 2 as the catalog prints it: a committee's rows investment first,
// then cross-cutting, then efficiency, each by number; the Table 2 name where a committee has
// one; the total investment summed over every row and committee; the last year as the
// permanent effect's.
func TestTable2(t *testing.T) {
	l := loadTable2Ledger(t)
	expect(t, "Table 2", table2Text(l.Table2()), `aaa Alfa (Tabel 2): 111 22 1043 (553) | 3 investment Invester 10 20 40 (500); 4 investment Mere 100 0 0 (50); 0 cross-cutting Genbrug 0 0 1000 (3); 1 efficiency Spar 1 2 3 (-);
bbb Beta-udvalget: 5 7 0 (8) | 0 cross-cutting Genbrug 5 0 0 (-); 2 efficiency Beta 0 7 0 (8);
ccc Gamma-udvalget: 0 0 0 (0) |
= 116 29 1043 (561) [2026 2027 2028] in 2028
note "": Alle beløb er syntetiske.
note "aaa": Kun Alfa.
note "ccc": Kun Gamma.`)
	expect(t, "Table 1", totalsText(l.Totals()), "aaa 111 22 1043; bbb 5 7 0; ccc 0 0 0; = 116 29 1043")
}

// TestTable2Slices: a filter keeps the committees and footnotes it selects (the general footnote
// always), and its years; --unit converts every figure, the total investments included.
func TestTable2Slices(t *testing.T) {
	l := loadTable2Ledger(t)
	tests := []struct {
		name   string
		filter ledger.Filter
		want   string
	}{
		{"one committee", ledger.Filter{Committees: []string{"bbb"}},
			"bbb Beta-udvalget: 5 7 0 (8) | 0 cross-cutting Genbrug 5 0 0 (-); 2 efficiency Beta 0 7 0 (8);\n= 5 7 0 (8) [2026 2027 2028] in 2028\nnote \"\": Alle beløb er syntetiske."},
		{"a kind drops the committees without one", ledger.Filter{Kinds: []string{"investment"}},
			"aaa Alfa (Tabel 2): 110 20 40 (550) | 3 investment Invester 10 20 40 (500); 4 investment Mere 100 0 0 (50);\n= 110 20 40 (550) [2026 2027 2028] in 2028\nnote \"\": Alle beløb er syntetiske.\nnote \"aaa\": Kun Alfa."},
		{"from and to one year", ledger.Filter{Committees: []string{"ccc", "bbb"}, From: 2027, To: 2027},
			"bbb Beta-udvalget: 7 (8) | 0 cross-cutting Genbrug 0 (-); 2 efficiency Beta 7 (8);\nccc Gamma-udvalget: 0 (0) |\n= 7 (8) [2027] in 2028\nnote \"\": Alle beløb er syntetiske.\nnote \"ccc\": Kun Gamma."},
		{"approved with, in any case", ledger.Filter{ApprovedWith: "BUDGET"},
			"aaa Alfa (Tabel 2): 0 0 1000 (3) | 0 cross-cutting Genbrug 0 0 1000 (3);\nbbb Beta-udvalget: 5 0 0 (0) | 0 cross-cutting Genbrug 5 0 0 (-);\n= 5 0 1000 (3) [2026 2027 2028] in 2028\nnote \"\": Alle beløb er syntetiske.\nnote \"aaa\": Kun Alfa."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			expect(t, "Table 2", table2Text(l.Table2().Filter(tt.filter)), tt.want)
		})
	}

	only, err := l.Table2().Only([]string{"ccc"})
	if err != nil {
		t.Fatal(err)
	}
	expect(t, "Only(ccc)", table2Text(only), "ccc Gamma-udvalget: 0 0 0 (0) |\n= 0 0 0 (0) [2026 2027 2028] in 2028\nnote \"\": Alle beløb er syntetiske.\nnote \"ccc\": Kun Gamma.")
	if _, err := l.Table2().Only([]string{"aaa", "Beta-udvalget"}); err == nil || err.Error() != `unknown committee "Beta-udvalget"` {
		t.Errorf("Only(a committee's name): %v, want unknown committee", err)
	}

	mio, err := l.Table2().Filter(ledger.Filter{Committees: []string{"aaa"}}).InUnit(ledger.Millions)
	if err != nil {
		t.Fatal(err)
	}
	expect(t, "in mio. kr.", table2Text(mio), "aaa Alfa (Tabel 2): 0.111 0.022 1.043 (0.553) | 3 investment Invester 0.01 0.02 0.04 (0.5); 4 investment Mere 0.1 0 0 (0.05); 0 cross-cutting Genbrug 0 0 1 (0.003); 1 efficiency Spar 0.001 0.002 0.003 (-);\n= 0.111 0.022 1.043 (0.553) [2026 2027 2028] in 2028\nnote \"\": Alle beløb er syntetiske.\nnote \"aaa\": Kun Alfa.")
	kr, err := l.Totals().InUnit(ledger.Kroner)
	if err != nil {
		t.Fatal(err)
	}
	expect(t, "Table 1 in kr.", totalsText(kr), "aaa 111000 22000 1043000; bbb 5000 7000 0; ccc 0 0 0; = 116000 29000 1043000")
}

// TestFindInTable2Ledger: a cross-cutting proposal's catalog row sums its shares, a year printed
// where any share prints it; a number the ledger lacks is named with the span it has.
func TestFindInTable2Ledger(t *testing.T) {
	l := loadTable2Ledger(t)
	s, err := l.FindSheet("genbrug")
	if err != nil {
		t.Fatal(err)
	}
	expect(t, "contribution", cellsText(s.Catalog.Contribution), "5 · 1000")
	_, err = l.FindSheet("9")
	expect(t, "FindSheet(9)", fmt.Sprint(err), "no proposal number 9: the ledger has 1-4")
}
