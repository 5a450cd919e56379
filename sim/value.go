package sim

import "math"

// Terms splits a utility, or a change in it, by interest; each term is
// already multiplied by the agent's weight for that interest.
type Terms struct {
	Security, Energy, Alignment, Conflict float64
}

// Sum is the total utility.
func (t Terms) Sum() float64 { return t.Security + t.Energy + t.Alignment + t.Conflict }

func (t Terms) minus(o Terms) Terms {
	return Terms{t.Security - o.Security, t.Energy - o.Energy, t.Alignment - o.Alignment, t.Conflict - o.Conflict}
}

func (t Terms) scale(k float64) Terms {
	return Terms{t.Security * k, t.Energy * k, t.Alignment * k, t.Conflict * k}
}

func (t Terms) plus(o Terms) Terms {
	return Terms{t.Security + o.Security, t.Energy + o.Energy, t.Alignment + o.Alignment, t.Conflict + o.Conflict}
}

// utility is agent i's weighted utility in state s with derived d, judged
// on the alignments x expected after this turn's update.
func (w *World) utility(s *state, d *derived, x []float64, i int) Terms {
	wt := w.agents[i].weights
	return Terms{
		Security:  wt.Security * w.security(s, i),
		Energy:    wt.Energy * w.energyUtility(d, i),
		Alignment: wt.Alignment * w.alignmentUtility(x, s.ideal, i),
		Conflict:  w.conflictUtility(s, i),
	}
}

// value fills o.gain with the utility a expects from option o.
//
// Most actions are valued by their effect one turn ahead. Actions whose
// payoff comes later are valued by the counterfactual of that payoff,
// discounted: committing to a route is worth the gain of the route open
// (at the prices and production of its opening date) ×
// route_discount^(turns to build), since without every party's
// commitment it is never built; a rival push is worth the loss a
// competitor's route would cause, over the turns it is delayed; signing
// a treaty is worth its gain in force × route_discount; backing a coup
// is worth the gain of a successful coup × the added chance of one over
// the plot's life.
func (w *World) value(a int, o *option) (consents bool) {
	o.cost = w.effect(o.kind).Cost
	if worth := kinds[o.kind].worth; worth != nil {
		return worth(w, a, o)
	}
	mine, theirs := w.lookahead(a, o)
	// The look-ahead sees an effect at full size; most fade, and an
	// option is worth what its effects add up to over the turns they
	// last, on the same footing as a lasting commitment.
	k := w.persistence(a, o)
	o.gain = mine.scale(k)
	o.theirs = theirs.Sum() * k
	return !(o.consent >= 0 && o.theirs < -w.p.ConsentTolerance)
}

func (w *World) worthCommitRoute(a int, o *option) bool {
	o.gain = w.commitValue(a, o.target)
	return true
}

func (w *World) worthRivalRoute(a int, o *option) bool {
	g := Terms{}
	if w.st.routeStatus[o.target] == Proposed {
		g = w.commitValue(a, o.target)
	}
	rt := &w.routes[o.target]
	delay := w.effect(kRivalRoute).Turns
	disc := w.p.RouteDiscount
	for q := range w.routes {
		if !w.pushable(&w.st, rt, o.target, q) {
			continue
		}
		wait := w.turnsToOpen(q)
		// Opening q later by delay turns: its lasting worth is moved
		// delay turns further off.
		open := w.lasting(a, noPending, change{kind: openRoute, a: q}, wait)
		g = g.plus(open.scale(-(1 - math.Pow(disc, float64(delay)))))
	}
	o.gain = g
	return true
}

func (w *World) worthAgreement(a int, o *option) bool {
	o.gain = w.agreementValue(a, o.target)
	return true
}

func (w *World) worthCoercion(a int, o *option) bool {
	g, complies := w.coerceValue(a, o)
	if math.IsInf(g.Security, -1) {
		// A demand the target would meet anyway asks nothing.
		o.gain = Terms{}
		return false
	}
	o.gain, o.complies = g, complies
	return true
}

func (w *World) worthMembership(a int, o *option) bool {
	mine, theirs := w.membershipValue(a, o)
	o.gain = mine
	return !(o.consent >= 0 && theirs.Sum() <= 0)
}

func (w *World) worthBackCoup(a int, o *option) bool {
	t := o.target
	hz := w.coupRate(t)
	if hz == 0 {
		o.gain = Terms{}
		return true
	}
	stab := w.st.stability[t]
	plot := w.effect(kBackCoup).Plot
	chance := hz * (1 - stab) * plot * w.p.CoupSuccess * (1 - stab) / math.Max(w.p.PlotDecay, 0.01)
	o.gain = w.counterfactual(a, change{kind: coupBy, a: t, b: a}, 0).scale(math.Min(1, chance))
	return true
}

// persistence is the worth of an option's effects, which the look-ahead
// sees at full size one turn ahead, as a share of the worth of the same
// change kept for good. A change that starts at full size and fades at
// rate d a turn is worth (1−δ)/(1−δ(1−d)) of a lasting one at discount δ
// (model.route_discount): a tenth for pressure, which halves in under
// three turns, three-fifths for arms, which wear out slowly. A cut-off
// lasts its turns, 1−δ^turns. Lasting commitments (routes, treaties,
// memberships, coups) are valued where their effects settle instead.
func (w *World) persistence(a int, o *option) float64 {
	if p := kinds[o.kind].persist; p != nil {
		return p(w, a, o)
	}
	return 1
}

// fading is the persistence of effects that fade at the rate decay
// gives.
func fading(decay func(w *World, a int, o *option) float64) func(w *World, a int, o *option) float64 {
	return func(w *World, a int, o *option) float64 { return fadeWorth(w.discount(), decay(w, a, o)) }
}

func cooperationDecay(w *World, _ int, _ *option) float64 { return w.p.CooperationDecay }

func conflictDecay(w *World, _ int, o *option) float64 { return w.conflicts[o.target].spec.Decay }

// partnershipDecay: the friendlier relation fades at the relation's
// rate; the step toward each other as fast as each one's stubbornness
// pulls it back to its own position: the faster of the two counts.
func partnershipDecay(w *World, a int, _ *option) float64 {
	return max(w.p.RelationDecay, w.agents[a].stubborn)
}

// fadeWorth is the worth of a change that fades at rate d a turn, as a
// share of a lasting one, at discount delta: (1−δ)/(1−δ(1−d)).
func fadeWorth(delta, d float64) float64 {
	if d <= 0 {
		return 1
	}
	return (1 - delta) / (1 - delta*(1-d))
}

// discount is the per-turn discount factor of valuations, kept below 1 so
// that lasting and fading effects can be compared.
func (w *World) discount() float64 { return min(w.p.RouteDiscount, 0.999) }

// commitValue is what committing to route r is worth to a. Every party's
// commitment is needed, so each is pivotal and weighs the whole value.
// The route is valued at the margin: against a future in which the routes
// already being built, and those a has already committed to, are open too,
// so that a second pipeline for the same gas is worth only what the first
// leaves unsold.
func (w *World) commitValue(a, r int) Terms {
	n := len(w.agents)
	wait := w.turnsToOpen(r)
	base := pending{forAgent: a, except: -1}
	if st := w.st.routeStatus[r]; st == Building || (st == Proposed && w.st.committed[r*n+a]) {
		// r would be among the routes opened in the baseline: keep it shut.
		base.except = r
	}
	return w.lasting(a, base, change{kind: openRoute, a: r}, wait)
}

// horizonSamples is how many years a route's worth is sampled at.
const horizonSamples = 4

// lasting is what a change that takes effect in wait turns and lasts is
// worth to a, against baseline base: its effect at the opening turn and
// at three more points over the next model.route_horizon turns, weighted
// by the discount, averaged, and discounted to today. A pipeline is built
// for the oil of the years after it opens, not for the first year's.
func (w *World) lasting(a int, base pending, c change, wait int) Terms {
	delta := w.discount()
	horizon := max(0, int(math.Round(w.p.RouteHorizon)))
	last := w.turns - 1 - w.turn // turns left in the calendar
	var sum Terms
	total := 0.0
	for k := range horizonSamples {
		ahead := wait + k*horizon/(horizonSamples-1)
		if k > 0 && ahead > last {
			break
		}
		wt := math.Pow(delta, float64(ahead-wait))
		sum = sum.plus(w.counterfactualFrom(a, base, c, ahead).scale(wt))
		total += wt
		if horizon == 0 {
			break
		}
	}
	return sum.scale(math.Pow(delta, float64(wait)) / total)
}

// membershipValue is what joining or leaving is worth to a and to the
// institution's leader. Membership lasts, so it is valued where the
// alignments would settle with and without it, like a pipeline or a
// treaty; the leader, whose consent a new member needs, must value the
// member positively for the same reason. The change in the two states'
// relation fades like any other, and is valued so.
func (w *World) membershipValue(a int, o *option) (mine, theirs Terms) {
	k := o.target
	in := w.insts[k]
	flip := change{kind: joinInst, a: k, b: a}
	if o.kind == kLeave {
		flip.kind = leaveInst
	}
	mine = w.counterfactual(a, flip, 0)
	if o.consent >= 0 {
		theirs = w.counterfactual(o.consent, flip, 0)
	}
	rel := w.effect(o.kind).Relation
	if o.kind == kLeave {
		rel += in.spec.LeaveRelation
	}
	if l := in.leader; l >= 0 && rel != 0 {
		touched := append(w.touchedBuf[:0], a, l)
		w.touchedBuf = touched
		c := pairChange{a: a, b: l, threat: -1, armed: -1, apply: func(s *state, _ []float64) { w.relate(s, a, l, rel) }}
		m, t := w.lookaheadPair(c, o.consent, reach{touched: touched, energy: energyNone, threat: -1, whole: -1})
		f := fadeWorth(w.discount(), w.p.RelationDecay)
		mine, theirs = mine.plus(m.scale(f)), theirs.plus(t.scale(f))
	}
	return mine, theirs
}

// agreementValue is what agreement g in force is worth to party a, a
// turn from now. Every signature is needed, so each party is pivotal.
func (w *World) agreementValue(a, g int) Terms {
	return w.counterfactual(a, change{kind: inForce, a: g}, 0).scale(w.p.RouteDiscount)
}

// turnsToOpen is how long route r would take to open from now.
func (w *World) turnsToOpen(r int) int {
	if w.st.routeStatus[r] == Building {
		return max(0, w.st.routeOpens[r]-w.turn)
	}
	return w.routes[r].spec.BuildTurns + w.st.routeDelay[r]
}

// coupRate is the per-turn coup hazard on agent t at zero stability.
func (w *World) coupRate(t int) float64 {
	r := 0.0
	for _, h := range w.hazards {
		if h.spec.Kind == "coup" && h.target == t && w.turn >= h.from && w.turn < h.upto {
			r += h.spec.Rate / float64(w.cal.Step.PerYear())
		}
	}
	return r
}
