package ledger

import (
	"github.com/budget-ledger/budget/pkg/proposal"
	"github.com/shopspring/decimal"
)

// PaybackProjection continues the cumulative net effect of a proposal's Tabel 1 past its last
// column, adding the last column's permanent change year by year as Payback reads the table,
// up to the year it reaches zero or below. It returns the projected years and their cumulative
// figures, or nothing where the table's own columns reach zero or the proposal never pays back.
func PaybackProjection(e *proposal.Economy) (years []int, cumulative Figures) {
	n := len(e.Years)
	if n == 0 {
		return nil, nil
	}
	change, _ := PermanentChange(e)
	impl := RowSums(e.Implementation, e.Years)
	count := Payback(change, impl)
	if count <= n {
		return nil, nil // reached within the columns, or never (0)
	}
	var sum decimal.Decimal
	for i := range e.Years {
		sum = sum.Add(change[i]).Add(impl[i])
	}
	for y := e.Years[n-1] + 1; y <= e.Years[0]+count-1; y++ {
		sum = sum.Add(change[n-1])
		years = append(years, y)
		cumulative = append(cumulative, sum)
	}
	return years, cumulative
}
