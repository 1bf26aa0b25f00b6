package ledger_test

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/budget-ledger/budget/pkg/proposal"
)

// amounts builds a row from "year=value" pairs.
func amounts(t *testing.T, cells ...string) proposal.Amounts {
	t.Helper()
	var a proposal.Amounts
	for _, c := range cells {
		y, v, _ := strings.Cut(c, "=")
		amt, err := proposal.NewAmount(v)
		if err != nil {
			t.Fatal(err)
		}
		year, err := strconv.Atoi(y)
		if err != nil {
			t.Fatal(err)
		}
		a = append(a, proposal.YearAmount{Year: year, Value: amt})
	}
	return a
}

func figureStrings(f ledger.Figures) []string {
	out := make([]string, len(f))
	for i, d := range f {
		out[i] = d.String()
	}
	return out
}

func TestNetEffects(t *testing.T) {
	years := []int{2025, 2026, 2027}
	impl := &proposal.Section{Rows: []proposal.Line{{Label: "Udvikling", Amounts: amounts(t, "2025=1300")}}}
	tests := []struct {
		name       string
		permanent  *proposal.Section
		cumulative []string
		paidBack   int
	}{{
		name:       "reaching exactly zero is paid back",
		permanent:  &proposal.Section{Rows: []proposal.Line{{Label: "a", Amounts: amounts(t, "2026=-100", "2027=-1200")}}},
		cumulative: []string{"1300", "1200", "0"},
		paidBack:   2027,
	}, {
		name: "the declared total over all rows wins over the rows",
		permanent: &proposal.Section{
			Rows:   []proposal.Line{{Label: "a", Amounts: amounts(t, "2026=-100", "2027=-100")}},
			Totals: []proposal.Total{{Label: "Samlet varig ændring", Sums: proposal.Sums{Area: proposal.SumsAll}, Amounts: amounts(t, "2026=-1400", "2027=-100")}},
		},
		cumulative: []string{"1300", "-100", "-200"},
		paidBack:   2026,
	}, {
		name:       "not within the table's years",
		permanent:  &proposal.Section{Rows: []proposal.Line{{Label: "a", Amounts: amounts(t, "2026=-0.5", "2027=-0.5")}}},
		cumulative: []string{"1300", "1299.5", "1299"},
	}, {
		name:       "no permanent section",
		cumulative: []string{"1300", "1300", "1300"},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := &ledger.Ledger{Proposals: []*proposal.Proposal{
				{Number: 7, Title: "Digital", Kind: proposal.KindInvestment,
					Economy: &proposal.Economy{Years: years, Permanent: tt.permanent, Implementation: impl}},
				{Number: 8, Title: "Effektiv", Kind: proposal.KindEfficiency,
					Economy: &proposal.Economy{Years: years, Permanent: tt.permanent}},
			}}
			got := l.NetEffects()
			if len(got) != 1 || got[0].Number != 7 {
				t.Fatalf("NetEffects() = %+v, want only the investment proposal 7", got)
			}
			if c := figureStrings(got[0].Cumulative); !slices.Equal(c, tt.cumulative) {
				t.Errorf("Cumulative = %v, want %v", c, tt.cumulative)
			}
			if got[0].PaidBackIn != tt.paidBack {
				t.Errorf("PaidBackIn = %d, want %d", got[0].PaidBackIn, tt.paidBack)
			}
		})
	}
}

// TestBundledNetEffect checks proposal 1 against the figures its acknowledged payback finding
// quotes: 1245, 2306, 1123, -60 from 2025, reaching zero in 2028.
func TestBundledNetEffect(t *testing.T) {
	l, _ := loadBundled(t)
	effects := l.NetEffects()
	if len(effects) == 0 || effects[0].Number != 1 {
		t.Fatalf("first net effect is not proposal 1: %+v", effects)
	}
	n := effects[0]
	want := []string{"1245", "2306", "1123", "-60", "-1243", "-2426"}
	if got := figureStrings(n.Cumulative); !slices.Equal(got, want) {
		t.Errorf("proposal 1 cumulative = %v, want %v", got, want)
	}
	if n.PaidBackIn != 2028 {
		t.Errorf("proposal 1 paid back in %d, want 2028", n.PaidBackIn)
	}
	if n.PrintedPayback == nil || n.PrintedPayback.String() != "3" {
		t.Errorf("proposal 1 printed payback = %v, want 3", n.PrintedPayback)
	}
	investments := 0
	for _, p := range l.Proposals {
		if p.Kind == proposal.KindInvestment && p.Economy != nil {
			investments++
		}
	}
	if len(effects) != investments {
		t.Errorf("%d net effects for %d investment proposals with a Tabel 1", len(effects), investments)
	}
}
