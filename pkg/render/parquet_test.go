package render

import (
	"encoding/hex"
	"testing"

	"github.com/shopspring/decimal"
)

// TestDecimal128 checks the unscaled integers of DECIMAL(38,10) as Parquet stores them:
// big-endian two's complement in 16 bytes, built from the decimal text, never a float.
func TestDecimal128(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"0", "00000000000000000000000000000000"},
		{"1", "000000000000000000000002540be400"},    // 10^10
		{"-1", "fffffffffffffffffffffffdabf41c00"},   // -10^10
		{"-639", "fffffffffffffffffffffa303651e400"}, // -639 * 10^10
		{"0.0000000001", "00000000000000000000000000000001"},
		{"-0.0000000001", "ffffffffffffffffffffffffffffffff"},
		{"1.50000000000000", "0000000000000000000000037e11d600"},                        // trailing zeros past the scale
		{"9999999999999999999999999999.9999999999", "4b3b4ca85a86c47a098a223fffffffff"}, // 10^38-1
		{"-9999999999999999999999999999.9999999999", "b4c4b357a5793b85f675ddc000000001"},
		{"123456789012345678.0123456789", "0000000003fd35eb6d797a8fac674515"},
	} {
		b, err := decimal128(decimal.RequireFromString(c.in))
		if err != nil {
			t.Errorf("%s: %v", c.in, err)
			continue
		}
		if got := hex.EncodeToString(b[:]); got != c.want {
			t.Errorf("%s: got %s, want %s", c.in, got, c.want)
		}
	}
	for _, c := range []struct{ in, want string }{
		{"0.00000000001", "amount 0.00000000001 has more than 10 decimal places, which Parquet's DECIMAL(38,10) cannot hold"},
		{"10000000000000000000000000000", "amount 10000000000000000000000000000 has more than 28 digits before the decimal point, which Parquet's DECIMAL(38,10) cannot hold"},
	} {
		_, err := decimal128(decimal.RequireFromString(c.in))
		if err == nil || err.Error() != c.want {
			t.Errorf("%s: got error %v, want %q", c.in, err, c.want)
		}
	}
}
