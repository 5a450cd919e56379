package ensemble

import (
	"context"
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"

	"caspian/scenarios"
)

// BenchmarkEnsemble runs 100 replicates of the default scenario with one
// worker and with one per core, summarising every turn, and reports runs
// per second; the ratio of the two is the speed-up from parallel runs.
func BenchmarkEnsemble(b *testing.B) {
	sc, _, _, err := scenarios.Open(scenarios.Default)
	if err != nil {
		b.Fatal(err)
	}
	const runs = 100
	for _, workers := range slices.Compact([]int{1, runtime.GOMAXPROCS(0)}) {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Run(context.Background(), sc, Options{Seed: 1, Runs: runs, Workers: workers}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(runs*b.N)/b.Elapsed().Seconds(), "runs/s")
		})
	}
}

// BenchmarkAggregate folds one run of the default scenario's size (137
// turns × 115 series) into the statistics, past the switch to P²: the
// cost the summaries add to every run.
func BenchmarkAggregate(b *testing.B) {
	l := &Layout{Series: make([]Series, 115)}
	const turns = 137
	o := &Options{Runs: 1 << 30, ExactRuns: 20}
	a, err := newAggregator(l, turns, o)
	if err != nil {
		b.Fatal(err)
	}
	rec := newRecord(l, turns)
	rec.n = turns
	rng := rand.New(rand.NewPCG(1, 1))
	for i := range rec.vals {
		rec.vals[i] = rng.NormFloat64()
	}
	for range 30 {
		a.add(rec)
	}
	b.ReportAllocs()
	for b.Loop() {
		a.add(rec)
	}
}
