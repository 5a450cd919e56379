package scenarios

import (
	"reflect"
	"slices"
	"strconv"

	"caspian/sim"
)

// The checks of each section of a scenario file. Each
// reports through the validator's helpers, which place the problem on its
// line; none stops at the first problem.

func (v *validator) axis() {
	a := v.sc.Axis
	v.ref("focal", v.sc.Focal, v.agents, true)
	for _, side := range []struct {
		path  string
		poles []string
	}{{"axis.negative_poles", a.NegativePoles}, {"axis.positive_poles", a.PositivePoles}} {
		if len(side.poles) == 0 {
			v.r.add(side.path, "missing", `name at least one agent for each pole, e.g. negative_poles = ["RUS"], positive_poles = ["USA"]`)
		}
		v.refs(side.path, side.poles, v.agents)
	}
	for i, id := range a.PositivePoles {
		if id != "" && slices.Contains(a.NegativePoles, id) {
			v.r.add(indexPath("axis.positive_poles", i+1), quote(id)+" is also a negative pole", "an agent can embody only one pole")
		}
	}
}

func (v *validator) prices() {
	p := v.sc.Prices
	v.nonNegativeSeries("prices.oil", p.Oil, "prices cannot be negative")
	v.nonNegativeSeries("prices.gas", p.Gas, "prices cannot be negative")
	v.atLeast("prices.gas_oil_ratio", p.GasOilRatio, 0, "the gas price is the oil price times this ratio, 0 or more")
}

// paramRule is the range a model coefficient may take. Rules name the
// coefficient by its key, so a rule for a key the engine no longer has is
// simply skipped.
type paramRule struct {
	key    string
	lo, hi float64
	// above makes lo exclusive: the value must be greater than lo.
	above bool
	// ceiling, for a coefficient with no natural upper bound, takes the
	// place of hi. It is checked with every other ceiling (see numbers).
	ceiling *ceiling
	hint    string
}

// modelRules are the ranges of the model's coefficients.
func modelRules() []paramRule {
	choice := "0 picks the best action; larger values make choices more random"
	rules := []paramRule{
		{key: "temperature", ceiling: &temperatureCeiling, hint: choice},
		{key: "consent_tolerance", ceiling: &utilityCeiling, hint: "a utility loss, 0 or more"},
		{key: "hostility_threat", hi: 1, hint: "a share of a hostile agent's capability, 0 to 1"},
		{key: "influence_self", above: true, ceiling: &weightCeiling,
			hint: "each agent needs some weight on its own position, or its row of the influence matrix may be all zero"},
		{key: "frozen_below", hi: 1, hint: "a conflict intensity, 0 to 1"},
		{key: "war_above", hi: 1, hint: "a conflict intensity, 0 to 1"},
		{key: "coup_success", hi: 1, hint: "a probability, 0 to 1"},
		{key: "coup_consolidation", hi: 1, hint: "a stability gain, 0 to 1"},
		{key: "war_instability", hi: 1, hint: "stability lost per unit of war intensity, 0 to 1"},
		{key: "alarm", hi: 1, hint: "a threat level per unit of an attack's severity, 0 to 1"},
		{key: "war_gains", hi: 1, hint: "a share of what is disputed taken per turn of war, 0 to 1"},
		{key: "resolve_uncertainty", ceiling: &utilityCeiling, hint: "a utility, 0 or more"},
		{key: "cooperation_floor", lo: -1, hi: 1,
			hint: "an affinity, -1 to 1: two states cooperate only while their affinity is at or above it"},
		{key: "route_discount", hi: 1, hint: "a discount factor per turn, 0 to 1 (1 means no discount)"},
		{key: "default_energy_scale", above: true, ceiling: &moneyCeiling, hint: "a revenue in USD bn a year, above zero"},
		{key: "supplier_cap", above: true, hi: 1, hint: "a share of a consumer's demand, above 0 and at most 1"},
		{key: "revision", above: true, hi: 1, hint: "a probability per turn, above 0 and at most 1; at 1 every state reconsiders every turn"},
		{key: "ally_price", hi: 1, hint: "a share of the price, 0 (allies are armed free) to 1 (they pay in full)"},
		{key: "route_horizon", hi: 400, hint: "a number of turns, 0 to 400 (a century of quarters)"},
	}
	for _, k := range []string{"security_balance", "security_stability", "security_cooperation",
		"pressure_penalty", "war_penalty", "influence_energy", "influence_security", "influence_culture",
		"influence_relation", "influence_institution", "influence_threat",
		"culture_language", "culture_religion", "culture_kinship"} {
		rules = append(rules, paramRule{key: k, ceiling: &weightCeiling, hint: weightHint})
	}
	for _, k := range []string{"relation_decay", "cooperation_decay", "pressure_decay",
		"plot_decay", "arms_decay", "stability_recovery"} {
		rules = append(rules, paramRule{key: k, hi: 1, hint: rateHint})
	}
	return rules
}

func (v *validator) model() {
	values := floatFields(reflect.ValueOf(v.sc.Model))
	for _, rule := range modelRules() {
		if x, ok := values[rule.key]; ok {
			v.rule("model."+rule.key, x, rule)
		}
	}
	lang, ok1 := values["culture_language"]
	rel, ok2 := values["culture_religion"]
	kin, ok3 := values["culture_kinship"]
	if ok1 && ok2 && ok3 && lang == 0 && rel == 0 && kin == 0 {
		v.r.add("model.culture_language", "culture_language, culture_religion and culture_kinship are all zero",
			"to switch culture off set model.influence_culture = 0 instead")
	}
	frozen, ok1 := values["frozen_below"]
	war, ok2 := values["war_above"]
	if ok1 && ok2 && war < frozen {
		v.r.add("model.war_above", formatNum(war)+" is below model.frozen_below ("+formatNum(frozen)+")",
			"intensities below frozen_below are frozen, at or above war_above war; war_above must be the larger")
	}
}

// rule reports x if it breaks rule.
func (v *validator) rule(path string, x float64, rule paramRule) {
	switch {
	case !finite(x):
		return
	case rule.above && x <= rule.lo:
		v.r.add(path, "must be above "+formatNum(rule.lo)+", got "+formatNum(x), rule.hint)
	case rule.ceiling != nil:
		v.atLeast(path, x, rule.lo, rule.hint)
	default:
		v.between(path, x, rule.lo, rule.hi, rule.hint)
	}
}

// floatFields maps the TOML keys of a struct's float fields to their values.
func floatFields(rv reflect.Value) map[string]float64 {
	out := map[string]float64{}
	for _, f := range tomlFields(rv.Type()) {
		if fv := rv.FieldByIndex(f.Index); fv.Kind() == reflect.Float64 {
			out[f.name] = fv.Float()
		}
	}
	return out
}

// actions checks the effect size of every action kind.
func (v *validator) actions() {
	table := reflect.ValueOf(v.sc.Actions)
	for _, f := range tomlFields(table.Type()) {
		if e, ok := table.FieldByIndex(f.Index).Interface().(sim.Effect); ok {
			v.effect("actions."+f.name, e)
		}
	}
}

func (v *validator) effect(path string, e sim.Effect) {
	v.atLeast(path+".cost", e.Cost, 0, "a cost is a utility given up, 0 or more")
	v.between(path+".relation", e.Relation, -2, 2, "a change in affinity, which itself runs from -1 to 1")
	v.between(path+".cooperation", e.Cooperation, 0, 1, unitHint)
	v.atLeast(path+".arms", e.Arms, 0, amountHint)
	v.atLeast(path+".revenue", e.Revenue, 0, "a yearly sum in USD bn (a stake gained, a trade loss suffered), 0 or more")
	v.between(path+".shift", e.Shift, -2, 2, "an alignment step, at most the width of the axis")
	v.between(path+".intensity", e.Intensity, -1, 1, "a change in conflict intensity, which itself runs from 0 to 1")
	v.between(path+".pressure", e.Pressure, 0, 1, unitHint)
	v.between(path+".plot", e.Plot, 0, 1, unitHint)
	v.atLeast(path+".influence", e.Influence, 0, weightHint)
	v.count(path+".turns", e.Turns, turnsHint)
}

func (v *validator) agent(path string, a *sim.AgentSpec) {
	v.positive(path+".capability", a.Capability, "capability is power relative to the other agents, above zero")
	v.atLeast(path+".arms", a.Arms, 0, amountHint)
	v.atLeast(path+".arms_budget", a.ArmsBudget, 0,
		"capability units of arms a year bought per USD bn a year of energy revenue, 0 or more; 0 if the agent's arms come only from deals")
	v.roles(path+".roles", a.Roles)
	w := a.Weights
	v.atLeast(path+".weights.security", w.Security, 0, weightHint)
	v.atLeast(path+".weights.energy", w.Energy, 0, weightHint)
	v.atLeast(path+".weights.alignment", w.Alignment, 0, weightHint)
	if w.Security == 0 && w.Energy == 0 && w.Alignment == 0 {
		v.r.add(path+".weights", "all weights are zero, so the agent cares about nothing",
			"give at least one of security, energy and alignment a positive weight")
	}
	v.between(path+".alignment", a.Alignment, -1, 1, axisHint)
	if a.Ideal != nil {
		v.between(path+".ideal", *a.Ideal, -1, 1, axisHint)
	}
	v.between(path+".stubbornness", a.Stubbornness, 0, 1, "0 follows others fully, 1 never moves from its start")
	v.between(path+".threat_response", a.ThreatResponse, -1, 1, "+1 balances against a threat, -1 bandwagons with it, 0 ignores it")
	v.between(path+".stability", a.Stability, 0, 1, "1 is fully stable; coups are likelier below")
	v.atLeast(path+".energy_scale", a.EnergyScale, 0, "a revenue in USD bn a year, 0 or more")
	v.nonNegativeSeries(path+".production.oil", a.Production.Oil, "production cannot be negative")
	v.nonNegativeSeries(path+".production.gas", a.Production.Gas, "production cannot be negative")
	v.between(path+".domestic.oil", a.Domestic.Oil, 0, 1, "the share used at home, 0 to 1")
	v.between(path+".domestic.gas", a.Domestic.Gas, 0, 1, "the share used at home, 0 to 1")
	v.atLeast(path+".arms_per_sale", a.ArmsPerSale, 0, "capability units one arms sale delivers, 0 or more (0: actions.arms_deal.arms)")
	v.nonNegativeSeries(path+".imports.oil", a.Imports.Oil, amountHint)
	v.nonNegativeSeries(path+".imports.gas", a.Imports.Gas, amountHint)
	v.refs(path+".sphere", a.Sphere, v.agents)
	if a.Temperature != nil {
		v.atLeast(path+".temperature", *a.Temperature, 0, "0 picks the best action; larger values make choices more random")
	}
}

// roles checks an agent's roles against sim.Roles.
func (v *validator) roles(path string, roles []string) {
	seen := map[string]bool{}
	for i, r := range roles {
		p := indexPath(path, i+1)
		if !slices.Contains(sim.Roles, r) {
			v.r.add(p, "unknown role "+quote(r), didYouMean(r, sim.Roles, "roles"))
		} else if seen[r] {
			v.r.add(p, quote(r)+" is listed twice", "list each role once")
		}
		seen[r] = true
	}
}

// hasRole reports whether the agent with id has role.
func (v *validator) hasRole(id, role string) bool {
	for _, a := range v.sc.Agents {
		if a.ID == id {
			return slices.Contains(a.Roles, role)
		}
	}
	return false
}

// pair checks the two agents of a culture tie or relation.
func (v *validator) pair(path, a, b string) {
	v.ref(path+".a", a, v.agents, true)
	v.ref(path+".b", b, v.agents, true)
	if a != "" && a == b {
		v.r.add(path+".b", "an agent cannot be paired with itself ("+quote(a)+")", "a and b must be two different agents")
	}
}

// pairKey names an unordered pair, so A–B and B–A count as the same tie.
func pairKey(a, b string) string {
	if b < a {
		a, b = b, a
	}
	return a + "\x00" + b
}

func (v *validator) culture() {
	seen := map[string]bool{}
	for i, t := range v.sc.Culture {
		path := indexPath("culture", i+1)
		v.pair(path, t.A, t.B)
		v.between(path+".language", t.Language, 0, 1, unitHint)
		v.between(path+".religion", t.Religion, 0, 1, unitHint)
		v.between(path+".kinship", t.Kinship, 0, 1, unitHint)
		if k := pairKey(t.A, t.B); seen[k] {
			v.r.add(path, "the tie between "+quote(t.A)+" and "+quote(t.B)+" is given twice", "keep one [[culture]] entry per pair")
		} else {
			seen[k] = true
		}
	}
}

func (v *validator) relations() {
	seen := map[string]bool{}
	for i, rel := range v.sc.Relations {
		path := indexPath("relations", i+1)
		v.pair(path, rel.A, rel.B)
		v.between(path+".affinity", rel.Affinity, -1, 1, affinityHint)
		if k := pairKey(rel.A, rel.B); seen[k] {
			v.r.add(path, "the relation between "+quote(rel.A)+" and "+quote(rel.B)+" is given twice", "keep one [[relations]] entry per pair")
		} else {
			seen[k] = true
		}
	}
}

func (v *validator) route(path string, rt *sim.RouteSpec) {
	switch rt.Commodity {
	case sim.Oil, sim.Gas:
	case "":
		v.r.add(path+".commodity", "missing", `add commodity = "oil" or "gas"`)
	default:
		v.r.add(path+".commodity", "unknown commodity "+quote(string(rt.Commodity)), `a route carries "oil" or "gas"`)
	}
	v.ref(path+".producer", rt.Producer, v.agents, true)
	if v.agents.has(rt.Producer) && !v.hasRole(rt.Producer, "producer") {
		v.r.add(path+".producer", quote(rt.Producer)+" does not have the role \"producer\"",
			`add "producer" to that agent's roles, or name the exporting agent here`)
	}
	v.refs(path+".transit", rt.Transit, v.agents)
	v.ref(path+".market", rt.Market, v.agents, true)
	v.refs(path+".sponsors", rt.Sponsors, v.agents)
	v.positive(path+".capacity", rt.Capacity, "capacity in kb/d (oil) or bcm a year (gas), above zero")
	v.atLeast(path+".tariff", rt.Tariff, 0, "a transit fee, 0 or more")
	v.atLeast(path+".transit_fee", rt.TransitFee, 0, "a fee paid to transit states outside the scenario, 0 or more")
	v.atLeast(path+".contract", rt.Contract, 0, "a contracted volume in kb/d (oil) or bcm a year (gas), 0 or more")
	v.count(path+".build_turns", rt.BuildTurns, turnsHint)
	v.notAfterEnd(path+".from", rt.From, "from is when the project is first on the table; after calendar.end nobody could ever commit to it")
	statuses := []string{string(sim.Proposed), string(sim.Building), string(sim.Open), string(sim.Cancelled)}
	switch {
	case rt.Status == "":
		v.r.add(path+".status", "missing", listHint(statuses, "add status = one of"))
	case !slices.Contains(statuses, string(rt.Status)):
		v.r.add(path+".status", "unknown status "+quote(string(rt.Status)), didYouMean(string(rt.Status), statuses, "choose one of"))
	case rt.Status == sim.Building && rt.Opens.IsZero():
		v.r.add(path+".opens", "missing: a route under construction needs an opening date", "add opens = "+quote(v.exampleDate()))
	}
}

func (v *validator) conflict(path string, c *sim.ConflictSpec) {
	switch {
	case len(c.Parties) != 2:
		v.r.add(path+".parties", "a conflict needs exactly 2 parties, found "+strconv.Itoa(len(c.Parties)), "write parties = "+v.exampleParties())
	case c.Parties[0] == c.Parties[1]:
		v.r.add(path+".parties", "the two parties are the same agent ("+quote(c.Parties[0])+")", "name two different agents")
	}
	for i, id := range c.Parties {
		v.ref(indexPath(path+".parties", i+1), id, v.agents, true)
	}
	if n := len(c.Stakes); n != 0 && n != 2 {
		v.r.add(path+".stakes", "give one stake per party (2), found "+strconv.Itoa(n), "write stakes = [0.3, 0.3] in the order of parties, or leave stakes out")
	}
	v.between(path+".intensity", c.Intensity, 0, 1, "0 is frozen, 1 all-out war")
	v.between(path+".decay", c.Decay, 0, 1, rateHint)
	if c.Control != nil {
		v.between(path+".control", *c.Control, 0, 1, "the first party's share of what is disputed, 0 to 1")
	}
	victoryHint := "a side at war gains ground when its share of combined power reaches this value: above 0.5, at most 1, e.g. victory = 0.75"
	switch {
	case c.Victory == 0:
		v.r.add(path+".victory", "missing", victoryHint)
	case finite(c.Victory) && (c.Victory <= 0.5 || c.Victory > 1):
		v.r.add(path+".victory", formatNum(c.Victory)+" is not above 0.5 and at most 1", victoryHint)
	}
	for i, p := range c.Patrons {
		pp := indexPath(path+".patrons", i+1)
		v.ref(pp+".agent", p.Agent, v.agents, true)
		if p.Agent != "" && slices.Contains(c.Parties, p.Agent) {
			v.r.add(pp+".agent", quote(p.Agent)+" is a party to the conflict, not a patron", "patrons are outside powers that back a party")
		}
		switch {
		case p.Side == "":
			v.r.add(pp+".side", "missing", "name the party this patron backs")
		case !slices.Contains(c.Parties, p.Side):
			v.r.add(pp+".side", quote(p.Side)+" is not a party to this conflict", didYouMean(p.Side, c.Parties, "the parties are"))
		}
		v.between(pp+".support", p.Support, 0, 1, "the share of the patron's capability committed, 0 to 1")
	}
	for i, b := range c.Brokers {
		bp := indexPath(path+".brokers", i+1)
		v.ref(bp+".agent", b.Agent, v.agents, true)
	}
}

func (v *validator) institution(path string, in *sim.Institution) {
	v.between(path+".pole", in.Pole, -1, 1, axisHint)
	v.ref(path+".leader", in.Leader, v.agents, false)
	v.refs(path+".members", in.Members, v.agents)
	v.refs(path+".eligible", in.Eligible, v.agents)
	v.between(path+".security", in.Security, 0, 1, "a share of the other members' capability, 0 to 1")
	v.atLeast(path+".revenue", in.Revenue, 0, "the yearly benefit to each member in USD bn, 0 or more")
	v.atLeast(path+".influence", in.Influence, 0, weightHint)
	v.between(path+".shift", in.Shift, 0, 1, "an alignment step toward the pole, 0 to 1")
	v.between(path+".leave_relation", in.LeaveRelation, -2, 2, "a change in affinity, which itself runs from -1 to 1")
	v.count(path+".rejoin_after", in.RejoinAfter, turnsHint)
	for i, d := range in.Renewals {
		v.inCalendar(indexPath(path+".renewals", i+1), d)
	}
	v.atLeast(path+".leverage", in.Leverage, 0, weightHint)
	v.notAfterEnd(path+".from", in.From, "from is the founding date; after calendar.end nobody could ever join")
}

func (v *validator) agreement(path string, ag *sim.AgreementSpec) {
	if len(ag.Parties) < 2 {
		v.r.add(path+".parties", "an agreement needs at least 2 parties, found "+strconv.Itoa(len(ag.Parties)), "write parties = "+v.exampleParties())
	}
	v.refs(path+".parties", ag.Parties, v.agents)
	v.atLeast(path+".revenue", ag.Revenue, 0, "the yearly gain to each party in USD bn, 0 or more")
	v.between(path+".security", ag.Security, 0, 1, unitHint)
	v.between(path+".relation", ag.Relation, -2, 2, "a change in affinity, which itself runs from -1 to 1")
	v.notAfterEnd(path+".from", ag.From, "from is when the text is open for signature; after calendar.end nobody could ever sign it")
	v.count(path+".term", ag.Term, turnsHint)
}

func (v *validator) embargo(path string, e *sim.EmbargoSpec) {
	if len(e.Suppliers) == 0 {
		v.r.add(path+".suppliers", "missing", "name the states whose arms deals the embargo bars, e.g. suppliers = "+v.exampleParties())
	}
	if len(e.Recipients) == 0 {
		v.r.add(path+".recipients", "missing", "name the states it bars them from arming, e.g. recipients = "+v.exampleParties())
	}
	v.refs(path+".suppliers", e.Suppliers, v.agents)
	v.refs(path+".recipients", e.Recipients, v.agents)
	if !e.From.IsZero() && !e.Until.IsZero() && e.Until.Before(e.From) {
		v.r.add(path+".until", "comes before from", "until is the last date the embargo holds")
	}
}

// valueRange says whether events of a kind take a value and whether they
// need one, the range it may take and what it means.
func valueRange(kind string) (lo, hi float64, hint string, takes, needed bool) {
	switch kind {
	case "conflict_intensity":
		return 0, 1, "the new intensity, 0 (frozen) to 1 (all-out war)", true, true
	case "stability":
		return -1, 1, "a change in stability, which itself runs from 0 to 1", true, true
	case "relation":
		return -2, 2, "a change in affinity, which itself runs from -1 to 1", true, true
	case "shift":
		return -2, 2, "an alignment step, at most the width of the axis", true, true
	case "coup":
		return 0, 1, "the stability lost if the coup succeeds, 0 to 1; left out, 0.3", true, false
	case "attack":
		return 0, 1, "how severe the attack is, 0 to 1; left out, 0.5", true, false
	}
	return 0, 0, "", false, false
}

func (v *validator) event(path string, e *sim.EventSpec) {
	if e.Date.IsZero() {
		v.r.add(path+".date", "missing", `add date = "1994-05"`)
	}
	v.inCalendar(path+".date", e.Date)
	v.count(path+".turns", e.Turns, turnsHint)
	if e.Kind == "" {
		v.r.add(path+".kind", "missing", "see docs/scenarios.md for the event kinds")
		return
	}
	info, ok := sim.Kinds[e.Kind]
	if !ok {
		v.r.add(path+".kind", "unknown event kind "+quote(e.Kind), didYouMean(e.Kind, sim.KindNames(), "event kinds"))
		return
	}
	if !(e.Kind == "attack" && e.Target == "") {
		// An attack may strike a state outside the scenario: then only
		// its demonstration effect acts.
		v.target(path+".target", e.Kind, e.Target, info.Target)
	}
	switch info.Actor {
	case "required":
		v.ref(path+".actor", e.Actor, v.agents, true)
	case "optional":
		v.ref(path+".actor", e.Actor, v.agents, false)
	default:
		if e.Actor != "" {
			v.r.add(path+".actor", e.Kind+" events take no actor", "remove the actor line")
		}
	}
	if info.Target == sim.AgentTarget && e.Actor != "" && e.Actor == e.Target {
		v.r.add(path+".target", "actor and target are the same agent ("+quote(e.Actor)+")", "an action is taken toward another agent")
	}
	lo, hi, hint, takes, needed := valueRange(e.Kind)
	switch {
	case e.Value == nil && needed:
		v.r.add(path+".value", "missing: "+e.Kind+" events need a value", hint)
	case e.Value != nil && !takes:
		v.r.add(path+".value", e.Kind+" events take no value", "remove the value line")
	case e.Value != nil:
		v.between(path+".value", *e.Value, lo, hi, hint)
	}
	if e.Success != nil && e.Kind != "coup" {
		v.r.add(path+".success", "only a coup event has a success flag", "remove the success line")
	}
}

// target checks an event's or hazard's target against the type its kind
// acts on.
func (v *validator) target(path, kind, target string, t sim.TargetType) {
	set := v.targetSet(t)
	if set == nil {
		if target != "" {
			v.r.add(path, kind+" takes no target", "remove the target line")
		}
		return
	}
	if target == "" {
		v.r.add(path, "missing: "+kind+" acts on "+withArticle(set.kind), "name the "+set.kind+" by its id")
		return
	}
	if !set.has(target) {
		v.r.add(path, "unknown "+set.kind+" "+quote(target)+": "+kind+" acts on "+withArticle(set.kind),
			didYouMean(target, set.list(), "known "+set.kind+"s"))
	}
}

func (v *validator) hazard(path string, h *sim.HazardSpec) {
	v.atLeast(path+".rate", h.Rate, 0, "expected occurrences a year, 0 or more")
	v.atLeast(path+".magnitude", h.Magnitude, 0, "a size, 0 or more")
	v.count(path+".turns", h.Turns, turnsHint)
	if !h.From.IsZero() && !h.Until.IsZero() && h.Until.Before(h.From) {
		v.r.add(path+".until", h.Until.String()+" is before from ("+h.From.String()+")", "until must come after from")
	}
	kinds := make([]string, 0, len(sim.HazardKinds))
	for k := range sim.HazardKinds {
		kinds = append(kinds, k)
	}
	t, ok := sim.HazardKinds[h.Kind]
	switch {
	case h.Kind == "":
		v.r.add(path+".kind", "missing", listHint(kinds, "hazard kinds"))
	case !ok:
		v.r.add(path+".kind", "unknown hazard kind "+quote(h.Kind), didYouMean(h.Kind, kinds, "hazard kinds"))
	default:
		v.target(path+".target", h.Kind, h.Target, t)
	}
}
