package check

import (
	"fmt"

	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/budget-ledger/budget/pkg/proposal"
	"github.com/shopspring/decimal"
)

// payback compares the printed paybacks with the ones Tabel 1 gives: on total economy from the
// proposal's own permanent change (its declared total where printed), on service efficiency from
// the permanent rows in the Service area; both with every implementation cost.
func (c *checker) payback(p *proposal.Proposal, e *proposal.Economy, all, impl []decimal.Decimal) {
	// Without years (a schema error of its own) there is no Tabel 1 to count the years in.
	if e.Payback == nil || len(e.Years) == 0 {
		return
	}
	service := ledger.ServiceChange(e)
	check := func(field string, printed *proposal.Amount, perm []decimal.Decimal, basis string) {
		if printed == nil {
			return
		}
		got := ledger.Payback(perm, impl)
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
