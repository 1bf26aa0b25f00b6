package check_test

import (
	"os"
	"testing"

	"github.com/budget-ledger/budget/pkg/proposal"
)

// TestMain sets poison mode for BUDGET_TEST_POISON=1 (make test runs these tests with it too):
// Release then writes garbage over the nodes it is given back (proposal.PoisonReleased), so that
// the loader's use of a node after its Release fails a test.
func TestMain(m *testing.M) {
	proposal.PoisonFromEnv()
	os.Exit(m.Run())
}
