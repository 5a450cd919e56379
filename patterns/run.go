package patterns

import (
	"math"
	"slices"

	"caspian/sim"
)

// RunResult is what one run leaves for the Report: for every pattern
// whether it held and when it first happened, and the run's yearly
// values of every series pattern.
type RunResult struct {
	Run int
	// Held and First are indexed by pattern; First is the first turn the
	// pattern happened (event, state with holds = first), or -1.
	Held  []bool
	First []int
	// Series holds, for each series pattern, the run's yearly means over
	// the observed years (NaN for a year with no turn); nil for the other
	// patterns.
	Series [][]float64
	// Record holds, for each recorded decision after history_until, the
	// distance in turns to the nearest matching choice of the agents, or
	// -1 if they never made it.
	Record []int
	// Actions counts the run's actions by source, actor, kind, target
	// and outcome.
	Actions map[ActionKey]int
	// SecurityLed counts the focal agent's own choices whose largest
	// expected gain was security.
	SecurityLed int
}

// ActionKey is one kind of decision as the counts group it.
type ActionKey struct {
	Source                sim.Source
	Actor, Action, Target string
	Outcome               sim.Outcome
}

// Recorder evaluates every pattern on one run as the engine reports it.
// Make one with Check.Recorder for each run; it is used by one goroutine.
type Recorder struct {
	c      *Check
	res    RunResult
	focal  string
	counts []int // per check: matching decisions (event, share: all matching)
	// per check: share patterns' weight of all matches and of the
	// actor's (a count, or the decisions' sizes)
	weightAll, weightMine []float64
	hits                  []int // per check: turns the condition held (state)
	start                 []float64
	end                   []float64
	sums                  [][]float64
	ns                    [][]int
	done                  bool
}

var _ sim.Recorder = (*Recorder)(nil)

// Recorder returns a recorder for run.
func (c *Check) Recorder(run int) *Recorder {
	n := len(c.checks)
	r := &Recorder{
		c: c, focal: c.sc.Focal,
		counts: make([]int, n), weightAll: make([]float64, n), weightMine: make([]float64, n), hits: make([]int, n),
		start: make([]float64, n), end: make([]float64, n),
		res: RunResult{
			Run: run, Held: make([]bool, n), First: make([]int, n),
			Series: make([][]float64, n), Record: make([]int, len(c.record)),
			Actions: map[ActionKey]int{},
		},
	}
	for i := range r.res.First {
		r.res.First[i] = -1
	}
	for i := range r.res.Record {
		r.res.Record[i] = -1
	}
	r.sums = make([][]float64, len(c.series))
	r.ns = make([][]int, len(c.series))
	for k, i := range c.series {
		years := len(c.checks[i].years)
		r.sums[k], r.ns[k] = make([]float64, years), make([]int, years)
	}
	for i := range c.checks {
		r.start[i], r.end[i] = math.NaN(), math.NaN()
	}
	return r
}

// Decision counts d toward the patterns it matches.
func (r *Recorder) Decision(d *sim.Decision) {
	r.res.Actions[ActionKey{d.Source, d.Actor, d.Action, d.Target, d.Outcome}]++
	if d.Source == sim.ByAgent && d.Actor == r.focal && d.Security > d.Energy && d.Security > d.Alignment && d.Security > d.Conflict {
		r.res.SecurityLed++
	}
	for i := range r.c.checks {
		ch := &r.c.checks[i]
		if (ch.kind != eventKind && ch.kind != shareKind) || d.Turn < ch.from || d.Turn > ch.until || !ch.matches(d) {
			continue
		}
		r.counts[i]++
		if ch.kind == shareKind {
			wt := 1.0
			if ch.bySize {
				wt = d.Size
			}
			r.weightAll[i] += wt
			if d.Actor == ch.actor {
				r.weightMine[i] += wt
			}
		}
		if ch.kind == eventKind && r.res.First[i] < 0 {
			r.res.First[i] = d.Turn
		}
	}
	for k := range r.c.record {
		e := &r.c.record[k]
		if !e.matches(d) {
			continue
		}
		dist := d.Turn - e.turn
		if dist < 0 {
			dist = -dist
		}
		if r.res.Record[k] < 0 || dist < r.res.Record[k] {
			r.res.Record[k] = dist
		}
	}
}

// matches reports whether d is one of the decisions ch counts; for a
// share pattern the actor is not a filter but what the share is of.
func (ch *check) matches(d *sim.Decision) bool {
	if ch.kind == eventKind && ch.actor != "" && d.Actor != ch.actor {
		return false
	}
	if ch.target != "" && d.Target != ch.target {
		return false
	}
	if ch.outcome != "" && d.Outcome != ch.outcome {
		return false
	}
	return slices.Contains(ch.actions, d.Action)
}

// Turn evaluates the quantity patterns on s.
func (r *Recorder) Turn(s *sim.Snapshot) {
	t := s.Turn
	year := int(math.Floor(s.Year))
	series := 0
	for i := range r.c.checks {
		ch := &r.c.checks[i]
		switch ch.kind {
		case stateKind:
			if t > ch.until {
				continue
			}
			ok := ch.condition(s)
			if ch.holds == holdsFirst {
				if ok && r.res.First[i] < 0 {
					r.res.First[i] = t
				}
				continue
			}
			if t >= ch.from && ok {
				r.hits[i]++
			}
		case changeKind:
			if t == ch.from {
				r.start[i] = ch.quantity(s)
			}
			if t == ch.until {
				r.end[i] = ch.quantity(s)
			}
		case seriesKind:
			if t >= ch.from && t <= ch.until {
				if k, ok := slices.BinarySearch(ch.years, year); ok {
					r.sums[series][k] += ch.quantity(s)
					r.ns[series][k]++
				}
			}
			series++
		}
	}
}

// quantity is the value a state, change or series pattern reads.
func (ch *check) quantity(s *sim.Snapshot) float64 {
	v := ch.value(s)
	if ch.than != nil {
		v -= ch.than(s)
	}
	return v
}

// condition is a state pattern's test at one turn.
func (ch *check) condition(s *sim.Snapshot) bool {
	v := ch.quantity(s)
	return v > ch.above && v < ch.below
}

// Result finishes the run and returns its result.
func (r *Recorder) Result() RunResult {
	if r.done {
		return r.res
	}
	r.done = true
	for i := range r.c.checks {
		ch := &r.c.checks[i]
		held := false
		switch ch.kind {
		case eventKind:
			held = r.counts[i] >= ch.min && r.counts[i] <= ch.max
		case shareKind:
			if r.weightAll[i] > 0 {
				share := r.weightMine[i] / r.weightAll[i]
				held = share > ch.above && share < ch.below
			}
		case stateKind:
			span := ch.until - ch.from + 1
			switch ch.holds {
			case holdsAlways:
				held = r.hits[i] == span
			case holdsNever:
				held = r.hits[i] == 0
			case holdsSometime:
				held = r.hits[i] > 0
			case holdsFirst:
				held = r.res.First[i] >= ch.from && r.res.First[i] <= ch.until
			case holdsMostly:
				held = float64(r.hits[i]) >= ch.fraction*float64(span)
			}
		case changeKind:
			d := r.end[i] - r.start[i]
			if ch.spec.Ratio {
				d = r.end[i] / r.start[i]
			}
			held = !math.IsNaN(d) && d > ch.above && d < ch.below
		}
		r.res.Held[i] = held
	}
	// Orders read the first times of other patterns, so they come last.
	for i := range r.c.checks {
		ch := &r.c.checks[i]
		if ch.kind != orderKind {
			continue
		}
		a, b := r.firstOf(ch.first), r.firstOf(ch.then)
		r.res.Held[i] = a >= 0 && b >= 0 && a < b
	}
	for k, i := range r.c.series {
		ch := &r.c.checks[i]
		vals := make([]float64, len(ch.years))
		for y := range vals {
			vals[y] = math.NaN()
			if r.ns[k][y] > 0 {
				vals[y] = r.sums[k][y] / float64(r.ns[k][y])
			}
		}
		r.res.Series[i] = vals
		fit := FitSeries(vals, ch.observed)
		r.res.Held[i] = fit.Correlation >= ch.minCorr && fit.RangeRatio >= ch.minRange
	}
	return r.res
}

// firstOf is the first time of pattern i if it held, or -1.
func (r *Recorder) firstOf(i int) int {
	if !r.res.Held[i] {
		return -1
	}
	return r.res.First[i]
}
