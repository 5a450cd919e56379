package study

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"caspian/ensemble"
	"caspian/scenarios"
	"caspian/sim"
)

func defaultScenario(t *testing.T) *sim.Scenario {
	t.Helper()
	sc, _, _, err := scenarios.Open(scenarios.Default)
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// TestParseOutput reads every form of output, and refuses what is not
// one, saying why.
func TestParseOutput(t *testing.T) {
	sc := defaultScenario(t)
	ids := []string{"first", "second"}
	end := sc.Calendar.TurnOf(sim.Date{Year: 2000, Month: 1})
	for _, tc := range []struct {
		in   string
		want Output
		err  string
	}{
		{in: "score", want: Output{Label: "score", Kind: KindScore}},
		{in: "misfit", want: Output{Label: "misfit", Kind: KindMisfit}},
		{in: "pattern:second", want: Output{Label: "pattern:second", Kind: KindPattern, Pattern: 1}},
		{in: "alignment@2000-01", want: Output{Label: "alignment@2000-01", Kind: KindMetric, Agent: sc.Focal, Metric: "alignment", Turn: end}},
		{in: "RUS.energy@2000-01", want: Output{Label: "RUS.energy@2000-01", Kind: KindMetric, Agent: "RUS", Metric: "energy", Turn: end}},
		{in: "pattern:third", err: `no pattern "third" (the scenario's patterns: first, second)`},
		{in: "alignment", err: "want METRIC@DATE"},
		{in: "wealth@2000", err: `the metric is one of security, energy, alignment, revenue, supply_security, stability, arms, utility, not "wealth"`},
		{in: "XXX.security@2000", err: `no agent "XXX"`},
		{in: "alignment@1700", err: "is outside the calendar"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseOutput(tc.in, sc, ids)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Errorf("error %v, want one with %q", err, tc.err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Errorf("got %+v, %v; want %+v", got, err, tc.want)
			}
		})
	}
}

// TestParseOutputsNeedPatterns tells outputs a scenario cannot give from
// outputs that cannot be read at all.
func TestParseOutputsNeedPatterns(t *testing.T) {
	sc := defaultScenario(t)
	bare := *sc
	bare.Patterns = nil
	if _, err := ParseOutputs([]string{"score"}, &bare, nil); !errors.Is(err, ErrNoPatterns) {
		t.Errorf("score without patterns: %v, want ErrNoPatterns", err)
	}
	var bad *OutputError
	if _, err := ParseOutputs([]string{"alignment"}, sc, nil); !errors.As(err, &bad) {
		t.Errorf("a malformed output: %v, want an *OutputError", err)
	}
	outs, err := ParseOutputs([]string{"alignment@2000"}, &bare, nil)
	if err != nil || outs.Split != nil {
		t.Errorf("a metric alone: %+v, %v; want no split, since no point needs the patterns", outs, err)
	}
}

// TestEvaluateIndependentOfWorkers evaluates a point on one core and on
// three: the outputs are the same numbers.
func TestEvaluateIndependentOfWorkers(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the default scenario")
	}
	sc := defaultScenario(t)
	outs, err := ParseOutputs([]string{"alignment@2000", "GEO.security@1998", "score", "misfit"}, sc, nil)
	if err != nil {
		t.Fatal(err)
	}
	var ys [][]float64
	for _, workers := range []int{1, 3} {
		y, err := outs.Evaluate(context.Background(), sc, ensemble.Options{Seed: 5, Runs: 4, Workers: workers})
		if err != nil {
			t.Fatal(err)
		}
		ys = append(ys, y)
	}
	if !slices.Equal(ys[0], ys[1]) {
		t.Errorf("one core gives %v, three %v", ys[0], ys[1])
	}
}
