package ledger_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/budget-ledger/budget/pkg/ledger"
)

// budgetsLedger is a synthetic ledger of budget folders 2020-2027, each a catalog of five years
// from its budget year, its target in that year, and two proposals that rise each year.
func budgetsLedger() fstest.MapFS {
	m := fstest.MapFS{}
	for b := 2020; b <= 2027; b++ {
		years := fmt.Sprintf("[%d, %d, %d, %d, %d]", b, b+1, b+2, b+3, b+4)
		m[fmt.Sprintf("%d/catalog.yaml", b)] = &fstest.MapFile{Data: fmt.Appendf(nil, `schema: 1
name: Synthetic %d
budget: Budget %d
budget_year: %d
unit: 1.000 kr.
price_level: %d p/l
years: %s
committees:
  - id: aaa
    name: Alfa
intro:
  unit: 1.000 kr.
  text: Synthetic.
  target:
    year: %d
    amount: 100
`, b, b, b, b, years, b)}
		for n := 1; n <= 2; n++ {
			var amounts strings.Builder
			for y := b; y < b+5; y++ {
				fmt.Fprintf(&amounts, "    %d: %d\n", y, 10*n*(y-b+1))
			}
			m[fmt.Sprintf("%d/aaa/%02d-p.yaml", b, n)] = &fstest.MapFile{Data: fmt.Appendf(nil, `schema: 1
number: %d
title: P%d
committee: aaa
administration: A
kind: efficiency
approved_with: null
catalog:
  title: P%d
  contribution:
%s  total_investment: null
`, n, n, n, amounts.String())}
		}
	}
	return m
}

// TestLoadBudgetReadsOnlyWhatItNeeds is the proof that choosing one budget reads that budget's
// files, all the files of the earlier budgets whose years reach its target's year, only the
// catalog of the other earlier ones, and nothing of the later ones.
func TestLoadBudgetReadsOnlyWhatItNeeds(t *testing.T) {
	c := &countingFS{FS: budgetsLedger(), opened: map[string]int{}}
	l, ds, err := ledger.LoadBudget(c, "proposals", 2025, ledger.Options{})
	if err != nil || ds.HasErrors() {
		t.Fatalf("LoadBudget: %v %v", err, ds)
	}
	var got []string
	for name, n := range c.opened {
		got = append(got, fmt.Sprintf("%s×%d", name, n))
	}
	slices.Sort(got)
	want := []string{
		// 2020: its years stop at 2024, so only its catalog is read.
		"2020/catalog.yaml×1",
		// 2021-2024 reach 2025: read whole, their catalog twice (once alone, for its years).
		"2021/aaa/01-p.yaml×1", "2021/aaa/02-p.yaml×1", "2021/catalog.yaml×2",
		"2022/aaa/01-p.yaml×1", "2022/aaa/02-p.yaml×1", "2022/catalog.yaml×2",
		"2023/aaa/01-p.yaml×1", "2023/aaa/02-p.yaml×1", "2023/catalog.yaml×2",
		"2024/aaa/01-p.yaml×1", "2024/aaa/02-p.yaml×1", "2024/catalog.yaml×2",
		// 2025 itself; nothing of 2026 and 2027.
		"2025/aaa/01-p.yaml×1", "2025/aaa/02-p.yaml×1", "2025/catalog.yaml×1",
	}
	if !slices.Equal(got, want) {
		t.Errorf("files opened:\n got %q\nwant %q", got, want)
	}
	var earlier []int
	for _, e := range l.Earlier {
		earlier = append(earlier, e.Budget)
	}
	if !slices.Equal(earlier, []int{2021, 2022, 2023, 2024}) {
		t.Errorf("Earlier = %v", earlier)
	}
	// Each earlier proposal rises by 10×n a year: 30 a budget, 120 in all.
	tg, ok := l.Target()
	if !ok || tg.Computed == nil || tg.Computed.String() != "120" {
		t.Errorf("Computed = %v (ok %v)", tg.Computed, ok)
	}
}

// TestLoadBudgetEarliest reads the earliest budget's own files only.
func TestLoadBudgetEarliest(t *testing.T) {
	c := &countingFS{FS: budgetsLedger(), opened: map[string]int{}}
	if _, _, err := ledger.LoadBudget(c, "proposals", 2020, ledger.Options{}); err != nil {
		t.Fatal(err)
	}
	for name := range c.opened {
		if !strings.HasPrefix(name, "2020/") {
			t.Errorf("read %s", name)
		}
	}
	if len(c.opened) != 3 {
		t.Errorf("read %d files, want 3", len(c.opened))
	}
}
