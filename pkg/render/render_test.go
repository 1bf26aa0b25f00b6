package render

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/budget-ledger/budget/pkg/proposal"
	"github.com/shopspring/decimal"
)

func figs(vs ...string) ledger.Figures {
	f := make(ledger.Figures, len(vs))
	for i, v := range vs {
		f[i] = decimal.RequireFromString(v)
	}
	return f
}

func ptr[T any](v T) *T { return &v }

var (
	totals = ledger.Totals{
		Unit: "1.000 kr.", PriceLevel: "2026 p/l", Years: []int{2026, 2027},
		Committees: []ledger.CommitteeTotal{
			{ID: "aaa", Name: "Alfa-udvalget", Amounts: figs("1791", "1234567.5")},
			{ID: "bbb", Name: "Beta | udvalget", Amounts: figs("-75", "0")},
		},
		Total: figs("1716", "1234567.5"),
	}
	table2 = ledger.Table2{
		Unit: "1.000 kr.", PriceLevel: "2026 p/l", Years: []int{2026, 2027}, PermanentYear: 2027,
		Committees: []ledger.Table2Committee{{
			ID: "aaa", Name: "Alfa-udvalget", PrintedName: "Alfa", Amounts: figs("1791", "3675"),
			TotalInvestment: decimal.RequireFromString("6270"),
			Rows: []ledger.Table2Row{
				{Number: 1, Title: "Digitalt samtykke", Kind: "investment", Amounts: figs("639", "1183"), TotalInvestment: ptr(decimal.RequireFromString("2945")), ApprovedWith: ptr("OFS 24-25")},
				{Title: "Affald", Kind: "cross-cutting", Amounts: figs("0", "320"), ApprovedWith: ptr("OFS 24-25")},
				{Number: 3, Title: "Forenklet drift", Kind: "efficiency", Amounts: figs("712", "712"), ApprovedWith: ptr("Budget 2026*")},
			},
		}},
		Total: figs("1791", "3675"), TotalInvestment: decimal.RequireFromString("6270"),
		Footnotes: []proposal.Footnote{{Table: 2, Mark: "*", Text: "Forslaget indgår i forhandlingerne om budget 2026"}, {Table: 1, Mark: "*", Text: "not in Table 2"}},
	}
)

// TestGolden renders the reports in every format and language and compares them with the files
// under testdata/golden; BUDGET_UPDATE=1 rewrites the files, to be reviewed in the diff.
func TestGolden(t *testing.T) {
	for _, f := range []Format{Table, CSV, JSON, Markdown} {
		for _, l := range []Lang{Danish, English} {
			if f == CSV || f == JSON {
				if l == English {
					continue // language-free formats
				}
			}
			t.Run(string(f)+"-"+string(l), func(t *testing.T) {
				var b bytes.Buffer
				if err := Totals(&b, totals, f, l); err != nil {
					t.Fatal(err)
				}
				golden(t, "totals-"+string(l)+"."+string(f), b.Bytes())
				b.Reset()
				if err := Proposals(&b, table2, f, l); err != nil {
					t.Fatal(err)
				}
				golden(t, "proposals-"+string(l)+"."+string(f), b.Bytes())
			})
		}
	}
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if os.Getenv("BUDGET_UPDATE") != "" {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run BUDGET_UPDATE=1 go test to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs:\ngot:\n%s\nwant:\n%s", name, got, want)
	}
}

func TestNumber(t *testing.T) {
	tests := []struct {
		in     string
		da, en string
	}{
		{"0", "0", "0"},
		{"999", "999", "999"},
		{"1000", "1.000", "1,000"},
		{"-1183", "-1.183", "-1,183"},
		{"1234567.25", "1.234.567,25", "1,234,567.25"},
		{"-0.5", "-0,5", "-0.5"},
	}
	for _, tt := range tests {
		d := decimal.RequireFromString(tt.in)
		if got := Danish.Number(d); got != tt.da {
			t.Errorf("Danish.Number(%s) = %s, want %s", tt.in, got, tt.da)
		}
		if got := English.Number(d); got != tt.en {
			t.Errorf("English.Number(%s) = %s, want %s", tt.in, got, tt.en)
		}
	}
}

func TestRounded(t *testing.T) {
	tests := []struct {
		in     string
		places int32
		da, en string
	}{
		{"62.221", 1, "62,2", "62.2"},
		{"44.011", 1, "44,0", "44.0"},
		{"0.05", 1, "0,1", "0.1"},    // half away from zero
		{"-0.05", 1, "-0,1", "-0.1"}, // also below zero
		{"-0.04", 1, "0,0", "0.0"},   // no negative zero
		{"1234.56", 1, "1.234,6", "1,234.6"},
		{"101.827", 1, "101,8", "101.8"},
	}
	for _, tt := range tests {
		d := decimal.RequireFromString(tt.in)
		if got := Danish.Rounded(d, tt.places); got != tt.da {
			t.Errorf("Danish.Rounded(%s) = %s, want %s", tt.in, got, tt.da)
		}
		if got := English.Rounded(d, tt.places); got != tt.en {
			t.Errorf("English.Rounded(%s) = %s, want %s", tt.in, got, tt.en)
		}
	}
}

// TestMillionsCaption: the table rounds millions and says so in its caption; CSV stays exact.
func TestMillionsCaption(t *testing.T) {
	m := totals
	m.Unit = "mio. kr."
	m.CumulativeFrom = 2026
	var b bytes.Buffer
	if err := Totals(&b, m, Markdown, English); err != nil {
		t.Fatal(err)
	}
	golden(t, "totals-mio-cumulative-en.markdown", b.Bytes())
	b.Reset()
	if err := Totals(&b, m, CSV, English); err != nil {
		t.Fatal(err)
	}
	golden(t, "totals-mio-cumulative.csv", b.Bytes())
}

// TestSheetNeverPaysBack: a payback budget never reaches is empty in CSV, null in JSON and
// "ingen" in the table, marked where the document prints one.
func TestSheetNeverPaysBack(t *testing.T) {
	s := ledger.Sheet{Number: 9, Title: "Aldrig", Kind: "investment", Economy: &ledger.EconomySheet{
		Unit: "1.000 kr.", Years: []int{2026},
		TotalImpact: ledger.ComparedLine{Label: "Samlet økonomisk påvirkning", Computed: figs("5"), Differs: []bool{false}},
		Cumulative:  figs("5"),
		Payback: []ledger.PaybackLine{
			{Basis: ledger.PaybackService},
			{Basis: ledger.PaybackTotal, Printed: ptr(decimal.RequireFromString("2")), Differs: true},
		},
	}}
	var b bytes.Buffer
	if err := Sheets(&b, []ledger.Sheet{s}, CSV, Danish); err != nil {
		t.Fatal(err)
	}
	want := `9,,,,payback,service,,,budget,,,,,false
9,,,,payback,total,,,document,,2,,,
9,,,,payback,total,,,budget,,,,,true
`
	if got := b.String(); !strings.Contains(got, want) {
		t.Errorf("CSV:\n%s\nwant it to contain\n%s", got, want)
	}
	b.Reset()
	if err := Sheets(&b, []ledger.Sheet{s}, JSON, Danish); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `"printed": "2",
            "computed": null,
            "differs": true`) {
		t.Errorf("JSON:\n%s", b.String())
	}
	b.Reset()
	if err := Sheets(&b, []ledger.Sheet{s}, Table, Danish); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "│ baseret på totaløkonomi           │     2 │ ingen ≠ │") {
		t.Errorf("table:\n%s", b.String())
	}
}
