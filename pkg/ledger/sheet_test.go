package ledger_test

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/budget-ledger/budget/pkg/check"
	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/budget-ledger/budget/pkg/proposal"
)

// cellsText writes cells as "1245 1061 ·", an empty cell as "·", so a whole row compares at once.
func cellsText(cs ledger.Cells) string {
	if cs == nil {
		return "nil"
	}
	s := make([]string, len(cs))
	for i, c := range cs {
		s[i] = "·"
		if c.Printed {
			s[i] = c.Value.String()
		}
	}
	return strings.Join(s, " ")
}

func figuresText(f ledger.Figures) string {
	s := make([]string, len(f))
	for i, d := range f {
		s[i] = d.String()
	}
	return strings.Join(s, " ")
}

func differsText(d []bool) string {
	s := make([]string, len(d))
	for i, b := range d {
		s[i] = "="
		if b {
			s[i] = "≠"
		}
	}
	return strings.Join(s, " ")
}

func paybackText(ps []ledger.PaybackLine) string {
	var s []string
	for _, p := range ps {
		printed := "-"
		if p.Printed != nil {
			printed = p.Printed.String()
		}
		mark := "="
		if p.Differs {
			mark = "≠"
		}
		s = append(s, fmt.Sprintf("%s %s%s%d", p.Basis, printed, mark, p.Computed))
	}
	return strings.Join(s, "; ")
}

func expect(t *testing.T, what, got, want string) {
	t.Helper()
	if got != want {
		t.Errorf("%s:\n got %s\nwant %s", what, got, want)
	}
}

// sheetLedger is a proposal whose table gets several things wrong in the document's ways: a
// subtotal that is not its rows' sum, an empty total-impact cell, a payback that does not follow,
// a catalog row that differs from Tabel 1, and a total investment that is not the costs.
var sheetLedger = fstest.MapFS{
	"catalog.yaml": {Data: []byte(`schema: 1
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
`)},
	"aaa/07-test.yaml": {Data: []byte(`schema: 1
number: 7
title: Test
committee: aaa
administration: Alfa-forvaltningen
kind: investment
approved_with: OFS 24-25
catalog:
  title: Test (katalog)
  contribution:
    2026: 100
    2027: 250
  total_investment: 900
economy:
  unit: 1.000 kr.
  price_level: 2026 p/l
  years: [2025, 2026, 2027]
  permanent:
    title: Varige ændringer
    rows:
      - label: Service-besparelse
        area: Service
        amounts:
          2026: -100
          2027: -200
      - label: Overførsler
        area: Efterspørgselsstyrede overførsler
        amounts:
          2027: -100
    totals:
      - label: Samlet varig ændring, service
        sums: Service
        amounts:
          2026: -100
          2027: -210
      - label: Samlet varig ændring
        sums: all
        amounts:
          2026: -100
          2027: -300
  implementation:
    rows:
      - label: Projekt
        area: Anlæg
        amounts:
          2025: 500
          2026: 300
  total_impact:
    label: Samlet økonomisk påvirkning
    amounts:
      2025: 500
      2026: 200
  payback:
    service: 3
    total: 4
follow_up:
  - goal: Mål
    when: Primo 2027
risk: Lav.
administrative_effect:
  statement: Ingen effekt
  years: [2026, 2027]
  rows:
    - label: Løn
      amounts:
        2026: 0
  total:
    label: I alt
    amounts:
      2026: 1
`)},
	"cross-cutting/x.yaml": {Data: []byte(`schema: 1
id: genbrug
title: Øget genbrug af inventar
approved_with: OFS 24-25
investment_in: Bilag 8
shares:
  - committee: bbb
    contribution:
      2026: 5
  - committee: aaa
    contribution:
      2026: 10
      2027: 20
`)},
}

func loadSheetLedger(t *testing.T) *ledger.Ledger { return loadClean(t, sheetLedger) }

// loadClean loads a synthetic ledger that must load without an error.
func loadClean(t *testing.T, fsys fstest.MapFS) *ledger.Ledger {
	t.Helper()
	l, ds, err := ledger.Load(fsys, "proposals")
	if err != nil || ds.HasErrors() {
		t.Fatalf("load: %v %v", err, ds)
	}
	return l
}

func TestSheet(t *testing.T) {
	l := loadSheetLedger(t)
	s, err := l.FindSheet("7")
	if err != nil {
		t.Fatal(err)
	}
	expect(t, "identity", fmt.Sprintf("%d %q %s %s %q %s", s.Number, s.Title, s.Kind, s.Committee, s.CommitteeName, s.File),
		`7 "Test" investment aaa "Alfa-udvalget" proposals/aaa/07-test.yaml`)
	e := s.Economy
	if e == nil || len(e.Sections) != 2 {
		t.Fatalf("economy = %+v, want permanent and implementation sections", e)
	}
	perm, impl := e.Sections[0], e.Sections[1]
	expect(t, "section keys", perm.Key+" "+impl.Key, "permanent implementation")
	expect(t, "permanent row 2", cellsText(perm.Rows[1].Cells), "· · -100")
	expect(t, "permanent sum", figuresText(perm.Sum), "0 -100 -300")
	expect(t, "service total declared", cellsText(perm.Totals[0].Declared), "· -100 -210")
	expect(t, "service total computed", figuresText(perm.Totals[0].Computed), "0 -100 -200")
	expect(t, "service total differs", differsText(perm.Totals[0].Differs), "= = ≠")
	expect(t, "all total differs", differsText(perm.Totals[1].Differs), "= = =")
	if !perm.Totals[0].Differ() || perm.Totals[1].Differ() {
		t.Errorf("Differ() = %v, %v; want true, false", perm.Totals[0].Differ(), perm.Totals[1].Differ())
	}
	expect(t, "implementation has no declared totals", fmt.Sprint(len(impl.Totals)), "0")
	expect(t, "implementation sum", figuresText(impl.Sum), "500 300 0")

	expect(t, "total impact declared", cellsText(e.TotalImpact.Declared), "500 200 ·")
	expect(t, "total impact computed", figuresText(e.TotalImpact.Computed), "500 200 -300")
	expect(t, "total impact differs", differsText(e.TotalImpact.Differs), "= = ≠")
	expect(t, "cumulative", figuresText(e.Cumulative), "500 700 400")
	// Past the last column the last year's change goes on: on total economy -300 a year (100 in
	// the fourth year, -200 in the fifth); on service efficiency only the Service row's -200
	// (500, 700, 500, 300, 100, -100: the sixth).
	expect(t, "payback", paybackText(e.Payback), "service 3≠6; total 4≠5")

	c := s.Catalog
	expect(t, "catalog", fmt.Sprintf("%q %v", c.Title, c.Years), `"Test (katalog)" [2026 2027]`)
	expect(t, "catalog contribution", cellsText(c.Contribution), "100 250")
	expect(t, "catalog own", cellsText(c.Own), "100 300")
	expect(t, "catalog differs", differsText(c.Differs), "= ≠")
	expect(t, "investment", fmt.Sprintf("%s %s %v", c.TotalInvestment, c.ImplementationCosts, c.InvestmentDiffers), "900 800 true")

	a := s.AdministrativeEffect
	if a == nil {
		t.Fatal("no administrative effect")
	}
	expect(t, "administrative", fmt.Sprintf("%s %q %s %s %s", a.Key, s.AdministrativeNote, cellsText(a.Rows[0].Cells),
		cellsText(a.Totals[0].Declared), differsText(a.Totals[0].Differs)), `administrative "Ingen effekt" 0 · 1 · ≠ =`)
	expect(t, "follow-up and risk", fmt.Sprintf("%d %s %s", len(s.FollowUp), s.FollowUp[0].When, s.Risk), "1 Primo 2027 Lav.")
}

func TestCrossCuttingSheet(t *testing.T) {
	l := loadSheetLedger(t)
	for _, ref := range []string{"genbrug", "GENBRUG", "Øget genbrug af inventar", "øget genbrug"} {
		t.Run(ref, func(t *testing.T) {
			s, err := l.FindSheet(ref)
			if err != nil {
				t.Fatal(err)
			}
			expect(t, "identity", fmt.Sprintf("%d %s %s %v", s.Number, s.ID, s.Kind, s.Economy == nil), "0 genbrug cross-cutting true")
			c := s.Catalog
			var shares []string
			for _, sh := range c.Shares {
				shares = append(shares, sh.Committee+" "+sh.CommitteeName+" "+cellsText(sh.Contribution))
			}
			// Shares come in catalog order, whatever the file's order.
			expect(t, "shares", strings.Join(shares, "; "), "aaa Alfa-udvalget 10 20; bbb Beta-udvalget 5 ·")
			expect(t, "contribution", cellsText(c.Contribution), "15 20")
			expect(t, "investment", fmt.Sprintf("%v %s", c.TotalInvestment, c.InvestmentIn), "<nil> Bilag 8")
		})
	}
}

func TestFindSheetErrors(t *testing.T) {
	l := loadSheetLedger(t)
	tests := []struct{ ref, want string }{
		{"8", "no proposal number 8: the ledger has 7"},
		{"affald", `"affald" names no proposal: give a number (7), a cross-cutting id (genbrug), or a title or file name or the beginning of one`},
		{"", `"" names no proposal: give a number (7), a cross-cutting id (genbrug), or a title or file name or the beginning of one`},
	}
	for _, tt := range tests {
		t.Run(tt.ref, func(t *testing.T) {
			_, err := l.FindSheet(tt.ref)
			if err == nil || err.Error() != tt.want {
				t.Errorf("FindSheet(%q) error = %v, want %s", tt.ref, err, tt.want)
			}
		})
	}
}

// TestFindSheetByName: a numbered proposal is found by its title or file name as a
// cross-cutting one is, by a unique beginning of either, in any case and spacing; a beginning
// that fits several lists them, and a whole name wins over others' beginnings.
func TestFindSheetByName(t *testing.T) {
	l, _ := loadBundled(t)
	tests := []struct{ ref, want string }{
		{"Digitalt samtykke i beskæftigelsesindsatsen", "1"},
		{"digitalt   SAMTYKKE", "1"},
		{"  digitalt", "1"},
		{"vikardaekning-skoler", "6"},
		{"vikardaekning skoler", "6"},
		{"Investering i bedre vikardækning på", "6"},
		{"personalereduktion", "36"},
		{"energibesparelser", "energibesparelser"},
		{"Indregning af energi", "energibesparelser"},
		{"affaldsh", "affaldshaandtering"},
		{"vikardaekning", `"vikardaekning" names 2 proposals: 5 "Investering i bedre vikardækning i dagtilbud", 6 "Investering i bedre vikardækning på skoler"; give more of the title, or the number`},
		{"optimering af", `"optimering af" names 2 proposals: 7 "Optimering af ejendomsdrift på dagtilbud- og klubområdet", affaldshaandtering "Optimering af affaldshåndtering i KK"; give more of the title, or the number`},
		{"samling", `"samling" names 2 proposals: 9 "Samling af det tekniske systemejerskab", 31 "Samling af koncernenhederne på Fuglebakken"; give more of the title, or the number`},
		{"zzz", `"zzz" names no proposal: give a number (1-36), a cross-cutting id (energibesparelser, affaldshaandtering), or a title or file name or the beginning of one`},
	}
	for _, tt := range tests {
		t.Run(tt.ref, func(t *testing.T) {
			s, err := l.FindSheet(tt.ref)
			got := fmt.Sprint(err)
			if err == nil {
				got = s.ID
				if s.Number != 0 {
					got = fmt.Sprint(s.Number)
				}
			}
			if got != tt.want {
				t.Errorf("FindSheet(%q) = %s, want %s", tt.ref, got, tt.want)
			}
		})
	}
	// A title that is all of one proposal's and the beginning of another's is the first.
	two := &ledger.Ledger{Proposals: []*proposal.Proposal{{Number: 1, Title: "Løn"}, {Number: 2, Title: "Løn og kompetenceudvikling"}}}
	if s, err := two.FindSheet("løn"); err != nil || s.Number != 1 {
		t.Errorf("FindSheet(løn) = %d, %v; want 1", s.Number, err)
	}
}

// TestBundledSheets checks sheets of the real catalog against what its pages print.
func TestBundledSheets(t *testing.T) {
	l, _ := loadBundled(t)
	one, err := l.FindSheet("1")
	if err != nil {
		t.Fatal(err)
	}
	e := one.Economy
	expect(t, "1 years", fmt.Sprint(e.Years), "[2025 2026 2027 2028 2029 2030]")
	expect(t, "1 total impact", cellsText(e.TotalImpact.Declared), "1245 1061 -1183 -1183 -1183 -1183")
	expect(t, "1 total impact computed", differsText(e.TotalImpact.Differs), "= = = = = =")
	expect(t, "1 cumulative", figuresText(e.Cumulative), "1245 2306 1123 -60 -1243 -2426")
	// The document prints 3 years; the acknowledged payback-mismatch of proposal 1.
	expect(t, "1 payback", paybackText(e.Payback), "service 3≠4; total 3≠4")
	expect(t, "1 catalog", cellsText(one.Catalog.Own)+" "+differsText(one.Catalog.Differs), "639 1183 1183 1183 1183 = = = = =")
	expect(t, "1 investment", fmt.Sprintf("%s %s %v", one.Catalog.TotalInvestment, one.Catalog.ImplementationCosts, one.Catalog.InvestmentDiffers), "2945 2945 false")

	// Proposal 32 prints a further table whose 2025 total leaves out one row (6.121, rows 6.413).
	p32, err := l.FindSheet("32")
	if err != nil {
		t.Fatal(err)
	}
	other := p32.Economy.Sections[2]
	expect(t, "32 other table", other.Key+" "+other.Table, "other Tabel 2. Omkostninger finansieret af KEJD")
	expect(t, "32 other total", figuresText(other.Totals[0].Computed)+" | "+differsText(other.Totals[0].Differs),
		"6413 1297 0 0 0 0 | ≠ = = = = =")

	// Every sheet of the bundled ledger builds, and its marks agree with the acknowledged findings:
	// a proposal shows a payback difference exactly where validate found a payback-mismatch.
	for _, p := range l.Proposals {
		s := l.Sheet(p)
		if s.Economy == nil {
			continue
		}
		found := false
		for _, a := range p.Acknowledged {
			found = found || a.Check == "payback-mismatch"
		}
		differs := s.Economy.Payback[0].Differs || s.Economy.Payback[1].Differs
		if differs != found {
			t.Errorf("proposal %d: payback differs = %v, acknowledged payback-mismatch = %v", p.Number, differs, found)
		}
	}
	for _, ref := range []string{"energibesparelser", "affaldshaandtering"} {
		if _, err := l.FindSheet(ref); err != nil {
			t.Error(err)
		}
	}
}

// TestBundledSheetsAgreeWithValidate: the differences budget show marks are the findings budget
// validate reports, one mark a finding, and a catalog cell marked flipped is a sign finding of
// its proposal in that year, not a catalog-mismatch. check reads the Sheet, so this holds it to
// reporting every difference once and dropping none on the real catalog.
func TestBundledSheetsAgreeWithValidate(t *testing.T) {
	l, loaded := loadBundled(t)
	findings := map[string]int{}
	at := map[string]string{} // file and path of each finding: its code
	for _, d := range check.Run(l, loaded) {
		findings[d.Code]++
		at[d.Pos.File+" "+d.Path] = d.Code
	}
	marks := map[string]int{}
	count := func(code string, d []bool) {
		for _, b := range d {
			if b {
				marks[code]++
			}
		}
	}
	var flipped []string
	for _, p := range l.Proposals {
		s := l.Sheet(p)
		if e := s.Economy; e != nil {
			for _, sec := range e.Sections {
				for _, tot := range sec.Totals {
					count(check.CodeSumMismatch, tot.Differs)
				}
			}
			if e.TotalImpact.Declared != nil {
				count(check.CodeSumMismatch, e.TotalImpact.Differs)
			}
			for _, pb := range e.Payback {
				count(check.CodePayback, []bool{pb.Differs})
			}
			for i, f := range s.Catalog.Flipped {
				if !f {
					continue
				}
				y := s.Catalog.Years[i]
				sign := s.File + " " + e.PermanentPath + "." + fmt.Sprint(y)
				flipped = append(flipped, fmt.Sprintf("%d %d %s", p.Number, y, at[sign]))
				if code, ok := at[s.File+" "+s.Catalog.CellPath(i)]; ok {
					t.Errorf("proposal %d %d: flipped, and validate reports %s at the catalog cell", p.Number, y, code)
				}
			}
		}
		if a := s.AdministrativeEffect; a != nil {
			for _, tot := range a.Totals {
				count(check.CodeSumMismatch, tot.Differs)
			}
		}
		count(check.CodeCatalogMismatch, s.Catalog.Differs)
		count(check.CodeInvestment, []bool{s.Catalog.InvestmentDiffers})
	}
	as := l.Table2().Compare(l.Catalog.Assertions)
	for _, tab := range []*ledger.AssertedTable{as.Table1, as.Table2} {
		for _, r := range append(tab.Rows, tab.Total) {
			count(check.CodeTableMismatch, r.Amounts.Differs)
			if r.Investment != nil {
				count(check.CodeTableMismatch, []bool{r.Investment.Differs})
			}
		}
	}
	for _, code := range []string{check.CodeSumMismatch, check.CodePayback, check.CodeCatalogMismatch, check.CodeInvestment, check.CodeTableMismatch} {
		if marks[code] != findings[code] {
			t.Errorf("%s: show marks %d, validate finds %d", code, marks[code], findings[code])
		}
	}
	expect(t, "marks", fmt.Sprint(marks), "map[catalog-mismatch:18 investment-mismatch:2 payback-mismatch:15 sum-mismatch:30]")
	// Proposal 10 prints its savings positive in Tabel 1, and the catalog the same 7.410 in 2026.
	expect(t, "flipped", strings.Join(flipped, "; "), "10 2026 sign")
}

// pathLedger is synthetic: three small proposals and a catalog with printed tables, each
// getting one or two figures wrong, so that every figure the Sheet compares has a difference
// (or a sign-flipped catalog cell) to mark at a known document path.
var pathLedger = fstest.MapFS{
	"catalog.yaml": {Data: []byte(`schema: 1
name: Syntetisk
budget: Budget 2026
budget_year: 2026
unit: 1.000 kr.
price_level: 2026 p/l
years: [2026, 2027, 2028]
committees:
  - id: aaa
    name: Alfa-udvalget
  - id: bbb
    name: Beta-udvalget
assertions:
  table1:
    rows:
      - committee: aaa
        amounts:
          2026: 50
          2027: 271
      - committee: zzz
        amounts:
          2026: 1
    total:
      2026: 55
      2027: 270
      2028: 70
  table2:
    rows:
      - committee: bbb
        amounts:
          2026: 5
          2027: 0
          2028: 0
        total_investment: 1
    total:
      amounts:
        2026: 55
        2027: 270
        2028: 70
      total_investment: 250
`)},
	// 1 prints its savings positive, and the catalog the same 50 in 2026.
	"aaa/01-positiv.yaml": {Data: []byte(`schema: 1
number: 1
title: Positiv
committee: aaa
administration: Alfa-forvaltningen
kind: efficiency
approved_with: OFS 24-25
catalog:
  title: Positiv
  contribution:
    2026: 50
    2027: 70
    2028: 70
  total_investment: null
economy:
  unit: 1.000 kr.
  price_level: 2026 p/l
  years: [2026, 2027]
  permanent:
    rows:
      - label: Besparelse
        area: Service
        amounts:
          2026: 50
          2027: 60
    totals:
      - label: Service i alt
        sums: Service
        amounts:
          2026: 50
          2027: 61
      - label: Samlet varig ændring
        sums: all
        amounts:
          2026: 50
          2027: 60
follow_up:
  - goal: Mål
    when: Primo 2027
risk: Lav.
`)},
	// 2 has no total over all permanent rows, a further table, a total impact with an empty
	// cell, a payback, a total investment and a Tabel 3 that do not follow, and a blank
	// catalog cell.
	"aaa/02-investering.yaml": {Data: []byte(`schema: 1
number: 2
title: Investering
committee: aaa
administration: Alfa-forvaltningen
kind: investment
approved_with: OFS 24-25
catalog:
  title: Investering
  contribution:
    2027: 200
  total_investment: 250
economy:
  unit: 1.000 kr.
  price_level: 2026 p/l
  years: [2025, 2026, 2027]
  permanent:
    rows:
      - label: Gevinst
        area: Service
        amounts:
          2026: -100
          2027: -200
  implementation:
    rows:
      - label: Projekt
        area: Anlæg
        amounts:
          2025: 300
  other_tables:
    - title: Tabel 2. Finansiering
      unit: 1.000 kr.
      price_level: 2026 p/l
      years: [2025, 2026, 2027]
      sections:
        - title: A
          rows:
            - label: x
              amounts:
                2025: 1
        - title: B
          rows:
            - label: y
              amounts:
                2025: 2
                2026: 3
          totals:
            - label: B i alt
              sums: all
              amounts:
                2025: 2
                2026: 4
  total_impact:
    label: Samlet økonomisk påvirkning
    amounts:
      2025: 300
      2027: -200
  payback:
    service: 3
    total: 2
follow_up:
  - goal: Mål
    when: Primo 2027
risk: Lav.
administrative_effect:
  statement: Lille effekt
  years: [2026]
  rows:
    - label: Løn
      amounts:
        2026: 1
  total:
    label: I alt
    amounts:
      2026: 2
`)},
	// 3 has implementation costs only, and the catalog counts a saving.
	"bbb/03-uden-varige.yaml": {Data: []byte(`schema: 1
number: 3
title: Uden varige
committee: bbb
administration: Beta-forvaltningen
kind: efficiency
approved_with: OFS 24-25
catalog:
  title: Uden varige
  contribution:
    2026: 5
  total_investment: null
economy:
  unit: 1.000 kr.
  price_level: 2026 p/l
  years: [2026, 2027]
  implementation:
    rows:
      - label: Projekt
        area: Anlæg
        amounts:
          2026: 10
follow_up:
  - goal: Mål
    when: Primo 2027
risk: Lav.
`)},
}

// lineText is a compared row as "path: declared | computed | differs", with the path of each
// year's cell after it.
func lineText(c ledger.ComparedLine) string {
	paths := make([]string, len(c.Years))
	for i := range c.Years {
		paths[i] = c.CellPath(i)
	}
	return fmt.Sprintf("%s: %s | %s | %s | %s", c.Path, cellsText(c.Declared), figuresText(c.Computed), differsText(c.Differs), strings.Join(paths, " "))
}

func figureText(f *ledger.ComparedFigure) string {
	if f == nil {
		return "nil"
	}
	declared := "·"
	if f.Declared != nil {
		declared = f.Declared.String()
	}
	return fmt.Sprintf("%s: %s %s %v", f.Path, declared, f.Computed, f.Differs)
}

// TestSheetComparedFigures: every figure the Sheet and the catalog's Compare hold against the
// document carries its document path, and differs or is flipped where it should.
func TestSheetComparedFigures(t *testing.T) {
	l, ds, err := ledger.Load(pathLedger, "proposals")
	if err != nil || ds.HasErrors() {
		t.Fatalf("load: %v %v", err, ds)
	}
	sheet := func(n int) ledger.Sheet {
		s, err := l.FindSheet(fmt.Sprint(n))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	one, two, three := sheet(1), sheet(2), sheet(3)
	e1, e2, e3 := one.Economy, two.Economy, three.Economy
	as := l.Table2().Compare(l.Catalog.Assertions)
	catalog := func(c ledger.CatalogSheet) string {
		paths := make([]string, len(c.Years))
		for i := range c.Years {
			paths[i] = c.CellPath(i)
		}
		return fmt.Sprintf("%s: %s | %s | %s | flipped %s | %s", c.Path, cellsText(c.Contribution), cellsText(c.Own),
			differsText(c.Differs), differsText(c.Flipped), strings.Join(paths, " "))
	}
	investment := func(c ledger.CatalogSheet) string {
		return fmt.Sprintf("%s: %v %v %v", c.InvestmentPath, c.TotalInvestment, c.ImplementationCosts, c.InvestmentDiffers)
	}
	payback := func(e *ledger.EconomySheet) string {
		var s []string
		for _, p := range e.Payback {
			s = append(s, fmt.Sprintf("%s %v", p.Path, p.Differs))
		}
		return strings.Join(s, "; ")
	}
	row := func(r ledger.AssertedRow) string {
		return fmt.Sprintf("%s %s %q %v | %s | %s", r.Path, r.Committee, r.Name, r.Known, lineText(r.Amounts), figureText(r.Investment))
	}
	tests := []struct{ name, got, want string }{
		{"1 sections", e1.Sections[0].Path, "economy.permanent"},
		{"1 service total", lineText(e1.Sections[0].Totals[0]),
			"economy.permanent.totals.0.amounts: 50 61 | 50 60 | = ≠ | economy.permanent.totals.0.amounts.2026 economy.permanent.totals.0.amounts.2027"},
		{"1 permanent change", e1.PermanentPath + ": " + figuresText(e1.PermanentChange), "economy.permanent.totals.1.amounts: 50 60"},
		{"1 total impact not printed", lineText(e1.TotalImpact),
			"economy.total_impact.amounts: nil | 50 60 | = = | economy.total_impact.amounts economy.total_impact.amounts"},
		{"1 payback not printed", payback(e1), "economy.payback.service false; economy.payback.total false"},
		// 2026: the catalog's 50 is the proposal's own 50, sign unturned: flipped, not differing.
		{"1 catalog", catalog(one.Catalog),
			"catalog.contribution: 50 70 70 | -50 -60 · | = ≠ = | flipped ≠ = = | catalog.contribution.2026 catalog.contribution.2027 catalog.contribution.2028"},
		{"1 investment", investment(one.Catalog), "catalog.total_investment: <nil> 0 false"},

		{"2 sections", e2.Sections[0].Path + " " + e2.Sections[1].Path + " " + e2.Sections[2].Path + " " + e2.Sections[3].Path,
			"economy.permanent economy.implementation economy.other_tables.0.sections.0 economy.other_tables.0.sections.1"},
		{"2 further table's total", lineText(e2.Sections[3].Totals[0]),
			"economy.other_tables.0.sections.1.totals.0.amounts: 2 4 · | 2 3 0 | = ≠ = | economy.other_tables.0.sections.1.totals.0.amounts.2025 economy.other_tables.0.sections.1.totals.0.amounts.2026 economy.other_tables.0.sections.1.totals.0.amounts"},
		{"2 permanent change of the rows", e2.PermanentPath + ": " + figuresText(e2.PermanentChange), "economy.permanent.rows: 0 -100 -200"},
		// The empty 2026 cell counts as zero; its path is the row's.
		{"2 total impact", lineText(e2.TotalImpact),
			"economy.total_impact.amounts: 300 · -200 | 300 -100 -200 | = ≠ = | economy.total_impact.amounts.2025 economy.total_impact.amounts economy.total_impact.amounts.2027"},
		{"2 payback", payback(e2), "economy.payback.service false; economy.payback.total true"},
		// 2026: a blank catalog cell against Tabel 1's 100 differs, as validate reports it; a blank cell's path is the row's.
		{"2 catalog", catalog(two.Catalog),
			"catalog.contribution: · 200 · | 100 200 · | ≠ = = | flipped = = = | catalog.contribution catalog.contribution.2027 catalog.contribution"},
		{"2 investment", investment(two.Catalog), "catalog.total_investment: 250 300 true"},
		{"2 Tabel 3", two.AdministrativeEffect.Path + " " + lineText(two.AdministrativeEffect.Totals[0]),
			"administrative_effect administrative_effect.total.amounts: 2 | 1 | ≠ | administrative_effect.total.amounts.2026"},

		{"3 no permanent section", fmt.Sprintf("%q %s", e3.PermanentPath, figuresText(e3.PermanentChange)), `"" 0 0`},
		// No permanent change to turn: 5 against 0 differs, and is not flipped.
		{"3 catalog", catalog(three.Catalog),
			"catalog.contribution: 5 · · | 0 0 · | ≠ = = | flipped = = = | catalog.contribution.2026 catalog.contribution catalog.contribution"},
		{"3 investment", investment(three.Catalog), "catalog.total_investment: <nil> 10 true"},

		// The catalog's printed tables: an empty printed cell differs, whatever is computed.
		{"Table 1 aaa", row(as.Table1.Rows[0]),
			`assertions.table1.rows.0 aaa "Alfa-udvalget" true | assertions.table1.rows.0.amounts: 50 271 · | 50 270 70 | = ≠ ≠ | assertions.table1.rows.0.amounts.2026 assertions.table1.rows.0.amounts.2027 assertions.table1.rows.0.amounts | nil`},
		{"Table 1 unknown committee", row(as.Table1.Rows[1]), `assertions.table1.rows.1 zzz "" false | : nil |  |  |  | nil`},
		{"Table 1 total", row(as.Table1.Total),
			`assertions.table1.total  "" true | assertions.table1.total: 55 270 70 | 55 270 70 | = = = | assertions.table1.total.2026 assertions.table1.total.2027 assertions.table1.total.2028 | nil`},
		{"Table 2 bbb", row(as.Table2.Rows[0]),
			`assertions.table2.rows.0 bbb "Beta-udvalget" true | assertions.table2.rows.0.amounts: 5 0 0 | 5 0 0 | = = = | assertions.table2.rows.0.amounts.2026 assertions.table2.rows.0.amounts.2027 assertions.table2.rows.0.amounts.2028 | assertions.table2.rows.0.total_investment: 1 0 true`},
		{"Table 2 total", row(as.Table2.Total),
			`assertions.table2.total  "" true | assertions.table2.total.amounts: 55 270 70 | 55 270 70 | = = = | assertions.table2.total.amounts.2026 assertions.table2.total.amounts.2027 assertions.table2.total.amounts.2028 | assertions.table2.total.total_investment: 250 250 false`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { expect(t, tt.name, tt.got, tt.want) })
	}

	// Slicing the years keeps each compared figure's years, and so its cells' paths, with it.
	sliced := two.InYears(ledger.Filter{From: 2027, To: 2027})
	expect(t, "2 sliced total impact", lineText(sliced.Economy.TotalImpact),
		"economy.total_impact.amounts: -200 | -200 | = | economy.total_impact.amounts.2027")
	expect(t, "2 sliced catalog", differsText(sliced.Catalog.Differs)+" "+differsText(sliced.Catalog.Flipped)+" "+sliced.Catalog.CellPath(0), "= = catalog.contribution.2027")
	expect(t, "2 sliced permanent change", figuresText(sliced.Economy.PermanentChange), "-200")
}
