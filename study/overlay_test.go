package study

import (
	"strings"
	"testing"

	"caspian/calibrate"
	"caspian/output"
	"caspian/scenarios"
	"caspian/sim"
	"caspian/sweep"
)

// TestFittedOverlayReadsBack writes fitted.set and reads it back as an
// overlay: the fitted values, six digits each, under the comments.
func TestFittedOverlayReadsBack(t *testing.T) {
	c := &Calibration{Scenario: "test", Runs: 4, Seed: 9, Split: &calibrate.Split{Until: sim.Date{Year: 2005, Month: 12}},
		Params: []sweep.Param{{Path: "agents.AZE.ideal", Lo: -1, Hi: 1}, {Path: "model.temperature", Lo: 0, Hi: 0.01}}}
	res := &calibrate.Result{Best: calibrate.Evaluation{X: []float64{0.123456789, 0.0025}}, Trace: make([]calibrate.Evaluation, 7)}
	data := c.FittedOverlay(res, []output.MisfitRow{{Part: "fit", Draws: "search (seed 9)", Patterns: 3}})
	text := string(data)
	for _, want := range []string{"the patterns of test that end by 2005-12", "(7 candidates of 4 runs each, seed 9)", "sim run --overlay fitted.set"} {
		if !strings.Contains(text, want) {
			t.Errorf("fitted.set lacks %q:\n%s", want, text)
		}
	}
	sets, err := scenarios.ReadOverlay("fitted.set", data)
	if err != nil {
		t.Fatalf("%v\n%s", err, text)
	}
	want := []string{"agents.AZE.ideal=0.123457", "model.temperature=0.0025"}
	if len(sets) != len(want) {
		t.Fatalf("read back %v, want %v", sets, want)
	}
	for i, s := range sets {
		if s.Path+"="+s.Value != want[i] {
			t.Errorf("set %d is %s=%s, want %s", i, s.Path, s.Value, want[i])
		}
	}
}
