//go:build unix

package lsp

import (
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"
)

// BenchmarkKeystroke measures a keystroke's cost: from a didChange of one declared total to the
// publishDiagnostics of its file, the changed file loaded again and the checks across files run
// over the whole ledger (without the debounce, which only waits). On the bundled ledger (38
// files) and on a real-like one of 1,027 (bench/gen -like proposals -n 27; BUDGET_BENCH_LIKE
// names one made before, to spare the build).
func BenchmarkKeystroke(b *testing.B) {
	b.Run("bundled", func(b *testing.B) {
		keystrokes(b, copyLedger(b, nil), vikar)
	})
	b.Run("like-27", func(b *testing.B) {
		dir := os.Getenv("BUDGET_BENCH_LIKE")
		if dir == "" {
			out := b.TempDir()
			cmd := exec.Command("go", "run", "./bench/gen", "-like", "proposals", "-n", "27", "-out", out)
			cmd.Dir = "../.."
			if msg, err := cmd.CombinedOutput(); err != nil {
				b.Fatalf("bench/gen: %v\n%s", err, msg)
			}
			dir = filepath.Join(out, "proposals")
		}
		files, _ := filepath.Glob(filepath.Join(dir, "buu", "*-vikardaekning-dagtilbud.yaml"))
		if len(files) == 0 {
			b.Fatalf("no buu/*-vikardaekning-dagtilbud.yaml in %s", dir)
		}
		sort.Strings(files)
		rel, _ := filepath.Rel(dir, files[0])
		keystrokes(b, dir, filepath.ToSlash(rel))
	})
}

func keystrokes(b *testing.B, dir, rel string) {
	c := start(b, dir, -1)
	c.init()
	c.until(rel)
	text := c.open(rel)
	c.until(rel)
	const old, new = "          2027: -3968\n          2028: -5953\n          2029: -5953\n          2030: -5953\n  implementation",
		"          2027: -3000\n          2028: -5953\n          2029: -5953\n          2030: -5953\n  implementation"
	if !strings.Contains(text, old) {
		b.Fatalf("%s holds no total to edit", rel)
	}
	cpu0 := cpuTime()
	n := 0
	for i := 0; b.Loop(); i++ {
		n++
		if i%2 == 0 {
			text = c.change(rel, text, old, new, i+2)
		} else {
			text = c.change(rel, text, new, old, i+2)
		}
		c.until(rel)
	}
	// The machine may be shared: the process's CPU time (user+sys, every goroutine's: the
	// server's, the client's, the collector's) says more than the wall time.
	b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/1000/float64(n), "cpu-ms/op")
}

func cpuTime() time.Duration {
	var u syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &u) != nil {
		return 0
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}
