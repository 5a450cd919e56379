package output

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"caspian/patterns"
	"caspian/validation"
)

func TestWriteValidationText(t *testing.T) {
	long := strings.Repeat("a long pattern name ", 5)
	rep := &validation.Report{
		HistoryUntil: "1995-Q1",
		Patterns: []validation.PatternResult{
			{Name: "held", From: "1996-Q1", Until: "2000-Q4", Share: 0.8, Holds: true, Timing: &validation.Timing{Median: -1.25}},
			{Name: long, From: "2010-Q1", Until: "2020-Q4", Share: 0.25, OutOfSample: true},
			{Name: "votes", From: "1996-Q1", Until: "2013-Q4", Holds: true, Series: &validation.SeriesResult{Fit: patterns.Fit{Correlation: 0.71, RangeRatio: 0.9}}},
		},
		Record:     []validation.RecordResult{{Share: 0.5}, {Share: 0.49}},
		Mechanisms: []validation.MechanismResult{{PerRun: 0}, {PerRun: 2}, {PerRun: 0.1}},
		Score:      validation.Score{Held: 2, Scored: 2},
	}
	var b bytes.Buffer
	WriteValidationText(&b, rep)
	got := b.String()
	for _, want := range []string{
		"held", "80 %", "holds", "-1.2 y",
		string([]rune(long)[:patternNameWidth-1]) + "…", "fails (out of sample)",
		"votes", "r 0.71, range 90 %",
		"made by the agents within", "in at least half the runs: 1 of 2 (record.csv)",
		"Mechanisms of the domain that acted: 2 of 3",
		"Score: 2 of 2 scored patterns hold in at least half of the runs (100 %).",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("no %q in:\n%s", want, got)
		}
	}
	if strings.Contains(got, long) {
		t.Errorf("the long name is not cut:\n%s", got)
	}
}

func TestWriteRobustnessText(t *testing.T) {
	for _, c := range []struct {
		rob  validation.Robustness
		want string
	}{
		{validation.Robustness{}, "changes no scored pattern's share of runs"},
		{validation.Robustness{Largest: 0.1, LargestID: "p1"}, "by at most 10 points (p1), within the limit of 20 points"},
		{validation.Robustness{Largest: 0.35, LargestID: "p2"}, "by at most 35 points (p2), beyond the limit of 20 points"},
	} {
		var b bytes.Buffer
		WriteRobustnessText(&b, &c.rob)
		if !strings.Contains(b.String(), c.want) {
			t.Errorf("%+v: got %q, want %q in it", c.rob, b.String(), c.want)
		}
	}
}

func TestPercent(t *testing.T) {
	for v, want := range map[float64]string{0.8: "80 %", 1: "100 %", 0.006: "1 %", math.NaN(): "n/a"} {
		if got := Percent(v); got != want {
			t.Errorf("Percent(%v) = %q, want %q", v, got, want)
		}
	}
}
