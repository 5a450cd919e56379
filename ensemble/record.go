package ensemble

import (
	"fmt"
	"sync/atomic"

	"caspian/sim"
)

// AgentMetrics are the names of the per-agent series, in the order they
// are recorded for each agent: sim.AgentMetrics, as in timeseries.csv.
var AgentMetrics = sim.AgentMetricNames()

// Series names one quantity recorded every turn.
type Series struct {
	Entity string // an agent, conflict or route id
	Metric string // one of AgentMetrics, "intensity" or "flow"
}

// Layout is the series of a scenario, in recording order: every agent's
// metrics (agents in snapshot order), then each conflict's intensity,
// then each route's flow.
type Layout struct {
	Series    []Series
	agents    int
	conflicts int
	routes    int
	index     map[Series]int
}

// layoutOf reads the layout off a snapshot.
func layoutOf(s *sim.Snapshot) *Layout {
	l := &Layout{agents: len(s.Agents), conflicts: len(s.Conflicts), routes: len(s.Routes), index: map[Series]int{}}
	for i := range s.Agents {
		for _, m := range AgentMetrics {
			l.Series = append(l.Series, Series{s.Agents[i].ID, m})
		}
	}
	for _, c := range s.Conflicts {
		l.Series = append(l.Series, Series{c.ID, "intensity"})
	}
	for _, r := range s.Routes {
		l.Series = append(l.Series, Series{r.ID, "flow"})
	}
	for i, sr := range l.Series {
		l.index[sr] = i
	}
	return l
}

// Index returns the position of entity's metric in the layout, or -1.
func (l *Layout) Index(entity, metric string) int {
	if i, ok := l.index[Series{entity, metric}]; ok {
		return i
	}
	return -1
}

// Agents returns the agent ids in recording order.
func (l *Layout) Agents() []string {
	ids := make([]string, l.agents)
	for i := range ids {
		ids[i] = l.Series[i*len(AgentMetrics)].Entity
	}
	return ids
}

// fill writes the values of s into dst, which has room for every series.
func (l *Layout) fill(dst []float64, s *sim.Snapshot) error {
	if len(s.Agents) != l.agents || len(s.Conflicts) != l.conflicts || len(s.Routes) != l.routes {
		return fmt.Errorf("turn %d: the snapshot has %d agents, %d conflicts and %d routes, the first run had %d, %d and %d",
			s.Turn, len(s.Agents), len(s.Conflicts), len(s.Routes), l.agents, l.conflicts, l.routes)
	}
	m := len(sim.AgentMetrics)
	for i := range s.Agents {
		a := &s.Agents[i]
		d := dst[i*m : i*m+m]
		for j, metric := range sim.AgentMetrics {
			d[j] = metric.Of(a)
		}
	}
	k := l.agents * m
	for _, c := range s.Conflicts {
		dst[k] = c.Intensity
		k++
	}
	for _, r := range s.Routes {
		dst[k] = r.Flow
		k++
	}
	return nil
}

// actionKey is one action as the counts group it.
type actionKey struct {
	actor, action, target string
	outcome               sim.Outcome
	source                sim.Source
}

// record is what one run leaves for the aggregator. Records are reused
// from run to run, so after the first few runs recording allocates
// nothing.
type record struct {
	run    int
	layout *Layout
	turns  int       // snapshots the scenario records per run
	vals   []float64 // turns × series, turn-major
	n      int       // snapshots recorded so far
	// Turn numbers, labels and years, kept for run 0's calendar.
	turnNums []int
	labels   []string
	years    []float64
	acts     []actionKey
	keep     sim.Recorder
	err      error
	// unfolded counts the ranges of cells yet to fold the run (folder).
	unfolded atomic.Int32
}

var _ sim.Recorder = (*record)(nil)

func newRecord(l *Layout, turns int) *record {
	return &record{
		layout: l, turns: turns,
		vals:     make([]float64, turns*len(l.Series)),
		turnNums: make([]int, turns),
		labels:   make([]string, turns),
		years:    make([]float64, turns),
		acts:     make([]actionKey, 0, 64),
	}
}

func (r *record) reset(run int, keep sim.Recorder) {
	r.run, r.n, r.acts, r.keep, r.err = run, 0, r.acts[:0], keep, nil
}

// Turn implements sim.Recorder.
func (r *record) Turn(s *sim.Snapshot) {
	if r.keep != nil {
		r.keep.Turn(s)
	}
	if r.err != nil {
		return
	}
	if r.n >= r.turns {
		r.err = fmt.Errorf("recorded more than the %d turns of the calendar", r.turns)
		return
	}
	S := len(r.layout.Series)
	if err := r.layout.fill(r.vals[r.n*S:(r.n+1)*S], s); err != nil {
		r.err = err
		return
	}
	r.turnNums[r.n], r.labels[r.n], r.years[r.n] = s.Turn, s.Label, s.Year
	r.n++
}

// Decision implements sim.Recorder.
func (r *record) Decision(d *sim.Decision) {
	if r.keep != nil {
		r.keep.Decision(d)
	}
	r.acts = append(r.acts, actionKey{d.Actor, d.Action, d.Target, d.Outcome, d.Source})
}

// probe catches the first snapshot of a run, to learn the layout.
type probe struct{ layout *Layout }

func (p *probe) Turn(s *sim.Snapshot) {
	if p.layout == nil {
		p.layout = layoutOf(s)
	}
}

func (p *probe) Decision(*sim.Decision) {}
