package render

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/budget-ledger/budget/pkg/diag"
	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/shopspring/decimal"
)

// hostileTexts are texts a spreadsheet would run as a formula if they were written as one
// (synthetic, as are the figures of this file's workbooks).
var hostileTexts = []string{"=1+2", "+SUM(A1:A9)", "-2+3", "@HYPERLINK(\"http://example.invalid\")", "=cmd|' /C calc'!A0"}

// awkwardTexts are texts the file's XML must carry as they are: markup characters, spaces at an
// end, a line break, a tab. (ECMA-376's escapes, _x0041_, which openpyxl does not decode in an
// inline string, are TestEscapeOOXML's.)
var awkwardTexts = []string{"a < b & c > d \"q\" 'r'", " lead", "trail ", "two\nlines", "tab\there", "_x00zz_ _x41_"}

// openpyxlPython is the Python that has openpyxl: $BUDGET_PYTHON, else Debian's /usr/bin/python3,
// else python3 on PATH (as cmd/budget's workbook test finds it). Without one the test skips,
// unless BUDGET_REQUIRE_XLSX=1 (as in CI).
func openpyxlPython(t *testing.T) string {
	t.Helper()
	for _, p := range []string{os.Getenv("BUDGET_PYTHON"), "/usr/bin/python3", "python3"} {
		if p != "" && exec.Command(p, "-c", "import openpyxl").Run() == nil {
			return p
		}
	}
	m := "no python3 with openpyxl: the workbook's tests read it back with it; install it with .ci/install-xlsx-readers"
	if os.Getenv("BUDGET_REQUIRE_XLSX") == "1" {
		t.Fatal(m + " (BUDGET_REQUIRE_XLSX=1 makes a missing reader a failure)")
	}
	t.Skip(m)
	return ""
}

// readSheet is a sheet as openpyxl reads it (testdata/xlsx/dump.py): each cell its value (a
// number as a json.Number), its formula, its number format and its type (n, s, f...).
type readSheet struct {
	Name     string
	Freeze   *string
	Selected bool
	Layout   struct {
		Orientation string
		FitToWidth  int
		FitToHeight int
		FitToPage   bool
	}
	Rows [][][4]any
}

// cell is the cell at ref (e.g. C4); the zero one where the sheet has none.
func (s readSheet) cell(ref string) [4]any {
	i := strings.IndexAny(ref, "0123456789")
	col := 0
	for _, c := range ref[:i] {
		col = col*26 + int(c-'A'+1)
	}
	row, _ := strconv.Atoi(ref[i:])
	if row-1 < len(s.Rows) && col-1 < len(s.Rows[row-1]) {
		return s.Rows[row-1][col-1]
	}
	return [4]any{}
}

// text is a cell's value as text, "" for an empty one.
func text(c [4]any) string {
	switch v := c[0].(type) {
	case nil:
		return ""
	case string:
		return v
	case json.Number:
		return v.String()
	}
	return ""
}

// xlsxOf writes wb and reads it back with openpyxl, a reader budget did not write.
func xlsxOf(t *testing.T, wb Workbook, l Lang) []readSheet {
	t.Helper()
	python := openpyxlPython(t)
	var b bytes.Buffer
	if err := XLSX(&b, wb, l); err != nil {
		t.Fatal(err)
	}
	book := filepath.Join(t.TempDir(), "book.xlsx")
	if err := os.WriteFile(book, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd := exec.Command(python, filepath.Join("..", "..", "testdata", "xlsx", "dump.py"), book)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("openpyxl reading the workbook: %v\n%s", err, stderr.String())
	}
	var got struct{ Sheets []readSheet }
	dec := json.NewDecoder(bytes.NewReader(out))
	dec.UseNumber()
	if err := dec.Decode(&got); err != nil {
		t.Fatal(err)
	}
	return got.Sheets
}

func sheetNames(ss []readSheet) []string {
	var names []string
	for _, s := range ss {
		names = append(names, s.Name)
	}
	return names
}

// TestXLSXTextIsNeverAFormula writes data texts that begin with = + - @ as committee names,
// titles, row labels and findings, and checks that every one is a string cell, with no
// formula, in every sheet it stands in; and that texts with XML's markup, spaces at an end and
// ECMA-376's escapes read back as they are.
func TestXLSXTextIsNeverAFormula(t *testing.T) {
	tot := totals
	tot.Committees = nil
	texts := append(append([]string(nil), hostileTexts...), awkwardTexts...)
	for i, s := range texts {
		tot.Committees = append(tot.Committees, ledger.CommitteeTotal{ID: "c" + string(rune('a'+i)), Name: s, Amounts: figs("1", "2")})
	}
	tot.Total = figs(decimal.NewFromInt(int64(len(texts))).String(), decimal.NewFromInt(int64(2*len(texts))).String())
	var sheets []ledger.Sheet
	var ds diag.List
	for i, s := range texts {
		sheets = append(sheets, ledger.Sheet{Number: i + 1, Title: s, Kind: "investment", Committee: s, CommitteeName: s,
			Catalog: ledger.CatalogSheet{Title: s, Unit: "1.000 kr.", PriceLevel: "2026 p/l", Years: []int{2026}, Contribution: ledger.Cells{{Value: decimal.RequireFromString("5"), Printed: true}}}})
		ds.Add(diag.Diagnostic{Pos: diag.Pos{File: s, Line: 1, Column: 1}, Code: s, Message: s, Path: s, Acknowledged: true, Reason: s})
	}
	want := map[string]int{}
	for _, s := range texts {
		want[s] = 0
	}
	for _, s := range xlsxOf(t, Workbook{Totals: tot, Table2: table2, Sheets: sheets, Findings: ds}, Danish) {
		for r, row := range s.Rows {
			for c, cell := range row {
				v, ok := cell[0].(string)
				if _, hostile := want[v]; !ok || !hostile {
					continue
				}
				want[v]++
				if cell[1] != nil || cell[3] != "s" {
					t.Errorf("%s!R%dC%d: %q has the formula %v and the type %v, want a string", s.Name, r+1, c+1, v, cell[1], cell[3])
				}
			}
		}
	}
	for s, n := range want {
		if n == 0 {
			t.Errorf("%q is in no sheet as it is", s)
		}
	}
}

// TestXLSXExactNumbers: a figure is written as the number it is, or refused; none is rounded.
func TestXLSXExactNumbers(t *testing.T) {
	for _, s := range []string{"0", "1791", "-1234567.5", "62.2", "0.1", "123456789012.345", "-0.000001", "999999999999999"} {
		d := decimal.RequireFromString(s)
		f, err := exactFloat(d)
		if err != nil {
			t.Errorf("%s: %v", s, err)
			continue
		}
		if got := decimal.NewFromFloat(f); !got.Equal(d) {
			t.Errorf("%s: written as %s", s, got)
		}
	}
	for _, s := range []string{"1234567890123456", "12345678901234567.89", "0.1234567890123456", "9007199254740993"} {
		if _, err := exactFloat(decimal.RequireFromString(s)); err == nil {
			t.Errorf("%s: not refused, though a spreadsheet number cannot hold it exactly", s)
		} else if !strings.Contains(err.Error(), s) || !strings.Contains(err.Error(), "15 significant digits") {
			t.Errorf("%s: %v", s, err)
		}
	}
	tot := totals
	tot.Committees = append([]ledger.CommitteeTotal(nil), tot.Committees...)
	tot.Committees[0].Amounts = figs("12345678901234567.89", "1")
	var b bytes.Buffer
	if err := XLSX(&b, Workbook{Totals: tot, Table2: table2}, Danish); err == nil || !strings.Contains(err.Error(), "12345678901234567.89") {
		t.Errorf("a workbook with a figure too long: %v", err)
	}
}

// TestXLSXNumbersAndFormats reads back Table 1 of a synthetic report: figures are numbers with
// their own decimals in the thousands format, the total a SUM with its value cached, the
// header frozen; every sheet is printed landscape, a page wide, the first one selected.
func TestXLSXNumbersAndFormats(t *testing.T) {
	ss := xlsxOf(t, Workbook{Totals: totals, Table2: table2}, English)
	if got := sheetNames(ss); strings.Join(got, "|") != "Table 1|Table 2|Findings|Figures" {
		t.Fatalf("sheets %q", got)
	}
	t1, t2 := ss[0], ss[1]
	for ref, want := range map[string]string{"A1": "Table 1. Efficiencies by committee", "A2": "DKK 1,000, 2026 prices", "B3": "2026", "A4": "Alfa-udvalget", "C4": "1234567.5", "B5": "-75", "A6": "Total", "B6": "1716", "C6": "1234567.5"} {
		if v := text(t1.cell(ref)); v != want {
			t.Errorf("Table 1!%s: %q, want %q", ref, v, want)
		}
	}
	for ref, want := range map[string]string{"B4": "#,##0;-#,##0", "C4": "#,##0.0;-#,##0.0"} {
		if f := t1.cell(ref)[2]; f != want {
			t.Errorf("Table 1!%s: number format %v, want %q", ref, f, want)
		}
	}
	for _, ref := range []string{"C4", "B5", "B4"} {
		if typ := t1.cell(ref)[3]; typ != "n" {
			t.Errorf("Table 1!%s has the type %v, want a number", ref, typ)
		}
	}
	if typ := t1.cell("B3")[3]; typ != "s" {
		t.Errorf("Table 1!B3, a year over a column, has the type %v, want text", typ)
	}
	if formula := t1.cell("C6")[1]; formula != "=SUM(C4:C5)" {
		t.Errorf("Table 1!C6: formula %v", formula)
	}
	if formula := t2.cell("C4")[1]; formula != nil {
		t.Errorf("Table 2!C4, a committee's figure, has the formula %v", formula)
	}
	if t1.Freeze == nil || *t1.Freeze != "A4" {
		t.Errorf("Table 1: frozen at %v, want the three header rows frozen (A4)", t1.Freeze)
	}
	for i, s := range ss {
		if l := s.Layout; l.Orientation != "landscape" || l.FitToWidth != 1 || l.FitToHeight != 0 || !l.FitToPage {
			t.Errorf("%s: print layout %+v, want landscape, a page wide", s.Name, l)
		}
		if s.Selected != (i == 0) {
			t.Errorf("%s: selected %v", s.Name, s.Selected)
		}
	}
}

func TestSheetName(t *testing.T) {
	taken := map[string]bool{}
	for _, c := range [][2]string{
		{"Forslag 1", "Forslag 1"},
		{"forslag 1", "forslag 1 (2)"},
		{"a[b]c:d*e?f/g\\h", "a-b-c-d-e-f-g-h"},
		{"'quoted'", "quoted"},
		{"tab\there", "tabhere"},
		{strings.Repeat("æ", 40), strings.Repeat("æ", 31)},
		{strings.Repeat("æ", 40), strings.Repeat("æ", 27) + " (2)"},
		{"", "-"},
	} {
		if got := uniqueSheetName(sheetName(c[0]), taken); got != c[1] {
			t.Errorf("%q: %q, want %q", c[0], got, c[1])
		}
	}
}

// TestXLSXFindings: the findings sheet has every finding, an error (exported with
// --allow-errors) as one, an acknowledged warning with its reason, worded in the language.
func TestXLSXFindings(t *testing.T) {
	var ds diag.List
	ds.Errorf(diag.Pos{File: "proposals/bbb/02-husleje.yaml", Line: 4, Column: 12}, "committee", "unknown-committee", "unknown committee %q: the catalog has %s", "ccc", "aaa, bbb")
	ds.Add(diag.Diagnostic{Pos: diag.Pos{File: "proposals/aaa/01-x.yaml", Line: 9, Column: 3}, Severity: diag.Warning, Code: "sum-mismatch", Path: "economy.total", Message: "synthetic", Acknowledged: true, Reason: "the document's own sum"})
	for _, c := range []struct {
		l    Lang
		want [][]string
	}{
		{English, [][]string{
			{"File", "Line", "Column", "Severity", "Code", "Path", "Message", "Acknowledged", "Reason"},
			{"proposals/bbb/02-husleje.yaml", "4", "12", "error", "unknown-committee", "committee", `unknown committee "ccc": the catalog has aaa, bbb`, "no"},
			{"proposals/aaa/01-x.yaml", "9", "3", "warning", "sum-mismatch", "economy.total", "synthetic", "yes", "the document's own sum"},
		}},
		{Danish, [][]string{
			{"Fil", "Linje", "Kolonne", "Alvor", "Kode", "Sti", "Besked", "Kvitteret", "Begrundelse"},
			{"proposals/bbb/02-husleje.yaml", "4", "12", "fejl", "unknown-committee", "committee", `ukendt udvalg "ccc": kataloget har aaa, bbb`, "nej"},
			{"proposals/aaa/01-x.yaml", "9", "3", "advarsel", "sum-mismatch", "economy.total", "synthetic", "ja", "the document's own sum"},
		}},
	} {
		s := xlsxOf(t, Workbook{Totals: totals, Table2: table2, Findings: ds}, c.l)[2]
		var rows [][]string
		for _, r := range s.Rows {
			var row []string
			for _, cell := range r {
				row = append(row, text(cell))
			}
			for len(row) > 0 && row[len(row)-1] == "" {
				row = row[:len(row)-1]
			}
			rows = append(rows, row)
		}
		if strings.Join(flatten(rows), "|") != strings.Join(flatten(c.want), "|") {
			t.Errorf("%s %s:\n got %q\nwant %q", c.l, s.Name, rows, c.want)
		}
		if typ := s.cell("B2")[3]; typ != "n" {
			t.Errorf("%s!B2, a line, has the type %v, want a number", s.Name, typ)
		}
		if s.Freeze == nil || *s.Freeze != "A2" {
			t.Errorf("%s: frozen at %v, want its header (A2)", s.Name, s.Freeze)
		}
	}
}

func flatten(rows [][]string) []string {
	var out []string
	for _, r := range rows {
		out = append(out, strings.Join(r, "\t"))
	}
	return out
}

// decodeOOXML decodes ECMA-376's escapes of characters (22.9.2.19 ST_Xstring) as Excel reads a
// cell's text: each _xHHHH_, left to right, is the character HHHH.
func decodeOOXML(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		if isOOXMLEscape(s[i:]) {
			n, _ := strconv.ParseUint(s[i+2:i+6], 16, 16)
			b.WriteRune(rune(n))
			i += 7
			continue
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

// TestEscapeOOXML: a text that looks like ECMA-376's escape of a character reads back as itself,
// not as the character; other text is written as it is.
func TestEscapeOOXML(t *testing.T) {
	for _, s := range []string{"_x0041_", "_x0041_x0042_", "_x005F_", "_x005F_x0041_", "a_X00e6_b", "__x0041__", "_x004_", "_x00zz_", "plain", "", "_x"} {
		got := escapeOOXML(s)
		if back := decodeOOXML(got); back != s {
			t.Errorf("%q: written %q, read back as %q", s, got, back)
		}
		if !isOOXMLEscape(s) && !strings.Contains(s, "_x0") && !strings.Contains(s, "_X0") && got != s {
			t.Errorf("%q: written %q, changed", s, got)
		}
	}
}

// TestXLSXSheetTooLarge: a sheet larger than a spreadsheet's is refused, not written for the
// spreadsheet to refuse or cut.
func TestXLSXSheetTooLarge(t *testing.T) {
	x := newXLSXBook(English)
	if _, err := x.sheet(xsheet{name: "Figures", rows: make([][]xcell, maxRows)}); err != nil {
		t.Errorf("%d rows: %v", maxRows, err)
	}
	if _, err := x.sheet(xsheet{name: "Figures", rows: make([][]xcell, maxRows+1)}); err == nil || !strings.Contains(err.Error(), "Figures would have 1048577 rows") {
		t.Errorf("%d rows: %v", maxRows+1, err)
	}
	if _, err := x.sheet(xsheet{name: "Wide", rows: [][]xcell{make([]xcell, maxColumns+1)}}); err == nil || !strings.Contains(err.Error(), "Wide would have 16385 columns") {
		t.Errorf("%d columns: %v", maxColumns+1, err)
	}
}

func TestColumnName(t *testing.T) {
	for col, want := range map[int]string{1: "A", 2: "B", 26: "Z", 27: "AA", 52: "AZ", 53: "BA", 702: "ZZ", 703: "AAA", maxColumns: "XFD"} {
		if got := columnName(col); got != want {
			t.Errorf("column %d: %q, want %q", col, got, want)
		}
	}
}
