package output

import (
	"caspian/sim"
)

// Collector records one run. It implements sim.Recorder.
//
// The engine reuses a Snapshot and its slices from turn to turn, so the
// Collector keeps deep copies. A Collector is used by one goroutine only,
// as sim.Ensemble guarantees, and needs no locking.
type Collector struct {
	sc        *sim.Scenario
	run       int
	snapshots []sim.Snapshot
	decisions []sim.Decision
}

var _ sim.Recorder = (*Collector)(nil)

// NewCollector returns an empty Collector for run number run of sc.
func NewCollector(sc *sim.Scenario, run int) *Collector {
	return &Collector{sc: sc, run: run}
}

// Run is the run index the Collector was made for; the files use it in
// their run column.
func (c *Collector) Run() int { return c.run }

// Scenario is the scenario the Collector was made for.
func (c *Collector) Scenario() *sim.Scenario { return c.sc }

// Snapshots returns the recorded states in the order received. The slice
// belongs to the Collector: callers must not modify it.
func (c *Collector) Snapshots() []sim.Snapshot { return c.snapshots }

// Decisions returns the recorded decisions in the order received. The
// slice belongs to the Collector: callers must not modify it.
func (c *Collector) Decisions() []sim.Decision { return c.decisions }

// Turn records a deep copy of s.
func (c *Collector) Turn(s *sim.Snapshot) {
	c.snapshots = append(c.snapshots, copySnapshot(s))
}

// Decision records a copy of d. A Decision holds no slices, so a value
// copy is deep.
func (c *Collector) Decision(d *sim.Decision) {
	c.decisions = append(c.decisions, *d)
}

// copySnapshot copies s and every slice it holds. All affinity rows share
// one backing array so a long ensemble costs one allocation per turn for
// them rather than one per agent.
func copySnapshot(s *sim.Snapshot) sim.Snapshot {
	out := *s
	out.Agents = append([]sim.AgentState(nil), s.Agents...)
	n := 0
	for i := range s.Agents {
		n += len(s.Agents[i].Affinity)
	}
	aff := make([]float64, 0, n)
	for i := range out.Agents {
		src := s.Agents[i].Affinity
		if src == nil {
			continue
		}
		start := len(aff)
		aff = append(aff, src...)
		out.Agents[i].Affinity = aff[start:len(aff):len(aff)]
	}
	out.Conflicts = append([]sim.ConflictState(nil), s.Conflicts...)
	out.Routes = append([]sim.RouteState(nil), s.Routes...)
	out.Institutions = append([]sim.InstitutionState(nil), s.Institutions...)
	if len(s.Institutions) > 0 {
		members := make([]bool, 0, len(s.Institutions)*len(s.Agents))
		for k := range out.Institutions {
			start := len(members)
			members = append(members, s.Institutions[k].Members...)
			out.Institutions[k].Members = members[start:len(members):len(members)]
		}
	}
	out.Agreements = append([]sim.AgreementState(nil), s.Agreements...)
	return out
}

// last returns the final recorded snapshot, or nil before any.
func (c *Collector) last() *sim.Snapshot {
	if len(c.snapshots) == 0 {
		return nil
	}
	return &c.snapshots[len(c.snapshots)-1]
}

// agentIndex returns the position of agent id in s, or -1. Agents come in
// the same order every turn, so the hint (the index found last time) is
// nearly always right and the search is skipped.
func agentIndex(s *sim.Snapshot, id string, hint int) int {
	if hint >= 0 && hint < len(s.Agents) && s.Agents[hint].ID == id {
		return hint
	}
	for i := range s.Agents {
		if s.Agents[i].ID == id {
			return i
		}
	}
	return -1
}
