// Command gen writes a synthetic ledger of N proposals shaped like the real proposals/ files,
// and the equivalent plain-text journal for hledger and ledger-cli. The output depends only on
// -n and -seed, so every run of the benchmark measures the same bytes.
//
//	go run ./bench/gen -n 10000 -seed 1 -out /tmp/ledger-10000
//
// writes /tmp/ledger-10000/proposals/ (catalog.yaml, <committee>/<NNNNN>-<slug>.yaml,
// cross-cutting/<id>.yaml) and /tmp/ledger-10000/ledger.journal.
package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	n := flag.Int("n", 1000, "number of numbered proposals")
	seed := flag.Int64("seed", 1, "seed of the pseudo-random choices")
	out := flag.String("out", "", "output folder (created; must not hold a proposals/ folder already)")
	flag.Parse()
	if *out == "" || *n < 1 || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: gen -n N [-seed S] -out DIR")
		os.Exit(2)
	}
	if err := write(*out, *n, *seed); err != nil {
		fmt.Fprintf(os.Stderr, "gen: %v\n", err)
		os.Exit(1)
	}
}
