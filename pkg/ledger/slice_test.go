package ledger_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/budget-ledger/budget/pkg/proposal"
	"github.com/shopspring/decimal"
)

// totalsText writes Table 1 as "aaa 110 270; bbb 5 0; = 115 270".
func totalsText(t ledger.Totals) string {
	var s []string
	for _, c := range t.Committees {
		s = append(s, c.ID+" "+figuresText(c.Amounts))
	}
	return strings.Join(append(s, "= "+figuresText(t.Total)), "; ")
}

func TestTable2Filter(t *testing.T) {
	l := loadSheetLedger(t)
	tests := []struct {
		name   string
		filter ledger.Filter
		want   string
		years  string
	}{
		{name: "everything", want: "aaa 110 270; bbb 5 0; = 115 270", years: "[2026 2027]"},
		{name: "one kind", filter: ledger.Filter{Kinds: []string{proposal.KindInvestment}}, want: "aaa 100 250; = 100 250", years: "[2026 2027]"},
		{name: "two kinds", filter: ledger.Filter{Kinds: []string{proposal.KindCrossCutting, proposal.KindEfficiency}}, want: "aaa 10 20; bbb 5 0; = 15 20", years: "[2026 2027]"},
		{name: "approved with, any case", filter: ledger.Filter{ApprovedWith: "ofs 24"}, want: "aaa 110 270; bbb 5 0; = 115 270", years: "[2026 2027]"},
		{name: "approved with nothing matching", filter: ledger.Filter{ApprovedWith: "Budget 2026"}, want: "= 0 0", years: "[2026 2027]"},
		{name: "one committee", filter: ledger.Filter{Committees: []string{"bbb"}}, want: "bbb 5 0; = 5 0", years: "[2026 2027]"},
		{name: "from a year", filter: ledger.Filter{From: 2027}, want: "aaa 270; bbb 0; = 270", years: "[2027]"},
		{name: "to a year", filter: ledger.Filter{To: 2026}, want: "aaa 110; bbb 5; = 115", years: "[2026]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t2 := l.Table2().Filter(tt.filter)
			expect(t, "totals", totalsText(t2.Totals()), tt.want)
			expect(t, "years", fmt.Sprint(t2.Years), tt.years)
		})
	}
	inv := l.Table2().Filter(ledger.Filter{Kinds: []string{proposal.KindInvestment}})
	expect(t, "total investment", inv.TotalInvestment.String()+" "+inv.Committees[0].TotalInvestment.String(), "900 900")
}

func TestCumulativeAndUnits(t *testing.T) {
	l := loadSheetLedger(t)
	cum := l.Totals().Cumulative()
	expect(t, "cumulative", totalsText(cum), "aaa 110 380; bbb 5 5; = 115 385")
	expect(t, "cumulative from", fmt.Sprint(cum.CumulativeFrom), "2026")
	// Running sums over every year first, then the columns shown: 2027 is still 2026 + 2027.
	expect(t, "cumulative, then years", totalsText(cum.InYears(ledger.Filter{From: 2027})), "aaa 380; bbb 5; = 385")

	for _, tt := range []struct{ flag, want, unit string }{
		{"tkr", "aaa 110 270; bbb 5 0; = 115 270", "1.000 kr."},
		{"kr", "aaa 110000 270000; bbb 5000 0; = 115000 270000", "kr."},
		{"mio", "aaa 0.11 0.27; bbb 0.005 0; = 0.115 0.27", "mio. kr."},
	} {
		u, err := ledger.ParseUnit(tt.flag)
		if err != nil {
			t.Fatal(err)
		}
		got, err := l.Totals().InUnit(u)
		if err != nil {
			t.Fatal(err)
		}
		expect(t, tt.flag, totalsText(got), tt.want)
		expect(t, tt.flag+" unit", got.Unit, tt.unit)
		t2, err := l.Table2().InUnit(u)
		if err != nil {
			t.Fatal(err)
		}
		expect(t, tt.flag+" Table 2", totalsText(t2.Totals()), tt.want)
	}
	if _, err := ledger.ParseUnit("mia"); err == nil || err.Error() != `unknown unit "mia": want tkr (1.000 kr., as stored), kr or mio` {
		t.Errorf("ParseUnit(mia) error = %v", err)
	}
	if _, err := (ledger.Totals{Unit: "EUR"}).InUnit(ledger.Millions); err == nil ||
		err.Error() != `cannot convert amounts in "EUR" to mio. kr.: budget knows kr., 1.000 kr. and mio. kr.` {
		t.Errorf("InUnit from EUR error = %v", err)
	}
}

// TestConvertIsExact: a shift of the decimal point, with no division and no rounding.
func TestConvertIsExact(t *testing.T) {
	d := decimal.RequireFromString("1.0000000000000000001")
	got := ledger.Convert(d, ledger.Thousands, ledger.Millions)
	expect(t, "to mio", got.String(), "0.0010000000000000000001")
	expect(t, "and back", ledger.Convert(got, ledger.Millions, ledger.Thousands).String(), "1.0000000000000000001")
}

func TestSheetSlices(t *testing.T) {
	l := loadSheetLedger(t)
	s, err := l.FindSheet("7")
	if err != nil {
		t.Fatal(err)
	}
	m, err := s.InUnit(ledger.Millions)
	if err != nil {
		t.Fatal(err)
	}
	expect(t, "mio catalog", cellsText(m.Catalog.Contribution)+" | "+cellsText(m.Catalog.Own)+" | "+m.Catalog.Unit, "0.1 0.25 | 0.1 0.3 | mio. kr.")
	expect(t, "mio investment", m.Catalog.TotalInvestment.String()+" "+m.Catalog.ImplementationCosts.String(), "0.9 0.8")
	expect(t, "mio cumulative", figuresText(m.Economy.Cumulative)+" "+m.Economy.Unit, "0.5 0.7 0.4 mio. kr.")
	expect(t, "mio total", cellsText(m.Economy.Sections[0].Totals[0].Declared), "· -0.1 -0.21")
	expect(t, "payback stays in years", paybackText(m.Economy.Payback), "service 3≠6; total 4≠5")
	expect(t, "the original is untouched", cellsText(s.Catalog.Contribution)+" "+figuresText(s.Economy.Cumulative), "100 250 500 700 400")

	y := s.InYears(ledger.Filter{From: 2026, To: 2026})
	expect(t, "years", fmt.Sprint(y.Economy.Years, y.Catalog.Years, y.AdministrativeEffect.Years), "[2026] [2026] [2026]")
	expect(t, "sliced total", cellsText(y.Economy.Sections[0].Totals[0].Declared)+" "+differsText(y.Economy.Sections[0].Totals[0].Differs), "-100 =")
	expect(t, "sliced impact", figuresText(y.Economy.TotalImpact.Computed), "200")
	expect(t, "the original keeps its years", fmt.Sprint(s.Economy.Years), "[2025 2026 2027]")

	x, err := l.FindSheet("genbrug")
	if err != nil {
		t.Fatal(err)
	}
	xk, err := x.InYears(ledger.Filter{From: 2027}).InUnit(ledger.Kroner)
	if err != nil {
		t.Fatal(err)
	}
	expect(t, "cross-cutting in kr from 2027", cellsText(xk.Catalog.Shares[0].Contribution)+" "+cellsText(xk.Catalog.Shares[1].Contribution)+" "+cellsText(xk.Catalog.Contribution), "20000 · 20000")
}

// TestBundledSlices: the catalog's Table 1 in 2030 split by kind adds up to the printed total.
func TestBundledSlices(t *testing.T) {
	l, _ := loadBundled(t)
	sum := decimal.Zero
	for _, kind := range []string{proposal.KindInvestment, proposal.KindCrossCutting, proposal.KindEfficiency} {
		tot := l.Table2().Filter(ledger.Filter{Kinds: []string{kind}}).Totals()
		sum = sum.Add(tot.Total[len(tot.Total)-1])
	}
	expect(t, "2030 by kind", sum.String(), "101827")
	cum := l.Totals().Cumulative()
	expect(t, "cumulative total", figuresText(cum.Total), "62221 145868 239527 337245 439072")
	m, err := l.Totals().InUnit(ledger.Millions)
	if err != nil {
		t.Fatal(err)
	}
	expect(t, "in mio", figuresText(m.Total), "62.221 83.647 93.659 97.718 101.827")
}
