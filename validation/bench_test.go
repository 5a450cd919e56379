package validation_test

import (
	"context"
	"testing"

	"caspian/ensemble"
	"caspian/scenarios"
	"caspian/validation"
)

// BenchmarkValidate measures what calibration and sensitivity analysis
// pay per point: an ensemble of the shipped scenario with every run
// checked against its patterns, on one worker. runs/s is comparable with
// ensemble's BenchmarkEnsemble, which does not check patterns.
func BenchmarkValidate(b *testing.B) {
	sc, _, _, err := scenarios.Open(scenarios.Default)
	if err != nil {
		b.Fatal(err)
	}
	const runs = 8
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := validation.Validate(context.Background(), sc, validation.Options{
			Ensemble: ensemble.Options{Seed: 1, Runs: runs, Workers: 1, Turns: []int{-1}},
		}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(runs*b.N)/b.Elapsed().Seconds(), "runs/s")
}
