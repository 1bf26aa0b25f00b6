package diag

import (
	"strconv"

	"github.com/budget-ledger/budget/pkg/escape"
)

// MaxQuoted is the most characters of a value a message quotes: a longer one keeps its start
// and its end around "…", so that a hostile value of megabytes costs a line, not megabytes,
// in every message that names it.
const MaxQuoted = 80

// Clip returns s, or, when it is longer than MaxQuoted characters, its first and last
// characters around "…", MaxQuoted in all (escape.Shorten).
func Clip(s string) string { return escape.Shorten(s, MaxQuoted) }

// Quote is strconv.Quote of Clip(s): how a message names a value from the data.
func Quote(s string) string { return strconv.Quote(Clip(s)) }
