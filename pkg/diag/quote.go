package diag

import (
	"strconv"
	"unicode/utf8"
)

// MaxQuoted is the most characters of a value a message quotes: a longer one keeps its start
// and its end around "…", so that a hostile value of megabytes costs a line, not megabytes,
// in every message that names it.
const MaxQuoted = 80

// Clip returns s, or, when it is longer than MaxQuoted characters, its first and last
// characters around "…", MaxQuoted in all. It reads at most MaxQuoted characters from each end.
func Clip(s string) string {
	if len(s) <= MaxQuoted || len(s) <= utf8.UTFMax*MaxQuoted && utf8.RuneCountInString(s) <= MaxQuoted {
		return s
	}
	keep := (MaxQuoted - 1) / 2
	head := 0
	for range keep {
		_, n := utf8.DecodeRuneInString(s[head:])
		head += n
	}
	tail := len(s)
	for range MaxQuoted - 1 - keep {
		_, n := utf8.DecodeLastRuneInString(s[:tail])
		tail -= n
	}
	return s[:head] + "…" + s[tail:]
}

// Quote is strconv.Quote of Clip(s): how a message names a value from the data.
func Quote(s string) string { return strconv.Quote(Clip(s)) }
