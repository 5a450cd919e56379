package calibrate

import (
	"math"
	"testing"

	"caspian/patterns"
	"caspian/scenarios"
	"caspian/sim"
	"caspian/validation"
)

func TestPatternMisfit(t *testing.T) {
	series := func(model, observed []float64) *validation.SeriesResult {
		s := &validation.SeriesResult{Observed: observed}
		s.Q[2] = model
		s.Fit = patterns.FitSeries(model, observed)
		return s
	}
	tests := []struct {
		name string
		p    validation.PatternResult
		want float64
	}{
		{"always", validation.PatternResult{Share: 1}, 0},
		{"never", validation.PatternResult{Share: 0}, 1},
		{"a quarter of runs", validation.PatternResult{Share: 0.25}, 0.75},
		{"on time", validation.PatternResult{Share: 1, Timing: &validation.Timing{Runs: 10}}, 0},
		{"a year off", validation.PatternResult{Share: 1, Timing: &validation.Timing{Runs: 10, MeanAbs: 1}}, 0.5},
		{"half the runs, half a year off", validation.PatternResult{Share: 0.5, Timing: &validation.Timing{Runs: 5, MeanAbs: 0.5}}, 1 - 0.5*0.75},
		{"three years off", validation.PatternResult{Share: 1, Timing: &validation.Timing{Runs: 10, MeanAbs: 3}}, 1},
		{"series on the record", validation.PatternResult{Series: series([]float64{1, 2, 3, 4}, []float64{1, 2, 3, 4})}, 0},
		// Off by 0.5 every year on a range of 3.
		{"series off", validation.PatternResult{Series: series([]float64{1.5, 2.5, 3.5, 4.5}, []float64{1, 2, 3, 4})}, 0.5 / 3},
		{"series far off", validation.PatternResult{Series: series([]float64{10, 20, 30, 40}, []float64{1, 2, 3, 4})}, 1},
		{"series, missing years skipped", validation.PatternResult{Series: series([]float64{math.NaN(), 2, 3, 4.3}, []float64{1, 2, 3, 4})}, math.Sqrt(0.09/3) / 2},
		{"series, no model value", validation.PatternResult{Series: series([]float64{math.NaN(), math.NaN(), math.NaN(), math.NaN()}, []float64{1, 2, 3, 4})}, 1},
	}
	for _, tt := range tests {
		if got := PatternMisfit(&tt.p); math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("%s: misfit %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestSplitOfTheDefaultScenario checks the split of the shipped
// scenario's record at 2005: every fitted pattern ends by 2005, every
// test pattern in 2006-2013, and no pattern after 2013 is in either.
func TestSplitOfTheDefaultScenario(t *testing.T) {
	sc, _, _, err := scenarios.Open(scenarios.Default)
	if err != nil {
		t.Fatal(err)
	}
	until, testUntil := sim.Date{Year: 2005, Month: 12}, validation.DefaultUntil
	s, err := NewSplit(sc, nil, until, testUntil)
	if err != nil {
		t.Fatal(err)
	}
	c, err := patterns.Compile(sc)
	if err != nil {
		t.Fatal(err)
	}
	cal := sc.Calendar
	if len(s.Fit) < 5 || len(s.Test) < 5 {
		t.Fatalf("%d fitted and %d test patterns", len(s.Fit), len(s.Test))
	}
	for _, i := range s.Fit {
		if info := c.Info(i); info.Forced || info.Until > cal.TurnOf(until) {
			t.Errorf("%s is fitted but ends %s", info.Spec.ID, cal.Label(info.Until))
		}
	}
	for _, i := range s.Test {
		if info := c.Info(i); info.Forced || info.Until <= cal.TurnOf(until) || info.Until > cal.TurnOf(testUntil) {
			t.Errorf("%s is a test pattern but ends %s", info.Spec.ID, cal.Label(info.Until))
		}
	}
	if _, _, err := s.Measure(&validation.Report{}); err == nil {
		t.Error("a report without patterns is measured")
	}
	if _, err := NewSplit(sc, nil, sim.Date{Year: 1991, Month: 12}, testUntil); err == nil {
		t.Error("a fit to 1991, all forced history, is accepted")
	}
}
