package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

// The collector's pace, set here in main and never in a library: the process is budget's.
//
// A run over a small ledger (the bundled one holds 36 files) allocates a few tens of megabytes
// while its live heap stays under the runtime's minimum goal of 4 MB, so the collector runs
// every few files: a third of the run's CPU. Until the live heap reaches smallHeap, the goal is
// five times the live heap (GOGC=400); from then on it is the runtime's default (GOGC=100), so
// that a large ledger's peak memory stays what it would be. A user's GOGC or GOMEMLIMIT is left
// as it is, and so is the pace when either is set.
const (
	smallPercent = 400
	smallHeap    = 16 << 20
)

func paceCollector() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetGCPercent(smallPercent)
	watchHeap()
}

// sentinel is an object whose finalizer runs after each collection that finds it unreachable:
// once a cycle, it looks at the live heap and either sets the default pace or watches again.
type sentinel struct{ _ [64]byte } // not a tiny allocation, whose finalizer might never run

func watchHeap() {
	runtime.SetFinalizer(&sentinel{}, func(*sentinel) {
		if liveHeap() >= smallHeap {
			debug.SetGCPercent(100)
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
		return smallHeap // unknown to this runtime: take the default pace
	}
	return liveSample[0].Value.Uint64()
}
