package main

import (
	"math"
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

// memoryLimit reads the soft memory limit without changing it.
func memoryLimit() int64 { return debug.SetMemoryLimit(-1) }

// TestPaceCollector: five times the live heap under the soft limit while the heap is small
// against the limit, the default and no limit once it is not, and nothing at all when the user
// set GOGC or GOMEMLIMIT.
func TestPaceCollector(t *testing.T) {
	defer debug.SetGCPercent(gcPercent())
	defer debug.SetMemoryLimit(memoryLimit())
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	debug.SetGCPercent(100)
	paceCollector()
	if p, l := gcPercent(), memoryLimit(); p != smallPercent || l != softLimit {
		t.Fatalf("a small heap's pace is %d, limit %d; want %d, %d", p, l, smallPercent, softLimit)
	}
	runtime.GC()
	time.Sleep(20 * time.Millisecond) // the finalizer runs on its own goroutine
	if p := gcPercent(); p != smallPercent {
		t.Fatalf("after a collection of a small heap the pace is %d, want still %d", p, smallPercent)
	}
	big := make([][]byte, 0, 128)
	for range 48 {
		big = append(big, make([]byte, 1<<20)) // 48 MiB live, under largeHeap
	}
	runtime.GC()
	time.Sleep(20 * time.Millisecond)
	if p, l := gcPercent(), memoryLimit(); p != smallPercent || l != softLimit {
		t.Fatalf("with %d MiB live the pace is %d, limit %d; want still %d, %d", len(big), p, l, smallPercent, softLimit)
	}
	for range 40 {
		big = append(big, make([]byte, 1<<20)) // 88 MiB live, over largeHeap
	}
	for i := 0; i < 50 && gcPercent() != 100; i++ {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	runtime.KeepAlive(big)
	if p, l := gcPercent(), memoryLimit(); p != 100 || l != math.MaxInt64 {
		t.Fatalf("with %d MiB live the pace is %d, limit %d; want the default 100 and no limit", len(big), p, l)
	}

	for _, env := range []string{"GOGC", "GOMEMLIMIT"} {
		t.Run("with "+env, func(t *testing.T) {
			t.Setenv(env, "200")
			if env == "GOMEMLIMIT" {
				t.Setenv(env, "1GiB")
			}
			debug.SetGCPercent(123)
			debug.SetMemoryLimit(1 << 40)
			paceCollector()
			if l := memoryLimit(); l != 1<<40 {
				t.Errorf("with %s set the limit became %d; the user's setting must stand", env, l)
			}
			if p := gcPercent(); p != 123 {
				t.Errorf("with %s set the pace became %d; the user's setting must stand", env, p)
			}
		})
	}
}
