package sim

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
// through energy; and a world whose update differs from the phase's own
// in few rows is solved from the phase's system (lowRankSolve).
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
	if pr == nil || !w.lowRankSolve(pr, x) {
		w.solveSettled(s, x)
	}
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
