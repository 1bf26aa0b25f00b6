package main

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"
)

// catalogYears are the catalog's columns (2030 is the permanent effect), as in the real catalog.
var catalogYears = []int{2026, 2027, 2028, 2029, 2030}

// committee is a catalog committee with the weight of its share of the proposals, taken from the
// real catalog (buu and kfu hold most; sou none).
type committee struct {
	id, name, admin string
	weight          int
}

var committees = []committee{
	{"biu", "Beskæftigelses- og Integrationsudvalget", "Beskæftigelses- og Integrationsforvaltningen", 3},
	{"buu", "Børne- og Ungdomsudvalget", "Børne- og Ungdomsforvaltningen", 9},
	{"kfu", "Kultur- og Fritidsudvalget", "Kultur- og Fritidsforvaltningen", 7},
	{"sou", "Socialudvalget", "Socialforvaltningen", 1},
	{"sud", "Sundheds- og Omsorgsudvalget", "Sundheds- og Omsorgsforvaltningen", 3},
	{"tmu", "Teknik- og Miljøudvalget", "Teknik- og Miljøforvaltningen", 6},
	{"oeu", "Økonomiudvalget", "Økonomiforvaltningen", 6},
	{"brg", "Borgerrådgivningen", "Borgerrådgivningen", 1},
	{"rev", "Revisionsudvalget", "Revisionsudvalget", 1},
}

// yearLayouts are the Tabel 1 column sets of the real proposals, with how often each occurs
// (in 100ths). 2025-2029 leaves the catalog's 2030 uncovered: a year-coverage finding.
var yearLayouts = []struct {
	years  []int
	weight int
}{
	{[]int{2025, 2026, 2027, 2028, 2029, 2030}, 85},
	{[]int{2026, 2027, 2028, 2029, 2030}, 8},
	{[]int{2026, 2027, 2028, 2029, 2030, 2031}, 5},
	{[]int{2025, 2026, 2027, 2028, 2029}, 2},
}

var words = strings.Fields(`effektivisering digitalisering borgere medarbejdere sagsbehandling
	administration institutioner dagtilbud skoler plejehjem vikardækning ejendomsdrift indkøb
	automatisering løsning systemer data arbejdsgange kvadratmeter husleje energi drift opgaver
	kommunen forvaltningen udvalget investering projekt implementering kompetenceudvikling
	samarbejde processer kvalitet service ressourcer tid besparelse forbrug udgifter reduktion
	omlægning understøttelse vejledning selvbetjening platform licenser kontrakter leverandører
	organisering ledelse klynger områder centre enheder ydelser tilbud rådgivning opfølgning
	målsætning realisering gevinster risiko vurdering lav middel høj sandsynlig forsinkelse
	budget overførselssagen frigjorte midler varige ændringer tilbagebetalingstid`)

var rowLabels = []string{
	"Sparede udgifter til eksterne vikarbureauer", "Reduceret tidsforbrug i sagsbehandlingen",
	"Færre årsværk i administrationen", "Lavere udgifter til licenser", "Reduceret husleje",
	"Lavere energiforbrug", "Effektivisering af indkøb", "Frigjort tid hos medarbejdere",
	"Mindreforbrug på driften", "Reducerede udgifter til transport",
}

var implLabels = []string{
	"Projektledelse", "Udvikling af løsning", "Frikøb af medarbejdere", "Indkøb af udstyr",
	"Ekstern konsulentbistand", "Ombygning af lokaler", "Uddannelse og oplæring",
}

var areas = []struct {
	name   string
	weight int
}{{"Service", 80}, {"Anlæg", 12}, {"Efterspørgselsstyret indsats", 8}}

// gen is the pseudo-random source of one ledger; every choice goes through it in a fixed order.
type gen struct{ r *rand.Rand }

func (g *gen) intn(n int) int         { return g.r.IntN(n) }
func (g *gen) between(lo, hi int) int { return lo + g.r.IntN(hi-lo+1) }
func (g *gen) chance(pct int) bool    { return g.r.IntN(100) < pct }

func (g *gen) pick(weights []int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	x := g.r.IntN(total)
	for i, w := range weights {
		if x < w {
			return i
		}
		x -= w
	}
	return len(weights) - 1
}

func (g *gen) words(n int) string {
	ws := make([]string, n)
	for i := range ws {
		ws[i] = words[g.intn(len(words))]
	}
	return strings.Join(ws, " ")
}

// sentences returns text of about chars characters, made of sentences of 8-20 words.
func (g *gen) sentences(chars int) string {
	var b strings.Builder
	for b.Len() < chars {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		s := g.words(g.between(8, 20))
		b.WriteString(capitalize(s) + ".")
	}
	return b.String()
}

// row is a table row: its amounts aligned with the proposal's years, zero for an empty cell.
type row struct {
	label, area string
	amounts     []int64
}

type ack struct{ check, at, reason string }

// prop is one generated proposal.
type prop struct {
	number          int
	c               committee
	kind            string
	title, slug     string
	years           []int
	perm, impl      []row
	permTotal       []int64
	implTotal       []int64
	impact          []int64
	contribution    []int64 // by catalog year
	totalInvestment int64
	payService      int // printed; 0 = not printed
	payTotal        int
	acks            []ack
	summary, risk   string
	followUps       int
}

type crossCutting struct {
	id, title string
	shares    []share
}

type share struct {
	c      committee
	amount int64 // every catalog year
}

func (g *gen) proposal(number int) *prop {
	cw := make([]int, len(committees))
	for i, c := range committees {
		cw[i] = c.weight
	}
	p := &prop{number: number, c: committees[g.pick(cw)]}
	lw := make([]int, len(yearLayouts))
	for i, l := range yearLayouts {
		lw[i] = l.weight
	}
	p.years = yearLayouts[g.pick(lw)].years
	p.kind = "efficiency"
	if g.chance(55) {
		p.kind = "investment"
	}
	titleWords := g.between(3, 8)
	t := g.words(titleWords)
	p.title = capitalize(t)
	p.slug = slug(strings.Join(strings.Fields(t)[:min(4, titleWords)], "-"))

	n := len(p.years)
	first := index(p.years, 2026)
	aw := make([]int, len(areas))
	for i, a := range areas {
		aw[i] = a.weight
	}
	// Savings are negative and rise to their full size over 1-3 years from 2026.
	for i, rows := 0, g.between(1, 4); i < rows; i++ {
		full := int64(g.between(50, 3000))
		steps := g.between(1, 3)
		r := row{label: rowLabels[g.intn(len(rowLabels))], area: areas[g.pick(aw)].name, amounts: make([]int64, n)}
		for j := first; j < n; j++ {
			r.amounts[j] = -full * int64(min(j-first+1, steps)) / int64(steps)
		}
		p.perm = append(p.perm, r)
	}
	p.permTotal = sums(p.perm, n)
	if p.kind == "investment" {
		for i, rows := 0, g.between(1, 3); i < rows; i++ {
			r := row{label: implLabels[g.intn(len(implLabels))], area: "Service", amounts: make([]int64, n)}
			if g.chance(20) {
				r.area = "Anlæg"
			}
			for j := 0; j <= first; j++ { // 2025 (where printed) and 2026
				r.amounts[j] = int64(g.between(100, 3000))
			}
			p.impl = append(p.impl, r)
		}
		p.implTotal = sums(p.impl, n)
		for _, v := range p.implTotal {
			p.totalInvestment += v
		}
	} else {
		p.implTotal = make([]int64, n)
	}
	p.impact = make([]int64, n)
	for j := range p.impact {
		p.impact[j] = p.permTotal[j] + p.implTotal[j]
	}
	for _, y := range catalogYears {
		j := index(p.years, y)
		if j < 0 { // a table that stops before 2030: its last year's permanent effect goes on
			j = n - 1
		}
		p.contribution = append(p.contribution, -p.permTotal[j])
	}
	if p.kind == "investment" {
		p.payTotal = payback(p.permTotal, p.implTotal)
		service := make([]int64, n)
		for _, r := range p.perm {
			if r.area == "Service" {
				for j, v := range r.amounts {
					service[j] += v
				}
			}
		}
		p.payService = payback(service, p.implTotal)
	}

	// Findings the document itself causes, most of them acknowledged as in the real files.
	if n == 5 && p.years[0] == 2025 {
		p.acks = append(p.acks, ack{"year-coverage", "economy.years",
			"Tabel 1 is printed with the columns 2025-2029 only; the catalog carries 2029's permanent effect into 2030."})
	}
	if g.chance(4) {
		p.impact[0]++
		if g.chance(75) {
			p.acks = append(p.acks, ack{"sum-mismatch", fmt.Sprintf("economy.total_impact.amounts.%d", p.years[0]),
				"The total impact is printed one higher than permanent change plus implementation, a rounding slip in the document."})
		}
	}
	if p.payTotal > 0 && g.chance(4) {
		p.payTotal++
		if g.chance(75) {
			p.acks = append(p.acks, ack{"payback-mismatch", "economy.payback.total",
				"The document prints a payback one year longer than the cumulative net effect of Tabel 1 gives."})
		}
	}
	p.summary = g.sentences(g.between(500, 1500))
	p.risk = g.sentences(g.between(400, 1300))
	p.followUps = g.between(2, 4)
	return p
}

func (g *gen) crossCutting(i int) *crossCutting {
	x := &crossCutting{id: fmt.Sprintf("cc-%05d", i), title: capitalize(g.words(g.between(4, 9)))}
	for _, k := range g.r.Perm(len(committees))[:g.between(2, 4)] {
		x.shares = append(x.shares, share{c: committees[k], amount: int64(g.between(20, 400))})
	}
	return x
}

// payback mirrors the reading of pkg/check: count columns until the cumulative net effect is
// zero or below; past the last column the last permanent change goes on; 0 for never.
func payback(perm, impl []int64) int {
	var sum int64
	for i := range perm {
		sum += perm[i] + impl[i]
		if sum <= 0 {
			return i + 1
		}
	}
	last := perm[len(perm)-1]
	if last >= 0 {
		return 0
	}
	for n := len(perm) + 1; n <= 100; n++ {
		sum += last
		if sum <= 0 {
			return n
		}
	}
	return 0
}

func sums(rows []row, n int) []int64 {
	out := make([]int64, n)
	for _, r := range rows {
		for j, v := range r.amounts {
			out[j] += v
		}
	}
	return out
}

func index(years []int, y int) int {
	for i, v := range years {
		if v == y {
			return i
		}
	}
	return -1
}

// capitalize upper-cases the first letter, which may be æ, ø or å.
func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

var ascii = strings.NewReplacer("æ", "ae", "ø", "oe", "å", "aa")

func slug(s string) string { return ascii.Replace(s) }

// write generates the ledger and the journal into out.
func write(out string, n int, seed int64) error {
	root := filepath.Join(out, "proposals")
	if _, err := os.Stat(root); err == nil {
		return fmt.Errorf("%s exists already: give a new folder", root)
	}
	g := &gen{r: rand.New(rand.NewPCG(uint64(seed), 0x6275646765740006))}
	props := make([]*prop, n)
	for i := range props {
		props[i] = g.proposal(i + 1)
	}
	ccs := make([]*crossCutting, n/18+1)
	for i := range ccs {
		ccs[i] = g.crossCutting(i + 1)
	}
	for _, c := range committees {
		if err := os.MkdirAll(filepath.Join(root, c.id), 0o755); err != nil {
			return err
		}
	}
	if err := os.MkdirAll(filepath.Join(root, "cross-cutting"), 0o755); err != nil {
		return err
	}
	for _, p := range props {
		name := filepath.Join(root, p.c.id, fmt.Sprintf("%05d-%s.yaml", p.number, p.slug))
		if err := os.WriteFile(name, []byte(proposalYAML(p)), 0o644); err != nil {
			return err
		}
	}
	for _, x := range ccs {
		if err := os.WriteFile(filepath.Join(root, "cross-cutting", x.id+".yaml"), []byte(crossCuttingYAML(x)), 0o644); err != nil {
			return err
		}
	}
	if err := os.WriteFile(filepath.Join(root, "catalog.yaml"), []byte(catalogYAML(props, ccs)), 0o644); err != nil {
		return err
	}
	return writeJournals(out, transactions(props, ccs))
}

// transactions are the ledger's contributions for the journals: one transaction per proposal and
// catalog year with one posting per permanent row (committee:pNNNNN:rK), the row's contribution
// as a positive figure; cross-cutting shares likewise (committee:id).
func transactions(props []*prop, ccs []*crossCutting) []txn {
	var txns []txn
	for _, p := range props {
		for _, y := range catalogYears {
			j := index(p.years, y)
			if j < 0 {
				j = len(p.years) - 1
			}
			t := txn{year: y, desc: fmt.Sprintf("Forslag %d %s", p.number, p.title)}
			for k, r := range p.perm {
				t.postings = append(t.postings, posting{[]string{p.c.id, fmt.Sprintf("p%05d", p.number), fmt.Sprintf("r%d", k+1)}, fmt.Sprint(-r.amounts[j])})
			}
			txns = append(txns, t)
		}
	}
	for _, x := range ccs {
		for _, y := range catalogYears {
			t := txn{year: y, desc: x.title}
			for _, s := range x.shares {
				t.postings = append(t.postings, posting{[]string{s.c.id, x.id}, fmt.Sprint(s.amount)})
			}
			txns = append(txns, t)
		}
	}
	return txns
}
