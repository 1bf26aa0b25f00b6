package render

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/budget-ledger/budget/pkg/escape"
	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/shopspring/decimal"
)

// Target writes the efficiency account of the catalog's intro: the target and what meets it,
// the intro's figures beside budget's, every difference marked. Amounts are exact, in the
// intro's unit (mio. kr.), in every format.
func Target(w io.Writer, t ledger.Target, f Format, l Lang) error {
	switch f {
	case JSON:
		return writeJSON(w, targetOf(t))
	case CSV:
		return targetCSV(w, t, l)
	}
	return writeBlocks(w, targetBlocks(t, l), f, l)
}

func targetBlocks(t ledger.Target, l Lang) []block {
	opt := func(d *decimal.Decimal) cell {
		if d == nil {
			return txt("")
		}
		return num(*d)
	}
	account := &grid{caption: caption(t.Unit, t.PriceLevel, l), places: -1,
		header:  []string{l.word("Post", "Item"), l.word("Indledningen", "The intro"), "budget"},
		numeric: []bool{false, true, true}}
	row := func(style rowStyle, label string, stated, computed cell) {
		account.rows = append(account.rows, gridRow{style: style, cells: []cell{txt(label), stated, computed}})
	}
	if t.Goal != nil {
		row(plainRow, fmt.Sprintf(l.word("Effektiviseringsmåltal %d", "Efficiency target %d"), t.TargetYear), num(*t.Goal), txt(""))
		if i := yearIndex(t.Years, t.TargetYear); i >= 0 && t.Contribution != nil {
			stated := txt("")
			if t.Stated[i].Printed {
				stated = num(t.Stated[i].Value)
			}
			computed := num(t.Contribution[i])
			if t.Differs[i] {
				computed.mark = differs
			}
			row(plainRow, fmt.Sprintf(l.word("↳ heraf dette katalog (Tabel 1, %d)", "↳ of which this catalog (Table 1, %d)"), t.TargetYear), stated, computed)
		}
		if t.Earlier != nil {
			row(plainRow, l.word("↳ heraf stigende profiler fra tidligere år (resten)", "↳ of which earlier years' rising profiles (the rest)"), txt(""), opt(t.Earlier))
		}
		if t.Computed != nil {
			computed := num(*t.Computed)
			if t.ComputedDiffers {
				computed.mark = differs
			}
			row(plainRow, fmt.Sprintf(l.word("↳ heraf stigende profiler, beregnet fra budget %s", "↳ of which rising profiles, computed from budget %s"), profileBudgets(t.Profiles, l)), opt(t.StatedRest), computed)
		}
	}
	for _, o := range t.Others {
		row(plainRow, o.Label, num(o.Amount), txt(""))
	}
	if t.Delivered != nil || t.Goal != nil {
		label := l.word("Leveret i alt", "Delivered in all")
		if t.Delivered != nil {
			label += fmt.Sprintf(" %d", t.DeliveredYear)
		}
		sum := txt("")
		if t.Goal != nil {
			sum = num(t.Sum)
			if t.DeliveredDiffers {
				sum.mark = differs
			}
		}
		row(totalRow, label, opt(t.Delivered), sum)
	}
	account.notes = append(account.notes, l.word(
		"Budgets tal: leveret i alt = måltal + øvrige bidrag; resten = måltal - katalogets bidrag (indledningen oplyser den ikke)",
		"budget's figures: delivered in all = target + other contributions; the rest = target - this catalog's contribution (the intro does not state it)"))
	switch {
	case t.Computed != nil:
		account.notes = append(account.notes, fmt.Sprintf(l.word(
			"beregnet: hvert tidligere katalogs stigning i Tabel 1 i alt fra %d til %d; indledningen: måltallet - dets eget tal for %d (se docs/rising-profiles.md)",
			"computed: each earlier catalog's rise in Table 1's total from %d to %d; the intro: the target - its own figure for %d (see docs/rising-profiles.md)"), t.TargetYear-1, t.TargetYear, t.TargetYear))
	case t.Budget != 0 && t.Goal != nil:
		account.notes = append(account.notes, fmt.Sprintf(l.word(
			"ledgeren rummer intet tidligere katalog, hvis år når %d: de stigende profiler er kun resten",
			"the ledger holds no earlier catalog whose years reach %d: the rising profiles are only the rest"), t.TargetYear))
	}
	if account.marked() {
		account.notes = append(account.notes, l.word("≠: indledningen oplyser et andet tal", "≠: the intro states another figure"))
	}

	years := &grid{caption: caption(t.Unit, t.PriceLevel, l), places: -1}
	years.header = append([]string{""}, yearHeader(t.Years)...)
	years.numeric = make([]bool, len(years.header))
	for i := 1; i < len(years.numeric); i++ {
		years.numeric[i] = true
	}
	if t.Contribution != nil {
		years.rows = append(years.rows, gridRow{cells: append([]cell{txt(l.word("Tabel 1 i alt, budget", "Table 1 total, budget"))}, numbers(t.Contribution)...)})
		stated := append([]cell{txt(l.word("Indledningen oplyser", "The intro states"))}, printedCells(t.Stated)...)
		rounded := []cell{txt(l.word("budget, afrundet som indledningen", "budget, rounded as the intro"))}
		for i, r := range t.Rounded {
			c := cell{}
			if t.Stated[i].Printed {
				c = num(r)
				if t.Differs[i] {
					c.mark = differs
				}
			}
			rounded = append(rounded, c)
		}
		years.rows = append(years.rows, gridRow{cells: stated}, gridRow{cells: rounded})
	}
	if years.marked() {
		years.notes = append(years.notes, l.word("≠: indledningen oplyser et andet tal", "≠: the intro states another figure"))
	}
	bs := []block{{heading: l.word("Effektiviseringsmåltallet, som katalogets indledning opgør det", "The efficiency target, as the catalog's intro accounts for it"), grid: account}}
	if t.Contribution != nil {
		bs = append(bs, block{heading: l.word("Dette katalogs bidrag pr. år", "This catalog's contribution per year"), grid: years})
	}
	for _, p := range t.Profiles {
		bs = append(bs, block{heading: fmt.Sprintf(l.word("Stigende profil fra budget %d i %d", "Rising profile of budget %d in %d"), p.Budget, p.Year), grid: profileGrid(p, l)})
	}
	if t.Text != "" {
		bs = append(bs, block{heading: l.word("Indledningen", "The intro"), text: t.Text})
	}
	return bs
}

// profileBudgets names the budgets of the profiles: "2024 og 2025".
func profileBudgets(ps []ledger.Profile, l Lang) string {
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = strconv.Itoa(p.Budget)
	}
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + l.word(" og ", " and ") + names[len(names)-1]
}

// profileGrid is one earlier catalog's rising profile: each proposal whose row changes from the
// year before to the year, and Table 1's total, in that catalog's unit.
func profileGrid(p ledger.Profile, l Lang) *grid {
	g := &grid{caption: caption(p.Unit, p.PriceLevel, l), places: -1,
		header:  []string{l.word("Forslag", "Proposal"), strconv.Itoa(p.Year - 1), strconv.Itoa(p.Year), l.word("Stigning", "Increase")},
		numeric: []bool{false, true, true, true}}
	for _, r := range p.Proposals {
		g.rows = append(g.rows, gridRow{cells: []cell{txt(fmt.Sprintf("%d %s", r.Number, r.Title)), num(r.From), num(r.To), num(r.To.Sub(r.From))}})
	}
	g.rows = append(g.rows, gridRow{style: totalRow, cells: []cell{txt(l.word("Tabel 1 i alt", "Table 1 total")), num(p.From), num(p.To), num(p.To.Sub(p.From))}})
	return g
}

func yearIndex(years []int, y int) int {
	for i, v := range years {
		if v == y {
			return i
		}
	}
	return -1
}

// targetCSV writes the account one figure a line: item, year, the intro's figure, budget's,
// their unit and price level, whether they differ.
func targetCSV(w io.Writer, t ledger.Target, l Lang) error {
	cw := csv.NewWriter(w)
	header := []string{"post", "år", "indledningen", "budget", "enhed", "prisniveau", "afviger"}
	if l == English {
		header = []string{"item", "year", "intro", "budget", "unit", "price_level", "differs"}
	}
	units := unitCells(t.Unit, t.PriceLevel)
	_ = cw.Write(header)
	str := func(d *decimal.Decimal) string {
		if d == nil {
			return ""
		}
		return d.String()
	}
	put := func(item string, year int, stated, computed *decimal.Decimal, differs string) {
		y := ""
		if year != 0 {
			y = strconv.Itoa(year)
		}
		_ = cw.Write([]string{escape.CSV(item), y, str(stated), str(computed), units[0], units[1], differs})
	}
	for i, y := range t.Years {
		var stated *decimal.Decimal
		differs := ""
		if t.Stated[i].Printed {
			stated, differs = &t.Stated[i].Value, strconv.FormatBool(t.Differs[i])
		}
		var computed *decimal.Decimal
		if t.Contribution != nil {
			computed = &t.Contribution[i]
		}
		put("contribution", y, stated, computed, differs)
	}
	if t.Goal != nil {
		put("target", t.TargetYear, t.Goal, nil, "")
		put("earlier", t.TargetYear, nil, t.Earlier, "")
		for _, p := range t.Profiles {
			put(fmt.Sprintf("profile %d", p.Budget), t.TargetYear, nil, &p.Increase, "")
		}
		if t.Computed != nil {
			put("profiles", t.TargetYear, t.StatedRest, t.Computed, strconv.FormatBool(t.ComputedDiffers))
		}
	}
	for _, o := range t.Others {
		put(o.Label, 0, &o.Amount, nil, "")
	}
	if t.Delivered != nil || t.Goal != nil {
		var sum *decimal.Decimal
		if t.Goal != nil {
			sum = &t.Sum
		}
		put("delivered", t.DeliveredYear, t.Delivered, sum, strconv.FormatBool(t.DeliveredDiffers))
	}
	cw.Flush()
	return cw.Error()
}
