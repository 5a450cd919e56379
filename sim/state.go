package sim

// state is everything that changes during a run. Pairwise quantities are
// n×n row-major slices: m[i*n+j] is what i holds toward (or from) j.
type state struct {
	x      []float64 // alignment
	anchor []float64 // Friedkin–Johnsen prejudice x(0); a coup can move it
	ideal  []float64 // preferred alignment, the yardstick of alignment utility

	aff      []float64 // affinity of i toward j, in [-1,1]
	coop     []float64 // security cooperation between i and j, in [0,1]
	press    []float64 // press[i*n+j]: coercion i exerts on j, in [0,1]
	infl     []float64 // infl[i*n+j]: extra influence weight j has over i
	armsFrom []float64 // armsFrom[i*n+j]: arms i bought from j
	plotBy   []float64 // plotBy[i*n+j]: coup plotting j sponsors in i
	alarm    []float64 // alarm[i*n+j]: the threat i feels from j after j made war on another
	attacked []bool    // attacked[i*n+j]: j has made war on i

	arms []float64 // i's own arms stock (initial, decaying)
	// stock is i's whole arms stock, arms[i] plus everything it bought,
	// kept up to date by every write to either (see restock).
	stock     []float64
	stability []float64
	// stabBase is the stability a government recovers to in peace: the
	// scenario's value, raised each time it survives a coup.
	stabBase []float64
	stakes   []float64 // yearly revenue from stakes, swaps and treaties, USD bn

	member []bool // member[k*n+i]: agent i belongs to institution k
	// instRev is what i's memberships earn it a year, kept up to date by
	// every write to member or attacked (see keepInstRevenue).
	instRev []float64
	leftAt  []int // leftAt[k*n+i]: the turn i last left institution k
	// Pledges a coerced state made: not to leave institution k
	// (pledgeLeave[k*n+i]) or commit to route r (pledgeForgo[r*n+i])
	// before the turn given.
	pledgeLeave, pledgeForgo []int
	// pressHeld[i*n+j]: the turn until which i keeps its pressure on j
	// from fading, in a campaign over a demand j resisted.
	pressHeld []int

	routeStatus []RouteStatus
	routeOpens  []int  // turn a building route opens
	routeShut   []int  // route closed until this turn (exclusive)
	committed   []bool // committed[r*n+i]
	routeDelay  []int  // turns added to a route's build by rival pushes
	pushed      []bool // pushed[r*routes+q]: route r has been pushed against rival q

	intensity []float64
	// opp[i*n+j]: j is i's adversary in a conflict or a patron of one
	// (opposes), kept by reoppose whenever a conflict ends.
	opp     []bool
	control []float64 // the first party's share of what is disputed
	ended   []bool
	winner  []int // -1 unless the conflict ended in victory

	signed       []bool // signed[g*n+i]
	inForce      []bool
	inForceUntil []int // the turn an agreement with a term lapses, -1 for none

	priceFactor float64 // price-shock multiplier
	shockUntil  int
}

// initState sets the turn state at turn 0 from the scenario: the state,
// this turn's shifts and the snapshot the turns are reported in.
func (w *World) initState() {
	n := len(w.agents)
	s := &w.st
	s.alloc(n, len(w.routes), len(w.conflicts), len(w.insts), len(w.agrs))
	byID := map[string]*AgentSpec{}
	for i := range w.sc.Agents {
		byID[w.sc.Agents[i].ID] = &w.sc.Agents[i]
	}
	for i, a := range w.agents {
		spec := byID[a.id]
		s.x[i] = spec.Alignment
		if a.pole != 0 {
			s.x[i] = a.pole
		}
		s.anchor[i] = s.x[i]
		s.ideal[i] = s.x[i]
		if spec.Ideal != nil {
			s.ideal[i] = *spec.Ideal
		}
		s.arms[i] = spec.Arms
		s.stability[i] = spec.Stability
		s.stabBase[i] = spec.Stability
	}
	copy(s.aff, w.baseAff)
	w.restockAll(s)
	for k, in := range w.insts {
		for _, id := range in.spec.Members {
			s.member[k*n+w.index[id]] = true
		}
	}
	for i := range w.agents {
		w.keepInstRevenue(s, i)
	}
	for r, rt := range w.routes {
		s.routeStatus[r] = rt.spec.Status
		s.routeOpens[r] = rt.opensAt
		switch {
		case rt.spec.Status == Open && rt.opensAt > 0:
			// An open route with a later opening date is scheduled history.
			s.routeStatus[r] = Building
		case rt.spec.Status == Building && rt.opensAt <= 0:
			// Finished before the story starts.
			s.routeStatus[r] = Open
		}
	}
	for c, cf := range w.conflicts {
		s.intensity[c] = cf.spec.Intensity
		s.control[c] = 0.5
		if cf.spec.Control != nil {
			s.control[c] = *cf.spec.Control
		}
		s.ended[c] = cf.spec.Ended
		s.winner[c] = -1
	}
	w.reoppose(s)
	s.priceFactor = 1
	w.shift = make([]float64, n)
	w.snap.Agents = make([]AgentState, n)
	for i := range w.snap.Agents {
		w.snap.Agents[i].ID = w.agents[i].id
		w.snap.Agents[i].Affinity = make([]float64, n)
	}
	w.snap.Institutions = make([]InstitutionState, len(w.insts))
	for k := range w.snap.Institutions {
		w.snap.Institutions[k] = InstitutionState{ID: w.insts[k].spec.ID, Members: make([]bool, n)}
	}
	w.snap.Agreements = make([]AgreementState, len(w.agrs))
	for g := range w.snap.Agreements {
		w.snap.Agreements[g].ID = w.agrs[g].spec.ID
	}
	w.snap.Conflicts = make([]ConflictState, len(w.conflicts))
	w.snap.Routes = make([]RouteState, len(w.routes))
	w.snap.Run = w.opt.Run
}

// neverLeft is the leftAt of a state that has never left an institution,
// far enough in the past that any rejoin_after has run out.
const neverLeft = -1 << 40

func (s *state) alloc(n, routes, conflicts, insts, agrs int) {
	s.x, s.anchor, s.ideal = make([]float64, n), make([]float64, n), make([]float64, n)
	s.aff, s.coop, s.press = make([]float64, n*n), make([]float64, n*n), make([]float64, n*n)
	s.infl, s.armsFrom, s.plotBy, s.alarm = make([]float64, n*n), make([]float64, n*n), make([]float64, n*n), make([]float64, n*n)
	s.arms, s.stability, s.stakes, s.stabBase = make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
	s.stock, s.instRev = make([]float64, n), make([]float64, n)
	s.member = make([]bool, insts*n)
	s.attacked = make([]bool, n*n)
	s.leftAt = make([]int, insts*n)
	s.pledgeLeave, s.pledgeForgo, s.pressHeld = make([]int, insts*n), make([]int, routes*n), make([]int, n*n)
	for i := range s.leftAt {
		s.leftAt[i] = neverLeft
	}
	s.routeStatus = make([]RouteStatus, routes)
	s.routeOpens, s.routeShut, s.routeDelay = make([]int, routes), make([]int, routes), make([]int, routes)
	s.committed = make([]bool, routes*n)
	s.pushed = make([]bool, routes*routes)
	s.intensity, s.ended, s.winner = make([]float64, conflicts), make([]bool, conflicts), make([]int, conflicts)
	s.control = make([]float64, conflicts)
	s.opp = make([]bool, n*n)
	s.signed, s.inForce, s.inForceUntil = make([]bool, agrs*n), make([]bool, agrs), make([]int, agrs)
}

// copyFrom makes s an exact copy of o without allocating.
func (s *state) copyFrom(o *state) {
	copy(s.x, o.x)
	copy(s.anchor, o.anchor)
	copy(s.ideal, o.ideal)
	copy(s.aff, o.aff)
	copy(s.coop, o.coop)
	copy(s.press, o.press)
	copy(s.infl, o.infl)
	copy(s.armsFrom, o.armsFrom)
	copy(s.plotBy, o.plotBy)
	copy(s.alarm, o.alarm)
	copy(s.arms, o.arms)
	copy(s.stock, o.stock)
	copy(s.stability, o.stability)
	copy(s.stabBase, o.stabBase)
	copy(s.stakes, o.stakes)
	copy(s.member, o.member)
	copy(s.instRev, o.instRev)
	copy(s.attacked, o.attacked)
	copy(s.leftAt, o.leftAt)
	copy(s.pledgeLeave, o.pledgeLeave)
	copy(s.pledgeForgo, o.pledgeForgo)
	copy(s.pressHeld, o.pressHeld)
	copy(s.routeStatus, o.routeStatus)
	copy(s.routeOpens, o.routeOpens)
	copy(s.routeShut, o.routeShut)
	copy(s.committed, o.committed)
	copy(s.routeDelay, o.routeDelay)
	copy(s.pushed, o.pushed)
	copy(s.intensity, o.intensity)
	copy(s.control, o.control)
	copy(s.ended, o.ended)
	copy(s.winner, o.winner)
	copy(s.opp, o.opp)
	copy(s.signed, o.signed)
	copy(s.inForce, o.inForce)
	copy(s.inForceUntil, o.inForceUntil)
	s.priceFactor = o.priceFactor
	s.shockUntil = o.shockUntil
}

// derived holds what is computed from a state: energy flows, revenue,
// security and interests. It is recomputed, never stepped.
type derived struct {
	flows   []float64 // per route
	revenue []float64 // USD bn a year
	// flowRevenue is the part of revenue earned by flows and transit fees.
	flowRevenue []float64
	supply      []float64 // supply-security index
	inflow      []float64 // inflow[c*n+s]: gas into consumer c from supplier s
	evalue      []float64 // evalue[i*n+j]: energy value linking i to j, USD bn
	next        []float64 // alignment after one update
	row         []float64 // scratch for one row of the influence matrix
	order       []int     // route indices by netback at the prices below
	netback     []float64
	// orderOil and orderGas are the prices order was sorted at.
	orderOil, orderGas float64

	// Scratch for the allocation: exports left per producer, headroom
	// per market, a consumer's gas demand, what each route carries under
	// contract and what each market's contracts ask (market×commodity).
	leftOil, leftGas, roomOil, roomGas, demandGas []float64
	contracted, wanted                            []float64
}

func (d *derived) alloc(n, routes int) {
	d.flows, d.netback = make([]float64, routes), make([]float64, routes)
	d.order = make([]int, routes)
	d.revenue, d.supply, d.row, d.next = make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
	d.inflow, d.evalue = make([]float64, n*n), make([]float64, n*n)
	d.flowRevenue = make([]float64, n)
	d.leftOil, d.leftGas, d.roomOil, d.roomGas = make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
	d.demandGas, d.contracted, d.wanted = make([]float64, n), make([]float64, routes), make([]float64, 2*n)
}
