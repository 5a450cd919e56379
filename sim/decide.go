package sim

import (
	"fmt"
	"math"
)

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
// Security cooperation and partnership change the state alike whichever
// of the two states proposes them, so their look-ahead is shared within
// the phase: the proposer's gain is the other's gain from the same
// option on the other's menu.
func (w *World) lookahead(a int, o *option) (mine, theirs Terms) {
	shared := mutual[o.kind] && o.consent == o.target && !w.fresh
	if shared {
		if p := w.pairs.at(o.kind, a, o.target, len(w.agents)); p.phase == w.phaseNo {
			return p.mine, p.theirs
		}
	}
	mine, theirs = w.lookaheadWith(a, o.consent, w.reachOf(a, o), func(s *state, shift []float64) {
		w.apply(s, a, o.kind, o.target, shift)
	})
	if shared {
		*w.pairs.at(o.kind, a, o.target, len(w.agents)) = pairValue{w.phaseNo, mine, theirs}
		*w.pairs.at(o.kind, o.target, a, len(w.agents)) = pairValue{w.phaseNo, theirs, mine}
	}
	return mine, theirs
}

// mutual marks the kinds whose effects are the same whichever party
// proposes them (see apply).
var mutual = [numKinds]bool{kSecurityCoop: true, kPartnership: true}

// pairValue is a mutual option's look-ahead for its proposer (mine) and
// the other party (theirs), valid in decision phase phase.
type pairValue struct {
	phase        int
	mine, theirs Terms
}

// pairTable holds one pairValue per mutual kind and ordered pair.
type pairTable []pairValue

func (t pairTable) at(k kind, a, b, n int) *pairValue {
	slot := 0
	if k == kPartnership {
		slot = 1
	}
	return &t[(slot*n+a)*n+b]
}

// energyEffect is what an action of kind k does to energy.
func energyEffect(k kind) int {
	switch {
	case k == kCutoff:
		return energyFlows
	case movesRevenue[k]:
		return energyRevenue
	}
	return energyNone
}

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
	r := reach{touched: w.touched(a, o), energy: energyEffect(o.kind), threat: -1, whole: -1}
	if movesThreat[o.kind] {
		r.threat = o.target
	}
	switch o.kind {
	case kArmsDeal:
		r.whole = o.target
	case kJoin, kLeave:
		r.whole = a
	}
	return r
}

// movesThreat marks the kinds that change what threatens their target:
// the pressure it is under, the coups plotted in it, its arms (see
// threatWeights).
var movesThreat = [numKinds]bool{kPressure: true, kCutoff: true, kBackCoup: true, kArmsDeal: true}

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

// movesRevenue marks the kinds that change some agents' revenue without
// changing any flow: pressure (the target's loss), energy cooperation
// (stakes) and membership (benefits).
var movesRevenue = [numKinds]bool{kPressure: true, kEnergyCoop: true, kJoin: true, kLeave: true, kArmsDeal: true}

// touched lists the agents whose rows of pairwise state an action by a
// can change: the actor, an agent target, and the agents it relates to.
// Every other agent's next alignment is the baseline's, unless energy
// flows moved.
func (w *World) touched(a int, o *option) []int {
	out := append(w.touchedBuf[:0], a)
	switch o.kind {
	case kMediate, kEscalate, kCeasefire:
		cf := &w.conflicts[o.target]
		out = append(out, cf.a, cf.b)
	case kJoin, kLeave:
		if l := w.insts[o.target].leader; l >= 0 {
			out = append(out, l)
		}
	case kCommitRoute, kRivalRoute, kSignAgreement:
		out = append(out, w.routesOrAgreementParties(o)...)
	default:
		out = append(out, o.target)
	}
	w.touchedBuf = out
	return out
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

// counterfactual is the change in a's utility if the current state were
// changed by c: it values commitments whose effects lie in the future (a
// route once built, a treaty once in force). Energy is valued at the
// prices and production of the turn `ahead` turns from now, when the
// commitment would pay: a pipeline is built for the oil that will flow
// through it, not for today's.
//
// Such commitments last for decades, so their alignment term is judged at
// the alignments the influence network settles to with and without them
// (the Friedkin–Johnsen fixed point of the altered state, see settled),
// not after one turn.
func (w *World) counterfactual(a int, c change, ahead int) Terms {
	return w.counterfactualFrom(a, noPending, c, ahead)
}

// pending names the baseline of a counterfactual: the current state as it
// is (forAgent < 0), or with the routes being built and those forAgent has
// committed to already open, all but route except.
type pending struct{ forAgent, except int }

var noPending = pending{forAgent: -1, except: -1}

// open opens p's routes in s.
func (w *World) open(s *state, p pending) {
	for q := range w.routes {
		if w.opens(s, p, q) {
			s.routeStatus[q], s.routeShut[q] = Open, 0
		}
	}
}

// opens reports whether baseline p opens route q of s.
func (w *World) opens(s *state, p pending, q int) bool {
	if p.forAgent < 0 || q == p.except {
		return false
	}
	return s.routeStatus[q] == Building || (s.routeStatus[q] == Proposed && s.committed[q*len(w.agents)+p.forAgent])
}

// counterfactualFrom is counterfactual judged against the baseline base,
// opened in both worlds, with and without c (see worlds.go).
func (w *World) counterfactualFrom(a int, base pending, c change, ahead int) Terms {
	before := w.worldUtility(a, base, change{}, ahead)
	return w.worldUtility(a, base, c, ahead).minus(before)
}

// settled fills x with the alignments that state s would settle to if
// nothing changed: the fixed point of the update x ↦ Lx + c, found by
// solving (I − L)x = c. Each row of L holds λ_i times weights that, with
// the anchors, sum to one, so the update is a contraction whenever every
// λ_i < 1 and the fixed point lies in [-1,1]; an agent with λ_i = 1
// (no stubbornness) may leave the system singular, and then the update
// is iterated instead.
//
// With pr, the rows of agents not in dirty are built from the phase's
// rows (phaseRow): the world differs from the phase's state in them only
// through energy.
func (w *World) settled(s *state, d *derived, x []float64, pr *phaseRows, dirty []int) {
	n := len(w.agents)
	L, c := w.settleL, w.settleC
	for i := range w.agents {
		row := L[i*n : (i+1)*n]
		if pr != nil && w.agents[i].pole == 0 && !containsInt(dirty, i) {
			c[i] = w.phaseRow(pr, d, i, row)
		} else {
			c[i] = w.linearRow(s, d, i, row)
		}
	}
	w.solveSettled(s, x)
}

// solveSettled fills x with the fixed point of the update in w.settleL
// and w.settleC (see settled).
func (w *World) solveSettled(s *state, x []float64) {
	n := len(w.agents)
	L, c := w.settleL, w.settleC
	A := w.settleA
	for i := range n {
		for j := range n {
			A[i*n+j] = -L[i*n+j]
		}
		A[i*n+i]++
	}
	copy(x, c)
	if solve(A, x, n) {
		for i := range x {
			x[i] = clamp(x[i], -1, 1)
		}
		return
	}
	copy(x, s.x)
	tmp := w.settledTmp
	for range settleIterations {
		for i := range n {
			v := c[i]
			for j, lij := range L[i*n : (i+1)*n] {
				v += lij * x[j]
			}
			tmp[i] = clamp(v, -1, 1)
		}
		copy(x, tmp)
	}
}

// settleIterations bounds the fallback iteration of settled: the update
// contracts by at most max λ per step, so 200 steps leave less than
// 0.9^200 ≈ 1e-9 of the distance for any stubbornness of 0.1 or more.
const settleIterations = 200

// solve overwrites b with the solution of A·x = b (A is n×n, row-major,
// and is destroyed) by Gaussian elimination with partial pivoting. It
// reports false if A is singular to working precision. n is a dozen or
// so here, so a direct solve beats both iteration and a general-purpose
// factorisation that would allocate.
func solve(A, b []float64, n int) bool {
	for k := range n {
		p := k
		for i := k + 1; i < n; i++ {
			if math.Abs(A[i*n+k]) > math.Abs(A[p*n+k]) {
				p = i
			}
		}
		if math.Abs(A[p*n+k]) < 1e-12 {
			return false
		}
		if p != k {
			for j := range n {
				A[k*n+j], A[p*n+j] = A[p*n+j], A[k*n+j]
			}
			b[k], b[p] = b[p], b[k]
		}
		for i := k + 1; i < n; i++ {
			f := A[i*n+k] / A[k*n+k]
			if f == 0 {
				continue
			}
			for j := k; j < n; j++ {
				A[i*n+j] -= f * A[k*n+j]
			}
			b[i] -= f * b[k]
		}
	}
	for i := n - 1; i >= 0; i-- {
		v := b[i]
		for j := i + 1; j < n; j++ {
			v -= A[i*n+j] * b[j]
		}
		b[i] = v / A[i*n+i]
	}
	return true
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
	disc := w.p.RouteDiscount
	switch o.kind {
	case kCommitRoute:
		o.gain = w.commitValue(a, o.target)
	case kRivalRoute:
		g := Terms{}
		if w.st.routeStatus[o.target] == Proposed {
			g = w.commitValue(a, o.target)
		}
		rt := &w.routes[o.target]
		delay := w.effect(kRivalRoute).Turns
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
	case kSignAgreement:
		o.gain = w.agreementValue(a, o.target)
	case kPressure, kCutoff:
		g, complies := w.coerceValue(a, o)
		if math.IsInf(g.Security, -1) {
			// A demand the target would meet anyway asks nothing.
			o.gain = Terms{}
			return false
		}
		o.gain, o.complies = g, complies
	case kJoin, kLeave:
		mine, theirs := w.membershipValue(a, o)
		o.gain = mine
		if o.consent >= 0 && theirs.Sum() <= 0 {
			return false
		}
	case kBackCoup:
		t := o.target
		hz := w.coupRate(t)
		if hz == 0 {
			o.gain = Terms{}
			break
		}
		stab := w.st.stability[t]
		plot := w.effect(kBackCoup).Plot
		chance := hz * (1 - stab) * plot * w.p.CoupSuccess * (1 - stab) / math.Max(w.p.PlotDecay, 0.01)
		o.gain = w.counterfactual(a, change{kind: coupBy, a: t, b: a}, 0).scale(math.Min(1, chance))
	default:
		mine, theirs := w.lookahead(a, o)
		// The look-ahead sees an effect at full size; most fade, and an
		// option is worth what its effects add up to over the turns they
		// last, on the same footing as a lasting commitment.
		k := w.persistence(a, o)
		o.gain = mine.scale(k)
		o.theirs = theirs.Sum() * k
		if o.consent >= 0 && o.theirs < -w.p.ConsentTolerance {
			return false
		}
	}
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
	p := &w.p
	d := 0.0
	switch o.kind {
	case kArmsDeal:
		d = p.ArmsDecay
	case kSecurityCoop, kEnergyCoop, kOutreach:
		d = p.CooperationDecay
	case kPartnership:
		// The friendlier relation fades at the relation's rate; the step
		// toward each other as fast as each one's stubbornness pulls it
		// back to its own position: the faster of the two counts.
		d = max(p.RelationDecay, w.agents[a].stubborn)
	case kPressure:
		d = p.PressureDecay
	case kCutoff:
		return w.campaignWorth(kCutoff)
	case kMediate, kEscalate, kCeasefire:
		d = w.conflicts[o.target].spec.Decay
	default:
		return 1
	}
	return fadeWorth(w.discount(), d)
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
		m, t := w.lookaheadWith(a, o.consent, reach{touched: touched, energy: energyNone, threat: -1, whole: -1}, func(s *state, _ []float64) { w.relate(s, a, l, rel) })
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

// decide lets every agent choose, in each area of policy, one action or
// nothing, and returns the choices, in agent order, in w.picks.
//
// Each agent scores its menu by the expected gain less the action's cost,
// drops bilateral actions its counterparty would refuse (a loss larger
// than consent_tolerance), and in each area picks among doing nothing
// (net 0) and the options that beat it (choose). One uniform number is
// drawn per agent and area every turn, used or not, so that two variants
// of a scenario see the same random stream.
func (w *World) decide(forced []pick) {
	w.picks = w.picks[:0]
	for a := range w.agents {
		var u [numTracks]float64
		for k := range u {
			u[k] = w.rng.Float64()
		}
		if p, ok := findPick(forced, a); ok {
			if p.option.kind >= 0 {
				w.picks = append(w.picks, p)
			}
			continue
		}
		// A state that does not reconsider this turn keeps to what it
		// does; the draw is made only when revision is on, so that the
		// model itself (revision 1) uses the stream as before.
		if w.p.Revision < 1 && w.rng.Float64() >= w.p.Revision {
			continue
		}
		opts := w.menu(&w.st, a, w.menuBuf[:0])
		w.menuBuf = opts
		w.valued += len(opts)
		kept := opts[:0]
		for i := range opts {
			if w.value(a, &opts[i]) {
				kept = append(kept, opts[i])
			}
		}
		// One choice in each area of policy, among its options and doing
		// nothing there.
		for tr := range numTracks {
			area := w.trackBuf[:0]
			for _, o := range kept {
				if kinds[o.kind].track == track(tr) {
					area = append(area, o)
				}
			}
			w.trackBuf = area
			choice, prob := w.choose(area, w.agents[a].temperature, u[tr])
			if choice >= 0 {
				w.picks = append(w.picks, pick{actor: a, option: area[choice], prob: prob})
			}
		}
	}
}

// oneDealPerBuyer keeps, of the arms sales offered to one buyer this
// turn, the one the buyer values most (ties to the first seller in id
// order): a state buys from one supplier at a time, and sellers compete
// for it. The other offers lapse.
func (w *World) oneDealPerBuyer() {
	kept := w.picks[:0]
	for i, p := range w.picks {
		if p.option.kind == kArmsDeal && !p.player {
			best := true
			for j, q := range w.picks {
				if j == i || q.option.kind != kArmsDeal || q.option.target != p.option.target {
					continue
				}
				if q.option.theirs > p.option.theirs || (q.option.theirs == p.option.theirs && j < i) || q.player {
					best = false
					break
				}
			}
			if !best {
				continue
			}
		}
		kept = append(kept, p)
	}
	w.picks = kept
}

// choose applies the logit rule to doing nothing (option -1, net gain 0)
// and the options that beat it: an option whose net gain is not positive
// is never taken, whatever the temperature, since an agent does not act
// against its own interests; the temperature spreads the choice among
// the options worth taking and doing nothing. It returns the index chosen
// and its probability.
func (w *World) choose(opts []option, temp, u float64) (int, float64) {
	best, bestV := -1, 0.0
	for i := range opts {
		if v := opts[i].net(); v > bestV {
			best, bestV = i, v
		}
	}
	if temp <= 0 || best < 0 {
		return best, 1
	}
	// exp((v−max)/T) keeps the largest term at 1, so nothing overflows.
	weight := func(v float64) float64 {
		if v <= 0 {
			return 0
		}
		return math.Exp((v - bestV) / temp)
	}
	nothing := math.Exp(-bestV / temp)
	total := nothing
	for i := range opts {
		total += weight(opts[i].net())
	}
	target := u * total
	acc := nothing
	if target < acc {
		return -1, acc / total
	}
	last := -1
	for i := range opts {
		p := weight(opts[i].net())
		if p == 0 {
			continue
		}
		acc += p
		last = i
		if target < acc {
			return i, p / total
		}
	}
	return last, weight(opts[last].net()) / total
}

// pick is an action chosen this turn.
type pick struct {
	actor   int
	option  option
	prob    float64
	player  bool // given as a Move
	refused bool // a player's bilateral move the counterparty turned down
}

func findPick(ps []pick, a int) (pick, bool) {
	for _, p := range ps {
		if p.actor == a {
			return p, true
		}
	}
	return pick{}, false
}

// Move is an action imposed on an agent for one turn, as a human player
// chooses it: Action is a kind name (or "none" or "" for doing nothing)
// and Target the id its kind acts on. Demand, for pressure and cut-offs,
// is what the move asks of the target, as Choice.Demand words it; empty
// asks nothing.
type Move struct {
	Agent, Action, Target string
	Demand                string
}

// Choice is one action open to an agent in the current turn, with the
// gains the agent's own rule expects from it.
type Choice struct {
	Action, Target string
	// With is the counterparty whose consent the action needs, if any.
	With string
	// Demand is what a pressure or a cut-off asks of its target ("stay
	// in cst"), empty for none.
	Demand string
	Gain   Terms
	Cost   float64
	// Acceptable is false when With would refuse.
	Acceptable bool
	// WithGain is what With expects to gain from the action, by its own
	// rule: a buyer picks, of the arms offered to it, the one it values
	// most.
	WithGain float64
}

// Net is the expected gain less the cost.
func (c Choice) Net() float64 { return c.Gain.Sum() - c.Cost }

// Choices lists the actions agent id may take in the current turn (after
// BeginTurn), in menu order, each valued as the agent's rule values it.
// It is empty when agents do not choose in this turn.
func (w *World) Choices(id string) ([]Choice, error) {
	a, ok := w.index[id]
	if !ok {
		return nil, fmt.Errorf("no agent %q", id)
	}
	if !w.midTurn || !w.Deciding() {
		return nil, nil
	}
	opts := w.menu(&w.st, a, nil)
	out := make([]Choice, len(opts))
	for i := range opts {
		ok := w.value(a, &opts[i])
		o := &opts[i]
		out[i] = Choice{Action: kinds[o.kind].name, Target: w.targetName(o.kind, o.target), Gain: o.gain, Cost: o.cost, Acceptable: ok,
			Demand: w.demandName(o.demand)}
		if o.consent >= 0 {
			out[i].With = w.agents[o.consent].id
			out[i].WithGain = o.theirs
		}
	}
	return out, nil
}

// resolveMoves checks moves against the agents' menus and turns them
// into picks; a "none" move is a pick with kind -1.
func (w *World) resolveMoves(moves []Move) ([]pick, error) {
	var out []pick
	for _, m := range moves {
		a, ok := w.index[m.Agent]
		if !ok {
			return nil, fmt.Errorf("move for unknown agent %q", m.Agent)
		}
		if _, dup := findPick(out, a); dup {
			return nil, fmt.Errorf("two moves for %s in one turn", m.Agent)
		}
		if m.Action == "" || m.Action == "none" {
			out = append(out, pick{actor: a, option: option{kind: -1}, prob: 1, player: true})
			continue
		}
		found := false
		for _, o := range w.menu(&w.st, a, nil) {
			if kinds[o.kind].name != m.Action || w.targetName(o.kind, o.target) != m.Target || w.demandName(o.demand) != m.Demand {
				continue
			}
			ok := w.value(a, &o)
			out = append(out, pick{actor: a, option: o, prob: 1, player: true, refused: !ok})
			found = true
			break
		}
		if !found {
			return nil, fmt.Errorf("%s cannot %s %s in %s: not among its options", m.Agent, m.Action, m.Target, w.label())
		}
	}
	return out, nil
}
