package patterns

import (
	"caspian/sim"
)

// recordEvent is one of the scenario's recorded decisions dated after
// history_until: the engine does not apply it, and the agents' own choices
// are set against it.
type recordEvent struct {
	turn                  int
	label                 string
	actor, action, target string
	outcome               sim.Outcome
	date                  sim.Date
}

// recordEvents lists the scenario's recorded decisions from turn
// decideFrom on: dated events not marked always whose kind is an action
// an agent can choose, and coup attempts.
func recordEvents(sc *sim.Scenario, decideFrom int) []recordEvent {
	var out []recordEvent
	turns := sc.Calendar.Turns()
	for _, e := range sc.Events {
		if e.Always {
			continue
		}
		info, ok := sim.Kinds[e.Kind]
		if !ok || (info.Exogenous && e.Kind != "coup") {
			continue
		}
		t := sc.Calendar.TurnOf(e.Date)
		if t < decideFrom || t >= turns || t == 0 {
			continue
		}
		r := recordEvent{turn: t, label: e.Label, actor: e.Actor, action: e.Kind, target: e.Target, date: e.Date}
		if e.Kind == "coup" && e.Success != nil {
			r.outcome = sim.Failed
			if *e.Success {
				r.outcome = sim.Succeeded
			}
		}
		out = append(out, r)
	}
	return out
}

// matchesRecord reports whether d reproduces e (ignoring when).
func (e *recordEvent) matches(d *sim.Decision) bool {
	if d.Action != e.action || d.Target != e.target {
		return false
	}
	if e.actor != "" && d.Actor != e.actor {
		return false
	}
	if e.outcome != "" && d.Outcome != e.outcome {
		return false
	}
	switch d.Source {
	case sim.ByAgent, sim.ByPlayer:
		return e.action != "coup"
	case sim.ByChance:
		return e.action == "coup"
	}
	return false
}
