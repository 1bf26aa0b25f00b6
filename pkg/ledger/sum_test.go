package ledger

import (
	"strings"
	"testing"

	"github.com/budget-ledger/budget/pkg/proposal"
	"github.com/shopspring/decimal"
)

// sumSeeds are sequences of addends, separated by spaces, that put the int64 path of sum and
// plus at its edges: exponents that differ, coefficients at and past an int64's bounds, scalings
// by up to 10^18 and past them, positive exponents, zeros of every exponent.
var sumSeeds = []string{
	"",
	"0",
	"362",
	"-362 -362",
	"1.5 2",
	"2 1.5",
	"0.00 1",
	"1 0.00",
	"0 -0.0 0.000",
	"0.0 0",
	"1 -0.9",
	"0.0 0 0.00 0",
	"1e3 2",
	"2 1e3",
	"1e3 1e5",
	"0e5",
	"0e5 0e-3",
	"9223372036854775807",
	"9223372036854775807 1",
	"-9223372036854775808 -1",
	"-9223372036854775808 1",
	"9223372036854775806 1",
	"922337203685477580.7 0.1",
	"922337203685477580 0.1",
	"922337203685477581 0.1",
	"-922337203685477580 0.1",
	"-922337203685477581 0.1",
	"999999999999999999",
	"999999999999999999 1",
	"1000000000000000000",
	"1000000000000000000 -1",
	"123456789012345678901234567890 1",
	"1 123456789012345678901234567890",
	"123456789012345678901234567890 -123456789012345678901234567890 1",
	"1 0.0000000000000000001",
	"1 0.000000000000000001",
	"1 1e-19",
	"1 1e-18",
	"1e18 1e-1",
	"1e19 1",
	"0.5 -0.5",
	"-0.5 0.5 0",
	"1.183 -2.650 2.560 0.000 -3",
	"5 -5 5 -5",
	"900000000000000000 900000000000000000 900000000000000000 900000000000000000 900000000000000000 900000000000000000 900000000000000000 900000000000000000 900000000000000000 900000000000000000 900000000000000000",
	"-900000000000000000 -900000000000000000 -900000000000000000 -900000000000000000 -900000000000000000 -900000000000000000 -900000000000000000 -900000000000000000 -900000000000000000 -900000000000000000 -900000000000000000 1",
	"-90000000000000000.0 -900000000000000000 -900000000000000000 -900000000000000000 -900000000000000000 -900000000000000000 -900000000000000000 -900000000000000000 -900000000000000000 -900000000000000000 -900000000000000000 1",
}

// addends parses a seed; ok is false where a field is no decimal.
func addends(s string) (ds []decimal.Decimal, ok bool) {
	for _, f := range strings.Fields(s) {
		d, err := decimal.NewFromString(f)
		if err != nil || d.Exponent() > 1000 || d.Exponent() < -1000 || d.NumDigits() > 60 {
			return nil, false // decimal.Add itself grows slow with far exponents
		}
		ds = append(ds, d)
	}
	return ds, true
}

// sameDecimal reports whether got is want: the same coefficient at the same exponent, so that
// it prints the same in every format.
func sameDecimal(got, want decimal.Decimal) bool {
	return got.Exponent() == want.Exponent() && got.Coefficient().Cmp(want.Coefficient()) == 0 &&
		got.String() == want.String() && got.StringFixed(3) == want.StringFixed(3)
}

// checkSum holds sum, plus and sums.figures to decimal.Add over ds.
func checkSum(t *testing.T, ds []decimal.Decimal) {
	t.Helper()
	var s sum
	var want decimal.Decimal
	for i, d := range ds {
		s.add(d)
		want = want.Add(d)
		if got := s.decimal(); !sameDecimal(got, want) {
			t.Fatalf("%v: after %d addends the sum is %s (coefficient %s, exponent %d), decimal.Add gives %s (coefficient %s, exponent %d)",
				ds, i+1, got, got.Coefficient(), got.Exponent(), want, want.Coefficient(), want.Exponent())
		}
		if s.positive() != want.IsPositive() {
			t.Fatalf("%v: after %d addends positive() = %v, the sum is %s", ds, i+1, s.positive(), want)
		}
	}
	if got := s.decimal(); len(ds) == 0 && !sameDecimal(got, decimal.Decimal{}) {
		t.Fatalf("the empty sum is %s, not the zero Decimal", got)
	}
	for i := 0; i+1 < len(ds); i++ {
		if got, want := plus(ds[i], ds[i+1]), ds[i].Add(ds[i+1]); !sameDecimal(got, want) {
			t.Fatalf("plus(%s, %s) = %s (exponent %d), decimal.Add gives %s (exponent %d)",
				ds[i], ds[i+1], got, got.Exponent(), want, want.Exponent())
		}
	}
}

func TestSumIsDecimalAdd(t *testing.T) {
	for _, seed := range sumSeeds {
		t.Run(seed, func(t *testing.T) {
			ds, ok := addends(seed)
			if !ok {
				t.Fatalf("seed %q is not a list of decimals", seed)
			}
			checkSum(t, ds)
		})
	}
}

// TestSumFallsBack shows that the seeds reach both paths: a total kept as an int64 and one
// that goes on in decimal.
func TestSumFallsBack(t *testing.T) {
	for _, c := range []struct {
		addends string
		inDec   bool
	}{
		{"1.5 2 -3", false},
		{"9223372036854775806 1", true}, // 19 digits: coefficient does not tell whether they fit
		{"999999999999999998 1", false},
		{strings.Repeat("900000000000000000 ", 10), false},
		{strings.Repeat("900000000000000000 ", 11), true},
		{strings.Repeat("-900000000000000000 ", 11), true},
		{"9223372036854775807 1", true},
		{"-9223372036854775808 -1", true},
		{"922337203685477581 0.1", true},
		{"1 1e-19", true},
		{"1 1e-18", false},
		{"123456789012345678901234567890", true},
	} {
		ds, _ := addends(c.addends)
		var s sum
		for _, d := range ds {
			s.add(d)
		}
		if s.inDec != c.inDec {
			t.Errorf("%s: inDec = %v, want %v", c.addends, s.inDec, c.inDec)
		}
	}
}

// TestRowSumsIsDecimalAdd holds RowSums to adding each year's cells with decimal.Add, the way it was
// summed before sum.
func TestRowSumsIsDecimalAdd(t *testing.T) {
	years := []int{2025, 2026, 2027}
	row := func(label, area, cells string) proposal.Line {
		var a proposal.Amounts
		for i, f := range strings.Fields(cells) {
			if f != "_" {
				a = append(a, proposal.YearAmount{Year: years[i], Value: proposal.Amount{Decimal: decimal.RequireFromString(f)}})
			}
		}
		return proposal.Line{Label: label, Area: area, Amounts: a}
	}
	e := &proposal.Economy{Years: years, Permanent: &proposal.Section{Rows: []proposal.Line{
		row("a", "", "1.5 -362 9223372036854775807"),
		row("b", "Service", "2 _ 1"),
		row("c", "Other", "_ 0.000 _"),
	}}}
	want := make(Figures, len(years))
	for _, r := range e.Permanent.Rows {
		for i, y := range years {
			if v, ok := r.Amounts.Get(y); ok {
				want[i] = want[i].Add(v)
			}
		}
	}
	got := RowSums(e.Permanent, years)
	for i := range years {
		if !sameDecimal(got[i], want[i]) {
			t.Errorf("%d: RowSums gives %s (exponent %d), decimal.Add %s (exponent %d)", years[i], got[i], got[i].Exponent(), want[i], want[i].Exponent())
		}
	}
}

func FuzzSum(f *testing.F) {
	for _, s := range sumSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ds, ok := addends(s)
		if !ok {
			t.Skip()
		}
		checkSum(t, ds)
	})
}
