package render

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"

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
	if t.Text != "" {
		bs = append(bs, block{heading: l.word("Indledningen", "The intro"), text: t.Text})
	}
	return bs
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
