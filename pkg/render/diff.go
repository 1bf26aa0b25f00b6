package render

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/budget-ledger/budget/pkg/diag"
	"github.com/budget-ledger/budget/pkg/diff"
	"github.com/budget-ledger/budget/pkg/escape"
	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/budget-ledger/budget/pkg/msg"
	"github.com/shopspring/decimal"
)

// Diff writes a ledger comparison: Table 1's change, proposals added, removed and moved, the
// changes inside each proposal, and the findings brought or resolved. Formats: table (for a
// terminal), markdown (for a pull-request comment) and json.
func Diff(w io.Writer, r *diff.Report, f Format, l Lang) error {
	switch f {
	case JSON:
		return writeJSON(w, diffOf(r, msg.Lang(l)))
	case Table, Markdown:
		d := &diffWriter{r: r, f: f, l: l}
		d.write()
		_, err := io.WriteString(w, d.b.String())
		return err
	}
	return fmt.Errorf("budget diff has no %s format: want text, markdown or json", f)
}

type diffWriter struct {
	r *diff.Report
	f Format
	l Lang
	b strings.Builder
}

func (d *diffWriter) md() bool { return d.f == Markdown }

// heading starts a section: "## x" in markdown, "x" underlined in a terminal.
func (d *diffWriter) heading(s string) {
	if d.md() {
		if !strings.HasSuffix(d.b.String(), "\n\n") {
			d.b.WriteString("\n")
		}
		fmt.Fprintf(&d.b, "#### %s\n\n", s)
		return
	}
	fmt.Fprintf(&d.b, "\n%s\n%s\n", s, strings.Repeat("-", len([]rune(s))))
}

// code quotes a name: `x` in markdown.
func (d *diffWriter) code(s string) string {
	if d.md() {
		return escape.CodeSpan(s)
	}
	return escape.Terminal(s)
}

// text is a text from the data, made safe for the format.
func (d *diffWriter) text(s string) string {
	if d.md() {
		return escape.Markdown(s)
	}
	return escape.Terminal(s)
}

func (d *diffWriter) item(s string) {
	if d.md() {
		d.b.WriteString("- " + s + "\n")
		return
	}
	d.b.WriteString("  " + s + "\n")
}

func (d *diffWriter) write() {
	r, l := d.r, d.l
	title := fmt.Sprintf("budget diff: %s → %s", d.code(r.From), d.code(r.To))
	if d.md() {
		fmt.Fprintf(&d.b, "### %s\n", title)
	} else {
		d.b.WriteString(title + "\n")
	}
	if len(r.Failed) > 0 {
		d.failed()
		return
	}
	if r.Empty() {
		d.b.WriteString("\n" + l.word("Ingen ændringer.", "No changes.") + "\n")
		return
	}
	if !r.FiguresChanged() {
		d.b.WriteString("\n" + l.word("Ingen beløb er ændret.", "No figures changed.") + "\n")
	}
	if len(r.Totals) > 0 {
		d.heading(l.word("Tabel 1: effektivisering pr. udvalg", "Table 1: efficiency per committee"))
		d.totals()
	}
	if len(r.Added)+len(r.Removed)+len(r.Moved) > 0 {
		d.heading(l.word("Forslag tilføjet, fjernet og flyttet", "Proposals added, removed and moved"))
		for _, p := range r.Added {
			d.item(fmt.Sprintf("%s %s (%s)", l.word("tilføjet", "added"), d.text(p.Label()), d.kind(p)))
		}
		for _, p := range r.Removed {
			d.item(fmt.Sprintf("%s %s (%s)", l.word("fjernet", "removed"), d.text(p.Label()), d.kind(p)))
		}
		for _, m := range r.Moved {
			d.item(fmt.Sprintf("%s %s: %s → %s", l.word("flyttet", "moved"), d.text(m.Label()), d.code(m.From), d.code(m.To)))
		}
	}
	// The catalog file's changes (its printed tables, say, after budget catalog sync) under a
	// heading of their own, then the proposals'.
	var catalog, changed []diff.Change
	for _, c := range r.Changed {
		if c.Kind == "catalog" {
			catalog = append(catalog, c)
		} else {
			changed = append(changed, c)
		}
	}
	if len(catalog) > 0 {
		d.heading(l.word("Ændret i kataloget", "Changed in the catalog"))
		for _, c := range catalog {
			d.change(c)
		}
	}
	if len(changed) > 0 {
		d.heading(l.word("Ændrede forslag", "Changed proposals"))
		for _, c := range changed {
			d.change(c)
		}
	}
	if len(r.Findings.New)+len(r.Findings.Resolved) > 0 {
		d.heading(l.word("Fund fra budget validate", "Findings of budget validate"))
		for _, f := range r.Findings.New {
			d.item(l.word("nyt: ", "new: ") + d.finding(f))
		}
		for _, f := range r.Findings.Resolved {
			d.item(l.word("løst: ", "resolved: ") + d.finding(f))
		}
	}
}

func (d *diffWriter) failed() {
	for _, f := range d.r.Failed {
		d.heading(d.l.word("Ledgeren kan ikke indlæses: ", "The ledger fails to load: ") + d.code(f.Side))
		var lines strings.Builder
		for _, e := range f.Errors {
			lines.WriteString(escape.Terminal(e.StringIn(msg.Lang(d.l))) + "\n") // one line each
		}
		if d.md() {
			d.b.WriteString(escape.CodeBlock(lines.String()))
		} else {
			d.b.WriteString(lines.String())
		}
	}
}

func (d *diffWriter) kind(r diff.Ref) string {
	var k string
	switch r.Kind {
	case "investment":
		k = d.l.word("investering", "investment")
	case "efficiency":
		k = d.l.word("effektivisering", "efficiency")
	case "cross-cutting":
		k = d.l.word("tværgående", "cross-cutting")
	default:
		k = d.text(r.Kind)
	}
	if r.Committee != "" {
		return d.code(r.Committee) + ", " + k
	}
	return k
}

func (d *diffWriter) finding(f diag.Diagnostic) string {
	if d.md() {
		return fmt.Sprintf("%s %s: %s", escape.CodeSpan(f.Pos.String()), escape.Markdown(f.Code), escape.Markdown(f.In(msg.Lang(d.l))))
	}
	return escape.Terminal(f.StringIn(msg.Lang(d.l)))
}

// totals writes Table 1's changed rows: before, after and the change per year.
func (d *diffWriter) totals() {
	r, l := d.r, d.l
	g := &grid{caption: caption(r.Unit, r.PriceLevel, l)}
	g.header = append([]string{l.word("Udvalg", "Committee"), ""}, yearHeader(r.Years)...)
	g.numeric = make([]bool, len(g.header))
	for i := 2; i < len(g.numeric); i++ {
		g.numeric[i] = true
	}
	for _, row := range r.Totals {
		name, style := row.Name, plainRow
		if row.Committee == "" {
			name, style = l.word("I alt", "Total"), totalRow
		}
		g.rows = append(g.rows,
			gridRow{style: style, cells: append([]cell{txt(name), txt(l.word("før", "before"))}, numbers(row.Before)...)},
			gridRow{style: style, cells: append([]cell{txt(""), txt(l.word("efter", "after"))}, numbers(row.After)...)},
			gridRow{style: style, cells: append([]cell{txt(""), txt(l.word("ændring", "change"))}, d.signed(row.Change)...)},
		)
	}
	var b strings.Builder
	if err := g.write(&b, d.f, l); err == nil {
		d.b.WriteString(b.String())
	}
}

// signed shows changes with their sign, and no change as a blank.
func (d *diffWriter) signed(f ledger.Figures) []cell {
	cs := make([]cell, len(f))
	for i, x := range f {
		switch x.Sign() {
		case 0:
			cs[i] = txt("")
		case 1:
			cs[i] = txt("+" + d.l.Number(x))
		default:
			cs[i] = txt(d.l.Number(x))
		}
	}
	return cs
}

func (d *diffWriter) amount(x *decimal.Decimal) string {
	if x == nil {
		return "–"
	}
	return d.l.Number(*x)
}

// change writes one proposal's changes: its amounts as a small table, then other fields.
func (d *diffWriter) change(c diff.Change) {
	l := d.l
	name := c.Label()
	if d.md() {
		fmt.Fprintf(&d.b, "**%s**\n\n", escape.Markdown(name))
	} else {
		d.b.WriteString(escape.Terminal(name) + "\n")
	}
	if len(c.Amounts) > 0 {
		if d.md() {
			fmt.Fprintf(&d.b, "| %s | %s | %s | %s | %s |\n| --- | ---: | ---: | ---: | ---: |\n",
				l.word("Række", "Row"), l.word("År", "Year"), l.word("Før", "Before"), l.word("Efter", "After"), l.word("Ændring", "Change"))
		}
		for _, a := range c.Amounts {
			change := ""
			if a.Change != nil {
				change = d.signed(ledger.Figures{*a.Change})[0].text
			}
			if d.md() {
				fmt.Fprintf(&d.b, "| %s | %d | %s | %s | %s |\n", escape.TableCodeSpan(a.Row), a.Year, d.amount(a.Before), d.amount(a.After), change)
			} else {
				fmt.Fprintf(&d.b, "  %s %d: %s → %s\n", escape.Terminal(a.Row), a.Year, d.amount(a.Before), d.amount(a.After))
			}
		}
		if d.md() {
			d.b.WriteString("\n")
		}
	}
	for _, f := range c.Fields {
		d.item(fmt.Sprintf("%s: %s → %s", d.code(f.Path), d.value(f.Before), d.value(f.After)))
	}
	if d.md() && len(c.Fields) > 0 {
		d.b.WriteString("\n")
	}
}

// value shows a changed text: quoted, shortened to 60 characters, "–" when absent.
func (d *diffWriter) value(s string) string {
	if s == "" {
		return "–"
	}
	if r := []rune(s); len(r) > 60 {
		s = string(r[:59]) + "…"
	}
	return d.text(strconv.Quote(s))
}
