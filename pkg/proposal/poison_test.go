package proposal_test

import (
	"os"
	"testing"

	"github.com/budget-ledger/budget/pkg/proposal"
)

// poisonTests is set by BUDGET_TEST_POISON=1 (make test runs the tests of the packages that
// load ledgers with it too): Release then writes garbage over the nodes it is given back
// (proposal.PoisonReleased), so that a use of a node after its Release fails a test.
var poisonTests bool

func TestMain(m *testing.M) {
	poisonTests = proposal.PoisonFromEnv()
	os.Exit(m.Run())
}
