package main

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// gcPercent reads the collector's percent without changing it.
func gcPercent() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}

// TestPaceCollector: five times the live heap while it is small, the default once it is not,
// and nothing at all when the user set GOGC or GOMEMLIMIT.
func TestPaceCollector(t *testing.T) {
	defer debug.SetGCPercent(gcPercent())
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	debug.SetGCPercent(100)
	paceCollector()
	if p := gcPercent(); p != smallPercent {
		t.Fatalf("a small heap's pace is %d, want %d", p, smallPercent)
	}
	runtime.GC()
	time.Sleep(20 * time.Millisecond) // the finalizer runs on its own goroutine
	if p := gcPercent(); p != smallPercent {
		t.Fatalf("after a collection of a small heap the pace is %d, want still %d", p, smallPercent)
	}
	big := make([][]byte, 0, 64)
	for range 48 {
		big = append(big, make([]byte, 1<<20)) // 48 MiB live, over smallHeap
	}
	for i := 0; i < 50 && gcPercent() != 100; i++ {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	runtime.KeepAlive(big)
	if p := gcPercent(); p != 100 {
		t.Fatalf("with %d MiB live the pace is %d, want the default 100", len(big), p)
	}

	for _, env := range []string{"GOGC", "GOMEMLIMIT"} {
		t.Run("with "+env, func(t *testing.T) {
			t.Setenv(env, "200")
			if env == "GOMEMLIMIT" {
				t.Setenv(env, "1GiB")
			}
			debug.SetGCPercent(123)
			paceCollector()
			if p := gcPercent(); p != 123 {
				t.Errorf("with %s set the pace became %d; the user's setting must stand", env, p)
			}
		})
	}
}
