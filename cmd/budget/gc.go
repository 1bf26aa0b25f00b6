package main

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

// The collector's pace, set here in main and never in a library: the process is budget's.
//
// A run over a small ledger (the bundled one holds 36 files) allocates a few tens of megabytes
// while its live heap stays under the runtime's minimum goal of 4 MB, so the collector runs
// every few files: a third of the run's CPU. A large one (10,000 files) allocates a gigabyte
// with a live heap of 40-60 MB, and at Go's default pace (a goal of twice the live heap) spends
// about half its CPU collecting, with a peak of 165 MB.
//
// So the goal is five times the live heap (GOGC=400), capped by a soft memory limit of
// softLimit: small ledgers collect rarely, and a large one collects when the process nears the
// limit, not at twice its live heap. Once the live heap reaches half the limit (a ledger far
// larger, whose live heap the limit would leave no room above), the pace is the runtime's
// default (GOGC=100) and the limit is lifted, so that memory follows the live heap as it would
// without this file. A user's GOGC or GOMEMLIMIT is left as it is, and so is the pace when
// either is set.
const (
	smallPercent = 400
	softLimit    = 128 << 20
	largeHeap    = softLimit / 2
)

func paceCollector() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetGCPercent(smallPercent)
	debug.SetMemoryLimit(softLimit)
	watchHeap()
}

// sentinel is an object whose finalizer runs after each collection that finds it unreachable:
// once a cycle, it looks at the live heap and either sets the default pace or watches again.
type sentinel struct{ _ [64]byte } // not a tiny allocation, whose finalizer might never run

func watchHeap() {
	runtime.SetFinalizer(&sentinel{}, func(*sentinel) {
		if liveHeap() >= largeHeap {
			debug.SetGCPercent(100)
			debug.SetMemoryLimit(math.MaxInt64)
			return
		}
		watchHeap()
	})
}

var liveSample = []metrics.Sample{{Name: "/gc/heap/live:bytes"}}

// liveHeap is the heap the last collection marked live, in bytes.
func liveHeap() uint64 {
	metrics.Read(liveSample)
	if liveSample[0].Value.Kind() != metrics.KindUint64 {
		return largeHeap // unknown to this runtime: take the default pace
	}
	return liveSample[0].Value.Uint64()
}
