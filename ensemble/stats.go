package ensemble

import (
	"cmp"
	"math"
	"slices"

	"caspian/sim"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/stat"
)

// QuantileMethod describes the exact quantiles, for summaries.
const QuantileMethod = "linear interpolation between order statistics (R type 7, the default of R, NumPy and spreadsheets)"

// Summary describes one series at one turn across runs. Values that are
// not finite are left out, so N may be below the number of runs.
type Summary struct {
	N                  int
	Mean, SD, Min, Max float64
	// Q holds the 5, 25, 50, 75 and 95 % quantiles (Probs).
	Q [5]float64
	// Exact is false once the quantiles come from the P² estimator.
	Exact bool
}

// Median is the 50 % quantile.
func (s Summary) Median() float64 { return s.Q[2] }

// Turn is one recorded turn of the calendar.
type Turn struct {
	Turn  int
	Label string
	Year  float64 // decimal year of the turn's midpoint
}

// ActionCount is how often an action was taken over all runs, by actor,
// target, outcome and source.
type ActionCount struct {
	Actor, Action, Target string
	Outcome               sim.Outcome
	Source                sim.Source
	Count                 int
	// Runs is in how many runs it was taken at least once: what a plot
	// means by "happened in 7 of 20 runs", which Count overstates for an
	// action taken twice in one run.
	Runs int
}

// Stats are the statistics of an ensemble.
type Stats struct {
	// Runs is the number of runs summarised.
	Runs int
	// ExactRuns is the number of runs up to which quantiles are exact.
	ExactRuns int
	Layout    *Layout
	// Calendar lists every recorded turn of run 0, in order; index k is
	// the k-th snapshot of every run.
	Calendar []Turn
	// Turns are the snapshot indices that were summarised.
	Turns []int
	// Actions counts every action over all runs, sorted by actor, action,
	// target, outcome and source.
	Actions []ActionCount
	cells   []Summary // len(Turns) × len(Layout.Series)
	tracked map[trackKey][]float64
}

type trackKey struct {
	turn   int
	series int
}

// Exact reports whether every quantile is exact.
func (s *Stats) Exact() bool { return s.Runs <= s.ExactRuns }

// Cell returns the summary of series at the k-th summarised turn.
func (s *Stats) Cell(k, series int) Summary { return s.cells[k*len(s.Layout.Series)+series] }

// At returns the summary of entity's metric at snapshot index turn, and
// whether that turn and series were summarised.
func (s *Stats) At(turn int, entity, metric string) (Summary, bool) {
	i := s.Layout.Index(entity, metric)
	k, found := slices.BinarySearch(s.Turns, turn)
	if i < 0 || !found {
		return Summary{}, false
	}
	return s.Cell(k, i), true
}

// Values returns every run's value of entity's metric at snapshot index
// turn, in run order, if Options.Track asked for it; nil otherwise.
func (s *Stats) Values(turn int, entity, metric string) []float64 {
	i := s.Layout.Index(entity, metric)
	if i < 0 {
		return nil
	}
	return s.tracked[trackKey{turn, i}]
}

// Quantile returns the p-quantile of sorted data by linear interpolation
// between order statistics (R type 7); NaN for no data. gonum's
// stat.Quantile offers only the empirical and type-4 rules, under which
// the median of an even number of runs is the lower middle value; analysts
// checking our tables in R, pandas or a spreadsheet get type 7.
func Quantile(sorted []float64, p float64) float64 {
	n := len(sorted)
	if n == 0 {
		return math.NaN()
	}
	h := p * float64(n-1)
	lo := int(math.Floor(h))
	if lo >= n-1 {
		return sorted[n-1]
	}
	return sorted[lo] + (h-float64(lo))*(sorted[lo+1]-sorted[lo])
}

// Describe summarises x exactly; x is sorted in place. The standard
// deviation is the sample one (n−1), NaN for fewer than two values.
func Describe(x []float64) Summary {
	nan := math.NaN()
	if len(x) == 0 {
		return Summary{Mean: nan, SD: nan, Min: nan, Max: nan, Q: [5]float64{nan, nan, nan, nan, nan}, Exact: true}
	}
	slices.Sort(x)
	s := Summary{N: len(x), Mean: stat.Mean(x, nil), SD: nan, Min: floats.Min(x), Max: floats.Max(x), Exact: true}
	if len(x) > 1 {
		s.SD = stat.StdDev(x, nil)
	}
	for i, p := range Probs {
		s.Q[i] = Quantile(x, p)
	}
	return s
}

// sortActions turns the counts into a sorted list.
func sortActions(m map[actionKey]tally) []ActionCount {
	out := make([]ActionCount, 0, len(m))
	for k, t := range m {
		out = append(out, ActionCount{Actor: k.actor, Action: k.action, Target: k.target, Outcome: k.outcome, Source: k.source, Count: t.count, Runs: t.runs})
	}
	slices.SortFunc(out, func(a, b ActionCount) int {
		return cmp.Or(cmp.Compare(a.Actor, b.Actor), cmp.Compare(a.Action, b.Action), cmp.Compare(a.Target, b.Target),
			cmp.Compare(a.Outcome, b.Outcome), cmp.Compare(a.Source, b.Source))
	})
	return out
}
