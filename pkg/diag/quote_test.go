package diag

import (
	"strings"
	"testing"
)

func TestClip(t *testing.T) {
	long := strings.Repeat("a", 39) + strings.Repeat("x", 1_000_000) + strings.Repeat("b", 40)
	for _, tc := range []struct{ name, in, want string }{
		{"short", "Service", "Service"},
		{"80 characters", strings.Repeat("æ", 80), strings.Repeat("æ", 80)},
		{"81 characters", strings.Repeat("æ", 81), strings.Repeat("æ", 39) + "…" + strings.Repeat("æ", 40)},
		{"a megabyte", long, strings.Repeat("a", 39) + "…" + strings.Repeat("b", 40)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Clip(tc.in); got != tc.want {
				t.Errorf("Clip = %q, want %q", got, tc.want)
			}
		})
	}
	if got, want := Quote("1"+strings.Repeat("0", 100)), `"1`+strings.Repeat("0", 38)+"…"+strings.Repeat("0", 40)+`"`; got != want {
		t.Errorf("Quote = %s, want %s", got, want)
	}
}
