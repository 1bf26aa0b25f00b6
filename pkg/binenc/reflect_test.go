package binenc_test

import (
	"testing"

	"github.com/budget-ledger/budget/pkg/binenc"
	"github.com/shopspring/decimal"
)

// TestDecimalRoundTrip: every decimal decodes to the same coefficient and exponent, those that
// fit an int64 (decoded without a big.Int copy) and those that do not, in a struct and a slice.
func TestDecimalRoundTrip(t *testing.T) {
	type row struct {
		A  decimal.Decimal
		Bs []decimal.Decimal
	}
	var in row
	for _, s := range []string{"0", "0.00", "1.50", "-1.50", "-0.001", "123456789012345678",
		"9223372036854775807", "-9223372036854775807", "-9223372036854775808", "9223372036854775808",
		"18446744073709551616", "-123456789012345678901234567890.12345", "72057594037927935", "72057594037927936"} {
		in.Bs = append(in.Bs, decimal.RequireFromString(s))
	}
	in.A = decimal.RequireFromString("-42.10")
	w := binenc.NewWriter(nil)
	binenc.Encode(w, &in)
	if w.Err() != nil {
		t.Fatal(w.Err())
	}
	var out row
	r := binenc.NewReader(w.Bytes())
	binenc.Decode(r, &out)
	if r.Err() != nil || r.Left() != 0 {
		t.Fatalf("decode: %v, %d bytes left", r.Err(), r.Left())
	}
	all := append([]decimal.Decimal{in.A}, in.Bs...)
	got := append([]decimal.Decimal{out.A}, out.Bs...)
	for i := range all {
		if got[i].Exponent() != all[i].Exponent() || got[i].Coefficient().Cmp(all[i].Coefficient()) != 0 || got[i].String() != all[i].String() {
			t.Errorf("%s (coefficient %s, exponent %d) decoded as %s (%s, %d)", all[i], all[i].Coefficient(), all[i].Exponent(),
				got[i], got[i].Coefficient(), got[i].Exponent())
		}
	}
}
