package render

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/budget-ledger/budget/pkg/escape"
	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/shopspring/decimal"
)

func yearHeader(years []int) []string {
	h := make([]string, len(years))
	for i, y := range years {
		h[i] = strconv.Itoa(y)
	}
	return h
}

func caption(unit, priceLevel string) string {
	if unit == "" {
		return priceLevel
	}
	return unit + " " + priceLevel
}

// displayPlaces is how many decimals amounts in unit are shown with in the table and markdown
// formats: one for millions, as the catalog's intro writes them (62,2 mio. kr.); every decimal
// they have otherwise. CSV and JSON always carry the exact figures.
func displayPlaces(unit string) int32 {
	if unit == ledger.Millions.Name {
		return 1
	}
	return -1
}

// selectionNotes say which proposals a filter kept, for the caption: a sliced total must not
// pass for the whole catalog's. The committees kept show as rows, the years as columns.
func selectionNotes(f ledger.Filter, l Lang) []string {
	var notes []string
	if len(f.Kinds) > 0 {
		names := make([]string, len(f.Kinds))
		for i, k := range f.Kinds {
			names[i] = strings.ToLower(sectionNames[k][0])
			if l == English {
				names[i] = strings.ToLower(sectionNames[k][1])
			}
		}
		notes = append(notes, l.word("kun ", "only ")+strings.Join(names, l.word(" og ", " and ")))
	}
	if f.ApprovedWith != "" {
		notes = append(notes, l.word("godkendt med ", "approved with ")+strconv.Quote(f.ApprovedWith))
	}
	return notes
}

// newGrid starts a grid for amounts in unit: caption, rounding and the caption's note on it.
func newGrid(unit, priceLevel string, l Lang, notes ...string) *grid {
	g := &grid{caption: caption(unit, priceLevel), places: displayPlaces(unit)}
	if g.places >= 0 {
		notes = append(notes, l.word(
			fmt.Sprintf("afrundet til %d decimal; summer af de uafrundede tal", g.places),
			fmt.Sprintf("rounded to %d decimal; sums of the unrounded figures", g.places)))
	}
	if len(notes) > 0 {
		g.caption += " (" + strings.Join(notes, "; ") + ")"
	}
	return g
}

func numbers(f ledger.Figures) []cell {
	cs := make([]cell, len(f))
	for i, d := range f {
		cs[i] = num(d)
	}
	return cs
}

// Totals writes Table 1: a row per committee, a column per year, and the total.
func Totals(w io.Writer, t ledger.Totals, f Format, l Lang) error {
	if f == JSON {
		return totalsJSON(w, t)
	}
	return totalsGrid(t, l).write(w, f, l)
}

// totalsGrid lays out Table 1 for the table, markdown, CSV and HTML writers.
func totalsGrid(t ledger.Totals, l Lang) *grid {
	notes := selectionNotes(t.Selection, l)
	if t.CumulativeFrom != 0 {
		notes = append(notes, l.word(fmt.Sprintf("løbende sum fra %d", t.CumulativeFrom), fmt.Sprintf("running sum from %d", t.CumulativeFrom)))
	}
	g := newGrid(t.Unit, t.PriceLevel, l, notes...)
	g.header = append([]string{l.word("Udvalg", "Committee")}, yearHeader(t.Years)...)
	g.numeric = make([]bool, len(g.header))
	for i := 1; i < len(g.numeric); i++ {
		g.numeric[i] = true
	}
	for _, c := range t.Committees {
		g.rows = append(g.rows, gridRow{cells: append([]cell{txt(c.Name)}, numbers(c.Amounts)...)})
	}
	g.rows = append(g.rows, gridRow{style: totalRow, cells: append([]cell{txt(l.word("I alt", "Total"))}, numbers(t.Total)...)})
	return g
}

// amountsJSON is a row's figures as {"2026": "1791", ...}, amounts as decimal strings.
type amountsJSON map[string]string

func amountsOf(years []int, f ledger.Figures) amountsJSON {
	m := amountsJSON{}
	for i, y := range years {
		m[strconv.Itoa(y)] = f[i].String()
	}
	return m
}

// writeJSON writes v as indented JSON with the exact text of the data, hidden characters as \u
// escapes (escape.JSON), so that the JSON is safe to show in a terminal too.
func writeJSON(w io.Writer, v any) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(escape.JSON(b.Bytes()))
	return err
}

func totalsJSON(w io.Writer, t ledger.Totals) error {
	type committee struct {
		ID        string      `json:"id"`
		Committee string      `json:"committee"`
		Amounts   amountsJSON `json:"amounts"`
	}
	out := struct {
		Unit       string `json:"unit"`
		PriceLevel string `json:"price_level"`
		Years      []int  `json:"years"`
		// CumulativeFrom is set where the amounts are running sums from that year.
		CumulativeFrom int         `json:"cumulative_from,omitempty"`
		Committees     []committee `json:"committees"`
		Total          amountsJSON `json:"total"`
	}{Unit: t.Unit, PriceLevel: t.PriceLevel, Years: t.Years, CumulativeFrom: t.CumulativeFrom, Committees: []committee{}, Total: amountsOf(t.Years, t.Total)}
	for _, c := range t.Committees {
		out.Committees = append(out.Committees, committee{ID: c.ID, Committee: c.Name, Amounts: amountsOf(t.Years, c.Amounts)})
	}
	return writeJSON(w, out)
}

var sectionNames = map[string][2]string{
	"investment":    {"Investeringsforslag", "Investment proposals"},
	"cross-cutting": {"Tværgående forslag", "Cross-cutting proposals"},
	"efficiency":    {"Effektiviseringsforslag", "Efficiency proposals"},
}

// Proposals writes Table 2: each committee's row, then its proposals by section, then the total
// and the footnotes.
func Proposals(w io.Writer, t ledger.Table2, f Format, l Lang) error {
	if f == JSON {
		return proposalsJSON(w, t)
	}
	return proposalsGrid(t, l).write(w, f, l)
}

// proposalsGrid lays out Table 2 for the table, markdown, CSV and HTML writers. A numbered
// proposal's title links to its section of the HTML report.
func proposalsGrid(t ledger.Table2, l Lang) *grid {
	g := newGrid(t.Unit, t.PriceLevel, l, selectionNotes(t.Selection, l)...)
	years := yearHeader(t.Years)
	if n := len(years); n > 0 && t.Years[n-1] == t.PermanentYear {
		years[n-1] += l.word(" (varig)", " (permanent)")
	}
	g.header = append([]string{l.word("Nr.", "No."), l.word("Udvalg / forslag", "Committee / proposal")}, years...)
	g.header = append(g.header, l.word("Samlet investering", "Total investment"), l.word("Godkendt med", "Approved with"))
	g.numeric = make([]bool, len(g.header))
	for i := 2; i < len(g.header)-1; i++ {
		g.numeric[i] = true
	}
	blank := func(n int) []cell { return make([]cell, n) }
	marks := footnoteMarks(t)
	for _, c := range t.Committees {
		row := append([]cell{txt(""), txt(c.PrintedName + marks[c.ID])}, numbers(c.Amounts)...)
		g.rows = append(g.rows, gridRow{style: groupRow, cells: append(row, num(c.TotalInvestment), txt(""))})
		section := ""
		for _, r := range c.Rows {
			if r.Kind != section {
				section = r.Kind
				name := sectionNames[section][0]
				if l == English {
					name = sectionNames[section][1]
				}
				g.rows = append(g.rows, gridRow{style: sectionRow, cells: append([]cell{txt(""), txt(name)}, blank(len(g.header)-2)...)})
			}
			number := ""
			if r.Number != 0 {
				number = strconv.Itoa(r.Number)
			}
			investment := txt("-")
			if r.TotalInvestment != nil {
				investment = num(*r.TotalInvestment)
			}
			approved := ""
			if r.ApprovedWith != nil {
				approved = *r.ApprovedWith
			}
			title := txt(r.Title)
			if r.Number != 0 {
				title.link = proposalAnchor(r.Number)
			}
			cells := append([]cell{txt(number), title}, numbers(r.Amounts)...)
			g.rows = append(g.rows, gridRow{cells: append(cells, investment, txt(approved))})
		}
	}
	total := append([]cell{txt(""), txt(l.word("I alt", "Total"))}, numbers(t.Total)...)
	g.rows = append(g.rows, gridRow{style: totalRow, cells: append(total, num(t.TotalInvestment), txt(""))})
	for _, fn := range t.Footnotes {
		if fn.Table == 2 {
			g.notes = append(g.notes, strings.TrimSpace(fn.Mark+" "+fn.Text))
		}
	}
	return g
}

// footnoteMarks returns the Table 2 footnote mark of each committee that has one.
func footnoteMarks(t ledger.Table2) map[string]string {
	m := map[string]string{}
	for _, fn := range t.Footnotes {
		if fn.Table == 2 && fn.Committee != "" {
			m[fn.Committee] = fn.Mark
		}
	}
	return m
}

func proposalsJSON(w io.Writer, t ledger.Table2) error {
	type row struct {
		Number          *int        `json:"number"`
		Title           string      `json:"title"`
		Kind            string      `json:"kind"`
		Amounts         amountsJSON `json:"amounts"`
		TotalInvestment *string     `json:"total_investment"`
		ApprovedWith    *string     `json:"approved_with"`
	}
	type committee struct {
		ID              string      `json:"id"`
		Committee       string      `json:"committee"`
		Amounts         amountsJSON `json:"amounts"`
		TotalInvestment string      `json:"total_investment"`
		Proposals       []row       `json:"proposals"`
	}
	type total struct {
		Amounts         amountsJSON `json:"amounts"`
		TotalInvestment string      `json:"total_investment"`
	}
	out := struct {
		Unit       string      `json:"unit"`
		PriceLevel string      `json:"price_level"`
		Years      []int       `json:"years"`
		Committees []committee `json:"committees"`
		Total      total       `json:"total"`
	}{Unit: t.Unit, PriceLevel: t.PriceLevel, Years: t.Years, Committees: []committee{}, Total: total{amountsOf(t.Years, t.Total), t.TotalInvestment.String()}}
	for _, c := range t.Committees {
		jc := committee{ID: c.ID, Committee: c.PrintedName, Amounts: amountsOf(t.Years, c.Amounts),
			TotalInvestment: c.TotalInvestment.String(), Proposals: []row{}}
		for _, r := range c.Rows {
			jr := row{Title: r.Title, Kind: r.Kind, Amounts: amountsOf(t.Years, r.Amounts), ApprovedWith: r.ApprovedWith}
			if r.Number != 0 {
				n := r.Number
				jr.Number = &n
			}
			jr.TotalInvestment = decimalString(r.TotalInvestment)
			jc.Proposals = append(jc.Proposals, jr)
		}
		out.Committees = append(out.Committees, jc)
	}
	return writeJSON(w, out)
}

func decimalString(d *decimal.Decimal) *string {
	if d == nil {
		return nil
	}
	s := d.String()
	return &s
}

// Export writes the whole ledger, normalised, as JSON: the catalog, the proposals and the
// cross-cutting proposals with every field. It writes the same bytes as writeJSON of
// {catalog, proposals, cross_cutting}, but one file's value at a time, so that its memory holds
// one proposal's JSON rather than the whole ledger's twice over.
func Export(w io.Writer, l *ledger.Ledger) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("{\n  \"catalog\": ")
	if err := writeIndented(bw, l.Catalog, "  "); err != nil {
		return err
	}
	bw.WriteString(",\n  \"proposals\": ")
	if err := writeList(bw, l.Proposals); err != nil {
		return err
	}
	bw.WriteString(",\n  \"cross_cutting\": ")
	if err := writeList(bw, l.CrossCutting); err != nil {
		return err
	}
	bw.WriteString("\n}\n")
	return bw.Flush()
}

// writeList writes the items of a list in the middle of writeJSON's output, one at a time.
func writeList[T any](w *bufio.Writer, items []T) error {
	if len(items) == 0 { // null or [], as writeJSON writes them
		return writeIndented(w, items, "  ")
	}
	w.WriteString("[")
	for i, it := range items {
		if i > 0 {
			w.WriteString(",")
		}
		w.WriteString("\n    ")
		if err := writeIndented(w, it, "    "); err != nil {
			return err
		}
	}
	w.WriteString("\n  ]")
	return nil
}

// writeIndented writes v as writeJSON would at a depth whose lines start with prefix.
func writeIndented(w *bufio.Writer, v any, prefix string) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent(prefix, "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(escape.JSON(bytes.TrimSuffix(b.Bytes(), []byte("\n"))))
	return err
}
