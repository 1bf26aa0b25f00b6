package ledger

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/budget-ledger/budget/pkg/msg"
	"github.com/budget-ledger/budget/pkg/proposal"
	"github.com/shopspring/decimal"
)

// Cell is a printed table cell. The zero value is a cell the document leaves empty.
type Cell struct {
	Value   decimal.Decimal
	Printed bool
}

// Cells are a row's cells aligned with its table's years.
type Cells []Cell

func cellsOf(a proposal.Amounts, years []int) Cells {
	return fillCells(make(Cells, len(years)), a, years)
}

// fillCells sets cs, of zero cells aligned with years, to a's cells and returns it.
func fillCells(cs Cells, a proposal.Amounts, years []int) Cells {
	for i, y := range years {
		if v, ok := a.Get(y); ok {
			cs[i] = Cell{Value: v, Printed: true}
		}
	}
	return cs
}

// Figures returns the cells' values, zero for an empty cell, as the document's sums read them.
func (cs Cells) Figures() Figures {
	f := make(Figures, len(cs))
	for i, c := range cs {
		f[i] = c.Value
	}
	return f
}

// Sheet is one proposal as its own pages show it: identity, its Tabel 1 with the totals and
// paybacks budget computes beside the declared ones, its row in the catalog, follow-up goals,
// risk and administrative effect. A cross-cutting proposal has no Tabel 1: its Sheet has a nil
// Economy and its catalog row split into Shares. Figures are in the units Economy.Unit and
// Catalog.Unit name: as stored, until InUnit converts them. Tabel 3 is in Tabel 1's unit. A
// Sheet is built by Ledger.Sheet, CrossCuttingSheet or FindSheet; it shares the text fields
// (FollowUp, Consultations) with the proposal. InYears and InUnit return new Sheets and leave
// the receiver as it was.
type Sheet struct {
	Number int    // 0 for a cross-cutting proposal
	ID     string // the cross-cutting proposal's id; "" for a numbered one
	Title  string
	Kind   string // proposal.KindInvestment, KindEfficiency or KindCrossCutting
	// Committee is the committee's id and CommitteeName its Table 1 name; both "" for a
	// cross-cutting proposal, whose committees are in Catalog.Shares.
	Committee      string
	CommitteeName  string
	Administration string
	ApprovedWith   *string
	Case           string
	Summary        string
	File           string

	Economy                *EconomySheet // nil where the proposal has no Tabel 1
	Catalog                CatalogSheet
	FollowUp               []proposal.FollowUp
	Risk                   string
	FromInnovationProposal *bool
	AdministrativeEffect   *SheetSection // Tabel 3; nil where not printed
	AdministrativeNote     string        // the statement under section 5
	Consultations          *proposal.Consultations
	// Realised is the file's realised section against Tabel 1; nil where it has none.
	Realised *RealisedSheet
	// Continues is the chain of earlier proposals this one continues, the nearest first
	// (Ledger.Chain); empty where it continues none.
	Continues []Link
}

// EconomySheet is a proposal's Tabel 1 in its own year columns.
type EconomySheet struct {
	Unit       string
	PriceLevel string
	Years      []int
	// Sections are the permanent changes and the implementation costs as printed (either may be
	// missing), then the sections of any further tables printed with Tabel 1.
	Sections []SheetSection
	// TotalImpact is the declared total economic impact (Declared nil where not printed) against
	// the permanent rows plus the implementation rows.
	TotalImpact ComparedLine
	// PermanentChange is the proposal's own permanent change per year, in its own sign (savings
	// negative): its declared total over all rows where the table prints one, else the sum of
	// its rows; zeros without a permanent section. The sign rule, the catalog row and the payback
	// on total economy read it. PermanentPath is the document path of those figures (the
	// declared total's amounts, or the rows summed); "" without a permanent section.
	PermanentChange Figures
	PermanentPath   string `json:"-"`
	// Cumulative is the running net effect per year: the permanent change (as the payback on
	// total economy reads it) plus implementation costs. Where it first reaches zero is the payback.
	Cumulative Figures
	Payback    []PaybackLine // service efficiency, then total economy
	Notes      []string
}

// Section keys of SheetSection.
const (
	SectionPermanent      = "permanent"
	SectionImplementation = "implementation"
	SectionOther          = "other" // a section of a further table, named in SheetSection.Table
	SectionAdministrative = "administrative"
)

// SheetSection is a block of a proposal's table: its rows as printed and each declared total
// beside the sum of the rows it covers.
type SheetSection struct {
	Key   string // one of the Section constants
	Table string // the further table's title, for SectionOther
	// Path is the section's document path, e.g. "economy.permanent" or
	// "economy.other_tables.0.sections.1"; "administrative_effect" for Tabel 3.
	Path  string `json:"-"`
	Title string
	Years []int
	Rows  []SheetRow
	// Totals are the declared total rows in printed order, each against its computed sum.
	Totals []ComparedLine
	// Sum is the computed sum of every row per year, printed or not.
	Sum Figures
}

// SheetRow is a line item: label, steering area (may be ""), cells.
type SheetRow struct {
	Label string
	Area  string
	Cells Cells
}

// ComparedLine is a row the document declares beside the one budget computes.
type ComparedLine struct {
	Label string
	Area  string
	// Sums says what the row totals: "all", a steering area, or the labels of the rows it adds.
	Sums     string
	Declared Cells // nil where the document prints no such row
	Computed Figures
	// Differs marks the years where the declared cell (empty counts as zero) is not the
	// computed figure; all false where nothing is declared. (Catalog assertions, see Asserted,
	// count an empty cell as differing.)
	Differs []bool
	// Path is the document path of the declared row's amounts, a mapping from year to figure
	// (e.g. "economy.permanent.totals.0.amounts"); Years are the row's years.
	Path  string `json:"-"`
	Years []int  `json:"-"`
}

// Differ reports whether any year differs.
func (c ComparedLine) Differ() bool { return slices.Contains(c.Differs, true) }

// CellPath is the document path of the declared cell of the row's i-th year; of the whole row
// where that cell is empty.
func (c ComparedLine) CellPath(i int) string {
	if c.Declared == nil || !c.Declared[i].Printed {
		return c.Path
	}
	return yearPath(c.Path, c.Years[i])
}

func yearPath(p string, year int) string { return proposal.Join(p, strconv.Itoa(year)) }

func compare(label, area, sums string, declared Cells, computed Figures, path string, years []int) ComparedLine {
	return compareInto(label, area, sums, declared, computed, path, years, make([]bool, len(computed)))
}

// compareInto is compare, marking the differences in differs, of false aligned with computed.
func compareInto(label, area, sums string, declared Cells, computed Figures, path string, years []int, differs []bool) ComparedLine {
	c := ComparedLine{Label: label, Area: area, Sums: sums, Declared: declared, Computed: computed,
		Differs: differs, Path: path, Years: years}
	if declared != nil {
		for i := range computed {
			c.Differs[i] = !declared[i].Value.Equal(computed[i])
		}
	}
	return c
}

// Payback bases of PaybackLine.
const (
	PaybackService = "service"
	PaybackTotal   = "total"
)

// PaybackLine is a printed payback time beside the one Tabel 1 gives.
type PaybackLine struct {
	Basis    string           // PaybackService or PaybackTotal
	Printed  *decimal.Decimal // nil where the document prints none
	Computed int              // years; 0 when the proposal never pays back
	Differs  bool             // printed, and not what Tabel 1 gives
	Path     string           `json:"-"` // the printed figure's document path, e.g. "economy.payback.total"
}

// CatalogSheet is the proposal's row in the catalog's Table 2 against its own Tabel 1.
type CatalogSheet struct {
	Title      string
	Unit       string // the catalog's unit
	PriceLevel string // the catalog's price level
	Years      []int  // the catalog's years
	// Contribution is the row as Table 2 prints it; for a cross-cutting proposal the sum of its
	// shares. Path is its document path ("catalog.contribution"); "" for a cross-cutting
	// proposal, whose row is its shares'.
	Contribution Cells
	Path         string `json:"-"`
	// Own is the proposal's own permanent change with the catalog's sign (savings positive), in
	// the years Tabel 1 has; nil without a Tabel 1.
	Own Cells
	// Differs marks the years where Tabel 1 has a column and Contribution is not Own, except
	// those Flipped marks: where Contribution is the proposal's own permanent change unturned
	// (not zero), the same figure with the other sign. That is a sign error of the proposal or
	// of the catalog row, which validate reports as such (a positive permanent change, or a
	// negative catalog contribution), not a catalog figure of its own.
	Differs []bool
	Flipped []bool
	// TotalInvestment is Table 2's figure, nil where it prints a blank or "-"; InvestmentIn names
	// where the document puts it instead (a cross-cutting proposal's "Bilag 8").
	TotalInvestment *decimal.Decimal
	InvestmentIn    string
	// ImplementationCosts is the sum of Tabel 1's implementation rows; nil without a Tabel 1.
	// InvestmentDiffers marks a TotalInvestment (none counts as zero) that is not those costs;
	// InvestmentPath is the document path of the printed figure ("catalog.total_investment").
	ImplementationCosts *decimal.Decimal
	InvestmentDiffers   bool
	InvestmentPath      string      `json:"-"`
	Shares              []ShareLine // a cross-cutting proposal's committees
}

// CellPath is the document path of the contribution's cell of the catalog's i-th year.
func (c CatalogSheet) CellPath(i int) string {
	if !c.Contribution[i].Printed {
		return c.Path
	}
	return yearPath(c.Path, c.Years[i])
}

// ShareLine is one committee's part of a cross-cutting proposal.
type ShareLine struct {
	Committee       string
	CommitteeName   string
	Contribution    Cells
	TotalInvestment *decimal.Decimal
}

// unit is the catalog's unit; without a catalog, the unit figures are stored in.
func (l *Ledger) unit() string {
	if l.Catalog == nil || l.Catalog.Unit == "" {
		return Thousands.Name
	}
	return l.Catalog.Unit
}

func (l *Ledger) priceLevel() string {
	if l.Catalog == nil {
		return ""
	}
	return l.Catalog.PriceLevel
}

func (l *Ledger) committeeName(id string) string {
	if l.Catalog != nil {
		for _, c := range l.Catalog.Committees {
			if c.ID == id {
				return c.Name
			}
		}
	}
	return id
}

// loadedSheet is the Sheet laid out when doc's file was loaded, or nil for a ledger that was
// not loaded (one built in a test, or the worker's own). A ledger loaded with ModelTables kept
// none, nor the fields a Sheet shows: asking one for a Sheet is a mistake of the program.
func (l *Ledger) loadedSheet(doc *proposal.Document) *Sheet {
	if l.Model == ModelTables {
		panic("ledger: a Sheet of a ledger loaded with ModelTables, which keeps only the tables")
	}
	if doc == nil {
		return nil
	}
	return l.Sheets[doc.File]
}

// Sheet lays out a numbered proposal.
func (l *Ledger) Sheet(p *proposal.Proposal) Sheet {
	s := l.layOut(p)
	s.Continues = l.Chain(p)
	return s
}

func (l *Ledger) layOut(p *proposal.Proposal) Sheet {
	if s := l.loadedSheet(p.Doc); s != nil {
		return *s // laid out once, as its file was loaded
	}
	s := Sheet{Number: p.Number, Title: p.Title, Kind: p.Kind, Committee: p.Committee,
		CommitteeName: l.committeeName(p.Committee), Administration: p.Administration,
		ApprovedWith: p.ApprovedWith, Case: p.Case, Summary: p.Summary, FollowUp: p.FollowUp,
		Risk: p.Risk, FromInnovationProposal: p.FromInnovationProposal, Consultations: p.Consultations}
	if p.Doc != nil {
		s.File = p.Doc.File
	}
	years := l.years()
	s.Catalog = CatalogSheet{Title: p.Catalog.Title, Unit: l.unit(), PriceLevel: l.priceLevel(), Years: years,
		Contribution: cellsOf(p.Catalog.Contribution, years), Path: "catalog.contribution",
		Differs: make([]bool, len(years)), Flipped: make([]bool, len(years)),
		TotalInvestment: decimalOrNil(p.Catalog.TotalInvestment), InvestmentPath: "catalog.total_investment"}
	if e := p.Economy; e != nil {
		var impl Figures
		s.Economy, impl = economySheet(e)
		change := s.Economy.PermanentChange
		s.Catalog.Own = make(Cells, len(years))
		for i, y := range years {
			if j := slices.Index(e.Years, y); j >= 0 {
				own, printed := change[j], s.Catalog.Contribution[i].Value
				if !own.IsZero() {
					own = own.Neg() // zero is its own negation, of the same exponent
				}
				s.Catalog.Own[i] = Cell{Value: own, Printed: true}
				s.Catalog.Flipped[i] = !printed.IsZero() && printed.Equal(change[j])
				s.Catalog.Differs[i] = !printed.Equal(own) && !s.Catalog.Flipped[i]
			}
		}
		var sum sum
		for _, v := range impl {
			sum.add(v)
		}
		costs := sum.decimal()
		s.Catalog.ImplementationCosts = &costs
		s.Catalog.InvestmentDiffers = blankDiffers(s.Catalog.TotalInvestment, costs)
		if p.Realised != nil {
			s.Realised = realisedSheet(p.Realised, e, change, impl, p.FollowUp, l.threshold())
		}
	} else if p.Realised != nil {
		s.Realised = realisedSheet(p.Realised, nil, nil, nil, p.FollowUp, l.threshold())
	}
	if a := p.AdministrativeEffect; a != nil {
		s.AdministrativeNote = a.Statement
		if a.Rows != nil || a.Total != nil {
			sec := section(SectionAdministrative, "", "administrative_effect", &proposal.Section{Rows: a.Rows}, a.Years)
			if a.Total != nil {
				sec.Totals = []ComparedLine{compare(a.Total.Label, a.Total.Area, proposal.SumsAll,
					cellsOf(a.Total.Amounts, a.Years), sec.Sum, "administrative_effect.total.amounts", a.Years)}
			}
			s.AdministrativeEffect = &sec
		}
	}
	return s
}

// economySheet lays out Tabel 1; impl is the sum of its implementation rows per year.
func economySheet(e *proposal.Economy) (es *EconomySheet, impl Figures) {
	es = &EconomySheet{Unit: e.Unit, PriceLevel: e.PriceLevel, Years: e.Years, Notes: e.Notes}
	// Each section's rows are summed once: the total impact, the cumulative net effect, the
	// paybacks and the total investment read the permanent and implementation sums.
	perm, impl := make(Figures, len(e.Years)), make(Figures, len(e.Years))
	if e.Permanent != nil {
		sec := section(SectionPermanent, "", "economy.permanent", e.Permanent, e.Years)
		perm = sec.Sum
		es.Sections = append(es.Sections, sec)
	}
	if e.Implementation != nil {
		sec := section(SectionImplementation, "", "economy.implementation", e.Implementation, e.Years)
		impl = sec.Sum
		es.Sections = append(es.Sections, sec)
	}
	for i, t := range e.OtherTables {
		years := t.Years
		if years == nil {
			years = e.Years
		}
		for j := range t.Sections {
			es.Sections = append(es.Sections, section(SectionOther, t.Title,
				"economy.other_tables."+strconv.Itoa(i)+".sections."+strconv.Itoa(j), &t.Sections[j], years))
		}
	}

	impact := make(Figures, len(perm))
	for i := range perm {
		impact[i] = plus(perm[i], impl[i])
	}
	label := "Samlet økonomisk påvirkning"
	var declared Cells
	if e.TotalImpact != nil {
		label, declared = e.TotalImpact.Label, cellsOf(e.TotalImpact.Amounts, e.Years)
	}
	es.TotalImpact = compare(label, "", proposal.SumsAll, declared, impact, "economy.total_impact.amounts", e.Years)

	change, total := permanentChange(e, perm)
	es.PermanentChange = change
	switch {
	case e.Permanent == nil:
	case total < 0:
		es.PermanentPath = "economy.permanent.rows"
	default:
		es.PermanentPath = "economy.permanent.totals." + strconv.Itoa(total) + ".amounts"
	}
	es.Cumulative = make(Figures, len(e.Years))
	var run sum
	for i := range e.Years {
		run.add(change[i])
		run.add(impl[i])
		es.Cumulative[i] = run.decimal()
	}
	service := perm // the Service rows' sum is the rows' sum where every row is a Service row
	if e.Permanent != nil && !all(e.Permanent.Rows, serviceRow) {
		service = ServiceChange(e)
	}
	var printed proposal.Payback
	if e.Payback != nil {
		printed = *e.Payback
	}
	es.Payback = []PaybackLine{
		paybackLine(PaybackService, printed.Service, Payback(service, impl)),
		paybackLine(PaybackTotal, printed.Total, Payback(change, impl)),
	}
	return es, impl
}

func paybackLine(basis string, printed *proposal.Amount, computed int) PaybackLine {
	pl := PaybackLine{Basis: basis, Printed: decimalOrNil(printed), Computed: computed, Path: "economy.payback." + basis}
	if printed != nil {
		pl.Differs = computed == 0 || !printed.Equal(decimal.NewFromInt(int64(computed)))
	}
	return pl
}

func section(key, table, path string, s *proposal.Section, years []int) SheetSection {
	ss := SheetSection{Key: key, Table: table, Path: path, Title: s.Title, Years: years, Sum: RowSums(s, years)}
	// The rows' cells and the totals' declared cells share one array, as do the totals' computed
	// figures and their Differs: each slice is capped at its own end.
	n := len(years)
	cells := make(Cells, n*(len(s.Rows)+len(s.Totals)))
	if len(s.Rows) > 0 {
		ss.Rows = make([]SheetRow, len(s.Rows))
	}
	for i, r := range s.Rows {
		ss.Rows[i] = SheetRow{Label: r.Label, Area: r.Area, Cells: fillCells(cells[i*n:(i+1)*n:(i+1)*n], r.Amounts, years)}
	}
	if len(s.Totals) == 0 {
		return ss
	}
	cells = cells[len(s.Rows)*n:]
	computed, differs := make(Figures, n*len(s.Totals)), make([]bool, n*len(s.Totals))
	ss.Totals = make([]ComparedLine, len(s.Totals))
	var buf [8]sum
	for i, t := range s.Totals {
		c := computed[i*n : (i+1)*n : (i+1)*n]
		if coversAll(t.Sums, s.Rows) {
			copy(c, ss.Sum) // the same rows added in the same order: the same figures
		} else {
			sums := sumsOf(buf[:], n)
			rows, filter := s.Rows, true
			if len(t.Sums.Labels) > 8 {
				rows, filter = t.Sums.Covered(s.Rows), false // a set of many labels, not their product with the rows
			}
			for _, r := range rows {
				if !filter || t.Sums.Includes(r) {
					sums.addRow(r.Amounts, years)
				}
			}
			for j := range sums {
				c[j] = sums[j].decimal()
			}
		}
		ss.Totals[i] = compareInto(t.Label, t.Area, sumsText(t.Sums), fillCells(cells[i*n:(i+1)*n:(i+1)*n], t.Amounts, years),
			c, path+".totals."+strconv.Itoa(i)+".amounts", years, differs[i*n:(i+1)*n:(i+1)*n])
	}
	return ss
}

func all[T any](s []T, f func(T) bool) bool {
	for _, x := range s {
		if !f(x) {
			return false
		}
	}
	return true
}

// coversAll reports whether a total of what sums names adds up every row, cheaply: where it
// names labels, it may well cover them all, but that is left to summing.
func coversAll(sums proposal.Sums, rows []proposal.Line) bool {
	return sums.Labels == nil && all(rows, sums.Includes)
}

func sumsText(s proposal.Sums) string {
	if s.Labels != nil {
		return strings.Join(s.Labels, "; ")
	}
	return s.Area
}

// CrossCuttingSheet lays out a cross-cutting proposal: its shares by committee, catalog order.
func (l *Ledger) CrossCuttingSheet(x *proposal.CrossCutting) Sheet {
	if s := l.loadedSheet(x.Doc); s != nil {
		return *s
	}
	s := Sheet{ID: x.ID, Title: x.Title, Kind: proposal.KindCrossCutting, ApprovedWith: x.ApprovedWith}
	if x.Doc != nil {
		s.File = x.Doc.File
	}
	years := l.years()
	var buf [8]sum
	sums := sumsOf(buf[:], len(years))
	printed := make([]bool, len(years))
	s.Catalog = CatalogSheet{Title: x.Title, Unit: l.unit(), PriceLevel: l.priceLevel(), Years: years,
		Differs: make([]bool, len(years)), Flipped: make([]bool, len(years)), InvestmentIn: x.InvestmentIn}
	for _, sh := range x.Shares {
		cs := cellsOf(sh.Contribution, years)
		for i, c := range cs {
			sums[i].add(c.Value)
			printed[i] = printed[i] || c.Printed
		}
		s.Catalog.Shares = append(s.Catalog.Shares, ShareLine{Committee: sh.Committee,
			CommitteeName: l.committeeName(sh.Committee), Contribution: cs, TotalInvestment: decimalOrNil(sh.TotalInvestment)})
		if sh.TotalInvestment != nil {
			t := sh.TotalInvestment.Decimal
			if s.Catalog.TotalInvestment != nil {
				t = t.Add(*s.Catalog.TotalInvestment)
			}
			s.Catalog.TotalInvestment = &t
		}
	}
	if l.Catalog != nil {
		order := func(a, b ShareLine) int {
			return slices.IndexFunc(l.Catalog.Committees, func(c proposal.Committee) bool { return c.ID == a.Committee }) -
				slices.IndexFunc(l.Catalog.Committees, func(c proposal.Committee) bool { return c.ID == b.Committee })
		}
		slices.SortStableFunc(s.Catalog.Shares, order)
	}
	s.Catalog.Contribution = make(Cells, len(years))
	for i := range years {
		s.Catalog.Contribution[i] = Cell{Value: sums[i].decimal(), Printed: printed[i]}
	}
	return s
}

// numberSpan describes the proposal numbers, e.g. "1-36" or "1, 2, 5".
func (l *Ledger) numberSpan() any {
	if len(l.Proposals) == 0 {
		return msg.Newf("none")
	}
	first, last := l.Proposals[0].Number, l.Proposals[len(l.Proposals)-1].Number
	if last-first+1 == len(l.Proposals) {
		if first == last {
			return strconv.Itoa(first)
		}
		return fmt.Sprintf("%d-%d", first, last)
	}
	ns := make([]string, len(l.Proposals))
	for i, p := range l.Proposals {
		ns[i] = strconv.Itoa(p.Number)
	}
	return strings.Join(ns, ", ")
}

// InYears keeps the columns of every table of s that lie in f's range; each table keeps its own
// years, so a table may be left without columns.
func (s Sheet) InYears(f Filter) Sheet {
	if e := s.Economy; e != nil {
		i, j := f.span(e.Years)
		ne := *e
		ne.Years, ne.Cumulative, ne.PermanentChange = e.Years[i:j], e.Cumulative[i:j], e.PermanentChange[i:j]
		ne.TotalImpact = e.TotalImpact.columns(i, j)
		ne.Sections = each(e.Sections, func(sec SheetSection) SheetSection { return sec.inYears(f) })
		s.Economy = &ne
	}
	c := s.Catalog
	i, j := f.span(c.Years)
	c.Years, c.Contribution, c.Own = c.Years[i:j], c.Contribution[i:j], cut(c.Own, i, j)
	c.Differs, c.Flipped = c.Differs[i:j], c.Flipped[i:j]
	c.Shares = each(c.Shares, func(sh ShareLine) ShareLine { sh.Contribution = sh.Contribution[i:j]; return sh })
	s.Catalog = c
	if a := s.AdministrativeEffect; a != nil {
		na := a.inYears(f)
		s.AdministrativeEffect = &na
	}
	if r := s.Realised; r != nil {
		nr := *r
		nr.Years = nil
		for _, y := range r.Years {
			if (f.From == 0 || y.Year >= f.From) && (f.To == 0 || y.Year <= f.To) {
				nr.Years = append(nr.Years, y)
			}
		}
		s.Realised = &nr
	}
	return s
}

func cut[T any](s []T, i, j int) []T {
	if s == nil {
		return nil
	}
	return s[i:j]
}

func (sec SheetSection) inYears(f Filter) SheetSection {
	i, j := f.span(sec.Years)
	sec.Years, sec.Sum = sec.Years[i:j], sec.Sum[i:j]
	sec.Rows = each(sec.Rows, func(r SheetRow) SheetRow { r.Cells = r.Cells[i:j]; return r })
	sec.Totals = each(sec.Totals, func(t ComparedLine) ComparedLine { return t.columns(i, j) })
	return sec
}

func (c ComparedLine) columns(i, j int) ComparedLine {
	c.Declared, c.Computed, c.Differs, c.Years = cut(c.Declared, i, j), c.Computed[i:j], c.Differs[i:j], c.Years[i:j]
	return c
}

// InUnit converts every amount of s into u; payback times stay in years.
func (s Sheet) InUnit(u Unit) (Sheet, error) {
	if e := s.Economy; e != nil {
		c, err := newConverter(e.Unit, u)
		if err != nil {
			return Sheet{}, err
		}
		ne := *e
		ne.Unit, ne.Cumulative, ne.TotalImpact = u.Name, c.figures(e.Cumulative), c.line(e.TotalImpact)
		ne.PermanentChange = c.figures(e.PermanentChange)
		ne.Sections = each(e.Sections, c.section)
		s.Economy = &ne
		if r := s.Realised; r != nil {
			nr := *r
			nr.Years = each(r.Years, c.realised)
			s.Realised = &nr
		}
		if a := s.AdministrativeEffect; a != nil {
			na := c.section(*a) // Tabel 3 is in Tabel 1's unit
			s.AdministrativeEffect = &na
		}
	}
	cat := s.Catalog
	c, err := newConverter(cat.Unit, u)
	if err != nil {
		return Sheet{}, err
	}
	cat.Unit = u.Name
	cat.Contribution, cat.Own = c.cells(cat.Contribution), c.cells(cat.Own)
	cat.TotalInvestment, cat.ImplementationCosts = c.ptr(cat.TotalInvestment), c.ptr(cat.ImplementationCosts)
	cat.Shares = each(cat.Shares, func(sh ShareLine) ShareLine {
		sh.Contribution, sh.TotalInvestment = c.cells(sh.Contribution), c.ptr(sh.TotalInvestment)
		return sh
	})
	s.Catalog = cat
	return s, nil
}

func (c converter) realised(y RealisedLine) RealisedLine {
	y.Promised, y.Realised, y.Shortfall = c.d(y.Promised), c.d(y.Realised), c.d(y.Shortfall)
	return y
}

func (c converter) line(l ComparedLine) ComparedLine {
	l.Declared, l.Computed = c.cells(l.Declared), c.figures(l.Computed)
	return l
}

func (c converter) section(sec SheetSection) SheetSection {
	sec.Sum = c.figures(sec.Sum)
	sec.Rows = each(sec.Rows, func(r SheetRow) SheetRow { r.Cells = c.cells(r.Cells); return r })
	sec.Totals = each(sec.Totals, c.line)
	return sec
}
