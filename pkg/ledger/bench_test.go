package ledger_test

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
	"time"

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

// BenchmarkWarm is what budget validate does before printing, through the cache of per-file
// results (Options.Cache), as a warm run finds it: every file unchanged, and one file changed
// before each op (a line appended to the first proposal, as bench/run.sh's warm step does), so
// that each op reads, parses and checks that file and writes a new pack. Each ledger is a copy,
// its files settled (changed an hour ago) so that the cache trusts their stat data.
func BenchmarkWarm(b *testing.B) {
	for name, src := range ledgers(b) {
		dir := filepath.Join(b.TempDir(), "proposals")
		if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
			b.Fatal(err)
		}
		files, _, err := ledger.Files(os.DirFS(dir), "proposals", ledger.Options{})
		if err != nil {
			b.Fatal(err)
		}
		hourAgo := time.Now().Add(-time.Hour)
		for _, f := range files {
			if err := os.Chtimes(filepath.Join(dir, f), hourAgo, hourAgo); err != nil {
				b.Fatal(err)
			}
		}
		first := files[slices.IndexFunc(files, func(f string) bool { return f != ledger.CatalogFile })]
		opts := ledger.Options{Model: ledger.ModelTables, Cache: ledger.Cache{Dir: b.TempDir(), Ledger: dir}}
		validate := func(b *testing.B) {
			if _, ds, err := check.Load(os.DirFS(dir), "proposals", opts); err != nil || ds.HasErrors() {
				b.Fatalf("check: %v %v", err, ds)
			}
		}
		b.Run(name+"/unchanged", func(b *testing.B) {
			validate(b) // the pack of this build
			for b.Loop() {
				validate(b)
			}
		})
		b.Run(name+"/one-changed", func(b *testing.B) {
			validate(b)
			for b.Loop() {
				f, err := os.OpenFile(filepath.Join(dir, first), os.O_APPEND|os.O_WRONLY, 0)
				if err != nil {
					b.Fatal(err)
				}
				_, err = f.WriteString("# synthetic edit\n")
				if err := errors.Join(err, f.Close()); err != nil {
					b.Fatal(err)
				}
				validate(b)
			}
		})
	}
}
