package sim

import "fmt"

// FaultError reports the first value that stopped being a finite number,
// and the rule after which it was found, so that a numerical fault stops
// the run where it arose instead of spreading silently.
type FaultError struct {
	Turn     int
	Label    string
	Agent    string // the agent (or agent pair "A→B") the value belongs to, if any
	Quantity string // the state variable, e.g. "alignment"
	Rule     string // the step of the turn after which it was found
	Value    float64
}

func (e *FaultError) Error() string {
	who := ""
	if e.Agent != "" {
		who = " of " + e.Agent
	}
	return fmt.Sprintf("turn %d (%s): %s%s became %v after %s", e.Turn, e.Label, e.Quantity, who, e.Value, e.Rule)
}

// Err returns the numerical fault that stopped the run, or nil.
func (w *World) Err() error {
	if w.fault == nil {
		return nil
	}
	return w.fault
}

// guard looks for a non-finite value in the state after rule and keeps
// the first one found. It allocates nothing unless it finds one.
func (w *World) guard(rule string, d *derived) {
	if w.fault != nil {
		return
	}
	s := &w.st
	w.guardAgents(rule, "alignment", s.x)
	w.guardAgents(rule, "prejudice", s.anchor)
	w.guardAgents(rule, "ideal", s.ideal)
	w.guardAgents(rule, "arms", s.arms)
	w.guardAgents(rule, "stability", s.stability)
	w.guardAgents(rule, "peacetime stability", s.stabBase)
	w.guardAgents(rule, "stakes", s.stakes)
	if d != nil {
		w.guardAgents(rule, "revenue", d.revenue)
		w.guardAgents(rule, "supply security", d.supply)
	}
	w.guardPairs(rule, "affinity", s.aff)
	w.guardPairs(rule, "cooperation", s.coop)
	w.guardPairs(rule, "pressure", s.press)
	w.guardPairs(rule, "influence", s.infl)
	w.guardPairs(rule, "arms bought", s.armsFrom)
	w.guardPairs(rule, "coup plotting", s.plotBy)
	w.guardPairs(rule, "alarm", s.alarm)
	for c, v := range s.intensity {
		if !finite(v) && w.fault == nil {
			w.fail(rule, "intensity", w.conflicts[c].spec.ID, v)
		}
		if !finite(s.control[c]) && w.fault == nil {
			w.fail(rule, "control", w.conflicts[c].spec.ID, s.control[c])
		}
	}
	if !finite(s.priceFactor) && w.fault == nil {
		w.fail(rule, "price factor", "", s.priceFactor)
	}
}

func (w *World) guardAgents(rule, quantity string, v []float64) {
	for i, x := range v {
		if !finite(x) && w.fault == nil {
			w.fail(rule, quantity, w.agents[i].id, x)
		}
	}
}

func (w *World) guardPairs(rule, quantity string, v []float64) {
	n := len(w.agents)
	for k, x := range v {
		if !finite(x) && w.fault == nil {
			w.fail(rule, quantity, w.agents[k/n].id+"→"+w.agents[k%n].id, x)
		}
	}
}

func (w *World) fail(rule, quantity, agent string, v float64) {
	w.fault = &FaultError{Turn: w.turn, Label: w.label(), Agent: agent, Quantity: quantity, Rule: rule, Value: v}
}
