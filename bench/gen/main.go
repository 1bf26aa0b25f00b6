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
	out := flag.String("out", "", "output folder (created; must not hold a proposals/ folder already)")
	flag.Parse()
	if *out == "" || *n < 1 || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: gen -n N [-seed S] -out DIR\n       gen -like proposals -n COPIES -out DIR")
		os.Exit(2)
	}
	var err error
	if *like != "" {
		err = writeLike(*out, *like, *n)
	} else {
		err = write(*out, *n, *seed)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "gen: %v\n", err)
		os.Exit(1)
	}
}
