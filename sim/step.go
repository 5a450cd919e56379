package sim

import (
	"errors"
	"fmt"
	"math"
	"strconv"
)

// Step plays one turn and reports it to rec (which may be nil):
//
//  1. the calendar: building routes whose date has come open, price
//     shocks expire;
//  2. exogenous events: the scenario's dated events (all of them during
//     forced history, only those marked always after it), then hazards;
//  3. decisions: every agent chooses, in each area of policy, an action
//     or nothing against the state left by step 2 (during forced history
//     only among what the record does not govern);
//  4. all chosen actions take effect together, then commitments settle;
//  5. energy flows and revenue are recomputed and every alignment is
//     updated at once (Friedkin–Johnsen), plus the direct shifts;
//  6. revenue buys arms (agents with an arms budget), transient states
//     fade, wars that one side dominates end;
//  7. interests are computed and the turn is recorded.
//
// Step starts the world first if Start was not called. It is BeginTurn
// (steps 1–2) followed by EndTurn (steps 3–7) with no player moves.
func (w *World) Step(rec Recorder) {
	if w.BeginTurn(rec) {
		_ = w.EndTurn(rec) // cannot fail without moves
	}
}

// BeginTurn advances to the next turn and applies its calendar, dated
// events and hazards (steps 1–2 of Step); the agents have not chosen yet,
// so Choices shows what each could do. It reports false, and does
// nothing, once the last turn has been played.
func (w *World) BeginTurn(rec Recorder) bool {
	if !w.started {
		w.Start(rec)
	}
	if w.Done() {
		return false
	}
	w.turn++
	s := &w.st
	clear(w.shift)
	w.advanceCalendar(s, rec)
	if !w.opt.NoEvents {
		w.scheduled(s, rec)
		w.guard("dated events", nil)
		w.drawHazards(s, rec)
		w.guard("hazards", nil)
	}
	w.settle(s, false) // may put treaties in force, which add affinity: bound after
	w.bound(s)
	if w.Deciding() && !w.History() {
		w.renew(s, rec)
	}
	if w.Deciding() {
		w.newPhase()
	}
	w.midTurn = true
	return true
}

// Deciding reports whether agents choose actions in the current turn:
// every turn after the first, unless decisions are switched off. During
// forced history (see History) they choose only what the record does not
// govern.
func (w *World) Deciding() bool { return !w.opt.NoDecisions && w.turn > 0 }

// History reports whether the current turn lies in forced history,
// before calendar.history_until: the scenario's dated record makes the
// durable decisions (routes, treaties, memberships, war and peace, coups)
// and the agents choose only among the rest.
func (w *World) History() bool { return w.turn < w.decideFrom }

// EndTurn finishes the turn BeginTurn opened (steps 3–7 of Step). Every
// agent chooses by its rule except those given a Move, which take it: a
// player's bilateral move still needs the counterparty's consent and is
// recorded as refused without it. A move that is not on the agent's menu
// is an error, and then nothing of the turn's decisions happens (call
// EndTurn again with valid moves).
func (w *World) EndTurn(rec Recorder, moves ...Move) error {
	if !w.midTurn {
		return errors.New("no turn is open: call BeginTurn first")
	}
	s := &w.st
	if w.Deciding() {
		forced, err := w.resolveMoves(moves)
		if err != nil {
			return err
		}
		w.decide(forced)
		w.oneDealPerBuyer()
		// Concessions first: a state that gives in this turn is bound by
		// its pledge at once, whatever its own choices and the order of
		// the agents.
		for _, p := range w.picks {
			if o := &p.option; !p.refused && o.demand.kind != demandNone && o.complies {
				w.concede(s, p.actor, o.target, o.kind, o.demand, w.shift)
			}
		}
		w.dropBroken()
		for _, p := range w.picks {
			if p.refused {
				continue
			}
			o := &p.option
			if o.demand.kind != demandNone {
				if o.complies {
					continue
				}
				// Resisted: the campaign begins, and the pressure is held.
				n := len(w.agents)
				s.pressHeld[p.actor*n+o.target] = w.turn + max(1, w.effect(o.kind).Turns)
			}
			w.apply(s, p.actor, o.kind, o.target, w.shift)
		}
		// Projects are valued on the state the actions leave, bounded as
		// every valuation's state is; treaties put in force add affinity,
		// so bound again after.
		w.bound(s)
		w.settle(s, true)
		w.bound(s)
		w.guard("the agents' actions", nil)
		w.report(rec)
	} else if len(moves) > 0 {
		return fmt.Errorf("%s: agents do not choose in this turn (decisions are off)", w.label())
	}
	w.midTurn = false
	w.project(s, &w.base, w.shift)
	copy(s.x, w.base.next)
	w.guard("the energy allocation and alignment update", &w.base)
	w.buyArms(s, &w.base)
	w.fade(s)
	w.guard("arms purchases and fading", nil)
	w.endWars(s, rec)
	if w.fault != nil {
		return w.fault
	}
	w.record(rec)
	return nil
}

// dropBroken removes from this turn's picks the choices a state has just
// pledged, under threat, not to make: leaving an institution it pledged
// to stay in, committing to a route it pledged to keep out of. The
// concession supersedes them.
func (w *World) dropBroken() {
	n := len(w.agents)
	kept := w.picks[:0]
	for _, p := range w.picks {
		o := &p.option
		switch {
		case o.kind == kLeave && w.turn < w.st.pledgeLeave[o.target*n+p.actor]:
			continue
		case o.kind == kCommitRoute && w.turn < w.st.pledgeForgo[o.target*n+p.actor]:
			continue
		}
		kept = append(kept, p)
	}
	w.picks = kept
}

// Start applies the events dated in the first turn (they belong to the
// initial state, so they are forced whatever history_until says) and
// records turn 0. Calling it twice does nothing.
func (w *World) Start(rec Recorder) {
	if w.started {
		return
	}
	w.started = true
	if !w.opt.NoEvents {
		w.scheduled(&w.st, rec)
		w.settle(&w.st, false)
		w.bound(&w.st)
		// Direct shifts of first-turn events act at once.
		for i := range w.agents {
			if w.agents[i].pole == 0 {
				w.st.x[i] = clamp(w.st.x[i]+w.shift[i], -1, 1)
			}
		}
		clear(w.shift)
	}
	w.record(rec)
}

// report hands this turn's chosen actions to rec with their reasons.
func (w *World) report(rec Recorder) {
	if rec == nil {
		return
	}
	for _, p := range w.picks {
		o := &p.option
		d := Decision{
			Run: w.opt.Run, Turn: w.turn, Label: w.label(), Source: ByAgent,
			Actor: w.agents[p.actor].id, Action: kinds[o.kind].name, Target: w.targetName(o.kind, o.target),
			Outcome: Done, Security: o.gain.Security, Energy: o.gain.Energy, Alignment: o.gain.Alignment,
			Conflict: o.gain.Conflict, Cost: o.cost, Probability: p.prob,
		}
		if p.player {
			d.Source = ByPlayer
		}
		if o.kind == kArmsDeal {
			d.Size = w.dealSize(p.actor)
		}
		if p.refused {
			d.Outcome = Refused
		}
		if o.demand.kind != demandNone {
			d.Note = "demand: " + w.demandName(o.demand)
			d.Outcome = "resisted"
			if o.complies {
				d.Outcome = "conceded"
			}
		}
		if o.consent >= 0 {
			d.With = w.agents[o.consent].id
		}
		rec.Decision(&d)
	}
}

// renew lets every member of an institution whose treaty is up for
// renewal this turn decide whether to prolong its membership: one that
// would gain more than leaving costs lets it lapse, unless it has pledged to stay.
// During forced history the record decides instead.
func (w *World) renew(s *state, rec Recorder) {
	n := len(w.agents)
	for k := range w.insts {
		in := &w.insts[k]
		if !in.spec.Open || !containsInt(in.renewals, w.turn) {
			// A closed institution's membership changes only by the record.
			continue
		}
		w.newPhase()
		// Every member decides on the same state; the lapses apply after.
		type lapse struct {
			a    int
			gain Terms
		}
		var lapses []lapse
		for a := range w.agents {
			if !s.member[k*n+a] || a == in.leader || w.turn < s.pledgeLeave[k*n+a] {
				continue
			}
			o := option{kind: kLeave, target: k, consent: -1}
			if gain, _ := w.membershipValue(a, &o); gain.Sum() > w.effect(kLeave).Cost {
				lapses = append(lapses, lapse{a, gain})
			}
		}
		for _, l := range lapses {
			w.apply(s, l.a, kLeave, k, w.shift)
			if rec != nil {
				d := Decision{Run: w.opt.Run, Turn: w.turn, Label: w.label(), Source: ByAgent, Actor: w.agents[l.a].id,
					Action: "leave", Target: in.spec.ID, Outcome: Done, Probability: 1, Note: "does not renew its membership",
					Security: l.gain.Security, Energy: l.gain.Energy, Alignment: l.gain.Alignment, Conflict: l.gain.Conflict,
					Cost: w.effect(kLeave).Cost}
				rec.Decision(&d)
			}
		}
	}
}

// advanceCalendar opens routes whose building time is over and ends
// expired price shocks.
func (w *World) advanceCalendar(s *state, rec Recorder) {
	for r := range w.routes {
		if s.routeStatus[r] == Building && s.routeOpens[r] >= 0 && w.turn >= s.routeOpens[r] {
			s.routeStatus[r] = Open
		}
	}
	// An agreement whose term has run out lapses; its parties may sign
	// it again.
	n := len(w.agents)
	for g := range w.agrs {
		if !s.inForce[g] || s.inForceUntil[g] < 0 || w.turn < s.inForceUntil[g] {
			continue
		}
		s.inForce[g] = false
		clear(s.signed[g*n : (g+1)*n])
		if rec != nil {
			d := Decision{Run: w.opt.Run, Turn: w.turn, Label: w.label(), Source: ByRule,
				Action: "expire", Target: w.agrs[g].spec.ID, Outcome: Ended, Note: w.agrs[g].spec.Name + " lapses"}
			rec.Decision(&d)
		}
	}
	if s.shockUntil > 0 && w.turn >= s.shockUntil {
		s.priceFactor, s.shockUntil = 1, 0
	}
}

// scheduled applies the scenario's events dated in this turn.
func (w *World) scheduled(s *state, rec Recorder) {
	forced := w.turn < w.decideFrom || w.turn == 0
	for i := range w.events[w.turn] {
		e := &w.events[w.turn][i]
		if !forced && !e.Always {
			continue
		}
		outcome := w.event(s, e)
		if rec != nil {
			d := Decision{
				Run: w.opt.Run, Turn: w.turn, Label: w.label(), Source: Scheduled,
				Actor: e.Actor, Action: e.Kind, Target: e.Target, Outcome: outcome, Probability: 1,
				Note: e.Label, Key: e.Key,
			}
			rec.Decision(&d)
		}
	}
}

// event applies one dated event and says what happened.
func (w *World) event(s *state, e *EventSpec) Outcome {
	info := Kinds[e.Kind]
	t := w.targetIndex(info.Target, e.Target)
	actor := -1
	if e.Actor != "" {
		actor = w.index[e.Actor]
	}
	value := 0.0
	if e.Value != nil {
		value = *e.Value
	}
	if k, ok := kindByName(e.Kind); ok {
		// A dated commitment or signature is the actor's own, as the
		// record lists each party's: the route is built, the treaty comes
		// into force, once every party's is in.
		w.apply(s, actor, k, t, w.shift)
		return Done
	}
	switch e.Kind {
	case "route_open":
		s.routeStatus[t] = Open
		s.routeShut[t] = 0
	case "route_cancel":
		s.routeStatus[t] = Cancelled
	case "route_close":
		s.routeShut[t] = max(s.routeShut[t], w.turn+max(1, e.Turns))
	case "conflict_intensity":
		s.intensity[t] = value
	case "conflict_end":
		s.ended[t] = true
		s.winner[t] = actor
		w.reoppose(s)
	case "coup":
		success := w.rng.Float64() < w.p.CoupSuccess*(1-s.stability[t])
		if e.Success != nil {
			success = *e.Success
		}
		mag := 0.3
		if e.Value != nil {
			mag = value
		}
		return w.coup(s, t, actor, success, mag)
	case "stability":
		s.stability[t] = clamp(s.stability[t]+value, 0, 1)
	case "relation":
		w.relate(s, actor, t, value)
	case "shift":
		w.shift[t] += value
	case "attack":
		w.attack(s, actor, t, e.Value)
	}
	return Done
}

// attack applies a war that actor makes on target (-1 for a state outside
// the scenario), of severity value (0.5 if nil). The target is coerced as
// by a pressure campaign of that size and its relation with the actor
// falls by as much. Every other state the actor cares about (its sphere,
// for a pole; otherwise every state that is not a pole) is alarmed: it
// feels a threat from the actor of model.alarm × severity, which fades
// like a relation. A war on a neighbour is a warning to the rest, which
// balance against the attacker or bandwagon with it by their own threat
// response.
func (w *World) attack(s *state, actor, target int, value *float64) {
	n := len(w.agents)
	sev := 0.5
	if value != nil {
		sev = *value
	}
	if target >= 0 {
		s.press[actor*n+target] += sev
		w.relate(s, actor, target, -sev)
		s.attacked[target*n+actor] = true
		w.keepInstRevenue(s, target)
		// War voids what the target pledged to stay in the attacker's
		// blocs, and its pledges to keep out of routes (a pledge does not
		// record who asked for it: in practice the great power the route
		// bypasses).
		for k, in := range w.insts {
			if in.leader == actor {
				s.pledgeLeave[k*n+target] = 0
			}
		}
		for r := range w.routes {
			s.pledgeForgo[r*n+target] = 0
		}
	}
	w.alarmOthers(s, actor, target, sev)
}

// alarmOthers alarms every state actor's power reaches (its sphere, for a
// pole; otherwise every state that is not a pole), except target, by
// model.alarm × severity.
func (w *World) alarmOthers(s *state, actor, target int, sev float64) {
	n := len(w.agents)
	alarmed := w.agents[actor].sphere
	if w.agents[actor].pole == 0 {
		alarmed = nil
	}
	for j := range w.agents {
		if w.agents[j].pole != 0 || j == target || j == actor {
			continue
		}
		if alarmed != nil && !containsInt(alarmed, j) {
			continue
		}
		*w.ed.float(&s.alarm[j*n+actor], unitSpan) += w.p.Alarm * sev
	}
}

// drawHazards draws every hazard once per turn. Every hazard draws its
// numbers each turn whether or not it is exposed, so the random stream
// does not depend on the state.
func (w *World) drawHazards(s *state, rec Recorder) {
	perYear := float64(w.cal.Step.PerYear())
	n := len(w.agents)
	for _, h := range w.hazards {
		u, u2, z := w.rng.Float64(), w.rng.Float64(), w.rng.NormFloat64()
		if w.turn < h.from || w.turn >= h.upto {
			continue
		}
		p := h.spec.Rate / perYear
		label := ""
		switch h.spec.Kind {
		case "coup":
			if w.History() {
				// The record lists every coup attempt of forced history.
				continue
			}
			t := h.target
			plot := 0.0
			for j := range w.agents {
				plot += s.plotBy[t*n+j]
			}
			if u >= p*(1-s.stability[t])*(1+plot) {
				continue
			}
			backer := -1
			for j := range w.agents {
				if s.plotBy[t*n+j] > 0.05 && (backer < 0 || s.plotBy[t*n+j] > s.plotBy[t*n+backer]) {
					backer = j
				}
			}
			outcome := w.coup(s, t, backer, u2 < w.p.CoupSuccess*(1-s.stability[t]), h.spec.Magnitude)
			w.hazardDecision(rec, backer, "coup", w.agents[t].id, outcome, "coup attempt")
			continue
		case "flare":
			if s.ended[h.target] || u >= p {
				continue
			}
			s.intensity[h.target] += h.spec.Magnitude
			label = "flare-up"
			w.hazardDecision(rec, -1, "flare", w.conflicts[h.target].spec.ID, Done, label)
		case "price_shock":
			if u >= p {
				continue
			}
			s.priceFactor = math.Exp(h.spec.Magnitude * z)
			s.shockUntil = w.turn + max(1, h.spec.Turns)
			w.hazardDecision(rec, -1, "price_shock", "", Done, "price ×"+strconv.FormatFloat(s.priceFactor, 'f', 2, 64))
		}
	}
}

func (w *World) hazardDecision(rec Recorder, actor int, action, target string, outcome Outcome, note string) {
	if rec == nil {
		return
	}
	d := Decision{
		Run: w.opt.Run, Turn: w.turn, Label: w.label(), Source: ByChance,
		Action: action, Target: target, Outcome: outcome, Note: note,
	}
	if actor >= 0 {
		d.Actor = w.agents[actor].id
	}
	rec.Decision(&d)
}

// coup resolves a coup attempt in t backed by backer (-1 for none).
// A successful coup leaves a weaker state whose new government leans
// toward its backer: alignment, prejudice and ideal all move
// back_coup.shift of the way to the backer's position. A failed one
// consolidates the government (stability +0.1) and sours its relations
// with everyone who plotted. Either way the plots are spent.
func (w *World) coup(s *state, t, backer int, success bool, magnitude float64) Outcome {
	n := len(w.agents)
	outcome := Failed
	if success {
		w.coupSucceeds(s, t, backer)
		s.stability[t] = clamp(s.stability[t]-magnitude, 0, 1)
		outcome = Succeeded
	} else {
		// Surviving a coup consolidates the government: it purges the
		// plotters and stands firmer from then on.
		s.stability[t] = clamp(s.stability[t]+w.p.CoupConsolidation, 0, 1)
		s.stabBase[t] = clamp(s.stabBase[t]+w.p.CoupConsolidation, 0, 1)
		for j := range w.agents {
			if s.plotBy[t*n+j] > 0 || j == backer {
				w.relate(s, t, j, -0.2)
			}
		}
	}
	for j := range w.agents {
		s.plotBy[t*n+j] = 0
	}
	return outcome
}

// coupSucceeds moves t's government toward its backer.
func (w *World) coupSucceeds(s *state, t, backer int) {
	if backer < 0 || w.agents[t].pole != 0 {
		return
	}
	k := w.act.BackCoup.Shift
	to := s.x[backer]
	*w.ed.float(&s.x[t], unbounded) += k * (to - s.x[t])
	*w.ed.float(&s.anchor[t], unbounded) += k * (to - s.anchor[t])
	*w.ed.float(&s.ideal[t], unbounded) += k * (to - s.ideal[t])
	// A government brought down with foreign backing is a warning to
	// the others the backer's power reaches: they feel threatened by it
	// as by a war, half as strongly.
	w.alarmOthers(s, backer, t, 0.5)
}

// buyArms turns this turn's share of revenue into arms for agents with
// an arms budget.
func (w *World) buyArms(s *state, d *derived) {
	perYear := float64(w.cal.Step.PerYear())
	for i := range w.agents {
		if b := w.agents[i].armsBudget; b > 0 {
			s.arms[i] += b * max(0, d.revenue[i]) / perYear
			w.restock(s, i)
		}
	}
}

// fade lets transient states relax: affinities toward their baseline,
// cooperation, action-built influence, stakes, pressure, plots and arms
// decay geometrically, stability recovers, conflicts cool.
func (w *World) fade(s *state) {
	p := &w.p
	for i := range s.aff {
		s.aff[i] += p.RelationDecay * (w.baseAff[i] - s.aff[i])
		s.coop[i] *= 1 - p.CooperationDecay
		s.infl[i] *= 1 - p.CooperationDecay
		if w.turn >= s.pressHeld[i] {
			s.press[i] *= 1 - p.PressureDecay
		}
		s.plotBy[i] *= 1 - p.PlotDecay
		s.alarm[i] *= 1 - p.RelationDecay
		s.armsFrom[i] *= 1 - p.ArmsDecay
	}
	for i := range w.agents {
		s.arms[i] *= 1 - p.ArmsDecay
		w.restock(s, i)
		s.stakes[i] *= 1 - p.CooperationDecay
		// A government recovers toward its peacetime stability, less
		// what its wars cost it: a state at war is a fragile one.
		target := max(0, s.stabBase[i]-p.WarInstability*w.warLevel(s, i))
		s.stability[i] += p.StabilityRecovery * (target - s.stability[i])
	}
	for c := range w.conflicts {
		if !s.ended[c] {
			s.intensity[c] *= 1 - w.conflicts[c].spec.Decay
		}
	}
}

// endWars moves the front of every war: a side that holds at least the
// conflict's victory share of the combined power takes war_gains ×
// intensity of what is disputed each turn, and wins when it holds it all.
// A ceasefire before that leaves the gains where they are, so a war can
// end in phases.
func (w *World) endWars(s *state, rec Recorder) {
	for c := range w.conflicts {
		cf := &w.conflicts[c]
		if s.ended[c] || s.intensity[c] < w.p.WarAbove {
			continue
		}
		for _, side := range [2]int{cf.a, cf.b} {
			if w.balance(s, c, side) < cf.spec.Victory {
				continue
			}
			step := w.p.WarGains * s.intensity[c]
			if side == cf.a {
				s.control[c] = min(1, s.control[c]+step)
			} else {
				s.control[c] = max(0, s.control[c]-step)
			}
			if won := (side == cf.a && s.control[c] >= 1) || (side == cf.b && s.control[c] <= 0); won {
				s.ended[c], s.winner[c], s.intensity[c] = true, side, 0
				w.reoppose(s)
				if rec != nil {
					d := Decision{
						Run: w.opt.Run, Turn: w.turn, Label: w.label(), Source: ByRule,
						Actor: w.agents[side].id, Action: "victory", Target: cf.spec.ID, Outcome: Ended,
						Note: cf.spec.Name + " ends in victory", Key: true,
					}
					rec.Decision(&d)
				}
				break
			}
		}
	}
}

// record computes interests and hands the turn to rec.
func (w *World) record(rec Recorder) {
	if rec == nil {
		return
	}
	s := &w.st
	n := len(w.agents)
	w.energy(s, &w.base, w.cal.YearFraction(w.turn))
	sn := &w.snap
	sn.Turn, sn.Label, sn.Year = w.turn, w.label(), w.cal.YearFraction(w.turn)
	for i := range w.agents {
		a := &sn.Agents[i]
		a.Security = w.security(s, i)
		a.Energy = w.energyInterest(&w.base, i)
		a.Alignment = s.x[i]
		a.Revenue = w.base.revenue[i]
		a.SupplySecurity = w.base.supply[i]
		a.Stability = s.stability[i]
		a.Arms = w.armsOf(s, i)
		a.Utility = w.utility(s, &w.base, s.x, i).Sum()
		copy(a.Affinity, s.aff[i*n:(i+1)*n])
	}
	for c := range w.conflicts {
		cs := &sn.Conflicts[c]
		cs.ID, cs.Intensity, cs.Phase, cs.Control = w.conflicts[c].spec.ID, s.intensity[c], w.phase(s, c), s.control[c]
		cs.Winner = ""
		if s.winner[c] >= 0 {
			cs.Winner = w.agents[s.winner[c]].id
		}
	}
	for k := range w.insts {
		copy(sn.Institutions[k].Members, s.member[k*n:(k+1)*n])
	}
	for g := range w.agrs {
		sn.Agreements[g].InForce = s.inForce[g]
	}
	for r := range w.routes {
		rs := &sn.Routes[r]
		rs.ID, rs.Status, rs.Flow = w.routes[r].spec.ID, s.routeStatus[r], w.base.flows[r]
		rs.Closed = s.routeStatus[r] == Open && s.routeShut[r] > w.turn
	}
	rec.Turn(sn)
}
