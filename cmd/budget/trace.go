package main

import (
	"fmt"
	"io"
	"time"

	"github.com/budget-ledger/budget/pkg/ledger"
)

// traced runs the command as cli.Main does and then writes to errw when each phase of a load
// ended, from the start of main, and how much of the run came after the last join: the serial
// part that the workers cannot share. bench/run.sh reads the last line.
func traced(errw io.Writer, run func() int) int {
	start := time.Now()
	var phases []string
	var join time.Duration
	ledger.Trace = func(phase string) {
		at := time.Since(start)
		phases = append(phases, fmt.Sprintf("%s %.1f ms", phase, ms(at)))
		if phase == "join" {
			join = at
		}
	}
	code := run()
	total := time.Since(start)
	for _, p := range phases {
		fmt.Fprintf(errw, "budget: trace: %s\n", p)
	}
	after := total - join
	fmt.Fprintf(errw, "budget: trace: total %.1f ms, after the join %.1f ms (%.1f %%)\n", ms(total), ms(after), 100*after.Seconds()/total.Seconds())
	return code
}

func ms(d time.Duration) float64 { return d.Seconds() * 1000 }
