package render

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/budget-ledger/budget/pkg/proposal"
	"github.com/shopspring/decimal"
)

//go:embed html/report.html.tmpl
var htmlFiles embed.FS

// reportTemplate is the report's template, parsed at its first use, not at every start-up.
var reportTemplate = sync.OnceValue(func() *template.Template {
	return template.Must(template.ParseFS(htmlFiles, "html/report.html.tmpl"))
})

// htmlPage is what the report's template shows: every figure already formatted.
type htmlPage struct {
	Lang         Lang
	Title        string
	Subtitle     string
	Words        htmlWords
	Table1       htmlTable
	Chart        template.HTML // Table 1 as stacked bars
	Legend       []legendEntry
	Table2       htmlTable
	Proposals    []htmlProposal
	CrossCutting []htmlCrossCutting
	// Realised is the section of promised against realised; nil where no proposal reports any.
	Realised *htmlRealised
	// Compare is the view of budget compare beside an earlier budget (CompareHeading its
	// heading), in a ledger of budget folders; empty otherwise.
	CompareHeading string
	Compare        []htmlTable
}

// htmlRealised is the report's section of promised against realised: budget followup's blocks.
type htmlRealised struct {
	Heading string
	Blocks  []htmlBlock
}

type htmlBlock struct {
	Heading string
	Text    string
	Table   *htmlTable
}

// htmlWords are the page's fixed labels in its language.
type htmlWords struct {
	Contents, Table1, Table1Chart, Table2, Proposals, CrossCutting, Economy, Chart, Admin, Differs, Footer string
}

type htmlTable struct {
	Differs bool // some cell is marked as differing from budget's figure
	ID      string
	Class   string
	Caption string
	Header  []htmlCell
	Rows    []htmlRow
	Notes   []string
}

type htmlRow struct {
	Class string
	Cells []htmlCell
}

type htmlCell struct {
	Text     string
	Num      bool
	Link     string
	Span     int    // columns the cell spans, where more than one
	Computed string // budget's figure where the printed one differs
}

type htmlFact struct{ Term, Value string }

type htmlProposal struct {
	Anchor       string
	Heading      string
	Facts        []htmlFact
	Summary      string
	Economy      []htmlTable // Tabel 1, then any further tables printed with it
	AdminNote    string      // the statement of section 5, administrative effect
	Admin        *htmlTable  // Tabel 3, administrative effect
	Differs      bool        // some declared figure differs from budget's
	Chart        template.HTML
	ChartCaption string
}

type htmlCrossCutting struct {
	Anchor  string
	Heading string
	Facts   []htmlFact
	Shares  htmlTable
}

func proposalAnchor(n int) string { return "forslag-" + strconv.Itoa(n) }

// HTML writes a report as one self-contained HTML page: Table 1 with a stacked bar chart per
// committee and year, Table 2, and a section per proposal laid out from its ledger.Sheet: its own
// Tabel 1 with every declared total that differs from budget's sum marked and, for an investment
// proposal, a chart of its cumulative net effect. The report needs its sheets
// (ledger.ReportOptions.Sheets). The page loads nothing: its style is inline and its charts are
// inline SVG, so it opens from a USB stick.
func HTML(w io.Writer, r ledger.Report, lang Lang) error {
	page := htmlPage{Lang: lang, Words: wordsOf(lang)}
	if c := r.Catalog; c != nil {
		page.Title = c.Name
		page.Subtitle = strings.Join(nonEmpty(c.Municipality, c.Budget, c.Appendix), " · ")
	}
	page.Table1 = totalsGrid(r.Totals, lang).html("table1", "", lang)
	chart, legend, err := committeeChart(r.Totals, lang)
	if err != nil {
		return err
	}
	if len(legend) > 0 { // a chart of nothing but zeros says nothing the table does not
		page.Chart, page.Legend = template.HTML(chart), legend
	}
	page.Table2 = proposalsGrid(r.Table2, lang).html("table2", "", lang)
	if r.Followup != nil {
		page.Realised = &htmlRealised{Heading: lang.word("Realiseret", "Realised")}
		for _, b := range followupBlocks(*r.Followup, lang) {
			hb := htmlBlock{Heading: b.heading, Text: b.text}
			if b.grid != nil {
				t := b.grid.html("", "", lang)
				hb.Table = &t
			}
			page.Realised.Blocks = append(page.Realised.Blocks, hb)
		}
	}
	for _, p := range r.Proposals {
		hp, err := proposalHTML(p, lang)
		if err != nil {
			return err
		}
		page.Proposals = append(page.Proposals, hp)
	}
	for _, x := range r.CrossCutting {
		page.CrossCutting = append(page.CrossCutting, crossCuttingHTML(x, r.Totals, lang))
	}
	if r.Compare != nil {
		page.CompareHeading = fmt.Sprintf(lang.word("Sammenlignet med budget %d", "Compared with budget %d"), r.Compare.From)
		for i, b := range compareBlocks(*r.Compare, lang) {
			t := b.grid.html(fmt.Sprintf("sammenligning-%d", i+1), "", lang)
			if t.Caption != "" {
				t.Caption = " · " + t.Caption
			}
			t.Caption = b.heading + t.Caption
			page.Compare = append(page.Compare, t)
		}
	}
	// Render whole before writing, so that a failing template writes nothing.
	var b bytes.Buffer
	if err := reportTemplate().Execute(&b, page); err != nil {
		return err
	}
	_, err = w.Write(b.Bytes())
	return err
}

// table1Title and table2Title are the catalog's two tables' titles, as the report and the
// workbook head them.
func table1Title(l Lang) string {
	return l.word("Tabel 1. Effektiviseringer fordelt på udvalg", "Table 1. Efficiencies by committee")
}

func table2Title(l Lang) string {
	return l.word("Tabel 2. Effektiviseringer fordelt på forslag", "Table 2. Efficiencies by proposal")
}

func wordsOf(l Lang) htmlWords {
	return htmlWords{
		Contents:     l.word("Indhold", "Contents"),
		Table1:       table1Title(l),
		Table1Chart:  l.word("Effektiviseringer pr. år fordelt på udvalg", "Efficiencies per year by committee"),
		Table2:       table2Title(l),
		Proposals:    l.word("Forslagene", "The proposals"),
		CrossCutting: l.word("Tværgående forslag", "Cross-cutting proposals"),
		Economy:      l.word("Forslagets samlede økonomiske konsekvenser", "The proposal's total economic consequences"),
		Chart:        l.word("Akkumuleret nettoeffekt", "Cumulative net effect"),
		Admin:        l.word("Administrativ effekt", "Administrative effect"),
		Differs: l.word("Markerede tal er trykt sådan, men budget regner noget andet; holdes musen over tallet, vises budgets tal.",
			"Marked figures are printed so, but budget computes otherwise; hover over one to see budget's figure."),
		Footer: l.word("Lavet med budget ud fra forslagsfilerne. Tallene er regnet eksakt med decimaltal; diagrammerne er tegnet med gonum/plot.",
			"Made by budget from the proposal files. Figures are computed exactly with decimals; the charts are drawn with gonum/plot."),
	}
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

func proposalHTML(p ledger.ProposalReport, l Lang) (htmlProposal, error) {
	s := p.Sheet
	hp := htmlProposal{Anchor: proposalAnchor(s.Number), Summary: s.Summary,
		Heading: fmt.Sprintf("%s %d. %s", l.word("Forslag", "Proposal"), s.Number, s.Title)}
	hp.Facts = []htmlFact{
		{l.word("Udvalg", "Committee"), s.CommitteeName},
		{l.word("Fremstillende forvaltning", "Presenting administration"), s.Administration},
		{l.word("Type", "Kind"), kindName(s.Kind, l)},
	}
	if s.ApprovedWith != nil {
		hp.Facts = append(hp.Facts, htmlFact{l.word("Godkendt med", "Approved with"), *s.ApprovedWith})
	}
	if s.Case != "" {
		hp.Facts = append(hp.Facts, htmlFact{l.word("Sag", "Case"), s.Case})
	}
	e := s.Economy
	if e == nil {
		return hp, nil
	}
	for _, pb := range e.Payback {
		if pb.Printed != nil || s.Kind == proposal.KindInvestment {
			hp.Facts = append(hp.Facts, paybackFact(pb, l))
		}
	}
	hp.Economy = append(hp.Economy, economyGrid(e, s.Kind == proposal.KindInvestment, l).html("", "economy", l))
	for _, g := range otherTableGrids(e, l) {
		hp.Economy = append(hp.Economy, g.html("", "economy", l))
	}
	if a := s.AdministrativeEffect; a != nil {
		g := &grid{caption: caption(e.Unit, e.PriceLevel, l)}
		economyHeader(g, a.Years, l)
		g.sectionRows(*a)
		g.dropEmptyColumn(1) // Tabel 3 prints no steering area
		t := g.html("", "economy admin", l)
		hp.Admin, hp.AdminNote = &t, s.AdministrativeNote
		hp.Differs = t.Differs
	}
	for _, t := range hp.Economy {
		hp.Differs = hp.Differs || t.Differs
	}
	if s.Kind == proposal.KindInvestment && len(e.Years) > 0 {
		svg, err := netEffectChart(e, p.Projection, l)
		if err != nil {
			return hp, fmt.Errorf("chart of proposal %d: %w", s.Number, err)
		}
		hp.Chart, hp.ChartCaption = template.HTML(svg), netEffectCaption(e, l)
	}
	return hp, nil
}

func paybackFact(p ledger.PaybackLine, l Lang) htmlFact {
	term := l.word("Tilbagebetalingstid, serviceeffektivisering", "Payback, service efficiency")
	if p.Basis == ledger.PaybackTotal {
		term = l.word("Tilbagebetalingstid, totaløkonomi", "Payback, total economy")
	}
	computed := l.word("betaler sig ikke tilbage", "never pays back")
	if p.Computed != 0 {
		computed = yearCount(p.Computed, l)
	}
	switch {
	case p.Printed == nil:
		return htmlFact{term, fmt.Sprintf(l.word("ikke angivet; budget regner %s", "not printed; budget computes %s"), computed)}
	case p.Differs:
		return htmlFact{term, fmt.Sprintf(l.word("%s (budget regner %s)", "%s (budget computes %s)"), years(p.Printed.String(), l), computed)}
	}
	return htmlFact{term, years(p.Printed.String(), l)}
}

func yearCount(n int, l Lang) string { return years(strconv.Itoa(n), l) }

func years(n string, l Lang) string {
	if n == "1" {
		return n + l.word(" år", " year")
	}
	return n + l.word(" år", " years")
}

func economyHeader(g *grid, years []int, l Lang) {
	g.header = append([]string{"", l.word("Styringsområde", "Steering area")}, yearHeader(years)...)
	g.numeric = make([]bool, len(g.header))
	for i := 2; i < len(g.numeric); i++ {
		g.numeric[i] = true
	}
}

func (g *grid) heading(title string) {
	g.rows = append(g.rows, gridRow{style: sectionRow, cells: append([]cell{txt(title)}, make([]cell, len(g.header)-1)...)})
}

// printedRow adds a row as printed: an empty cell stays empty.
func (g *grid) printedRow(style rowStyle, label, area string, cs ledger.Cells) {
	cells := []cell{txt(label), txt(area)}
	for _, c := range cs {
		if c.Printed {
			cells = append(cells, num(c.Value))
		} else {
			cells = append(cells, txt(""))
		}
	}
	g.rows = append(g.rows, gridRow{style: style, cells: cells})
}

// comparedRow adds a declared row, each cell that differs from budget's sum carrying that sum.
func (g *grid) comparedRow(style rowStyle, c ledger.ComparedLine) {
	g.printedRow(style, c.Label, c.Area, c.Declared)
	row := g.rows[len(g.rows)-1].cells
	for i, d := range c.Differs {
		if d {
			v := c.Computed[i]
			row[2+i].computed = &v
		}
	}
}

// sectionTitle is a section's title as printed, else a name for its key.
func sectionTitle(s ledger.SheetSection, l Lang) string {
	if s.Title != "" {
		return s.Title
	}
	switch s.Key {
	case ledger.SectionPermanent:
		return l.word("Varige ændringer", "Permanent changes")
	case ledger.SectionImplementation:
		return l.word("Implementeringsomkostninger", "Implementation costs")
	}
	return ""
}

// economyGrid lays out a proposal's own Tabel 1 as printed: the permanent changes and the
// implementation costs with their declared totals, the total economic impact, the notes; then,
// for an investment proposal, the cumulative net effect budget computes.
func economyGrid(e *ledger.EconomySheet, investment bool, l Lang) *grid {
	g := &grid{caption: caption(e.Unit, e.PriceLevel, l)}
	economyHeader(g, e.Years, l)
	for _, sec := range e.Sections {
		if sec.Key == ledger.SectionOther {
			continue
		}
		g.heading(sectionTitle(sec, l))
		g.sectionRows(sec)
	}
	if e.TotalImpact.Declared != nil {
		g.comparedRow(groupRow, e.TotalImpact)
	}
	if investment {
		g.heading(l.word("Beregnet af budget", "Computed by budget"))
		label := l.word("Akkumuleret nettoeffekt", "Cumulative net effect")
		g.rows = append(g.rows, gridRow{cells: append([]cell{txt(label), txt("")}, numbers(e.Cumulative)...)})
	}
	g.notes = e.Notes
	return g
}

func (g *grid) sectionRows(sec ledger.SheetSection) {
	for _, r := range sec.Rows {
		g.printedRow(plainRow, r.Label, r.Area, r.Cells)
	}
	for _, t := range sec.Totals {
		g.comparedRow(totalRow, t)
	}
}

// dropEmptyColumn removes column i where no row has text in it.
func (g *grid) dropEmptyColumn(i int) {
	for _, r := range g.rows {
		if c := r.cells[i]; c.num != nil || c.text != "" {
			return
		}
	}
	g.header = slices.Delete(g.header, i, i+1)
	g.numeric = slices.Delete(g.numeric, i, i+1)
	for j := range g.rows {
		g.rows[j].cells = slices.Delete(g.rows[j].cells, i, i+1)
	}
}

// otherTableGrids lays out the further tables printed with Tabel 1, each in its own years.
func otherTableGrids(e *ledger.EconomySheet, l Lang) []*grid {
	var out []*grid
	var g *grid
	table := ""
	for _, sec := range e.Sections {
		if sec.Key != ledger.SectionOther {
			continue
		}
		if g == nil || sec.Table != table {
			table = sec.Table
			g = &grid{caption: strings.TrimSpace(sec.Table + " · " + caption(e.Unit, e.PriceLevel, l))}
			economyHeader(g, sec.Years, l)
			out = append(out, g)
		}
		if sec.Title != "" {
			g.heading(sec.Title)
		}
		g.sectionRows(sec)
	}
	return out
}

// paidBackIn is the year whose column the payback on total economy reaches, 0 when it is not
// within the table's years; count is that payback in years, 0 when it never pays back.
func paidBackIn(e *ledger.EconomySheet) (year, count int) {
	for _, p := range e.Payback {
		if p.Basis == ledger.PaybackTotal {
			count = p.Computed
		}
	}
	if count >= 1 && count <= len(e.Years) {
		year = e.Years[count-1]
	}
	return year, count
}

func netEffectCaption(e *ledger.EconomySheet, l Lang) string {
	var b strings.Builder
	b.WriteString(l.word("Implementeringsomkostninger og varige ændringer lagt sammen år for år; udgifter er positive, besparelser negative. ",
		"Implementation costs and permanent changes added up year by year; costs are positive, savings negative. "))
	year, count := paidBackIn(e)
	first, last := e.Years[0], e.Years[len(e.Years)-1]
	switch {
	case year != 0:
		fmt.Fprintf(&b, l.word("Kurven når nul i %d: investeringen er tilbagebetalt.", "The curve reaches zero in %d: the investment has paid back."), year)
	case count != 0:
		fmt.Fprintf(&b, l.word("Kurven når ikke nul inden %d; fortsat stiplet med det sidste års varige ændring når den nul i %d: investeringen er tilbagebetalt efter %s regnet fra %d.",
			"The curve does not reach zero by %d; continued dashed with the last year's permanent change, it reaches zero in %d: the investment has paid back after %s counted from %d."),
			last, first+count-1, yearCount(count, l), first)
	default:
		fmt.Fprintf(&b, l.word("Kurven når ikke nul i tabellens år (%d-%d), og investeringen betaler sig ikke tilbage.",
			"The curve does not reach zero within the table's years (%d-%d), and the investment never pays back."), first, last)
	}
	return b.String()
}

func crossCuttingHTML(s ledger.Sheet, totals ledger.Totals, l Lang) htmlCrossCutting {
	hc := htmlCrossCutting{Anchor: "tvaergaaende-" + s.ID, Heading: s.Title}
	if s.ApprovedWith != nil {
		hc.Facts = append(hc.Facts, htmlFact{l.word("Godkendt med", "Approved with"), *s.ApprovedWith})
	}
	if s.Catalog.InvestmentIn != "" {
		hc.Facts = append(hc.Facts, htmlFact{l.word("Investering fremgår af", "Investment in"), s.Catalog.InvestmentIn})
	}
	g := &grid{caption: caption(totals.Unit, totals.PriceLevel, l)}
	g.header = append([]string{l.word("Udvalg", "Committee")}, yearHeader(s.Catalog.Years)...)
	g.header = append(g.header, l.word("Samlet investering", "Total investment"))
	g.numeric = make([]bool, len(g.header))
	for i := 1; i < len(g.numeric); i++ {
		g.numeric[i] = true
	}
	for _, sh := range s.Catalog.Shares {
		cells := []cell{txt(sh.CommitteeName)}
		for _, c := range sh.Contribution {
			cells = append(cells, num(c.Value))
		}
		g.rows = append(g.rows, gridRow{cells: append(cells, investmentCell(sh.TotalInvestment))})
	}
	total := []cell{txt(l.word("I alt", "Total"))}
	for _, c := range s.Catalog.Contribution {
		total = append(total, num(c.Value))
	}
	g.rows = append(g.rows, gridRow{style: totalRow, cells: append(total, investmentCell(s.Catalog.TotalInvestment))})
	hc.Shares = g.html("", "shares", l)
	return hc
}

// investmentCell is a total investment, "-" where the catalog has none, as Table 2 prints it.
func investmentCell(d *decimal.Decimal) cell {
	if d == nil {
		return txt("-")
	}
	return num(*d)
}

var rowClasses = map[rowStyle]string{groupRow: "group", sectionRow: "section", totalRow: "total"}

// html turns the grid into the template's table, numbers formatted in the language.
func (g *grid) html(id, class string, l Lang) htmlTable {
	t := htmlTable{ID: id, Class: class, Caption: g.caption, Notes: g.notes}
	for i, h := range g.header {
		t.Header = append(t.Header, htmlCell{Text: h, Num: g.numeric[i]})
	}
	for _, r := range g.rows {
		hr := htmlRow{Class: rowClasses[r.style]}
		for i, c := range r.cells {
			hc := htmlCell{Text: g.format(c, l), Num: g.numeric[i], Link: c.link}
			if c.computed != nil {
				hc.Computed = l.Number(*c.computed)
				t.Differs = true
			}
			if r.style == sectionRow && hc.Text != "" {
				// A section heading spans the rest of its row.
				hc.Num, hc.Span = false, len(r.cells)-i
				hr.Cells = append(hr.Cells, hc)
				break
			}
			hr.Cells = append(hr.Cells, hc)
		}
		t.Rows = append(t.Rows, hr)
	}
	return t
}
