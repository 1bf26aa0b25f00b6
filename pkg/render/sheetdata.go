package render

import (
	"encoding/csv"
	"io"
	"strconv"

	"github.com/budget-ledger/budget/pkg/escape"
	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/budget-ledger/budget/pkg/proposal"
	"github.com/shopspring/decimal"
)

// The JSON of budget show: amounts as decimal strings keyed by year, a printed row with only
// the cells the document prints, budget's figures for every year, differences as a list of years.

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

// printedOf keys the printed cells by year; nil (null) for a row not printed at all.
func printedOf(years []int, cs ledger.Cells) amountsJSON {
	if cs == nil {
		return nil
	}
	m := amountsJSON{}
	for i, c := range cs {
		if c.Printed {
			m[strconv.Itoa(years[i])] = c.Value.String()
		}
	}
	return m
}

func differYears(years []int, d []bool) []int {
	out := []int{}
	for i, b := range d {
		if b {
			out = append(out, years[i])
		}
	}
	return out
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
	out := sheetJSON{ID: s.ID, Title: s.Title, Kind: s.Kind, Committee: s.Committee, CommitteeName: s.CommitteeName,
		Administration: s.Administration, ApprovedWith: s.ApprovedWith, Case: s.Case, Summary: s.Summary, File: s.File,
		FollowUp: s.FollowUp, Risk: s.Risk, FromInnovationProposal: s.FromInnovationProposal,
		AdministrativeStatement: s.AdministrativeNote, Consultations: s.Consultations}
	if s.Number != 0 {
		n := s.Number
		out.Number = &n
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
			pj := paybackJSON{Basis: p.Basis, Printed: decimalString(p.Printed), Differs: p.Differs}
			if p.Computed != 0 {
				n := p.Computed
				pj.Computed = &n
			}
			ej.Payback = append(ej.Payback, pj)
		}
		out.Economy = ej
	}
	c := s.Catalog
	out.Catalog = catalogJSON{Title: c.Title, Unit: c.Unit, PriceLevel: c.PriceLevel, Years: c.Years,
		Contribution: printedOf(c.Years, c.Contribution), Own: printedOf(c.Years, c.Own), Differs: differYears(c.Years, c.Differs),
		Flipped: differYears(c.Years, c.Flipped), TotalInvestment: decimalString(c.TotalInvestment), InvestmentIn: c.InvestmentIn,
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

func sheetsJSON(w io.Writer, ss []ledger.Sheet) error {
	out := struct {
		Proposals []sheetJSON `json:"proposals"`
	}{Proposals: []sheetJSON{}}
	for _, s := range ss {
		out.Proposals = append(out.Proposals, sheetOf(s))
	}
	return writeJSON(w, out)
}

// sheetsCSV writes every figure of the sheets one a line (long format), so that tables with
// different year columns fit one file: which proposal, which table and section, which row, the
// document's figure or budget's, the year and the amount; for budget's figures of a declared
// row, whether they differ. A payback budget finds never reached has an empty amount. Text
// (summary, follow-up, risk) is left to the other formats.
func sheetsCSV(w io.Writer, ss []ledger.Sheet, l Lang) error {
	cw := csv.NewWriter(w)
	header := []string{"nr", "id", "tabel", "sektion", "post", "styringsområde", "kilde", "år", "beløb", "afviger"}
	if l == English {
		header = []string{"number", "id", "table", "section", "item", "area", "source", "year", "amount", "differs"}
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, s := range ss {
		nr := ""
		if s.Number != 0 {
			nr = strconv.Itoa(s.Number)
		}
		write := func(table, section, item, area, source string, year int, amount, differs string) {
			y := ""
			if year != 0 {
				y = strconv.Itoa(year)
			}
			_ = cw.Write([]string{nr, escape.CSV(s.ID), escape.CSV(table), escape.CSV(section), escape.CSV(item), escape.CSV(area), source, y, amount, differs})
		}
		put := func(table, section, item, area, source string, year int, d decimal.Decimal, differs string) {
			write(table, section, item, area, source, year, d.String(), differs)
		}
		printed := func(table, section, item, area string, years []int, cs ledger.Cells) {
			for i, c := range cs {
				if c.Printed {
					put(table, section, item, area, "document", years[i], c.Value, "")
				}
			}
		}
		computed := func(table, section, item, area string, years []int, f ledger.Figures, d []bool) {
			for i, v := range f {
				differs := ""
				if d != nil {
					differs = strconv.FormatBool(d[i])
				}
				put(table, section, item, area, "budget", years[i], v, differs)
			}
		}
		compared := func(table, section string, years []int, c ledger.ComparedLine) {
			printed(table, section, c.Label, c.Area, years, c.Declared)
			computed(table, section, c.Label, c.Area, years, c.Computed, c.Differs)
		}
		sections := func(table string, secs []ledger.SheetSection) {
			for _, sec := range secs {
				name := sec.Key
				if sec.Table != "" {
					name = sec.Table
				}
				for _, r := range sec.Rows {
					printed(table, name, r.Label, r.Area, sec.Years, r.Cells)
				}
				for _, t := range sec.Totals {
					compared(table, name, sec.Years, t)
				}
			}
		}
		if e := s.Economy; e != nil {
			sections("economy", e.Sections)
			compared("economy", "total_impact", e.Years, e.TotalImpact)
			computed("economy", "cumulative", "", "", e.Years, e.Cumulative, nil)
			for _, p := range e.Payback {
				if p.Printed != nil {
					put("payback", p.Basis, "", "", "document", 0, *p.Printed, "")
				}
				computed := "" // never pays back
				if p.Computed != 0 {
					computed = strconv.Itoa(p.Computed)
				}
				write("payback", p.Basis, "", "", "budget", 0, computed, strconv.FormatBool(p.Differs))
			}
		}
		c := s.Catalog
		for _, sh := range c.Shares {
			printed("catalog", "share", sh.Committee, "", c.Years, sh.Contribution)
		}
		printed("catalog", "contribution", c.Title, "", c.Years, c.Contribution)
		if c.Own != nil {
			for i, o := range c.Own {
				if o.Printed {
					put("catalog", "own_permanent_change", "", "", "budget", c.Years[i], o.Value, strconv.FormatBool(c.Differs[i]))
				}
			}
		}
		if c.TotalInvestment != nil {
			put("catalog", "total_investment", c.Title, "", "document", 0, *c.TotalInvestment, "")
		}
		if c.ImplementationCosts != nil {
			put("catalog", "total_investment", "", "", "budget", 0, *c.ImplementationCosts, strconv.FormatBool(c.InvestmentDiffers))
		}
		if a := s.AdministrativeEffect; a != nil {
			sections("administrative", []ledger.SheetSection{*a})
		}
	}
	cw.Flush()
	return cw.Error()
}
