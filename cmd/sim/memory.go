package main

import (
	"os"
	"runtime/debug"
)

// batchGCPercent is the garbage collector's target for sim: a new cycle
// starts once the heap has grown by this percentage of what survived the
// last one. An ensemble keeps one large block for its whole life (the
// exact values of every statistic, about 130 MB for the default scenario
// at 1000 runs or more) and makes little garbage besides (some 100 kB a
// run), so Go's default of 100 would let the process grow to twice that
// block before collecting. At 25 the peak stays near the block itself, at
// no measurable cost in speed (see docs/performance.md).
const batchGCPercent = 25

// tuneMemory sets batchGCPercent unless the user chose a policy of their
// own through GOGC or GOMEMLIMIT.
func tuneMemory() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetGCPercent(batchGCPercent)
}
