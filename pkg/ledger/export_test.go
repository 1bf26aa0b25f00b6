package ledger

// FromCache is how many files of l came from the cache, for the tests of ledger_test.
func FromCache(l *Ledger) int { return l.fromCache }
