package proposal_test

import (
	"testing"

	"github.com/budget-ledger/budget/pkg/proposal"
	"go.yaml.in/yaml/v3"
)

// BenchmarkReadNodes reads every bundled file into its node tree: with the fast reader, and
// with yaml.Unmarshal into a yaml.Node as the slow path does (make bench-go; the ratio of the
// two in one run is the figure, as the machine is shared).
func BenchmarkReadNodes(b *testing.B) {
	files, size := bundledList(b)
	b.Run("fast", func(b *testing.B) {
		b.SetBytes(size)
		b.ReportAllocs()
		for b.Loop() {
			for _, src := range files {
				if proposal.FastRead(src) == nil {
					b.Fatal("the fast reader left a bundled file to yaml.v3")
				}
			}
		}
	})
	b.Run("yaml", func(b *testing.B) {
		b.SetBytes(size)
		b.ReportAllocs()
		for b.Loop() {
			for _, src := range files {
				var n yaml.Node
				if err := yaml.Unmarshal(src, &n); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}

// BenchmarkParseLimited is ParseLimited on every bundled file, both ways: the nodes, then
// the JSON values and the checks of the converter, which both readers share.
func BenchmarkParseLimited(b *testing.B) {
	files, size := bundledList(b)
	for _, way := range []struct {
		name string
		fast bool
	}{{"fast", true}, {"yaml", false}} {
		b.Run(way.name, func(b *testing.B) {
			b.SetBytes(size)
			b.ReportAllocs()
			for b.Loop() {
				for _, src := range files {
					if d, _ := proposal.ParseWith("f.yaml", src, proposal.DefaultLimits, way.fast); d == nil {
						b.Fatal("a bundled file does not parse")
					}
				}
			}
		})
	}
}

func bundledList(b *testing.B) ([][]byte, int64) {
	var files [][]byte
	var size int64
	for _, src := range bundled(b) {
		files = append(files, src)
		size += int64(len(src))
	}
	return files, size
}

// BenchmarkFastChars is the check of the bytes that fastRead starts with, on every bundled
// file: eight bytes at a time (fastChars), and one at a time as it was first written.
func BenchmarkFastChars(b *testing.B) {
	files, size := bundledList(b)
	for _, way := range []struct {
		name  string
		check func([]byte) (int, bool)
	}{{"word", proposal.FastChars}, {"byte", fastCharsByByte}} {
		b.Run(way.name, func(b *testing.B) {
			b.SetBytes(size)
			for b.Loop() {
				for _, src := range files {
					if _, ok := way.check(src); !ok {
						b.Fatal("a bundled file is refused")
					}
				}
			}
		})
	}
}
