package sim

import "math"

// Worlds solved as changes of the phase's own world.
//
// Most counterfactual worlds of a decision phase differ from the phase's
// own world (no route opened, this turn's prices) in a few rows of the
// alignment update: a membership in the member's row, a route in the rows
// of the states whose energy ties it moves. Their systems are the phase's
// plus a low-rank change, so their fixed points follow from the phase's
// factored system (phaseSystem) without a new elimination.

// lowRankSolve fills x with the alignments a world of this phase settles
// to, for its update in w.settleL and w.settleC, from the phase's own
// system (phaseSystem) when the two differ in few rows: a membership
// changes the member's row, a route the rows of the states whose energy
// ties it moves. For k changed rows the system is the phase's plus a
// rank-k change, so the Woodbury identity gives its fixed point from the
// phase's factored system in O(k²n + k³), with the columns of the
// inverse for the changed rows (O(n²) each, once a phase), instead of a
// new O(n³) solve. A world that changes no row is the phase's own fixed
// point, bit for bit, so a change that moves nothing is worth exactly
// nothing. It reports false, leaving the system to be solved as it is,
// when too many rows changed for this to pay, or the phase's system or
// the changed one is singular.
func (w *World) lowRankSolve(pr *phaseRows, x []float64) bool {
	w.phaseSystem(pr)
	if !pr.sysOK {
		return false
	}
	n := len(w.agents)
	L, c := w.settleL, w.settleC
	lr := &w.lowRank
	rows := lr.rows[:0]
	for i := range n {
		if math.Float64bits(c[i]) != math.Float64bits(pr.baseC[i]) || !sameBits(L[i*n:(i+1)*n], pr.baseL[i*n:(i+1)*n]) {
			if len(rows) == maxLowRank(n) {
				return false
			}
			rows = append(rows, i)
		}
	}
	lr.rows = rows
	// y, the fixed point for the new constants alone, goes into x.
	copy(x, pr.xBase)
	for _, m := range rows {
		if g := c[m] - pr.baseC[m]; g != 0 {
			z := pr.inverseColumn(m)
			for i := range x {
				x[i] += g * z[i]
			}
		}
	}
	if k := len(rows); k > 0 {
		// x = y − Z·S⁻¹·Uᵀy, with U's rows the changes in the rows of
		// I − L, Z the inverse's columns for them and S = I + UᵀZ.
		u, S, r := lr.u[:k*n], lr.S[:k*k], lr.r[:k]
		for a, m := range rows {
			ua, before, after := u[a*n:(a+1)*n], pr.baseL[m*n:(m+1)*n], L[m*n:(m+1)*n]
			r[a] = 0
			for j := range n {
				ua[j] = before[j] - after[j]
				r[a] += ua[j] * x[j]
			}
		}
		for a := range rows {
			ua := u[a*n : (a+1)*n]
			for b, m := range rows {
				z := pr.inverseColumn(m)
				v := 0.0
				if a == b {
					v = 1
				}
				for j, uj := range ua {
					v += uj * z[j]
				}
				S[a*k+b] = v
			}
		}
		if !solve(S, r, k) {
			return false
		}
		for b, m := range rows {
			if r[b] == 0 {
				continue
			}
			z := pr.inverseColumn(m)
			for i := range x {
				x[i] -= r[b] * z[i]
			}
		}
	}
	for i := range x {
		x[i] = clamp(x[i], -1, 1)
	}
	return true
}

// maxLowRank is the most changed rows for which lowRankSolve pays: its
// k²n + k³ operations stay well under the n³/3 of a new solve.
func maxLowRank(n int) int { return max(1, n/4) }

// lowRankScratch is lowRankSolve's working memory.
type lowRankScratch struct {
	rows    []int
	u, S, r []float64
}

func (lr *lowRankScratch) alloc(n int) {
	k := maxLowRank(n)
	lr.rows, lr.u, lr.S, lr.r = make([]int, 0, k), make([]float64, k*n), make([]float64, k*k), make([]float64, k)
}

// inverseColumn is column m of the inverse of the phase's system.
func (pr *phaseRows) inverseColumn(m int) []float64 {
	n := len(pr.xBase)
	z := pr.col[m*n : (m+1)*n]
	if !pr.colOK[m] {
		clear(z)
		z[m] = 1
		pr.sys.solve(z)
		pr.colOK[m] = true
	}
	return z
}
