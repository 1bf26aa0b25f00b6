package format

import (
	"bytes"
	"os"
	"testing"

	"github.com/budget-ledger/budget/pkg/proposal"
)

// FuzzFormat checks, for any input fmt accepts: the result is accepted again and left as it
// is (fmt(fmt(x)) == fmt(x)), and it reads back to the same values as the input. Source checks
// the values itself before it returns; the fuzzer checks that this check holds up too.
func FuzzFormat(f *testing.F) {
	// Small seeds: the fuzzer minimises every new input it finds, and minimising a whole
	// proposal file with coverage instrumentation takes minutes.
	if src, err := os.ReadFile("../../proposals/biu/01-digitalt-samtykke.yaml"); err == nil {
		f.Add(src[:min(len(src), 700)])
	}
	f.Add([]byte("schema: 1\nsummary: \"a\\n\\nb  c\"\nyears: [2026, 2025]\n"))
	f.Add([]byte("# c\nb: {2027: 1.50, 2026: -0}\na:\n  - x: 1 # y\n"))
	f.Add([]byte("a:\n  ? \"2026\"\n  : !!str 5\n  2026.0: ~\n? [b]\n: 1\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		out, ds := Source("f.yaml", "proposal", src)
		if out == nil {
			if len(ds) == 0 {
				t.Fatal("refused without a diagnostic")
			}
			// Every input fmt cannot format faithfully is refused where Parse finds the reason,
			// at its line and column; the check of the result against the input is the last
			// guard, never the answer to an input.
			for _, d := range ds {
				if d.Code == "fmt" {
					t.Fatalf("refused by the check of the result, not by a diagnostic at the cause: %v", d)
				}
			}
			return
		}
		again, ds := Source("f.yaml", "proposal", out)
		if again == nil {
			t.Fatalf("formatted text is refused: %v\n%s", ds, out)
		}
		if !bytes.Equal(again, out) {
			t.Fatalf("not idempotent:\n%s\nthen\n%s", out, again)
		}
		a, _ := proposal.Parse("f.yaml", src)
		b, _ := proposal.Parse("f.yaml", out)
		if a == nil || b == nil {
			t.Fatal("input or output does not parse")
		}
		if err := same(a, out, proposal.DefaultLimits); err != nil {
			t.Fatal(err)
		}
	})
}
