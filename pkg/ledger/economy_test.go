package ledger

import (
	"testing"

	"github.com/shopspring/decimal"
)

func decs(vs ...int64) []decimal.Decimal {
	out := make([]decimal.Decimal, len(vs))
	for i, v := range vs {
		out[i] = decimal.NewFromInt(v)
	}
	return out
}

func TestPayback(t *testing.T) {
	tests := []struct {
		name      string
		permanent []decimal.Decimal
		impl      []decimal.Decimal
		want      int
	}{
		// Proposal 2 of the catalog: 975, 2385, 1105, -675: zero is reached in the fourth column.
		{name: "within the table", permanent: decs(0, -440, -1780, -1780, -1780, -1780), impl: decs(975, 1850, 500, 0, 0, 0), want: 4},
		{name: "first column", permanent: decs(-10, -10), impl: decs(0, 0), want: 1},
		{name: "exactly zero counts", permanent: decs(0, -100), impl: decs(100, 0), want: 2},
		// Proposal 8: 4459 invested, 515 a year from the second column, continued past the table.
		{name: "past the last column", permanent: decs(0, -515, -515, -515, -515, -515), impl: decs(4459, 0, 0, 0, 0, 0), want: 10},
		{name: "never", permanent: decs(0, 100), impl: decs(50, 0), want: 0},
		{name: "no columns", want: 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Payback(tt.permanent, tt.impl); got != tt.want {
				t.Errorf("Payback = %d, want %d", got, tt.want)
			}
		})
	}
}
