package escape

import "unicode/utf8"

// Shorten returns s, or, when it is longer than max characters, its first and last characters
// around "…", max in all, so that a text of megabytes from the data costs a line where it is
// shown. It reads at most max characters from each end.
func Shorten(s string, max int) string {
	if len(s) <= max || len(s) <= utf8.UTFMax*max && utf8.RuneCountInString(s) <= max {
		return s
	}
	keep := (max - 1) / 2
	head := 0
	for range keep {
		_, n := utf8.DecodeRuneInString(s[head:])
		head += n
	}
	tail := len(s)
	for range max - 1 - keep {
		_, n := utf8.DecodeLastRuneInString(s[:tail])
		tail -= n
	}
	return s[:head] + "…" + s[tail:]
}
