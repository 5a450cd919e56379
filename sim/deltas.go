package sim

// Valuation by local deltas.
//
// Most options an agent weighs change the pairwise state of two agents
// only: their relation, cooperation, influence, pressure and arms toward
// each other, and their stakes (security and energy cooperation,
// partnership, outreach, pressure, arms deals, the relation a membership
// moves). The look-ahead of such a change rebuilds both agents'
// influence rows and recomputes both securities from every agent,
// institution and conflict, though the change moves one entry of each
// row and one agent's share of each security.
//
// So a decision phase keeps each agent's security parts (securityParts),
// the parts of its revenue and the raw entries of its influence row, and
// an option is valued from them and the few entries it changes, read
// before and after applying it: a security part is added up again only
// if the option moves one of its terms, a row is assembled from the kept
// entries with the changed one in its place, and an agent whose row the
// option leaves as it is keeps the baseline's next alignment. An arms
// deal moves more, since the buyer's arms enter every entry of its row,
// its own power and the balance of its conflicts: those are worked out
// again in full.
//
// Every value is computed by the same floating-point operations in the
// same order as the look-ahead's, so the results are the same bit for
// bit, and a change that moves nothing is worth exactly zero; the tests
// value every option of every decision phase both ways.

// pairView holds what a change to the pair (a, b) can move, for each
// direction: [0] is a's view of b, [1] b's view of a.
type pairView struct {
	// The raw influence weight (tieWeight, securityWeight) and threat
	// weight of the other on each one's row.
	tie, sec, threat [2]float64
	// What the other adds to each one's security (pairSecurity), and
	// whether it trusts each one, which its guarantee requires.
	security [2]securityParts
	trusts   [2]bool
	// The other's pressure on each one, which costs revenue.
	pressed [2]float64
}

// view fills v from state s for the pair (a, b). Threat weights are read
// only in the row of agent threat (-1 for none), the one a change can
// move.
func (w *World) view(s *state, a, b, threat int, v *pairView) {
	for d, ij := range [2][2]int{{a, b}, {b, a}} {
		i, j := ij[0], ij[1]
		v.tie[d] = w.tieWeight(s, i, j)
		v.sec[d] = w.securityWeight(s, i, j, w.armsBase(s, i))
		if i == threat {
			v.threat[d] = w.threatWeight(s, i, j)
		}
		v.security[d], v.trusts[d] = w.pairSecurity(s, i, j)
		v.pressed[d] = s.press[j*len(w.agents)+i]
	}
}

// rowMoved reports whether the change seen by before and after moves
// the entry of the other in the row of direction d.
func rowMoved(before, after *pairView, d int) bool {
	return before.tie[d] != after.tie[d] || before.sec[d] != after.sec[d] || before.threat[d] != after.threat[d]
}

// phaseSums holds, for one decision phase, each agent's parts of
// security and revenue and the raw entries of its influence row, built
// on first use and stamped with the phase number.
type phaseSums struct {
	agents []agentSums
	// raw[i*n+j] is the raw weight of j on non-pole i as patchedRow
	// builds it, energy included; evTotal[i] the energy value linking i
	// to all others.
	raw, evTotal []float64
	rowAt        []int
}

// agentSums are one agent's parts of security and revenue in a phase.
type agentSums struct {
	phase    int
	security securityParts
	// The parts of revenue (revenueOf) that a change to a pair leaves as
	// they are, but the loss to pressure when it moves pressure.
	institutions, agreements, pressureLoss float64
}

func (ps *phaseSums) alloc(n int) {
	ps.agents = make([]agentSums, n)
	ps.raw, ps.evTotal, ps.rowAt = make([]float64, n*n), make([]float64, n), make([]int, n)
}

// sumsOf is agent i's parts of security and revenue in the phase's
// state; it is called before the state is edited.
func (w *World) sumsOf(i int) *agentSums {
	as := &w.sums.agents[i]
	if as.phase != w.phaseNo {
		s := &w.st
		*as = agentSums{phase: w.phaseNo, security: w.sumSecurity(s, i),
			institutions: w.institutionRevenue(s, i), agreements: w.agreementRevenue(s, i), pressureLoss: w.pressureLoss(s, &w.base, i)}
	}
	return as
}

// rawRowOf is non-pole agent i's raw row entries in the phase's state and
// its energy total, from the phase's rows as patchedRow adds them up.
func (w *World) rawRowOf(pr *phaseRows, i int) (raw []float64, evTotal float64) {
	n := len(w.agents)
	ps := &w.sums
	raw = ps.raw[i*n : (i+1)*n]
	if ps.rowAt[i] == w.phaseNo {
		return raw, ps.evTotal[i]
	}
	ev := w.base.evalue[i*n : (i+1)*n]
	for _, v := range ev {
		evTotal += v
	}
	fixed, sec := pr.fixed[i*n:(i+1)*n], pr.sec[i*n:(i+1)*n]
	for j := range raw {
		r := fixed[j]
		if evTotal > 0 {
			r += w.p.InfluenceEnergy * ev[j] / evTotal
		}
		raw[j] = r + sec[j]
	}
	ps.evTotal[i], ps.rowAt[i] = evTotal, w.phaseNo
	return raw, evTotal
}

// pairChange is a change confined to the pair (a, b), for pairDelta: it
// may write the two agents' relations, cooperation, influence, pressure
// and arms toward each other, their stakes and their direct alignment
// steps; nothing else.
type pairChange struct {
	a, b int
	// threat is the agent whose threat weights the change moves, armed
	// the one whose arms stock it moves (-1 for none).
	threat, armed int
	// revenue: the change moves stakes or pressure, and so revenue.
	revenue bool
	apply   func(s *state, shift []float64)
}

// pairDelta is the look-ahead (lookaheadWith) of change c: the changes in
// utility of c.a and of other (c.b, or -1 for none).
func (w *World) pairDelta(c pairChange, other int) (mine, theirs Terms) {
	a, b := c.a, c.b
	pr := w.phaseRowsReady() // before the state is edited
	s := &w.st
	var before, after pairView
	w.view(s, a, b, c.threat, &before)
	sumsA, sumsB := w.sumsOf(a), (*agentSums)(nil)
	if other >= 0 {
		sumsB = w.sumsOf(b)
	}
	// The change writes the direct steps of a and b only.
	shift := w.trialShift
	shift[a], shift[b] = w.shift[a], w.shift[b]
	w.ed.begin()
	c.apply(s, shift)
	w.ed.bound()
	w.view(s, a, b, c.threat, &after)
	// What reads the changed state: the securities and revenues, and for
	// an arms stock, the conflicts and its holder's row, every entry of
	// which it enters.
	mine.Security, mine.Energy = w.pairSecurityEnergy(s, a, 0, &c, sumsA, &before, &after)
	if other >= 0 {
		theirs.Security, theirs.Energy = w.pairSecurityEnergy(s, b, 1, &c, sumsB, &before, &after)
	}
	// Only the next alignments the utilities valued read are found.
	needs := func(j int) bool { return w.reads(a, j) || (other >= 0 && w.reads(b, j)) }
	armedNext := 0.0
	if m := c.armed; m >= 0 {
		mine.Conflict = w.conflictUtility(s, a) - w.baseU[a].Conflict
		if other >= 0 {
			theirs.Conflict = w.conflictUtility(s, b) - w.baseU[b].Conflict
		}
		if needs(m) {
			row := w.scratch.row
			armedNext = clamp(applyRow(w.linearRow(s, &w.base, m, row), row, s.x)+shift[m], -1, 1)
		}
	}
	w.ed.undo()
	w.byDelta++
	// The next alignments of a and b after the change.
	var next [2]float64
	for d, jk := range [2][2]int{{a, b}, {b, a}} {
		switch j := jk[0]; {
		case !needs(j):
		case j == c.armed:
			next[d] = armedNext
		default:
			next[d] = w.pairNext(pr, j, jk[1], d, c.threat, &before, &after, shift)
		}
	}
	mine.Alignment = w.pairAlignment(a, b, next[0], next[1])
	if other >= 0 {
		theirs.Alignment = w.pairAlignment(b, a, next[1], next[0])
	}
	// Conflicts read arms, intensity and control: without arms, the
	// conflict term stays zero.
	return mine, theirs
}

// pairSecurityEnergy is the change in agent i's weighted security and
// energy utility from change c in the changed state s, where d is i's
// direction in the pair and sums i's parts before the change.
func (w *World) pairSecurityEnergy(s *state, i, d int, c *pairChange, sums *agentSums, before, after *pairView) (security, energy float64) {
	wt, base := w.agents[i].weights, w.baseU[i]
	parts := sums.security
	b, a := before.security[d], after.security[d]
	// A part is added up again only if one of its terms moved: the
	// other's guarantee or hostility, the cooperation or pressure between
	// the two, i's own arms, or the other's arms as i's adversary.
	if before.trusts[d] != after.trusts[d] || i == c.armed {
		parts.own = w.ownPower(s, i)
	}
	if a.threat != b.threat || (c.armed >= 0 && i != c.armed && s.opp[i*len(w.agents)+c.armed]) {
		parts.threat = w.threatOn(s, i)
	}
	if a.coop != b.coop {
		parts.coop = w.cooperation(s, i)
	}
	if a.pressure != b.pressure {
		parts.pressure = w.pressureOn(s, i)
	}
	security = wt.Security*w.securityOf(s, i, parts) - base.Security
	if c.revenue {
		loss := sums.pressureLoss
		if after.pressed[d] != before.pressed[d] {
			loss = w.pressureLoss(s, &w.base, i)
		}
		// revenueOf's sum, in its order.
		rev := w.base.flowRevenue[i] + s.stakes[i] + sums.institutions + sums.agreements - loss
		energy = wt.Energy*w.energyOf(i, rev, w.base.supply[i]) - base.Energy
	}
	return security, energy
}

// pairNext is non-pole agent j's next alignment after the change to its
// pair with k, where d is j's direction in the pair: its row as
// patchedRow builds it, from the phase's raw entries with k's in its
// place, normalised and applied as finishRow and applyRow do, or the
// baseline's if the change moves neither the row nor j's direct step.
func (w *World) pairNext(pr *phaseRows, j, k, d, threat int, before, after *pairView, shift []float64) float64 {
	if !rowMoved(before, after, d) && shift[j] == w.shift[j] {
		return w.base.next[j]
	}
	n := len(w.agents)
	p := &w.p
	raw, evTotal := w.rawRowOf(pr, j)
	row := w.scratch.row
	copy(row, raw)
	r := after.tie[d]
	if evTotal > 0 {
		r += p.InfluenceEnergy * w.base.evalue[j*n+k] / evTotal
	}
	row[j], row[k] = p.InfluenceSelf, r+after.sec[d]
	// The total in patchedRow's order: self first, then the others.
	total := p.InfluenceSelf
	for _, r := range row[:j] {
		total += r
	}
	for _, r := range row[j+1:] {
		total += r
	}
	total, fixed := addInstTerms(pr.inst[pr.instAt[j]:pr.instAt[j+1]], row, total)
	thr, any := pr.threat[j*n:(j+1)*n], pr.anyThr[j]
	if j == threat {
		// The change moves k's threat weight on j.
		thr = append(w.threatBuf[:0], thr...)
		thr[k] = after.threat[d]
		any = false
		for _, t := range thr {
			any = any || t != 0
		}
	}
	if any {
		total = w.foldThreats(j, row, total, thr)
	}
	l := w.lambda(j)
	scale := l / total
	c := fixed*scale + (1-l)*w.st.anchor[j]
	for i, x := range w.st.x {
		c += row[i] * scale * x
	}
	return clamp(clamp(c, -1, 1)+shift[j], -1, 1)
}

// reads reports whether i's alignment utility reads j's next alignment:
// its own, or for a pole those of its sphere (see nextFor).
func (w *World) reads(i, j int) bool {
	if p := &w.agents[i]; p.pole != 0 {
		return containsInt(p.sphere, j)
	}
	return i == j
}

// pairAlignment is the change in i's weighted alignment utility from the
// change to its pair with j, whose next alignments after it are xi and
// xj: every other agent's is the baseline's.
func (w *World) pairAlignment(i, j int, xi, xj float64) float64 {
	x := w.scratch.next
	ag := &w.agents[i]
	if ag.pole == 0 {
		x[i] = xi
	} else {
		// A pole counts the members of its sphere: j, if it is one.
		if !containsInt(ag.sphere, j) {
			return 0
		}
		for _, m := range ag.sphere {
			x[m] = w.base.next[m]
		}
		x[j] = xj
	}
	return ag.weights.Alignment*w.alignmentUtility(x, w.st.ideal, i) - w.baseU[i].Alignment
}
