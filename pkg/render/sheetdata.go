package render

import (
	"encoding/csv"
	"io"
	"strconv"

	"github.com/budget-ledger/budget/pkg/escape"
	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/shopspring/decimal"
)

// Figure is one figure of the ledger's sheets, as the long formats write them, one a line
// (show's CSV; the workbook's tidy sheet, Parquet and the Fiscal Data Package build on the same
// rows): which proposal and committee, which table, section and row, the document's figure or
// budget's, the year, the amount, its unit and price level, and for budget's figure of a
// declared one whether they differ. Figures lays them out once; each format only writes them.
type Figure struct {
	Number int    // 0 for a cross-cutting proposal
	ID     string // the cross-cutting proposal's id, "" for a numbered one
	Title  string
	Kind   string // proposal.KindInvestment, KindEfficiency or KindCrossCutting
	// Committee is the committee's id and CommitteeName its Table 1 name: the proposal's, or,
	// on a cross-cutting proposal's share lines, the share's; "" on its other lines.
	Committee, CommitteeName string
	// Table is economy (Tabel 1), catalog (its row in Table 2), payback, realised (the file's
	// realised figures) or administrative (Tabel 3); Section the section's key (permanent,
	// implementation, total_impact, cumulative, contribution, share, own_permanent_change,
	// total_investment, shortfall) or printed name, or a payback's basis; Item the row's label
	// (a share's committee, the catalog's title, a realised figure's report).
	Table, Section, Item string
	Area                 string // the row's steering area, "" where it names none
	Source               string // "document" for a printed figure, "budget" for a computed one
	Year                 int    // 0 for a total investment or a payback
	// Amount is the figure; nil for a payback budget finds never reached. Payback (a number of
	// years) marks a payback's figure, which has no unit.
	Amount  *decimal.Decimal
	Payback bool
	// Unit and PriceLevel are the ledger's text, "" for a payback.
	Unit, PriceLevel string
	// Compared tells whether budget's figure stands beside a declared one, and Differs whether
	// they differ; both false for the document's figures and for figures nothing declares.
	Compared, Differs bool
}

// Figures lays out every figure of the sheets, one a Figure, in the order of the sheets, each
// sheet's Tabel 1 (its sections' rows and totals, the total impact, the cumulative net effect),
// its paybacks, its realised figures and their shortfalls, its catalog row, shares and total
// investment, and its Tabel 3.
func Figures(ss []ledger.Sheet) []Figure {
	var out []Figure
	for _, s := range ss {
		base := Figure{Number: s.Number, ID: s.ID, Title: s.Title, Kind: s.Kind, Committee: s.Committee, CommitteeName: s.CommitteeName}
		unit, priceLevel := "", ""
		put := func(table, section, item, area, source string, year int, d decimal.Decimal, compared, differs bool) {
			f := base
			f.Table, f.Section, f.Item, f.Area, f.Source, f.Year = table, section, item, area, source, year
			f.Amount, f.Unit, f.PriceLevel, f.Compared, f.Differs = &d, unit, priceLevel, compared, differs
			out = append(out, f)
		}
		printed := func(table, section, item, area string, years []int, cs ledger.Cells) {
			for i, c := range cs {
				if c.Printed {
					put(table, section, item, area, "document", years[i], c.Value, false, false)
				}
			}
		}
		computed := func(table, section, item, area string, years []int, f ledger.Figures, d []bool) {
			for i, v := range f {
				put(table, section, item, area, "budget", years[i], v, d != nil, d != nil && d[i])
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
			unit, priceLevel = e.Unit, e.PriceLevel
			sections("economy", e.Sections)
			compared("economy", "total_impact", e.Years, e.TotalImpact)
			computed("economy", "cumulative", "", "", e.Years, e.Cumulative, nil)
			for _, p := range e.Payback {
				f := base
				f.Table, f.Section, f.Payback = "payback", p.Basis, true
				if p.Printed != nil {
					d := *p.Printed
					f.Source, f.Amount = "document", &d
					out = append(out, f)
				}
				f.Source, f.Amount, f.Compared, f.Differs = "budget", nil, true, p.Differs
				if p.Computed != 0 { // 0: never pays back
					d := decimal.NewFromInt(int64(p.Computed))
					f.Amount = &d
				}
				out = append(out, f)
			}
			// The realised figures as the file reports them (Tabel 1's sign, savings negative),
			// each with its report, and the shortfall budget finds against the promise (savings
			// positive).
			if r := s.Realised; r != nil {
				for _, y := range r.Years {
					put("realised", "permanent", y.Report, "", "document", y.Year, y.Realised.Neg(), false, false)
					put("realised", "shortfall", y.Report, "", "budget", y.Year, y.Shortfall, false, false)
				}
			}
		}
		c := s.Catalog
		unit, priceLevel = c.Unit, c.PriceLevel
		for _, sh := range c.Shares {
			base.Committee, base.CommitteeName = sh.Committee, sh.CommitteeName
			printed("catalog", "share", sh.Committee, "", c.Years, sh.Contribution)
		}
		base.Committee, base.CommitteeName = s.Committee, s.CommitteeName
		printed("catalog", "contribution", c.Title, "", c.Years, c.Contribution)
		for i, o := range c.Own {
			if o.Printed {
				put("catalog", "own_permanent_change", "", "", "budget", c.Years[i], o.Value, true, c.Differs[i])
			}
		}
		if c.TotalInvestment != nil {
			put("catalog", "total_investment", c.Title, "", "document", 0, *c.TotalInvestment, false, false)
		}
		if c.ImplementationCosts != nil {
			put("catalog", "total_investment", "", "", "budget", 0, *c.ImplementationCosts, true, c.InvestmentDiffers)
		}
		if a := s.AdministrativeEffect; a != nil {
			unit, priceLevel = "", ""
			if s.Economy != nil { // Tabel 3 is in Tabel 1's unit, as the other formats show it
				unit, priceLevel = s.Economy.Unit, s.Economy.PriceLevel
			}
			sections("administrative", []ledger.SheetSection{*a})
		}
	}
	return out
}

// figureHeader names the columns of a Figure as show's CSV and the workbook's tidy sheet write
// them.
func figureHeader(l Lang) []string {
	if l == English {
		return []string{"number", "id", "committee", "committee_name", "table", "section", "item", "area", "source", "year", "amount", "unit", "price_level", "differs"}
	}
	return []string{"nr", "id", "udvalg", "udvalgsnavn", "tabel", "sektion", "post", "styringsområde", "kilde", "år", "beløb", "enhed", "prisniveau", "afviger"}
}

// ReportSheets are the report's sheets in the ledger's order: every numbered proposal's, then
// every cross-cutting proposal's.
func ReportSheets(r ledger.Report) []ledger.Sheet {
	ss := make([]ledger.Sheet, 0, len(r.Proposals)+len(r.CrossCutting))
	for _, p := range r.Proposals {
		ss = append(ss, p.Sheet)
	}
	return append(ss, r.CrossCutting...)
}

// sheetsCSV writes every figure of the sheets one a line (long format, Figures), so that tables
// with different year columns fit one file. A payback is in years, so it has no unit; one budget
// finds never reached has an empty amount. Text (summary, follow-up, risk) is left to the other
// formats.
func sheetsCSV(w io.Writer, ss []ledger.Sheet, l Lang) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(figureHeader(l)); err != nil {
		return err
	}
	for _, f := range Figures(ss) {
		nr, year, amount, differs := "", "", "", ""
		if f.Number != 0 {
			nr = strconv.Itoa(f.Number)
		}
		if f.Year != 0 {
			year = strconv.Itoa(f.Year)
		}
		if f.Amount != nil {
			amount = f.Amount.String()
		}
		if f.Compared {
			differs = strconv.FormatBool(f.Differs)
		}
		units := []string{"", ""}
		if f.Unit != "" || f.PriceLevel != "" {
			units = unitCells(f.Unit, f.PriceLevel)
		}
		rec := []string{nr, escape.CSV(f.ID), escape.CSV(f.Committee), escape.CSV(f.CommitteeName), escape.CSV(f.Table), escape.CSV(f.Section), escape.CSV(f.Item), escape.CSV(f.Area), f.Source, year, amount}
		_ = cw.Write(append(append(rec, units...), differs))
	}
	cw.Flush()
	return cw.Error()
}
