package ensemble

import (
	"math/rand/v2"

	"caspian/sim"
)

// Verdicts of a comparison row.
const (
	// BandsApart: the two medians' 95 % intervals do not overlap.
	BandsApart = "bands apart"
	// Excludes0: the medians' intervals overlap, but the interval of the difference,
	// from runs paired by seed, excludes zero.
	Excludes0 = "interval excludes 0"
	// NoClearDifference: the interval of the difference includes zero.
	NoClearDifference = "no clear difference"
)

// ComparisonRow is one scenario against the baseline, for one metric of
// one agent at one date.
type ComparisonRow struct {
	Metric, Agent, Date string
	Scenario, Baseline  string
	// Median and Base are the two medians with their bootstrap intervals
	// (the "bands"); Diff is Median − Base with the interval of the
	// difference.
	Median, Base, Diff Interval
	Verdict            string
}

// Verdict judges a row from its intervals: apart bands are the stronger
// claim, since they hold whatever the pairing of runs.
func Verdict(median, base, diff Interval) string {
	switch {
	case median.Low > base.High || median.High < base.Low:
		return BandsApart
	case diff.Low > 0 || diff.High < 0:
		return Excludes0
	}
	return NoClearDifference
}

// ComparisonReps is the number of bootstrap resamples behind a
// comparison's intervals, the default of Bootstrap: 50 resampled
// medians then lie beyond each end of a 95 % interval, so its ends do
// not hang on one or two draws.
const ComparisonReps = 2000

// Arm is one scenario of a comparison: its name, its ensemble (run with
// the comparison's seed, so that run i of every arm draws the same random
// numbers) and the snapshot indices of the dates compared, in the order of
// the dates, so that Turns[j] of every arm is the same date.
type Arm struct {
	Name  string
	Stats *Stats
	Turns []int
}

// ComparedTracks are what the ensemble of an arm must track
// (Options.Track) for its rows: every one of agent's metrics at each of
// turns.
func ComparedTracks(agent string, metrics []string, turns []int) []Track {
	var track []Track
	for _, t := range turns {
		for _, m := range metrics {
			track = append(track, Track{Turn: t, Entity: agent, Metric: m})
		}
	}
	return track
}

// Comparison asks for the rows of a comparison: each arm after the first
// against the first, the baseline.
type Comparison struct {
	Arms []Arm
	// Agent's Metrics are compared; each must have been tracked
	// (Options.Track) at every arm's Turns.
	Agent   string
	Metrics []string
	// Seed is the comparison's seed, from which every row's resampling
	// stream is derived (BootstrapSeed).
	Seed uint64
	// Reps is the number of bootstrap resamples behind every interval.
	Reps int
}

// bootstrapSalt sets the resampling streams apart from the runs'
// streams: the runs draw from sim.RunSeed(seed, run), and the bootstrap
// of row r from sim.RunSeed(seed^bootstrapSalt, r), so that resampling
// never replays the random numbers of a run. The value is arbitrary
// (MurmurHash2's multiplier), only fixed, because the intervals in the
// files must be the same bytes run after run.
const bootstrapSalt = 0x5bd1e995

// BootstrapSeed is the PCG seed of the resampling stream of the row at
// index row of a comparison with seed: each row has a stream of its own,
// so a row's intervals do not depend on how many rows came before it
// drew.
func BootstrapSeed(seed uint64, row int) (uint64, uint64) {
	return sim.RunSeed(seed^bootstrapSalt, row)
}

// Rows computes every row: each arm after the first against the
// baseline, metric by metric and, within a metric, date by date. Each row
// draws its resamples from its own stream, BootstrapSeed(c.Seed, row),
// so the rows depend only on the runs, never on the workers that made
// them.
func (c *Comparison) Rows() []ComparisonRow {
	base := c.Arms[0]
	var rows []ComparisonRow
	for _, arm := range c.Arms[1:] {
		for _, m := range c.Metrics {
			for j, t := range arm.Turns {
				tb := base.Turns[j]
				a := arm.Stats.Values(t, c.Agent, m)
				b := base.Stats.Values(tb, c.Agent, m)
				s1, s2 := BootstrapSeed(c.Seed, len(rows))
				boot := Bootstrap{Reps: c.Reps, Rand: rand.New(rand.NewPCG(s1, s2))}
				row := ComparisonRow{
					Metric: m, Agent: c.Agent, Date: base.Stats.Calendar[tb].Label,
					Scenario: arm.Name, Baseline: base.Name,
					Median: boot.Median(a), Base: boot.Median(b), Diff: boot.MedianDiff(a, b),
				}
				row.Verdict = Verdict(row.Median, row.Base, row.Diff)
				rows = append(rows, row)
			}
		}
	}
	return rows
}
