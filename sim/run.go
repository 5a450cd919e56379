package sim

import (
	"context"
	"fmt"
	"math/rand/v2"

	"caspian/internal/pool"
)

// Options choose how a world runs.
type Options struct {
	// Seed is the master seed; run i draws from a stream derived from
	// (Seed, i), so runs are independent and reproducible one by one.
	Seed uint64
	// Run is the index of this run within an ensemble.
	Run int
	// NoDecisions switches the agents' choices off: only dated events,
	// hazards and the alignment dynamics act.
	NoDecisions bool
	// NoEvents switches dated events and hazards off.
	NoEvents bool
}

// RunSeed is the seed of run i of an ensemble with master seed seed:
// the two PCG words are the master seed and the run index mixed by
// SplitMix64, so neighbouring runs share no structure.
func RunSeed(seed uint64, run int) (uint64, uint64) {
	return splitmix(seed ^ 0x9e3779b97f4a7c15), splitmix(uint64(run) + splitmix(seed))
}

func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

func newRand(o Options) *rand.Rand {
	a, b := RunSeed(o.Seed, o.Run)
	return rand.New(rand.NewPCG(a, b))
}

// Run builds a world from sc and steps it to the scenario's end, reporting
// to rec.
func Run(sc *Scenario, o Options, rec Recorder) error {
	w, err := New(sc, o)
	if err != nil {
		return err
	}
	w.Start(rec)
	for !w.Done() {
		w.Step(rec)
	}
	return w.Err()
}

// Ensemble runs runs independent replicates of sc on up to workers
// goroutines. newRecorder is called once per run, and each recorder is
// used by one goroutine only; results depend on the run index alone, never
// on workers or scheduling. A run that fails stops those after it, and
// the error of the first in run order is returned.
func Ensemble(sc *Scenario, o Options, runs, workers int, newRecorder func(run int) Recorder) error {
	if runs < 1 {
		return fmt.Errorf("runs must be at least 1, got %d", runs)
	}
	// Validate once up front so every run fails the same way or none does.
	if _, err := New(sc, o); err != nil {
		return err
	}
	// The pool does no I/O and keeps no global state, so the engine
	// stays free of both; it hands nothing over, each run reporting to
	// its own recorder.
	run := func(_ context.Context, i int) (struct{}, error) {
		ro := o
		ro.Run = i
		if err := Run(sc, ro, newRecorder(i)); err != nil {
			return struct{}{}, fmt.Errorf("run %d: %w", i, err)
		}
		return struct{}{}, nil
	}
	return pool.Run(context.Background(), runs, pool.Options{Workers: workers}, run, nil)
}
