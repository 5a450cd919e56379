package sim

import (
	"fmt"
	"math"
)

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
// the first one found.
func (w *World) guard(rule string, d *derived) {
	if w.fault != nil {
		return
	}
	n := len(w.agents)
	s := &w.st
	bad := func(v float64) bool { return math.IsNaN(v) || math.IsInf(v, 0) }
	fail := func(q string, agent string, v float64) {
		w.fault = &FaultError{Turn: w.turn, Label: w.cal.Label(w.turn), Agent: agent, Quantity: q, Rule: rule, Value: v}
	}
	perAgent := []struct {
		name string
		v    []float64
	}{
		{"alignment", s.x}, {"prejudice", s.anchor}, {"ideal", s.ideal}, {"arms", s.arms},
		{"stability", s.stability}, {"stakes", s.stakes},
	}
	if d != nil {
		perAgent = append(perAgent, struct {
			name string
			v    []float64
		}{"revenue", d.revenue}, struct {
			name string
			v    []float64
		}{"supply security", d.supply})
	}
	for _, q := range perAgent {
		for i, v := range q.v {
			if bad(v) {
				fail(q.name, w.agents[i].id, v)
				return
			}
		}
	}
	pairs := []struct {
		name string
		v    []float64
	}{
		{"affinity", s.aff}, {"cooperation", s.coop}, {"pressure", s.press}, {"influence", s.infl},
		{"arms bought", s.armsFrom}, {"coup plotting", s.plotBy},
	}
	for _, q := range pairs {
		for k, v := range q.v {
			if bad(v) {
				fail(q.name, w.agents[k/n].id+"→"+w.agents[k%n].id, v)
				return
			}
		}
	}
	for c, v := range s.intensity {
		if bad(v) {
			fail("intensity", w.conflicts[c].spec.ID, v)
			return
		}
	}
	if bad(s.priceFactor) {
		fail("price factor", "", s.priceFactor)
	}
}
