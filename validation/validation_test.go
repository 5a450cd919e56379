package validation

import (
	"context"
	"math"
	"testing"

	"caspian/ensemble"
	"caspian/patterns"
	"caspian/scenarios"
	"caspian/sim"
)

// small is a two-state world run yearly 2000-2009 with history forced
// until 2002, and three patterns: one wholly in forced history, one after
// the sample's end (2007) and one in between; a series; and a recorded
// decision after history_until.
const small = `
name = "small"
focal = "AAA"
[calendar]
start = "2000"
end = "2009"
step = "year"
history_until = "2002"
[axis]
negative_poles = ["RUS"]
positive_poles = ["USA"]
[[agents]]
id = "AAA"
capability = 1.0
weights = { security = 1.0 }
stubbornness = 0.5
stability = 0.5
[[agents]]
id = "RUS"
capability = 5.0
weights = { security = 1.0 }
stubbornness = 1.0
stability = 0.5
[[agents]]
id = "USA"
capability = 5.0
weights = { security = 1.0 }
stubbornness = 1.0
stability = 0.5
[[institutions]]
id = "bloc"
pole = -1.0
members = ["RUS"]
open = true
[[events]]
date = "2004"
kind = "join"
actor = "AAA"
target = "bloc"
label = "Joins the bloc"
[[patterns]]
id = "early"
name = "early"
source = "t"
kind = "event"
actions = ["join"]
until = "2001"
[[patterns]]
id = "late"
name = "late"
source = "t"
kind = "event"
actions = ["join"]
from = "2008"
[[patterns]]
id = "mid"
name = "mid"
source = "t"
kind = "event"
actions = ["join"]
from = "2005"
until = "2007"
date = "2005"
[[patterns]]
id = "series"
name = "series"
source = "t"
kind = "series"
entity = "AAA"
metric = "alignment"
center = true
until = "2005"
observed = { 2001 = 0.1, 2002 = 0.2, 2003 = 0.3, 2004 = 0.4 }
`

func compile(t *testing.T) *patterns.Check {
	t.Helper()
	sc, err := scenarios.Parse("small.toml", []byte(small))
	if err != nil {
		t.Fatal(err)
	}
	c, err := patterns.Compile(sc)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// result is run's result with the given verdicts, first times, series
// values (for pattern 3) and record distance.
func result(run int, held [4]bool, first int, series []float64, record int) patterns.RunResult {
	return patterns.RunResult{
		Run: run, Held: held[:], First: []int{-1, -1, first, -1},
		Series: [][]float64{nil, nil, nil, series}, Record: []int{record},
	}
}

func TestScore(t *testing.T) {
	c := compile(t)
	rising := []float64{0.1, 0.2, 0.3, 0.4}
	runs := []patterns.RunResult{
		result(2, [4]bool{true, true, false, true}, -1, []float64{0.3, 0.3, 0.3, 0.3}, -1),
		result(0, [4]bool{true, true, true, true}, 5, rising, 0),
		result(1, [4]bool{false, false, true, true}, 7, rising, 3),
	}
	rep := Summarise(c, runs, sim.Date{Year: 2007, Month: 12})
	p := rep.Patterns
	if !p[0].Forced || p[0].Scored() {
		t.Error("a pattern wholly before history_until is scored")
	}
	if !p[1].OutOfSample || p[1].Scored() {
		t.Error("a pattern after the sample is scored")
	}
	if math.Abs(p[2].Share-2.0/3) > 1e-12 || !p[2].Holds {
		t.Errorf("share %v, want 2/3 and holds", p[2].Share)
	}
	// First times of 2005 and 2007 against a recorded 2005: 0 and 2 years.
	if tm := p[2].Timing; tm == nil || tm.Runs != 2 || tm.Median != 1 || tm.MeanAbs != 1 {
		t.Errorf("timing %+v, want 2 runs, median and mean error 1 year", tm)
	}
	s := p[3].Series
	if s == nil || !p[3].Holds || math.Abs(s.Correlation-1) > 1e-9 {
		t.Fatalf("series: holds %v, %+v", p[3].Holds, s)
	}
	// The median path is the rising one; centred, the band of three
	// runs brackets the centred observed values except where the flat
	// run lies on one side.
	if s.Coverage <= 0 || s.Coverage > 1 {
		t.Errorf("coverage %v", s.Coverage)
	}
	if rep.Score != (Score{Held: 2, Scored: 2}) {
		t.Errorf("score %+v, want 2 of 2 (mid and the series)", rep.Score)
	}
	// Within two years in runs 0 (same turn) and... run 1 was 3 years off.
	if r := rep.Record[0]; math.Abs(r.Share-1.0/3) > 1e-12 || r.MedianGap != 0 || r.Label != "Joins the bloc" {
		t.Errorf("record %+v, want one run in three, on time", r)
	}
}

func TestSeriesBand(t *testing.T) {
	c := compile(t)
	// Five runs around the rising path, 0.05 apart: the band holds the
	// observed values, which the median path matches.
	var runs []patterns.RunResult
	for k := -2; k <= 2; k++ {
		var vals []float64
		for _, v := range []float64{0.1, 0.2, 0.3, 0.4} {
			vals = append(vals, v+0.05*float64(k))
		}
		runs = append(runs, result(k+2, [4]bool{}, -1, vals, -1))
	}
	s := Summarise(c, runs, sim.Date{}).Patterns[3].Series
	if s.Coverage != 1 || math.Abs(s.RangeRatio-1) > 1e-12 {
		t.Errorf("coverage %v, range %v: want 1 and 1", s.Coverage, s.RangeRatio)
	}
	for y := range s.Years {
		if math.Abs(s.Q[2][y]-s.Observed[y]) > 1e-12 {
			t.Errorf("year %d: centred median %v, observed %v", s.Years[y], s.Q[2][y], s.Observed[y])
		}
	}
}

// TestValidateIsWorkerInvariant runs the ensemble with one worker and
// with two: the report must be the same.
func TestValidateIsWorkerInvariant(t *testing.T) {
	sc, _, _, err := scenarios.Open(scenarios.Default)
	if err != nil {
		t.Fatal(err)
	}
	var reps []*Report
	for _, workers := range []int{1, 2} {
		rep, _, err := Validate(context.Background(), sc, Options{Ensemble: ensemble.Options{Seed: 3, Runs: 6, Workers: workers, Turns: []int{-1}}})
		if err != nil {
			t.Fatal(err)
		}
		reps = append(reps, rep)
	}
	for i := range reps[0].Patterns {
		a, b := reps[0].Patterns[i], reps[1].Patterns[i]
		if a.Share != b.Share || a.Holds != b.Holds {
			t.Errorf("%s: %v/%v with one worker, %v/%v with two", a.ID, a.Share, a.Holds, b.Share, b.Holds)
		}
	}
	if len(reps[0].Mechanisms) != 13 {
		t.Errorf("%d mechanisms, want the brief's 13", len(reps[0].Mechanisms))
	}
}

// TestCompareReports sets three reports of the same patterns side by side:
// the change of each share is measured from the reference temperature, a
// series is left out, and only scored patterns decide the verdict.
func TestCompareReports(t *testing.T) {
	rep := func(shares ...float64) *Report {
		r := &Report{}
		for i, s := range shares {
			p := PatternResult{ID: string(rune('a' + i)), Share: s}
			switch i {
			case 2:
				p.OutOfSample = true
			case 3:
				p.Series = &SeriesResult{}
			}
			r.Patterns = append(r.Patterns, p)
		}
		return r
	}
	factors := []float64{0.5, 1, 2}
	got := CompareReports(factors, []*Report{rep(0.6, 0.5, 0.0, 0), rep(0.5, 0.6, 1.0, 1), rep(0.45, 0.8, 0.9, 0)})
	wantChange := []float64{0.1, 0.2, 1.0, 0}
	for i, row := range got.Rows {
		if math.Abs(row.Change-wantChange[i]) > 1e-12 {
			t.Errorf("pattern %s: change %v, want %v", row.ID, row.Change, wantChange[i])
		}
	}
	if !math.IsNaN(got.Rows[3].Shares[1]) {
		t.Error("a series has a share of runs")
	}
	// The out-of-sample pattern moves most but is not scored; b's 0.8 − 0.6
	// is a little over 0.2 in floating point, and at the limit.
	if got.LargestID != "b" || math.Abs(got.Largest-0.2) > 1e-12 || !got.Holds() {
		t.Errorf("largest %s %v, holds %v: want b, 0.2, within the limit", got.LargestID, got.Largest, got.Holds())
	}
}

// TestWithTemperature scales the model's and the agents' own
// temperatures and leaves the scenario it copies as it was.
func TestWithTemperature(t *testing.T) {
	sc, err := scenarios.Parse("small.toml", []byte(small))
	if err != nil {
		t.Fatal(err)
	}
	own := 0.004
	sc.Agents[0].Temperature = &own
	base := sc.Model.Temperature
	hot := WithTemperature(sc, 2)
	if hot.Model.Temperature != 2*base || *hot.Agents[0].Temperature != 0.008 || hot.Agents[1].Temperature != nil {
		t.Errorf("doubled: model %v, agents %v and %v", hot.Model.Temperature, *hot.Agents[0].Temperature, hot.Agents[1].Temperature)
	}
	if sc.Model.Temperature != base || *sc.Agents[0].Temperature != own {
		t.Error("the original scenario changed")
	}
}
