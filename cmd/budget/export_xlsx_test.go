package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/budget-ledger/budget/pkg/check"
	"github.com/budget-ledger/budget/pkg/cli"
	"github.com/budget-ledger/budget/pkg/diag"
	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/budget-ledger/budget/pkg/msg"
	"github.com/budget-ledger/budget/pkg/render"
	"github.com/shopspring/decimal"
)

// findOpenpyxl returns the Python that has openpyxl: $BUDGET_PYTHON, else Debian's
// /usr/bin/python3 (python3-openpyxl installs there, whatever python3 is first on PATH), else
// python3 on PATH. Without one the test skips, unless BUDGET_REQUIRE_XLSX=1 (as in CI).
func findOpenpyxl(t *testing.T) string {
	t.Helper()
	var tried []string
	for _, p := range []string{os.Getenv("BUDGET_PYTHON"), "/usr/bin/python3", "python3"} {
		if p == "" {
			continue
		}
		tried = append(tried, p)
		if exec.Command(p, "-c", "import openpyxl").Run() == nil {
			return p
		}
	}
	m := "no python3 with openpyxl (tried " + strings.Join(tried, ", ") + "): the workbook's reader test needs it; install it with .ci/install-xlsx-readers"
	if os.Getenv("BUDGET_REQUIRE_XLSX") == "1" {
		t.Fatal(m + " (BUDGET_REQUIRE_XLSX=1 makes a missing reader a failure)")
	}
	t.Skip(m)
	return ""
}

// xlsxCell is a cell as testdata/xlsx/dump.py has openpyxl read it: its (cached) value, its
// formula, its number format and openpyxl's data type (n, s, f...).
type xlsxCell [4]any

func (c xlsxCell) value() any { return c[0] }

func (c xlsxCell) formula() string { s, _ := c[1].(string); return s }

func (c xlsxCell) format() string { s, _ := c[2].(string); return s }

// number is the cell's number, exactly as the file holds it; ok false for a cell that is not a
// number.
func (c xlsxCell) number() (decimal.Decimal, bool) {
	n, ok := c[0].(json.Number)
	if !ok {
		return decimal.Decimal{}, false
	}
	return decimal.RequireFromString(n.String()), true
}

func (c xlsxCell) text() string {
	switch v := c[0].(type) {
	case string:
		return v
	case nil:
		return ""
	}
	return fmt.Sprint(c[0])
}

type xlsxSheet struct {
	Name   string             `json:"name"`
	Freeze *string            `json:"freeze"`
	Widths map[string]float64 `json:"widths"`
	Rows   [][]xlsxCell       `json:"rows"`
}

func (s xlsxSheet) cell(r, c int) xlsxCell {
	if r < len(s.Rows) && c < len(s.Rows[r]) {
		return s.Rows[r][c]
	}
	return xlsxCell{}
}

// TestExportXLSXReadBack writes the bundled ledger's workbook with budget export, in Danish and
// in English, reads every sheet back with openpyxl, and checks every figure of every sheet
// against the ledger: Table 1 and Table 2 against budget's report, each proposal's sheet against
// its Sheet, the tidy sheet against render.Figures, the findings against validate's. With
// BUDGET_SCREENSHOTS=DIR and LibreOffice, it also saves DIR/export-xlsx.png, Table 1 as
// LibreOffice shows it.
func TestExportXLSXReadBack(t *testing.T) {
	python := findOpenpyxl(t)
	repo, l, findings := bundledLedger(t)
	var sheets []ledger.Sheet
	for _, p := range l.Proposals {
		sheets = append(sheets, l.Sheet(p))
	}
	for _, c := range l.CrossCutting {
		sheets = append(sheets, l.CrossCuttingSheet(c))
	}
	dir := t.TempDir()
	for _, lang := range []render.Lang{render.Danish, render.English} {
		t.Run(string(lang), func(t *testing.T) {
			book := filepath.Join(dir, "ledger-"+string(lang)+".xlsx")
			var stderr bytes.Buffer
			args := []string{"export", "--dir", filepath.Join(repo, "proposals"), "--lang", string(lang), "--format", "xlsx", "-o", book}
			if code := cli.Main(args, cli.Streams{In: strings.NewReader(""), Out: &stderr, Err: &stderr}); code != cli.ExitOK {
				t.Fatalf("budget %s: exit %d\n%s", strings.Join(args, " "), code, stderr.String())
			}
			cmd := exec.Command(python, filepath.Join(repo, "testdata", "xlsx", "dump.py"), book)
			cmd.Stderr = &stderr
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("openpyxl reading %s: %v\n%s", book, err, stderr.String())
			}
			var got struct{ Sheets []xlsxSheet }
			dec := json.NewDecoder(bytes.NewReader(out))
			dec.UseNumber()
			if err := dec.Decode(&got); err != nil {
				t.Fatal(err)
			}
			checkWorkbook(t, repo, got.Sheets, l, sheets, findings, lang)
			if lang == render.Danish {
				screenshot(t, book, dir)
			}
		})
	}
}

func word(l render.Lang, da, en string) string {
	if l == render.English {
		return en
	}
	return da
}

func checkWorkbook(t *testing.T, repo string, got []xlsxSheet, l *ledger.Ledger, sheets []ledger.Sheet, findings diag.List, lang render.Lang) {
	t.Helper()
	names := []string{word(lang, "Tabel 1", "Table 1"), word(lang, "Tabel 2", "Table 2")}
	for _, s := range sheets {
		if s.Number != 0 {
			names = append(names, word(lang, "Forslag ", "Proposal ")+strconv.Itoa(s.Number))
		} else {
			names = append(names, s.ID)
		}
	}
	names = append(names, word(lang, "Fund", "Findings"), word(lang, "Tal", "Figures"))
	var gotNames []string
	for _, s := range got {
		gotNames = append(gotNames, s.Name)
	}
	if strings.Join(gotNames, "|") != strings.Join(names, "|") {
		t.Fatalf("sheets:\n got %q\nwant %q", gotNames, names)
	}
	unit := l.Totals().Unit
	for i, s := range got {
		// Every sheet but the two of rows (findings, figures) names its unit under its title;
		// those have a frozen header of one row, the unit a column of the figures'.
		if i < len(got)-2 && !strings.HasPrefix(s.cell(1, 0).text(), render.UnitName(unit, lang)) {
			t.Errorf("%s: no unit under the title: %q", s.Name, s.cell(1, 0).text())
		}
		if s.Freeze == nil {
			t.Errorf("%s: no frozen header", s.Name)
		}
		for r, row := range s.Rows {
			for c, cell := range row {
				if cell.formula() != "" && !strings.HasPrefix(cell.formula(), "=SUM(") {
					t.Errorf("%s!R%dC%d: formula %q", s.Name, r+1, c+1, cell.formula())
				}
				if _, ok := cell.number(); !ok && cell.value() != nil {
					// A year in a header is a column's name, not a figure.
					y, err := strconv.Atoi(cell.text())
					year := err == nil && y >= 2000 && y < 2100
					if _, err := decimal.NewFromString(cell.text()); err == nil && !year && c > 0 && s.Name != names[len(names)-1] {
						t.Errorf("%s!R%dC%d: a number as text: %q", s.Name, r+1, c+1, cell.text())
					}
				}
			}
		}
	}
	checkTable1(t, got[0], l.Totals(), lang)
	checkTable2(t, got[1], l.Table2(), lang)
	for i, s := range sheets {
		checkProposalSheet(t, got[2+i], s)
	}
	checkFindingsSheet(t, got[len(got)-2], findings, lang, repo)
	checkFiguresSheet(t, got[len(got)-1], sheets)
}

func wantNumber(t *testing.T, s xlsxSheet, r, c int, want decimal.Decimal) {
	t.Helper()
	got, ok := s.cell(r, c).number()
	if !ok || !got.Equal(want) {
		t.Errorf("%s!R%dC%d: got %v, want %s", s.Name, r+1, c+1, s.cell(r, c).value(), want)
	}
}

func wantText(t *testing.T, s xlsxSheet, r, c int, want string) {
	t.Helper()
	if got := s.cell(r, c).text(); got != want {
		t.Errorf("%s!R%dC%d: got %q, want %q", s.Name, r+1, c+1, got, want)
	}
}

func checkTable1(t *testing.T, s xlsxSheet, tot ledger.Totals, lang render.Lang) {
	if s.Freeze == nil || *s.Freeze != "A4" {
		t.Errorf("%s: frozen at %v, want A4 (title, unit, header)", s.Name, s.Freeze)
	}
	for i, y := range tot.Years {
		wantText(t, s, 2, 1+i, strconv.Itoa(y))
	}
	r := 3
	for _, c := range tot.Committees {
		wantText(t, s, r, 0, c.Name)
		for i, d := range c.Amounts {
			wantNumber(t, s, r, 1+i, d)
			if f := s.cell(r, 1+i).format(); f != "#,##0;-#,##0" {
				t.Errorf("%s!R%dC%d: number format %q", s.Name, r+1, i+2, f)
			}
		}
		r++
	}
	wantText(t, s, r, 0, word(lang, "I alt", "Total"))
	for i, d := range tot.Total {
		wantNumber(t, s, r, 1+i, d)
		col := string(rune('B' + i))
		if want := fmt.Sprintf("=SUM(%s4:%s%d)", col, col, r); s.cell(r, 1+i).formula() != want {
			t.Errorf("%s total: formula %q, want %q", s.Name, s.cell(r, 1+i).formula(), want)
		}
	}
	if w := s.Widths["A"]; w < float64(len([]rune(tot.Committees[0].Name))) {
		t.Errorf("%s: column A is %.1f wide, narrower than %q", s.Name, w, tot.Committees[0].Name)
	}
}

func checkTable2(t *testing.T, s xlsxSheet, t2 ledger.Table2, lang render.Lang) {
	// The rows with figures, in order: each committee's, then its proposals'; sections between.
	r := 3
	next := func() int {
		for r < len(s.Rows) {
			if _, ok := s.cell(r, 2).number(); ok {
				r++
				return r - 1
			}
			r++
		}
		t.Fatalf("%s: fewer rows of figures than Table 2 has", s.Name)
		return 0
	}
	n := len(t2.Years)
	for _, c := range t2.Committees {
		i := next()
		if !strings.HasPrefix(s.cell(i, 1).text(), c.PrintedName) {
			t.Errorf("%s!R%d: got %q, want committee %q", s.Name, i+1, s.cell(i, 1).text(), c.PrintedName)
		}
		for j, d := range c.Amounts {
			wantNumber(t, s, i, 2+j, d)
		}
		wantNumber(t, s, i, 2+n, c.TotalInvestment)
		for _, p := range c.Rows {
			i := next()
			wantText(t, s, i, 1, p.Title)
			if p.Number != 0 {
				wantNumber(t, s, i, 0, decimal.NewFromInt(int64(p.Number)))
			}
			for j, d := range p.Amounts {
				wantNumber(t, s, i, 2+j, d)
			}
			if p.TotalInvestment != nil {
				wantNumber(t, s, i, 2+n, *p.TotalInvestment)
			} else {
				wantText(t, s, i, 2+n, "-")
			}
		}
	}
	i := next()
	wantText(t, s, i, 1, word(lang, "I alt", "Total"))
	for j, d := range t2.Total {
		wantNumber(t, s, i, 2+j, d)
		if !strings.HasPrefix(s.cell(i, 2+j).formula(), "=SUM(") {
			t.Errorf("%s total: no SUM in column %d: %q", s.Name, 3+j, s.cell(i, 2+j).formula())
		}
	}
	wantNumber(t, s, i, 2+n, t2.TotalInvestment)
}

// checkProposalSheet checks a proposal's sheet against its Sheet: each figure the document
// prints in Tabel 1 and Tabel 3 stands in the row of its label, in the column of its year; every
// number of the sheet is one of the proposal's figures; every figure budget finds differing is
// marked ≠.
func checkProposalSheet(t *testing.T, s xlsxSheet, sh ledger.Sheet) {
	figures := render.Figures([]ledger.Sheet{sh})
	values := map[string]bool{}
	for _, f := range figures {
		if f.Amount != nil {
			values[f.Amount.String()] = true
		}
	}
	for _, y := range append(yearsOf(sh), sh.Number) {
		values[strconv.Itoa(y)] = true
	}
	yearCol := func(r int, year int) int { // the column of year in the header above row r
		for ; r >= 0; r-- {
			for c, cell := range s.Rows[r] {
				if h, ok := cell.value().(string); ok && h == strconv.Itoa(year) {
					return c
				}
			}
		}
		return -1
	}
	for _, f := range figures {
		if f.Source != "document" || f.Amount == nil || (f.Table != "economy" && f.Table != "administrative") {
			continue
		}
		found := false
		for r, row := range s.Rows {
			if len(row) > 0 && row[0].text() == f.Item {
				if c := yearCol(r, f.Year); c >= 0 {
					if d, ok := s.cell(r, c).number(); ok && d.Equal(*f.Amount) {
						found = true
						break
					}
				}
			}
		}
		if !found {
			t.Errorf("%s: %s %s %q %d: %s not found in its row and year", s.Name, f.Table, f.Section, f.Item, f.Year, f.Amount)
		}
	}
	marked := map[string]bool{}
	for r, row := range s.Rows {
		for c, cell := range row {
			d, ok := cell.number()
			if !ok {
				continue
			}
			if !values[d.String()] {
				t.Errorf("%s!R%dC%d: %s is none of the proposal's figures", s.Name, r+1, c+1, d)
			}
			if strings.Contains(cell.format(), "≠") {
				marked[d.String()] = true
			}
		}
	}
	for _, f := range figures {
		if f.Differs && f.Amount != nil && !marked[f.Amount.String()] {
			t.Errorf("%s: %s %s %d: budget's %s differs but is not marked", s.Name, f.Table, f.Section, f.Year, f.Amount)
		}
	}
}

func yearsOf(sh ledger.Sheet) []int {
	var ys []int
	if sh.Economy != nil {
		ys = append(ys, sh.Economy.Years...)
	}
	return append(ys, sh.Catalog.Years...)
}

func checkFindingsSheet(t *testing.T, s xlsxSheet, ds diag.List, lang render.Lang, repo string) {
	if len(s.Rows) != 1+len(ds) {
		t.Fatalf("%s: %d rows, want a header and %d findings", s.Name, len(s.Rows), len(ds))
	}
	for i, d := range ds {
		r := 1 + i
		wantText(t, s, r, 0, filepath.Join(repo, d.Pos.File)) // the CLI names files as --dir does
		if d.Pos.Line != 0 {
			wantNumber(t, s, r, 1, decimal.NewFromInt(int64(d.Pos.Line)))
			wantNumber(t, s, r, 2, decimal.NewFromInt(int64(d.Pos.Column)))
		}
		wantText(t, s, r, 3, d.Severity.In(msg.Lang(lang)))
		wantText(t, s, r, 4, d.Code)
		wantText(t, s, r, 5, d.Path)
		wantText(t, s, r, 6, d.In(msg.Lang(lang)))
		wantText(t, s, r, 7, word(lang, map[bool]string{true: "ja", false: "nej"}[d.Acknowledged], map[bool]string{true: "yes", false: "no"}[d.Acknowledged]))
		wantText(t, s, r, 8, d.Reason)
	}
}

func checkFiguresSheet(t *testing.T, s xlsxSheet, sheets []ledger.Sheet) {
	figures := render.Figures(sheets)
	if len(s.Rows) != 1+len(figures) {
		t.Fatalf("%s: %d rows, want a header and %d figures", s.Name, len(s.Rows), len(figures))
	}
	for i, f := range figures {
		r := 1 + i
		if f.Number != 0 {
			wantNumber(t, s, r, 0, decimal.NewFromInt(int64(f.Number)))
		}
		for c, want := range []string{f.ID, f.Committee, f.CommitteeName, f.Table, f.Section, f.Item, f.Area, f.Source} {
			wantText(t, s, r, 1+c, want)
		}
		if f.Year != 0 {
			wantNumber(t, s, r, 9, decimal.NewFromInt(int64(f.Year)))
		}
		if f.Amount != nil {
			wantNumber(t, s, r, 10, *f.Amount)
		} else if s.cell(r, 10).value() != nil {
			t.Errorf("%s!R%d: an amount %v where budget finds none", s.Name, r+1, s.cell(r, 10).value())
		}
		wantText(t, s, r, 11, f.Unit)
		wantText(t, s, r, 12, f.PriceLevel)
		if f.Compared != (s.cell(r, 13).text() != "") {
			t.Errorf("%s!R%d: differs %q, compared %v", s.Name, r+1, s.cell(r, 13).text(), f.Compared)
		}
	}
}

// screenshot saves Table 1 of book as headless LibreOffice shows it (a PDF of the workbook,
// its first page made a PNG by pdftoppm) into $BUDGET_SCREENSHOTS/export-xlsx.png; it does
// nothing without BUDGET_SCREENSHOTS, and skips where LibreOffice or pdftoppm is missing.
func screenshot(t *testing.T, book, dir string) {
	out := os.Getenv("BUDGET_SCREENSHOTS")
	if out == "" {
		return
	}
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Log("no soffice on PATH: no screenshot of the workbook (install libreoffice-calc-nogui)")
		return
	}
	pdftoppm, err := exec.LookPath("pdftoppm")
	if err != nil {
		t.Log("no pdftoppm on PATH: no screenshot of the workbook (install poppler-utils)")
		return
	}
	// A profile of its own, its locale Danish: a spreadsheet shows the file's number format
	// (#,##0) in its locale's separators, 1.791 here, 1,791 in an English one.
	profile := filepath.Join(dir, "home", ".config", "libreoffice", "4", "user")
	if err := os.MkdirAll(profile, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(profile, "registrymodifications.xcu"), []byte(danishLocale), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(soffice, "--headless", "--convert-to", "pdf", "--outdir", dir, book)
	cmd.Env = append(os.Environ(), "HOME="+filepath.Join(dir, "home"))
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	pdf := strings.TrimSuffix(book, ".xlsx") + ".pdf"
	png := filepath.Join(dir, "export-xlsx")
	if b, err := exec.Command(pdftoppm, "-f", "1", "-l", "1", "-r", "110", "-x", "40", "-y", "80", "-W", "1060", "-H", "360", "-singlefile", "-png", pdf, png).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, b)
	}
	shot, err := os.ReadFile(png + ".png")
	if err != nil {
		t.Fatal(err)
	}
	save(t, filepath.Join(out, "export-xlsx.png"), shot)
}

const danishLocale = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>da-DK</value></prop></item>
</oor:items>
`

// bundledLedger is the repository's root and its bundled ledger, loaded and checked, with its
// findings.
func bundledLedger(t *testing.T) (string, *ledger.Ledger, diag.List) {
	t.Helper()
	repo, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	l, findings, err := check.Load(os.DirFS(filepath.Join(repo, "proposals")), "proposals", ledger.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return repo, l, findings
}
