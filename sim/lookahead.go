package sim

// project computes what follows from state s within one turn: energy
// flows and revenue, then every agent's next alignment plus the direct
// shifts, into d.next.
func (w *World) project(s *state, d *derived, shift []float64) {
	w.projectAt(s, d, shift, w.cal.YearFraction(w.turn))
}

// projectAt is project with energy valued at another year's prices and
// production.
func (w *World) projectAt(s *state, d *derived, shift []float64, year float64) {
	w.energy(s, d, year)
	for i := range w.agents {
		d.next[i] = clamp(w.alignNext(s, d, s.x, i, d.row)+shift[i], -1, 1)
	}
	for i := range w.agents {
		if w.agents[i].pole != 0 {
			d.next[i] = w.agents[i].pole
		}
	}
}

// lookahead is the one-step look-ahead: it applies option o by agent a to
// the current state, projects the turn, and returns the change in utility
// for a and for the agent whose consent o needs. The option's changes to
// the state are recorded as they are made, bounded, and taken back at the
// end (see edits), so the state is as it was before.
//
// Only what the two utilities read is recomputed: energy only for kinds
// that move money or routes, and next alignments only for the agents
// whose alignment enters them (the agent itself, or a pole's sphere).
//
// Security cooperation, partnership, and energy cooperation between a
// producer and another state change the state alike whichever of the two
// proposes them, so their look-ahead is shared within the phase: the
// proposer's gain is the other's gain from the same option on the
// other's menu.
func (w *World) lookahead(a int, o *option) (mine, theirs Terms) {
	mutual := kinds[o.kind].mutual
	shared := mutual != nil && o.consent == o.target && !w.fresh && !w.lookaheadOnly && mutual(w, a, o.target)
	if shared {
		if p := w.pairs.at(o.kind, a, o.target, len(w.agents)); p.phase == w.phaseNo {
			return p.mine, p.theirs
		}
	}
	mine, theirs = w.lookaheadOf(a, o.consent, o)
	if shared {
		*w.pairs.at(o.kind, a, o.target, len(w.agents)) = pairValue{w.phaseNo, mine, theirs}
		*w.pairs.at(o.kind, o.target, a, len(w.agents)) = pairValue{w.phaseNo, theirs, mine}
	}
	return mine, theirs
}

// lookaheadOf is the look-ahead of option o by a for a and other (-1 for
// none): by local deltas for the kinds whose change is confined to actor
// and target.
func (w *World) lookaheadOf(a, other int, o *option) (mine, theirs Terms) {
	apply := func(s *state, shift []float64) { w.apply(s, a, o.kind, o.target, shift) }
	spec := &kinds[o.kind]
	if !spec.local {
		return w.lookaheadWith(a, other, w.reachOf(a, o), apply)
	}
	c := pairChange{a: a, b: o.target, threat: -1, armed: -1, revenue: spec.energy == energyRevenue, apply: apply}
	if spec.movesThreat {
		c.threat = o.target
	}
	if spec.arms {
		c.armed = o.target
	}
	return w.lookaheadPair(c, other, w.reachOf(a, o))
}

// lookaheadPair is lookaheadWith for change c, of reach r, confined to a
// pair (see pairDelta): by local deltas, unless the tests ask for the
// look-ahead itself as their reference.
func (w *World) lookaheadPair(c pairChange, other int, r reach) (mine, theirs Terms) {
	if w.lookaheadOnly {
		return w.lookaheadWith(c.a, other, r, c.apply)
	}
	return w.pairDelta(c, other)
}

// campaignLookahead is the look-ahead of coercion option o by a, for a
// and its target. A campaign's effects do not depend on what it demands,
// so its look-ahead is kept for the phase and shared by its demands.
func (w *World) campaignLookahead(a int, o *option) (mine, theirs Terms) {
	kept := !w.fresh && !w.lookaheadOnly
	p := w.pairs.at(o.kind, a, o.target, len(w.agents))
	if kept && p.phase == w.phaseNo {
		return p.mine, p.theirs
	}
	mine, theirs = w.lookaheadOf(a, o.target, o)
	if kept {
		*p = pairValue{w.phaseNo, mine, theirs}
	}
	return mine, theirs
}

// pairValue is the look-ahead of a mutual or campaign option for its
// actor (mine) and the other party (theirs), valid in decision phase
// phase.
type pairValue struct {
	phase        int
	mine, theirs Terms
}

// pairTable holds one pairValue per mutual or campaign kind and ordered
// pair.
type pairTable []pairValue

func (t pairTable) at(k kind, a, b, n int) *pairValue {
	return &t[(pairSlot[k]*n+a)*n+b]
}

// pairKinds counts the mutual and campaign kinds, and pairSlot numbers
// them, for the pair table; both are set by init with the table of kinds.
var (
	pairKinds int
	pairSlot  [numKinds]int
)

// What a change does to energy, for lookaheadWith: nothing, some agents'
// revenue, or flows (and so everyone's energy ties).
const (
	energyNone = iota
	energyRevenue
	energyFlows
)

// reach is what a change can alter, for lookaheadWith: the agents whose
// pairwise state it writes (touched), what it does to energy, and the
// agent whose threat weights it moves (threat, -1 for none).
//
// A change writes the pairwise state of touched agents toward one
// another only, except in the row of agent whole (-1 for none), which it
// rewrites: a buyer's arms stock, a member's institutions.
type reach struct {
	touched []int
	energy  int
	threat  int
	whole   int
}

// reachOf is the reach of option o by a.
func (w *World) reachOf(a int, o *option) reach {
	spec := &kinds[o.kind]
	r := reach{touched: w.touched(a, o), energy: spec.energy, threat: -1, whole: -1}
	if spec.movesThreat {
		r.threat = o.target
	}
	switch spec.rewrites {
	case rewritesTarget:
		r.whole = o.target
	case rewritesActor:
		r.whole = a
	}
	return r
}

// lookaheadWith is the look-ahead of the change change makes to the
// state: a's and other's changes in utility one turn ahead (other may be
// -1), for a change of reach r.
func (w *World) lookaheadWith(a, other int, r reach, change func(s *state, shift []float64)) (mine, theirs Terms) {
	var pr *phaseRows
	if !w.fresh {
		pr = w.phaseRowsReady() // before the state is edited
	}
	touched := r.touched
	t := &w.st
	shift := w.trialShift
	copy(shift, w.shift) // the baseline includes this turn's event shifts
	w.ed.begin()
	defer w.ed.undo()
	change(t, shift)
	w.ed.bound()
	d := &w.base
	rowsMoved := false
	switch r.energy {
	case energyFlows:
		// Closed routes change flows, and with them everyone's energy ties.
		w.energy(t, &w.scratch, w.cal.YearFraction(w.turn))
		d, rowsMoved = &w.scratch, true
	case energyRevenue:
		// Only the touched agents' revenue changes; flows and energy ties
		// stay as they are.
		w.light = w.base
		w.light.revenue = w.lightRevenue
		copy(w.light.revenue, w.base.revenue)
		for _, i := range touched {
			w.light.revenue[i] = w.revenueOf(t, &w.base, i)
		}
		d = &w.light
	}
	x := w.scratch.next
	w.nextFor(t, d, shift, a, x, r, rowsMoved, pr)
	mine = w.utility(t, d, x, a).minus(w.baseU[a])
	if other >= 0 {
		w.nextFor(t, d, shift, other, x, r, rowsMoved, pr)
		theirs = w.utility(t, d, x, other).minus(w.baseU[other])
	}
	return mine, theirs
}

// touched lists the agents whose rows of pairwise state an action by a
// can change: the actor, an agent target, and the agents it relates to.
// Every other agent's next alignment is the baseline's, unless energy
// flows moved.
func (w *World) touched(a int, o *option) []int {
	out := append(w.touchedBuf[:0], a)
	if touches := kinds[o.kind].touches; touches != nil {
		out = touches(w, o, out)
	} else {
		out = append(out, o.target)
	}
	w.touchedBuf = out
	return out
}

// conflictParties adds the two parties of the conflict o acts on.
func conflictParties(w *World, o *option, out []int) []int {
	cf := &w.conflicts[o.target]
	return append(out, cf.a, cf.b)
}

// institutionLeader adds the leader of the institution o acts on, if it
// has one.
func institutionLeader(w *World, o *option, out []int) []int {
	if l := w.insts[o.target].leader; l >= 0 {
		out = append(out, l)
	}
	return out
}

// routeOrAgreementParties adds the parties of the route or agreement o
// acts on.
func routeOrAgreementParties(w *World, o *option, out []int) []int {
	return append(out, w.routesOrAgreementParties(o)...)
}

func (w *World) routesOrAgreementParties(o *option) []int {
	if o.kind == kSignAgreement {
		return w.agrs[o.target].parties
	}
	return w.routes[o.target].parties
}

// nextFor fills x with the next alignments that agent i's alignment
// utility reads: its own, or for a pole those of its sphere. Agents not
// touched by a change of reach r keep the baseline's next alignment
// unless rowsMoved. With pr, threat weights the change does not move are
// the phase's.
func (w *World) nextFor(s *state, d *derived, shift []float64, i int, x []float64, r reach, rowsMoved bool, pr *phaseRows) {
	n := len(w.agents)
	one := func(j int) {
		if w.agents[j].pole != 0 {
			x[j] = w.agents[j].pole
			return
		}
		if !rowsMoved && !containsInt(r.touched, j) {
			x[j] = w.base.next[j]
			return
		}
		row := w.scratch.row
		var v float64
		switch {
		case pr == nil || j == r.threat:
			v = w.linearRow(s, d, j, row)
		case j == r.whole:
			v = w.linearRowWith(s, d, j, row, pr.threat[j*n:(j+1)*n], pr.anyThr[j])
		default:
			v = w.patchedRow(pr, s, d, j, row, r.touched)
		}
		x[j] = clamp(applyRow(v, row, s.x)+shift[j], -1, 1)
	}
	if w.agents[i].pole == 0 {
		one(i)
		return
	}
	for _, j := range w.agents[i].sphere {
		one(j)
	}
}
