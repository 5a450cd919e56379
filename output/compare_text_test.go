package output

import (
	"bytes"
	"strings"
	"testing"

	"caspian/ensemble"
)

func TestWriteComparisonText(t *testing.T) {
	iv := func(est, lo, hi float64) ensemble.Interval {
		return ensemble.Interval{Estimate: est, Low: lo, High: hi}
	}
	for _, c := range []struct {
		name   string
		row    ensemble.ComparisonRow
		want   string
		absent string
	}{
		{"a negative alignment difference goes toward the negative pole, its interval turned round",
			ensemble.ComparisonRow{Metric: "alignment", Diff: iv(-0.3, -0.4, -0.1), Verdict: ensemble.Excludes0},
			"alignment is 0.30 further toward Russia in what-if than in base (95 % interval 0.10 to 0.40): the medians' intervals overlap, but the paired runs show a difference.",
			"the West"},
		{"a positive alignment difference goes toward the positive pole",
			ensemble.ComparisonRow{Metric: "alignment", Diff: iv(0.2, -0.05, 0.3), Verdict: ensemble.NoClearDifference},
			"0.20 further toward the West in what-if than in base (95 % interval −0.05 to 0.30): no clear difference",
			"Russia"},
		{"a producer's energy is income, lower when negative",
			ensemble.ComparisonRow{Metric: "energy", Diff: iv(-1.5, -2, -1), Verdict: ensemble.BandsApart},
			"energy income is 1.50 bn USD a year lower in what-if than in base (95 % interval 1.00 to 2.00 bn USD a year): the medians' intervals do not overlap.",
			"higher"},
		{"a difference that prints as zero is about the same, its interval as it is",
			ensemble.ComparisonRow{Metric: "security", Diff: iv(-0.001, -0.02, 0.01), Verdict: ensemble.NoClearDifference},
			"security is about the same in what-if as in base (95 % interval −0.02 to 0.01)",
			"lower"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := c.row
			r.Scenario, r.Baseline, r.Agent, r.Date = "what-if", "base", "AZE", "2001-Q1"
			cmp := &Comparison{Agent: "AZE", Runs: 1, Rows: []ensemble.ComparisonRow{r},
				Scenarios: []Compared{{Name: "base", Scenario: tinyScenario()}, {Name: "what-if", Scenario: tinyScenario()}}}
			var b bytes.Buffer
			WriteComparisonText(&b, cmp)
			got := b.String()
			if !strings.Contains(got, "what-if compared with base (medians of 1 run each") || !strings.Contains(got, "By 2001-Q1 Azerbaijan's ") {
				t.Errorf("no heading or subject in:\n%s", got)
			}
			if !strings.Contains(got, c.want) || strings.Contains(got, c.absent) {
				t.Errorf("got\n%s\nwant it to hold %q and not %q", got, c.want, c.absent)
			}
		})
	}
}

func TestSigned(t *testing.T) {
	for v, want := range map[float64]string{1.234: "1.23", -0.5: "−0.50", -0.001: "0.00", 0: "0.00"} {
		if got := signed(v); got != want {
			t.Errorf("signed(%v) = %q, want %q", v, got, want)
		}
	}
}
