package check

import "slices"

// Acknowledgeable returns the codes of the warnings a file may acknowledge, sorted: what an
// editor completes after "check:" in an acknowledgement.
func Acknowledgeable() []string { return slices.Sorted(slices.Values(acknowledgeable)) }
