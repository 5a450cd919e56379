package sensitivity

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
)

// Problem is the box of inputs: input i varies uniformly between Lo[i]
// and Hi[i].
type Problem struct {
	Names  []string
	Lo, Hi []float64
}

func (p Problem) check() error {
	k := len(p.Names)
	switch {
	case k == 0:
		return errors.New("sensitivity: no inputs")
	case len(p.Lo) != k || len(p.Hi) != k:
		return fmt.Errorf("sensitivity: %d names, %d lower and %d upper bounds", k, len(p.Lo), len(p.Hi))
	}
	for i := range k {
		if !(p.Lo[i] < p.Hi[i]) {
			return fmt.Errorf("sensitivity: %s: the range %v to %v is empty", p.Names[i], p.Lo[i], p.Hi[i])
		}
	}
	return nil
}

// scale maps u in [0,1] onto input i's range.
func (p Problem) scale(i int, u float64) float64 { return p.Lo[i] + u*(p.Hi[i]-p.Lo[i]) }

// SaltelliDesign is the design of a Sobol analysis with n base samples
// and k inputs: n×(k+2) points, in blocks of n: A, B, then for each input
// i the matrix A with its column i taken from B. Its Points are to be
// evaluated in order.
type SaltelliDesign struct {
	Problem Problem
	N       int
	Points  [][]float64
}

// Saltelli draws a Sobol design of n base samples from rng.
func Saltelli(p Problem, n int, rng *rand.Rand) (*SaltelliDesign, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	if n < 2 {
		return nil, fmt.Errorf("sensitivity: %d base samples; at least 2 are needed", n)
	}
	k := len(p.Names)
	a, b := make([][]float64, n), make([][]float64, n)
	for r := range n {
		a[r], b[r] = make([]float64, k), make([]float64, k)
		for i := range k {
			a[r][i] = p.scale(i, rng.Float64())
		}
		for i := range k {
			b[r][i] = p.scale(i, rng.Float64())
		}
	}
	d := &SaltelliDesign{Problem: p, N: n}
	d.Points = append(d.Points, a...)
	d.Points = append(d.Points, b...)
	for i := range k {
		for r := range n {
			x := slices.Clone(a[r])
			x[i] = b[r][i]
			d.Points = append(d.Points, x)
		}
	}
	return d, nil
}

// Index is an input's Sobol indices, each with a 95 % bootstrap interval.
type Index struct {
	Name                    string
	First, FirstLo, FirstHi float64
	Total, TotalLo, TotalHi float64
}

// Indices estimates the first-order (Saltelli 2010) and total (Jansen
// 1999) indices from the outputs y of the design's points, in order, with
// percentile bootstrap intervals over reps resamples of the base samples
// drawn from rng.
func (d *SaltelliDesign) Indices(y []float64, reps int, rng *rand.Rand) ([]Index, error) {
	k, n := len(d.Problem.Names), d.N
	if len(y) != n*(k+2) {
		return nil, fmt.Errorf("sensitivity: %d outputs for a design of %d points", len(y), n*(k+2))
	}
	for _, v := range y {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, errors.New("sensitivity: an output is not a finite number")
		}
	}
	rows := make([]int, n)
	for r := range rows {
		rows[r] = r
	}
	out := make([]Index, k)
	for i := range k {
		out[i].Name = d.Problem.Names[i]
		out[i].First, out[i].Total = d.estimate(y, i, rows)
	}
	if reps > 0 {
		firsts, totals := make([][]float64, k), make([][]float64, k)
		for range reps {
			for r := range rows {
				rows[r] = rng.IntN(n)
			}
			for i := range k {
				f, t := d.estimate(y, i, rows)
				firsts[i] = append(firsts[i], f)
				totals[i] = append(totals[i], t)
			}
		}
		for i := range k {
			out[i].FirstLo, out[i].FirstHi = percentiles(firsts[i])
			out[i].TotalLo, out[i].TotalHi = percentiles(totals[i])
		}
	}
	return out, nil
}

// estimate is input i's first-order and total index over the base
// samples rows (with repeats, for the bootstrap).
func (d *SaltelliDesign) estimate(y []float64, i int, rows []int) (first, total float64) {
	n := d.N
	fa, fb, fab := y[:n], y[n:2*n], y[(2+i)*n:(3+i)*n]
	var mean, sq float64
	for _, r := range rows {
		mean += fa[r] + fb[r]
	}
	mean /= float64(2 * len(rows))
	for _, r := range rows {
		sq += (fa[r]-mean)*(fa[r]-mean) + (fb[r]-mean)*(fb[r]-mean)
	}
	variance := sq / float64(2*len(rows))
	if variance == 0 {
		return 0, 0
	}
	// f(B) is centred: the estimator is unbiased either way, and far less
	// noisy when the output's mean is large beside its spread.
	var s, st float64
	for _, r := range rows {
		s += (fb[r] - mean) * (fab[r] - fa[r])
		st += (fa[r] - fab[r]) * (fa[r] - fab[r])
	}
	m := float64(len(rows))
	return s / m / variance, st / (2 * m) / variance
}

func percentiles(v []float64) (lo, hi float64) {
	slices.Sort(v)
	at := func(q float64) float64 { return v[min(len(v)-1, int(q*float64(len(v))))] }
	return at(0.025), at(0.975)
}

// MorrisDesign is the design of a Morris screening: r trajectories of
// k+1 points each on a grid of levels, each step changing one input by
// delta (in units of its range).
type MorrisDesign struct {
	Problem Problem
	R       int
	Levels  int
	Points  [][]float64
	// moved[t][s] is the input step s of trajectory t changes, and up[t][s]
	// whether it goes up.
	moved [][]int
	up    [][]bool
}

// Morris draws r trajectories on a grid of levels (even, 4 or more) from
// rng.
func Morris(p Problem, r, levels int, rng *rand.Rand) (*MorrisDesign, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	if r < 2 || levels < 4 || levels%2 != 0 {
		return nil, fmt.Errorf("sensitivity: %d trajectories on %d levels; use at least 2 trajectories and an even number of levels, 4 or more", r, levels)
	}
	k := len(p.Names)
	delta := float64(levels) / (2 * float64(levels-1))
	d := &MorrisDesign{Problem: p, R: r, Levels: levels}
	for range r {
		// A random start on the grid low enough for a step up, and a random
		// order and direction of the steps.
		u := make([]float64, k)
		for i := range k {
			u[i] = float64(rng.IntN(levels/2)) / float64(levels-1)
		}
		order := rng.Perm(k)
		moved, up := make([]int, k), make([]bool, k)
		point := func() []float64 {
			x := make([]float64, k)
			for i := range k {
				x[i] = p.scale(i, u[i])
			}
			return x
		}
		d.Points = append(d.Points, point())
		for s, i := range order {
			moved[s], up[s] = i, true
			if u[i]+delta > 1+1e-12 {
				up[s] = false
			}
			if up[s] {
				u[i] += delta
			} else {
				u[i] -= delta
			}
			d.Points = append(d.Points, point())
		}
		d.moved, d.up = append(d.moved, moved), append(d.up, up)
	}
	return d, nil
}

// Effect is an input's Morris statistics: the mean elementary effect, the
// mean of its absolute value and its standard deviation, per unit of the
// input's range.
type Effect struct {
	Name              string
	Mu, MuStar, Sigma float64
}

// Effects computes the elementary effects from the outputs y of the
// design's points, in order.
func (d *MorrisDesign) Effects(y []float64) ([]Effect, error) {
	k := len(d.Problem.Names)
	if len(y) != d.R*(k+1) {
		return nil, fmt.Errorf("sensitivity: %d outputs for a design of %d points", len(y), d.R*(k+1))
	}
	delta := float64(d.Levels) / (2 * float64(d.Levels-1))
	ee := make([][]float64, k)
	for t := range d.R {
		base := t * (k + 1)
		for s := range k {
			e := (y[base+s+1] - y[base+s]) / delta
			if !d.up[t][s] {
				e = -e
			}
			ee[d.moved[t][s]] = append(ee[d.moved[t][s]], e)
		}
	}
	out := make([]Effect, k)
	for i := range k {
		out[i].Name = d.Problem.Names[i]
		var sum, abs float64
		for _, e := range ee[i] {
			sum += e
			abs += math.Abs(e)
		}
		m := float64(len(ee[i]))
		out[i].Mu, out[i].MuStar = sum/m, abs/m
		var sq float64
		for _, e := range ee[i] {
			sq += (e - out[i].Mu) * (e - out[i].Mu)
		}
		if m > 1 {
			out[i].Sigma = math.Sqrt(sq / (m - 1))
		}
	}
	return out, nil
}
