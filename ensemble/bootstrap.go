package ensemble

import (
	"math"
	"math/rand/v2"
	"slices"
)

// Interval is an estimate with a confidence interval.
type Interval struct {
	Estimate, Low, High float64
}

// Bootstrap draws percentile bootstrap intervals for medians. Its random
// numbers come from its own stream, so the same data and stream give the
// same interval.
type Bootstrap struct {
	// Reps is the number of resamples; 0 means 2000.
	Reps int
	// Level is the coverage; 0 means 0.95.
	Level float64
	Rand  *rand.Rand
}

func (b *Bootstrap) reps() int {
	if b.Reps > 0 {
		return b.Reps
	}
	return 2000
}

func (b *Bootstrap) level() float64 {
	if b.Level > 0 {
		return b.Level
	}
	return 0.95
}

// Median returns the median of x (R type 7) with its bootstrap interval.
// Values that are not finite are left out.
func (b *Bootstrap) Median(x []float64) Interval {
	x = finite(x)
	if len(x) == 0 {
		nan := math.NaN()
		return Interval{nan, nan, nan}
	}
	sorted := slices.Clone(x)
	slices.Sort(sorted)
	est := Quantile(sorted, 0.5)
	n := len(sorted)
	counts := make([]int, n)
	meds := make([]float64, b.reps())
	for r := range meds {
		clear(counts)
		for range n {
			counts[b.Rand.IntN(n)]++
		}
		meds[r] = countedMedian(sorted, nil, counts)
	}
	return b.interval(est, meds)
}

// MedianDiff returns median(a) − median(b) with its bootstrap interval.
// When a and b have the same length their runs are taken as pairs (run i
// of both drew the same random numbers) and resampled together, which
// keeps the precision that common random numbers give; otherwise each is
// resampled on its own. Pairs with a value that is not finite are left
// out.
func (b *Bootstrap) MedianDiff(a, c []float64) Interval {
	if len(a) != len(c) {
		return b.unpaired(a, c)
	}
	var pa, pc []float64
	for i := range a {
		if isFinite(a[i]) && isFinite(c[i]) {
			pa, pc = append(pa, a[i]), append(pc, c[i])
		}
	}
	n := len(pa)
	if n == 0 {
		nan := math.NaN()
		return Interval{nan, nan, nan}
	}
	oa, oc := order(pa), order(pc)
	sa, sc := permute(pa, oa), permute(pc, oc)
	est := Quantile(sa, 0.5) - Quantile(sc, 0.5)
	counts := make([]int, n)
	diffs := make([]float64, b.reps())
	for r := range diffs {
		clear(counts)
		for range n {
			counts[b.Rand.IntN(n)]++
		}
		diffs[r] = countedMedian(sa, oa, counts) - countedMedian(sc, oc, counts)
	}
	return b.interval(est, diffs)
}

// unpaired resamples a and c independently.
func (b *Bootstrap) unpaired(a, c []float64) Interval {
	sa, sc := finite(a), finite(c)
	slices.Sort(sa)
	slices.Sort(sc)
	if len(sa) == 0 || len(sc) == 0 {
		nan := math.NaN()
		return Interval{nan, nan, nan}
	}
	est := Quantile(sa, 0.5) - Quantile(sc, 0.5)
	ca, cc := make([]int, len(sa)), make([]int, len(sc))
	diffs := make([]float64, b.reps())
	for r := range diffs {
		clear(ca)
		clear(cc)
		for range sa {
			ca[b.Rand.IntN(len(sa))]++
		}
		for range sc {
			cc[b.Rand.IntN(len(sc))]++
		}
		diffs[r] = countedMedian(sa, nil, ca) - countedMedian(sc, nil, cc)
	}
	return b.interval(est, diffs)
}

// interval takes the percentile interval of the resampled estimates.
func (b *Bootstrap) interval(est float64, draws []float64) Interval {
	slices.Sort(draws)
	alpha := (1 - b.level()) / 2
	return Interval{Estimate: est, Low: Quantile(draws, alpha), High: Quantile(draws, 1-alpha)}
}

// countedMedian is the R type 7 median of a resample given as counts:
// sorted holds the values in increasing order and counts[idx[j]] (or
// counts[j] when idx is nil) how often sorted[j] was drawn.
func countedMedian(sorted []float64, idx []int, counts []int) float64 {
	n := 0
	for _, c := range counts {
		n += c
	}
	h := 0.5 * float64(n-1)
	lo := int(math.Floor(h))
	frac := h - float64(lo)
	// Find the values at 0-based positions lo and lo+1.
	var vlo, vhi float64
	seen := 0
	found := false
	for j, v := range sorted {
		k := j
		if idx != nil {
			k = idx[j]
		}
		c := counts[k]
		if c == 0 {
			continue
		}
		if !found && lo < seen+c {
			vlo, found = v, true
			if lo+1 < seen+c {
				return vlo
			}
		} else if found {
			vhi = v
			return vlo + frac*(vhi-vlo)
		}
		seen += c
	}
	return vlo
}

// order returns the indices that sort x.
func order(x []float64) []int {
	idx := make([]int, len(x))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(i, j int) int {
		switch {
		case x[i] < x[j]:
			return -1
		case x[i] > x[j]:
			return 1
		}
		return 0
	})
	return idx
}

// permute returns x in the order idx gives.
func permute(x []float64, idx []int) []float64 {
	out := make([]float64, len(x))
	for j, i := range idx {
		out[j] = x[i]
	}
	return out
}

func finite(x []float64) []float64 {
	out := make([]float64, 0, len(x))
	for _, v := range x {
		if isFinite(v) {
			out = append(out, v)
		}
	}
	return out
}

func isFinite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
