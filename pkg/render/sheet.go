package render

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/budget-ledger/budget/pkg/escape"
	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/shopspring/decimal"
)

// differs is the mark of a figure budget computes otherwise than the document prints.
const differs = " ≠"

// flipped is the mark of a catalog figure that is the proposal's own with the other sign: a sign
// error, which validate reports as such, not a catalog difference.
const flipped = " ±"

// block is a part of a page: a heading, a paragraph, "key: value" lines, a list or a grid.
type block struct {
	heading string
	text    string
	fields  [][2]string
	items   []item
	grid    *grid
}

// item is an entry of a list: a title and its "key: value" lines.
type item struct {
	group  string // a group heading shown before the item when it changes
	title  string
	fields [][2]string
}

// Sheets writes proposals as budget show shows them: each with its identity, its Tabel 1 with
// budget's totals and paybacks beside the declared ones, its row in the catalog, follow-up
// goals, risk and administrative effect. CSV is the figures only, one a line; JSON has
// everything, {"proposals": [...]}.
func Sheets(w io.Writer, ss []ledger.Sheet, f Format, l Lang) error {
	switch f {
	case JSON:
		return writeJSON(w, sheetsOf(ss))
	case CSV:
		return sheetsCSV(w, ss, l)
	}
	for i, s := range ss {
		if i > 0 {
			if _, err := io.WriteString(w, "\n"); err != nil {
				return err
			}
		}
		if err := writeBlocks(w, sheetBlocks(s, l), f, l); err != nil {
			return err
		}
	}
	return nil
}

func kindName(kind string, l Lang) string {
	names, ok := kindNames[kind]
	if !ok {
		return kind
	}
	return l.word(names[0], names[1])
}

var kindNames = map[string][2]string{
	"investment":    {"Investeringsforslag", "Investment proposal"},
	"cross-cutting": {"Tværgående forslag", "Cross-cutting proposal"},
	"efficiency":    {"Effektiviseringsforslag", "Efficiency proposal"},
}

func sheetBlocks(s ledger.Sheet, l Lang) []block {
	var bs []block
	title := l.word("Forslag ", "Proposal ") + strconv.Itoa(s.Number) + ". " + s.Title
	if s.Number == 0 {
		title = l.word("Tværgående forslag: ", "Cross-cutting proposal: ") + s.Title
	}
	id := block{heading: title}
	add := func(k, v string) {
		if v != "" {
			id.fields = append(id.fields, [2]string{k, v})
		}
	}
	if s.Committee != "" {
		add(l.word("Udvalg", "Committee"), s.CommitteeName+" ("+s.Committee+")")
	}
	if s.ID != "" {
		add("Id", s.ID)
	}
	add(l.word("Art", "Kind"), kindName(s.Kind, l))
	if s.ApprovedWith != nil {
		add(l.word("Godkendt med", "Approved with"), *s.ApprovedWith)
	}
	if len(s.Continues) > 0 {
		add(l.word("Fortsætter", "Continues"), chainText(s.Continues, l))
	}
	add(l.word("Sag", "Case"), s.Case)
	add(l.word("Forvaltning", "Administration"), s.Administration)
	add(l.word("Fil", "File"), s.File)
	bs = append(bs, id)
	if s.Summary != "" {
		bs = append(bs, block{heading: l.word("Kort resumé", "Summary"), text: s.Summary})
	}
	if e := s.Economy; e != nil {
		bs = append(bs, economyBlocks(e, l)...)
	}
	bs = append(bs, catalogBlock(s.Catalog, l))
	if len(s.FollowUp) > 0 {
		b := block{heading: l.word("Opfølgningsmål (Tabel 2)", "Follow-up goals (Table 2)")}
		for _, fu := range s.FollowUp {
			it := item{group: fu.Group, title: fu.Goal}
			for _, kv := range [][2]string{
				{l.word("Måling", "Measured by"), fu.Measure},
				{l.word("Ansvarlig", "Responsible"), fu.Responsible},
				{l.word("Hvornår", "When"), fu.When},
			} {
				if kv[1] != "" {
					it.fields = append(it.fields, kv)
				}
			}
			b.items = append(b.items, it)
		}
		bs = append(bs, b)
	}
	if s.Risk != "" {
		bs = append(bs, block{heading: l.word("Risikovurdering", "Risk assessment"), text: s.Risk})
	}
	if s.AdministrativeNote != "" || s.AdministrativeEffect != nil {
		b := block{heading: l.word("Effektivisering på administration (Tabel 3)", "Administrative efficiency (Table 3)"), text: s.AdministrativeNote}
		if a := s.AdministrativeEffect; a != nil {
			unit, priceLevel := "", ""
			if s.Economy != nil {
				unit, priceLevel = s.Economy.Unit, s.Economy.PriceLevel
			}
			b.grid = sectionsGrid([]ledger.SheetSection{*a}, a.Years, unit, priceLevel, l)
		}
		bs = append(bs, b)
	}
	return bs
}

// economyBlocks are Tabel 1 with the total impact and the cumulative net effect, the paybacks,
// and any further table printed with it.
func economyBlocks(e *ledger.EconomySheet, l Lang) []block {
	var own, other []ledger.SheetSection
	for _, sec := range e.Sections {
		if sec.Key == ledger.SectionOther {
			other = append(other, sec)
		} else {
			own = append(own, sec)
		}
	}
	g := sectionsGrid(own, e.Years, e.Unit, e.PriceLevel, l)
	g.rows = append(g.rows, comparedRows(e.TotalImpact, l)...)
	label := l.word("Akkumuleret nettoeffekt (budget)", "Cumulative net effect (budget)")
	g.rows = append(g.rows, gridRow{cells: append([]cell{txt(label), txt("")}, numbers(e.Cumulative)...)})
	g.notes = append(g.notes, e.Notes...)
	bs := []block{{heading: l.word("Tabel 1. Forslagets samlede økonomiske konsekvenser", "Table 1. The proposal's total economic consequences"), grid: g}}

	pg := &grid{places: -1, header: []string{l.word("Tilbagebetalingstid, år", "Payback, years"), l.word("Trykt", "Printed"), "budget"},
		numeric: []bool{false, true, true}}
	for _, p := range e.Payback {
		name := l.word("baseret på serviceeffektivisering", "on service efficiency")
		if p.Basis == ledger.PaybackTotal {
			name = l.word("baseret på totaløkonomi", "on total economy")
		}
		printed := txt("-")
		if p.Printed != nil {
			printed = num(*p.Printed)
		}
		computed := txt(l.word("ingen", "none"))
		if p.Computed != 0 {
			computed = num(decimal.NewFromInt(int64(p.Computed)))
		}
		if p.Differs {
			computed.mark = differs
		}
		pg.rows = append(pg.rows, gridRow{cells: []cell{txt(name), printed, computed}})
	}
	if pg.marked() {
		pg.notes = append(pg.notes, l.word(
			"≠: efter Tabel 1 når den akkumulerede nettoeffekt 0 i et andet år end trykt",
			"≠: by Table 1 the cumulative net effect reaches zero in another year than printed"))
	}
	bs = append(bs, block{grid: pg})

	for i := 0; i < len(other); {
		j := i
		for j < len(other) && other[j].Table == other[i].Table {
			j++
		}
		bs = append(bs, block{heading: other[i].Table, grid: sectionsGrid(other[i:j], other[i].Years, e.Unit, e.PriceLevel, l)})
		i = j
	}
	return bs
}

// sectionsGrid lays out table sections: a heading row per titled section, its rows, and each
// declared total followed by what budget computes for it.
func sectionsGrid(secs []ledger.SheetSection, years []int, unit, priceLevel string, l Lang) *grid {
	g := newGrid(unit, priceLevel, l)
	g.header = append([]string{l.word("Post", "Item"), l.word("Styringsområde", "Steering area")}, yearHeader(years)...)
	g.numeric = make([]bool, len(g.header))
	for i := 2; i < len(g.numeric); i++ {
		g.numeric[i] = true
	}
	for _, sec := range secs {
		title := sec.Title
		if title == "" && len(secs) > 1 {
			// The document heads every block of Tabel 1; where the file keeps no title, the
			// block's kind keeps the blocks apart.
			title = sectionTitles[sec.Key].in(l)
		}
		if title != "" {
			g.rows = append(g.rows, gridRow{style: sectionRow, cells: append([]cell{txt(title)}, make([]cell, len(g.header)-1)...)})
		}
		for _, r := range sec.Rows {
			g.rows = append(g.rows, gridRow{cells: append([]cell{txt(r.Label), txt(r.Area)}, printedCells(r.Cells)...)})
		}
		for _, t := range sec.Totals {
			g.rows = append(g.rows, comparedRows(t, l)...)
		}
	}
	if g.marked() {
		g.notes = append(g.notes, l.word(
			"≠: budget beregner et andet tal end dokumentet trykker (et tomt felt tæller som 0)",
			"≠: budget computes another figure than the document prints (an empty cell counts as 0)"))
	}
	return g
}

type words [2]string

func (w words) in(l Lang) string { return l.word(w[0], w[1]) }

var sectionTitles = map[string]words{
	ledger.SectionPermanent:      {"Varige ændringer", "Permanent changes"},
	ledger.SectionImplementation: {"Implementeringsomkostninger", "Implementation costs"},
}

// comparedRows is a declared row and, under it, budget's figures, each difference marked. A row
// the document prints empty and budget computes as zero is not repeated.
func comparedRows(c ledger.ComparedLine, l Lang) []gridRow {
	var rows []gridRow
	if c.Declared != nil {
		rows = append(rows, gridRow{style: totalRow, cells: append([]cell{txt(c.Label), txt(c.Area)}, printedCells(c.Declared)...)})
		if !c.Differ() && allZero(c.Computed) && !anyPrinted(c.Declared) {
			return rows
		}
	}
	label := l.word("↳ budget beregner", "↳ budget computes")
	if c.Declared == nil {
		label = c.Label + l.word(" (budget; ikke trykt)", " (budget; not printed)")
	}
	cells := append([]cell{txt(label), txt("")}, numbers(c.Computed)...)
	for i, d := range c.Differs {
		if d {
			cells[2+i].mark = differs
		}
	}
	return append(rows, gridRow{cells: cells})
}

func allZero(f ledger.Figures) bool {
	for _, d := range f {
		if !d.IsZero() {
			return false
		}
	}
	return true
}

func anyPrinted(cs ledger.Cells) bool {
	for _, c := range cs {
		if c.Printed {
			return true
		}
	}
	return false
}

func printedCells(cs ledger.Cells) []cell {
	out := make([]cell, len(cs))
	for i, c := range cs {
		if c.Printed {
			out[i] = num(c.Value)
		}
	}
	return out
}

// catalogBlock is the proposal's row in Table 2 against its own permanent change and costs.
func catalogBlock(c ledger.CatalogSheet, l Lang) block {
	b := block{heading: l.word("Bidrag i kataloget (Tabel 2)", "Contribution in the catalog (Table 2)")}
	b.fields = [][2]string{{l.word("Titel i kataloget", "Title in the catalog"), c.Title}}
	g := newGrid(c.Unit, c.PriceLevel, l)
	g.header = append(append([]string{""}, yearHeader(c.Years)...), l.word("Samlet investering", "Total investment"))
	g.numeric = make([]bool, len(g.header))
	for i := 1; i < len(g.numeric); i++ {
		g.numeric[i] = true
	}
	investment := func(d *decimal.Decimal) cell {
		if d == nil {
			return txt("-")
		}
		return num(*d)
	}
	for _, sh := range c.Shares {
		cells := append([]cell{txt(sh.CommitteeName)}, printedCells(sh.Contribution)...)
		g.rows = append(g.rows, gridRow{cells: append(cells, investment(sh.TotalInvestment))})
	}
	cells := append([]cell{txt(l.word("Kataloget trykker", "The catalog prints"))}, printedCells(c.Contribution)...)
	cells = append(cells, investment(c.TotalInvestment))
	if c.Shares != nil {
		cells[0] = txt(l.word("I alt", "Total"))
		g.rows = append(g.rows, totalOf(cells, g.rows, 1))
	} else {
		g.rows = append(g.rows, gridRow{cells: cells})
	}
	if c.Own != nil {
		cells := append([]cell{txt(l.word("Tabel 1: varig ændring, med katalogets fortegn", "Table 1: permanent change, catalog's sign"))}, printedCells(c.Own)...)
		for i, d := range c.Differs {
			if d {
				cells[1+i].mark = differs
			} else if i < len(c.Flipped) && c.Flipped[i] {
				cells[1+i].mark = flipped
			}
		}
		costs := investment(c.ImplementationCosts)
		if c.InvestmentDiffers {
			costs.mark = differs
		}
		g.rows = append(g.rows, gridRow{cells: append(cells, costs)})
	}
	if g.markedWith(differs) {
		g.notes = append(g.notes, l.word(
			"≠: kataloget trykker et andet tal end forslagets egen Tabel 1 (samlet investering: implementeringsomkostningerne)",
			"≠: the catalog prints another figure than the proposal's own Table 1 (total investment: the implementation costs)"))
	}
	if g.markedWith(flipped) {
		g.notes = append(g.notes, l.word(
			"±: kataloget trykker forslagets eget tal med modsat fortegn: en fortegnsfejl i forslaget eller i kataloget (validate: sign), ikke en afvigelse",
			"±: the catalog prints the proposal's own figure with the other sign: a sign error in the proposal or in the catalog (validate: sign), not a difference"))
	}
	var uncovered []string
	for i, o := range c.Own {
		if !o.Printed {
			uncovered = append(uncovered, strconv.Itoa(c.Years[i]))
		}
	}
	if uncovered != nil {
		g.notes = append(g.notes, l.word("Tabel 1 har ingen kolonne for ", "Table 1 has no column for ")+strings.Join(uncovered, ", "))
	}
	if c.InvestmentIn != "" {
		g.notes = append(g.notes, l.word("Samlet investering: se ", "Total investment: see ")+c.InvestmentIn)
	}
	b.grid = g
	return b
}

// marked reports whether any cell of g carries a mark.
func (g *grid) marked() bool { return g.markedWith("") }

// markedWith reports whether a cell carries mark; any mark where mark is "".
func (g *grid) markedWith(mark string) bool {
	for _, r := range g.rows {
		for _, c := range r.cells {
			if c.mark != "" && (mark == "" || c.mark == mark) {
				return true
			}
		}
	}
	return false
}

// writeBlocks writes a page for a terminal (table) or as markdown. Every text from the data goes
// through escape.Terminal or escape.Markdown on its way.
func writeBlocks(w io.Writer, bs []block, f Format, l Lang) error {
	var b strings.Builder
	md := f == Markdown
	text := escape.Terminal
	if md {
		text = escape.Markdown
	}
	for i, bl := range bs {
		if i > 0 {
			b.WriteByte('\n')
		}
		if bl.heading != "" {
			switch {
			case md && i == 0:
				fmt.Fprintf(&b, "## %s\n\n", text(bl.heading))
			case md:
				fmt.Fprintf(&b, "### %s\n\n", text(bl.heading))
			default:
				fmt.Fprintf(&b, "%s\n", text(bl.heading))
			}
		}
		for _, kv := range bl.fields {
			if md {
				fmt.Fprintf(&b, "- %s: %s\n", kv[0], text(kv[1]))
			} else {
				fmt.Fprintf(&b, "  %s: %s\n", kv[0], text(kv[1]))
			}
		}
		if bl.text != "" {
			if md {
				fmt.Fprintf(&b, "%s\n", escape.MarkdownParagraphs(bl.text))
			} else {
				b.WriteString(wrap(bl.text, "  ", 100))
			}
		}
		group := ""
		for n, it := range bl.items {
			if it.group != group && it.group != "" {
				if md && n > 0 {
					b.WriteByte('\n')
				}
				if md {
					fmt.Fprintf(&b, "**%s**\n\n", text(it.group))
				} else {
					fmt.Fprintf(&b, "  %s\n", text(it.group))
				}
			}
			group = it.group
			if md {
				fmt.Fprintf(&b, "- %s\n", text(it.title))
				for _, kv := range it.fields {
					fmt.Fprintf(&b, "  - %s: %s\n", kv[0], text(kv[1]))
				}
				continue
			}
			b.WriteString(wrap("• "+it.title, "    ", 100))
			for _, kv := range it.fields {
				b.WriteString(wrap(kv[0]+": "+kv[1], "      ", 100))
			}
		}
		if bl.grid != nil {
			if (bl.text != "" || bl.fields != nil) && md {
				b.WriteByte('\n')
			}
			if _, err := io.WriteString(w, b.String()); err != nil {
				return err
			}
			b.Reset()
			if err := bl.grid.write(w, f, l); err != nil {
				return err
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// wrap breaks text into lines of at most width characters (a longer word stands alone), each
// starting with indent, for a terminal: each word has its hidden characters written visibly.
func wrap(text, indent string, width int) string {
	var b strings.Builder
	line := indent
	for _, word := range strings.Fields(text) {
		word = escape.Terminal(word)
		if line != indent && len([]rune(line))+1+len([]rune(word)) > width {
			b.WriteString(line + "\n")
			line = indent
		}
		if line != indent {
			line += " "
		}
		line += word
	}
	if line != indent {
		b.WriteString(line + "\n")
	}
	return b.String()
}

// chainText is a continuation chain on one line: "budget 2025 nr. 14 Digital jobsamtale ←
// budget 2024 nr. 2 Digital visitation"; a broken link says so.
func chainText(links []ledger.Link, l Lang) string {
	parts := make([]string, len(links))
	for i, k := range links {
		title := k.Title
		if title == "" {
			title = l.word("(ikke i ledgeren)", "(not in the ledger)")
		}
		parts[i] = fmt.Sprintf(l.word("budget %d nr. %d %s", "budget %d no. %d %s"), k.Budget, k.Number, title)
	}
	return strings.Join(parts, " ← ")
}
