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
	v.seriesInRange("prices.oil", p.Oil)
	v.seriesInRange("prices.gas", p.Gas)
	v.inRange("prices.gas_oil_ratio", p.GasOilRatio)
}

func (v *validator) model() {
	values := floatFields(reflect.ValueOf(v.sc.Model))
	for _, f := range tomlFields(reflect.TypeFor[sim.Params]()) {
		if x, ok := values[f.name]; ok {
			v.inRange("model."+f.name, x)
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
	v.inRange(path+".cost", e.Cost)
	v.inRange(path+".relation", e.Relation)
	v.inRange(path+".cooperation", e.Cooperation)
	v.inRange(path+".arms", e.Arms)
	v.inRange(path+".revenue", e.Revenue)
	v.inRange(path+".shift", e.Shift)
	v.inRange(path+".intensity", e.Intensity)
	v.inRange(path+".pressure", e.Pressure)
	v.inRange(path+".plot", e.Plot)
	v.inRange(path+".influence", e.Influence)
	v.count(path+".turns", e.Turns, turnsHint)
}

func (v *validator) agent(path string, a *sim.AgentSpec) {
	v.inRange(path+".capability", a.Capability)
	v.inRange(path+".arms", a.Arms)
	v.inRange(path+".arms_budget", a.ArmsBudget)
	v.roles(path+".roles", a.Roles)
	w := a.Weights
	v.inRange(path+".weights.security", w.Security)
	v.inRange(path+".weights.energy", w.Energy)
	v.inRange(path+".weights.alignment", w.Alignment)
	if w.Security == 0 && w.Energy == 0 && w.Alignment == 0 {
		v.r.add(path+".weights", "all weights are zero, so the agent cares about nothing",
			"give at least one of security, energy and alignment a positive weight")
	}
	v.inRange(path+".alignment", a.Alignment)
	if a.Ideal != nil {
		v.inRange(path+".ideal", *a.Ideal)
	}
	v.inRange(path+".stubbornness", a.Stubbornness)
	v.inRange(path+".threat_response", a.ThreatResponse)
	v.inRange(path+".stability", a.Stability)
	v.inRange(path+".energy_scale", a.EnergyScale)
	v.seriesInRange(path+".production.oil", a.Production.Oil)
	v.seriesInRange(path+".production.gas", a.Production.Gas)
	v.inRange(path+".domestic.oil", a.Domestic.Oil)
	v.inRange(path+".domestic.gas", a.Domestic.Gas)
	v.inRange(path+".arms_per_sale", a.ArmsPerSale)
	v.seriesInRange(path+".imports.oil", a.Imports.Oil)
	v.seriesInRange(path+".imports.gas", a.Imports.Gas)
	v.refs(path+".sphere", a.Sphere, v.agents)
	if a.Temperature != nil {
		v.inRange(path+".temperature", *a.Temperature)
	}
}

// roles checks an agent's roles against sim.Roles.
func (v *validator) roles(path string, roles []sim.Role) {
	seen := map[sim.Role]bool{}
	for i, r := range roles {
		p := indexPath(path, i+1)
		if !slices.Contains(sim.Roles, r) {
			v.r.add(p, "unknown role "+quote(string(r)), didYouMean(string(r), roleNames(), "roles"))
		} else if seen[r] {
			v.r.add(p, quote(string(r))+" is listed twice", "list each role once")
		}
		seen[r] = true
	}
}

// roleNames are the roles' names, for suggestions.
func roleNames() []string {
	names := make([]string, len(sim.Roles))
	for i, r := range sim.Roles {
		names[i] = string(r)
	}
	return names
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
		v.inRange(path+".language", t.Language)
		v.inRange(path+".religion", t.Religion)
		v.inRange(path+".kinship", t.Kinship)
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
		v.inRange(path+".affinity", rel.Affinity)
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
	if v.agents.has(rt.Producer) && !v.sc.Agent(rt.Producer).HasRole(sim.Producer) {
		v.r.add(path+".producer", quote(rt.Producer)+" does not have the role \"producer\"",
			`add "producer" to that agent's roles, or name the exporting agent here`)
	}
	v.refs(path+".transit", rt.Transit, v.agents)
	v.ref(path+".market", rt.Market, v.agents, true)
	v.refs(path+".sponsors", rt.Sponsors, v.agents)
	v.inRange(path+".capacity", rt.Capacity)
	v.inRange(path+".tariff", rt.Tariff)
	v.inRange(path+".transit_fee", rt.TransitFee)
	v.inRange(path+".contract", rt.Contract)
	v.count(path+".build_turns", rt.BuildTurns, turnsHint)
	v.notAfterEnd(path+".from", rt.From, "from is when the project is first on the table; after calendar.end nobody could ever commit to it")
	statuses := sim.AllowedValues["routes[].status"]
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
	v.inRange(path+".intensity", c.Intensity)
	v.inRange(path+".decay", c.Decay)
	if c.Control != nil {
		v.inRange(path+".control", *c.Control)
	}
	if c.Victory == 0 {
		v.r.add(path+".victory", "missing", sim.Ranges["conflicts[].victory"].Hint)
	} else {
		v.inRange(path+".victory", c.Victory)
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
		v.inRange(pp+".support", p.Support)
	}
	for i, b := range c.Brokers {
		bp := indexPath(path+".brokers", i+1)
		v.ref(bp+".agent", b.Agent, v.agents, true)
	}
}

func (v *validator) institution(path string, in *sim.Institution) {
	v.inRange(path+".pole", in.Pole)
	v.ref(path+".leader", in.Leader, v.agents, false)
	v.refs(path+".members", in.Members, v.agents)
	v.refs(path+".eligible", in.Eligible, v.agents)
	v.inRange(path+".security", in.Security)
	v.inRange(path+".revenue", in.Revenue)
	v.inRange(path+".influence", in.Influence)
	v.inRange(path+".shift", in.Shift)
	v.inRange(path+".leave_relation", in.LeaveRelation)
	v.count(path+".rejoin_after", in.RejoinAfter, turnsHint)
	for i, d := range in.Renewals {
		v.inCalendar(indexPath(path+".renewals", i+1), d)
	}
	v.inRange(path+".leverage", in.Leverage)
	v.notAfterEnd(path+".from", in.From, "from is the founding date; after calendar.end nobody could ever join")
}

func (v *validator) agreement(path string, ag *sim.AgreementSpec) {
	if len(ag.Parties) < 2 {
		v.r.add(path+".parties", "an agreement needs at least 2 parties, found "+strconv.Itoa(len(ag.Parties)), "write parties = "+v.exampleParties())
	}
	v.refs(path+".parties", ag.Parties, v.agents)
	v.inRange(path+".revenue", ag.Revenue)
	v.inRange(path+".security", ag.Security)
	v.inRange(path+".relation", ag.Relation)
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
	v.inRange(path+".rate", h.Rate)
	v.inRange(path+".magnitude", h.Magnitude)
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
