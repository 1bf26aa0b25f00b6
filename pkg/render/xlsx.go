package render

import (
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/budget-ledger/budget/pkg/diag"
	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/budget-ledger/budget/pkg/msg"
	"github.com/shopspring/decimal"
)

// Workbook is what budget export --format xlsx writes: the computed report (Table 1 and
// Table 2), every proposal's sheet, validate's findings and the figures one a row.
type Workbook struct {
	Totals   ledger.Totals
	Table2   ledger.Table2
	Sheets   []ledger.Sheet
	Findings diag.List
}

// Sheet names are at most 31 characters, without []:*?/\ (Excel's rules); a name made of data
// is cleaned to fit (sheetName).
const sheetNameMax = 31

// maxExactDigits is how many significant digits a figure may have for a spreadsheet to hold it
// exactly: a cell's number is a float64, and a spreadsheet shows at most 15 significant digits.
const maxExactDigits = 15

// XLSX writes the workbook as an Office Open XML spreadsheet: a sheet for Table 1 and one for
// Table 2 laid out as the table format prints them (groups, sections, totals), one per proposal
// (its Tabel 1 with budget's totals under the declared ones, differences marked), one of the
// findings and a tidy one of the figures, one a row (Figures), for pivot tables. Figures are
// numbers, each shown with its own decimals in a thousands-separated format that the
// spreadsheet renders in its locale (1.791,5 in Danish, 1,791.5 in English); a figure a
// spreadsheet number cannot hold exactly is refused. Text is always text, never a formula. The
// total row of Table 1 and Table 2 is a SUM of the rows above it, its value cached.
func XLSX(w io.Writer, wb Workbook, l Lang) error {
	x := newXLSXBook(l)
	sheets := []xsheet{
		gridSheet(l.word("Tabel 1", "Table 1"), table1Title(l), totalsGrid(wb.Totals, l), sumColumns(wb.Totals.Years, 1)),
		gridSheet(l.word("Tabel 2", "Table 2"), table2Title(l), proposalsGrid(wb.Table2, l), sumColumns(wb.Table2.Years, 2, 1)),
	}
	for _, s := range wb.Sheets {
		sheets = append(sheets, proposalSheet(s, l))
	}
	sheets = append(sheets, findingsSheet(wb.Findings, l), figuresSheet(wb.Sheets, l))
	names := map[string]bool{}
	for i := range sheets {
		sheets[i].name = uniqueSheetName(sheetName(sheets[i].name), names)
	}
	// Every cell is resolved (a figure a spreadsheet number cannot hold is refused) before a
	// byte is written.
	out := make([]sxSheet, len(sheets))
	for i, s := range sheets {
		var err error
		if out[i], err = x.sheet(s); err != nil {
			return err
		}
	}
	return writeSpreadsheet(w, out, x.order)
}

// xcell is a cell of the workbook: text or a number, set off as a heading, a total or a
// difference.
type xcell struct {
	text string
	num  *decimal.Decimal
	bold bool
	// mark is the grid's mark of the figure (" ≠", " ±"), which the number format shows after
	// the number and the cell's colour sets off.
	mark string
	// formula is the cell's formula, e.g. SUM(B3:B9), its value num cached beside it.
	formula string
	// plain is a number that counts nothing: a year, a line, a proposal's number, shown without
	// a thousands separator.
	plain bool
	right bool // a header over figures, aligned with them
}

type xsheet struct {
	name   string
	rows   [][]xcell
	freeze int // rows frozen at the top: the title, unit and header
}

// sumColumns tells gridSheet which columns of the total row to write as a SUM: the year columns
// from column from on, and extra more after them (Table 2's total investment).
func sumColumns(years []int, from int, extra ...int) []int {
	n := len(years)
	for _, e := range extra {
		n += e
	}
	cols := make([]int, n)
	for i := range cols {
		cols[i] = from + i
	}
	return cols
}

// gridSheet lays out a report's grid: its title, its caption (the unit) and its header frozen
// on top, its rows, the total row a SUM of the group rows above where sums are given (and only
// where the SUM gives the total), and its notes.
func gridSheet(name, title string, g *grid, sums []int) xsheet {
	s := xsheet{name: name}
	s.rows = append(s.rows, []xcell{{text: title, bold: true}}, []xcell{{text: g.caption}})
	s.rows = append(s.rows, headerCells(g.header, g.numeric...))
	s.freeze = len(s.rows)
	var summed []int // the sheet's rows the total adds up: committee rows
	for _, r := range g.rows {
		if r.repeats {
			continue
		}
		cells := gridCells(r)
		if g.header[0] == numberHeader.in(Danish) || g.header[0] == numberHeader.in(English) {
			// Table 2's proposal numbers are numbers too.
			if n, err := strconv.Atoi(cells[0].text); err == nil {
				cells[0] = intCell(n)
			}
		}
		switch r.style {
		case groupRow, plainRow:
			if r.style == groupRow || g.rows[0].style != groupRow {
				summed = append(summed, len(s.rows))
			}
		case totalRow:
			for _, c := range sums {
				if c < len(cells) && cells[c].num != nil {
					cells[c].formula = sumFormula(s.rows, summed, c, *cells[c].num)
				}
			}
		}
		s.rows = append(s.rows, cells)
	}
	s.rows = appendNotes(s.rows, g.notes)
	return s
}

// sumFormula is the SUM of column col of the rows summed (indexes into rows), where it adds up
// to total; "" where it does not (a total the report takes from elsewhere) or where it would
// be too long for a formula.
func sumFormula(rows [][]xcell, summed []int, col int, total decimal.Decimal) string {
	if len(summed) == 0 || len(summed) > 255 {
		return ""
	}
	sum := decimal.Zero
	refs := make([]string, 0, len(summed))
	contiguous := true
	for i, r := range summed {
		if col >= len(rows[r]) || rows[r][col].num == nil {
			return ""
		}
		sum = sum.Add(*rows[r][col].num)
		refs = append(refs, cellName(col+1, r+1))
		if i > 0 && r != summed[i-1]+1 {
			contiguous = false
		}
	}
	if !sum.Equal(total) {
		return ""
	}
	if contiguous {
		return "SUM(" + refs[0] + ":" + refs[len(refs)-1] + ")"
	}
	return "SUM(" + strings.Join(refs, ",") + ")"
}

func headerCells(h []string, numeric ...bool) []xcell {
	cells := make([]xcell, len(h))
	for i, t := range h {
		cells[i] = xcell{text: t, bold: true, right: i < len(numeric) && numeric[i]}
	}
	return cells
}

func gridCells(r gridRow) []xcell {
	cells := make([]xcell, len(r.cells))
	for i, c := range r.cells {
		cells[i] = xcell{text: c.text + c.mark, num: c.num, bold: r.style != plainRow}
		if c.num != nil {
			cells[i].text, cells[i].mark = "", c.mark
		}
	}
	return cells
}

func appendNotes(rows [][]xcell, notes []string) [][]xcell {
	if len(notes) > 0 {
		rows = append(rows, nil)
	}
	for _, n := range notes {
		rows = append(rows, []xcell{{text: n}})
	}
	return rows
}

// proposalSheet is a proposal as show prints it, block by block: its identity, Tabel 1 in its
// own years with budget's totals under the declared ones, its paybacks, its row in the catalog
// and Tabel 3. The unit stands under the title, frozen with it.
func proposalSheet(s ledger.Sheet, l Lang) xsheet {
	name := l.word("Forslag ", "Proposal ") + strconv.Itoa(s.Number)
	if s.Number == 0 {
		name = s.ID
	}
	unit, priceLevel := s.Catalog.Unit, s.Catalog.PriceLevel
	if s.Economy != nil {
		unit, priceLevel = s.Economy.Unit, s.Economy.PriceLevel
	}
	x := xsheet{name: name}
	for i, b := range sheetBlocks(s, l) {
		if i > 0 {
			x.rows = append(x.rows, nil)
		}
		if b.heading != "" {
			x.rows = append(x.rows, []xcell{{text: b.heading, bold: true}})
		}
		if i == 0 {
			x.rows = append(x.rows, []xcell{{text: caption(unit, priceLevel, l)}})
			x.freeze = len(x.rows)
		}
		for _, kv := range b.fields {
			x.rows = append(x.rows, []xcell{{text: kv[0], bold: true}, {text: kv[1]}})
		}
		if b.text != "" {
			x.rows = append(x.rows, []xcell{{text: b.text}})
		}
		for _, it := range b.items {
			x.rows = append(x.rows, []xcell{{text: it.title}})
			for _, kv := range it.fields {
				x.rows = append(x.rows, []xcell{{text: ""}, {text: kv[0], bold: true}, {text: kv[1]}})
			}
		}
		if g := b.grid; g != nil {
			if g.caption != "" && g.caption != caption(unit, priceLevel, l) {
				x.rows = append(x.rows, []xcell{{text: g.caption}})
			}
			x.rows = append(x.rows, headerCells(g.header, g.numeric...))
			for _, r := range g.rows {
				x.rows = append(x.rows, gridCells(r))
			}
			x.rows = appendNotes(x.rows, g.notes)
		}
	}
	return x
}

// findingsSheet is validate's findings, one a row, worded in the run's language; an
// acknowledged one with its reason. A ledger exported with --allow-errors has its errors here.
func findingsSheet(ds diag.List, l Lang) xsheet {
	x := xsheet{name: l.word("Fund", "Findings")}
	x.rows = append(x.rows, headerCells([]string{
		l.word("Fil", "File"), l.word("Linje", "Line"), l.word("Kolonne", "Column"),
		l.word("Alvor", "Severity"), l.word("Kode", "Code"), l.word("Sti", "Path"),
		l.word("Besked", "Message"), l.word("Kvitteret", "Acknowledged"), l.word("Begrundelse", "Reason"),
	}))
	x.freeze = 1
	for _, d := range ds {
		ack := l.word("nej", "no")
		if d.Acknowledged {
			ack = l.word("ja", "yes")
		}
		x.rows = append(x.rows, []xcell{
			{text: d.Pos.File}, intCell(d.Pos.Line), intCell(d.Pos.Column),
			{text: d.Severity.In(msg.Lang(l))}, {text: d.Code}, {text: d.Path},
			{text: d.In(msg.Lang(l))}, {text: ack}, {text: d.Reason},
		})
	}
	return x
}

func intCell(n int) xcell {
	if n == 0 {
		return xcell{}
	}
	d := decimal.NewFromInt(int64(n))
	return xcell{num: &d, plain: true}
}

// figuresSheet is every figure one a row (Figures), with show's CSV's columns, its header the
// first row, for a pivot table; the unit is a column of every row.
func figuresSheet(ss []ledger.Sheet, l Lang) xsheet {
	x := xsheet{name: l.word("Tal", "Figures"), freeze: 1}
	x.rows = append(x.rows, headerCells(figureHeader(l)))
	yes, no := l.word("ja", "yes"), l.word("nej", "no")
	for _, f := range Figures(ss) {
		row := []xcell{{}, {text: f.ID}, {text: f.Committee}, {text: f.CommitteeName}, {text: f.Table}, {text: f.Section}, {text: f.Item}, {text: f.Area}, {text: f.Source}, intCell(f.Year), {num: f.Amount}, {text: f.Unit}, {text: f.PriceLevel}, {}}
		if f.Number != 0 {
			row[0] = intCell(f.Number)
		}
		if f.Compared {
			row[13].text = no
			if f.Differs {
				row[13].text = yes
			}
		}
		x.rows = append(x.rows, row)
	}
	return x
}

// sheetName cleans a name made of data for a sheet: []:*?/\ become -, control characters go,
// and it is cut to 31 characters.
func sheetName(s string) string {
	var b strings.Builder
	n := 0
	for _, r := range s {
		if n == sheetNameMax {
			break
		}
		switch {
		case strings.ContainsRune(`[]:*?/\`, r):
			r = '-'
		case r < ' ' || r == 0x7f:
			continue
		}
		b.WriteRune(r)
		n++
	}
	// A name may not begin or end with an apostrophe, nor be empty.
	name := strings.Trim(b.String(), "'")
	if strings.TrimSpace(name) == "" {
		name = "-"
	}
	return name
}

// uniqueSheetName makes name unique among the names taken (case-insensitively, as Excel
// compares them) with a suffix " (2)", " (3)", cutting the name to keep it within 31.
func uniqueSheetName(name string, taken map[string]bool) string {
	out := name
	for i := 2; taken[strings.ToLower(out)]; i++ {
		suffix := " (" + strconv.Itoa(i) + ")"
		r := []rune(name)
		if len(r)+utf8.RuneCountInString(suffix) > sheetNameMax {
			r = r[:sheetNameMax-utf8.RuneCountInString(suffix)]
		}
		out = string(r) + suffix
	}
	taken[strings.ToLower(out)] = true
	return out
}

// xlsxBook is a workbook being written, with its styles made once each.
type xlsxBook struct {
	l      Lang
	styles map[xstyle]int
	order  []sxStyle // the styles part's cell formats, by id - 1
}

type xstyle struct {
	places int32 // decimals of a number; -1 for text
	plain  bool  // a number without a thousands separator (xcell.plain)
	right  bool
	bold   bool
	mark   string
}

func newXLSXBook(l Lang) *xlsxBook {
	return &xlsxBook{l: l, styles: map[xstyle]int{}}
}

// style is the style of a cell: a number shows its own decimals, thousands separated (the
// format code is written in the file's invariant notation, #,##0.0, which a spreadsheet shows in
// its locale's: 1.791,5 in Danish, 1,791.5 in English), and a mark after it; a difference is red.
func (x *xlsxBook) style(k xstyle) int {
	if id, ok := x.styles[k]; ok {
		return id
	}
	st := sxStyle{bold: k.bold, right: k.right}
	if k.places >= 0 {
		code := "#,##0"
		if k.plain {
			code = "0"
		}
		if k.places > 0 {
			code += "." + strings.Repeat("0", int(k.places))
		}
		if k.mark != "" {
			code += `"` + k.mark + `"`
		}
		st.numFmt = code + ";-" + code
		st.red = strings.TrimSpace(k.mark) == strings.TrimSpace(differs)
	}
	for i, o := range x.order {
		if o == st {
			x.styles[k] = i + 1
			return i + 1
		}
	}
	x.order = append(x.order, st)
	x.styles[k] = len(x.order)
	return len(x.order)
}

// sheet resolves a sheet's cells and fits its columns.
func (x *xlsxBook) sheet(s xsheet) (sxSheet, error) {
	if len(s.rows) > maxRows {
		return sxSheet{}, msg.Errorf("the sheet %s would have %d rows, more than a spreadsheet's %d", s.name, len(s.rows), maxRows)
	}
	for _, r := range s.rows {
		if len(r) > maxColumns {
			return sxSheet{}, msg.Errorf("the sheet %s would have %d columns, more than a spreadsheet's %d", s.name, len(r), maxColumns)
		}
	}
	out := sxSheet{name: s.name, freeze: s.freeze, widths: columnWidths(s.rows, x.l), rows: make([][]sxCell, len(s.rows))}
	for i, r := range s.rows {
		out.rows[i] = make([]sxCell, len(r))
		for j, c := range r {
			v, err := x.value(c)
			if err != nil {
				return sxSheet{}, err
			}
			out.rows[i][j] = v
		}
	}
	return out, nil
}

// value is a cell as it is written: text as text (never a formula, whatever it begins with), a
// number as the float64 that holds it exactly, a total with its formula.
func (x *xlsxBook) value(c xcell) (sxCell, error) {
	if c.num == nil {
		if c.text == "" {
			return sxCell{}, nil
		}
		return sxCell{style: x.style(xstyle{places: -1, bold: c.bold, right: c.right}), text: c.text, isText: true}, nil
	}
	f, err := exactFloat(*c.num)
	if err != nil {
		return sxCell{}, err
	}
	places := max(-c.num.Exponent(), 0)
	if c.num.Equal(c.num.Truncate(0)) {
		places = 0
	}
	id := x.style(xstyle{places: places, plain: c.plain, bold: c.bold, mark: c.mark})
	return sxCell{style: id, number: strconv.FormatFloat(f, 'f', -1, 64), formula: c.formula}, nil
}

// exactFloat is d as a float64 that a spreadsheet writes and reads back as exactly d: at most 15
// significant digits (what a spreadsheet shows), and the float64's shortest decimal d again. A
// figure that is not is refused rather than written rounded.
func exactFloat(d decimal.Decimal) (float64, error) {
	f := d.InexactFloat64()
	s := strconv.FormatFloat(f, 'f', -1, 64)
	back, err := decimal.NewFromString(s)
	if err != nil || !back.Equal(d) || significantDigits(s) > maxExactDigits {
		return 0, msg.Errorf("the figure %s has more than %d significant digits, more than a spreadsheet number holds exactly", d.String(), maxExactDigits)
	}
	return f, nil
}

func significantDigits(s string) int {
	s = strings.TrimLeft(strings.Replace(strings.TrimPrefix(s, "-"), ".", "", 1), "0")
	return len(s)
}

// columnWidths fit each column to its longest cell, a figure as the spreadsheet shows it, text
// in full (committee names, titles) up to a paragraph's width.
func columnWidths(rows [][]xcell, l Lang) []float64 {
	var w []float64
	for _, r := range rows {
		if len(r) == 1 {
			continue // a title, caption or note: it runs over the empty cells beside it
		}
		for i, c := range r {
			n := utf8.RuneCountInString(c.text)
			if c.num != nil {
				n = utf8.RuneCountInString(l.Number(*c.num) + c.mark)
			}
			for len(w) <= i {
				w = append(w, 8)
			}
			width := min(float64(n)*1.1+2, 80)
			if width > w[i] {
				w[i] = width
			}
		}
	}
	return w
}
