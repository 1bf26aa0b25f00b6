package render

import (
	"encoding/csv"
	"io"
	"strconv"

	"github.com/budget-ledger/budget/pkg/escape"
	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/shopspring/decimal"
)

// sheetsCSV writes every figure of the sheets one a line (long format), so that tables with
// different year columns fit one file: which proposal and committee (id, then name), which
// table and section, which row, the document's figure or budget's, the year, the amount and its
// unit and price level; for budget's figures of a declared row, whether they differ. A
// cross-cutting proposal's lines name a committee where they are its share. A payback is in
// years, so it has no unit; one budget finds never reached has an empty amount. Text
// (summary, follow-up, risk) is left to the other formats.
func sheetsCSV(w io.Writer, ss []ledger.Sheet, l Lang) error {
	cw := csv.NewWriter(w)
	header := []string{"nr", "id", "udvalg", "udvalgsnavn", "tabel", "sektion", "post", "styringsområde", "kilde", "år", "beløb", "enhed", "prisniveau", "afviger"}
	if l == English {
		header = []string{"number", "id", "committee", "committee_name", "table", "section", "item", "area", "source", "year", "amount", "unit", "price_level", "differs"}
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, s := range ss {
		nr := ""
		if s.Number != 0 {
			nr = strconv.Itoa(s.Number)
		}
		// The committee and the unit of the lines being written.
		committee, committeeName := s.Committee, s.CommitteeName
		var units []string
		write := func(table, section, item, area, source string, year int, amount, differs string) {
			y := ""
			if year != 0 {
				y = strconv.Itoa(year)
			}
			rec := []string{nr, escape.CSV(s.ID), escape.CSV(committee), escape.CSV(committeeName), escape.CSV(table), escape.CSV(section), escape.CSV(item), escape.CSV(area), source, y, amount}
			if units == nil {
				rec = append(rec, "", "")
			}
			_ = cw.Write(append(append(rec, units...), differs))
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
			units = unitCells(e.Unit, e.PriceLevel)
			sections("economy", e.Sections)
			compared("economy", "total_impact", e.Years, e.TotalImpact)
			computed("economy", "cumulative", "", "", e.Years, e.Cumulative, nil)
			units = nil // a payback is in years
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
		units = unitCells(c.Unit, c.PriceLevel)
		for _, sh := range c.Shares {
			committee, committeeName = sh.Committee, sh.CommitteeName
			printed("catalog", "share", sh.Committee, "", c.Years, sh.Contribution)
		}
		committee, committeeName = s.Committee, s.CommitteeName
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
			units = nil
			if s.Economy != nil { // Tabel 3 is in Tabel 1's unit, as the other formats show it
				units = unitCells(s.Economy.Unit, s.Economy.PriceLevel)
			}
			sections("administrative", []ledger.SheetSection{*a})
		}
	}
	cw.Flush()
	return cw.Error()
}
