package sim

import "math"

// Coercion with a demand.
//
// Pressure and cut-offs are instruments: the coercer asks something of its
// target (stay in its bloc, join it, keep out of a route that bypasses it,
// sign a treaty or a lease) and threatens a campaign of pressure, or of
// closed routes, until the target gives in. The target meets the demand or
// resists by its own valuation: what giving in costs it, against what the
// campaign would cost it. The coercer cannot read its target's resolve
// exactly: it judges the chance of giving in from its own estimate of the
// target's valuation, with an error of model.resolve_uncertainty, and
// weighs the concession it hopes for against what a campaign against a
// target that resists would cost it (pushing a balancer away, souring the
// relation). A demand without an object is plain intimidation, which can
// pay only against a state that bandwagons with those who threaten it.

// demandKind is what a coercer asks.
type demandKind int8

const (
	demandNone  demandKind = iota // intimidation: no concession asked
	demandStay                    // do not leave the coercer's institution
	demandJoin                    // join the coercer's institution
	demandForgo                   // keep out of a route (withdraw a commitment)
	demandSign                    // sign an agreement with the coercer
)

var demandNames = [...]string{"", "stay in", "join", "keep out of", "sign"}

// demand is a coercer's demand: a kind and its object (an institution,
// route or agreement).
type demand struct {
	kind demandKind
	obj  int
}

// demands lists what coercer a may ask of target t now.
func (w *World) demands(s *state, a, t int, out []demand) []demand {
	n := len(w.agents)
	out = append(out, demand{kind: demandNone})
	if w.History() {
		// The record makes the durable decisions of forced history, so
		// there is nothing to demand.
		return out
	}
	for k, in := range w.insts {
		if in.leader != a || !in.spec.Open || w.turn < in.from {
			continue
		}
		if s.member[k*n+t] {
			// Worth asking only if the target is not pledged already and
			// could leave before a pledge would run out (the longer of a
			// pressure campaign's and a cut-off's).
			if w.turn >= s.pledgeLeave[k*n+t] && w.leavableWithin(k, pledgeTurns*max(1, w.effect(kPressure).Turns, w.effect(kCutoff).Turns)) {
				out = append(out, demand{demandStay, k})
			}
		} else if w.joinable(s, t, k) {
			out = append(out, demand{demandJoin, k})
		}
	}
	for r := range w.routes {
		rt := &w.routes[r]
		if s.routeStatus[r] == Proposed && w.turn >= rt.from && containsInt(rt.parties, t) && !containsInt(rt.parties, a) && w.turn >= s.pledgeForgo[r*n+t] {
			out = append(out, demand{demandForgo, r})
		}
	}
	for g, ag := range w.agrs {
		if !s.inForce[g] && w.turn >= ag.from && containsInt(ag.parties, a) && containsInt(ag.parties, t) && !s.signed[g*n+t] {
			out = append(out, demand{demandSign, g})
		}
	}
	return out
}

// leavableWithin reports whether a member of institution k may leave now
// or within the next turns: at once for an open institution without
// renewal dates, or at a renewal that falls in that time.
func (w *World) leavableWithin(k, turns int) bool {
	in := &w.insts[k]
	if in.renewalsOver(w.turn) {
		return true
	}
	for _, r := range in.renewals {
		if r >= w.turn && r <= w.turn+turns {
			return true
		}
	}
	return false
}

// demandName says what a demand asks, for reports: "stay in cst".
func (w *World) demandName(d demand) string {
	switch d.kind {
	case demandStay, demandJoin:
		return demandNames[d.kind] + " " + w.insts[d.obj].spec.ID
	case demandForgo:
		return demandNames[d.kind] + " " + w.routes[d.obj].spec.ID
	case demandSign:
		return demandNames[d.kind] + " " + w.agrs[d.obj].spec.ID
	}
	return ""
}

// campaignWorth is the worth of a coercion campaign's effects, as a share
// of the same effects kept for good: pressure is held for
// actions.pressure.turns turns (routes stay shut for actions.cutoff.turns),
// then fades.
func (w *World) campaignWorth(k kind) float64 {
	delta := w.discount()
	m := float64(max(1, w.effect(k).Turns))
	held := 1 - math.Pow(delta, m)
	if k == kPressure {
		// After the campaign the pressure fades at its own rate.
		held += math.Pow(delta, m) * fadeWorth(delta, w.p.PressureDecay)
	}
	return held
}

// giveIn is what meeting demand d costs target t, from t's own valuation
// of what the demand stops it doing or makes it do, and whether the demand
// asks anything t would not do anyway.
func (w *World) giveIn(t int, d demand) (loss float64, matters bool) {
	n := len(w.agents)
	switch d.kind {
	case demandStay:
		v := w.netOf(t, kLeave, d.obj)
		return v, v > 0
	case demandForgo:
		if w.st.committed[d.obj*n+t] {
			v := w.commitValue(t, d.obj).Sum()
			return v, v > 0
		}
		v := w.netOf(t, kCommitRoute, d.obj)
		return v, v > 0
	case demandJoin:
		v := w.netOf(t, kJoin, d.obj)
		return -v, v <= 0
	case demandSign:
		v := w.netOf(t, kSignAgreement, d.obj)
		return -v, v <= 0
	}
	return 0, false
}

// netOf is t's net gain from option (k, target) in the current state, as
// t's own rule values it; kept for the rest of the decision phase.
func (w *World) netOf(t int, k kind, target int) float64 {
	for _, e := range w.nets {
		if e.agent == t && e.kind == k && e.target == target {
			return e.net
		}
	}
	o := w.probe()
	defer w.releaseProbe()
	*o = option{kind: k, target: target, consent: -1}
	if k == kJoin {
		o.consent = w.insts[target].leader
	}
	w.value(t, o)
	net := o.net()
	w.nets = append(w.nets, netEntry{t, k, target, net})
	return net
}

// probe lends a scratch option until releaseProbe; a valuation nested in
// another gets its own.
func (w *World) probe() *option {
	if w.probeDepth == len(w.probes) {
		w.probes = append(w.probes, new(option))
	}
	w.probeDepth++
	return w.probes[w.probeDepth-1]
}

func (w *World) releaseProbe() { w.probeDepth-- }

// netEntry is one cached valuation of netOf.
type netEntry struct {
	agent  int
	kind   kind
	target int
	net    float64
}

// concessionWorth is what the concession d by target t is worth to the
// coercer a, against t doing what the demand forbids (or not doing what
// it asks).
func (w *World) concessionWorth(a, t int, d demand) Terms {
	switch d.kind {
	case demandStay:
		return w.counterfactual(a, change{kind: leaveInst, a: d.obj, b: t}, 0).scale(-1)
	case demandJoin:
		return w.counterfactual(a, change{kind: joinInst, a: d.obj, b: t}, 0)
	case demandForgo:
		r := d.obj
		return w.lasting(a, noPending, change{kind: openRoute, a: r}, w.turnsToOpen(r)).scale(-1)
	case demandSign:
		return w.agreementValue(a, d.obj)
	}
	return Terms{}
}

// coerceValue values coercion option o (pressure or cut-off with a
// demand) for a: its expected gain, and whether the target would give in.
func (w *World) coerceValue(a int, o *option) (gain Terms, complies bool) {
	t := o.target
	mine, theirs := w.campaignLookahead(a, o)
	f := w.campaignWorth(o.kind)
	resisted := mine.scale(f)
	if o.demand.kind == demandNone {
		// Intimidation: the pressure itself is the point, and it fades.
		return mine.scale(w.persistence(a, o)), false
	}
	loss, matters := w.giveIn(t, o.demand)
	if !matters {
		return Terms{Security: math.Inf(-1)}, false
	}
	// The campaign would cost the target this much; it gives in when
	// that is more than the concession costs it.
	cost := -theirs.Sum() * f
	complies = loss < cost
	// The coercer's estimate of the same comparison is uncertain.
	p := 1 / (1 + math.Exp(-(cost-loss)/math.Max(w.p.ResolveUncertainty, 1e-9)))
	won := w.concessionWorth(a, t, o.demand)
	return won.scale(p).plus(resisted.scale(1 - p)), complies
}

// pledgeTurns is how many campaigns' lengths a pledge given under threat
// lasts.
const pledgeTurns = 4

// concede applies target t's concession to coercer a's demand d: it does
// what is asked, or pledges for the campaign's length not to do what is
// forbidden.
func (w *World) concede(s *state, a, t int, k kind, d demand, shift []float64) {
	n := len(w.agents)
	// A pledge outlasts the campaign it averted: four times its length.
	until := w.turn + pledgeTurns*max(1, w.effect(k).Turns)
	switch d.kind {
	case demandStay:
		s.pledgeLeave[d.obj*n+t] = max(s.pledgeLeave[d.obj*n+t], until)
	case demandJoin:
		if !s.member[d.obj*n+t] {
			w.apply(s, t, kJoin, d.obj, shift)
		}
		s.pledgeLeave[d.obj*n+t] = max(s.pledgeLeave[d.obj*n+t], until)
	case demandForgo:
		s.committed[d.obj*n+t] = false
		s.pledgeForgo[d.obj*n+t] = max(s.pledgeForgo[d.obj*n+t], until)
	case demandSign:
		s.signed[d.obj*n+t] = true
	}
	// Giving in under threat is resented all the same.
	w.relate(s, a, t, w.effect(k).Relation/2)
}
