package sim

import "fmt"

// Project is a route or treaty an agent is party to that is not yet open
// or in force, or a route it is party to that is being built: what a
// player needs to follow a commitment once it is made.
type Project struct {
	// Kind is "route" or "agreement".
	Kind, ID, Name string
	// Building is true for a route under construction, which opens in the
	// turn labelled Opens.
	Building bool
	Opens    string
	// Agreed lists the parties that have committed or signed, Waiting
	// those that have not, by id in scenario order.
	Agreed, Waiting []string
}

// Projects lists the routes and treaties agent id is party to that are
// proposed and open to commitment, or being built, in scenario order.
func (w *World) Projects(id string) ([]Project, error) {
	a, ok := w.index[id]
	if !ok {
		return nil, fmt.Errorf("no agent %q", id)
	}
	n := len(w.agents)
	s := &w.st
	var out []Project
	for r := range w.routes {
		rt := &w.routes[r]
		if !containsInt(rt.parties, a) {
			continue
		}
		p := Project{Kind: "route", ID: rt.spec.ID, Name: rt.spec.Name}
		switch s.routeStatus[r] {
		case Building:
			p.Building, p.Opens = true, w.cal.Label(min(s.routeOpens[r], w.turns-1))
		case Proposed:
			if w.turn < rt.from {
				continue
			}
			for _, q := range rt.parties {
				if s.committed[r*n+q] {
					p.Agreed = append(p.Agreed, w.agents[q].id)
				} else {
					p.Waiting = append(p.Waiting, w.agents[q].id)
				}
			}
		default:
			continue
		}
		out = append(out, p)
	}
	for g := range w.agrs {
		ag := &w.agrs[g]
		if s.inForce[g] || !containsInt(ag.parties, a) || w.turn < ag.from {
			continue
		}
		p := Project{Kind: "agreement", ID: ag.spec.ID, Name: ag.spec.Name}
		for _, q := range ag.parties {
			if s.signed[g*n+q] {
				p.Agreed = append(p.Agreed, w.agents[q].id)
			} else {
				p.Waiting = append(p.Waiting, w.agents[q].id)
			}
		}
		out = append(out, p)
	}
	return out, nil
}
