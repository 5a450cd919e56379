package sweep

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/spatial/r1"
	"gonum.org/v1/gonum/stat/distmv"
	"gonum.org/v1/gonum/stat/samplemv"
)

// DefaultLevels is the number of grid levels of a parameter that names
// none.
const DefaultLevels = 5

// MaxPoints bounds a design made by Grid and LHS, against typing slips
// such as 1:100:1000; GridWithin and LHSWithin take another bound.
const MaxPoints = 100000

// TooManyPoints is the error of a design over its bound.
type TooManyPoints struct {
	// Points is the size the design would have had, or 0 if it does not
	// fit a whole number.
	Points int
	Limit  int
}

func (e *TooManyPoints) Error() string {
	if e.Points <= 0 {
		return fmt.Sprintf("the design has more points than can be counted, and the limit is %d", e.Limit)
	}
	return fmt.Sprintf("the design has %d points, more than the limit of %d", e.Points, e.Limit)
}

// Param is one swept parameter: a scenario key path and a range.
type Param struct {
	Path   string
	Lo, Hi float64
	// Levels is the number of grid levels; 0 means DefaultLevels.
	Levels int
}

// ParseParam reads "path=lo:hi" or "path=lo:hi:n".
func ParseParam(s string) (Param, error) {
	path, rng, ok := strings.Cut(s, "=")
	path, rng = strings.TrimSpace(path), strings.TrimSpace(rng)
	if !ok || path == "" || rng == "" {
		return Param{}, fmt.Errorf("%q: want path=lo:hi or path=lo:hi:n, e.g. agents.AZE.threat_response=-1:1:5", s)
	}
	parts := strings.Split(rng, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return Param{}, fmt.Errorf("%q: the range must be lo:hi or lo:hi:n", s)
	}
	p := Param{Path: path}
	var err error
	if p.Lo, err = strconv.ParseFloat(strings.TrimSpace(parts[0]), 64); err != nil || math.IsNaN(p.Lo) || math.IsInf(p.Lo, 0) {
		return Param{}, fmt.Errorf("%q: %q is not a number", s, parts[0])
	}
	if p.Hi, err = strconv.ParseFloat(strings.TrimSpace(parts[1]), 64); err != nil || math.IsNaN(p.Hi) || math.IsInf(p.Hi, 0) {
		return Param{}, fmt.Errorf("%q: %q is not a number", s, parts[1])
	}
	if p.Hi < p.Lo {
		return Param{}, fmt.Errorf("%q: hi (%v) is below lo (%v)", s, p.Hi, p.Lo)
	}
	if math.IsInf(p.Hi-p.Lo, 0) {
		return Param{}, fmt.Errorf("%q: the range from %v to %v is too wide to divide", s, p.Lo, p.Hi)
	}
	if len(parts) == 3 {
		if p.Levels, err = strconv.Atoi(strings.TrimSpace(parts[2])); err != nil || p.Levels < 1 {
			return Param{}, fmt.Errorf("%q: the number of levels %q must be a whole number, 1 or more", s, parts[2])
		}
		if p.Levels == 1 && p.Hi != p.Lo {
			return Param{}, fmt.Errorf("%q: one level needs lo = hi", s)
		}
	}
	return p, nil
}

// String writes the parameter as ParseParam reads it.
func (p Param) String() string {
	s := p.Path + "=" + format(p.Lo) + ":" + format(p.Hi)
	if p.Levels > 0 {
		s += ":" + strconv.Itoa(p.Levels)
	}
	return s
}

// format writes a value the shortest way that reads back the same.
func format(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// Format writes a design value as it is given to the scenario and written
// in sweep.csv.
func Format(v float64) string { return strconv.FormatFloat(v, 'g', 10, 64) }

// Design is the points of a sweep.
type Design struct {
	Kind   string // "grid" or "lhs"
	Params []Param
	// Points holds every point's value of each parameter, in Params
	// order.
	Points [][]float64
}

// Grid is the full grid of the parameters' levels, of at most MaxPoints
// points.
func Grid(params []Param) (*Design, error) { return GridWithin(params, MaxPoints) }

// GridWithin is the full grid of the parameters' levels, of at most limit
// points. The size is worked out before anything is made, so a slip such
// as 0:1:1000000000 costs nothing.
func GridWithin(params []Param, limit int) (*Design, error) {
	if len(params) == 0 {
		return nil, errors.New("no parameters to sweep")
	}
	counts := make([]int, len(params))
	total := 1
	for i, p := range params {
		n := p.Levels
		if n == 0 {
			n = DefaultLevels
			if p.Lo == p.Hi {
				n = 1
			}
		}
		counts[i] = n
		if n > limit || total > limit/n {
			size := 0
			if n <= math.MaxInt/total {
				size = total * n
				for _, q := range params[i+1:] {
					m := max(q.Levels, 1)
					if q.Levels == 0 && q.Lo != q.Hi {
						m = DefaultLevels
					}
					if size > math.MaxInt/m {
						size = 0
						break
					}
					size *= m
				}
			}
			return nil, &TooManyPoints{Points: size, Limit: limit}
		}
		total *= n
	}
	levels := make([][]float64, len(params))
	for i, p := range params {
		n := counts[i]
		levels[i] = make([]float64, n)
		for j := range n {
			if n == 1 {
				levels[i][j] = p.Lo
				continue
			}
			// Rounded to the digits sweep.csv keeps, so the values read
			// back from it are the values run.
			v := p.Lo + (p.Hi-p.Lo)*float64(j)/float64(n-1)
			if math.IsInf(v, 0) {
				// (hi-lo)*j overflowed: take the fraction first.
				v = p.Lo + (p.Hi-p.Lo)*(float64(j)/float64(n-1))
			}
			levels[i][j], _ = strconv.ParseFloat(Format(v), 64)
		}
	}
	d := &Design{Kind: "grid", Params: params}
	idx := make([]int, len(params))
	for range total {
		pt := make([]float64, len(params))
		for i := range params {
			pt[i] = levels[i][idx[i]]
		}
		d.Points = append(d.Points, pt)
		for i := len(idx) - 1; i >= 0; i-- {
			idx[i]++
			if idx[i] < len(levels[i]) {
				break
			}
			idx[i] = 0
		}
	}
	return d, nil
}

// LHS is a Latin hypercube of k points over the parameters' ranges,
// drawn from a stream derived from seed, of at most MaxPoints points.
// Levels are ignored.
func LHS(params []Param, k int, seed uint64) (*Design, error) {
	return LHSWithin(params, k, seed, MaxPoints)
}

// LHSWithin is LHS with another bound on k.
func LHSWithin(params []Param, k int, seed uint64, limit int) (*Design, error) {
	if len(params) == 0 {
		return nil, errors.New("no parameters to sweep")
	}
	if k < 1 {
		return nil, fmt.Errorf("a Latin hypercube needs at least 1 point, not %d", k)
	}
	if k > limit {
		return nil, &TooManyPoints{Points: k, Limit: limit}
	}
	bounds := make([]r1.Interval, len(params))
	for i, p := range params {
		bounds[i] = r1.Interval{Min: p.Lo, Max: p.Hi}
	}
	src := rand.NewPCG(seed, 0x6c68732d64657369) // "lhs-desi"
	batch := mat.NewDense(k, len(params), nil)
	samplemv.LatinHypercube{Q: distmv.NewUniform(bounds, nil), Src: src}.Sample(batch)
	d := &Design{Kind: "lhs", Params: params}
	for r := range k {
		pt := make([]float64, len(params))
		for c := range params {
			pt[c], _ = strconv.ParseFloat(Format(batch.At(r, c)), 64)
		}
		d.Points = append(d.Points, pt)
	}
	return d, nil
}

// Shard returns the indices of the points shard i of n runs: those equal
// to i modulo n.
func (d *Design) Shard(i, n int) []int {
	var out []int
	for k := i; k < len(d.Points); k += n {
		out = append(out, k)
	}
	return out
}

// ParseShard reads "i/n", 0 ≤ i < n.
func ParseShard(s string) (i, n int, err error) {
	a, b, ok := strings.Cut(s, "/")
	if ok {
		i, err = strconv.Atoi(strings.TrimSpace(a))
		if err == nil {
			n, err = strconv.Atoi(strings.TrimSpace(b))
		}
	}
	if !ok || err != nil || n < 1 || i < 0 || i >= n {
		return 0, 0, fmt.Errorf("%q: want i/n with 0 ≤ i < n, e.g. 0/4 for the first of four shards", s)
	}
	return i, n, nil
}

// Paths are the parameters' paths, the columns of sweep.csv after the
// point.
func (d *Design) Paths() []string {
	var out []string
	for _, p := range d.Params {
		out = append(out, p.Path)
	}
	return out
}
