package sim

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
)

// World is one run: the scenario compiled into indexed form (model), the
// state the run has reached (turnState), and the working memory of each
// turn's decisions (decisionScratch). Build it with New and advance it
// with Step; it does no I/O.
//
// The parts are embedded, so the engine reads w.agents, w.st and w.base
// alike, at the cost of a plain field.
type World struct {
	model
	turnState
	decisionScratch
}

// model is what New compiles from the Scenario. It never changes during
// a run, so every run of a scenario could read the same one; nothing a
// run does is kept here.
type model struct {
	sc     *Scenario
	p      Params
	act    ActionTable
	cal    Calendar
	turns  int
	labels []string // every turn's label
	// decideFrom is calendar.history_until as a turn: before it the
	// record governs the durable decisions (see governed).
	decideFrom int

	agents    []agent
	index     map[string]int
	culture   []float64 // n×n combined cultural affinity in [0,1]
	baseAff   []float64 // n×n starting affinities, the level relations relax to
	routes    []route
	conflicts []conflict
	insts     []institution
	agrs      []agreement
	events    [][]EventSpec // by turn
	hazards   []hazard
	embargoes []embargo
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
	// fresh makes every counterfactual world computed from nothing, in
	// freshSt and freshD, as the tests' reference.
	fresh   bool
	freshSt state
	freshD  derived

	trialShift []float64 // shift, for a look-ahead

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
}

type agent struct {
	id, name    string
	capability  float64
	weights     Interests
	pole        float64 // -1, +1, or 0 for non-poles
	stubborn    float64
	threat      float64 // threat response
	energyScale float64
	producer    bool
	consumer    bool // has import demand for gas
	transit     bool
	greatPower  bool
	armsSeller  bool
	armsBudget  float64
	armsPerSale float64 // capability units one sale delivers, 0 for the default
	temperature float64
	oil, gas    Series
	domestic    Shares
	imports     Demand
	sphere      []int
	treaties    []int // the agreements it is party to, in scenario order
}

type route struct {
	spec      *RouteSpec
	commodity Commodity
	producer  int
	transit   []int
	market    int
	parties   []int // producer, transit states and sponsors, no repeats
	opensAt   int   // scheduled opening turn for building routes, -1 if none
	from      int   // first turn agents may commit to it
}

type conflict struct {
	spec    *ConflictSpec
	a, b    int
	stakeA  float64
	stakeB  float64
	patrons []patron
	brokers []broker
}

type patron struct {
	agent   int
	side    int // agent index of the party backed
	support float64
}

type broker struct {
	agent      int
	preference float64
}

type institution struct {
	spec     *Institution
	leader   int // -1 for none
	from     int // founding turn
	eligible []int
	renewals []int // turns at which membership must be renewed, ascending
}

// renewalsOver reports whether no renewal of the institution lies ahead
// at turn t: from then on a member may leave at any turn; before, it
// leaves by not renewing.
func (in *institution) renewalsOver(t int) bool {
	return len(in.renewals) == 0 || t > in.renewals[len(in.renewals)-1]
}

type agreement struct {
	spec    *AgreementSpec
	parties []int
	from    int // first turn it can be signed
}

// embargo bars arms deals from suppliers to recipients in turns [from, upto).
type embargo struct {
	suppliers, recipients []int
	from, upto            int
}

// embargoed reports whether an embargo bars a's arms deals with t now.
func (w *World) embargoed(a, t int) bool {
	for _, e := range w.embargoes {
		if w.turn >= e.from && w.turn < e.upto && containsInt(e.suppliers, a) && containsInt(e.recipients, t) {
			return true
		}
	}
	return false
}

type hazard struct {
	spec       *HazardSpec
	target     int // agent or conflict index, -1 for none
	from, upto int // turn range
}

// New validates sc and builds the world at turn 0. The scenario is not
// modified and may be shared by concurrent runs.
func New(sc *Scenario, o Options) (*World, error) {
	if sc == nil {
		return nil, errors.New("no scenario")
	}
	w := &World{model: model{sc: sc, p: sc.Model, act: sc.Actions, cal: sc.Calendar}, turnState: turnState{opt: o}}
	var errs []error
	fail := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	w.buildCalendar(fail)
	checkRanges(sc, fail)
	if !sc.Prices.Oil.finite() || !sc.Prices.Gas.finite() || !finite(sc.Prices.GasOilRatio) {
		fail("prices: values must be finite")
	}
	w.buildAgents(fail)
	if len(errs) == 0 {
		w.buildTies(fail)
		w.buildRoutes(fail)
		w.buildConflicts(fail)
		w.buildInstitutions(fail)
		w.buildEvents(fail)
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("scenario %q: %w", sc.Name, errors.Join(errs...))
	}
	for g := range w.agrs {
		for i := range w.agents {
			if containsInt(w.agrs[g].parties, i) {
				w.agents[i].treaties = append(w.agents[i].treaties, g)
			}
		}
	}
	w.rng = newRand(o)
	w.labels = make([]string, w.turns)
	for t := range w.labels {
		w.labels[t] = w.cal.Label(t)
	}
	w.initState()
	return w, nil
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

func (w *World) buildCalendar(fail func(string, ...any)) {
	c := w.cal
	if c.Step != Month && c.Step != Quarter && c.Step != Year {
		fail("calendar.step %q: want month, quarter or year", c.Step)
		return
	}
	if c.Start.IsZero() || c.End.IsZero() || c.End.Before(c.Start) {
		fail("calendar: end %v must not come before start %v", c.End, c.Start)
		return
	}
	w.turns = c.Turns()
	if w.turns > 100000 {
		fail("calendar: %d turns is more than the limit of 100000", w.turns)
	}
	w.decideFrom = c.DecideFrom()
}

func (w *World) buildAgents(fail func(string, ...any)) {
	sc := w.sc
	if len(sc.Agents) < 2 {
		fail("agents: need at least two")
		return
	}
	// Agents are kept sorted by id so that the order they are written in
	// a file never changes a result.
	order := make([]int, len(sc.Agents))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return strings.Compare(sc.Agents[a].ID, sc.Agents[b].ID) })
	w.index = make(map[string]int, len(order))
	for k, i := range order {
		s := &sc.Agents[i]
		if s.ID == "" {
			fail("agents[%d]: empty id", i)
			continue
		}
		if _, dup := w.index[s.ID]; dup {
			fail("agents: duplicate id %q", s.ID)
			continue
		}
		w.index[s.ID] = k
	}
	if len(w.index) != len(order) {
		return
	}
	p := w.p
	w.agents = make([]agent, len(order))
	for k, i := range order {
		s := &sc.Agents[i]
		a := agent{
			id: s.ID, name: s.Name, capability: s.Capability, weights: s.Weights,
			stubborn: s.Stubbornness, threat: s.ThreatResponse,
			energyScale: s.EnergyScale, oil: s.Production.Oil, gas: s.Production.Gas, armsBudget: s.ArmsBudget,
			armsPerSale: s.ArmsPerSale,
			domestic:    s.Domestic, imports: s.Imports,
			producer:    s.HasRole(Producer),
			transit:     s.HasRole(Transit),
			greatPower:  s.HasRole(GreatPower),
			armsSeller:  s.HasRole(ArmsExporter),
			consumer:    s.Imports.Gas.Max() > 0,
			temperature: p.Temperature,
		}
		if a.name == "" {
			a.name = a.id
		}
		if s.Temperature != nil {
			a.temperature = *s.Temperature
		}
		if a.energyScale <= 0 {
			a.energyScale = p.DefaultEnergyScale
		}
		for _, v := range []float64{s.Capability, s.Arms, s.Alignment, s.Stubbornness, s.ThreatResponse, s.Stability, s.Weights.Security, s.Weights.Energy, s.Weights.Alignment} {
			if !finite(v) {
				fail("agent %s: values must be finite", s.ID)
			}
		}
		for _, ser := range []Series{s.Production.Oil, s.Production.Gas} {
			if !ser.finite() {
				fail("agent %s: production values must be finite", s.ID)
			}
		}
		sum := s.Weights.Security + s.Weights.Energy + s.Weights.Alignment
		if !(sum > 0) || s.Weights.Security < 0 || s.Weights.Energy < 0 || s.Weights.Alignment < 0 {
			fail("agent %s: weights must be non-negative and not all zero", s.ID)
		} else {
			a.weights = Interests{s.Weights.Security / sum, s.Weights.Energy / sum, s.Weights.Alignment / sum}
		}
		w.agents[k] = a
	}
	for _, id := range sc.Axis.NegativePoles {
		if k, ok := w.index[id]; ok {
			w.agents[k].pole = -1
		} else {
			fail("axis.negative_poles: unknown agent %q", id)
		}
	}
	for _, id := range sc.Axis.PositivePoles {
		if k, ok := w.index[id]; ok {
			w.agents[k].pole = 1
		} else {
			fail("axis.positive_poles: unknown agent %q", id)
		}
	}
	if _, ok := w.index[sc.Focal]; !ok {
		fail("focal: unknown agent %q", sc.Focal)
	}
	for k, i := range order {
		for _, id := range sc.Agents[i].Sphere {
			j, ok := w.index[id]
			if !ok {
				fail("agent %s: sphere names unknown agent %q", sc.Agents[i].ID, id)
				continue
			}
			w.agents[k].sphere = append(w.agents[k].sphere, j)
		}
		if len(w.agents[k].sphere) == 0 && w.agents[k].pole != 0 {
			for j := range w.agents {
				if w.agents[j].pole == 0 {
					w.agents[k].sphere = append(w.agents[k].sphere, j)
				}
			}
		}
	}
}

// agentRef resolves an agent id, reporting where it was used.
func (w *World) agentRef(id, where string, fail func(string, ...any)) int {
	k, ok := w.index[id]
	if !ok {
		fail("%s: unknown agent %q", where, id)
		return -1
	}
	return k
}

func (w *World) buildTies(fail func(string, ...any)) {
	n := len(w.agents)
	w.culture = make([]float64, n*n)
	w.baseAff = make([]float64, n*n)
	p := w.p
	for i, c := range w.sc.Culture {
		a := w.agentRef(c.A, fmt.Sprintf("culture[%d].a", i), fail)
		b := w.agentRef(c.B, fmt.Sprintf("culture[%d].b", i), fail)
		if a < 0 || b < 0 {
			continue
		}
		v := p.CultureLanguage*c.Language + p.CultureReligion*c.Religion + p.CultureKinship*c.Kinship
		v = clamp(v, 0, 1)
		w.culture[a*n+b], w.culture[b*n+a] = v, v
	}
	for i, r := range w.sc.Relations {
		a := w.agentRef(r.A, fmt.Sprintf("relations[%d].a", i), fail)
		b := w.agentRef(r.B, fmt.Sprintf("relations[%d].b", i), fail)
		if a < 0 || b < 0 {
			continue
		}
		w.baseAff[a*n+b], w.baseAff[b*n+a] = r.Affinity, r.Affinity
	}
}

func (w *World) buildRoutes(fail func(string, ...any)) {
	seen := map[string]bool{}
	w.routes = make([]route, len(w.sc.Routes))
	for i := range w.sc.Routes {
		s := &w.sc.Routes[i]
		where := fmt.Sprintf("routes[%d] (%s)", i, s.ID)
		if seen[s.ID] {
			fail("%s: duplicate route id", where)
		}
		seen[s.ID] = true
		r := route{spec: s, commodity: s.Commodity, opensAt: -1, from: w.turnOrZero(s.From)}
		if s.Commodity != Oil && s.Commodity != Gas {
			fail("%s: commodity %q: want oil or gas", where, s.Commodity)
		}
		r.producer = w.agentRef(s.Producer, where+".producer", fail)
		r.market = w.agentRef(s.Market, where+".market", fail)
		add := func(k int) {
			if k >= 0 && !slices.Contains(r.parties, k) {
				r.parties = append(r.parties, k)
			}
		}
		add(r.producer)
		for _, id := range s.Transit {
			k := w.agentRef(id, where+".transit", fail)
			r.transit = append(r.transit, k)
			add(k)
		}
		for _, id := range s.Sponsors {
			add(w.agentRef(id, where+".sponsors", fail))
		}
		switch s.Status {
		case Open, Proposed, Cancelled:
			if !s.Opens.IsZero() {
				r.opensAt = w.cal.TurnOf(s.Opens)
			}
		case Building:
			if s.Opens.IsZero() {
				fail("%s: a building route needs opens", where)
			}
			r.opensAt = w.cal.TurnOf(s.Opens)
		default:
			fail("%s: status %q: want proposed, building, open or cancelled", where, s.Status)
		}
		if s.BuildTurns < 0 {
			fail("%s: build_turns must not be negative", where)
		}
		w.routes[i] = r
	}
}

func (w *World) buildConflicts(fail func(string, ...any)) {
	w.conflicts = make([]conflict, len(w.sc.Conflicts))
	for i := range w.sc.Conflicts {
		s := &w.sc.Conflicts[i]
		where := fmt.Sprintf("conflicts[%d] (%s)", i, s.ID)
		c := conflict{spec: s, a: -1, b: -1}
		if len(s.Parties) != 2 || s.Parties[0] == s.Parties[1] {
			fail("%s: need exactly two distinct parties", where)
		} else {
			c.a = w.agentRef(s.Parties[0], where+".parties", fail)
			c.b = w.agentRef(s.Parties[1], where+".parties", fail)
		}
		switch len(s.Stakes) {
		case 0:
		case 2:
			c.stakeA, c.stakeB = s.Stakes[0], s.Stakes[1]
		default:
			fail("%s: stakes needs two values, one per party", where)
		}
		for _, p := range s.Patrons {
			k := w.agentRef(p.Agent, where+".patrons", fail)
			side := w.agentRef(p.Side, where+".patrons.side", fail)
			if side >= 0 && side != c.a && side != c.b {
				fail("%s: patron %s backs %s, who is not a party", where, p.Agent, p.Side)
			}
			c.patrons = append(c.patrons, patron{agent: k, side: side, support: p.Support})
		}
		for _, b := range s.Brokers {
			c.brokers = append(c.brokers, broker{agent: w.agentRef(b.Agent, where+".brokers", fail), preference: b.Preference})
		}
		w.conflicts[i] = c
	}
}

func (w *World) buildInstitutions(fail func(string, ...any)) {
	w.insts = make([]institution, len(w.sc.Institutions))
	for i := range w.sc.Institutions {
		s := &w.sc.Institutions[i]
		where := fmt.Sprintf("institutions[%d] (%s)", i, s.ID)
		in := institution{spec: s, leader: -1, from: w.turnOrZero(s.From)}
		if s.Leader != "" {
			in.leader = w.agentRef(s.Leader, where+".leader", fail)
		}
		for _, id := range s.Members {
			w.agentRef(id, where+".members", fail)
		}
		for _, id := range s.Eligible {
			in.eligible = append(in.eligible, w.agentRef(id, where+".eligible", fail))
		}
		for _, d := range s.Renewals {
			in.renewals = append(in.renewals, w.cal.TurnOf(d))
		}
		slices.Sort(in.renewals)
		w.insts[i] = in
	}
	w.agrs = make([]agreement, len(w.sc.Agreements))
	for i := range w.sc.Agreements {
		s := &w.sc.Agreements[i]
		g := agreement{spec: s, from: w.turnOrZero(s.From)}
		for _, id := range s.Parties {
			g.parties = append(g.parties, w.agentRef(id, fmt.Sprintf("agreements[%d].parties", i), fail))
		}
		if len(g.parties) < 2 {
			fail("agreements[%d] (%s): need at least two parties", i, s.ID)
		}
		w.agrs[i] = g
	}
}

// targetIndex resolves an event or hazard target by its kind's type.
func (w *World) targetIndex(t TargetType, id string) int {
	switch t {
	case AgentTarget:
		if k, ok := w.index[id]; ok {
			return k
		}
	case RouteTarget:
		for i, r := range w.routes {
			if r.spec.ID == id {
				return i
			}
		}
	case ConflictTarget:
		for i, c := range w.conflicts {
			if c.spec.ID == id {
				return i
			}
		}
	case InstitutionTarget:
		for i, in := range w.insts {
			if in.spec.ID == id {
				return i
			}
		}
	case AgreementTarget:
		for i, g := range w.agrs {
			if g.spec.ID == id {
				return i
			}
		}
	case NoTarget:
		return 0
	}
	return -1
}

func (w *World) buildEvents(fail func(string, ...any)) {
	w.events = make([][]EventSpec, w.turns)
	for i, e := range w.sc.Events {
		where := fmt.Sprintf("events[%d] (%s %s)", i, e.Date, e.Kind)
		info, ok := Kinds[e.Kind]
		if !ok {
			fail("%s: unknown kind %q", where, e.Kind)
			continue
		}
		if w.targetIndex(info.Target, e.Target) < 0 && !(e.Kind == "attack" && e.Target == "") {
			fail("%s: unknown %s %q", where, info.Target, e.Target)
		}
		if e.Actor != "" || info.Actor == "required" {
			w.agentRef(e.Actor, where+".actor", fail)
		}
		if e.Value != nil && !finite(*e.Value) {
			fail("%s: value must be finite", where)
		}
		t := w.cal.TurnOf(e.Date)
		if t < 0 || t >= w.turns {
			fail("%s: date outside the calendar", where)
			continue
		}
		w.events[t] = append(w.events[t], e)
	}
	for i, e := range w.sc.Embargoes {
		where := fmt.Sprintf("embargoes[%d]", i)
		em := embargo{from: w.turnOrZero(e.From), upto: w.turns}
		if !e.Until.IsZero() {
			em.upto = w.cal.TurnOf(e.Until) + 1
		}
		for _, id := range e.Suppliers {
			em.suppliers = append(em.suppliers, w.agentRef(id, where+".suppliers", fail))
		}
		for _, id := range e.Recipients {
			em.recipients = append(em.recipients, w.agentRef(id, where+".recipients", fail))
		}
		w.embargoes = append(w.embargoes, em)
	}
	for i := range w.sc.Hazards {
		s := &w.sc.Hazards[i]
		where := fmt.Sprintf("hazards[%d] (%s)", i, s.Kind)
		tt, ok := HazardKinds[s.Kind]
		if !ok {
			fail("%s: unknown kind", where)
			continue
		}
		h := hazard{spec: s, target: w.targetIndex(tt, s.Target), from: 0, upto: w.turns}
		if h.target < 0 {
			fail("%s: unknown %s %q", where, tt, s.Target)
		}
		if !s.From.IsZero() {
			h.from = w.cal.TurnOf(s.From)
		}
		if !s.Until.IsZero() {
			h.upto = w.cal.TurnOf(s.Until) + 1
		}
		w.hazards = append(w.hazards, h)
	}
}

// label names the current turn; labels are made once at set-up so that
// recording a turn formats nothing.
func (w *World) label() string { return w.labels[w.turn] }

// turnOrZero is the turn of d, or 0 when d is not set.
func (w *World) turnOrZero(d Date) int {
	if d.IsZero() {
		return 0
	}
	return w.cal.TurnOf(d)
}

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
