package cli

import (
	"fmt"
	"os"
	"testing"
)

// TestMain points the cache of per-file results at a folder of the test's own (not the user's
// cache folder), removed afterwards.
func TestMain(m *testing.M) {
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
