package format_test

import (
	"os"
	"testing"

	"github.com/budget-ledger/budget/pkg/format"
	"github.com/budget-ledger/budget/pkg/ledger"
)

// BenchmarkSourceBundled formats every bundled file once per iteration: two YAML parses a
// file (the input, and the result read back to check it) are the floor.
func BenchmarkSourceBundled(b *testing.B) {
	fsys := os.DirFS("../../proposals")
	files, _, _ := ledger.Files(fsys, "", ledger.Options{})
	var srcs [][]byte
	for _, f := range files {
		s, _ := os.ReadFile("../../proposals/" + f)
		srcs = append(srcs, s)
	}
	b.ResetTimer()
	for b.Loop() {
		for i, f := range files {
			format.Source(f, ledger.KindOf(f), srcs[i])
		}
	}
}
