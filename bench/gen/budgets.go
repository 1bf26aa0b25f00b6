package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
)

// The multi-budget mode writes ledgers of budget folders (proposals/2017/catalog.yaml, …,
// proposals/2026/…), each budget a synthetic ledger of -n proposals (seed -seed plus its index)
// whose years are shifted to start at its budget year:
//
//	go run ./bench/gen -budgets 10 -n 50 -out /tmp/budgets                     # one ledger of 10 budgets
//	go run ./bench/gen -budgets 10 -n 50 -municipalities 10 -out /tmp/munis    # m01/ … m10/, one each
//
// No journal is written: the mode measures how much of a ledger one budget reads.

// lastBudget is the latest budget written: the bundled catalog's.
const lastBudget = 2026

// writeMunicipalities writes m ledgers of budgets budgets each, in out/m01, out/m02, …
func writeMunicipalities(out string, m, budgets, n int, seed int64) error {
	for i := 1; i <= m; i++ {
		if err := writeBudgets(filepath.Join(out, fmt.Sprintf("m%02d", i)), budgets, n, seed+int64(1000*i)); err != nil {
			return err
		}
	}
	return nil
}

// writeBudgets writes out/proposals/ with budgets budget folders ending at lastBudget.
func writeBudgets(out string, budgets, n int, seed int64) error {
	root := filepath.Join(out, "proposals")
	if _, err := os.Stat(root); err == nil {
		return fmt.Errorf("%s exists already: give a new folder", root)
	}
	tmp, err := os.MkdirTemp("", "budget-gen-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	for i := range budgets {
		year := lastBudget - budgets + 1 + i
		one := filepath.Join(tmp, strconv.Itoa(year))
		if err := write(one, n, seed+int64(i)); err != nil {
			return err
		}
		src := filepath.Join(one, "proposals")
		dst := filepath.Join(root, strconv.Itoa(year))
		err := filepath.WalkDir(src, func(p string, e fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(src, p)
			if e.IsDir() {
				return os.MkdirAll(filepath.Join(dst, rel), 0o755)
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dst, rel), shiftYears(b, year-catalogYears[0]), 0o644)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// The places a generated file names a year: a key (2027:), a list of years, a price level, the
// catalog's budget and budget_year, a path to a year's amount. Amounts are never shifted.
var (
	yearKey   = regexp.MustCompile(`(?m)^(\s*)(20\d\d):`)
	yearsList = regexp.MustCompile(`\[(20\d\d)((?:, 20\d\d)*)\]`)
	yearNamed = regexp.MustCompile(`(budget_year: |Budget |)(20\d\d)( p/l)?`)
	yearPath  = regexp.MustCompile(`\.20\d\d\b`) // in an acknowledgement's at
	anyYear   = regexp.MustCompile(`20\d\d`)
)

// shiftYears moves every year a generated file names by d.
func shiftYears(b []byte, d int) []byte {
	if d == 0 {
		return b
	}
	shift := func(y []byte) []byte {
		v, _ := strconv.Atoi(string(y))
		return []byte(strconv.Itoa(v + d))
	}
	b = yearKey.ReplaceAllFunc(b, func(m []byte) []byte { return anyYear.ReplaceAllFunc(m, shift) })
	b = yearsList.ReplaceAllFunc(b, func(m []byte) []byte { return anyYear.ReplaceAllFunc(m, shift) })
	b = yearPath.ReplaceAllFunc(b, func(m []byte) []byte { return anyYear.ReplaceAllFunc(m, shift) })
	return yearNamed.ReplaceAllFunc(b, func(m []byte) []byte {
		s := yearNamed.FindSubmatch(m)
		if len(s[1]) == 0 && len(s[3]) == 0 {
			return m // a year in a text, not a field
		}
		return anyYear.ReplaceAllFunc(m, shift)
	})
}
