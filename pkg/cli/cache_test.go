package cli

import (
	"fmt"
	"os"
	"testing"

	"github.com/budget-ledger/budget/pkg/proposal"
)

// TestMain points the cache of per-file results at a folder of the test's own (not the user's
// cache folder), removed afterwards; and sets poison mode for BUDGET_TEST_POISON=1 (make test
// runs these tests with it too), so that the loader's use of a node after its Release fails a
// test (proposal.PoisonReleased).
func TestMain(m *testing.M) {
	proposal.PoisonFromEnv()
	dir, err := os.MkdirTemp("", "budget-cli-cache-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	os.Setenv("BUDGET_CACHE_DIR", dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
