package patterns

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"caspian/sim"
)

// Kinds lists the pattern kinds with what each checks.
var Kinds = map[string]string{
	"event":  "matching decisions (actor, actions, target, outcome) are counted in the window: at least min (1), at most max",
	"state":  "a recorded quantity (entity, metric, minus than's if given) is above and/or below bounds: always, never, sometime, first (first inside the window) or mostly (a fraction of the window's turns)",
	"change": "a recorded quantity's value at until less its value at from (or their ratio, with ratio = true) is above and/or below bounds",
	"share":  "among matching decisions (actions, target, outcome) in the window, the share taken by actor is above and/or below bounds",
	"order":  "pattern first happens before pattern then (both event patterns, or state patterns with holds = first)",
	"series": "an observed yearly series (scale·observed + offset, centred if center = true) set against the yearly mean of entity's metric: correlation and range of the ensemble's median path",
}

// HoldsModes lists how a state pattern's condition may hold over its window.
var HoldsModes = []string{"always", "never", "sometime", "first", "mostly"}

// kind enumerates pattern kinds.
type kind int

const (
	eventKind kind = iota
	stateKind
	changeKind
	shareKind
	orderKind
	seriesKind
)

var kindByName = map[string]kind{
	"event": eventKind, "state": stateKind, "change": changeKind,
	"share": shareKind, "order": orderKind, "series": seriesKind,
}

// holds enumerates state quantifiers.
type holds int

const (
	holdsAlways holds = iota
	holdsNever
	holdsSometime
	holdsFirst
	holdsMostly
)

// check is a compiled pattern.
type check struct {
	spec        *sim.PatternSpec
	kind        kind
	from, until int // turns, both included
	date        int // turn of spec.Date, or -1
	forced      bool

	// decisions (event, share)
	actor, target string
	outcome       sim.Outcome
	actions       []string
	min, max      int
	bySize        bool // a share of sizes, not of decisions

	// quantities (state, change, series)
	value    metric
	than     metric // nil unless spec.Than
	above    float64
	below    float64
	holds    holds
	fraction float64

	// order: indices of the two patterns
	first, then int

	// series
	years    []int     // observed years inside the calendar, ascending
	observed []float64 // mapped observed values, one per year
	minCorr  float64
	minRange float64
}

// metric reads one number off a snapshot.
type metric func(s *sim.Snapshot) float64

// Check is a scenario's patterns compiled against its agents, routes,
// conflicts, institutions and agreements.
type Check struct {
	sc     *sim.Scenario
	checks []check
	// series lists the indices of series checks, in pattern order.
	series []int
	// turns is the number of snapshots a run records.
	turns int
	// decideFrom is the first turn agents choose in.
	decideFrom int
	// record holds the scenario's recorded decisions after history_until.
	record []recordEvent
}

// Patterns is the number of compiled patterns.
func (c *Check) Patterns() int { return len(c.checks) }

// Spec returns pattern i as written.
func (c *Check) Spec(i int) *sim.PatternSpec { return c.checks[i].spec }

// Problem is a mistake in one pattern: which pattern (counting from 1),
// which key, what is wrong and, where possible, how to fix it. The
// scenario loader reports it on the key's line.
type Problem struct {
	Pattern int
	Key     string
	Problem string
	Hint    string
}

func (p *Problem) Error() string {
	msg := fmt.Sprintf("patterns[%d].%s: %s", p.Pattern, p.Key, p.Problem)
	if p.Hint != "" {
		msg += " (" + p.Hint + ")"
	}
	return msg
}

// problem is a Problem whose pattern is filled in by the caller.
func problem(key, what, hint string) *Problem { return &Problem{Key: key, Problem: what, Hint: hint} }

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// KindNames lists the pattern kinds in the order the docs give them.
func KindNames() []string { return []string{"event", "state", "change", "share", "order", "series"} }

// Problems checks sc's patterns and lists every mistake. It needs the
// scenario's ids and calendar to be sound, and nothing else.
func Problems(sc *sim.Scenario) []*Problem {
	_, probs := compileAll(sc, nil)
	return probs
}

// Compile checks sc's patterns (with extra, usually a user's observed
// series, appended) and compiles them.
func Compile(sc *sim.Scenario, extra ...sim.PatternSpec) (*Check, error) {
	if _, err := sim.New(sc, sim.Options{}); err != nil {
		return nil, err
	}
	c, probs := compileAll(sc, extra)
	if len(probs) > 0 {
		errs := make([]error, len(probs))
		for i, p := range probs {
			errs[i] = p
		}
		return nil, errors.Join(errs...)
	}
	return c, nil
}

func compileAll(sc *sim.Scenario, extra []sim.PatternSpec) (*Check, []*Problem) {
	specs := make([]sim.PatternSpec, 0, len(sc.Patterns)+len(extra))
	specs = append(specs, sc.Patterns...)
	specs = append(specs, extra...)
	cal := sc.Calendar
	c := &Check{sc: sc, turns: cal.Turns(), decideFrom: cal.DecideFrom()}
	ids := make([]string, len(sc.Agents))
	for i := range sc.Agents {
		ids[i] = sc.Agents[i].ID
	}
	slices.Sort(ids) // the engine's agent order
	x := newResolver(sc, ids)
	var probs []*Problem
	add := func(i int, err error) {
		var p *Problem
		if errors.As(err, &p) {
			p.Pattern = i + 1
			probs = append(probs, p)
		}
	}
	seen := map[string]int{}
	for i := range specs {
		p := &specs[i]
		if p.ID == "" {
			add(i, problem("id", "missing", "every pattern needs an id, which order patterns and reports use"))
		} else if j, dup := seen[p.ID]; dup {
			add(i, problem("id", fmt.Sprintf("%q is also the id of pattern %d", p.ID, j+1), "pattern ids must be unique"))
		} else {
			seen[p.ID] = i
		}
		if p.Source == "" && i < len(sc.Patterns) {
			add(i, problem("source", "missing", "say where the fact comes from: a data file, a document, a reference"))
		}
		ch, err := c.compile(p, x)
		if err != nil {
			add(i, err)
		}
		c.checks = append(c.checks, ch)
	}
	for i := range c.checks {
		ch := &c.checks[i]
		if ch.kind != orderKind || ch.spec.First == "" || ch.spec.Then == "" {
			continue
		}
		for _, ref := range []struct {
			key, id string
			dst     *int
		}{{"first", ch.spec.First, &ch.first}, {"then", ch.spec.Then, &ch.then}} {
			k, ok := seen[ref.id]
			switch {
			case !ok:
				add(i, problem(ref.key, fmt.Sprintf("no pattern %q", ref.id), "name the id of another pattern"))
			case !c.checks[k].dated():
				add(i, problem(ref.key, fmt.Sprintf("pattern %q has no first time", ref.id), `order compares event patterns, or state patterns with holds = "first"`))
			default:
				*ref.dst = k
			}
		}
		// An order without its own window spans those of its two patterns.
		if ch.first >= 0 && ch.then >= 0 {
			a, b := &c.checks[ch.first], &c.checks[ch.then]
			if ch.spec.From.IsZero() {
				ch.from = min(a.from, b.from)
			}
			if ch.spec.Until.IsZero() {
				ch.until = max(a.until, b.until)
			}
			ch.forced = ch.until < c.decideFrom
		}
	}
	for i := range c.checks {
		if c.checks[i].kind == seriesKind {
			c.series = append(c.series, i)
		}
	}
	c.record = recordEvents(sc, c.decideFrom)
	return c, probs
}

// dated reports whether a check has a first time that order can compare.
func (ch *check) dated() bool {
	return ch.kind == eventKind || (ch.kind == stateKind && ch.holds == holdsFirst)
}

func (c *Check) compile(p *sim.PatternSpec, x *resolver) (check, error) {
	cal := c.sc.Calendar
	ch := check{spec: p, from: 0, until: c.turns - 1, date: -1, above: math.Inf(-1), below: math.Inf(1), first: -1, then: -1}
	k, ok := kindByName[p.Kind]
	if !ok {
		return ch, problem("kind", fmt.Sprintf("unknown kind %q", p.Kind), "want one of "+strings.Join(KindNames(), ", "))
	}
	ch.kind = k
	if !p.From.IsZero() {
		ch.from = max(0, cal.TurnOf(p.From))
	}
	if !p.Until.IsZero() {
		ch.until = min(c.turns-1, cal.TurnOf(p.Until))
	}
	if ch.until < ch.from {
		return ch, problem("until", "the window is empty", "until must not come before from, and the window must overlap the calendar")
	}
	if !p.Date.IsZero() {
		ch.date = cal.TurnOf(p.Date)
	}
	// A pattern whose window ends before the agents decide holds or fails
	// by the dated events alone.
	ch.forced = ch.until < c.decideFrom
	if p.Fraction < 0 || p.Fraction > 1 {
		return ch, problem("fraction", fmt.Sprintf("%v is outside 0 to 1", p.Fraction), "the share of the window's turns in which the condition must hold")
	}
	if p.MinCorrelation < -1 || p.MinCorrelation > 1 {
		return ch, problem("min_correlation", fmt.Sprintf("%v is outside -1 to 1", p.MinCorrelation), "a correlation coefficient")
	}
	if p.MinRange < 0 {
		return ch, problem("min_range", fmt.Sprintf("%v is below 0", p.MinRange), "the model's range as a share of the observed range")
	}
	for _, n := range []struct {
		key string
		v   *int
	}{{"min", p.Min}, {"max", p.Max}} {
		if n.v != nil && (*n.v < 0 || *n.v > maxCount) {
			return ch, problem(n.key, fmt.Sprintf("%d is outside 0 to %d", *n.v, maxCount), "a number of decisions")
		}
	}
	if p.Above != nil {
		ch.above = *p.Above
	}
	if p.Below != nil {
		ch.below = *p.Below
	}
	if p.Weigh != "" && k != shareKind {
		return ch, problem("weigh", "only a share pattern weighs its decisions", `remove weigh, or make the pattern kind = "share"`)
	}
	switch k {
	case eventKind, shareKind:
		ch.actor, ch.target, ch.outcome, ch.actions = p.Actor, p.Target, p.Outcome, p.Actions
		if len(p.Actions) == 0 {
			return ch, problem("actions", "no action named", `list the kinds of decision to count, e.g. actions = ["leave"]`)
		}
		for _, a := range p.Actions {
			if _, ok := sim.Kinds[a]; !ok && a != "victory" && a != "flare" && a != "price_shock" && a != "expire" {
				return ch, problem("actions", fmt.Sprintf("unknown kind %q", a), "an action or event kind (see docs/scenarios.md), or victory, flare, price_shock or expire")
			}
		}
		if p.Actor != "" && !x.isAgent(p.Actor) {
			return ch, problem("actor", fmt.Sprintf("no agent %q", p.Actor), "")
		}
		if p.Target != "" && !x.known(p.Target) {
			return ch, problem("target", fmt.Sprintf("no agent, route, conflict, institution or agreement %q", p.Target), "")
		}
		ch.min, ch.max = 1, math.MaxInt
		if p.Max != nil && p.Min == nil {
			ch.min = 0 // a pattern that bounds only the most, such as max = 0 (never)
		}
		if p.Min != nil {
			ch.min = *p.Min
		}
		if p.Max != nil {
			ch.max = *p.Max
		}
		if k == shareKind {
			if p.Actor == "" {
				return ch, problem("actor", "missing", "a share pattern needs the actor whose share of the decisions it measures")
			}
			if p.Above == nil && p.Below == nil {
				return ch, problem("above", "neither above nor below is set", "set the bounds on the share, e.g. above = 0.5")
			}
			switch p.Weigh {
			case "", "count":
			case "size":
				ch.bySize = true
			default:
				return ch, problem("weigh", fmt.Sprintf("unknown %q", p.Weigh), `"count" (the number of decisions) or "size" (the arms they deliver)`)
			}
		}
	case stateKind, changeKind, seriesKind:
		v, err := x.metric("", p.Entity, p.Metric)
		if err != nil {
			return ch, err
		}
		ch.value = v
		if p.Than != "" {
			t, err := x.metric("than", p.Than, p.Metric)
			if err != nil {
				return ch, err
			}
			ch.than = t
		}
		if k != seriesKind && p.Above == nil && p.Below == nil {
			return ch, problem("above", "neither above nor below is set", "set the bounds the quantity is checked against, e.g. above = 0")
		}
		if k == stateKind {
			h := p.Holds
			if h == "" {
				h = "always"
			}
			i := slices.Index(HoldsModes, h)
			if i < 0 {
				return ch, problem("holds", fmt.Sprintf("unknown mode %q", p.Holds), "want one of "+strings.Join(HoldsModes, ", "))
			}
			ch.holds = holds(i)
			ch.fraction = p.Fraction
			if ch.holds == holdsMostly && ch.fraction == 0 {
				ch.fraction = 0.5
			}
		}
		if k == seriesKind {
			if err := ch.compileSeries(p, cal, c.turns); err != nil {
				return ch, err
			}
		}
	case orderKind:
		if p.First == "" || p.Then == "" {
			return ch, problem("first", "an order pattern needs first and then", "set both to the ids of two other patterns")
		}
	}
	return ch, nil
}

// compileSeries maps the observed values onto the model's scale.
func (ch *check) compileSeries(p *sim.PatternSpec, cal sim.Calendar, turns int) error {
	scale := p.Scale
	if scale == 0 {
		scale = 1
	}
	first, last := cal.DateOf(ch.from).Year, cal.DateOf(ch.until).Year
	for _, pt := range p.Observed.Points {
		if pt.Year < first || pt.Year > last {
			continue
		}
		ch.years = append(ch.years, pt.Year)
		ch.observed = append(ch.observed, scale*pt.Value+p.Offset)
	}
	if len(ch.years) < 3 {
		return problem("observed", fmt.Sprintf("%d years fall inside the window %d-%d", len(ch.years), first, last), "a series needs at least 3 observed years inside its window")
	}
	if p.Center {
		centre(ch.observed)
	}
	ch.minCorr, ch.minRange = p.MinCorrelation, p.MinRange
	if ch.minCorr == 0 {
		ch.minCorr = DefaultMinCorrelation
	}
	if ch.minRange == 0 {
		ch.minRange = DefaultMinRange
	}
	return nil
}

// maxCount bounds the counts of an event pattern, far above any number of
// decisions a run can make.
const maxCount = 1_000_000

// The defaults of a series pattern's criteria.
const (
	DefaultMinCorrelation = 0.6
	DefaultMinRange       = 0.5
)

// centre subtracts the mean from xs.
func centre(xs []float64) {
	m := 0.0
	for _, v := range xs {
		m += v
	}
	m /= float64(len(xs))
	for i := range xs {
		xs[i] -= m
	}
}

// resolver finds entities and metrics by id.
type resolver struct {
	sc     *sim.Scenario
	agents map[string]int
}

func newResolver(sc *sim.Scenario, agentIDs []string) *resolver {
	r := &resolver{sc: sc, agents: map[string]int{}}
	for i, id := range agentIDs {
		r.agents[id] = i
	}
	return r
}

func (r *resolver) isAgent(id string) bool { _, ok := r.agents[id]; return ok }

func (r *resolver) known(id string) bool {
	if r.isAgent(id) {
		return true
	}
	_, _, ok := r.find(id)
	return ok
}

// find looks id up among routes, conflicts, institutions and agreements.
func (r *resolver) find(id string) (what string, index int, ok bool) {
	for i := range r.sc.Routes {
		if r.sc.Routes[i].ID == id {
			return "route", i, true
		}
	}
	for i := range r.sc.Conflicts {
		if r.sc.Conflicts[i].ID == id {
			return "conflict", i, true
		}
	}
	for i := range r.sc.Institutions {
		if r.sc.Institutions[i].ID == id {
			return "institution", i, true
		}
	}
	for i := range r.sc.Agreements {
		if r.sc.Agreements[i].ID == id {
			return "agreement", i, true
		}
	}
	return "", -1, false
}

// Metrics lists the metrics patterns may read, by kind of entity.
var Metrics = map[string][]string{
	"agent":       append(sim.AgentMetricNames(), "oil_exports", "gas_exports", "affinity_<ID>"),
	"route":       {"flow", "open", "built"},
	"conflict":    {"intensity", "control", "war", "skirmish", "frozen", "ended"},
	"institution": {"members", "member_<ID>"},
	"agreement":   {"in_force"},
}

// metric compiles a reader of entity's metric.
func (r *resolver) metric(key, entity, name string) (metric, error) {
	if entity == "" {
		return nil, problem(or(key, "entity"), "missing", "name the agent, route, conflict, institution or agreement whose quantity the pattern reads")
	}
	bad := func(kind string) error {
		return problem("metric", fmt.Sprintf("%q is not a metric of %s", name, entity), "a"+article(kind)+" "+kind+" has "+strings.Join(Metrics[kind], ", "))
	}
	flag := func(b bool) float64 {
		if b {
			return 1
		}
		return 0
	}
	if i, ok := r.agents[entity]; ok {
		if m, ok := sim.AgentMetricNamed(name); ok {
			return func(s *sim.Snapshot) float64 { return m.Of(&s.Agents[i]) }, nil
		}
		switch name {
		case "oil_exports", "gas_exports":
			com := sim.Oil
			if name == "gas_exports" {
				com = sim.Gas
			}
			var routes []int
			for k := range r.sc.Routes {
				if rt := &r.sc.Routes[k]; rt.Producer == entity && rt.Commodity == com {
					routes = append(routes, k)
				}
			}
			return func(s *sim.Snapshot) float64 {
				v := 0.0
				for _, k := range routes {
					v += s.Routes[k].Flow
				}
				return v
			}, nil
		}
		if other, ok := strings.CutPrefix(name, "affinity_"); ok {
			if j, ok := r.agents[other]; ok {
				return func(s *sim.Snapshot) float64 { return s.Agents[i].Affinity[j] }, nil
			}
			return nil, problem("metric", fmt.Sprintf("no agent %q", other), "affinity_ takes an agent id, e.g. affinity_RUS")
		}
		return nil, bad("agent")
	}
	what, k, ok := r.find(entity)
	if !ok {
		return nil, problem(or(key, "entity"), fmt.Sprintf("no agent, route, conflict, institution or agreement %q", entity), "")
	}
	switch what {
	case "route":
		switch name {
		case "flow":
			return func(s *sim.Snapshot) float64 { return s.Routes[k].Flow }, nil
		case "open":
			return func(s *sim.Snapshot) float64 { return flag(s.Routes[k].Status == sim.Open && !s.Routes[k].Closed) }, nil
		case "built":
			return func(s *sim.Snapshot) float64 {
				return flag(s.Routes[k].Status == sim.Open || s.Routes[k].Status == sim.Building)
			}, nil
		}
	case "conflict":
		switch name {
		case "intensity":
			return func(s *sim.Snapshot) float64 { return s.Conflicts[k].Intensity }, nil
		case "control":
			return func(s *sim.Snapshot) float64 { return s.Conflicts[k].Control }, nil
		case "war", "skirmish", "frozen", "ended":
			phase := sim.Phase(name)
			return func(s *sim.Snapshot) float64 { return flag(s.Conflicts[k].Phase == phase) }, nil
		}
	case "institution":
		if name == "members" {
			return func(s *sim.Snapshot) float64 {
				n := 0.0
				for _, m := range s.Institutions[k].Members {
					n += flag(m)
				}
				return n
			}, nil
		}
		if id, ok := strings.CutPrefix(name, "member_"); ok {
			if j, ok := r.agents[id]; ok {
				return func(s *sim.Snapshot) float64 { return flag(s.Institutions[k].Members[j]) }, nil
			}
			return nil, problem("metric", fmt.Sprintf("no agent %q", id), "member_ takes an agent id, e.g. member_AZE")
		}
	case "agreement":
		if name == "in_force" {
			return func(s *sim.Snapshot) float64 { return flag(s.Agreements[k].InForce) }, nil
		}
	}
	return nil, bad(what)
}

func article(noun string) string {
	if strings.ContainsRune("aeiou", rune(noun[0])) {
		return "n"
	}
	return ""
}

// Info describes compiled pattern i for reports.
type Info struct {
	Spec *sim.PatternSpec
	// From and Until are the window's first and last turns; Date is the
	// turn of the recorded date, or -1.
	From, Until, Date int
	// Forced is true when the window ends before the agents decide.
	Forced bool
	// Series patterns: the observed years, the observed values on the
	// model's scale (centred if the pattern says so), and the criteria.
	IsSeries                 bool
	Years                    []int
	Observed                 []float64
	MinCorrelation, MinRange float64
}

// Info describes pattern i.
func (c *Check) Info(i int) Info {
	ch := &c.checks[i]
	return Info{
		Spec: ch.spec, From: ch.from, Until: ch.until, Date: ch.date, Forced: ch.forced,
		IsSeries: ch.kind == seriesKind, Years: ch.years, Observed: ch.observed,
		MinCorrelation: ch.minCorr, MinRange: ch.minRange,
	}
}

// Scenario is the scenario the patterns were compiled for.
func (c *Check) Scenario() *sim.Scenario { return c.sc }

// DecideFrom is the first turn the agents choose in.
func (c *Check) DecideFrom() int { return c.decideFrom }

// Turns is the number of snapshots a run records.
func (c *Check) Turns() int { return c.turns }

// Record is one of the scenario's recorded decisions dated after
// history_until, which the engine does not apply: the agents' own choices
// are set against it.
type Record struct {
	Turn                  int
	Label                 string
	Actor, Action, Target string
	Outcome               sim.Outcome
}

// Records lists the scenario's recorded decisions after history_until, in
// file order; RunResult.Record follows the same order.
func (c *Check) Records() []Record {
	out := make([]Record, len(c.record))
	for i, e := range c.record {
		out[i] = Record{Turn: e.turn, Label: e.label, Actor: e.actor, Action: e.action, Target: e.target, Outcome: e.outcome}
	}
	return out
}
