package validation

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"caspian/ensemble"
	"caspian/patterns"
	"caspian/sim"
)

// HoldShare is the share of runs in which a pattern must hold for the
// Report to count it as reproduced.
const HoldShare = 0.5

// Report is an ensemble's validation against a scenario's patterns.
type Report struct {
	Scenario string
	Runs     int
	// HistoryUntil is the first turn the agents choose in, as a label.
	HistoryUntil string
	// Until is the last date of the sample: patterns whose window ends
	// after it are out of sample, reported but not scored.
	Until    sim.Date
	Patterns []PatternResult
	Score    Score
	// Record sets the scenario's recorded decisions after history_until
	// against the agents' choices.
	Record []RecordResult
	// Mechanisms says how often each mechanism of the domain acted.
	Mechanisms []MechanismResult
	// Actions are the decisions per run on average, by source, actor,
	// kind, target and outcome, most frequent first.
	Actions []ActionCount
}

// Score counts the patterns that hold among those scored.
type Score struct {
	Held, Scored int
}

// Share is Held/Scored, or NaN with nothing scored.
func (s Score) Share() float64 {
	if s.Scored == 0 {
		return math.NaN()
	}
	return float64(s.Held) / float64(s.Scored)
}

// PatternResult is one pattern over the ensemble.
type PatternResult struct {
	ID, Name, Kind, Source string
	// From and Until are the window's first and last turns, as labels.
	From, Until string
	// Share is the share of runs in which the pattern held.
	Share float64
	// Holds is the verdict: Share at least HoldShare or, for a series,
	// the median path meeting its criteria.
	Holds bool
	// Forced patterns lie wholly in forced history; OutOfSample ones end
	// after the sample. Neither is scored.
	Forced, OutOfSample bool
	// Timing is set for patterns with a date and a first time.
	Timing *Timing
	// Series is set for series patterns.
	Series *SeriesResult
	// Spec is the pattern as written.
	Spec *sim.PatternSpec
}

// Scored reports whether the pattern counts toward the score.
func (p *PatternResult) Scored() bool { return !p.Forced && !p.OutOfSample }

// Timing is how far the pattern's first time fell from the recorded date,
// in years, over the runs in which it held (positive: later than history).
type Timing struct {
	Runs            int
	Median, MeanAbs float64
}

// SeriesResult is a series pattern's observed values and the model's
// yearly quantiles across runs, on the model's scale (both centred if
// the pattern says so), and the fit of the median path.
type SeriesResult struct {
	Years    []int
	Observed []float64
	// Q holds the model's 5, 25, 50, 75 and 95 % quantiles per year.
	Q [5][]float64
	patterns.Fit
	// Coverage is the share of observed years inside the model's 5-95 % band.
	Coverage float64
	// MinCorrelation and MinRange are the pattern's criteria.
	MinCorrelation, MinRange float64
	// Metric names the model quantity, as entity's metric.
	Entity, Metric string
}

// RecordResult is one recorded decision after history_until.
type RecordResult struct {
	Date                  string
	Label                 string
	Actor, Action, Target string
	// Share is the share of runs in which the agents made the same choice
	// within RecordTolerance years of the date.
	Share float64
	// MedianGap is the median distance in years of the nearest such
	// choice, over the runs that made it (NaN if none did).
	MedianGap float64
}

// ActionCount is how often one kind of decision was taken, per run.
type ActionCount struct {
	patterns.ActionKey
	PerRun float64
}

// RecordTolerance is how far, in years, an agent's choice may lie from a
// recorded decision and still count as reproducing it.
const RecordTolerance = 2

// Summarise gathers the results of runs (one per run, any order) into a
// Report. until ends the sample (zero: every pattern is in sample).
func Summarise(c *patterns.Check, runs []patterns.RunResult, until sim.Date) *Report {
	runs = slices.Clone(runs)
	slices.SortFunc(runs, func(a, b patterns.RunResult) int { return cmp.Compare(a.Run, b.Run) })
	sc := c.Scenario()
	cal := sc.Calendar
	rep := &Report{Scenario: sc.Name, Runs: len(runs), Until: until, HistoryUntil: cal.Label(c.DecideFrom())}
	lastIn := c.Turns() - 1
	if !until.IsZero() {
		lastIn = cal.TurnOf(until)
	}
	perYear := float64(cal.Step.PerYear())
	n := float64(len(runs))
	for i := range c.Patterns() {
		info := c.Info(i)
		p := PatternResult{
			ID: info.Spec.ID, Name: info.Spec.Name, Kind: info.Spec.Kind, Source: info.Spec.Source, Spec: info.Spec,
			From: cal.Label(info.From), Until: cal.Label(info.Until),
			Forced: info.Forced, OutOfSample: info.Until > lastIn,
		}
		held := 0
		var gaps []float64
		for _, r := range runs {
			if r.Held[i] {
				held++
				if info.Date >= 0 && r.First[i] >= 0 {
					gaps = append(gaps, float64(r.First[i]-info.Date)/perYear)
				}
			}
		}
		if n > 0 {
			p.Share = float64(held) / n
		}
		p.Holds = p.Share >= HoldShare
		if len(gaps) > 0 {
			slices.Sort(gaps)
			abs := 0.0
			for _, g := range gaps {
				abs += math.Abs(g)
			}
			p.Timing = &Timing{Runs: len(gaps), Median: ensemble.Quantile(gaps, 0.5), MeanAbs: abs / float64(len(gaps))}
		}
		if info.IsSeries {
			p.Series = seriesResult(&info, runs, i)
			p.Holds = p.Series.Correlation >= info.MinCorrelation && p.Series.RangeRatio >= info.MinRange
		}
		if p.Scored() {
			rep.Score.Scored++
			if p.Holds {
				rep.Score.Held++
			}
		}
		rep.Patterns = append(rep.Patterns, p)
	}
	rep.Record = recordResults(c, runs)
	rep.Actions = actionCounts(runs)
	rep.Mechanisms = mechanisms(sc, runs)
	return rep
}

// seriesResult computes the yearly quantiles of series pattern i and the
// fit of their median.
func seriesResult(info *patterns.Info, runs []patterns.RunResult, i int) *SeriesResult {
	years := len(info.Years)
	res := &SeriesResult{
		Years: slices.Clone(info.Years), Observed: slices.Clone(info.Observed),
		MinCorrelation: info.MinCorrelation, MinRange: info.MinRange,
		Entity: info.Spec.Entity, Metric: info.Spec.Metric,
	}
	for q := range res.Q {
		res.Q[q] = make([]float64, years)
	}
	vals := make([]float64, 0, len(runs))
	for y := range years {
		vals = vals[:0]
		for _, r := range runs {
			if v := r.Series[i][y]; !math.IsNaN(v) {
				vals = append(vals, v)
			}
		}
		slices.Sort(vals)
		for q, p := range ensemble.Probs {
			res.Q[q][y] = math.NaN()
			if len(vals) > 0 {
				res.Q[q][y] = ensemble.Quantile(vals, p)
			}
		}
	}
	if info.Spec.Center {
		// The model's band moves with its median path: both are set
		// against the observed series as deviations from their means.
		m, cnt := 0.0, 0
		for _, v := range res.Q[2] {
			if !math.IsNaN(v) {
				m += v
				cnt++
			}
		}
		if cnt > 0 {
			m /= float64(cnt)
			for q := range res.Q {
				for y := range res.Q[q] {
					res.Q[q][y] -= m
				}
			}
		}
	}
	res.Fit = patterns.FitSeries(res.Q[2], res.Observed)
	inside, counted := 0, 0
	for y, o := range res.Observed {
		lo, hi := res.Q[0][y], res.Q[4][y]
		if math.IsNaN(lo) {
			continue
		}
		counted++
		if o >= lo && o <= hi {
			inside++
		}
	}
	if counted > 0 {
		res.Coverage = float64(inside) / float64(counted)
	}
	return res
}

// recordResults sets each recorded decision against the runs.
func recordResults(c *patterns.Check, runs []patterns.RunResult) []RecordResult {
	cal := c.Scenario().Calendar
	perYear := cal.Step.PerYear()
	tol := RecordTolerance * perYear
	recs := c.Records()
	out := make([]RecordResult, len(recs))
	for k, e := range recs {
		res := RecordResult{Date: cal.Label(e.Turn), Label: e.Label, Actor: e.Actor, Action: e.Action, Target: e.Target, MedianGap: math.NaN()}
		var gaps []float64
		for _, r := range runs {
			if d := r.Record[k]; d >= 0 && d <= tol {
				gaps = append(gaps, float64(d)/float64(perYear))
			}
		}
		if len(runs) > 0 {
			res.Share = float64(len(gaps)) / float64(len(runs))
		}
		if len(gaps) > 0 {
			slices.Sort(gaps)
			res.MedianGap = ensemble.Quantile(gaps, 0.5)
		}
		out[k] = res
	}
	return out
}

// actionCounts averages the runs' action counts, most frequent first.
func actionCounts(runs []patterns.RunResult) []ActionCount {
	sum := map[patterns.ActionKey]int{}
	for _, r := range runs {
		for k, v := range r.Actions {
			sum[k] += v
		}
	}
	out := make([]ActionCount, 0, len(sum))
	for k, v := range sum {
		out = append(out, ActionCount{k, float64(v) / float64(max(1, len(runs)))})
	}
	slices.SortFunc(out, func(a, b ActionCount) int {
		if c := cmp.Compare(b.PerRun, a.PerRun); c != 0 {
			return c
		}
		return strings.Compare(keyString(a.ActionKey), keyString(b.ActionKey))
	})
	return out
}

func keyString(k patterns.ActionKey) string {
	return strings.Join([]string{string(k.Source), k.Actor, k.Action, k.Target, string(k.Outcome)}, "\x00")
}
