package proposal

import (
	"regexp"
	"testing"
)

// numberLikePattern is what NumberLike matches, as the expression it was first written as.
var numberLikePattern = regexp.MustCompile(`^[-+]?([0-9][0-9_]*([.,][0-9]+)?|[0-9]{1,3}(\.[0-9]{3})+,[0-9]+|\.[0-9]+)([eE][-+]?[0-9]+)?$|^[-+]?0[xXoObB][0-9a-fA-F_]+$|^[-+]?\.(inf|Inf|INF|nan|NaN|NAN)$`)

// TestNumberLike holds NumberLike to numberLikePattern on every text of up to five characters
// of the characters that matter to it, on every text of up to eight of the digits and marks of
// Danish and English numbers, and on the texts of a ledger that start as numbers do.
func TestNumberLike(t *testing.T) {
	check := func(s string) {
		if got, want := NumberLike(s), numberLikePattern.MatchString(s); got != want {
			t.Fatalf("NumberLike(%q) = %v, the pattern says %v", s, got, want)
		}
	}
	var all func(prefix string, alphabet string, n int)
	all = func(prefix string, alphabet string, n int) {
		check(prefix)
		if n == 0 {
			return
		}
		for i := 0; i < len(alphabet); i++ {
			all(prefix+alphabet[i:i+1], alphabet, n-1)
		}
	}
	all("", "-+.,_09eExXbBoaf in", 4)
	all("", "-.,05eE", 6)
	all("", "12.,3", 8)
	for _, s := range []string{
		"1.183,5", "-1.183.500,25", "1.183", "1,5", ".5", "-.5e3", "1e400", "0x7EA", "0B2", "0o17",
		"+.inf", "-.NaN", ".Inf", ".iNF", "2026 p/l", "9.999 kr.", "31-12-2026", "31.12.2026",
		"1_000", "_1", "1__2.5", "1234.567,8", "12.3456,7", "1.234.56,7", "0x", "0xg", "e5", "5e",
		"5e+", "5e+5", "5E-05", "1.5e5e5", "", "-", "+", ".", ",5", "5,", "5.", "1.234,", "١٢",
	} {
		check(s)
	}
}
