package ledger_test

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/budget-ledger/budget/pkg/proposal"
)

// TestPaybackProjection: proposal 8 reaches zero after 10 years counted from 2025, four years
// past its last column (2030); proposal 1 reaches it within its columns and needs no projection.
func TestPaybackProjection(t *testing.T) {
	l, _ := loadBundled(t)
	index := map[int]int{}
	for i, p := range l.Proposals {
		index[p.Number] = i
	}
	p8 := l.Proposals[index[8]]
	years, cum := ledger.PaybackProjection(p8.Economy)
	if want := []int{2031, 2032, 2033, 2034}; !slices.Equal(years, want) {
		t.Fatalf("proposal 8 projected years %v, want %v", years, want)
	}
	sheet := l.Sheet(p8)
	last := sheet.Economy.Cumulative[len(sheet.Economy.Cumulative)-1]
	step := cum[0].Sub(last)
	for i := 1; i < len(cum); i++ {
		if !cum[i].Sub(cum[i-1]).Equal(step) {
			t.Errorf("projection %v does not go on by the same permanent change %s a year", cum, step)
		}
	}
	if !step.IsNegative() || cum[len(cum)-2].IsNegative() || cum[len(cum)-1].IsPositive() {
		t.Errorf("proposal 8 projection %v from %s: want it to reach zero or below only in its last year", cum, last)
	}
	if years, cum := ledger.PaybackProjection(l.Proposals[index[1]].Economy); years != nil || cum != nil {
		t.Errorf("proposal 1 pays back within its columns, projected %v %v", years, cum)
	}
	never := &proposal.Economy{Years: []int{2025, 2026},
		Permanent:      &proposal.Section{Rows: []proposal.Line{{Label: "a", Amounts: amounts(t, "2026=5")}}},
		Implementation: &proposal.Section{Rows: []proposal.Line{{Label: "b", Amounts: amounts(t, "2025=100")}}}}
	if years, cum := ledger.PaybackProjection(never); years != nil || cum != nil {
		t.Errorf("a proposal that never pays back projected %v %v", years, cum)
	}
}

// amounts builds a row from "year=value" pairs.
func amounts(t *testing.T, cells ...string) proposal.Amounts {
	t.Helper()
	var a proposal.Amounts
	for _, c := range cells {
		y, v, _ := strings.Cut(c, "=")
		year, err := strconv.Atoi(y)
		if err != nil {
			t.Fatal(err)
		}
		amt, err := proposal.NewAmount(v)
		if err != nil {
			t.Fatal(err)
		}
		a = append(a, proposal.YearAmount{Year: year, Value: amt})
	}
	return a
}
