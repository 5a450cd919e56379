package sim

// kind enumerates the action kinds an agent may choose.
type kind int

const (
	kArmsDeal kind = iota
	kCommitRoute
	kRivalRoute
	kJoin
	kLeave
	kPressure
	kCutoff
	kBackCoup
	kSecurityCoop
	kEnergyCoop
	kSignAgreement
	kMediate
	kEscalate
	kCeasefire
	kOutreach
	kPartnership
	numKinds
)

// track is an area of policy. Each turn an agent chooses at most one
// action in each, as a government's departments act side by side:
// routine diplomacy does not crowd out a pipeline treaty, nor a pipeline a
// war.
type track int

const (
	trackCooperation track = iota // cooperation, partnership, outreach, mediation
	trackArms                     // arms sales, which an exporter's industry pursues of its own
	trackCoercion                 // pressure, cut-offs, coups backed
	trackCommitment               // routes, treaties, memberships
	trackConflict                 // escalation and ceasefire
	numTracks
)

// kindSpec is everything about an action kind: how scenarios and moves
// name it, what it acts on, its area of policy, whom it needs, where its
// effect sizes are set, how the documentation describes it, what it
// does to the state and how an agent values it. Adding a kind is one
// row of kinds (and its offer in menu, which decides who may do what to
// whom), plus its field in ActionTable, where scenarios set its sizes.
type kindSpec struct {
	name   string
	target TargetType
	track  track
	// governed kinds are the decisions the scenario's dated record makes
	// during forced history: commitments to routes, treaties,
	// memberships, war and peace, and coups. The record of a period lists
	// these completely, so before calendar.history_until an agent takes
	// them only as dated events; it still chooses the rest (arms deals,
	// cooperation, pressure, outreach, mediation), so that the world never
	// stands still.
	governed bool
	// bilateral kinds need the target's consent when an agent chooses
	// them.
	bilateral bool
	// effect is the kind's entry in a scenario's [actions] table, and
	// defaults its sizes where a scenario is silent.
	effect   func(*ActionTable) *Effect
	defaults Effect
	summary  string

	// apply puts the immediate effects of actor a's action on target t
	// into s, with the kind's effect sizes e; direct alignment steps go
	// to shift.
	apply func(w *World, s *state, a, t int, e *Effect, shift []float64)
	// worth values an option whose payoff comes later than the next turn
	// (routes, treaties, memberships, coups, coercion), setting its gain
	// and reporting whether the counterparty would consent; nil values it
	// by the one-turn look-ahead, scaled by persist.
	worth func(w *World, a int, o *option) (consents bool)
	// persist is the worth of the kind's effects, which the look-ahead
	// sees at full size one turn ahead, as a share of the same change
	// kept for good (see persistence); nil for 1.
	persist func(w *World, a int, o *option) float64
	// touches adds to out the agents, besides the actor, whose rows of
	// pairwise state the action can change; nil for the target agent.
	touches func(w *World, o *option, out []int) []int

	// What the look-ahead must recompute after the action (see reach).
	energy      int  // energyNone, energyRevenue or energyFlows
	movesThreat bool // it changes what threatens its target
	rewrites    rowRewrite
	// local kinds change only the pairwise state of actor and target
	// (relations, cooperation, influence, pressure, arms) and their
	// stakes, so their look-ahead is valued by local deltas (deltas.go).
	local bool
	arms  bool // it changes its target's arms stock
	// mutual reports whether an option of the kind between a and t
	// changes the state alike whichever of the two proposes it, so that
	// its look-ahead is shared between them (see lookahead); nil for
	// never.
	mutual func(w *World, a, t int) bool
	// campaign kinds are coercion that may carry a demand (coercion.go):
	// their look-ahead is the same whatever the demand, so it is kept
	// for the phase (see campaignLookahead).
	campaign bool
}

// rowRewrite says whose whole row of pairwise state an action rewrites:
// a buyer's arms stock, a member's institutions.
type rowRewrite int

const (
	rewritesNone rowRewrite = iota
	rewritesTarget
	rewritesActor
)

// kinds is the table of action kinds, in the order of the kind
// constants. It is filled by init, because its behaviour refers back to
// it (an option's look-ahead applies the option).
var kinds [numKinds]kindSpec

func init() {
	kinds = [numKinds]kindSpec{
		kArmsDeal: {name: "arms_deal", target: AgentTarget, track: trackArms, bilateral: true,
			effect:   func(t *ActionTable) *Effect { return &t.ArmsDeal },
			defaults: Effect{Cost: 0.0002, Arms: 0.05, Relation: 0.05, Influence: 0.05, Revenue: 0.3},
			summary:  "actor sells arms to target: target's arms rise, actor gains influence over it",
			apply:    applyArmsDeal, persist: fading(func(w *World, _ int, _ *option) float64 { return w.p.ArmsDecay }),
			energy: energyRevenue, movesThreat: true, rewrites: rewritesTarget, local: true, arms: true},
		kCommitRoute: {name: "commit_route", target: RouteTarget, track: trackCommitment, governed: true,
			effect:   func(t *ActionTable) *Effect { return &t.CommitRoute },
			defaults: Effect{Cost: 0.0001, Relation: 0.05},
			summary:  "actor commits to a proposed route; it is built once producer, transit states and sponsors all have",
			apply:    applyCommitRoute, worth: (*World).worthCommitRoute, touches: routeOrAgreementParties},
		kRivalRoute: {name: "rival_route", target: RouteTarget, track: trackCommitment, governed: true,
			effect:   func(t *ActionTable) *Effect { return &t.RivalRoute },
			defaults: Effect{Cost: 0.001, Turns: 4},
			summary:  "a great power commits to its own route and delays competing routes to the same market",
			apply:    applyRivalRoute, worth: (*World).worthRivalRoute, touches: routeOrAgreementParties},
		kJoin: {name: "join", target: InstitutionTarget, track: trackCommitment, governed: true, bilateral: true,
			effect:   func(t *ActionTable) *Effect { return &t.Join },
			defaults: Effect{Cost: 0.0008},
			summary:  "actor joins an institution (its leader must agree)",
			apply:    applyJoin, worth: (*World).worthMembership, touches: institutionLeader,
			energy: energyRevenue, rewrites: rewritesActor},
		kLeave: {name: "leave", target: InstitutionTarget, track: trackCommitment, governed: true,
			effect:   func(t *ActionTable) *Effect { return &t.Leave },
			defaults: Effect{Cost: 0.0008},
			summary:  "actor leaves an institution",
			apply:    applyLeave, worth: (*World).worthMembership, touches: institutionLeader,
			energy: energyRevenue, rewrites: rewritesActor},
		kPressure: {name: "pressure", target: AgentTarget, track: trackCoercion,
			effect:   func(t *ActionTable) *Effect { return &t.Pressure },
			defaults: Effect{Cost: 0.0005, Pressure: 0.4, Relation: -0.1, Revenue: 0.1, Turns: 4},
			summary:  "economic pressure: target loses revenue and feels coerced",
			apply:    applyPressure, worth: (*World).worthCoercion,
			persist: fading(func(w *World, _ int, _ *option) float64 { return w.p.PressureDecay }),
			energy:  energyRevenue, movesThreat: true, local: true, campaign: true},
		kCutoff: {name: "cutoff", target: AgentTarget, track: trackCoercion,
			effect:   func(t *ActionTable) *Effect { return &t.Cutoff },
			defaults: Effect{Cost: 0.001, Relation: -0.15, Pressure: 0.3, Turns: 2},
			summary:  "actor closes the routes through it (or into it) that carry target's exports",
			apply:    applyCutoff, worth: (*World).worthCoercion,
			persist: func(w *World, _ int, _ *option) float64 { return w.campaignWorth(kCutoff) },
			energy:  energyFlows, movesThreat: true, campaign: true},
		kBackCoup: {name: "back_coup", target: AgentTarget, track: trackCoercion, governed: true,
			effect:   func(t *ActionTable) *Effect { return &t.BackCoup },
			defaults: Effect{Cost: 0.001, Plot: 0.5, Relation: -0.05, Shift: 0.4},
			summary:  "actor raises the odds of a coup attempt in target",
			apply:    applyBackCoup, worth: (*World).worthBackCoup, movesThreat: true},
		kSecurityCoop: {name: "security_coop", target: AgentTarget, track: trackCooperation, bilateral: true,
			effect:   func(t *ActionTable) *Effect { return &t.SecurityCoop },
			defaults: Effect{Cost: 0.0015, Cooperation: 0.2, Relation: 0.05},
			summary:  "security cooperation, e.g. against terrorism",
			apply:    applySecurityCoop, persist: fading(cooperationDecay), mutual: bothWays, local: true},
		kEnergyCoop: {name: "energy_coop", target: AgentTarget, track: trackCooperation, bilateral: true,
			effect:   func(t *ActionTable) *Effect { return &t.EnergyCoop },
			defaults: Effect{Cost: 0.0015, Revenue: 0.05, Relation: 0.05, Influence: 0.2},
			summary:  "energy cooperation: a stake or swap for the partner",
			apply:    applyEnergyCoop, persist: fading(cooperationDecay), energy: energyRevenue, local: true,
			mutual: oneProducer},
		kSignAgreement: {name: "sign_agreement", target: AgreementTarget, track: trackCommitment, governed: true,
			effect:   func(t *ActionTable) *Effect { return &t.SignAgreement },
			defaults: Effect{Cost: 0.0001},
			summary:  "actor signs an agreement; it takes effect once all parties have",
			apply:    applySignAgreement, worth: (*World).worthAgreement, touches: routeOrAgreementParties},
		kMediate: {name: "mediate", target: ConflictTarget, track: trackCooperation,
			effect:   func(t *ActionTable) *Effect { return &t.Mediate },
			defaults: Effect{Cost: 0.0005, Intensity: -0.1, Relation: 0.03, Influence: 0.1},
			summary:  "an outsider mediates: intensity falls, mediator gains standing with both",
			apply:    applyMediate, persist: fading(conflictDecay), touches: conflictParties},
		kEscalate: {name: "escalate", target: ConflictTarget, track: trackConflict, governed: true,
			effect:   func(t *ActionTable) *Effect { return &t.Escalate },
			defaults: Effect{Cost: 0.001, Intensity: 0.25, Relation: -0.1},
			summary:  "a party escalates the conflict",
			apply:    applyIntensity, persist: fading(conflictDecay), touches: conflictParties},
		kCeasefire: {name: "ceasefire", target: ConflictTarget, track: trackConflict, governed: true, bilateral: true,
			effect:   func(t *ActionTable) *Effect { return &t.Ceasefire },
			defaults: Effect{Cost: 0.0005, Intensity: -0.3, Relation: 0.05},
			summary:  "the parties agree a ceasefire (the other party must accept)",
			apply:    applyIntensity, persist: fading(conflictDecay), touches: conflictParties},
		kOutreach: {name: "outreach", target: AgentTarget, track: trackCooperation,
			effect:   func(t *ActionTable) *Effect { return &t.Outreach },
			defaults: Effect{Cost: 0.0005, Relation: 0.02, Influence: 0.5},
			summary:  "cultural outreach through language, religion or kinship",
			apply:    applyOutreach, persist: fading(cooperationDecay), local: true},
		kPartnership: {name: "partnership", target: AgentTarget, track: trackCooperation, bilateral: true,
			effect:   func(t *ActionTable) *Effect { return &t.Partnership },
			defaults: Effect{Cost: 0.0015, Relation: 0.15, Shift: 0.03},
			summary:  "a declaration of partnership",
			apply:    applyPartnership, persist: fading(partnershipDecay), mutual: bothWays, local: true},
	}
	for k := range kinds {
		if kinds[k].mutual != nil || kinds[k].campaign {
			pairSlot[k] = pairKinds
			pairKinds++
		}
	}
	Kinds = allKinds()
	AllowedValues["events[].kind"] = KindNames()
}

func (k kind) String() string { return kinds[k].name }

// bothWays is mutual for kinds that are the same whoever proposes them.
func bothWays(*World, int, int) bool { return true }

// oneProducer is mutual for energy cooperation: the producer gives its
// partner the stake whichever of the two proposes it, but between two
// producers the proposer gives it.
func oneProducer(w *World, a, t int) bool { return w.agents[a].producer != w.agents[t].producer }

func kindByName(name string) (kind, bool) {
	for k := range kinds {
		if kinds[k].name == name {
			return kind(k), true
		}
	}
	return 0, false
}

// effect is the scenario's effect sizes of kind k.
func (w *World) effect(k kind) *Effect { return kinds[k].effect(&w.act) }

// targetsAgent reports whether the kind's target is an agent index.
func (k kind) targetsAgent() bool { return kinds[k].target == AgentTarget }

// option is one feasible action: a kind and its target, an index into
// agents, routes, institutions, agreements or conflicts by kind.
type option struct {
	kind    kind
	target  int
	consent int // the agent whose consent it needs, -1 for none
	// demand is what a pressure or a cut-off asks of its target, and
	// complies whether the target would give in.
	demand   demand
	complies bool
	// theirs is what the counterparty expects from a bilateral option.
	theirs float64
	gain   Terms
	cost   float64
}

// net is the option's expected gain less its cost.
func (o *option) net() float64 { return o.gain.Sum() - o.cost }

// targetName is how a decision names its target.
func (w *World) targetName(k kind, t int) string {
	switch kinds[k].target {
	case RouteTarget:
		return w.routes[t].spec.ID
	case InstitutionTarget:
		return w.insts[t].spec.ID
	case AgreementTarget:
		return w.agrs[t].spec.ID
	case ConflictTarget:
		return w.conflicts[t].spec.ID
	}
	return w.agents[t].id
}

// menu lists the actions open to agent a in state s.
func (w *World) menu(s *state, a int, out []option) []option {
	n := len(w.agents)
	me := &w.agents[a]
	history := w.History()
	add := func(k kind, t, consent int) {
		if !w.effect(k).Disabled && !(history && kinds[k].governed) {
			out = append(out, option{kind: k, target: t, consent: consent})
		}
	}
	addDemand := func(k kind, t int, d demand) {
		if !w.effect(k).Disabled {
			out = append(out, option{kind: k, target: t, consent: -1, demand: d})
		}
	}
	for t := range w.agents {
		if t == a {
			continue
		}
		them := &w.agents[t]
		// Arms go only where the two are above the cooperation floor; a
		// patron of one's adversary may still sell (Russia to Baku).
		if me.armsSeller && them.pole == 0 && !them.greatPower && !w.embargoed(a, t) && s.aff[a*n+t] >= w.p.CooperationFloor {
			add(kArmsDeal, t, t)
		}
		presses := me.greatPower && them.pole == 0 && me.capability > them.capability
		cuts := w.canCutOff(s, a, t)
		// What a great power may ask of t, for its pressure and its
		// cut-offs alike; for the others a cut-off is a plain reprisal.
		if me.greatPower && (presses || cuts) {
			w.demandBuf = w.demands(s, a, t, w.demandBuf[:0])
		} else {
			w.demandBuf = append(w.demandBuf[:0], demand{kind: demandNone})
		}
		if presses {
			for _, d := range w.demandBuf {
				addDemand(kPressure, t, d)
			}
			if !them.greatPower {
				add(kBackCoup, t, -1)
			}
		}
		if cuts {
			for _, d := range w.demandBuf {
				addDemand(kCutoff, t, d)
			}
		}
		friendly := s.aff[a*n+t] >= w.p.CooperationFloor && !s.opp[t*n+a] && !s.opp[a*n+t]
		if friendly {
			add(kSecurityCoop, t, t)
			add(kPartnership, t, t)
			if me.producer || them.producer {
				add(kEnergyCoop, t, t)
			}
		}
		if w.culture[a*n+t] > 0 {
			add(kOutreach, t, -1)
		}
	}
	for r := range w.routes {
		rt := &w.routes[r]
		if w.turn < rt.from {
			continue
		}
		if s.routeStatus[r] == Proposed && !s.committed[r*n+a] && containsInt(rt.parties, a) && w.turn >= s.pledgeForgo[r*n+a] {
			add(kCommitRoute, r, -1)
		}
		// Pushing one's own project to delay a competitor's is a great
		// power's tool (Russia's rival pipelines).
		if rt.producer == a && me.greatPower && (s.routeStatus[r] == Proposed || s.routeStatus[r] == Building) && w.hasRival(s, r) {
			add(kRivalRoute, r, -1)
		}
	}
	if me.pole == 0 {
		for k, in := range w.insts {
			if !in.spec.Open || in.leader == a || w.turn < in.from {
				continue
			}
			if s.member[k*n+a] {
				// Before its last renewal date a treaty is left by not
				// renewing it.
				if w.turn >= s.pledgeLeave[k*n+a] && in.renewalsOver(w.turn) {
					add(kLeave, k, -1)
				}
			} else if w.joinable(s, a, k) {
				add(kJoin, k, in.leader)
			}
		}
	}
	for g, ag := range w.agrs {
		if w.turn >= ag.from && !s.inForce[g] && !s.signed[g*n+a] && containsInt(ag.parties, a) {
			add(kSignAgreement, g, -1)
		}
	}
	for c := range w.conflicts {
		if s.ended[c] {
			continue
		}
		cf := &w.conflicts[c]
		if cf.a == a || cf.b == a {
			add(kEscalate, c, -1)
			// A ceasefire ends a war; skirmishes on a frozen line fade, or
			// are mediated, without one.
			if s.intensity[c] >= w.p.WarAbove {
				other := cf.a
				if other == a {
					other = cf.b
				}
				add(kCeasefire, c, other)
			}
		} else if s.intensity[c] > 0 {
			add(kMediate, c, -1)
		}
	}
	return out
}

// joinable reports whether a may ask to join institution k now: it is
// eligible, its wait after leaving is over, and it is neither estranged
// from the leader (below the cooperation floor) nor has the leader ever
// made war on it.
func (w *World) joinable(s *state, a, k int) bool {
	n := len(w.agents)
	in := &w.insts[k]
	if len(in.eligible) > 0 && !containsInt(in.eligible, a) {
		return false
	}
	if w.turn < s.leftAt[k*n+a]+in.spec.RejoinAfter {
		return false
	}
	if l := in.leader; l >= 0 && (s.aff[a*n+l] < w.p.CooperationFloor || s.attacked[a*n+l]) {
		return false
	}
	return true
}

func containsInt(xs []int, v int) bool {
	for _, x := range xs {
		if x == v {
			return true
		}
	}
	return false
}

// canCutOff reports whether a can shut an open route that carries t's
// exports through or into a.
func (w *World) canCutOff(s *state, a, t int) bool {
	for r := range w.routes {
		rt := &w.routes[r]
		if rt.producer == t && w.routeOpen(s, r) && (rt.market == a || containsInt(rt.transit, a)) {
			return true
		}
	}
	return false
}

// hasRival reports whether route r competes with another producer's
// route to the same market that is not open yet.
func (w *World) hasRival(s *state, r int) bool {
	rt := &w.routes[r]
	for q := range w.routes {
		if w.pushable(s, rt, r, q) {
			return true
		}
	}
	return false
}

// pushable reports whether route r can still be pushed against its rival
// q: each project competes with each rival once, while the rival is still
// a proposal seeking buyers and money, and delays it by
// actions.rival_route.turns. A pipeline under construction is past that.
func (w *World) pushable(s *state, rt *route, r, q int) bool {
	return w.isRival(s, rt, q) && s.routeStatus[q] == Proposed && !s.pushed[r*len(w.routes)+q]
}

func (w *World) isRival(s *state, rt *route, q int) bool {
	o := &w.routes[q]
	return o.market == rt.market && o.commodity == rt.commodity && o.producer != rt.producer &&
		(s.routeStatus[q] == Proposed || s.routeStatus[q] == Building)
}

// apply puts the immediate effects of a's action into s; direct alignment
// steps go to shift. Route commitments and treaty signatures take effect
// when the last party signs (settle).
func (w *World) apply(s *state, a int, k kind, t int, shift []float64) {
	kinds[k].apply(w, s, a, t, w.effect(k), shift)
}

// ally reports whether buyer t is seller a's treaty ally: a member of a
// security institution that a leads. Backing a side in a conflict is not
// enough: Turkey stood behind Azerbaijan but sold it little until the
// 2010s.
func (w *World) ally(s *state, a, t int) bool {
	n := len(w.agents)
	for k := range w.insts {
		in := &w.insts[k]
		if in.leader == a && in.spec.Security > 0 && s.member[k*n+t] {
			return true
		}
	}
	return false
}

// dealSize is the arms one sale by seller a delivers: its own
// arms_per_sale, or actions.arms_deal.arms.
func (w *World) dealSize(a int) float64 {
	if v := w.agents[a].armsPerSale; v > 0 {
		return v
	}
	return w.effect(kArmsDeal).Arms
}

// settle turns complete sets of commitments into building routes and
// complete sets of signatures into treaties in force.
//
// After the agents' own choices (byChoice), a project goes ahead only if
// every party still values it positively when the last one signs: a
// party that no longer does withdraws its commitment or signature, and
// the project waits. The dated record is taken as it is.
func (w *World) settle(s *state, byChoice bool) {
	n := len(w.agents)
	if byChoice {
		// The valuations below see the state after this turn's actions,
		// not the one the decision phase cached its baselines for.
		w.newPhase()
	}
	for r := range w.routes {
		if s.routeStatus[r] != Proposed {
			continue
		}
		all := true
		for _, q := range w.routes[r].parties {
			all = all && s.committed[r*n+q]
		}
		if all && byChoice {
			for _, q := range w.routes[r].parties {
				if w.commitValue(q, r).Sum() <= 0 {
					s.committed[r*n+q] = false
					all = false
				}
			}
		}
		if all {
			s.routeStatus[r] = Building
			s.routeOpens[r] = w.turn + max(1, w.routes[r].spec.BuildTurns+s.routeDelay[r])
		}
	}
	for g := range w.agrs {
		if s.inForce[g] {
			continue
		}
		all := true
		for _, q := range w.agrs[g].parties {
			all = all && s.signed[g*n+q]
		}
		if all && byChoice {
			for _, q := range w.agrs[g].parties {
				if w.agreementValue(q, g).Sum() <= 0 {
					s.signed[g*n+q] = false
					all = false
				}
			}
		}
		if all {
			w.enforce(s, g)
			if byChoice {
				// A treaty in force changes the state the next
				// treaty's parties value theirs on.
				w.newPhase()
			}
		}
	}
}

// enforce puts agreement g in force, until its term runs out.
func (w *World) enforce(s *state, g int) {
	n := len(w.agents)
	*w.ed.flag(&s.inForce[g]) = true
	*w.ed.int(&s.inForceUntil[g]) = -1
	if term := w.agrs[g].spec.Term; term > 0 {
		s.inForceUntil[g] = w.turn + term
	}
	ag := &w.agrs[g]
	for _, a := range ag.parties {
		for _, b := range ag.parties {
			if a < b {
				*w.ed.float(&s.coop[a*n+b], unitSpan) += ag.spec.Security
				*w.ed.float(&s.coop[b*n+a], unitSpan) += ag.spec.Security
				w.relate(s, a, b, ag.spec.Relation)
			}
		}
	}
}

// relate changes the affinity between a and b in both directions.
func (w *World) relate(s *state, a, b int, delta float64) {
	if delta == 0 || a == b {
		return
	}
	n := len(w.agents)
	*w.ed.float(&s.aff[a*n+b], signedSpan) += delta
	*w.ed.float(&s.aff[b*n+a], signedSpan) += delta
}

// bound brings every bounded quantity back into its range. Effects add
// freely and are bounded once all of a turn's actions are in, so the
// order in which agents act never matters.
func (w *World) bound(s *state) {
	for i := range s.aff {
		s.aff[i] = signedSpan.clamp(s.aff[i])
		s.coop[i] = unitSpan.clamp(s.coop[i])
		s.press[i] = unitSpan.clamp(s.press[i])
		s.plotBy[i] = unitSpan.clamp(s.plotBy[i])
		s.alarm[i] = unitSpan.clamp(s.alarm[i])
	}
	for c := range s.intensity {
		s.intensity[c] = unitSpan.clamp(s.intensity[c])
	}
}

func sign(v float64) float64 {
	switch {
	case v > 0:
		return 1
	case v < 0:
		return -1
	}
	return 0
}
