package render

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io"
	"strconv"
	"strings"

	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/budget-ledger/budget/pkg/proposal"
)

//go:embed html/report.html.tmpl
var htmlFiles embed.FS

var reportTemplate = template.Must(template.ParseFS(htmlFiles, "html/report.html.tmpl"))

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
}

// htmlWords are the page's fixed labels in its language.
type htmlWords struct {
	Contents, Table1, Table1Chart, Table2, Proposals, CrossCutting, Summary, Economy, Chart, Footer string
}

type htmlTable struct {
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
	Text string
	Num  bool
	Link string
	Span int // columns the cell spans, where more than one
}

type htmlFact struct{ Term, Value string }

type htmlProposal struct {
	Anchor       string
	Heading      string
	Facts        []htmlFact
	Summary      string
	Economy      *htmlTable
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

// HTML writes the ledger as one self-contained HTML page: Table 1 with a stacked bar chart per
// committee and year, Table 2, and a section per proposal with its own Tabel 1 and, for an
// investment proposal, a chart of its cumulative net effect. The page loads nothing: its style
// is inline and its charts are inline SVG, so it opens from a USB stick.
func HTML(w io.Writer, l *ledger.Ledger, lang Lang) error {
	totals, table2, effects := l.Totals(), l.Table2(), l.NetEffects()
	page := htmlPage{Lang: lang, Words: wordsOf(lang)}
	if c := l.Catalog; c != nil {
		page.Title = c.Name
		page.Subtitle = strings.Join(nonEmpty(c.Municipality, c.Budget, c.Appendix), " · ")
	}
	page.Table1 = totalsGrid(totals, lang).html("table1", "", lang)
	chart, legend, err := committeeChart(totals, lang)
	if err != nil {
		return err
	}
	page.Chart, page.Legend = template.HTML(chart), legend
	page.Table2 = proposalsGrid(table2, lang).html("table2", "", lang)

	byNumber := map[int]ledger.NetEffect{}
	for _, n := range effects {
		byNumber[n.Number] = n
	}
	names := committeeNames(table2)
	for _, p := range l.Proposals {
		hp := htmlProposal{Anchor: proposalAnchor(p.Number), Summary: p.Summary,
			Heading: fmt.Sprintf("%s %d. %s", lang.word("Forslag", "Proposal"), p.Number, p.Title),
			Facts:   proposalFacts(p, names, lang)}
		if n, ok := byNumber[p.Number]; ok {
			svg, err := netEffectChart(n, lang)
			if err != nil {
				return fmt.Errorf("chart of proposal %d: %w", p.Number, err)
			}
			hp.Chart, hp.ChartCaption = template.HTML(svg), netEffectCaption(n, lang)
		}
		if p.Economy != nil {
			var ne *ledger.NetEffect
			if n, ok := byNumber[p.Number]; ok {
				ne = &n
			}
			t := economyGrid(p.Economy, ne, lang).html("", "economy", lang)
			hp.Economy = &t
		}
		page.Proposals = append(page.Proposals, hp)
	}
	for _, x := range l.CrossCutting {
		page.CrossCutting = append(page.CrossCutting, crossCuttingHTML(x, totals, names, lang))
	}
	// Render whole before writing, so that a failing template writes nothing.
	var b bytes.Buffer
	if err := reportTemplate.Execute(&b, page); err != nil {
		return err
	}
	_, err = w.Write(b.Bytes())
	return err
}

func wordsOf(l Lang) htmlWords {
	return htmlWords{
		Contents:     l.word("Indhold", "Contents"),
		Table1:       l.word("Tabel 1. Effektiviseringer fordelt på udvalg", "Table 1. Efficiencies by committee"),
		Table1Chart:  l.word("Effektiviseringer pr. år fordelt på udvalg", "Efficiencies per year by committee"),
		Table2:       l.word("Tabel 2. Effektiviseringer fordelt på forslag", "Table 2. Efficiencies by proposal"),
		Proposals:    l.word("Forslagene", "The proposals"),
		CrossCutting: l.word("Tværgående forslag", "Cross-cutting proposals"),
		Summary:      l.word("Kort resumé", "Summary"),
		Economy:      l.word("Forslagets samlede økonomiske konsekvenser", "The proposal's total economic consequences"),
		Chart:        l.word("Akkumuleret nettoeffekt", "Cumulative net effect"),
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

func committeeNames(t ledger.Table2) map[string]string {
	m := map[string]string{}
	for _, c := range t.Committees {
		m[c.ID] = c.Name
	}
	return m
}

var kindNames = map[string][2]string{
	proposal.KindInvestment:   {"Investeringsforslag", "Investment proposal"},
	proposal.KindCrossCutting: {"Tværgående forslag", "Cross-cutting proposal"},
	proposal.KindEfficiency:   {"Effektiviseringsforslag", "Efficiency proposal"},
}

func kindName(kind string, l Lang) string {
	if n, ok := kindNames[kind]; ok {
		return l.word(n[0], n[1])
	}
	return kind
}

func proposalFacts(p *proposal.Proposal, committees map[string]string, l Lang) []htmlFact {
	facts := []htmlFact{
		{l.word("Udvalg", "Committee"), committees[p.Committee]},
		{l.word("Fremstillende forvaltning", "Presenting administration"), p.Administration},
		{l.word("Type", "Kind"), kindName(p.Kind, l)},
	}
	if p.ApprovedWith != nil {
		facts = append(facts, htmlFact{l.word("Godkendt med", "Approved with"), *p.ApprovedWith})
	}
	if p.Case != "" {
		facts = append(facts, htmlFact{l.word("Sag", "Case"), p.Case})
	}
	if p.Economy != nil && p.Economy.Payback != nil {
		if s := p.Economy.Payback.Service; s != nil {
			facts = append(facts, htmlFact{l.word("Tilbagebetalingstid, serviceeffektivisering", "Payback, service efficiency"), years(s.Decimal.String(), l)})
		}
		if t := p.Economy.Payback.Total; t != nil {
			facts = append(facts, htmlFact{l.word("Tilbagebetalingstid, totaløkonomi", "Payback, total economy"), years(t.Decimal.String(), l)})
		}
	}
	return facts
}

func years(n string, l Lang) string {
	if n == "1" {
		return n + l.word(" år", " year")
	}
	return n + l.word(" år", " years")
}

// economyGrid lays out a proposal's own Tabel 1 as printed: each section's rows and declared
// totals in the proposal's own year columns, the total economic impact, the notes; then, for an
// investment proposal, the net effect budget computes from it. An empty cell stays empty.
func economyGrid(e *proposal.Economy, ne *ledger.NetEffect, l Lang) *grid {
	g := &grid{caption: caption(e.Unit, e.PriceLevel)}
	g.header = append([]string{"", l.word("Styringsområde", "Steering area")}, yearHeader(e.Years)...)
	g.numeric = make([]bool, len(g.header))
	for i := 2; i < len(g.numeric); i++ {
		g.numeric[i] = true
	}
	line := func(style rowStyle, label, area string, a proposal.Amounts) {
		cells := []cell{txt(label), txt(area)}
		for _, y := range e.Years {
			if v, ok := a.Get(y); ok {
				cells = append(cells, num(v))
			} else {
				cells = append(cells, txt(""))
			}
		}
		g.rows = append(g.rows, gridRow{style: style, cells: cells})
	}
	heading := func(title string) {
		g.rows = append(g.rows, gridRow{style: sectionRow, cells: append([]cell{txt(title)}, make([]cell, len(g.header)-1)...)})
	}
	sections := []struct {
		s     *proposal.Section
		title string
	}{
		{e.Permanent, l.word("Varige ændringer", "Permanent changes")},
		{e.Implementation, l.word("Implementeringsomkostninger", "Implementation costs")},
	}
	for _, sec := range sections {
		if sec.s == nil {
			continue
		}
		title := sec.s.Title
		if title == "" {
			title = sec.title
		}
		heading(title)
		for _, r := range sec.s.Rows {
			line(plainRow, r.Label, r.Area, r.Amounts)
		}
		for _, t := range sec.s.Totals {
			line(totalRow, t.Label, t.Area, t.Amounts)
		}
	}
	if e.TotalImpact != nil {
		line(groupRow, e.TotalImpact.Label, "", e.TotalImpact.Amounts)
	}
	if ne != nil {
		heading(l.word("Beregnet af budget", "Computed by budget"))
		computed := []struct {
			label string
			f     ledger.Figures
		}{
			{l.word("Nettoeffekt (varige ændringer og implementering)", "Net effect (permanent changes and implementation)"), ne.Net},
			{l.word("Akkumuleret nettoeffekt", "Cumulative net effect"), ne.Cumulative},
		}
		for _, c := range computed {
			g.rows = append(g.rows, gridRow{style: plainRow, cells: append([]cell{txt(c.label), txt("")}, numbers(c.f)...)})
		}
	}
	g.notes = e.Notes
	return g
}

func netEffectCaption(n ledger.NetEffect, l Lang) string {
	var b strings.Builder
	b.WriteString(l.word("Akkumuleret nettoeffekt af implementeringsomkostninger og varige ændringer; udgifter er positive, besparelser negative. ",
		"Cumulative net effect of implementation costs and permanent changes; costs are positive, savings negative. "))
	if n.PaidBackIn != 0 {
		fmt.Fprintf(&b, l.word("Kurven når nul i %d: investeringen er tilbagebetalt.", "The curve reaches zero in %d: the investment has paid back."), n.PaidBackIn)
	} else {
		fmt.Fprintf(&b, l.word("Kurven når ikke nul inden for tabellens år (%d-%d).", "The curve does not reach zero within the table's years (%d-%d)."),
			n.Years[0], n.Years[len(n.Years)-1])
	}
	return b.String()
}

func crossCuttingHTML(x *proposal.CrossCutting, totals ledger.Totals, committees map[string]string, l Lang) htmlCrossCutting {
	hc := htmlCrossCutting{Anchor: "tvaergaaende-" + x.ID, Heading: x.Title}
	if x.ApprovedWith != nil {
		hc.Facts = append(hc.Facts, htmlFact{l.word("Godkendt med", "Approved with"), *x.ApprovedWith})
	}
	if x.InvestmentIn != "" {
		hc.Facts = append(hc.Facts, htmlFact{l.word("Investering fremgår af", "Investment in"), x.InvestmentIn})
	}
	g := &grid{caption: caption(totals.Unit, totals.PriceLevel)}
	g.header = append([]string{l.word("Udvalg", "Committee")}, yearHeader(totals.Years)...)
	g.header = append(g.header, l.word("Samlet investering", "Total investment"))
	g.numeric = make([]bool, len(g.header))
	for i := 1; i < len(g.numeric); i++ {
		g.numeric[i] = true
	}
	for _, s := range x.Shares {
		cells := []cell{txt(committees[s.Committee])}
		for _, y := range totals.Years {
			cells = append(cells, num(s.Contribution.Value(y)))
		}
		investment := txt("-")
		if s.TotalInvestment != nil {
			investment = num(s.TotalInvestment.Decimal)
		}
		g.rows = append(g.rows, gridRow{cells: append(cells, investment)})
	}
	hc.Shares = g.html("", "shares", l)
	return hc
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
