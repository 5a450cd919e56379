package scenarios

import (
	"reflect"
	"slices"
	"strings"

	"caspian/sim"
)

// Most numbers of a scenario have a natural range (a share from 0 to 1, a
// position from -1 to 1) that the section checks enforce. The rest
// (money, volumes, prices, capabilities, weights, utilities, rates) are
// only bounded below by their meaning, yet a number such as 1e308 passes
// that check and overflows the model a few turns into the run. Each of
// them is therefore held under a ceiling: a value far above any real
// figure, so that no real or imagined scenario meets it, but low enough
// that the model's sums and products of such numbers stay finite. The
// reason for each is given with it, and in the hint of its message.

// ceiling is the largest value a number may take, and why.
type ceiling struct {
	max float64
	// signed numbers may be negative too: the ceiling bounds their size
	// either way. For the others a section check sets the lower bound.
	signed bool
	// why is the unit and the reason for the ceiling, the hint of the
	// message.
	why string
}

// The ceilings, by quantity.
var (
	// World GDP was about USD 105,000 bn in 2023; ten times that is more
	// than any state, bloc, treaty or stake could earn or lose in a year.
	moneyCeiling = ceiling{max: 1e6,
		why: "a yearly sum in USD bn; the most allowed is ten times world GDP, which is about 100000"}
	// World oil output is about 100 million barrels a day.
	oilVolumeCeiling = ceiling{max: 1e6,
		why: "oil in thousand barrels a day; the most allowed is ten times world output, which is about 100000"}
	// World gas output is about 4,000 bcm a year.
	gasVolumeCeiling = ceiling{max: 1e5,
		why: "gas in bcm a year; the most allowed is 25 times world output, which is about 4000"}
	// A route's capacity is in kb/d for oil and bcm a year for gas; the
	// oil figure is the larger, and far above all the gas in the world.
	capacityCeiling = ceiling{max: 1e6,
		why: "kb/d of oil or bcm a year of gas; the most allowed is ten times world oil output"}
	// Brent's record was USD 147 a barrel (July 2008).
	oilPriceCeiling = ceiling{max: 1e4,
		why: "USD a barrel; the most allowed is some 70 times the record of 2008, 147"}
	// Europe's record gas price was about USD 3,500 per thousand cubic
	// metres (August 2022).
	gasPriceCeiling = ceiling{max: 1e5,
		why: "USD per thousand cubic metres; the most allowed is some 30 times the record of 2022, about 3500"}
	// A transit fee above the highest price allowed could never be paid.
	tariffCeiling = ceiling{max: gasPriceCeiling.max,
		why: "USD a barrel of oil or per thousand cubic metres of gas; no fee may be more than the highest gas price allowed"}
	// Thermal parity is about 6.1, the 2022 record about 35.
	gasOilRatioCeiling = ceiling{max: 1e3,
		why: "USD per thousand cubic metres of gas per USD a barrel of oil; thermal parity is about 6.1 and the record of 2022 about 35"}
	// Capability is in units of the scenario's own choosing: the shipped
	// scenarios set Azerbaijan in 1991 to 1 and the United States to 25.
	// A million units leaves room for a much finer unit (even USD bn of
	// GDP, where the United States is about 27,000).
	capabilityCeiling = ceiling{max: 1e6,
		why: "capability units, in which the shipped scenarios count Azerbaijan in 1991 as 1 and the United States as 25; the most allowed is a million"}
	// At the ceiling one USD bn a year of revenue buys the largest
	// capability allowed every year.
	armsBudgetCeiling = ceiling{max: capabilityCeiling.max,
		why: "capability units a year per USD bn a year; at the most allowed, one USD bn a year buys the largest capability allowed every year"}
	// Weights count in proportion to one another, or against terms of
	// size 0 to 1; the largest default is 1.
	weightCeiling = ceiling{max: 1e3,
		why: "a weight; the most allowed is a thousand times the largest default, 1, enough to make every other term negligible"}
	// Each interest is worth 0 to 1 to an agent, so a cost, a goodwill
	// or a stake of a thousand is beyond anything an agent could gain.
	utilityCeiling = ceiling{max: 1e3,
		why: "utility units, in which each interest is worth 0 to 1; the most allowed is a thousand"}
	// Conflict stakes and broker preferences are utilities the model
	// reads with their sign.
	signedUtilityCeiling = ceiling{max: utilityCeiling.max, signed: true,
		why: "utility units, in which each interest is worth 0 to 1; the most allowed is a thousand either way"}
	// Utilities are of size 0 to 1: from a temperature of about 1 up the
	// choice among actions is already close to random.
	temperatureCeiling = ceiling{max: 1e3,
		why: "utility units; from about 1 up choices are already close to random, and the most allowed is a thousand"}
	// From 12 a year an exposed hazard already strikes every turn, even
	// with monthly turns.
	hazardRateCeiling = ceiling{max: 1e3,
		why: "expected occurrences a year; from 12 up an exposed hazard strikes every turn, and the most allowed is a thousand"}
	// A coup's or flare's magnitude saturates at 1 (all stability lost,
	// all-out war). For a price shock it is the standard deviation of
	// the log of the price jump: at 5 a one-s.d. jump multiplies prices
	// by about 150, where the 1973 and 2022 shocks were factors of 4 to
	// 10 (logs of 1.4 to 2.3).
	magnitudeCeiling = ceiling{max: 5,
		why: "a coup or a flare counts at most 1; for a price shock, the standard deviation of the log price jump, 5 multiplies prices by about 150"}
)

// A pattern compares recorded quantities, the largest of which (money,
// volumes, capacities) are held under a million.
var (
	patternCeiling = ceiling{max: 1e6, signed: true,
		why: "a quantity a pattern compares with the model's outputs; the largest of those is held under a million, so the most allowed is a million either way"}
	rangeRatioCeiling = ceiling{max: 1e3,
		why: "the model's range as a share of the observed range; the most allowed is a thousand"}
)

// ceilings maps the key path of every number that has no natural upper
// bound ([] stands for each entry of a list) to its ceiling. The numbers
// with a natural range (sim.Ranges), and event values, whose range depends on the
// kind, are checked by their sections; whole numbers are all numbers of
// turns, held to the turns limit (see count).
var ceilings = func() map[string]ceiling {
	m := map[string]ceiling{
		"prices.oil":           oilPriceCeiling,
		"prices.gas":           gasPriceCeiling,
		"prices.gas_oil_ratio": gasOilRatioCeiling,

		"agents[].capability":        capabilityCeiling,
		"agents[].arms":              capabilityCeiling,
		"agents[].arms_budget":       armsBudgetCeiling,
		"agents[].arms_per_sale":     capabilityCeiling,
		"agents[].weights.security":  weightCeiling,
		"agents[].weights.energy":    weightCeiling,
		"agents[].weights.alignment": weightCeiling,
		"agents[].energy_scale":      moneyCeiling,
		"agents[].production.oil":    oilVolumeCeiling,
		"agents[].production.gas":    gasVolumeCeiling,
		"agents[].imports.oil":       oilVolumeCeiling,
		"agents[].imports.gas":       gasVolumeCeiling,
		"agents[].temperature":       temperatureCeiling,

		"routes[].capacity":    capacityCeiling,
		"routes[].tariff":      tariffCeiling,
		"routes[].transit_fee": tariffCeiling,
		"routes[].contract":    capacityCeiling,

		"conflicts[].stakes[]":             signedUtilityCeiling,
		"conflicts[].brokers[].preference": signedUtilityCeiling,

		"institutions[].revenue":   moneyCeiling,
		"institutions[].influence": weightCeiling,
		"institutions[].leverage":  weightCeiling,
		"agreements[].revenue":     moneyCeiling,

		"hazards[].rate":      hazardRateCeiling,
		"hazards[].magnitude": magnitudeCeiling,

		"patterns[].above":     patternCeiling,
		"patterns[].below":     patternCeiling,
		"patterns[].observed":  patternCeiling,
		"patterns[].scale":     patternCeiling,
		"patterns[].offset":    patternCeiling,
		"patterns[].min_range": rangeRatioCeiling,
	}
	m["model.temperature"] = temperatureCeiling
	m["model.consent_tolerance"] = utilityCeiling
	m["model.resolve_uncertainty"] = utilityCeiling
	m["model.influence_self"] = weightCeiling
	m["model.default_energy_scale"] = moneyCeiling
	for _, k := range []string{"security_balance", "security_stability", "security_cooperation",
		"pressure_penalty", "war_penalty", "influence_energy", "influence_security", "influence_culture",
		"influence_relation", "influence_institution", "influence_threat",
		"culture_language", "culture_religion", "culture_kinship"} {
		m["model."+k] = weightCeiling
	}
	for _, f := range tomlFields(reflect.TypeFor[sim.ActionTable]()) {
		p := "actions." + f.name + "."
		m[p+"cost"] = utilityCeiling
		m[p+"arms"] = capabilityCeiling
		m[p+"revenue"] = moneyCeiling
		m[p+"influence"] = weightCeiling
	}
	return m
}()

// Ceiling is the largest value the loader accepts for a number of a
// scenario that has no natural upper bound.
type Ceiling struct {
	// Path is the number's key path, with [] for each entry of a list:
	// "agents[].arms_budget", "conflicts[].stakes[]". For a yearly
	// series ("prices.oil") the ceiling holds for every year's value.
	Path string
	Max  float64
	// Signed numbers may also be as low as -Max; for the others the
	// lower bound is set by their meaning (0, mostly).
	Signed bool
}

// Ceilings lists the ceilings the loader holds numbers to, by key path,
// so that the JSON schema (package schema) can state them too.
func Ceilings() []Ceiling {
	out := make([]Ceiling, 0, len(ceilings))
	for p, c := range ceilings {
		out = append(out, Ceiling{Path: p, Max: c.max, Signed: c.signed})
	}
	slices.SortFunc(out, func(a, b Ceiling) int { return strings.Compare(a.Path, b.Path) })
	return out
}

// keyPath turns a field path into the key path of the ceilings:
// "agents[2].production.oil" → "agents[].production.oil".
func keyPath(path string) string {
	if !strings.Contains(path, "[") {
		return path
	}
	var b strings.Builder
	inIndex := false
	for _, r := range path {
		switch {
		case r == '[':
			inIndex = true
			b.WriteString("[]")
		case r == ']' && inIndex:
			inIndex = false
		case !inIndex:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// ceilingOf is the ceiling of the number at path, if it has one.
func ceilingOf(path string) (ceiling, bool) {
	c, ok := ceilings[keyPath(path)]
	return c, ok
}

// atMost reports x, the number at path, if it is above c (or, for a
// signed number, below minus c). Non-finite numbers are reported
// already.
func (v *validator) atMost(path string, x float64, c ceiling) {
	if !ceilingsOn || !finite(x) {
		return
	}
	switch {
	case c.signed && (x > c.max || x < -c.max):
		v.r.add(path, formatNum(x)+" is outside the range "+formatNum(-c.max)+" to "+formatNum(c.max), c.why)
	case x > c.max:
		v.r.add(path, formatNum(x)+" is more than "+formatNum(c.max), c.why)
	}
}

// seriesAtMost reports every year of the series at path whose value is
// above c, on the line where that year is written.
func (v *validator) seriesAtMost(path string, s sim.Series, c ceiling) {
	if !ceilingsOn {
		return
	}
	for _, p := range s.Points {
		switch {
		case c.signed && (p.Value > c.max || p.Value < -c.max):
			v.yearProblem(path, p, "is outside the range "+formatNum(-c.max)+" to "+formatNum(c.max), c.why)
		case p.Value > c.max:
			v.yearProblem(path, p, "is more than "+formatNum(c.max), c.why)
		}
	}
}
