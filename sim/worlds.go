package sim

import "math"

// Counterfactual worlds.
//
// A lasting commitment is valued by comparing two worlds: the current
// state with some routes opened (a baseline, see pending) and the same
// with one change (a route open, a membership, a treaty in force, a
// successful coup), each projected to the alignments it settles to at
// the prices of a future turn. Within one decision phase the same worlds
// recur: every party of a route values the same route open, a leader
// values the membership its applicant values, four horizon samples share
// one state, and every agent without a commitment shares one baseline.
// So a phase keeps each world it has solved (worlds), and builds the
// part of each agent's influence row that routes cannot change once
// (phaseRows): a world that differs from the state only in its routes
// then costs an energy allocation, the energy column of the rows and one
// linear solve.
//
// Every shortcut here computes the same floating-point operations in the
// same order as the full computation, so the results are identical; the
// tests value every option of every phase both ways.

// changeKind names the one change a counterfactual world makes to the
// state, besides the routes its baseline opens.
type changeKind uint8

const (
	noChange  changeKind = iota
	openRoute            // route a opens (and any shut-down ends)
	joinInst             // agent b joins institution a
	leaveInst            // agent b leaves institution a
	inForce              // agreement a enters into force
	coupBy               // a coup backed by agent b succeeds in agent a
)

// change is a counterfactual world's change to the state.
type change struct {
	kind changeKind
	a, b int
}

// alter applies c to s, through the edits (see edits) so that it can be
// taken back.
func (w *World) alter(s *state, c change) {
	switch c.kind {
	case openRoute:
		s.routeStatus[c.a], s.routeShut[c.a] = Open, 0
	case joinInst:
		w.setMember(s, c.a, c.b, true)
	case leaveInst:
		w.setMember(s, c.a, c.b, false)
	case inForce:
		w.enforce(s, c.a)
	case coupBy:
		w.coupSucceeds(s, c.a, c.b)
	}
}

// dirtyRows lists the agents whose influence rows c can change, beyond
// those routes change through energy; all reports that every row may.
func (w *World) dirtyRows(c change) (rows []int, all bool) {
	switch c.kind {
	case noChange, openRoute:
		return nil, false
	case joinInst, leaveInst:
		// A membership enters only the member's own row.
		w.dirtyBuf = append(w.dirtyBuf[:0], c.b)
		return w.dirtyBuf, false
	case inForce:
		// Cooperation and affinity among the parties.
		return w.agrs[c.a].parties, false
	}
	// A coup moves the target's anchor and alarms the backer's sphere.
	return nil, true
}

// worldEntry is one solved counterfactual world of a decision phase.
type worldEntry struct {
	hash  uint64
	c     change
	ahead int
	next  int32 // the next entry with the same slot, -1 for none
}

// worlds holds the counterfactual worlds solved in one decision phase:
// for world e, the routes its baseline opens (opened), the alignments it
// settles to, its energy revenue and supply security, and, once asked
// for, each agent's utility in it.
type worlds struct {
	words   int // uint64 words per route set
	slots   []int32
	entries []worldEntry
	opened  []uint64
	x       []float64
	revenue []float64
	supply  []float64
	terms   []Terms
	have    []bool
	set     []uint64 // scratch route set
}

// reset forgets every world.
func (ws *worlds) reset() {
	clear(ws.slots)
	ws.entries = ws.entries[:0]
	ws.opened, ws.x, ws.revenue, ws.supply = ws.opened[:0], ws.x[:0], ws.revenue[:0], ws.supply[:0]
	ws.terms, ws.have = ws.terms[:0], ws.have[:0]
}

// routeSet fills ws.set with the routes the baseline base opens, plus
// the route c opens, leaving out routes that are open already.
func (w *World) routeSet(base pending, c change) []uint64 {
	ws := &w.worlds
	set := ws.set
	clear(set)
	add := func(q int) {
		if w.st.routeStatus[q] != Open || w.st.routeShut[q] != 0 {
			set[q/64] |= 1 << (q % 64)
		}
	}
	for q := range w.routes {
		if w.opens(&w.st, base, q) {
			add(q)
		}
	}
	if c.kind == openRoute {
		add(c.a)
	}
	return set
}

func worldHash(set []uint64, c change, ahead int) uint64 {
	h := uint64(14695981039346656037)
	mix := func(v uint64) {
		h ^= v
		h *= 1099511628211
		h ^= h >> 29
	}
	for _, v := range set {
		mix(v)
	}
	mix(uint64(c.kind) | uint64(uint32(c.a))<<8 | uint64(uint32(c.b))<<36)
	mix(uint64(ahead))
	return h
}

// find returns the entry of world (set, c, ahead), or -1.
func (ws *worlds) find(h uint64, set []uint64, c change, ahead int) int {
	if len(ws.slots) == 0 {
		return -1
	}
	for e := ws.slots[h&uint64(len(ws.slots)-1)] - 1; e >= 0; e = ws.entries[e].next {
		en := &ws.entries[e]
		if en.hash == h && en.c == c && en.ahead == ahead && sameSet(ws.opened[int(e)*ws.words:], set) {
			return int(e)
		}
	}
	return -1
}

func sameSet(a, b []uint64) bool {
	for i, v := range b {
		if a[i] != v {
			return false
		}
	}
	return true
}

// add makes room for a new world and returns its index.
func (ws *worlds) add(h uint64, set []uint64, c change, ahead, n int) int {
	if 2*(len(ws.entries)+1) > len(ws.slots) {
		ws.grow()
	}
	e := len(ws.entries)
	slot := h & uint64(len(ws.slots)-1)
	ws.entries = append(ws.entries, worldEntry{hash: h, c: c, ahead: ahead, next: ws.slots[slot] - 1})
	ws.slots[slot] = int32(e) + 1
	ws.opened = append(ws.opened, set...)
	for range n {
		ws.x = append(ws.x, 0)
		ws.revenue = append(ws.revenue, 0)
		ws.supply = append(ws.supply, 0)
		ws.terms = append(ws.terms, Terms{})
		ws.have = append(ws.have, false)
	}
	return e
}

// grow doubles the slot table and rehashes the entries.
func (ws *worlds) grow() {
	size := max(64, 2*len(ws.slots))
	ws.slots = make([]int32, size)
	for e := range ws.entries {
		slot := ws.entries[e].hash & uint64(size-1)
		ws.entries[e].next = ws.slots[slot] - 1
		ws.slots[slot] = int32(e) + 1
	}
}

// phaseRows holds, for one decision phase, the parts of every agent's
// influence row (see rawRow and linearRow) that do not depend on energy:
// in a world that differs from the phase's state only in its routes,
// they are the same.
type phaseRows struct {
	ready bool
	s     state     // the phase's state, bounded
	fixed []float64 // culture, relation and action-built influence
	sec   []float64 // security dependence
	// Institution anchors and leaders' leverage per row, in
	// institution order: row i's are inst[instAt[i]:instAt[i+1]].
	instAt []int
	inst   []instTerm
	threat []float64 // threat weights
	anyThr []bool
	// The update of the phase's own world (no route opened, this turn's
	// prices): every row and anchor term, built on first use.
	baseReady    bool
	baseL, baseC []float64
	// The phase's own world as a factored system and its fixed point,
	// with the columns of its inverse computed so far (colOK), for the
	// worlds that differ from it in a few rows (see lowRankSolve);
	// sysOK is false if the system is singular.
	sys        factored
	sysOK      bool
	xBase, col []float64
	colOK      []bool
	// The last row phaseRow built for each agent, and what it was built
	// from: a world that leaves an agent's energy ties as they were gets
	// the same row. Route worlds mostly move a few agents' ties, so most
	// rows are found here instead of built.
	memo memoRows
}

// memoRows holds one built row per agent with the inputs that vary
// between the worlds of a phase: the agent's energy ties and anchor.
type memoRows struct {
	ok     []bool
	evalue []float64 // the energy ties each row was built from
	anchor []float64
	row    []float64
	c      []float64
}

func (m *memoRows) alloc(n int) {
	m.ok, m.anchor, m.c = make([]bool, n), make([]float64, n), make([]float64, n)
	m.evalue, m.row = make([]float64, n*n), make([]float64, n*n)
}

// find copies agent i's memoised row into row and returns its constant,
// if it was built from the same energy ties ev and anchor, bit for bit.
func (m *memoRows) find(i int, ev []float64, anchor float64, row []float64) (c float64, ok bool) {
	n := len(ev)
	if !m.ok[i] || math.Float64bits(m.anchor[i]) != math.Float64bits(anchor) || !sameBits(m.evalue[i*n:(i+1)*n], ev) {
		return 0, false
	}
	copy(row, m.row[i*n:(i+1)*n])
	return m.c[i], true
}

// keep memoises agent i's row, built from ev and anchor.
func (m *memoRows) keep(i int, ev []float64, anchor float64, row []float64, c float64) {
	n := len(ev)
	m.ok[i], m.anchor[i], m.c[i] = true, anchor, c
	copy(m.evalue[i*n:(i+1)*n], ev)
	copy(m.row[i*n:(i+1)*n], row)
}

// sameBits reports whether a and b hold the same float64 values bit for
// bit (so that a row built from either is the same row).
func sameBits(a, b []float64) bool {
	for k, v := range a {
		if math.Float64bits(v) != math.Float64bits(b[k]) {
			return false
		}
	}
	return true
}

// phaseRowsReady builds w.rows from the current state if this phase has
// not yet.
func (w *World) phaseRowsReady() *phaseRows {
	pr := &w.rows
	if pr.ready {
		return pr
	}
	pr.ready, pr.baseReady = true, false
	clear(pr.memo.ok)
	n := len(w.agents)
	s := &pr.s
	s.copyFrom(&w.st)
	w.bound(s)
	pr.inst = pr.inst[:0]
	for i := range w.agents {
		pr.instAt[i] = len(pr.inst)
		if w.agents[i].pole != 0 {
			continue
		}
		armsBase := w.armsBase(s, i)
		for j := range w.agents {
			if j == i {
				continue
			}
			pr.fixed[i*n+j] = w.tieWeight(s, i, j)
			pr.sec[i*n+j] = w.securityWeight(s, i, j, armsBase)
		}
		pr.inst = w.instTerms(s, i, pr.inst)
		pr.anyThr[i] = w.threatWeights(s, i, pr.threat[i*n:(i+1)*n])
	}
	pr.instAt[n] = len(pr.inst)
	return pr
}

func (pr *phaseRows) alloc(w *World) {
	n := len(w.agents)
	pr.s.alloc(n, len(w.routes), len(w.conflicts), len(w.insts), len(w.agrs))
	pr.fixed, pr.sec, pr.threat = make([]float64, n*n), make([]float64, n*n), make([]float64, n*n)
	pr.instAt, pr.anyThr = make([]int, n+1), make([]bool, n)
	pr.baseL, pr.baseC = make([]float64, n*n), make([]float64, n)
	pr.memo.alloc(n)
	pr.sys.alloc(n)
	pr.xBase, pr.col, pr.colOK = make([]float64, n), make([]float64, n*n), make([]bool, n)
}

// phaseRow is linearRow for a non-pole agent i whose row the world does
// not change beyond its energy ties: the same operations in the same
// order, with the parts that do not depend on energy taken from pr.
func (w *World) phaseRow(pr *phaseRows, d *derived, i int, row []float64) (c float64) {
	n := len(w.agents)
	ev, anchor := d.evalue[i*n:(i+1)*n], pr.s.anchor[i]
	if c, ok := pr.memo.find(i, ev, anchor, row); ok {
		return c
	}
	c = w.patchedRow(pr, nil, d, i, row, nil)
	pr.memo.keep(i, ev, anchor, row, c)
	return c
}

// patchedRow is phaseRow for a state s that differs from the phase's, in
// row i, only in the entries of the columns cols (cols may be nil).
func (w *World) patchedRow(pr *phaseRows, s *state, d *derived, i int, row []float64, cols []int) (c float64) {
	n := len(w.agents)
	p := &w.p
	evTotal := 0.0
	ev := d.evalue[i*n : (i+1)*n]
	for _, v := range ev {
		evTotal += v
	}
	total := p.InfluenceSelf
	row[i] = p.InfluenceSelf
	fixed, sec := pr.fixed[i*n:(i+1)*n], pr.sec[i*n:(i+1)*n]
	armsBase := 0.0
	if cols != nil {
		armsBase = w.armsBase(s, i)
	}
	for j := range row {
		if j == i {
			continue
		}
		fj, sj := fixed[j], sec[j]
		if cols != nil && containsInt(cols, j) {
			fj, sj = w.tieWeight(s, i, j), w.securityWeight(s, i, j, armsBase)
		}
		r := fj
		if evTotal > 0 {
			r += p.InfluenceEnergy * ev[j] / evTotal
		}
		r += sj
		row[j] = r
		total += r
	}
	total, anchor := addInstTerms(pr.inst[pr.instAt[i]:pr.instAt[i+1]], row, total)
	return w.finishRow(i, row, total, anchor, pr.threat[i*n:(i+1)*n], pr.anyThr[i], pr.s.anchor[i])
}

// worldUtility is a's utility in the world that baseline base opens,
// changed by c, at the prices of the turn ahead turns from now, judged
// at the alignments that world settles to.
func (w *World) worldUtility(a int, base pending, c change, ahead int) Terms {
	if w.fresh || w.ed.on {
		return w.freshUtility(a, base, c, ahead)
	}
	ws := &w.worlds
	n := len(w.agents)
	set := w.routeSet(base, c)
	h := worldHash(set, c, ahead)
	e := ws.find(h, set, c, ahead)
	if e >= 0 && ws.have[e*n+a] {
		return ws.terms[e*n+a]
	}
	pr := w.phaseRowsReady()
	// The world's state: the phase's own with routes opened and c
	// applied, both taken back at the end. The phase's state is bounded,
	// so bounding what c writes bounds it all.
	s := &pr.s
	w.openSet(s, set)
	defer w.closeSet(s, set)
	if c.kind != noChange && c.kind != openRoute {
		w.ed.begin()
		defer w.ed.undo()
		w.alter(s, c)
		w.ed.bound()
	}
	d := &w.scratch
	if e < 0 {
		e = ws.add(h, set, c, ahead, n)
		x := ws.x[e*n : (e+1)*n]
		if w.phaseWorld(set, c, ahead) {
			d = w.memberWorld(s, pr, c, x)
		} else {
			w.energy(s, d, w.cal.YearFraction(w.turn+ahead))
			dirty, all := w.dirtyRows(c)
			if all {
				pr = nil
			}
			w.settled(s, d, x, pr, dirty)
		}
		copy(ws.revenue[e*n:(e+1)*n], d.revenue)
		copy(ws.supply[e*n:(e+1)*n], d.supply)
	}
	// Utility reads revenue and supply of the derived quantities.
	v := &w.worldView
	v.revenue, v.supply = ws.revenue[e*n:(e+1)*n], ws.supply[e*n:(e+1)*n]
	u := w.utility(s, v, ws.x[e*n:(e+1)*n], a)
	ws.terms[e*n+a], ws.have[e*n+a] = u, true
	return u
}

// phaseWorld reports whether world (set, c, ahead) is the phase's own
// world at this turn's prices with at most one membership changed: then
// energy flows are the phase's (w.base), and only the member's revenue
// and influence row differ.
func (w *World) phaseWorld(set []uint64, c change, ahead int) bool {
	if ahead != 0 || (c.kind != noChange && c.kind != joinInst && c.kind != leaveInst) {
		return false
	}
	for _, v := range set {
		if v != 0 {
			return false
		}
	}
	return true
}

// memberWorld solves a phase world (see phaseWorld) in state s into x and
// returns its derived quantities: the phase's, with the member's revenue
// recomputed.
func (w *World) memberWorld(s *state, pr *phaseRows, c change, x []float64) *derived {
	n := len(w.agents)
	d := &w.light
	*d = w.base
	d.revenue = w.lightRevenue
	copy(d.revenue, w.base.revenue)
	w.phaseSystem(pr)
	copy(w.settleL, pr.baseL)
	copy(w.settleC, pr.baseC)
	if c.kind != noChange {
		m := c.b
		d.revenue[m] = w.revenueOf(s, &w.base, m)
		w.settleC[m] = w.linearRow(s, d, m, w.settleL[m*n:(m+1)*n])
	}
	if !w.lowRankSolve(pr, x) {
		w.solveSettled(s, x)
	}
	return d
}

// phaseSystem builds, once a phase, the update of the phase's own world
// (no route opened, this turn's prices) into pr.baseL and pr.baseC,
// factors its system I − L and solves it for its fixed point, with the
// same operations, and so the same bits, as solveSettled.
func (w *World) phaseSystem(pr *phaseRows) {
	if pr.baseReady {
		return
	}
	pr.baseReady = true
	n := len(w.agents)
	for i := range w.agents {
		row := pr.baseL[i*n : (i+1)*n]
		if w.agents[i].pole == 0 {
			pr.baseC[i] = w.phaseRow(pr, &w.base, i, row)
		} else {
			pr.baseC[i] = w.linearRow(&pr.s, &w.base, i, row)
		}
	}
	A := w.settleA
	for i := range n {
		for j := range n {
			A[i*n+j] = -pr.baseL[i*n+j]
		}
		A[i*n+i]++
	}
	clear(pr.colOK)
	pr.sysOK = pr.sys.factor(A)
	if pr.sysOK {
		copy(pr.xBase, pr.baseC)
		pr.sys.solve(pr.xBase)
	}
}

// openSet opens the routes of set in s; closeSet restores them from the
// live state.
func (w *World) openSet(s *state, set []uint64) {
	for q := range w.routes {
		if set[q/64]&(1<<(q%64)) != 0 {
			s.routeStatus[q], s.routeShut[q] = Open, 0
		}
	}
}

func (w *World) closeSet(s *state, set []uint64) {
	for q := range w.routes {
		if set[q/64]&(1<<(q%64)) != 0 {
			s.routeStatus[q], s.routeShut[q] = w.st.routeStatus[q], w.st.routeShut[q]
		}
	}
}

// freshUtility is worldUtility computed from nothing: the state copied,
// opened and changed, energy allocated, every row built, the system
// solved. It is what the shortcuts above must reproduce.
func (w *World) freshUtility(a int, base pending, c change, ahead int) Terms {
	t := &w.freshSt
	t.copyFrom(&w.st)
	w.open(t, base)
	if c.kind != noChange {
		w.alter(t, c)
		w.bound(t)
	}
	d := &w.freshD
	w.energy(t, d, w.cal.YearFraction(w.turn+ahead))
	x := w.settledTmp2
	w.settled(t, d, x, nil, nil)
	return w.utility(t, d, x, a)
}

// newPhase begins a decision phase on the current state: it forgets what
// the last phase cached, and projects the turn as it stands (w.base) with
// every agent's utility (w.baseU), the baseline of every look-ahead.
func (w *World) newPhase() {
	w.phaseNo++
	w.worlds.reset()
	w.rows.ready = false
	w.nets = w.nets[:0]
	w.project(&w.st, &w.base, w.shift)
	for i := range w.agents {
		w.baseU[i] = w.utility(&w.st, &w.base, w.base.next, i)
	}
}
