package escape

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestShorten(t *testing.T) {
	tests := []struct {
		name string
		in   string
		max  int
		want string
	}{
		{name: "short", in: "Lavere husleje", max: 20, want: "Lavere husleje"},
		{name: "exactly max", in: strings.Repeat("æ", 10), max: 10, want: strings.Repeat("æ", 10)},
		{name: "one over", in: "abcdefghijk", max: 10, want: "abcd…ghijk"},
		{name: "multi-byte ends", in: "ææææææ" + strings.Repeat("x", 100) + "øøøøøø", max: 11, want: "æææææ…øøøøø"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Shorten(tt.in, tt.max)
			if got != tt.want {
				t.Errorf("Shorten(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
			}
			if n := utf8.RuneCountInString(got); n > tt.max {
				t.Errorf("%d characters, more than %d", n, tt.max)
			}
		})
	}
}
