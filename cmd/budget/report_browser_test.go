package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/budget-ledger/budget/pkg/check"
	"github.com/budget-ledger/budget/pkg/cli"
	"github.com/budget-ledger/budget/pkg/diag"
	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/budget-ledger/budget/pkg/render"
	"github.com/chromedp/chromedp"
)

// chromiumNames are the names headless Chromium goes by on PATH.
var chromiumNames = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless-shell"}

// findChromium returns the browser to test the report in: $BUDGET_CHROMIUM, else the first of
// chromiumNames on PATH. Without one the test skips, unless BUDGET_REQUIRE_BROWSER=1 (as in CI)
// makes that a failure.
func findChromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("BUDGET_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range chromiumNames {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	msg := "no Chromium found (looked for " + strings.Join(chromiumNames, ", ") +
		" on PATH and $BUDGET_CHROMIUM): the HTML report's browser test needs it; install it with .ci/install-chromium"
	if os.Getenv("BUDGET_REQUIRE_BROWSER") == "1" {
		t.Fatal(msg + " (BUDGET_REQUIRE_BROWSER=1 makes a missing browser a failure)")
	}
	t.Skip(msg)
	return ""
}

// domRow is a table row as the browser renders it: its class and each cell's visible text.
type domRow struct {
	Class string   `json:"class"`
	Cells []string `json:"cells"`
}

// domReport is what the test reads off the rendered page.
type domReport struct {
	Lang       string              `json:"lang"`
	Tables     map[string][]domRow `json:"tables"`
	Proposals  []string            `json:"proposals"`   // ids of the proposal sections
	NetCharts  []string            `json:"netCharts"`   // ids of the sections with a chart
	ChartSizes [][2]float64        `json:"chartSizes"`  // every chart's rendered width and height
	Resources  int                 `json:"resources"`   // anything the page fetched
	DeadLinks  []string            `json:"deadLinks"`   // in-page links without a target
	Overflow   bool                `json:"overflow"`    // the page is wider than the window
	Marked     []string            `json:"marked"`      // ids of the sections with cells marked as differing
	LegendText []string            `json:"legendNames"` // the stacked bar chart's legend
}

const readReport = `(() => {
  const text = el => el.innerText.replace(/\s+/g, ' ').trim();
  const rows = sel => [...document.querySelectorAll(sel + ' tbody tr')].map(tr => ({class: tr.className, cells: [...tr.cells].map(text)}));
  const size = el => { const r = el.getBoundingClientRect(); return [r.width, r.height]; };
  return {
    lang: document.documentElement.lang,
    tables: {table1: rows('#table1'), table2: rows('#table2'), proposal1: rows('#forslag-1 table.economy:not(.admin)')},
    proposals: [...document.querySelectorAll('section.proposal')].map(s => s.id),
    netCharts: [...document.querySelectorAll('section.proposal figure svg')].map(s => s.closest('section').id),
    chartSizes: [...document.querySelectorAll('figure svg')].map(size),
    resources: performance.getEntriesByType('resource').length,
    deadLinks: [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href')).filter(h => !h.startsWith('#') || !document.getElementById(h.slice(1))),
    overflow: document.documentElement.scrollWidth > window.innerWidth,
    marked: [...document.querySelectorAll('section.proposal')].filter(s => s.querySelector('td.differs')).map(s => s.id),
    legendNames: [...document.querySelectorAll('ul.legend li')].map(text),
  };
})()`

// TestReportInBrowser writes the bundled ledger's report with budget report, opens it in
// headless Chromium, and checks what the browser shows against the ledger's own Table 1 and
// Table 2, in Danish and in English; it saves screenshots into the test's artifact directory
// (go test -artifacts keeps them) and, with BUDGET_SCREENSHOTS=DIR, report.png into DIR, the
// one README shows.
func TestReportInBrowser(t *testing.T) {
	browser := findChromium(t)
	repo, l, findings := bundledLedger(t)
	dir := t.TempDir()

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(browser),
		chromedp.NoSandbox, // root in CI
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(filepath.Join(dir, "profile")),
		chromedp.WindowSize(1280, 1600),
	)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	ctx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	defer cancelAlloc()
	ctx, cancelBrowser := chromedp.NewContext(ctx)
	defer cancelBrowser()

	// Start the browser, then listen to its console: subscribing while it starts stalls it.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting %s: %v", browser, err)
	}
	var mu sync.Mutex
	var console []string
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			mu.Lock()
			console = append(console, m.String())
			mu.Unlock()
		}
	}()

	artifacts := t.ArtifactDir()
	for _, lang := range []render.Lang{render.Danish, render.English} {
		t.Run(string(lang), func(t *testing.T) {
			page := filepath.Join(dir, "report-"+string(lang)+".html")
			var stderr bytes.Buffer
			args := []string{"report", "--dir", filepath.Join(repo, "proposals"), "--lang", string(lang), "-o", page}
			if code := cli.Main(args, cli.Streams{In: strings.NewReader(""), Out: &stderr, Err: &stderr}); code != cli.ExitOK {
				t.Fatalf("budget %s: exit %d\n%s", strings.Join(args, " "), code, stderr.String())
			}
			if err := chromedp.Do(ctx, chromedp.Navigate("file://"+page)); err != nil {
				t.Fatalf("opening %s: %v", page, err)
			}
			got, err := chromedp.Run(ctx, chromedp.Evaluate[domReport](readReport))
			if err != nil {
				t.Fatalf("reading the page: %v", err)
			}
			checkReport(t, got, l, findings, lang)

			shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
			if err != nil {
				t.Fatalf("screenshot: %v", err)
			}
			save(t, filepath.Join(artifacts, "report-"+string(lang)+".png"), shot)
			if out := os.Getenv("BUDGET_SCREENSHOTS"); out != "" && lang == render.Danish {
				save(t, filepath.Join(out, "report.png"), shot)
			}
			// Table 2; an investment proposal; one with declared totals that do not add up; one
			// that pays back only after its last column; one with a further table; one with a
			// wrong total in Tabel 3; a cross-cutting proposal.
			for _, sel := range []chromedp.ID{"tabel-2", "forslag-1", "forslag-23", "forslag-29", "forslag-32", "forslag-36", "tvaergaaende-affaldshaandtering"} {
				shot, err := chromedp.Run(ctx, chromedp.Screenshot(sel))
				if err != nil {
					t.Fatalf("screenshot of #%s: %v", sel, err)
				}
				save(t, filepath.Join(artifacts, "report-"+string(lang)+"-"+string(sel)+".png"), shot)
			}
		})
	}
	mu.Lock()
	defer mu.Unlock()
	if len(console) > 0 {
		t.Errorf("the page wrote to the console:\n%s", strings.Join(console, "\n"))
	}
	t.Logf("screenshots in %s", artifacts)
}

func save(t *testing.T, name string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func numberCells(f ledger.Figures, lang render.Lang) []string {
	out := make([]string, len(f))
	for i, d := range f {
		out[i] = lang.Number(d)
	}
	return out
}

func checkReport(t *testing.T, got domReport, l *ledger.Ledger, findings diag.List, lang render.Lang) {
	t.Helper()
	if got.Lang != string(lang) {
		t.Errorf("<html lang=%q>, want %q", got.Lang, lang)
	}
	word := func(da, en string) string {
		if lang == render.English {
			return en
		}
		return da
	}

	// Table 1: each committee's figures and the total, as the ledger computes them.
	totals := l.Totals()
	var want1 []domRow
	for _, c := range totals.Committees {
		want1 = append(want1, domRow{Cells: append([]string{c.Name}, numberCells(c.Amounts, lang)...)})
	}
	want1 = append(want1, domRow{Class: "total", Cells: append([]string{word("I alt", "Total")}, numberCells(totals.Total, lang)...)})
	compareRows(t, "Table 1", got.Tables["table1"], want1)

	// Table 2: committee rows, proposal rows and the total; the section headings between them
	// carry no figures.
	t2 := l.Table2()
	var want2 []domRow
	for _, c := range t2.Committees {
		name := c.PrintedName
		for _, fn := range t2.Footnotes {
			if fn.Table == 2 && fn.Committee == c.ID {
				name += fn.Mark
			}
		}
		row := append([]string{"", name}, numberCells(c.Amounts, lang)...)
		want2 = append(want2, domRow{Class: "group", Cells: append(row, lang.Number(c.TotalInvestment), "")})
		for _, r := range c.Rows {
			number, investment, approved := "", "-", ""
			if r.Number != 0 {
				number = strconv.Itoa(r.Number)
			}
			if r.TotalInvestment != nil {
				investment = lang.Number(*r.TotalInvestment)
			}
			if r.ApprovedWith != nil {
				approved = *r.ApprovedWith
			}
			row := append([]string{number, r.Title}, numberCells(r.Amounts, lang)...)
			want2 = append(want2, domRow{Cells: append(row, investment, approved)})
		}
	}
	total := append([]string{"", word("I alt", "Total")}, numberCells(t2.Total, lang)...)
	want2 = append(want2, domRow{Class: "total", Cells: append(total, lang.Number(t2.TotalInvestment), "")})
	var rows2 []domRow
	for _, r := range got.Tables["table2"] {
		if r.Class != "section" {
			rows2 = append(rows2, r)
		}
	}
	compareRows(t, "Table 2", rows2, want2)

	// Proposal 1's own table ends with the cumulative net effect the ledger computes.
	sheet, err := l.FindSheet("1")
	if err != nil {
		t.Fatal(err)
	}
	p1 := got.Tables["proposal1"]
	wantCum := append([]string{word("Akkumuleret nettoeffekt", "Cumulative net effect"), ""}, numberCells(sheet.Economy.Cumulative, lang)...)
	if len(p1) == 0 || !slices.Equal(p1[len(p1)-1].Cells, wantCum) {
		t.Errorf("proposal 1's table ends with %v, want %v", p1[len(p1)-1:], wantCum)
	}

	// A section per proposal, a chart per investment proposal, each drawn at a real size.
	var wantSections, wantCharts []string
	for _, p := range l.Proposals {
		wantSections = append(wantSections, "forslag-"+strconv.Itoa(p.Number))
		if p.Kind == "investment" && p.Economy != nil {
			wantCharts = append(wantCharts, "forslag-"+strconv.Itoa(p.Number))
		}
	}
	if !slices.Equal(got.Proposals, wantSections) {
		t.Errorf("proposal sections %v, want %v", got.Proposals, wantSections)
	}
	if !slices.Equal(got.NetCharts, wantCharts) {
		t.Errorf("net effect charts in %v, want %v", got.NetCharts, wantCharts)
	}
	if len(got.ChartSizes) != len(wantCharts)+1 {
		t.Errorf("%d charts, want %d", len(got.ChartSizes), len(wantCharts)+1)
	}
	for i, s := range got.ChartSizes {
		if s[0] < 300 || s[1] < 150 {
			t.Errorf("chart %d is drawn %.0f×%.0f px", i, s[0], s[1])
		}
	}
	var legend []string
	for _, c := range slices.Backward(totals.Committees) {
		if !allZero(c.Amounts) {
			legend = append(legend, c.Name)
		}
	}
	if !slices.Equal(got.LegendText, legend) {
		t.Errorf("legend %v, want %v", got.LegendText, legend)
	}

	if got.Resources != 0 {
		t.Errorf("the page fetched %d resources; it must load nothing", got.Resources)
	}
	if len(got.DeadLinks) > 0 {
		t.Errorf("links without a target in the page: %v", got.DeadLinks)
	}
	if got.Overflow {
		t.Error("the page is wider than a 1280 px window")
	}
	// The proposals whose declared totals budget validate finds wrong are the ones marked.
	var mismatched []string
	for _, p := range l.Proposals {
		for _, d := range findings {
			if d.Code == check.CodeSumMismatch && d.Pos.File == p.Doc.File {
				mismatched = append(mismatched, "forslag-"+strconv.Itoa(p.Number))
				break
			}
		}
	}
	if len(mismatched) == 0 || !slices.Equal(got.Marked, mismatched) {
		t.Errorf("sections with marked cells %v, want those with sum-mismatch findings %v", got.Marked, mismatched)
	}
}

func allZero(f ledger.Figures) bool {
	for _, d := range f {
		if !d.IsZero() {
			return false
		}
	}
	return true
}

func compareRows(t *testing.T, table string, got, want []domRow) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s has %d rows, want %d", table, len(got), len(want))
	}
	for i := range min(len(got), len(want)) {
		if got[i].Class != want[i].Class || !slices.Equal(got[i].Cells, want[i].Cells) {
			t.Errorf("%s row %d:\n got %q %q\nwant %q %q", table, i, got[i].Class, got[i].Cells, want[i].Class, want[i].Cells)
		}
	}
}
