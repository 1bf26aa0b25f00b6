package ledger

import (
	"testing"

	"github.com/budget-ledger/budget/pkg/proposal"
	"github.com/shopspring/decimal"
)

func TestShortfall(t *testing.T) {
	d := decimal.RequireFromString
	tenth := d("0.1")
	for _, tc := range []struct {
		name               string
		promised, realised string
		threshold          *decimal.Decimal
		want               string
		over               bool
	}{
		{name: "saved less", promised: "100", realised: "80", threshold: &tenth, want: "20", over: true},
		{name: "exactly at the threshold", promised: "100", realised: "90", threshold: &tenth, want: "10"},
		{name: "just over it", promised: "100", realised: "89.9", threshold: &tenth, want: "10.1", over: true},
		{name: "saved more", promised: "100", realised: "120", threshold: &tenth, want: "-20"},
		{name: "no threshold", promised: "100", realised: "0", want: "100"},
		{name: "a cost, grown", promised: "-400", realised: "-500", threshold: &tenth, want: "100", over: true},
		{name: "a cost, shrunk", promised: "-400", realised: "-390", threshold: &tenth, want: "-10"},
		{name: "nothing promised", promised: "0", realised: "-1", threshold: &tenth, want: "1", over: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, over := Shortfall(d(tc.promised), d(tc.realised), tc.threshold)
			if !got.Equal(d(tc.want)) || over != tc.over {
				t.Errorf("Shortfall(%s, %s) = %s, %v; want %s, %v", tc.promised, tc.realised, got, over, tc.want, tc.over)
			}
		})
	}
}

// TestRealisedSheet sets realised figures against Tabel 1: savings positive, the years outside
// the table left out, the payback counted again with the realised figures in place.
func TestRealisedSheet(t *testing.T) {
	amount := func(s string) proposal.Amount { a, _ := proposal.NewAmount(s); return a }
	e := &proposal.Economy{Years: []int{2025, 2026, 2027}}
	change := Figures{decimal.Zero, decimal.NewFromInt(-100), decimal.NewFromInt(-100)}
	impl := Figures{decimal.NewFromInt(150), decimal.Zero, decimal.Zero}
	r := &proposal.Realised{
		Permanent: proposal.RealisedYears{{Year: 2027, Amount: amount("-20")}, {Year: 2026, Amount: amount("-40")}, {Year: 2031, Amount: amount("-1")}},
		Goals:     []proposal.GoalStatus{{Goal: "B", Status: proposal.GoalMet, Note: "Done."}},
	}
	tenth := decimal.RequireFromString("0.1")
	rs := realisedSheet(r, e, change, impl, []proposal.FollowUp{{Goal: "A"}, {Goal: "B"}}, &tenth)
	if len(rs.Years) != 2 || rs.Years[0].Year != 2026 || rs.Years[1].Year != 2027 {
		t.Fatalf("years %+v, want 2026 and 2027", rs.Years)
	}
	if y := rs.Years[0]; y.Promised.String() != "100" || y.Realised.String() != "40" || y.Shortfall.String() != "60" || !y.Over || y.Path != "realised.permanent.2026" {
		t.Errorf("2026: %+v", y)
	}
	// Promised: 150, 50, -50: 3 years. Realised: 150, 110, 90, then 20 a year past the table: 8.
	if rs.Payback != (PaybackFollowup{Promised: 3, Realised: 8}) {
		t.Errorf("payback %+v, want promised 3, realised 8", rs.Payback)
	}
	if len(rs.Goals) != 2 || rs.Goals[0].Status != "" || !rs.Goals[1].Met() || rs.Goals[1].Path != "realised.goals.0" {
		t.Errorf("goals %+v", rs.Goals)
	}
}
