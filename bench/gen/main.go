// Command gen writes a synthetic ledger of N proposals shaped like the real proposals/ files,
// and the equivalent plain-text journal for hledger and ledger-cli. The output depends only on
// -n and -seed, so every run of the benchmark measures the same bytes.
//
//	go run ./bench/gen -n 10000 -seed 1 -out /tmp/ledger-10000
//
// writes /tmp/ledger-10000/proposals/ (catalog.yaml, <committee>/<NNNNN>-<slug>.yaml,
// cross-cutting/<id>.yaml), /tmp/ledger-10000/ledger.journal and its beancount equivalent
// ledger.beancount.
//
// The real-like mode clones a ledger instead (see like.go); its output depends only on -n:
//
//	go run ./bench/gen -like proposals -n 300 -out /tmp/like-300   # 300 × 38 files
package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	n := flag.Int("n", 1000, "number of numbered proposals")
	seed := flag.Int64("seed", 1, "seed of the pseudo-random choices")
	like := flag.String("like", "", "real-like mode: clone the ledger in this folder (e.g. proposals) -n times")
	budgets := flag.Int("budgets", 0, "multi-budget mode: this many budget folders ending at 2026, each of -n proposals (see budgets.go)")
	municipalities := flag.Int("municipalities", 0, "with -budgets: this many ledgers, in m01/, m02/, … of -out")
	out := flag.String("out", "", "output folder (created; must not hold a proposals/ folder already)")
	flag.Parse()
	if *out == "" || *n < 1 || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: gen -n N [-seed S] -out DIR\n       gen -like proposals -n COPIES -out DIR\n       gen -budgets B [-municipalities M] -n N [-seed S] -out DIR")
		os.Exit(2)
	}
	var err error
	switch {
	case *budgets > 0 && *municipalities > 0:
		err = writeMunicipalities(*out, *municipalities, *budgets, *n, *seed)
	case *budgets > 0:
		err = writeBudgets(*out, *budgets, *n, *seed)
	case *like != "":
		err = writeLike(*out, *like, *n)
	default:
		err = write(*out, *n, *seed)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "gen: %v\n", err)
		os.Exit(1)
	}
}
