// Command budget is a ledger of public budget proposals kept as YAML files.
package main

import (
	"os"

	"github.com/budget-ledger/budget/pkg/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], cli.Streams{In: os.Stdin, Out: os.Stdout, Err: os.Stderr}))
}
