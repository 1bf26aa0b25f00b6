package ledger_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/budget-ledger/budget/pkg/check"
	"github.com/budget-ledger/budget/pkg/ledger"
)

// synthetic writes a ledger of n proposals with bench/gen (seed 1) and returns its proposals/.
func synthetic(b *testing.B, n int) string {
	b.Helper()
	out := b.TempDir()
	gobin := filepath.Join(runtime.GOROOT(), "bin", "go")
	cmd := exec.Command(gobin, "run", "./bench/gen", "-n", fmt.Sprint(n), "-seed", "1", "-out", out)
	cmd.Dir = "../.."
	if msg, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("bench/gen: %v\n%s", err, msg)
	}
	return filepath.Join(out, "proposals")
}

// ledgers are the ledgers benchmarked: the bundled one, a synthetic one of 1,000 proposals and,
// for profiling at scale, the one in $BUDGET_BENCH_DIR (e.g. written by bench/gen -n 10000).
func ledgers(b *testing.B) map[string]string {
	m := map[string]string{"bundled": "../../proposals", "synthetic-1000": synthetic(b, 1000)}
	if dir := os.Getenv("BUDGET_BENCH_DIR"); dir != "" {
		m["dir"] = dir
	}
	return m
}

// BenchmarkLoad is the loading every command starts with: read, parse, schema, decode.
func BenchmarkLoad(b *testing.B) {
	for name, dir := range ledgers(b) {
		b.Run(name, func(b *testing.B) {
			fsys := os.DirFS(dir)
			for b.Loop() {
				if _, ds, err := ledger.Load(fsys, "proposals"); err != nil || ds.HasErrors() {
					b.Fatalf("load: %v %v", err, ds)
				}
			}
		})
	}
}

// BenchmarkValidate is what budget validate does before printing: load, then every check.
func BenchmarkValidate(b *testing.B) {
	for name, dir := range ledgers(b) {
		b.Run(name, func(b *testing.B) {
			fsys := os.DirFS(dir)
			for b.Loop() {
				_, ds, err := check.Load(fsys, "proposals", ledger.Options{})
				if err != nil {
					b.Fatal(err)
				}
				if ds.HasErrors() {
					b.Fatalf("check: %v", ds)
				}
			}
		})
	}
}

// BenchmarkTotals is Table 1 over a loaded ledger: the aggregation alone.
func BenchmarkTotals(b *testing.B) {
	for name, dir := range ledgers(b) {
		b.Run(name, func(b *testing.B) {
			l, _, err := ledger.Load(os.DirFS(dir), "proposals")
			if err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				if t := l.Totals(); len(t.Committees) == 0 {
					b.Fatal("no committees")
				}
			}
		})
	}
}
