package render

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/shopspring/decimal"
)

// fixtureLedger loads the small ledger the end-to-end scenarios use.
func fixtureLedger(t *testing.T) *ledger.Ledger {
	t.Helper()
	l, ds, err := ledger.Load(synthetic(t, nil), "proposals")
	if err != nil || ds.HasErrors() {
		t.Fatalf("fixture ledger: %v %v", err, ds)
	}
	return l
}

// TestHTMLGolden renders the fixture ledger's report in both languages; BUDGET_UPDATE=1 rewrites
// the golden files, to be reviewed in the diff (and in a browser).
func TestHTMLGolden(t *testing.T) {
	l := fixtureLedger(t)
	for _, lang := range []Lang{Danish, English} {
		var b bytes.Buffer
		if err := HTML(&b, ledger.NewReport(l, ledger.ReportOptions{Sheets: true}), lang); err != nil {
			t.Fatal(err)
		}
		golden(t, "report-"+string(lang)+".html", b.Bytes())
	}
}

var (
	attrURL = regexp.MustCompile(`\s(?:href|src|action|srcset|poster|data)="([^"]*)"`)
	attrID  = regexp.MustCompile(`\sid="([^"]*)"`)
)

// TestHTMLSelfContained: the page must open from a USB stick, so it may refer to nothing but
// its own anchors, and each anchor it links to must exist once.
func TestHTMLSelfContained(t *testing.T) {
	var b bytes.Buffer
	if err := HTML(&b, ledger.NewReport(fixtureLedger(t), ledger.ReportOptions{Sheets: true}), Danish); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, tag := range []string{"<script", "<link", "<iframe", "<img", "@import", "url("} {
		if strings.Contains(page, tag) {
			t.Errorf("the page contains %s", tag)
		}
	}
	ids := map[string]int{}
	for _, m := range attrID.FindAllStringSubmatch(page, -1) {
		ids[m[1]]++
	}
	for id, n := range ids {
		if n > 1 {
			t.Errorf("id %q is used %d times", id, n)
		}
	}
	links := attrURL.FindAllStringSubmatch(page, -1)
	if len(links) == 0 {
		t.Fatal("the page has no links at all: the table of contents is missing")
	}
	for _, m := range links {
		target, ok := strings.CutPrefix(m[1], "#")
		if !ok {
			t.Errorf("the page refers to %q, outside itself", m[1])
		} else if ids[target] != 1 {
			t.Errorf("link %q has no target", m[1])
		}
	}
	if n := strings.Count(page, "<svg"); n != 2 {
		t.Errorf("%d charts, want 2: Table 1's and investment proposal 1's", n)
	}
}

func TestHTMLCommitteeChartLegend(t *testing.T) {
	totals := ledger.Totals{Unit: "1.000 kr.", PriceLevel: "2026 p/l", Years: []int{2026, 2027},
		Committees: []ledger.CommitteeTotal{
			{ID: "aaa", Name: "Alfa", Amounts: figs("10", "20")},
			{ID: "sou", Name: "Nul", Amounts: figs("0", "0")},
			{ID: "bbb", Name: "Beta", Amounts: figs("5", "-1.5")},
		}}
	svg, legend, err := committeeChart(totals, English)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(svg, "<svg") {
		t.Errorf("chart does not start with <svg: %.40q", svg)
	}
	// Top of the stack first; the committee of zeros has no block, and each committee keeps the
	// colour of its place in the catalog.
	want := []legendEntry{{"Beta", "#009e73"}, {"Alfa", "#0072b2"}}
	if len(legend) != len(want) || legend[0] != want[0] || legend[1] != want[1] {
		t.Errorf("legend = %v, want %v", legend, want)
	}
}

func cells(vs ...string) ledger.Cells {
	cs := make(ledger.Cells, len(vs))
	for i, v := range vs {
		if v != "" {
			cs[i] = ledger.Cell{Value: decimal.RequireFromString(v), Printed: true}
		}
	}
	return cs
}

// TestEconomyTableMarksDifferences: a declared total that is not budget's sum is shown as
// printed, marked, with budget's figure in its title; an empty cell stays empty.
func TestEconomyTableMarksDifferences(t *testing.T) {
	e := &ledger.EconomySheet{Unit: "1.000 kr.", PriceLevel: "2026 p/l", Years: []int{2025, 2026},
		Sections: []ledger.SheetSection{{Key: ledger.SectionPermanent, Years: []int{2025, 2026},
			Rows: []ledger.SheetRow{{Label: "Løn", Area: "Service", Cells: cells("", "-1748")}},
			Totals: []ledger.ComparedLine{{Label: "Samlet varig ændring", Declared: cells("", "-1359"),
				Computed: figs("0", "-1748"), Differs: []bool{false, true}}},
		}},
		Cumulative: figs("0", "-1748"),
	}
	tab := economyGrid(e, true, Danish).html("", "economy", Danish)
	if !tab.Differs {
		t.Error("the table is not marked as differing")
	}
	var b bytes.Buffer
	if err := reportTemplate().ExecuteTemplate(&b, "table", tab); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<tr class="section"><td colspan="4">Varige ændringer</td></tr>`,
		`<tr><td>Løn</td><td>Service</td><td class="num"></td><td class="num">-1.748</td></tr>`,
		`<tr class="total"><td>Samlet varig ændring</td><td></td><td class="num"></td><td class="num differs" title="budget: -1.748" data-budget="-1.748">-1.359</td></tr>`,
		`<tr><td>Akkumuleret nettoeffekt</td><td></td><td class="num">0</td><td class="num">-1.748</td></tr>`,
	} {
		if !strings.Contains(b.String(), want+"\n") {
			t.Errorf("table lacks the row\n%s\nin\n%s", want, b.String())
		}
	}
}

func TestNetEffectCaption(t *testing.T) {
	years := []int{2025, 2026, 2027}
	tests := []struct {
		computed int
		lang     Lang
		want     string
	}{
		{2, Danish, "Kurven når nul i 2026: investeringen er tilbagebetalt."},
		{5, Danish, "Kurven når ikke nul inden 2027; fortsat stiplet med det sidste års varige ændring når den nul i 2029: investeringen er tilbagebetalt efter 5 år regnet fra 2025."},
		{0, English, "The curve does not reach zero within the table's years (2025-2027), and the investment never pays back."},
		{1, English, "The curve reaches zero in 2025: the investment has paid back."},
	}
	for _, tt := range tests {
		e := &ledger.EconomySheet{Years: years, Payback: []ledger.PaybackLine{
			{Basis: ledger.PaybackService, Computed: 9},
			{Basis: ledger.PaybackTotal, Computed: tt.computed},
		}}
		if got := netEffectCaption(e, tt.lang); !strings.HasSuffix(got, tt.want) {
			t.Errorf("payback %d: caption %q, want it to end %q", tt.computed, got, tt.want)
		}
	}
}

func TestNumberTicks(t *testing.T) {
	tests := []struct {
		min, max float64
		lang     Lang
		labels   string
	}{
		{-731, 2530, Danish, "0 1.000 2.000"},
		{0, 101827, Danish, "0 25.000 50.000 75.000 100.000"},
		{-2426, 2306, English, "-2,000 -1,000 0 1,000 2,000"},
		{0.2, 0.9, English, "0.2 0.4 0.6 0.8"},
	}
	for _, tt := range tests {
		var labels []string
		for _, tick := range (numberTicks{tt.lang}).Ticks(tt.min, tt.max) {
			if tick.Label != "" {
				labels = append(labels, tick.Label)
			}
		}
		if got := strings.Join(labels, " "); got != tt.labels {
			t.Errorf("Ticks(%v, %v) labels %q, want %q", tt.min, tt.max, got, tt.labels)
		}
	}
}

// TestNetEffectChartMarksPayback: the payback year is named in the chart, within the table's
// columns or at the end of the dashed projection past them.
func TestNetEffectChartMarksPayback(t *testing.T) {
	e := &ledger.EconomySheet{Unit: "1.000 kr.", Years: []int{2025, 2026, 2027}, Cumulative: figs("1000", "600", "200"),
		Payback: []ledger.PaybackLine{{Basis: ledger.PaybackTotal, Computed: 4}}}
	svg, err := netEffectChart(e, ledger.Projection{Years: []int{2028}, Cumulative: figs("-200")}, Danish)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{">tilbagebetalt 2028</text>", ">2028</text>"} {
		if !strings.Contains(svg, want) {
			t.Errorf("chart lacks %q", want)
		}
	}
	e.Cumulative, e.Payback[0].Computed = figs("1000", "0", "-1000"), 2
	svg, err = netEffectChart(e, ledger.Projection{}, English)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(svg, ">paid back 2026</text>") || strings.Contains(svg, ">2028</text>") {
		t.Errorf("chart does not mark 2026 within the columns alone:\n%s", svg)
	}
}
