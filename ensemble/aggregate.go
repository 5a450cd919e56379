package ensemble

import (
	"fmt"
	"math"
	"slices"
	"sync/atomic"
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
	exact []float64
	cap   int
	// switched counts the cells on P²; shards folding at once add to it.
	switched atomic.Int64
	sketch   []p2 // 5 per cell, allocated when the runs outnumber cap
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
	if o.Runs > a.cap {
		a.sketch = make([]p2, 5*len(a.cells))
	}
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
	a.addRun(r)
	a.foldCells(r, 0, len(a.cells), &a.scratch)
}

// addRun folds in what one run adds besides its cells: the calendar (from
// the first run), the count of runs, its actions and the tracked series.
// Runs must come in run order.
func (a *aggregator) addRun(r *record) {
	if a.runs == 0 {
		for k := range r.n {
			a.calendar = append(a.calendar, Turn{Turn: r.turnNums[k], Label: r.labels[k], Year: r.years[k]})
		}
	}
	a.runs++
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

// foldCells folds one run's values into cells lo to hi (exclusive), with
// scratch as working memory for a cell's switch to P². Each cell must
// see runs in run order; cells of different ranges may be folded at
// once, each range by one goroutine (see folder).
func (a *aggregator) foldCells(r *record, lo, hi int, scratch *[]float64) {
	for ci := lo; ci < hi; {
		ti := ci / a.S
		end := min(hi, (ti+1)*a.S)
		if t := a.turns[ti]; t < r.n {
			row := r.vals[t*a.S : (t+1)*a.S]
			for ; ci < end; ci++ {
				a.foldCell(ci, row[ci-ti*a.S], scratch)
			}
		}
		ci = end
	}
}

// foldCell folds value v into cell ci.
func (a *aggregator) foldCell(ci int, v float64, scratch *[]float64) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return
	}
	c := &a.cells[ci]
	c.n++
	d := v - c.mean
	c.mean += d / float64(c.n)
	c.m2 += d * (v - c.mean)
	c.min = math.Min(c.min, v)
	c.max = math.Max(c.max, v)
	switch {
	case c.n <= a.cap:
		a.exact[(c.n-1)*len(a.cells)+ci] = v
	case c.n == a.cap+1:
		a.switchCell(ci, scratch)
		fallthrough
	default:
		sk := a.sketch[5*ci : 5*ci+5]
		for i, p := range Probs {
			sk[i].add(v, p)
		}
	}
}

// values gathers cell ci's exact values into scratch.
func (a *aggregator) values(ci int, scratch *[]float64) []float64 {
	n := min(a.cells[ci].n, a.cap)
	nc := len(a.cells)
	x := (*scratch)[:0]
	for k := range n {
		x = append(x, a.exact[k*nc+ci])
	}
	*scratch = x
	return x
}

// switchCell starts cell ci's P² estimators from its exact values. The
// last cell to switch frees the exact values: no range reads them then.
func (a *aggregator) switchCell(ci int, scratch *[]float64) {
	x := a.values(ci, scratch)
	slices.Sort(x)
	for i, p := range Probs {
		a.sketch[5*ci+i].init(x, p)
	}
	if a.switched.Add(1) == int64(len(a.cells)) {
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
			s.cells[ci] = Describe(a.values(ci, &a.scratch))
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
