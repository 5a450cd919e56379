// Package leak lets tests check that work which starts goroutines stops
// them all before it returns.
package leak

import (
	"runtime"
	"testing"
	"time"
)

// Check fails t if, shortly after f, more goroutines run than before it.
// Goroutines that are stopping get two seconds to finish.
func Check(t testing.TB, f func()) {
	t.Helper()
	before := runtime.NumGoroutine()
	f()
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > before {
		if time.Now().After(deadline) {
			t.Errorf("%d goroutines before, %d after", before, runtime.NumGoroutine())
			return
		}
		time.Sleep(time.Millisecond)
	}
}
