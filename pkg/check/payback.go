package check

import (
	"fmt"

	"github.com/budget-ledger/budget/pkg/proposal"
	"github.com/shopspring/decimal"
)

// maxPayback bounds how far past the table's last column a payback is followed.
const maxPayback = 100

// Payback counts the year columns from the first, adding implementation costs and permanent
// changes, until the cumulative net effect reaches zero or below; past the last column the last
// year's permanent change goes on. It returns 0 when the proposal never pays back.
func Payback(permanent, implementation []decimal.Decimal) int {
	var sum decimal.Decimal
	for i := range permanent {
		sum = sum.Add(permanent[i]).Add(implementation[i])
		if !sum.IsPositive() {
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
		sum = sum.Add(last)
		if !sum.IsPositive() {
			return n
		}
	}
	return 0
}

// payback compares the printed paybacks with the ones Tabel 1 gives: on total economy from the
// proposal's own permanent change (its declared total where printed), on service efficiency from
// the permanent rows in the Service area; both with every implementation cost.
func (c *checker) payback(p *proposal.Proposal, e *proposal.Economy, all, impl []decimal.Decimal) {
	if e.Payback == nil {
		return
	}
	service := make([]decimal.Decimal, len(e.Years))
	if e.Permanent != nil {
		for _, r := range e.Permanent.Rows {
			if r.Area == "Service" || r.Area == "" {
				for i, y := range e.Years {
					service[i] = service[i].Add(r.Amounts.Value(y))
				}
			}
		}
	}
	check := func(field string, printed *proposal.Amount, perm []decimal.Decimal, basis string) {
		if printed == nil {
			return
		}
		got := Payback(perm, impl)
		if got != 0 && printed.Equal(decimal.NewFromInt(int64(got))) {
			return
		}
		computed := fmt.Sprintf("%d years", got)
		if got == 0 {
			computed = "no payback"
		}
		c.warnf(p.Doc, "economy.payback."+field, CodePayback,
			"payback on %s is printed as %s years, but Tabel 1 gives %s (cumulative net effect from %d until it reaches zero)",
			basis, printed.String(), computed, e.Years[0])
	}
	check("service", e.Payback.Service, service, "service efficiency")
	check("total", e.Payback.Total, all, "total economy")
}
