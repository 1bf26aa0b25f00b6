package ledger_test

import (
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/budget-ledger/budget/pkg/check"
	"github.com/budget-ledger/budget/pkg/diag"
	"github.com/budget-ledger/budget/pkg/ledger"
)

// hostileShapes are synthetic files within the size limit of the shapes that cost quadratic
// time before issue 10 (bench/hostile writes these and more, for the command line). Each is
// the bundled ledger's biu/03 with from_innovation_proposal or acknowledged rewritten.
var hostileShapes = []struct {
	name string
	unit func(i int) string
	head string
	tail string
}{
	{"flowmap", func(i int) string { return fmt.Sprintf("k%07d: 0, ", i) }, "from_innovation_proposal: {", "}\n"},
	{"blockmap", func(i int) string { return fmt.Sprintf("  k%07d: 0\n", i) }, "from_innovation_proposal:\n", ""},
	{"unknownkeys", func(i int) string { return fmt.Sprintf("summaryx%07d: 0\n", i) }, "", ""},
	{"badlistline", func(int) string { return "0, " }, "acknowledged: [", "0]\n"},
}

// BenchmarkHostile loads and checks a ledger holding one hostile file of 1, 2 and 4 MiB and
// writes its diagnostics with their source lines: ns/op should double with the size.
func BenchmarkHostile(b *testing.B) {
	const target = "biu/03-forenklet-driftsunderstoettelse.yaml"
	for _, s := range hostileShapes {
		for _, mib := range []int{1, 2, 4} {
			b.Run(fmt.Sprintf("%s/%dMiB", s.name, mib), func(b *testing.B) {
				fsys := copyBundled(b)
				orig := strings.Replace(string(fsys[target].Data), "from_innovation_proposal: null\n", "", 1)
				var body strings.Builder
				for i := 0; len(orig)+len(s.head)+body.Len()+len(s.tail)+32 < mib<<20; i++ {
					body.WriteString(s.unit(i))
				}
				fsys[target].Data = []byte(orig + s.head + body.String() + s.tail)
				b.SetBytes(int64(len(fsys[target].Data)))
				for b.Loop() {
					l, ds, err := check.Load(fsys, "proposals", ledger.Options{})
					if err != nil {
						b.Fatal(err)
					}
					if err := diag.WriteText(io.Discard, ds, l.Source, diag.Options{}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
