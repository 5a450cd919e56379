package output

import (
	"caspian/ensemble"
	"math"
	"slices"
	"strconv"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/stat"
)

// quantileMethod describes how quantiles are computed, for summary.json.
const quantileMethod = "linear interpolation between order statistics (R type 7, the default of R, NumPy and spreadsheets)"

// num is a float that encodes as JSON with the CSV number rule, and as
// null when it is not finite (JSON has no NaN): an undefined statistic,
// such as the spread of a single run, shows as null rather than failing
// the whole summary.
type num float64

// MarshalJSON writes n with ten significant digits, or null.
func (n num) MarshalJSON() ([]byte, error) {
	v := float64(n)
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return []byte("null"), nil
	}
	return []byte(strconv.FormatFloat(v, 'g', 10, 64)), nil
}

// stats summarises one quantity across runs.
type stats struct {
	N      int `json:"n"`
	Mean   num `json:"mean"`
	SD     num `json:"sd"`
	Min    num `json:"min"`
	P05    num `json:"p05"`
	Median num `json:"median"`
	P95    num `json:"p95"`
	Max    num `json:"max"`
}

// describe computes stats of x; x is not modified. The standard deviation
// is the sample one (n-1 denominator), undefined for a single run.
func describe(x []float64) stats {
	if len(x) == 0 {
		nan := num(math.NaN())
		return stats{Mean: nan, SD: nan, Min: nan, P05: nan, Median: nan, P95: nan, Max: nan}
	}
	s := slices.Clone(x)
	slices.Sort(s)
	sd := math.NaN()
	if len(s) > 1 {
		sd = stat.StdDev(s, nil)
	}
	return stats{
		N:      len(s),
		Mean:   num(stat.Mean(s, nil)),
		SD:     num(sd),
		Min:    num(floats.Min(s)),
		P05:    num(ensemble.Quantile(s, 0.05)),
		Median: num(ensemble.Quantile(s, 0.5)),
		P95:    num(ensemble.Quantile(s, 0.95)),
		Max:    num(floats.Max(s)),
	}
}

// fromSummary converts the statistics of one series at one turn.
func fromSummary(c ensemble.Summary) stats {
	return stats{
		N: c.N, Mean: num(c.Mean), SD: num(c.SD), Min: num(c.Min),
		P05: num(c.Q[0]), Median: num(c.Q[2]), P95: num(c.Q[4]), Max: num(c.Max),
	}
}
