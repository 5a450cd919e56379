package patterns

import (
	"math"

	"gonum.org/v1/gonum/stat"
)

// Fit compares a model series with an observed one over the years both have.
type Fit struct {
	// Correlation is Pearson's r of the two series.
	Correlation float64
	// RangeRatio is the model's range (largest less smallest value) as a
	// share of the observed range.
	RangeRatio float64
	// ModelRange and ObservedRange are the two ranges.
	ModelRange, ObservedRange float64
	// Years is how many years were compared.
	Years int
}

// FitSeries compares model with observed (same years; NaN model values
// are skipped). Correlation and ranges do not depend on either series'
// level, so centring changes nothing here.
func FitSeries(model, observed []float64) Fit {
	var m, o []float64
	for i, v := range model {
		if !math.IsNaN(v) && !math.IsNaN(observed[i]) {
			m = append(m, v)
			o = append(o, observed[i])
		}
	}
	f := Fit{Years: len(m), Correlation: math.NaN(), RangeRatio: math.NaN()}
	if len(m) < 3 {
		return f
	}
	f.ModelRange, f.ObservedRange = spread(m), spread(o)
	if f.ObservedRange > 0 {
		f.RangeRatio = f.ModelRange / f.ObservedRange
	}
	if f.ModelRange > 0 && f.ObservedRange > 0 {
		f.Correlation = stat.Correlation(m, o, nil)
	}
	return f
}

// spread is the largest value less the smallest.
func spread(xs []float64) float64 {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range xs {
		lo, hi = min(lo, v), max(hi, v)
	}
	return hi - lo
}
