package render

// The machine contract: every JSON document budget writes (totals, proposals, show, target, followup,
// diff, validate, export, the Fiscal Data Package's datapackage.json), its types and how each
// is filled from the computed report, and the one encoder that writes them all. A change to
// what other tools read is reviewed here.
//
// Amounts are decimal strings (never numbers, so that no reader rounds them), keyed by year;
// text is exact, its hidden characters written as \u escapes (escape.JSON), so that the JSON is
// safe to show in a terminal too.

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"strconv"

	"github.com/budget-ledger/budget/pkg/diag"
	"github.com/budget-ledger/budget/pkg/diff"
	"github.com/budget-ledger/budget/pkg/escape"
	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/budget-ledger/budget/pkg/msg"
	"github.com/budget-ledger/budget/pkg/proposal"
	"github.com/shopspring/decimal"
)

// writeJSON writes v as indented JSON: the one encoder of every JSON output.
func writeJSON(w io.Writer, v any) error {
	b, err := encodeJSON(v, "")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// encodeJSON is v as writeJSON writes it at a depth whose lines start with prefix, without the
// final line break.
func encodeJSON(v any, prefix string) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent(prefix, "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return escape.JSON(bytes.TrimSuffix(b.Bytes(), []byte("\n"))), nil
}

// amountsJSON is a row's figures as {"2026": "1791", ...}.
type amountsJSON map[string]string

func amountsOf(years []int, f ledger.Figures) amountsJSON {
	m := amountsJSON{}
	for i, y := range years {
		m[strconv.Itoa(y)] = f[i].String()
	}
	return m
}

// printedOf keys the printed cells by year; nil (null) for a row not printed at all.
func printedOf(years []int, cs ledger.Cells) amountsJSON {
	if cs == nil {
		return nil
	}
	return printedAs(years, cs, cs.Figures())
}

// printedAs keys f by year in the years where cs has a printed cell.
func printedAs(years []int, cs ledger.Cells, f ledger.Figures) amountsJSON {
	m := amountsJSON{}
	for i, c := range cs {
		if c.Printed {
			m[strconv.Itoa(years[i])] = f[i].String()
		}
	}
	return m
}

// differYears lists the years marked in d.
func differYears(years []int, d []bool) []int {
	out := []int{}
	for i, b := range d {
		if b {
			out = append(out, years[i])
		}
	}
	return out
}

func decimalString(d *decimal.Decimal) *string {
	if d == nil {
		return nil
	}
	s := d.String()
	return &s
}

// numberOrNull is a proposal's number, null for a cross-cutting proposal (0).
func numberOrNull(n int) *int {
	if n == 0 {
		return nil
	}
	return &n
}

// budget totals

type totalsJSON struct {
	Unit       string `json:"unit"`
	PriceLevel string `json:"price_level"`
	Years      []int  `json:"years"`
	// CumulativeFrom is set where the amounts are running sums from that year.
	CumulativeFrom int                   `json:"cumulative_from,omitempty"`
	Committees     []totalsCommitteeJSON `json:"committees"`
	Total          amountsJSON           `json:"total"`
}

type totalsCommitteeJSON struct {
	ID        string      `json:"id"`
	Committee string      `json:"committee"`
	Amounts   amountsJSON `json:"amounts"`
}

func totalsOf(t ledger.Totals) totalsJSON {
	out := totalsJSON{Unit: t.Unit, PriceLevel: t.PriceLevel, Years: t.Years, CumulativeFrom: t.CumulativeFrom,
		Committees: []totalsCommitteeJSON{}, Total: amountsOf(t.Years, t.Total)}
	for _, c := range t.Committees {
		out.Committees = append(out.Committees, totalsCommitteeJSON{ID: c.ID, Committee: c.Name, Amounts: amountsOf(t.Years, c.Amounts)})
	}
	return out
}

// budget proposals

type proposalsJSON struct {
	Unit       string                `json:"unit"`
	PriceLevel string                `json:"price_level"`
	Years      []int                 `json:"years"`
	Committees []table2CommitteeJSON `json:"committees"`
	Total      table2TotalJSON       `json:"total"`
}

type table2CommitteeJSON struct {
	ID              string          `json:"id"`
	Committee       string          `json:"committee"`
	Amounts         amountsJSON     `json:"amounts"`
	TotalInvestment string          `json:"total_investment"`
	Proposals       []table2RowJSON `json:"proposals"`
}

type table2RowJSON struct {
	Number          *int        `json:"number"`
	Title           string      `json:"title"`
	Kind            string      `json:"kind"`
	Amounts         amountsJSON `json:"amounts"`
	TotalInvestment *string     `json:"total_investment"`
	ApprovedWith    *string     `json:"approved_with"`
}

type table2TotalJSON struct {
	Amounts         amountsJSON `json:"amounts"`
	TotalInvestment string      `json:"total_investment"`
}

func proposalsOf(t ledger.Table2) proposalsJSON {
	out := proposalsJSON{Unit: t.Unit, PriceLevel: t.PriceLevel, Years: t.Years, Committees: []table2CommitteeJSON{},
		Total: table2TotalJSON{amountsOf(t.Years, t.Total), t.TotalInvestment.String()}}
	for _, c := range t.Committees {
		jc := table2CommitteeJSON{ID: c.ID, Committee: c.PrintedName, Amounts: amountsOf(t.Years, c.Amounts),
			TotalInvestment: c.TotalInvestment.String(), Proposals: []table2RowJSON{}}
		for _, r := range c.Rows {
			jc.Proposals = append(jc.Proposals, table2RowJSON{Number: numberOrNull(r.Number), Title: r.Title, Kind: r.Kind,
				Amounts: amountsOf(t.Years, r.Amounts), TotalInvestment: decimalString(r.TotalInvestment), ApprovedWith: r.ApprovedWith})
		}
		out.Committees = append(out.Committees, jc)
	}
	return out
}

// budget show: a printed row has only the cells the document prints, budget's figures are there
// for every year, differences are a list of years.

type sheetsJSON struct {
	Proposals []sheetJSON `json:"proposals"`
}

type sheetJSON struct {
	Number                  *int                    `json:"number"`
	ID                      string                  `json:"id,omitempty"`
	Title                   string                  `json:"title"`
	Kind                    string                  `json:"kind"`
	Committee               string                  `json:"committee,omitempty"`
	CommitteeName           string                  `json:"committee_name,omitempty"`
	Administration          string                  `json:"administration,omitempty"`
	ApprovedWith            *string                 `json:"approved_with"`
	Case                    string                  `json:"case,omitempty"`
	Summary                 string                  `json:"summary,omitempty"`
	File                    string                  `json:"file"`
	Continues               []linkJSON              `json:"continues,omitempty"`
	Economy                 *economyJSON            `json:"economy"`
	Catalog                 catalogJSON             `json:"catalog"`
	FollowUp                []proposal.FollowUp     `json:"follow_up"`
	Risk                    string                  `json:"risk,omitempty"`
	FromInnovationProposal  *bool                   `json:"from_innovation_proposal"`
	AdministrativeStatement string                  `json:"administrative_statement,omitempty"`
	AdministrativeEffect    *sectionJSON            `json:"administrative_effect"`
	Consultations           *proposal.Consultations `json:"consultations,omitempty"`
}

type economyJSON struct {
	Unit        string        `json:"unit"`
	PriceLevel  string        `json:"price_level"`
	Years       []int         `json:"years"`
	Sections    []sectionJSON `json:"sections"`
	TotalImpact comparedJSON  `json:"total_impact"`
	Cumulative  amountsJSON   `json:"cumulative"`
	Payback     []paybackJSON `json:"payback"`
	Notes       []string      `json:"notes,omitempty"`
}

type sectionJSON struct {
	Key    string         `json:"key"`
	Table  string         `json:"table,omitempty"`
	Title  string         `json:"title,omitempty"`
	Years  []int          `json:"years"`
	Rows   []rowJSON      `json:"rows"`
	Totals []comparedJSON `json:"totals"`
	Sum    amountsJSON    `json:"sum"`
}

type rowJSON struct {
	Label   string      `json:"label"`
	Area    string      `json:"area,omitempty"`
	Amounts amountsJSON `json:"amounts"`
}

type comparedJSON struct {
	Label    string      `json:"label"`
	Area     string      `json:"area,omitempty"`
	Sums     string      `json:"sums"`
	Declared amountsJSON `json:"declared"`
	Computed amountsJSON `json:"computed"`
	Differs  []int       `json:"differs"`
}

type paybackJSON struct {
	Basis    string  `json:"basis"`
	Printed  *string `json:"printed"`
	Computed *int    `json:"computed"` // null: never pays back
	Differs  bool    `json:"differs"`
}

type catalogJSON struct {
	Title               string      `json:"title"`
	Unit                string      `json:"unit"`
	PriceLevel          string      `json:"price_level"`
	Years               []int       `json:"years"`
	Contribution        amountsJSON `json:"contribution"`
	Own                 amountsJSON `json:"own"`
	Differs             []int       `json:"differs"`
	Flipped             []int       `json:"flipped,omitempty"` // years of a sign error, not a difference
	TotalInvestment     *string     `json:"total_investment"`
	InvestmentIn        string      `json:"investment_in,omitempty"`
	ImplementationCosts *string     `json:"implementation_costs"`
	InvestmentDiffers   bool        `json:"investment_differs"`
	Shares              []shareJSON `json:"shares,omitempty"`
}

type shareJSON struct {
	Committee       string      `json:"committee"`
	CommitteeName   string      `json:"committee_name"`
	Contribution    amountsJSON `json:"contribution"`
	TotalInvestment *string     `json:"total_investment"`
}

func comparedOf(years []int, c ledger.ComparedLine) comparedJSON {
	return comparedJSON{Label: c.Label, Area: c.Area, Sums: c.Sums, Declared: printedOf(years, c.Declared),
		Computed: amountsOf(years, c.Computed), Differs: differYears(years, c.Differs)}
}

func sectionOf(sec ledger.SheetSection) sectionJSON {
	out := sectionJSON{Key: sec.Key, Table: sec.Table, Title: sec.Title, Years: sec.Years, Rows: []rowJSON{},
		Totals: []comparedJSON{}, Sum: amountsOf(sec.Years, sec.Sum)}
	for _, r := range sec.Rows {
		out.Rows = append(out.Rows, rowJSON{Label: r.Label, Area: r.Area, Amounts: printedOf(sec.Years, r.Cells)})
	}
	for _, t := range sec.Totals {
		out.Totals = append(out.Totals, comparedOf(sec.Years, t))
	}
	return out
}

func sheetOf(s ledger.Sheet) sheetJSON {
	out := sheetJSON{Number: numberOrNull(s.Number), ID: s.ID, Title: s.Title, Kind: s.Kind, Committee: s.Committee,
		CommitteeName: s.CommitteeName, Administration: s.Administration, ApprovedWith: s.ApprovedWith, Case: s.Case,
		Summary: s.Summary, File: s.File, FollowUp: s.FollowUp, Risk: s.Risk, FromInnovationProposal: s.FromInnovationProposal,
		AdministrativeStatement: s.AdministrativeNote, Consultations: s.Consultations}
	for _, k := range s.Continues {
		out.Continues = append(out.Continues, linkJSON{k.Budget, k.Number, k.Title, k.File})
	}
	if out.FollowUp == nil {
		out.FollowUp = []proposal.FollowUp{}
	}
	if e := s.Economy; e != nil {
		ej := &economyJSON{Unit: e.Unit, PriceLevel: e.PriceLevel, Years: e.Years, Sections: []sectionJSON{},
			TotalImpact: comparedOf(e.Years, e.TotalImpact), Cumulative: amountsOf(e.Years, e.Cumulative), Notes: e.Notes}
		for _, sec := range e.Sections {
			ej.Sections = append(ej.Sections, sectionOf(sec))
		}
		for _, p := range e.Payback {
			ej.Payback = append(ej.Payback, paybackJSON{Basis: p.Basis, Printed: decimalString(p.Printed),
				Computed: numberOrNull(p.Computed), Differs: p.Differs})
		}
		out.Economy = ej
	}
	c := s.Catalog
	out.Catalog = catalogJSON{Title: c.Title, Unit: c.Unit, PriceLevel: c.PriceLevel, Years: c.Years,
		Contribution: printedOf(c.Years, c.Contribution), Own: printedOf(c.Years, c.Own), Differs: differYears(c.Years, c.Differs),
		Flipped:         differYears(c.Years, c.Flipped),
		TotalInvestment: decimalString(c.TotalInvestment), InvestmentIn: c.InvestmentIn,
		ImplementationCosts: decimalString(c.ImplementationCosts), InvestmentDiffers: c.InvestmentDiffers}
	for _, sh := range c.Shares {
		out.Catalog.Shares = append(out.Catalog.Shares, shareJSON{Committee: sh.Committee, CommitteeName: sh.CommitteeName,
			Contribution: printedOf(c.Years, sh.Contribution), TotalInvestment: decimalString(sh.TotalInvestment)})
	}
	if a := s.AdministrativeEffect; a != nil {
		aj := sectionOf(*a)
		out.AdministrativeEffect = &aj
	}
	return out
}

func sheetsOf(ss []ledger.Sheet) sheetsJSON {
	out := sheetsJSON{Proposals: []sheetJSON{}}
	for _, s := range ss {
		out.Proposals = append(out.Proposals, sheetOf(s))
	}
	return out
}

// budget followup

type followupJSON struct {
	Unit       string `json:"unit"`
	PriceLevel string `json:"price_level"`
	// Threshold is the catalog's shortfall threshold, a fraction; null where it sets none.
	Threshold  *string                 `json:"shortfall_threshold"`
	Proposals  []followupProposalJSON  `json:"proposals"`
	Committees []followupCommitteeJSON `json:"committees"`
	Total      followupSumJSON         `json:"total"`
}

// followupSumJSON is promised, realised and the shortfall, savings positive.
type followupSumJSON struct {
	Promised  string `json:"promised"`
	Realised  string `json:"realised"`
	Shortfall string `json:"shortfall"`
}

type followupProposalJSON struct {
	Number    int                `json:"number"`
	Title     string             `json:"title"`
	Committee string             `json:"committee"`
	Kind      string             `json:"kind"`
	File      string             `json:"file"`
	Years     []followupYearJSON `json:"years"`
	Sum       followupSumJSON    `json:"sum"`
	// Payback is null for a proposal without a Tabel 1; a payback that never comes is null.
	Payback     *followupPaybackJSON `json:"payback"`
	GoalsNotMet []followupGoalJSON   `json:"goals_not_met"`
}

type followupYearJSON struct {
	Year int `json:"year"`
	followupSumJSON
	OverThreshold bool   `json:"over_threshold"`
	Report        string `json:"report"`
	Date          string `json:"date"`
}

type followupPaybackJSON struct {
	Promised *int `json:"promised"`
	Realised *int `json:"realised"`
}

type followupGoalJSON struct {
	Group   string `json:"group,omitempty"`
	Goal    string `json:"goal"`
	Measure string `json:"measure,omitempty"`
	When    string `json:"when,omitempty"`
	// Status is null for a goal without one.
	Status *string `json:"status"`
	Note   string  `json:"note,omitempty"`
}

type followupCommitteeJSON struct {
	ID        string `json:"id"`
	Committee string `json:"committee"`
	followupSumJSON
}

func followupSumOf(s ledger.FollowupSum) followupSumJSON {
	return followupSumJSON{s.Promised.String(), s.Realised.String(), s.Shortfall.String()}
}

func followupOf(f ledger.Followup) followupJSON {
	out := followupJSON{Unit: f.Unit, PriceLevel: f.PriceLevel, Threshold: decimalString(f.Threshold),
		Proposals: []followupProposalJSON{}, Committees: []followupCommitteeJSON{}, Total: followupSumOf(f.Total)}
	for _, p := range f.Proposals {
		pj := followupProposalJSON{Number: p.Number, Title: p.Title, Committee: p.Committee, Kind: p.Kind, File: p.File,
			Years: []followupYearJSON{}, Sum: followupSumOf(p.Sum), GoalsNotMet: []followupGoalJSON{}}
		for _, y := range p.Years {
			pj.Years = append(pj.Years, followupYearJSON{y.Year, followupSumOf(ledger.FollowupSum{Promised: y.Promised, Realised: y.Realised, Shortfall: y.Shortfall}),
				y.Over, y.Report, y.Date})
		}
		if p.HasPayback {
			pj.Payback = &followupPaybackJSON{numberOrNull(p.Payback.Promised), numberOrNull(p.Payback.Realised)}
		}
		for _, g := range p.GoalsNotMet {
			var status *string
			if g.Status != "" {
				status = &g.Status
			}
			pj.GoalsNotMet = append(pj.GoalsNotMet, followupGoalJSON{g.Group, g.Goal, g.Measure, g.When, status, g.Note})
		}
		out.Proposals = append(out.Proposals, pj)
	}
	for _, c := range f.Committees {
		out.Committees = append(out.Committees, followupCommitteeJSON{c.ID, c.Name, followupSumOf(c.Sum)})
	}
	return out
}

// budget target

type targetJSON struct {
	Unit             string          `json:"unit"`
	PriceLevel       string          `json:"price_level"`
	Years            []int           `json:"years"`
	Table1           amountsJSON     `json:"table1"`
	Table1Unit       string          `json:"table1_unit"`
	Contribution     amountsJSON     `json:"contribution"`
	Stated           amountsJSON     `json:"stated"`
	Rounded          amountsJSON     `json:"rounded"`
	Differs          []int           `json:"differs"`
	Target           *yearFigureJSON `json:"target"`
	Earlier          *string         `json:"earlier"`
	Others           []labelledJSON  `json:"others"`
	Sum              string          `json:"sum"`
	Delivered        *yearFigureJSON `json:"delivered"`
	DeliveredDiffers bool            `json:"delivered_differs"`
	// The earlier catalogs' rising profiles, in a ledger of budget folders only.
	Profiles        []profileJSON `json:"profiles,omitempty"`
	Computed        *string       `json:"computed,omitempty"`
	StatedRest      *string       `json:"stated_rest,omitempty"`
	ComputedDiffers bool          `json:"computed_differs,omitempty"`
}

type profileJSON struct {
	Budget     int              `json:"budget"`
	Year       int              `json:"year"`
	Increase   string           `json:"increase"`
	Unit       string           `json:"unit"`
	PriceLevel string           `json:"price_level"`
	From       string           `json:"from"`
	To         string           `json:"to"`
	Proposals  []profileRowJSON `json:"proposals"`
}

type profileRowJSON struct {
	Number int    `json:"number"`
	Title  string `json:"title"`
	From   string `json:"from"`
	To     string `json:"to"`
}

type yearFigureJSON struct {
	Year   int    `json:"year"`
	Amount string `json:"amount"`
}

type labelledJSON struct {
	Label  string `json:"label"`
	Amount string `json:"amount"`
}

func targetOf(t ledger.Target) targetJSON {
	out := targetJSON{Unit: t.Unit, PriceLevel: t.PriceLevel, Years: t.Years, Table1: amountsOf(t.Years, t.Table1), Table1Unit: t.Table1Unit,
		Stated: printedOf(t.Years, t.Stated), Differs: differYears(t.Years, t.Differs), Earlier: decimalString(t.Earlier),
		Others: []labelledJSON{}, Sum: t.Sum.String(), DeliveredDiffers: t.DeliveredDiffers}
	if t.Contribution != nil {
		out.Contribution = amountsOf(t.Years, t.Contribution)
		out.Rounded = printedAs(t.Years, t.Stated, t.Rounded)
	}
	if t.Goal != nil {
		out.Target = &yearFigureJSON{t.TargetYear, t.Goal.String()}
	}
	if t.Delivered != nil {
		out.Delivered = &yearFigureJSON{t.DeliveredYear, t.Delivered.String()}
	}
	for _, o := range t.Others {
		out.Others = append(out.Others, labelledJSON{o.Label, o.Amount.String()})
	}
	out.Computed, out.StatedRest, out.ComputedDiffers = decimalString(t.Computed), decimalString(t.StatedRest), t.ComputedDiffers
	for _, p := range t.Profiles {
		pj := profileJSON{Budget: p.Budget, Year: p.Year, Increase: p.Increase.String(), Unit: p.Unit, PriceLevel: p.PriceLevel,
			From: p.From.String(), To: p.To.String(), Proposals: []profileRowJSON{}}
		for _, r := range p.Proposals {
			pj.Proposals = append(pj.Proposals, profileRowJSON{r.Number, r.Title, r.From.String(), r.To.String()})
		}
		out.Profiles = append(out.Profiles, pj)
	}
	return out
}

// budget validate, and the findings and failures of budget diff

type validateJSON struct {
	Diagnostics []diagnosticJSON `json:"diagnostics"`
	Errors      int              `json:"errors"`
	// Warnings counts the unacknowledged ones.
	Warnings int `json:"warnings"`
}

type diagnosticJSON struct {
	File         string `json:"file"`
	Line         int    `json:"line"`
	Column       int    `json:"column"`
	Severity     string `json:"severity"`
	Code         string `json:"code"`
	Message      string `json:"message"`
	Path         string `json:"path,omitempty"`
	Acknowledged bool   `json:"acknowledged"`
	Reason       string `json:"reason,omitempty"`
}

// MarshalJSON writes a diagnostic as json.Marshal does, with <, > and & as \u escapes, as it
// has always been written.
func (d diagnosticJSON) MarshalJSON() ([]byte, error) {
	type plain diagnosticJSON
	return json.Marshal(plain(d))
}

// diagnosticsOf is the list as machines read it, messages worded in lang; never null. The
// severity and code stay as they are, the same in every language.
func diagnosticsOf(l diag.List, lang msg.Lang) []diagnosticJSON {
	out := make([]diagnosticJSON, 0, len(l))
	for _, d := range l {
		out = append(out, diagnosticJSON{File: d.Pos.File, Line: d.Pos.Line, Column: d.Pos.Column, Severity: d.Severity.String(),
			Code: d.Code, Message: d.In(lang), Path: d.Path, Acknowledged: d.Acknowledged, Reason: d.Reason})
	}
	return out
}

// Diagnostics writes {"diagnostics": [...], "errors": N, "warnings": N}, budget validate's
// JSON; acknowledged findings only with o.All, but the counts are of the whole list.
func Diagnostics(w io.Writer, l diag.List, o diag.Options) error {
	var kept diag.List
	for _, d := range l {
		if o.All || !d.Acknowledged {
			kept = append(kept, d)
		}
	}
	out := validateJSON{Diagnostics: diagnosticsOf(kept, o.Lang)}
	out.Errors, out.Warnings = l.Count()
	return writeJSON(w, out)
}

// budget diff

type diffJSON struct {
	From           string           `json:"from"`
	To             string           `json:"to"`
	FiguresChanged bool             `json:"figures_changed"`
	Failed         []failureJSON    `json:"failed"`
	Unit           string           `json:"unit,omitempty"`
	PriceLevel     string           `json:"price_level,omitempty"`
	Totals         diffTotalsJSON   `json:"totals"`
	Added          []refJSON        `json:"added"`
	Removed        []refJSON        `json:"removed"`
	Moved          []moveJSON       `json:"moved"`
	Changed        []changeJSON     `json:"changed"`
	Findings       diffFindingsJSON `json:"findings"`
}

type diffTotalsJSON struct {
	Committees []diffTotalsRowJSON `json:"committees"`
	Total      *diffTotalsRowJSON  `json:"total"`
}

type diffTotalsRowJSON struct {
	Committee string      `json:"committee,omitempty"`
	Name      string      `json:"name,omitempty"`
	Before    amountsJSON `json:"before"`
	After     amountsJSON `json:"after"`
	Change    amountsJSON `json:"change"`
}

type refJSON struct {
	Number    int    `json:"number,omitempty"`
	ID        string `json:"id,omitempty"`
	Title     string `json:"title"`
	Committee string `json:"committee,omitempty"`
	Kind      string `json:"kind"`
}

type moveJSON struct {
	refJSON
	From string `json:"from"`
	To   string `json:"to"`
}

type changeJSON struct {
	refJSON
	Amounts []amountChangeJSON `json:"amounts"`
	Fields  []fieldChangeJSON  `json:"fields"`
}

type amountChangeJSON struct {
	Row    string  `json:"row"`
	Year   int     `json:"year"`
	Before *string `json:"before"`
	After  *string `json:"after"`
}

type fieldChangeJSON struct {
	Path   string `json:"path"`
	Before string `json:"before"`
	After  string `json:"after"`
}

type failureJSON struct {
	Side   string           `json:"side"`
	Errors []diagnosticJSON `json:"errors"`
}

type diffFindingsJSON struct {
	New      []diagnosticJSON `json:"new"`
	Resolved []diagnosticJSON `json:"resolved"`
}

func refOf(r diff.Ref) refJSON { return refJSON{r.Number, r.ID, r.Title, r.Committee, r.Kind} }

func refsOf(rs []diff.Ref) []refJSON {
	out := []refJSON{}
	for _, r := range rs {
		out = append(out, refOf(r))
	}
	return out
}

func diffOf(r *diff.Report, lang msg.Lang) diffJSON {
	out := diffJSON{From: r.From, To: r.To, FiguresChanged: r.FiguresChanged(), Unit: r.Unit, PriceLevel: r.PriceLevel,
		Failed: []failureJSON{}, Totals: diffTotalsJSON{Committees: []diffTotalsRowJSON{}}, Added: refsOf(r.Added),
		Removed: refsOf(r.Removed), Moved: []moveJSON{}, Changed: []changeJSON{},
		Findings: diffFindingsJSON{New: diagnosticsOf(r.Findings.New, lang), Resolved: diagnosticsOf(r.Findings.Resolved, lang)}}
	for _, f := range r.Failed {
		out.Failed = append(out.Failed, failureJSON{f.Side, diagnosticsOf(f.Errors, lang)})
	}
	for _, t := range r.Totals {
		row := diffTotalsRowJSON{t.Committee, t.Name, amountsOf(r.Years, t.Before), amountsOf(r.Years, t.After), amountsOf(r.Years, t.Change)}
		if t.Committee == "" {
			out.Totals.Total = &row
		} else {
			out.Totals.Committees = append(out.Totals.Committees, row)
		}
	}
	for _, m := range r.Moved {
		out.Moved = append(out.Moved, moveJSON{refOf(m.Ref), m.From, m.To})
	}
	for _, c := range r.Changed {
		ch := changeJSON{refJSON: refOf(c.Ref), Amounts: []amountChangeJSON{}, Fields: []fieldChangeJSON{}}
		for _, a := range c.Amounts {
			ch.Amounts = append(ch.Amounts, amountChangeJSON{a.Row, a.Year, decimalString(a.Before), decimalString(a.After)})
		}
		for _, f := range c.Fields {
			ch.Fields = append(ch.Fields, fieldChangeJSON{f.Path, f.Before, f.After})
		}
		out.Changed = append(out.Changed, ch)
	}
	return out
}

// budget export: the decoded files themselves, every field, as their types marshal them.

// ExportLedger is what budget export writes: the decoded catalog, proposals and cross-cutting
// proposals of a ledger.
type ExportLedger struct {
	Catalog      *proposal.Catalog        `json:"catalog"`
	Proposals    []*proposal.Proposal     `json:"proposals"`
	CrossCutting []*proposal.CrossCutting `json:"cross_cutting"`
	// Errors are the ledger's errors, for an export of a ledger that has some (export
	// --allow-errors): written as "errors", validate's JSON diagnostics, in Lang; absent when
	// there are none, so that a clean ledger's export is as it always was.
	Errors diag.List `json:"-"`
	Lang   msg.Lang  `json:"-"`
}

// Export writes the whole ledger, normalised, as JSON. It writes the same bytes as writeJSON of
// l, but one file's value at a time, so that its memory holds one proposal's JSON rather than
// the whole ledger's twice over.
func Export(w io.Writer, l ExportLedger) error {
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
	if len(l.Errors) > 0 {
		bw.WriteString(",\n  \"errors\": ")
		if err := writeList(bw, diagnosticsOf(l.Errors, l.Lang)); err != nil {
			return err
		}
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
	b, err := encodeJSON(v, prefix)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// The Fiscal Data Package's datapackage.json (FiscalDataPackage fills it), in the order the
// Fiscal Data Package 0.3.0 spec presents its properties.
type fdpPackage struct {
	Profile      string        `json:"profile"`
	Name         string        `json:"name"`
	Title        string        `json:"title"`
	Description  string        `json:"description"`
	CountryCode  string        `json:"countryCode"`
	Granularity  string        `json:"granularity"`
	FiscalPeriod fdpPeriod     `json:"fiscalPeriod"`
	Resources    []fdpResource `json:"resources"`
	Model        fdpModel      `json:"model"`
}

type fdpPeriod struct {
	Start string `json:"start"`
	End   string `json:"end"`
}

type fdpResource struct {
	Profile   string    `json:"profile"`
	Name      string    `json:"name"`
	Path      string    `json:"path"`
	Title     string    `json:"title"`
	Format    string    `json:"format"`
	Mediatype string    `json:"mediatype"`
	Encoding  string    `json:"encoding"`
	Schema    fdpSchema `json:"schema"`
}

type fdpSchema struct {
	Fields        []fdpField `json:"fields"`
	MissingValues []string   `json:"missingValues"`
}

type fdpField struct {
	Name        string          `json:"name"`
	Title       string          `json:"title"`
	Type        string          `json:"type"`
	Constraints *fdpConstraints `json:"constraints,omitempty"`
}

type fdpConstraints struct {
	Required bool     `json:"required,omitempty"`
	Enum     []string `json:"enum,omitempty"`
}

type fdpModel struct {
	Measures   map[string]fdpMeasure   `json:"measures"`
	Dimensions map[string]fdpDimension `json:"dimensions"`
}

type fdpMeasure struct {
	Source   string `json:"source"`
	Currency string `json:"currency"`
	Factor   int    `json:"factor"`
	Phase    string `json:"phase"`
}

type fdpDimension struct {
	DimensionType      string                  `json:"dimensionType"`
	ClassificationType string                  `json:"classificationType,omitempty"`
	Attributes         map[string]fdpAttribute `json:"attributes"`
	PrimaryKey         []string                `json:"primaryKey"`
}

type fdpAttribute struct {
	Source   string `json:"source"`
	Labelfor string `json:"labelfor,omitempty"`
}

// budget budgets

type budgetJSON struct {
	Budget       int    `json:"budget"`
	Folder       string `json:"folder"`
	Name         string `json:"name"`
	Years        []int  `json:"years"`
	Proposals    int    `json:"proposals"`
	CrossCutting int    `json:"cross_cutting"`
	Status       string `json:"status"`
}

func budgetsOf(bs []ledger.BudgetInfo) []budgetJSON {
	out := []budgetJSON{}
	for _, b := range bs {
		s := "published"
		if b.Draft {
			s = "draft"
		}
		years := b.Years
		if years == nil {
			years = []int{}
		}
		out = append(out, budgetJSON{b.Year, b.Folder, b.Name, years, b.Proposals, b.CrossCutting, s})
	}
	return out
}

// linkJSON is one step of a continuation chain; title and file are "" for a broken link.
type linkJSON struct {
	Budget int    `json:"budget"`
	Number int    `json:"number"`
	Title  string `json:"title"`
	File   string `json:"file"`
}

// budget compare

type compareJSON struct {
	From       int                   `json:"from"`
	To         int                   `json:"to"`
	Unit       string                `json:"unit"`
	PriceLevel [2]string             `json:"price_level"`
	Years      []int                 `json:"years"`
	Committees []committeeChangeJSON `json:"committees"`
	Total      sideBySideJSON        `json:"total"`
	Proposals  []proposalChangeJSON  `json:"proposals"`
}

type sideBySideJSON struct {
	From   amountsJSON `json:"from"`
	To     amountsJSON `json:"to"`
	Change amountsJSON `json:"change"`
}

type committeeChangeJSON struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	sideBySideJSON
}

type proposalChangeJSON struct {
	Status     string `json:"status"`
	FromNumber *int   `json:"from_number"`
	ToNumber   *int   `json:"to_number"`
	Title      string `json:"title"`
	Committee  string `json:"committee"`
}

func compareOf(c ledger.Comparison) compareJSON {
	ch := func(x ledger.Change) sideBySideJSON {
		return sideBySideJSON{printedOf(c.Years, x.From), printedOf(c.Years, x.To), printedOf(c.Years, x.Change)}
	}
	out := compareJSON{From: c.From, To: c.To, Unit: c.Unit, PriceLevel: c.PriceLevel, Years: c.Years,
		Committees: []committeeChangeJSON{}, Total: ch(c.Total), Proposals: []proposalChangeJSON{}}
	for _, k := range c.Committees {
		out.Committees = append(out.Committees, committeeChangeJSON{k.ID, k.Name, ch(k.Change)})
	}
	for _, p := range c.Proposals {
		out.Proposals = append(out.Proposals, proposalChangeJSON{p.Status, numberOrNull(p.FromNumber), numberOrNull(p.ToNumber), p.Title, p.Committee})
	}
	return out
}
