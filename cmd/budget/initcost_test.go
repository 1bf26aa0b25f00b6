package main

import (
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// initBytes bounds what a package's init may allocate at every start of budget, --help
// included (GODEBUG=inittrace=1), by package; initBytesDefault bounds every other package.
// Allocation, not time: it is the same on a loaded machine. Raise a bound only with the reason.
var initBytes = map[string]int{
	// its cache of string widths, a map made for 8,192 entries at init (15 % of the page faults
	// of budget --help: perf record -e page-faults).
	"github.com/olekukonko/tablewriter/pkg/twwidth": 700_000,
	// its default fonts' registry.
	"gonum.org/v1/plot":            200_000,
	"github.com/olekukonko/errors": 70_000,
	// the drafts' metaschemas are compiled at the first NewCompiler, not at init
	// (third_party/jsonschema/PATCH.md): 1.7 MB upstream.
	"github.com/santhosh-tekuri/jsonschema/v6": 16_000,
}

const initBytesDefault = 32_000

var initLine = regexp.MustCompile(`^init (\S+) @\S+ ms, \S+ ms clock, (\d+) bytes, (\d+) allocs$`)

// TestInitCost runs this test binary as budget --help with GODEBUG=inittrace=1 and holds each
// package's init to its bound, naming the package that grew.
func TestInitCost(t *testing.T) {
	cmd := exec.Command(os.Args[0], "--help")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1", "BUDGET_TEST_MAIN=1")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("budget --help: %v\n%s", err, stderr.String())
	}
	seen := map[string]bool{}
	for _, line := range strings.Split(stderr.String(), "\n") {
		m := initLine.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		pkg := m[1]
		bytes, _ := strconv.Atoi(m[2])
		seen[pkg] = true
		bound, ok := initBytes[pkg]
		if !ok {
			bound = initBytesDefault
		}
		if bytes > bound {
			t.Errorf("%s allocates %d bytes (%s allocs) at init, more than its bound of %d: make what it builds lazy (sync.Once), or raise the bound in initcost_test.go saying why", pkg, bytes, m[3], bound)
		}
	}
	for _, pkg := range []string{"github.com/santhosh-tekuri/jsonschema/v6", "github.com/budget-ledger/budget/pkg/render"} {
		if !seen[pkg] {
			t.Errorf("no init line of %s: GODEBUG=inittrace=1 said\n%.3000s", pkg, stderr.String())
		}
	}
}
