package render

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/budget-ledger/budget/pkg/ledger"
)

func yearHeader(years []int) []string {
	h := make([]string, len(years))
	for i, y := range years {
		h[i] = strconv.Itoa(y)
	}
	return h
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
	g := &grid{caption: caption(unit, priceLevel, l), places: displayPlaces(unit)}
	g.unit, g.priceLevel = unit, priceLevel
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
		return writeJSON(w, totalsOf(t))
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
	g.idHeader, g.idAt = l.word("Udvalgs-id", "Committee id"), 0
	for _, c := range t.Committees {
		g.rows = append(g.rows, gridRow{id: c.ID, cells: append([]cell{txt(c.Name)}, numbers(c.Amounts)...)})
	}
	total := append([]cell{txt(l.word("I alt", "Total"))}, numbers(t.Total)...)
	g.rows = append(g.rows, totalOf(total, g.rows, 1))
	return g
}

var numberHeader = words{"Nr.", "No."}

var sectionNames = map[string][2]string{
	"investment":    {"Investeringsforslag", "Investment proposals"},
	"cross-cutting": {"Tværgående forslag", "Cross-cutting proposals"},
	"efficiency":    {"Effektiviseringsforslag", "Efficiency proposals"},
}

// Proposals writes Table 2: each committee's row, then its proposals by section, then the total
// and the footnotes.
func Proposals(w io.Writer, t ledger.Table2, f Format, l Lang) error {
	if f == JSON {
		return writeJSON(w, proposalsOf(t))
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
	g.header = append([]string{numberHeader.in(l), l.word("Udvalg / forslag", "Committee / proposal")}, years...)
	g.header = append(g.header, l.word("Samlet investering", "Total investment"), l.word("Godkendt med", "Approved with"))
	g.numeric = make([]bool, len(g.header))
	for i := 2; i < len(g.header)-1; i++ {
		g.numeric[i] = true
	}
	g.idHeader, g.idAt = l.word("Udvalgs-id", "Committee id"), 1
	blank := func(n int) []cell { return make([]cell, n) }
	marks := footnoteMarks(t)
	var committees []gridRow // the rows the total adds up
	for _, c := range t.Committees {
		row := append([]cell{txt(""), txt(c.PrintedName + marks[c.ID])}, numbers(c.Amounts)...)
		committees = append(committees, gridRow{id: c.ID, style: groupRow, cells: append(row, num(c.TotalInvestment), txt(""))})
		g.rows = append(g.rows, committees[len(committees)-1])
		section := ""
		for _, r := range c.Rows {
			if r.Kind != section {
				section = r.Kind
				name := sectionNames[section][0]
				if l == English {
					name = sectionNames[section][1]
				}
				g.rows = append(g.rows, gridRow{id: c.ID, style: sectionRow, cells: append([]cell{txt(""), txt(name)}, blank(len(g.header)-2)...)})
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
			g.rows = append(g.rows, gridRow{id: c.ID, cells: append(cells, investment, txt(approved))})
		}
	}
	total := append([]cell{txt(""), txt(l.word("I alt", "Total"))}, numbers(t.Total)...)
	total = append(total, num(t.TotalInvestment), txt(""))
	g.rows = append(g.rows, totalOf(total, committees, 2))
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
