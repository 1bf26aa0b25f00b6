// Command budget is a ledger of public budget proposals kept as YAML files.
//
// With BUDGET_TRACE=1 it also writes to standard error when the loading workers joined and how
// much of the run came after (see trace.go): how bench/run.sh measures the serial part. It sets
// the collector's pace for small ledgers unless GOGC or GOMEMLIMIT is set (gc.go).
package main

import (
	"os"

	"github.com/budget-ledger/budget/pkg/cli"
)

func main() {
	paceCollector()
	s := cli.Streams{In: os.Stdin, Out: os.Stdout, Err: os.Stderr}
	run := func() int { return cli.Main(os.Args[1:], s) }
	if os.Getenv("BUDGET_TRACE") == "1" {
		os.Exit(traced(s.Err, run))
	}
	os.Exit(run())
}
