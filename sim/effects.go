package sim

// The immediate effects of each action kind on the state, as the table
// of kinds refers to them: actor a acts on target t (an agent, route,
// institution, agreement or conflict, by kind) with effect sizes e;
// direct alignment steps go to shift. Every write goes through w.ed, so
// that the look-ahead can take it back.

func applyArmsDeal(w *World, s *state, a, t int, e *Effect, _ []float64) {
	n := len(w.agents)
	*w.ed.float(&s.armsFrom[t*n+a], unbounded) += w.dealSize(a)
	w.restock(s, t)
	// The buyer pays the seller a yearly sum for a while: the price fades
	// like a stake on both sides. A poor state can hardly afford arms;
	// oil money buys them.
	price := e.Revenue
	if w.ally(s, a, t) {
		price *= w.p.AllyPrice
	}
	*w.ed.float(&s.stakes[a], unbounded) += price
	*w.ed.float(&s.stakes[t], unbounded) -= price
	*w.ed.float(&s.infl[t*n+a], unbounded) += e.Influence
	w.relate(s, a, t, e.Relation)
}

func applyCommitRoute(w *World, s *state, a, t int, e *Effect, _ []float64) {
	*w.ed.flag(&s.committed[t*len(w.agents)+a]) = true
	for _, q := range w.routes[t].parties {
		if q != a {
			w.relate(s, a, q, e.Relation)
		}
	}
}

func applyRivalRoute(w *World, s *state, a, t int, e *Effect, _ []float64) {
	if s.routeStatus[t] == Proposed {
		*w.ed.flag(&s.committed[t*len(w.agents)+a]) = true
	}
	rt := &w.routes[t]
	for q := range w.routes {
		if !w.pushable(s, rt, t, q) {
			continue
		}
		*w.ed.flag(&s.pushed[t*len(w.routes)+q]) = true
		if s.routeStatus[q] == Building {
			*w.ed.int(&s.routeOpens[q]) += e.Turns
		} else {
			*w.ed.int(&s.routeDelay[q]) += e.Turns
		}
	}
}

func applyJoin(w *World, s *state, a, t int, e *Effect, shift []float64) {
	w.setMember(s, t, a, true)
	in := w.insts[t].spec
	shift[a] += in.Shift * sign(in.Pole-s.x[a])
	if l := w.insts[t].leader; l >= 0 {
		w.relate(s, a, l, e.Relation)
	}
}

func applyLeave(w *World, s *state, a, t int, e *Effect, shift []float64) {
	n := len(w.agents)
	w.setMember(s, t, a, false)
	*w.ed.int(&s.leftAt[t*n+a]) = w.turn
	in := w.insts[t].spec
	shift[a] -= in.Shift * sign(in.Pole-s.x[a])
	if l := w.insts[t].leader; l >= 0 {
		w.relate(s, a, l, in.LeaveRelation+e.Relation)
	}
}

func applyPressure(w *World, s *state, a, t int, e *Effect, _ []float64) {
	*w.ed.float(&s.press[a*len(w.agents)+t], unitSpan) += e.Pressure
	w.relate(s, a, t, e.Relation)
}

func applyCutoff(w *World, s *state, a, t int, e *Effect, _ []float64) {
	for r := range w.routes {
		rt := &w.routes[r]
		if rt.producer == t && w.routeOpen(s, r) && (rt.market == a || containsInt(rt.transit, a)) {
			*w.ed.int(&s.routeShut[r]) = max(s.routeShut[r], w.turn+max(1, e.Turns))
		}
	}
	*w.ed.float(&s.press[a*len(w.agents)+t], unitSpan) += e.Pressure
	w.relate(s, a, t, e.Relation)
}

func applyBackCoup(w *World, s *state, a, t int, e *Effect, _ []float64) {
	*w.ed.float(&s.plotBy[t*len(w.agents)+a], unitSpan) += e.Plot
	w.relate(s, a, t, e.Relation)
}

func applySecurityCoop(w *World, s *state, a, t int, e *Effect, _ []float64) {
	n := len(w.agents)
	*w.ed.float(&s.coop[a*n+t], unitSpan) += e.Cooperation
	*w.ed.float(&s.coop[t*n+a], unitSpan) += e.Cooperation
	w.relate(s, a, t, e.Relation)
}

func applyEnergyCoop(w *World, s *state, a, t int, e *Effect, _ []float64) {
	*w.ed.float(&s.stakes[a], unbounded) += e.Revenue
	*w.ed.float(&s.stakes[t], unbounded) += e.Revenue
	prod, partner := a, t
	if !w.agents[a].producer {
		prod, partner = t, a
	}
	*w.ed.float(&s.infl[prod*len(w.agents)+partner], unbounded) += e.Influence
	w.relate(s, a, t, e.Relation)
}

func applySignAgreement(w *World, s *state, a, t int, _ *Effect, _ []float64) {
	*w.ed.flag(&s.signed[t*len(w.agents)+a]) = true
}

func applyMediate(w *World, s *state, a, t int, e *Effect, _ []float64) {
	*w.ed.float(&s.intensity[t], unitSpan) += e.Intensity
	cf := &w.conflicts[t]
	for _, p := range [2]int{cf.a, cf.b} {
		w.relate(s, a, p, e.Relation)
		*w.ed.float(&s.infl[p*len(w.agents)+a], unbounded) += e.Influence
	}
}

// applyIntensity is a party's escalation or ceasefire: the conflict's
// intensity moves, and so does the relation with the other party.
func applyIntensity(w *World, s *state, a, t int, e *Effect, _ []float64) {
	*w.ed.float(&s.intensity[t], unitSpan) += e.Intensity
	cf := &w.conflicts[t]
	other := cf.a
	if other == a {
		other = cf.b
	}
	w.relate(s, a, other, e.Relation)
}

func applyOutreach(w *World, s *state, a, t int, e *Effect, _ []float64) {
	*w.ed.float(&s.infl[t*len(w.agents)+a], unbounded) += e.Influence * w.culture[a*len(w.agents)+t]
	w.relate(s, a, t, e.Relation)
}

func applyPartnership(w *World, s *state, a, t int, e *Effect, shift []float64) {
	w.relate(s, a, t, e.Relation)
	shift[a] += e.Shift * sign(s.x[t]-s.x[a])
	shift[t] += e.Shift * sign(s.x[a]-s.x[t])
}
