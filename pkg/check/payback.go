package check

import (
	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/budget-ledger/budget/pkg/msg"
	"github.com/budget-ledger/budget/pkg/proposal"
)

// paybackBases name the bases of ledger.PaybackLine in payback-mismatch's message.
var paybackBases = map[string]msg.Text{ledger.PaybackService: msg.Newf("service efficiency"), ledger.PaybackTotal: msg.Newf("total economy")}

// payback reports each printed payback that is not the one Tabel 1 gives, as the Sheet computes
// them: on total economy from the proposal's own permanent change (its declared total where
// printed), on service efficiency from the permanent rows in the Service area; both with every
// implementation cost.
func (c *checker) payback(d *proposal.Document, es *ledger.EconomySheet) {
	// Without years (a schema error of its own) there is no Tabel 1 to count the years in.
	if len(es.Years) == 0 {
		return
	}
	for _, pb := range es.Payback {
		if !pb.Differs {
			continue
		}
		computed := msg.Newf("%d years", pb.Computed)
		if pb.Computed == 0 {
			computed = msg.Newf("no payback")
		}
		c.warnf(d, pb.Path, CodePayback,
			"payback on %s is printed as %s years, but Tabel 1 gives %s (cumulative net effect from %d until it reaches zero)",
			paybackBases[pb.Basis], pb.Printed.String(), computed, es.Years[0])
	}
}
