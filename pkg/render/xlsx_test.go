package render

import (
	"bytes"
	"strings"
	"testing"

	"github.com/budget-ledger/budget/pkg/diag"
	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// hostileTexts are texts a spreadsheet would run as a formula if they were written as one
// (synthetic, as are the figures of this file's workbooks).
var hostileTexts = []string{"=1+2", "+SUM(A1:A9)", "-2+3", "@HYPERLINK(\"http://example.invalid\")", "=cmd|' /C calc'!A0"}

func xlsxOf(t *testing.T, wb Workbook, l Lang) *excelize.File {
	t.Helper()
	var b bytes.Buffer
	if err := XLSX(&b, wb, l); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = f.Close() })
	return f
}

// TestXLSXTextIsNeverAFormula writes data texts that begin with = + - @ as committee names,
// titles, row labels and findings, and checks that every one is a string cell, with no
// formula, in every sheet it stands in.
func TestXLSXTextIsNeverAFormula(t *testing.T) {
	tot := totals
	tot.Committees = nil
	for i, s := range hostileTexts {
		tot.Committees = append(tot.Committees, ledger.CommitteeTotal{ID: "c" + string(rune('a'+i)), Name: s, Amounts: figs("1", "2")})
	}
	tot.Total = figs(decimal.NewFromInt(int64(len(hostileTexts))).String(), decimal.NewFromInt(int64(2*len(hostileTexts))).String())
	var sheets []ledger.Sheet
	var ds diag.List
	for i, s := range hostileTexts {
		sheets = append(sheets, ledger.Sheet{Number: i + 1, Title: s, Kind: "investment", Committee: s, CommitteeName: s,
			Catalog: ledger.CatalogSheet{Title: s, Unit: "1.000 kr.", PriceLevel: "2026 p/l", Years: []int{2026}, Contribution: ledger.Cells{{Value: decimal.RequireFromString("5"), Printed: true}}}})
		ds.Add(diag.Diagnostic{Pos: diag.Pos{File: s, Line: 1, Column: 1}, Code: s, Message: s, Path: s, Acknowledged: true, Reason: s})
	}
	f := xlsxOf(t, Workbook{Totals: tot, Table2: table2, Sheets: sheets, Findings: ds}, Danish)
	want := map[string]int{}
	for _, s := range hostileTexts {
		want[s] = 0
	}
	for _, name := range f.GetSheetList() {
		rows, err := f.GetRows(name)
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			for c, v := range row {
				if _, ok := want[v]; !ok {
					continue
				}
				want[v]++
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if formula, _ := f.GetCellFormula(name, ref); formula != "" {
					t.Errorf("%s!%s: %q became the formula %q", name, ref, v, formula)
				}
				if typ, _ := f.GetCellType(name, ref); typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
					t.Errorf("%s!%s: %q has the cell type %v, want a string", name, ref, v, typ)
				}
			}
		}
	}
	for s, n := range want {
		if n == 0 {
			t.Errorf("%q is in no sheet", s)
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
// header frozen.
func TestXLSXNumbersAndFormats(t *testing.T) {
	f := xlsxOf(t, Workbook{Totals: totals, Table2: table2}, English)
	if got := f.GetSheetList(); strings.Join(got, "|") != "Table 1|Table 2|Findings|Figures" {
		t.Fatalf("sheets %q", got)
	}
	for ref, want := range map[string]string{"A1": "Table 1. Efficiencies by committee", "A2": "DKK 1,000, 2026 prices", "B3": "2026", "A4": "Alfa-udvalget", "C4": "1234567.5", "B5": "-75", "A6": "Total", "B6": "1716", "C6": "1234567.5"} {
		v, err := f.GetCellValue("Table 1", ref, excelize.Options{RawCellValue: true})
		if err != nil || v != want {
			t.Errorf("Table 1!%s: %q, want %q (%v)", ref, v, want, err)
		}
	}
	for ref, want := range map[string]string{"B4": "#,##0;-#,##0", "C4": "#,##0.0;-#,##0.0"} {
		id, _ := f.GetCellStyle("Table 1", ref)
		st, _ := f.GetStyle(id)
		if st.CustomNumFmt == nil || *st.CustomNumFmt != want {
			t.Errorf("Table 1!%s: number format %v, want %q", ref, st.CustomNumFmt, want)
		}
	}
	if typ, _ := f.GetCellType("Table 1", "C4"); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
		t.Errorf("Table 1!C4 has the type %v, want a number", typ)
	}
	if formula, _ := f.GetCellFormula("Table 1", "C6"); formula != "SUM(C4:C5)" {
		t.Errorf("Table 1!C6: formula %q", formula)
	}
	if formula, _ := f.GetCellFormula("Table 2", "C4"); formula != "" {
		t.Errorf("Table 2!C4, a committee's figure, has the formula %q", formula)
	}
	panes, _ := f.GetPanes("Table 1")
	if !panes.Freeze || panes.YSplit != 3 {
		t.Errorf("Table 1: panes %+v, want the three header rows frozen", panes)
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
		f := xlsxOf(t, Workbook{Totals: totals, Table2: table2, Findings: ds}, c.l)
		sheet := f.GetSheetList()[2]
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(flatten(rows), "|") != strings.Join(flatten(c.want), "|") {
			t.Errorf("%s %s:\n got %q\nwant %q", c.l, sheet, rows, c.want)
		}
		if typ, _ := f.GetCellType(sheet, "B2"); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
			t.Errorf("%s!B2, a line, has the type %v, want a number", sheet, typ)
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
