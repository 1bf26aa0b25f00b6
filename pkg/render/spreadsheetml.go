package render

import (
	"archive/zip"
	"bufio"
	"io"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// This file writes an Office Open XML spreadsheet (ECMA-376 SpreadsheetML) as a zip archive of
// the few parts budget's workbook needs: the content types, the package's and the workbook's
// relationships, the workbook (its sheets' names), one worksheet a sheet and the styles (the
// number formats, bold, the red of a difference). Text is an inline string, a number its value,
// a total its formula with the value cached. It replaced github.com/xuri/excelize/v2, of which
// budget used the stream writer only: excelize's init cost every run of budget a millisecond and
// a megabyte (its tables of formula functions and column names), and its releases carry CVE
// fixes a pinned version lacks.

const (
	nsMain  = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	nsRel   = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	xmlHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
	// maxCellChars is how many UTF-16 units a cell's text may have (Excel's limit): longer text
	// is cut, as a spreadsheet would refuse the cell.
	maxCellChars = 32767
	// maxRows and maxColumns are a sheet's size in Excel: a sheet larger is refused (xlsxBook.sheet).
	maxRows    = 1 << 20
	maxColumns = 1 << 14
)

// sxCell is a cell resolved for writing: its style (an index into the styles' cellXfs, 0 the
// default), and either its text or its number (the shortest decimal of the float64) with the
// formula of a total. The zero sxCell is an empty cell, not written.
type sxCell struct {
	style   int
	text    string
	isText  bool
	number  string
	formula string
}

// sxSheet is a worksheet resolved for writing.
type sxSheet struct {
	name   string
	rows   [][]sxCell
	widths []float64 // of columns 1, 2, ...
	freeze int       // rows frozen at the top
}

// sxStyle is a cell format of the styles part: a number format code ("" for General), bold, a
// difference's red on pink, aligned right.
type sxStyle struct {
	numFmt string
	bold   bool
	red    bool
	right  bool
}

// writeSpreadsheet writes the workbook of sheets, the first one selected, with the cell formats
// styles (a cell's style 1 is styles[0]; 0 is the default format) to w.
func writeSpreadsheet(w io.Writer, sheets []sxSheet, styles []sxStyle) error {
	z := zip.NewWriter(w)
	part := func(name string, write func(*bufio.Writer)) error {
		f, err := z.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate})
		if err != nil {
			return err
		}
		b := bufio.NewWriter(f)
		b.WriteString(xmlHead)
		write(b)
		return b.Flush()
	}
	err := part("[Content_Types].xml", func(b *bufio.Writer) {
		b.WriteString(`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`)
		b.WriteString(`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>`)
		b.WriteString(`<Default Extension="xml" ContentType="application/xml"/>`)
		b.WriteString(`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>`)
		b.WriteString(`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>`)
		for i := range sheets {
			b.WriteString(`<Override PartName="/xl/worksheets/sheet` + strconv.Itoa(i+1) + `.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
		}
		b.WriteString(`</Types>`)
	})
	if err == nil {
		err = part("_rels/.rels", func(b *bufio.Writer) {
			b.WriteString(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
			b.WriteString(`<Relationship Id="rId1" Type="` + nsRel + `/officeDocument" Target="xl/workbook.xml"/>`)
			b.WriteString(`</Relationships>`)
		})
	}
	if err == nil {
		err = part("xl/workbook.xml", func(b *bufio.Writer) {
			b.WriteString(`<workbook xmlns="` + nsMain + `" xmlns:r="` + nsRel + `"><bookViews><workbookView activeTab="0"/></bookViews><sheets>`)
			for i, s := range sheets {
				n := strconv.Itoa(i + 1)
				b.WriteString(`<sheet name="`)
				escapeXML(b, s.name)
				b.WriteString(`" sheetId="` + n + `" r:id="rId` + n + `"/>`)
			}
			b.WriteString(`</sheets></workbook>`)
		})
	}
	if err == nil {
		err = part("xl/_rels/workbook.xml.rels", func(b *bufio.Writer) {
			b.WriteString(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
			for i := range sheets {
				n := strconv.Itoa(i + 1)
				b.WriteString(`<Relationship Id="rId` + n + `" Type="` + nsRel + `/worksheet" Target="worksheets/sheet` + n + `.xml"/>`)
			}
			b.WriteString(`<Relationship Id="rId` + strconv.Itoa(len(sheets)+1) + `" Type="` + nsRel + `/styles" Target="styles.xml"/>`)
			b.WriteString(`</Relationships>`)
		})
	}
	for i := range sheets {
		if err != nil {
			break
		}
		err = part("xl/worksheets/sheet"+strconv.Itoa(i+1)+".xml", func(b *bufio.Writer) { writeWorksheet(b, sheets[i], i == 0) })
	}
	if err == nil {
		err = part("xl/styles.xml", func(b *bufio.Writer) { writeStyles(b, styles) })
	}
	if err != nil {
		return err
	}
	return z.Close()
}

// writeWorksheet writes a sheet: fitted to the width of a landscape page when printed, its top
// rows frozen, its columns' widths, its cells.
func writeWorksheet(b *bufio.Writer, s sxSheet, selected bool) {
	b.WriteString(`<worksheet xmlns="` + nsMain + `" xmlns:r="` + nsRel + `">`)
	b.WriteString(`<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>`)
	b.WriteString(`<dimension ref="` + dimension(s.rows) + `"/>`)
	b.WriteString(`<sheetViews><sheetView`)
	if selected {
		b.WriteString(` tabSelected="1"`)
	}
	b.WriteString(` workbookViewId="0">`)
	if s.freeze > 0 {
		n := strconv.Itoa(s.freeze)
		b.WriteString(`<pane ySplit="` + n + `" topLeftCell="A` + strconv.Itoa(s.freeze+1) + `" activePane="bottomLeft" state="frozen"/>`)
		b.WriteString(`<selection pane="bottomLeft"/>`)
	}
	b.WriteString(`</sheetView></sheetViews>`)
	b.WriteString(`<sheetFormatPr defaultRowHeight="15"/>`)
	if len(s.widths) > 0 {
		b.WriteString(`<cols>`)
		for i, w := range s.widths {
			n := strconv.Itoa(i + 1)
			b.WriteString(`<col min="` + n + `" max="` + n + `" width="` + strconv.FormatFloat(w, 'f', -1, 64) + `" customWidth="1"/>`)
		}
		b.WriteString(`</cols>`)
	}
	b.WriteString(`<sheetData>`)
	for r, row := range s.rows {
		rn := strconv.Itoa(r + 1)
		b.WriteString(`<row r="` + rn + `">`)
		for c, cell := range row {
			if !cell.isText && cell.number == "" {
				continue
			}
			b.WriteString(`<c r="` + columnName(c+1) + rn + `"`)
			if cell.style != 0 {
				b.WriteString(` s="` + strconv.Itoa(cell.style) + `"`)
			}
			if cell.isText {
				b.WriteString(` t="inlineStr"><is><t`)
				t := cutUTF16(cell.text, maxCellChars)
				if t != "" && (isXMLSpace(t[0]) || isXMLSpace(t[len(t)-1])) {
					b.WriteString(` xml:space="preserve"`)
				}
				b.WriteString(`>`)
				escapeXML(b, escapeOOXML(t))
				b.WriteString(`</t></is></c>`)
				continue
			}
			b.WriteString(`>`)
			if cell.formula != "" {
				b.WriteString(`<f>`)
				escapeXML(b, cell.formula)
				b.WriteString(`</f>`)
			}
			b.WriteString(`<v>` + cell.number + `</v></c>`)
		}
		b.WriteString(`</row>`)
	}
	b.WriteString(`</sheetData>`)
	b.WriteString(`<pageSetup orientation="landscape" fitToWidth="1" fitToHeight="0"/>`)
	b.WriteString(`</worksheet>`)
}

// writeStyles writes the styles part: the number formats of styles (numbered from 164, the first
// id a file's own may have), four fonts (regular, bold, and each red), the fills (the two every
// file has, and a difference's pink), and a cell format per style after the default one.
func writeStyles(b *bufio.Writer, styles []sxStyle) {
	b.WriteString(`<styleSheet xmlns="` + nsMain + `">`)
	fmtID := map[string]int{}
	var codes []string
	for _, s := range styles {
		if _, ok := fmtID[s.numFmt]; !ok && s.numFmt != "" {
			fmtID[s.numFmt] = 164 + len(codes)
			codes = append(codes, s.numFmt)
		}
	}
	if len(codes) > 0 {
		b.WriteString(`<numFmts count="` + strconv.Itoa(len(codes)) + `">`)
		for i, c := range codes {
			b.WriteString(`<numFmt numFmtId="` + strconv.Itoa(164+i) + `" formatCode="`)
			escapeXML(b, c)
			b.WriteString(`"/>`)
		}
		b.WriteString(`</numFmts>`)
	}
	b.WriteString(`<fonts count="4">`)
	for _, f := range []struct{ bold, color string }{{"", ""}, {`<b/>`, ""}, {"", `<color rgb="FFC00000"/>`}, {`<b/>`, `<color rgb="FFC00000"/>`}} {
		b.WriteString(`<font>` + f.bold + `<sz val="11"/>` + f.color + `<name val="Calibri"/><family val="2"/></font>`)
	}
	b.WriteString(`</fonts>`)
	b.WriteString(`<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>`)
	b.WriteString(`<fill><patternFill patternType="solid"><fgColor rgb="FFFDE2E2"/><bgColor indexed="64"/></patternFill></fill></fills>`)
	b.WriteString(`<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>`)
	b.WriteString(`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>`)
	b.WriteString(`<cellXfs count="` + strconv.Itoa(len(styles)+1) + `"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`)
	for _, s := range styles {
		font, fill := 0, 0
		if s.bold {
			font = 1
		}
		if s.red {
			font, fill = font+2, 2
		}
		b.WriteString(`<xf numFmtId="` + strconv.Itoa(fmtID[s.numFmt]) + `" fontId="` + strconv.Itoa(font) + `" fillId="` + strconv.Itoa(fill) + `" borderId="0" xfId="0"`)
		if s.numFmt != "" {
			b.WriteString(` applyNumberFormat="1"`)
		}
		b.WriteString(` applyFont="1"`)
		if fill != 0 {
			b.WriteString(` applyFill="1"`)
		}
		if s.right {
			b.WriteString(` applyAlignment="1"><alignment horizontal="right"/></xf>`)
		} else {
			b.WriteString(`/>`)
		}
	}
	b.WriteString(`</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`)
}

// dimension is the range of a sheet's cells, A1 for an empty one.
func dimension(rows [][]sxCell) string {
	last, cols := 0, 0
	for r, row := range rows {
		for c, cell := range row {
			if cell.isText || cell.number != "" {
				last, cols = r+1, max(cols, c+1)
			}
		}
	}
	if last == 0 {
		return "A1"
	}
	return "A1:" + columnName(cols) + strconv.Itoa(last)
}

// columnName is the letters of the 1-based column col: A, ..., Z, AA, ...
func columnName(col int) string {
	var b [8]byte
	i := len(b)
	for ; col > 0; col = (col - 1) / 26 {
		i--
		b[i] = byte('A' + (col-1)%26)
	}
	return string(b[i:])
}

// cellName is the reference of the cell in the 1-based column col and row, e.g. B4.
func cellName(col, row int) string { return columnName(col) + strconv.Itoa(row) }

func isXMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// escapeXML writes s as XML character data, fit for an attribute's value too; a character XML
// cannot hold (a control character) becomes U+FFFD. A line break stays a line break.
func escapeXML(b *bufio.Writer, s string) {
	for len(s) > 0 {
		i := strings.IndexFunc(s, func(r rune) bool {
			return r == '<' || r == '>' || r == '&' || r == '"' || r == '\'' || r == '\r' || r == '\t' ||
				(r < ' ' && r != '\n') || r == utf8.RuneError || (r >= 0xFFFE && r <= 0xFFFF) || (r >= 0xD800 && r <= 0xDFFF)
		})
		if i < 0 {
			b.WriteString(s)
			return
		}
		b.WriteString(s[:i])
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '&':
			b.WriteString("&amp;")
		case r == '"':
			b.WriteString("&#34;")
		case r == '\'':
			b.WriteString("&#39;")
		case r == '\r':
			b.WriteString("&#xD;")
		case r == '\t':
			b.WriteString("&#x9;")
		case r == utf8.RuneError && n > 1:
			b.WriteString(s[i : i+n]) // U+FFFD itself
		default:
			b.WriteString("\uFFFD")
		}
		s = s[i+n:]
	}
}

// escapeOOXML keeps a text's _xHHHH_ from being read as the character HHHH (ECMA-376's
// escape of characters XML cannot hold): the underscore that begins one is written _x005F_.
func escapeOOXML(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '_' && isOOXMLEscape(s[i:]) {
			b.WriteString("_x005F")
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func isOOXMLEscape(s string) bool {
	if len(s) < 7 || s[1] != 'x' || s[6] != '_' {
		return false
	}
	for _, c := range []byte(s[2:6]) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// cutUTF16 cuts s to at most n UTF-16 units, never within a character.
func cutUTF16(s string, n int) string {
	if len(s) <= n {
		return s // every character is at least one byte and at most two units of its bytes
	}
	units := 0
	for i, r := range s {
		units += utf16.RuneLen(r)
		if units > n {
			return s[:i]
		}
	}
	return s
}
