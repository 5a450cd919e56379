package sim

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
)

// New validates sc and builds the world at turn 0. The scenario is not
// modified and may be shared by concurrent runs.
func New(sc *Scenario, o Options) (*World, error) {
	if sc == nil {
		return nil, errors.New("no scenario")
	}
	m, err := compile(sc)
	if err != nil {
		return nil, err
	}
	w := &World{model: m, turnState: turnState{opt: o}}
	w.rng = newRand(o)
	w.initState()
	w.sizeScratch()
	return w, nil
}

// compile checks sc and compiles it into the model of its runs,
// reporting every fault it finds.
func compile(sc *Scenario) (model, error) {
	m := &model{sc: sc, p: sc.Model, act: sc.Actions, cal: sc.Calendar}
	var errs []error
	fail := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	m.buildCalendar(fail)
	checkRanges(sc, fail)
	if !sc.Prices.Oil.finite() || !sc.Prices.Gas.finite() || !finite(sc.Prices.GasOilRatio) {
		fail("prices: values must be finite")
	}
	m.buildAgents(fail)
	if len(errs) == 0 {
		m.buildTies(fail)
		m.buildRoutes(fail)
		m.buildConflicts(fail)
		m.buildInstitutions(fail)
		m.buildEvents(fail)
	}
	if len(errs) > 0 {
		return model{}, fmt.Errorf("scenario %q: %w", sc.Name, errors.Join(errs...))
	}
	for g := range m.agrs {
		for i := range m.agents {
			if containsInt(m.agrs[g].parties, i) {
				m.agents[i].treaties = append(m.agents[i].treaties, g)
			}
		}
	}
	m.labels = make([]string, m.turns)
	for t := range m.labels {
		m.labels[t] = m.cal.Label(t)
	}
	return *m, nil
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

func (m *model) buildCalendar(fail func(string, ...any)) {
	c := m.cal
	if !allowed("calendar.step", string(c.Step)) {
		fail("calendar.step %q: want %s", c.Step, orList(AllowedValues["calendar.step"]))
		return
	}
	if c.Start.IsZero() || c.End.IsZero() || c.End.Before(c.Start) {
		fail("calendar: end %v must not come before start %v", c.End, c.Start)
		return
	}
	m.turns = c.Turns()
	if m.turns > 100000 {
		fail("calendar: %d turns is more than the limit of 100000", m.turns)
	}
	m.decideFrom = c.DecideFrom()
}

func (m *model) buildAgents(fail func(string, ...any)) {
	sc := m.sc
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
	m.index = make(map[string]int, len(order))
	for k, i := range order {
		s := &sc.Agents[i]
		if s.ID == "" {
			fail("agents[%d]: empty id", i)
			continue
		}
		if _, dup := m.index[s.ID]; dup {
			fail("agents: duplicate id %q", s.ID)
			continue
		}
		m.index[s.ID] = k
	}
	if len(m.index) != len(order) {
		return
	}
	p := m.p
	m.agents = make([]agent, len(order))
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
		m.agents[k] = a
	}
	for _, id := range sc.Axis.NegativePoles {
		if k, ok := m.index[id]; ok {
			m.agents[k].pole = -1
		} else {
			fail("axis.negative_poles: unknown agent %q", id)
		}
	}
	for _, id := range sc.Axis.PositivePoles {
		if k, ok := m.index[id]; ok {
			m.agents[k].pole = 1
		} else {
			fail("axis.positive_poles: unknown agent %q", id)
		}
	}
	if _, ok := m.index[sc.Focal]; !ok {
		fail("focal: unknown agent %q", sc.Focal)
	}
	for k, i := range order {
		for _, id := range sc.Agents[i].Sphere {
			j, ok := m.index[id]
			if !ok {
				fail("agent %s: sphere names unknown agent %q", sc.Agents[i].ID, id)
				continue
			}
			m.agents[k].sphere = append(m.agents[k].sphere, j)
		}
		if len(m.agents[k].sphere) == 0 && m.agents[k].pole != 0 {
			for j := range m.agents {
				if m.agents[j].pole == 0 {
					m.agents[k].sphere = append(m.agents[k].sphere, j)
				}
			}
		}
	}
}

// agentRef resolves an agent id, reporting where it was used.
func (m *model) agentRef(id, where string, fail func(string, ...any)) int {
	k, ok := m.index[id]
	if !ok {
		fail("%s: unknown agent %q", where, id)
		return -1
	}
	return k
}

func (m *model) buildTies(fail func(string, ...any)) {
	n := len(m.agents)
	m.culture = make([]float64, n*n)
	m.baseAff = make([]float64, n*n)
	p := m.p
	for i, c := range m.sc.Culture {
		a := m.agentRef(c.A, fmt.Sprintf("culture[%d].a", i), fail)
		b := m.agentRef(c.B, fmt.Sprintf("culture[%d].b", i), fail)
		if a < 0 || b < 0 {
			continue
		}
		v := p.CultureLanguage*c.Language + p.CultureReligion*c.Religion + p.CultureKinship*c.Kinship
		v = clamp(v, 0, 1)
		m.culture[a*n+b], m.culture[b*n+a] = v, v
	}
	for i, r := range m.sc.Relations {
		a := m.agentRef(r.A, fmt.Sprintf("relations[%d].a", i), fail)
		b := m.agentRef(r.B, fmt.Sprintf("relations[%d].b", i), fail)
		if a < 0 || b < 0 {
			continue
		}
		m.baseAff[a*n+b], m.baseAff[b*n+a] = r.Affinity, r.Affinity
	}
}

func (m *model) buildRoutes(fail func(string, ...any)) {
	seen := map[string]bool{}
	m.routes = make([]route, len(m.sc.Routes))
	for i := range m.sc.Routes {
		s := &m.sc.Routes[i]
		where := fmt.Sprintf("routes[%d] (%s)", i, s.ID)
		if seen[s.ID] {
			fail("%s: duplicate route id", where)
		}
		seen[s.ID] = true
		r := route{spec: s, commodity: s.Commodity, opensAt: -1, from: m.turnOrZero(s.From)}
		if !allowed("routes[].commodity", string(s.Commodity)) {
			fail("%s: commodity %q: want %s", where, s.Commodity, orList(AllowedValues["routes[].commodity"]))
		}
		r.producer = m.agentRef(s.Producer, where+".producer", fail)
		r.market = m.agentRef(s.Market, where+".market", fail)
		add := func(k int) {
			if k >= 0 && !slices.Contains(r.parties, k) {
				r.parties = append(r.parties, k)
			}
		}
		add(r.producer)
		for _, id := range s.Transit {
			k := m.agentRef(id, where+".transit", fail)
			r.transit = append(r.transit, k)
			add(k)
		}
		for _, id := range s.Sponsors {
			add(m.agentRef(id, where+".sponsors", fail))
		}
		switch s.Status {
		case Open, Proposed, Cancelled:
			if !s.Opens.IsZero() {
				r.opensAt = m.cal.TurnOf(s.Opens)
			}
		case Building:
			if s.Opens.IsZero() {
				fail("%s: a building route needs opens", where)
			}
			r.opensAt = m.cal.TurnOf(s.Opens)
		default:
			fail("%s: status %q: want %s", where, s.Status, orList(AllowedValues["routes[].status"]))
		}
		if s.BuildTurns < 0 {
			fail("%s: build_turns must not be negative", where)
		}
		m.routes[i] = r
	}
}

func (m *model) buildConflicts(fail func(string, ...any)) {
	m.conflicts = make([]conflict, len(m.sc.Conflicts))
	for i := range m.sc.Conflicts {
		s := &m.sc.Conflicts[i]
		where := fmt.Sprintf("conflicts[%d] (%s)", i, s.ID)
		c := conflict{spec: s, a: -1, b: -1}
		if len(s.Parties) != 2 || s.Parties[0] == s.Parties[1] {
			fail("%s: need exactly two distinct parties", where)
		} else {
			c.a = m.agentRef(s.Parties[0], where+".parties", fail)
			c.b = m.agentRef(s.Parties[1], where+".parties", fail)
		}
		switch len(s.Stakes) {
		case 0:
		case 2:
			c.stakeA, c.stakeB = s.Stakes[0], s.Stakes[1]
		default:
			fail("%s: stakes needs two values, one per party", where)
		}
		for _, p := range s.Patrons {
			k := m.agentRef(p.Agent, where+".patrons", fail)
			side := m.agentRef(p.Side, where+".patrons.side", fail)
			if side >= 0 && side != c.a && side != c.b {
				fail("%s: patron %s backs %s, who is not a party", where, p.Agent, p.Side)
			}
			c.patrons = append(c.patrons, patron{agent: k, side: side, support: p.Support})
		}
		for _, b := range s.Brokers {
			c.brokers = append(c.brokers, broker{agent: m.agentRef(b.Agent, where+".brokers", fail), preference: b.Preference})
		}
		m.conflicts[i] = c
	}
}

func (m *model) buildInstitutions(fail func(string, ...any)) {
	m.insts = make([]institution, len(m.sc.Institutions))
	for i := range m.sc.Institutions {
		s := &m.sc.Institutions[i]
		where := fmt.Sprintf("institutions[%d] (%s)", i, s.ID)
		in := institution{spec: s, leader: -1, from: m.turnOrZero(s.From)}
		if s.Leader != "" {
			in.leader = m.agentRef(s.Leader, where+".leader", fail)
		}
		for _, id := range s.Members {
			m.agentRef(id, where+".members", fail)
		}
		for _, id := range s.Eligible {
			in.eligible = append(in.eligible, m.agentRef(id, where+".eligible", fail))
		}
		for _, d := range s.Renewals {
			in.renewals = append(in.renewals, m.cal.TurnOf(d))
		}
		slices.Sort(in.renewals)
		m.insts[i] = in
	}
	m.agrs = make([]agreement, len(m.sc.Agreements))
	for i := range m.sc.Agreements {
		s := &m.sc.Agreements[i]
		g := agreement{spec: s, from: m.turnOrZero(s.From)}
		for _, id := range s.Parties {
			g.parties = append(g.parties, m.agentRef(id, fmt.Sprintf("agreements[%d].parties", i), fail))
		}
		if len(g.parties) < 2 {
			fail("agreements[%d] (%s): need at least two parties", i, s.ID)
		}
		m.agrs[i] = g
	}
}

// targetIndex resolves an event or hazard target by its kind's type.
func (m *model) targetIndex(t TargetType, id string) int {
	switch t {
	case AgentTarget:
		if k, ok := m.index[id]; ok {
			return k
		}
	case RouteTarget:
		for i, r := range m.routes {
			if r.spec.ID == id {
				return i
			}
		}
	case ConflictTarget:
		for i, c := range m.conflicts {
			if c.spec.ID == id {
				return i
			}
		}
	case InstitutionTarget:
		for i, in := range m.insts {
			if in.spec.ID == id {
				return i
			}
		}
	case AgreementTarget:
		for i, g := range m.agrs {
			if g.spec.ID == id {
				return i
			}
		}
	case NoTarget:
		return 0
	}
	return -1
}

func (m *model) buildEvents(fail func(string, ...any)) {
	m.events = make([][]EventSpec, m.turns)
	for i, e := range m.sc.Events {
		where := fmt.Sprintf("events[%d] (%s %s)", i, e.Date, e.Kind)
		info, ok := Kinds[e.Kind]
		if !ok {
			fail("%s: unknown kind %q", where, e.Kind)
			continue
		}
		if m.targetIndex(info.Target, e.Target) < 0 && !(e.Kind == "attack" && e.Target == "") {
			fail("%s: unknown %s %q", where, info.Target, e.Target)
		}
		if e.Actor != "" || info.Actor == "required" {
			m.agentRef(e.Actor, where+".actor", fail)
		}
		if e.Value != nil && !finite(*e.Value) {
			fail("%s: value must be finite", where)
		}
		t := m.cal.TurnOf(e.Date)
		if t < 0 || t >= m.turns {
			fail("%s: date outside the calendar", where)
			continue
		}
		m.events[t] = append(m.events[t], e)
	}
	for i, e := range m.sc.Embargoes {
		where := fmt.Sprintf("embargoes[%d]", i)
		em := embargo{from: m.turnOrZero(e.From), upto: m.turns}
		if !e.Until.IsZero() {
			em.upto = m.cal.TurnOf(e.Until) + 1
		}
		for _, id := range e.Suppliers {
			em.suppliers = append(em.suppliers, m.agentRef(id, where+".suppliers", fail))
		}
		for _, id := range e.Recipients {
			em.recipients = append(em.recipients, m.agentRef(id, where+".recipients", fail))
		}
		m.embargoes = append(m.embargoes, em)
	}
	for i := range m.sc.Hazards {
		s := &m.sc.Hazards[i]
		where := fmt.Sprintf("hazards[%d] (%s)", i, s.Kind)
		tt, ok := HazardKinds[s.Kind]
		if !ok {
			fail("%s: unknown kind", where)
			continue
		}
		h := hazard{spec: s, target: m.targetIndex(tt, s.Target), from: 0, upto: m.turns}
		if h.target < 0 {
			fail("%s: unknown %s %q", where, tt, s.Target)
		}
		if !s.From.IsZero() {
			h.from = m.cal.TurnOf(s.From)
		}
		if !s.Until.IsZero() {
			h.upto = m.cal.TurnOf(s.Until) + 1
		}
		m.hazards = append(m.hazards, h)
	}
}

// turnOrZero is the turn of d, or 0 when d is not set.
func (m *model) turnOrZero(d Date) int {
	if d.IsZero() {
		return 0
	}
	return m.cal.TurnOf(d)
}
