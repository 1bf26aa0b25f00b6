package proposal

import (
	"regexp"
	"testing"
)

// patternSeeds are texts at the edges of the schemas' patterns: ids, years and dates, with a
// character too many or too few, a final newline ($ is the end of the text), upper case, and
// bytes outside ASCII, valid UTF-8 or not.
var patternSeeds = []string{
	"", "a", "z", "A", "0", "9", "-", "a-", "-a", "a0", "0a", "ab-c9", "buu", "tmu", "oeu", "x--",
	"2026", "202", "20266", "2026\n", "\n2026", "2o26", "2026-01-01", "2026-1-01", "2026-01-011",
	"2026-01-01\n", "2026/01/01", "20260-1-01", "9999-99-99", "0000-00-00", "2026-01-0a",
	"é", "aé", "a\xff", "\xffa", "ａ", "a b", "a_b", "a.b", "A-b", "aB", "a\x00", "a\n", "`", "{", "/", ":", "@", "[",
}

// patternBytes are the characters exhaustive short texts are made of: each class's edges and
// their neighbours, and bytes of a multi-byte character.
const patternBytes = "az09-`{/:AZ\n\xc3\xa9\xff."

func eachShortText(max int, each func(string)) {
	var rec func(prefix string)
	rec = func(prefix string) {
		each(prefix)
		if len(prefix) == max {
			return
		}
		for i := 0; i < len(patternBytes); i++ {
			rec(prefix + patternBytes[i:i+1])
		}
	}
	rec("")
}

// TestPatternMatchers holds every hand-written matcher to regexp over every text of up to four
// of patternBytes, the seeds, and the dates and years built from digits and one other byte.
func TestPatternMatchers(t *testing.T) {
	for expr, hand := range patternMatchers {
		re := regexp.MustCompile(expr)
		check := func(s string) {
			if got, want := hand(s), re.MatchString(s); got != want {
				t.Errorf("%s on %q: the hand-written matcher says %v, regexp %v", expr, s, got, want)
			}
		}
		eachShortText(4, check)
		for _, s := range patternSeeds {
			check(s)
		}
		for i := 0; i < 10; i++ {
			for _, b := range []string{"a", "-", "/", "\n", "é", "5"} {
				check("2026-01-01"[:i] + b + "2026-01-01"[i+1:])
				check("2026-01-01"[:i] + b + "2026-01-01"[i:])
				check("2026-01-01"[:i] + "2026-01-01"[i+1:])
				if i < 4 {
					check("2026"[:i] + b + "2026"[i+1:])
				}
			}
		}
	}
}

// TestPatternMatchersUsed checks that the generated validators reach the hand-written matchers:
// a pattern whose spelling changed in the schema would silently go back to regexp.
func TestPatternMatchersUsed(t *testing.T) {
	for _, l := range []*lazyRegexp{&schemaRe0, &schemaRe1, &schemaRe2, &schemaRe3, &schemaRe4} {
		if patternMatchers[l.expr] == nil {
			t.Errorf("pattern %s has no hand-written matcher", l.expr)
		}
		l.match("")
		if l.hand == nil {
			t.Errorf("pattern %s is matched by regexp", l.expr)
		}
	}
}

func FuzzPatternMatchers(f *testing.F) {
	for _, s := range patternSeeds {
		f.Add(s)
	}
	res := map[string]*regexp.Regexp{}
	for expr := range patternMatchers {
		res[expr] = regexp.MustCompile(expr)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for expr, hand := range patternMatchers {
			if got, want := hand(s), res[expr].MatchString(s); got != want {
				t.Errorf("%s on %q: the hand-written matcher says %v, regexp %v", expr, s, got, want)
			}
		}
	})
}
