package sim

import (
	"math"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Range is the values one number of a scenario may take, and what the
// number is.
type Range struct {
	// Min and Max bound the number; a side without a natural bound is
	// infinite (the scenarios package still holds such numbers under a
	// ceiling, far above any real figure, so that sums stay finite).
	Min, Max float64
	// Above makes Min exclusive: the number must be above it.
	Above bool
	// Hint says what the number is, in words a message about a value
	// outside the range can give as its hint.
	Hint string
}

// Contains reports whether x is in the range. Only finite numbers are in
// a range, even one without an upper bound.
func (r Range) Contains(x float64) bool {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return false
	}
	if r.Above {
		return x > r.Min && x <= r.Max
	}
	return x >= r.Min && x <= r.Max
}

// String writes the range as an interval: "[-1, 1]", "(0.5, 1]",
// "[0, ∞)".
func (r Range) String() string {
	lo, hi := "[", "]"
	if r.Above {
		lo = "("
	}
	num := func(v float64) string {
		if math.IsInf(v, 1) {
			hi = ")"
			return "∞"
		}
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	return lo + num(r.Min) + ", " + num(r.Max) + hi
}

// RangeOf is the range of the number at a scenario key path, written as
// --set and the checks write it ("agents[2].threat_response",
// "agents.AZE.threat_response", "actions.pressure.cost" and
// "model.revision" all work), or false for a number without one.
func RangeOf(path string) (Range, bool) {
	r, ok := Ranges[GenericPath(path)]
	return r, ok
}

var (
	listIndex = regexp.MustCompile(`\[[^\]]*\]`)
	actionKey = regexp.MustCompile(`^actions\.[a-z_]+\.`)
	namedItem = regexp.MustCompile(`^(agents|routes|conflicts|institutions|agreements|hazards)\.[^.\[]+\.`)
)

// GenericPath writes a key path with every list entry as "[]" and every
// action kind as "*", the form Ranges is keyed by: "agents[].ideal",
// "conflicts[].patrons[].support", "actions.*.cost".
func GenericPath(path string) string {
	p := listIndex.ReplaceAllString(path, "[]")
	p = actionKey.ReplaceAllString(p, "actions.*.")
	if m := namedItem.FindStringSubmatch(p); m != nil {
		p = m[1] + "[]." + p[len(m[0]):]
	}
	return p
}

const (
	unitHint     = "a share or level from 0 to 1"
	axisHint     = "positions on the axis run from -1 (the negative pole) to +1 (the positive pole)"
	affinityHint = "affinity runs from -1 (hostile) to +1 (close allies)"
	weightHint   = "weights are zero or more"
	rateHint     = "a rate per turn from 0 (never fades) to 1 (fades at once)"
	amountHint   = "amounts cannot be negative"
	relationHint = "a change in affinity, which itself runs from -1 to 1"
	choiceHint   = "0 picks the best action; larger values make choices more random"
)

var inf = math.Inf(1)

// share is a range from 0 to 1, nonNegative one from 0 up, signed one
// from -1 to 1.
func share(hint string) Range       { return Range{Min: 0, Max: 1, Hint: hint} }
func nonNegative(hint string) Range { return Range{Min: 0, Max: inf, Hint: hint} }
func signed(hint string) Range      { return Range{Min: -1, Max: 1, Hint: hint} }
func positive(hint string) Range    { return Range{Min: 0, Max: inf, Above: true, Hint: hint} }

// Ranges holds the range of every number of a scenario that has one, by
// its generic key path (GenericPath). The scenarios package checks a
// file's numbers against it, New checks a scenario built in Go against
// it, and the JSON Schema states it, so the three cannot disagree.
var Ranges = map[string]Range{
	// Yearly series: every year's value is checked.
	"prices.oil":              nonNegative("prices cannot be negative"),
	"prices.gas":              nonNegative("prices cannot be negative"),
	"agents[].production.oil": nonNegative("production cannot be negative"),
	"agents[].production.gas": nonNegative("production cannot be negative"),
	"agents[].imports.oil":    nonNegative(amountHint),
	"agents[].imports.gas":    nonNegative(amountHint),

	"prices.gas_oil_ratio": nonNegative("the gas price is the oil price times this ratio, 0 or more"),

	"model.temperature":          nonNegative(choiceHint),
	"model.consent_tolerance":    nonNegative("a utility loss, 0 or more"),
	"model.hostility_threat":     share("a share of a hostile agent's capability, 0 to 1"),
	"model.influence_self":       positive("each agent needs some weight on its own position, or its row of the influence matrix may be all zero"),
	"model.frozen_below":         share("a conflict intensity, 0 to 1"),
	"model.war_above":            share("a conflict intensity, 0 to 1"),
	"model.coup_success":         share("a probability, 0 to 1"),
	"model.coup_consolidation":   share("a stability gain, 0 to 1"),
	"model.war_instability":      share("stability lost per unit of war intensity, 0 to 1"),
	"model.alarm":                share("a threat level per unit of an attack's severity, 0 to 1"),
	"model.war_gains":            share("a share of what is disputed taken per turn of war, 0 to 1"),
	"model.resolve_uncertainty":  nonNegative("a utility, 0 or more"),
	"model.cooperation_floor":    signed("an affinity, -1 to 1: two states cooperate only while their affinity is at or above it"),
	"model.route_discount":       share("a discount factor per turn, 0 to 1 (1 means no discount)"),
	"model.default_energy_scale": positive("a revenue in USD bn a year, above zero"),
	"model.supplier_cap":         {Min: 0, Max: 1, Above: true, Hint: "a share of a consumer's demand, above 0 and at most 1"},
	"model.revision":             {Min: 0, Max: 1, Above: true, Hint: "a probability per turn, above 0 and at most 1; at 1 every state reconsiders every turn"},
	"model.ally_price":           share("a share of the price, 0 (allies are armed free) to 1 (they pay in full)"),
	"model.route_horizon":        {Min: 0, Max: 400, Hint: "a number of turns, 0 to 400 (a century of quarters)"},

	"model.security_balance":      nonNegative(weightHint),
	"model.security_stability":    nonNegative(weightHint),
	"model.security_cooperation":  nonNegative(weightHint),
	"model.pressure_penalty":      nonNegative(weightHint),
	"model.war_penalty":           nonNegative(weightHint),
	"model.influence_energy":      nonNegative(weightHint),
	"model.influence_security":    nonNegative(weightHint),
	"model.influence_culture":     nonNegative(weightHint),
	"model.influence_relation":    nonNegative(weightHint),
	"model.influence_institution": nonNegative(weightHint),
	"model.influence_threat":      nonNegative(weightHint),
	"model.culture_language":      nonNegative(weightHint),
	"model.culture_religion":      nonNegative(weightHint),
	"model.culture_kinship":       nonNegative(weightHint),
	"model.relation_decay":        share(rateHint),
	"model.cooperation_decay":     share(rateHint),
	"model.pressure_decay":        share(rateHint),
	"model.plot_decay":            share(rateHint),
	"model.arms_decay":            share(rateHint),
	"model.stability_recovery":    share(rateHint),

	"actions.*.cost":        nonNegative("a cost is a utility given up, 0 or more"),
	"actions.*.relation":    {Min: -2, Max: 2, Hint: relationHint},
	"actions.*.cooperation": share(unitHint),
	"actions.*.arms":        nonNegative(amountHint),
	"actions.*.revenue":     nonNegative("a yearly sum in USD bn (a stake gained, a trade loss suffered), 0 or more"),
	"actions.*.shift":       {Min: -2, Max: 2, Hint: "an alignment step, at most the width of the axis"},
	"actions.*.intensity":   signed("a change in conflict intensity, which itself runs from 0 to 1"),
	"actions.*.pressure":    share(unitHint),
	"actions.*.plot":        share(unitHint),
	"actions.*.influence":   nonNegative(weightHint),

	"agents[].capability":        positive("capability is power relative to the other agents, above zero"),
	"agents[].arms":              nonNegative(amountHint),
	"agents[].arms_budget":       nonNegative("capability units of arms a year bought per USD bn a year of energy revenue, 0 or more; 0 if the agent's arms come only from deals"),
	"agents[].weights.security":  nonNegative(weightHint),
	"agents[].weights.energy":    nonNegative(weightHint),
	"agents[].weights.alignment": nonNegative(weightHint),
	"agents[].alignment":         signed(axisHint),
	"agents[].ideal":             signed(axisHint),
	"agents[].stubbornness":      share("0 follows others fully, 1 never moves from its start"),
	"agents[].threat_response":   signed("+1 balances against a threat, -1 bandwagons with it, 0 ignores it"),
	"agents[].stability":         share("1 is fully stable; coups are likelier below"),
	"agents[].energy_scale":      nonNegative("a revenue in USD bn a year, 0 or more"),
	"agents[].domestic.oil":      share("the share used at home, 0 to 1"),
	"agents[].domestic.gas":      share("the share used at home, 0 to 1"),
	"agents[].arms_per_sale":     nonNegative("capability units one arms sale delivers, 0 or more (0: actions.arms_deal.arms)"),
	"agents[].temperature":       nonNegative(choiceHint),

	"culture[].language":   share(unitHint),
	"culture[].religion":   share(unitHint),
	"culture[].kinship":    share(unitHint),
	"relations[].affinity": signed(affinityHint),

	"routes[].capacity":    positive("capacity in kb/d (oil) or bcm a year (gas), above zero"),
	"routes[].tariff":      nonNegative("a transit fee, 0 or more"),
	"routes[].transit_fee": nonNegative("a fee paid to transit states outside the scenario, 0 or more"),
	"routes[].contract":    nonNegative("a contracted volume in kb/d (oil) or bcm a year (gas), 0 or more"),

	"conflicts[].intensity":         share("0 is frozen, 1 all-out war"),
	"conflicts[].decay":             share(rateHint),
	"conflicts[].control":           share("the first party's share of what is disputed, 0 to 1"),
	"conflicts[].victory":           {Min: 0.5, Max: 1, Above: true, Hint: "a side at war gains ground when its share of combined power reaches this value: above 0.5, at most 1, e.g. victory = 0.75"},
	"conflicts[].patrons[].support": share("the share of the patron's capability committed, 0 to 1"),

	"institutions[].pole":           signed(axisHint),
	"institutions[].security":       share("a share of the other members' capability, 0 to 1"),
	"institutions[].revenue":        nonNegative("the yearly benefit to each member in USD bn, 0 or more"),
	"institutions[].influence":      nonNegative(weightHint),
	"institutions[].shift":          share("an alignment step toward the pole, 0 to 1"),
	"institutions[].leave_relation": {Min: -2, Max: 2, Hint: relationHint},
	"institutions[].leverage":       nonNegative(weightHint),

	"agreements[].revenue":  nonNegative("the yearly gain to each party in USD bn, 0 or more"),
	"agreements[].security": share(unitHint),
	"agreements[].relation": {Min: -2, Max: 2, Hint: relationHint},

	"hazards[].rate":      nonNegative("expected occurrences a year, 0 or more"),
	"hazards[].magnitude": nonNegative("a size, 0 or more"),
}

// RequiredKeys lists the keys each table of a scenario file must have,
// by the table's generic path ("" for the top level, "agents[]" for each
// agent): the loader refuses a file without one of them, at its path,
// and the JSON Schema marks them required.
var RequiredKeys = map[string][]string{
	"":                      {"name", "focal", "calendar", "axis", "agents"},
	"calendar":              {"start", "end", "step"},
	"axis":                  {"negative_poles", "positive_poles"},
	"agents[]":              {"id", "capability"},
	"culture[]":             {"a", "b"},
	"relations[]":           {"a", "b"},
	"routes[]":              {"id", "commodity", "producer", "market", "capacity", "status"},
	"conflicts[]":           {"id", "parties", "victory"},
	"conflicts[].patrons[]": {"agent", "side"},
	"conflicts[].brokers[]": {"agent"},
	"institutions[]":        {"id"},
	"agreements[]":          {"id", "parties"},
	"events[]":              {"date", "kind"},
	"hazards[]":             {"kind"},
}

// AllowedValues lists the values each enumerated key of a scenario may
// take, by its generic path ("agents[].roles" for each role of the
// list): the loader refuses any other, New too, and the JSON Schema
// states them.
var AllowedValues = map[string][]string{
	"calendar.step":      {string(Month), string(Quarter), string(Year)},
	"routes[].commodity": {string(Oil), string(Gas)},
	"routes[].status":    {string(Proposed), string(Building), string(Open), string(Cancelled)},
	"agents[].roles":     roleNames(),
	// "events[].kind" is added by init with the table of kinds (actions.go).
	"hazards[].kind": hazardKindNames(),
}

func roleNames() []string {
	out := make([]string, len(Roles))
	for i, r := range Roles {
		out[i] = string(r)
	}
	return out
}

func hazardKindNames() []string {
	out := make([]string, 0, len(HazardKinds))
	for k := range HazardKinds {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// allowed reports whether v is one of the values of the enumerated key.
func allowed(key, v string) bool { return slices.Contains(AllowedValues[key], v) }

// orList writes values as "a, b or c".
func orList(values []string) string {
	if len(values) < 2 {
		return strings.Join(values, "")
	}
	return strings.Join(values[:len(values)-1], ", ") + " or " + values[len(values)-1]
}

// checkRanges reports every number of sc outside its range in Ranges,
// by its key path with list entries counted from 1 (the loader's
// checks, which come first for a scenario file, report the same numbers
// with their lines and hints). A scenario built in Go gets the same
// protection as a file. New calls it for every run, so it walks only the
// parts of a scenario that hold a ranged number.
func checkRanges(sc *Scenario, fail func(string, ...any)) {
	walkNumbers(reflect.ValueOf(sc).Elem(), "", "", rangedParts, func(path, generic string, x float64) {
		if r, ok := Ranges[generic]; ok && !r.Contains(x) {
			fail("%s: %v is outside %v", path, x, r)
		}
	})
}

// rangedParts holds every generic path that is, or leads to, a key of
// Ranges: "agents", "agents[]", "agents[].weights", ...
var rangedParts = func() map[string]bool {
	parts := map[string]bool{}
	for key := range Ranges {
		for p := key; p != ""; {
			parts[p] = true
			if i := strings.LastIndexAny(p, ".["); i >= 0 {
				p = p[:i]
			} else {
				p = ""
			}
		}
	}
	return parts
}()

var (
	seriesType      = reflect.TypeFor[Series]()
	actionTableType = reflect.TypeFor[ActionTable]()
)

// walkNumbers calls fn with the key path, the generic path (GenericPath)
// and the value of every number in v (a struct decoded from a scenario):
// float fields, set pointers to floats, and every year's value of a
// Series. With within, it enters only the parts whose generic path it
// holds.
func walkNumbers(v reflect.Value, path, generic string, within map[string]bool, fn func(path, generic string, x float64)) {
	switch v.Kind() {
	case reflect.Float64:
		fn(path, generic, v.Float())
	case reflect.Pointer:
		if !v.IsNil() {
			walkNumbers(v.Elem(), path, generic, within, fn)
		}
	case reflect.Slice:
		if within != nil && !within[generic+"[]"] {
			return
		}
		for i := range v.Len() {
			walkNumbers(v.Index(i), path+"["+strconv.Itoa(i+1)+"]", generic+"[]", within, fn)
		}
	case reflect.Struct:
		if v.Type() == seriesType {
			for _, p := range v.Interface().(Series).Points {
				fn(path, generic, p.Value)
			}
			return
		}
		t := v.Type()
		for i := range t.NumField() {
			name, _, _ := strings.Cut(t.Field(i).Tag.Get("toml"), ",")
			if name == "" || name == "-" || !t.Field(i).IsExported() {
				continue
			}
			// Every action kind's effects share their ranges.
			gname := name
			if t == actionTableType {
				gname = "*"
			}
			p, g := name, gname
			if path != "" {
				p, g = path+"."+name, generic+"."+gname
			}
			if within != nil && !within[g] {
				continue
			}
			walkNumbers(v.Field(i), p, g, within, fn)
		}
	}
}
