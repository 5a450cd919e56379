package ensemble

import (
	"context"
	"fmt"
	"math"
	"testing"

	"caspian/sim"
)

func TestVerdict(t *testing.T) {
	iv := func(lo, hi float64) Interval { return Interval{(lo + hi) / 2, lo, hi} }
	for _, c := range []struct {
		name               string
		median, base, diff Interval
		want               string
	}{
		{"bands apart above", iv(0.5, 0.7), iv(0.1, 0.3), iv(0.3, 0.5), BandsApart},
		{"bands apart below", iv(-0.7, -0.5), iv(0.1, 0.3), iv(-0.9, -0.7), BandsApart},
		{"overlap, difference above 0", iv(0.2, 0.5), iv(0.1, 0.4), iv(0.05, 0.15), Excludes0},
		{"overlap, difference below 0", iv(0.1, 0.4), iv(0.2, 0.5), iv(-0.15, -0.05), Excludes0},
		{"difference includes 0", iv(0.1, 0.4), iv(0.2, 0.5), iv(-0.1, 0.05), NoClearDifference},
		{"touching bands are not apart", iv(0.3, 0.5), iv(0.1, 0.3), iv(-0.01, 0.3), NoClearDifference},
	} {
		if got := Verdict(c.median, c.base, c.diff); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}

// comparisonOf runs the small scenario twice with the same seed, the
// second arm with other workers, and asks for its rows.
func comparisonOf(t *testing.T, workers [2]int) []ComparisonRow {
	t.Helper()
	sc := small(t)
	c := Comparison{Agent: "AZE", Metrics: []string{"alignment", "security"}, Seed: 9, Reps: 200}
	track := ComparedTracks(c.Agent, c.Metrics, []int{2, -1})
	for k, w := range workers {
		st, err := Run(context.Background(), sc, Options{Seed: 9, Runs: 12, Workers: w, Track: track})
		if err != nil {
			t.Fatal(err)
		}
		c.Arms = append(c.Arms, Arm{Name: fmt.Sprint("arm", k), Stats: st, Turns: []int{2, len(st.Calendar) - 1}})
	}
	return c.Rows()
}

func TestComparisonRows(t *testing.T) {
	rows := comparisonOf(t, [2]int{1, 3})
	if len(rows) != 4 {
		t.Fatalf("%d rows, want 2 metrics × 2 dates", len(rows))
	}
	for i, r := range rows {
		if r.Scenario != "arm1" || r.Baseline != "arm0" || r.Agent != "AZE" {
			t.Errorf("row %d: %s against %s for %s", i, r.Scenario, r.Baseline, r.Agent)
		}
		// The same runs on both sides: every run's difference is 0.
		if r.Diff.Estimate != 0 || r.Diff.Low != 0 || r.Diff.High != 0 || r.Verdict != NoClearDifference {
			t.Errorf("row %d: identical arms differ by %+v, %q", i, r.Diff, r.Verdict)
		}
		if math.IsNaN(r.Median.Estimate) || r.Median.Estimate != r.Base.Estimate {
			t.Errorf("row %d: medians %v and %v", i, r.Median.Estimate, r.Base.Estimate)
		}
	}
	if rows[0].Metric != "alignment" || rows[2].Metric != "security" || rows[0].Date == rows[1].Date {
		t.Errorf("rows not metric by metric, then date by date: %+v", rows)
	}
}

func TestComparisonRowsIgnoreWorkers(t *testing.T) {
	want := fmt.Sprint(comparisonOf(t, [2]int{1, 1}))
	for _, w := range [][2]int{{2, 2}, {4, 1}} {
		if got := fmt.Sprint(comparisonOf(t, w)); got != want {
			t.Errorf("workers %v: rows differ:\n%s\nwant\n%s", w, got, want)
		}
	}
}

// Each row resamples from a stream of its own, none of them a run's.
func TestBootstrapSeedsDiffer(t *testing.T) {
	seen := map[[2]uint64]string{}
	for _, seed := range []uint64{1, 2} {
		for run := range 3 {
			a, b := sim.RunSeed(seed, run)
			seen[[2]uint64{a, b}] = fmt.Sprint("seed ", seed, " run ", run)
		}
	}
	for _, seed := range []uint64{1, 2} {
		for row := range 3 {
			a, b := BootstrapSeed(seed, row)
			if prev, ok := seen[[2]uint64{a, b}]; ok {
				t.Errorf("seed %d row %d shares its stream with %s", seed, row, prev)
			}
			seen[[2]uint64{a, b}] = fmt.Sprint("seed ", seed, " row ", row)
		}
	}
}
