package ledger

import (
	"fmt"
	"slices"

	"github.com/shopspring/decimal"
)

// Implied is what the catalog's printed figures must be to be in step with its proposals: the
// figures of Table 1, Table 2 and the intro that differ from what the catalog holds, and the
// committee rows its tables lack. It is what budget catalog sync writes, and what validate
// counts as out of step in a draft catalog. The zero value: the catalog is in step.
type Implied struct {
	// Rows are the committee rows to add, in the order to add them: each is inserted at its
	// Index of its table's rows, counted after the rows before it in Rows were inserted, so that
	// every table's rows follow the catalog's committee order.
	Rows []ImpliedRow
	// Figures are the figures that differ, Table 1's first, then Table 2's, then the intro's;
	// each table's rows in the order they have once Rows are added, each row's years ascending.
	Figures []ImpliedFigure
}

// ImpliedRow is a committee row a printed table lacks.
type ImpliedRow struct {
	Table     int    // 1 or 2
	Index     int    // where it goes among the table's rows
	Committee string // its committee's id
	// Path is the row's document path once it is added, e.g. "assertions.table1.rows.2"; the
	// rows added after it go below it, so it is its path once all are added too.
	Path string
}

// Parts of a printed figure, as ImpliedFigure.Part names them.
const (
	PartAmount          = "amount"           // a row's or a total's figure of a year
	PartTotalInvestment = "total investment" // Table 2's Samlet investering
	PartApproved        = "approved"         // the intro's approved efficiencies of a year
	PartDelivered       = "delivered"        // what the intro says was delivered in all
)

// ImpliedFigure is one figure the catalog holds (or lacks) beside the one its proposals imply.
type ImpliedFigure struct {
	// Path is the figure's document path in the catalog once Implied.Rows are added, e.g.
	// "assertions.table1.rows.1.amounts.2027" or "intro.approved.2026".
	Path string
	// Table is 1 or 2 for a figure of Table 1 or Table 2, 0 for one of the intro.
	Table int
	// Committee is the row's committee id and Name the name its table prints; both "" for a
	// total (I alt) and for the intro's figures.
	Committee, Name string
	Part            string // PartAmount, PartTotalInvestment, PartApproved or PartDelivered
	// Year is the figure's year: its column, or the year the intro's delivered figure is for;
	// 0 for a total investment.
	Year int
	// Old is what the catalog holds there: nil where it holds nothing (for a total investment, a
	// blank, which asserts that nothing is invested). New is what the proposals imply, in the
	// catalog's unit (the intro's for its figures, rounded as the intro rounds).
	Old *decimal.Decimal
	New decimal.Decimal
}

// Implied compares the catalog's printed tables and intro with what the ledger's proposals add
// up to, as validate does (Table2.Compare and Target: one computation), and lists what must
// change for them to agree. A table the catalog does not have is implied whole, its committee
// rows in catalog order. A row of a committee the catalog no longer has is left as it is: it
// is validate's unknown-committee error, and only the catalog's author can say what became of
// it. The intro's approved figures are implied for the years it states, and its delivered
// figure where it states one and a target. Without a catalog nothing is implied.
func (l *Ledger) Implied() Implied {
	var im Implied
	cat := l.Catalog
	if cat == nil {
		return im
	}
	t2 := l.Table2()
	as := t2.Compare(cat.Assertions)
	im.table(1, as.Table1, t2)
	im.table(2, as.Table2, t2)
	if t, ok := l.Target(); ok {
		for i, y := range t.Years {
			if t.Differs[i] {
				old := t.Stated[i].Value
				im.Figures = append(im.Figures, ImpliedFigure{Path: fmt.Sprintf("intro.approved.%d", y),
					Part: PartApproved, Year: y, Old: &old, New: t.Rounded[i]})
			}
		}
		if t.DeliveredDiffers {
			im.Figures = append(im.Figures, ImpliedFigure{Path: "intro.delivered.amount", Part: PartDelivered,
				Year: t.DeliveredYear, Old: t.Delivered, New: t.Sum})
		}
	}
	return im
}

// table adds what printed table n (as Compare compared it; nil where the catalog has no such
// table) must gain and change to be t2's.
func (im *Implied) table(n int, a *AssertedTable, t2 Table2) {
	p := fmt.Sprintf("assertions.table%d", n)
	if a == nil {
		// No such table: it compares as one with no rows and a total of empty cells.
		a = &AssertedTable{Total: AssertedRow{Known: true,
			Amounts: asserted(nil, t2.Total, "", t2.Years)}}
		if n == 2 {
			a.Total.Investment = &ComparedFigure{Computed: t2.TotalInvestment, Differs: true}
		}
	}
	rank := make(map[string]int, len(t2.Committees))
	for i, k := range t2.Committees {
		rank[k.ID] = i
	}
	// order is the table's rows once the missing ones are added: an index into a.Rows, or -1
	// and the committee for a row to add. Each missing committee goes before the first row of
	// a committee that comes later in the catalog (a row of an unknown committee does not move
	// what follows it). Taken in catalog order, each goes after the one before it, so one pass
	// over the rows places them all: the cost is the rows and committees, not their product.
	type slot struct {
		existing  int
		committee *Table2Committee
	}
	has := make(map[string]bool, len(a.Rows))
	for _, r := range a.Rows {
		has[r.Committee] = true
	}
	order := make([]slot, 0, len(a.Rows)+len(t2.Committees))
	next := 0 // the first of a.Rows not yet in order
	for ci := range t2.Committees {
		k := &t2.Committees[ci]
		if has[k.ID] {
			continue
		}
		for ; next < len(a.Rows); next++ {
			if r, known := rank[a.Rows[next].Committee]; known && r > ci {
				break
			}
			order = append(order, slot{existing: next})
		}
		at := len(order)
		order = append(order, slot{existing: -1, committee: k})
		im.Rows = append(im.Rows, ImpliedRow{Table: n, Index: at, Committee: k.ID, Path: fmt.Sprintf("%s.rows.%d", p, at)})
	}
	for ; next < len(a.Rows); next++ {
		order = append(order, slot{existing: next})
	}
	byID := make(map[string]*Table2Committee, len(t2.Committees))
	for i := range t2.Committees {
		byID[t2.Committees[i].ID] = &t2.Committees[i]
	}
	for i, s := range order {
		rp := fmt.Sprintf("%s.rows.%d", p, i)
		var r AssertedRow
		if s.existing >= 0 {
			r = a.Rows[s.existing]
			if !r.Known {
				continue
			}
		} else {
			// A row to add compares as one whose every cell is empty.
			r = AssertedRow{Committee: s.committee.ID, Known: true, Amounts: asserted(nil, s.committee.Amounts, "", t2.Years)}
			if n == 2 {
				r.Investment = &ComparedFigure{Computed: s.committee.TotalInvestment, Differs: true}
			}
		}
		name := byID[r.Committee].Name
		if n == 2 {
			name = byID[r.Committee].PrintedName
		}
		im.line(n, r.Committee, name, rp+".amounts", r.Amounts)
		if n == 2 {
			im.investment(r.Committee, name, rp+".total_investment", r.Investment)
		}
	}
	if n == 1 {
		im.line(n, "", "", p+".total", a.Total.Amounts)
		return
	}
	im.line(n, "", "", p+".total.amounts", a.Total.Amounts)
	im.investment("", "", p+".total.total_investment", a.Total.Investment)
}

// line adds each year of a compared row that differs, at path's year.
func (im *Implied) line(n int, committee, name, path string, c ComparedLine) {
	for i, y := range c.Years {
		if !c.Differs[i] {
			continue
		}
		f := ImpliedFigure{Path: fmt.Sprintf("%s.%d", path, y), Table: n, Committee: committee, Name: name,
			Part: PartAmount, Year: y, New: c.Computed[i]}
		if d := c.Declared[i]; d.Printed {
			f.Old = &d.Value
		}
		im.Figures = append(im.Figures, f)
	}
}

// investment adds a total investment that differs.
func (im *Implied) investment(committee, name, path string, f *ComparedFigure) {
	if f != nil && f.Differs {
		im.Figures = append(im.Figures, ImpliedFigure{Path: path, Table: 2, Committee: committee, Name: name,
			Part: PartTotalInvestment, Old: f.Declared, New: f.Computed})
	}
}

// Tables are the parts of the catalog the figures are in, in order: 1 and 2 for Table 1 and
// Table 2, 0 for the intro.
func (im Implied) Tables() []int {
	var out []int
	for _, f := range im.Figures {
		if !slices.Contains(out, f.Table) {
			out = append(out, f.Table)
		}
	}
	return out
}
