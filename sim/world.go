package sim

import "math/rand/v2"

// World is one run of a scenario. Build it with New and advance it with
// Step; it does no I/O. It has three parts, which differ in how long
// what they hold lasts: the scenario compiled into indexed form (model,
// built by compile), fixed for the run; the state the run has reached
// (turnState), carried from turn to turn; and the working memory of a
// turn's decisions (decisionScratch), which holds nothing past it.
//
// The parts are embedded, so the engine reads w.agents, w.st and w.base
// alike, each at the cost of a plain field.
type World struct {
	model
	turnState
	decisionScratch
}

// turnState is where the run stands: its options, random stream and
// turn, the state between turns, and what the turn so far has added. It
// is all a run carries from one turn to the next; a run's results follow
// from the model and this alone.
type turnState struct {
	opt     Options
	rng     *rand.Rand
	turn    int
	started bool
	midTurn bool        // between BeginTurn and EndTurn
	fault   *FaultError // the first non-finite value, which ends the run

	st    state     // the state between turns
	shift []float64 // this turn's direct alignment steps

	// valued counts the options the agents have valued (Valued).
	valued int
	// snap is the turn's Snapshot, written in place for the recorder.
	snap Snapshot
}

// decisionScratch is the working memory of a turn: what is derived from
// the state, the look-ahead's trial copies, and the caches that live for
// one decision phase. Nothing in it carries a result from one turn to the
// next (the caches are stamped with their phase, reset by newPhase, or
// keyed by what they hold), and once sized it is only overwritten, which
// keeps the turn loop free of allocations.
type decisionScratch struct {
	// ed records a look-ahead's changes to st so they can be taken back.
	ed edits
	// threatBuf holds one row of threat weights.
	threatBuf []float64

	// base is derived from st at the start of the decision phase, with
	// every agent's utility in baseU; scratch serves the look-ahead.
	base    derived
	scratch derived
	baseU   []Terms
	// light is base with its own revenue slice, for look-aheads that move
	// revenue but no flow.
	light        derived
	lightRevenue []float64
	touchedBuf   []int

	// Alignments a counterfactual settles to, without and with the change.
	settledTmp, settledTmp2   []float64
	settleL, settleC, settleA []float64 // the update as x ↦ Lx + c, and I − L
	lowRank                   lowRankScratch
	// worlds and rows keep, for one decision phase, the counterfactual
	// worlds solved in it and the parts of the influence rows they
	// share (worlds.go); worldView lends a world's revenue and supply
	// to utility, and dirtyBuf lists rows a change touches.
	worlds    worlds
	rows      phaseRows
	worldView derived
	dirtyBuf  []int
	instBuf   []instTerm // one row's membership terms (rawRow)
	// orders keeps the last netback orders sorted (netbackOrder).
	orders    []keptOrder
	nextOrder int
	// pools keeps the last years' starting pools of energy (startPools).
	pools     []keptPoolsOf
	nextPools int
	// fresh makes every counterfactual world computed from nothing, in
	// freshSt and freshD, as the tests' reference.
	fresh   bool
	freshSt state
	freshD  derived

	trialShift []float64 // shift, for a look-ahead
	// sums keeps the phase's security parts and row sums that local
	// deltas start from (deltas.go); byDelta counts the look-aheads
	// valued by them, and lookaheadOnly turns them off, for the tests.
	sums          phaseSums
	byDelta       int
	lookaheadOnly bool

	menuBuf   []option
	trackBuf  []option
	demandBuf []demand
	picks     []pick // the turn's choices (decide)
	// phaseNo numbers the decision phases (newPhase); pairs shares the
	// look-ahead of mutual options within one (lookahead).
	phaseNo int
	pairs   pairTable
	// nets caches agents' own valuations within a decision phase, for
	// coercers that weigh them.
	nets []netEntry
	// probes are options valued outside a menu (netOf), one per level of
	// nested valuation, lent by probe: valuation hands an option to its
	// kind's rule, so an option on the stack would be allocated anew
	// each time.
	probes     []*option
	probeDepth int
}

// sizeScratch sizes the decision scratch for the model, once, so that
// the turns that follow only overwrite it.
func (w *World) sizeScratch() {
	n := len(w.agents)
	w.trialShift = make([]float64, n)
	w.sums.alloc(n)
	w.threatBuf = make([]float64, n)
	w.baseU = make([]Terms, n)
	w.lightRevenue = make([]float64, n)
	w.settledTmp, w.settledTmp2 = make([]float64, n), make([]float64, n)
	w.freshSt.alloc(n, len(w.routes), len(w.conflicts), len(w.insts), len(w.agrs))
	w.freshD.alloc(n, len(w.routes))
	w.rows.alloc(w)
	w.pairs = make(pairTable, pairKinds*n*n)
	w.phaseNo = 1 // every pair entry starts stale
	w.worlds.words = (len(w.routes) + 63) / 64
	w.worlds.set = make([]uint64, w.worlds.words)
	w.settleL, w.settleC, w.settleA = make([]float64, n*n), make([]float64, n), make([]float64, n*n)
	w.lowRank.alloc(n)
	w.base.alloc(n, len(w.routes))
	w.scratch.alloc(n, len(w.routes))
}

// label names the current turn; labels are made once at set-up so that
// recording a turn formats nothing.
func (w *World) label() string { return w.labels[w.turn] }

// N is the number of agents.
func (w *World) N() int { return len(w.agents) }

// Valued returns how many options the agents have valued so far in
// this run: every option on every deciding agent's menu, each turn.
func (w *World) Valued() int { return w.valued }

// AgentIDs lists the agents in the world's order (sorted by id).
func (w *World) AgentIDs() []string {
	ids := make([]string, len(w.agents))
	for i, a := range w.agents {
		ids[i] = a.id
	}
	return ids
}

// Turn is the number of turns played.
func (w *World) Turn() int { return w.turn }

// Done reports whether the scenario's last turn has been played, or a
// numerical fault (Err) has stopped the run.
func (w *World) Done() bool { return w.turn >= w.turns-1 || w.fault != nil }

// clamp bounds v to [lo, hi]. Plain comparisons (not math.Max/Min) keep
// it cheap in the look-ahead, and let a NaN through to be caught.
func clamp(v, lo, hi float64) float64 {
	if v < lo {
		return lo
	}
	if v > hi {
		return hi
	}
	return v
}
