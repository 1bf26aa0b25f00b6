package main

import (
	"bytes"
	"regexp"
	"testing"

	"github.com/budget-ledger/budget/pkg/ledger"
)

// TestTracedReportsTheJoin: under BUDGET_TRACE=1 main writes when the load's workers joined and
// the part of the run after it, and passes the command's exit code on; bench/run.sh parses the
// last line.
func TestTracedReportsTheJoin(t *testing.T) {
	var errw bytes.Buffer
	code := traced(&errw, func() int {
		ledger.Trace("join")
		return 3
	})
	t.Cleanup(func() { ledger.Trace = nil })
	want := regexp.MustCompile(`^budget: trace: join [0-9]+\.[0-9] ms\nbudget: trace: total [0-9]+\.[0-9] ms, after the join [0-9]+\.[0-9] ms \([0-9]+\.[0-9] %\)\n$`)
	if code != 3 || !want.Match(errw.Bytes()) {
		t.Errorf("traced: exit %d and %q, want 3 and lines matching %s", code, errw.String(), want)
	}
}
