package ledger

import (
	"github.com/budget-ledger/budget/pkg/proposal"
	"github.com/shopspring/decimal"
)

// maxPayback bounds how far past the table's last column a payback is followed.
const maxPayback = 100

// Payback counts the year columns from the first, adding implementation costs and permanent
// changes, until the cumulative net effect reaches zero or below; past the last column the last
// year's permanent change goes on. It returns 0 when the proposal never pays back.
func Payback(permanent, implementation []decimal.Decimal) int {
	var sum sum
	for i := range permanent {
		sum.add(permanent[i])
		sum.add(implementation[i])
		if !sum.positive() {
			return i + 1
		}
	}
	if len(permanent) == 0 {
		return 0
	}
	last := permanent[len(permanent)-1]
	if !last.IsNegative() {
		return 0
	}
	for n := len(permanent) + 1; n <= maxPayback; n++ {
		sum.add(last)
		if !sum.positive() {
			return n
		}
	}
	return 0
}

// PermanentChange returns the proposal's own permanent change per year of e.Years: its declared
// total over all rows where the table prints one, else the sum of its rows. total is the index of
// that declared total in e.Permanent.Totals, or -1 where the rows were summed.
func PermanentChange(e *proposal.Economy) (change []decimal.Decimal, total int) {
	return permanentChange(e, RowSums(e.Permanent, e.Years))
}

// permanentChange is PermanentChange given rows, the sum of e's permanent rows per year (zeros
// without a permanent section), which it returns where no total is declared.
func permanentChange(e *proposal.Economy, rows Figures) (Figures, int) {
	if e.Permanent != nil {
		for i, t := range e.Permanent.Totals {
			if t.Sums.Area == proposal.SumsAll && t.Sums.Labels == nil && len(t.Amounts) > 0 {
				return figuresOf(t.Amounts, e.Years), i
			}
		}
	}
	return rows, -1
}

// ServiceChange returns the permanent change in the Service area per year of e.Years: the rows
// whose area is Service or not printed. It is the basis of the payback on service efficiency.
func ServiceChange(e *proposal.Economy) []decimal.Decimal {
	if e.Permanent == nil {
		return make([]decimal.Decimal, len(e.Years))
	}
	var buf [8]sum
	ss := sumsOf(buf[:], len(e.Years))
	for _, r := range e.Permanent.Rows {
		if serviceRow(r) {
			ss.addRow(r.Amounts, e.Years)
		}
	}
	return ss.figures()
}

// serviceRow reports whether permanent row r counts in ServiceChange.
func serviceRow(r proposal.Line) bool { return r.Area == "Service" || r.Area == "" }

// RowSums returns the sum of a section's rows per year; zeros for a nil section.
func RowSums(s *proposal.Section, years []int) []decimal.Decimal {
	if s == nil {
		return make([]decimal.Decimal, len(years))
	}
	var buf [8]sum
	ss := sumsOf(buf[:], len(years))
	for _, r := range s.Rows {
		ss.addRow(r.Amounts, years)
	}
	return ss.figures()
}
