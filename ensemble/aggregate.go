package ensemble

import (
	"fmt"
	"math"
	"slices"
)

// cell is the running state of one series at one turn.
type cell struct {
	n                  int
	mean, m2, min, max float64
}

// aggregator folds runs, in run order, into statistics.
type aggregator struct {
	layout *Layout
	S      int   // series
	turns  []int // snapshot indices summarised
	cells  []cell
	// exact holds the first cap values of every cell, run-major:
	// exact[(k-1)*len(cells)+c] is cell c's k-th value. nil once every
	// cell has switched to P².
	exact    []float64
	cap      int
	switched int
	sketch   []p2 // 5 per cell, allocated at the first switch
	scratch  []float64
	runs     int
	actions  map[actionKey]tally
	track    []trackSlot
	calendar []Turn
}

// tally counts one action: how often it was taken, and in how many
// runs, the last of them numbered last.
type tally struct {
	count, runs, last int
}

// trackSlot keeps one series at one turn for every run.
type trackSlot struct {
	key  trackKey
	vals []float64
}

func newAggregator(l *Layout, snapshots int, o *Options) (*aggregator, error) {
	a := &aggregator{layout: l, S: len(l.Series), cap: o.ExactRuns, actions: map[actionKey]tally{}}
	turns, err := resolveTurns(o.Turns, snapshots)
	if err != nil {
		return nil, err
	}
	a.turns = turns
	a.cells = make([]cell, len(turns)*a.S)
	for i := range a.cells {
		a.cells[i] = cell{min: math.Inf(1), max: math.Inf(-1)}
	}
	a.exact = make([]float64, min(a.cap, o.Runs)*len(a.cells))
	a.scratch = make([]float64, 0, min(a.cap, o.Runs))
	for _, t := range o.Track {
		turn, err := resolveTurn(t.Turn, snapshots)
		if err != nil {
			return nil, err
		}
		i := l.Index(t.Entity, t.Metric)
		if i < 0 {
			return nil, fmt.Errorf("track: no series %s %s", t.Entity, t.Metric)
		}
		a.track = append(a.track, trackSlot{key: trackKey{turn, i}, vals: make([]float64, 0, o.Runs)})
	}
	return a, nil
}

// resolveTurn turns a snapshot index, negative counting from the end,
// into a plain index.
func resolveTurn(t, snapshots int) (int, error) {
	if t < 0 {
		t += snapshots
	}
	if t < 0 || t >= snapshots {
		return 0, fmt.Errorf("turn %d is outside the %d recorded turns", t, snapshots)
	}
	return t, nil
}

// resolveTurns returns the sorted, distinct snapshot indices to
// summarise; nil means all.
func resolveTurns(ts []int, snapshots int) ([]int, error) {
	if ts == nil {
		out := make([]int, snapshots)
		for i := range out {
			out[i] = i
		}
		return out, nil
	}
	out := make([]int, 0, len(ts))
	for _, t := range ts {
		r, err := resolveTurn(t, snapshots)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// add folds in one run. Runs must come in run order.
func (a *aggregator) add(r *record) {
	if a.runs == 0 {
		for k := range r.n {
			a.calendar = append(a.calendar, Turn{Turn: r.turnNums[k], Label: r.labels[k], Year: r.years[k]})
		}
	}
	a.runs++
	nc := len(a.cells)
	for ti, t := range a.turns {
		if t >= r.n {
			continue
		}
		row := r.vals[t*a.S : (t+1)*a.S]
		base := ti * a.S
		for s, v := range row {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				continue
			}
			ci := base + s
			c := &a.cells[ci]
			c.n++
			d := v - c.mean
			c.mean += d / float64(c.n)
			c.m2 += d * (v - c.mean)
			c.min = math.Min(c.min, v)
			c.max = math.Max(c.max, v)
			switch {
			case c.n <= a.cap:
				a.exact[(c.n-1)*nc+ci] = v
			case c.n == a.cap+1:
				a.switchCell(ci)
				fallthrough
			default:
				sk := a.sketch[5*ci : 5*ci+5]
				for i, p := range Probs {
					sk[i].add(v, p)
				}
			}
		}
	}
	for _, k := range r.acts {
		t := a.actions[k]
		t.count++
		// a.runs numbers this run from 1, so a zero tally has seen none.
		if t.last != a.runs {
			t.runs, t.last = t.runs+1, a.runs
		}
		a.actions[k] = t
	}
	for i := range a.track {
		sl := &a.track[i]
		v := math.NaN()
		if sl.key.turn < r.n {
			v = r.vals[sl.key.turn*a.S+sl.key.series]
		}
		sl.vals = append(sl.vals, v)
	}
}

// values gathers cell ci's exact values into the scratch slice.
func (a *aggregator) values(ci int) []float64 {
	n := min(a.cells[ci].n, a.cap)
	nc := len(a.cells)
	x := a.scratch[:0]
	for k := range n {
		x = append(x, a.exact[k*nc+ci])
	}
	return x
}

// switchCell starts cell ci's P² estimators from its exact values.
func (a *aggregator) switchCell(ci int) {
	if a.sketch == nil {
		a.sketch = make([]p2, 5*len(a.cells))
	}
	x := a.values(ci)
	slices.Sort(x)
	for i, p := range Probs {
		a.sketch[5*ci+i].init(x, p)
	}
	a.switched++
	if a.switched == len(a.cells) {
		a.exact = nil // every cell is on P² now
	}
}

// stats finishes the statistics.
func (a *aggregator) stats() *Stats {
	s := &Stats{
		Runs: a.runs, ExactRuns: a.cap, Layout: a.layout, Calendar: a.calendar, Turns: a.turns,
		Actions: sortActions(a.actions), cells: make([]Summary, len(a.cells)),
		tracked: make(map[trackKey][]float64, len(a.track)),
	}
	for ci := range a.cells {
		c := &a.cells[ci]
		if c.n <= a.cap {
			s.cells[ci] = Describe(a.values(ci))
			continue
		}
		sum := Summary{N: c.n, Mean: c.mean, SD: math.Sqrt(c.m2 / float64(c.n-1)), Min: c.min, Max: c.max}
		for i := range Probs {
			q := a.sketch[5*ci+i].estimate()
			if i > 0 {
				q = math.Max(q, sum.Q[i-1])
			}
			sum.Q[i] = math.Min(math.Max(q, c.min), c.max)
		}
		s.cells[ci] = sum
	}
	for _, t := range a.track {
		s.tracked[t.key] = t.vals
	}
	return s
}
