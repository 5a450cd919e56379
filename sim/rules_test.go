package sim

import (
	"math"
	"reflect"
	"strings"
	"testing"
)

func TestRange(t *testing.T) {
	tests := []struct {
		r    Range
		x    float64
		in   bool
		text string
	}{
		{signed(""), -1, true, "[-1, 1]"},
		{signed(""), 1.0000001, false, "[-1, 1]"},
		{nonNegative(""), 1e300, true, "[0, ∞)"},
		{nonNegative(""), math.Inf(1), false, "[0, ∞)"},
		{nonNegative(""), math.NaN(), false, "[0, ∞)"},
		{positive(""), 0, false, "(0, ∞)"},
		{Range{Min: 0.5, Max: 1, Above: true}, 0.5, false, "(0.5, 1]"},
		{Range{Min: 0.5, Max: 1, Above: true}, 1, true, "(0.5, 1]"},
	}
	for _, tt := range tests {
		if got := tt.r.Contains(tt.x); got != tt.in {
			t.Errorf("%v contains %v = %v, want %v", tt.r, tt.x, got, tt.in)
		}
		if got := tt.r.String(); got != tt.text {
			t.Errorf("String = %q, want %q", got, tt.text)
		}
	}
}

func TestGenericPath(t *testing.T) {
	tests := map[string]string{
		"agents[2].threat_response":               "agents[].threat_response",
		"agents.AZE.threat_response":              "agents[].threat_response",
		"agents.AZE.weights.security":             "agents[].weights.security",
		"conflicts.karabakh.patrons[RUS].support": "conflicts[].patrons[].support",
		"conflicts[1].patrons[2].support":         "conflicts[].patrons[].support",
		"culture[AZE,TUR].language":               "culture[].language",
		"actions.pressure.cost":                   "actions.*.cost",
		"model.revision":                          "model.revision",
		"prices.oil":                              "prices.oil",
	}
	for in, want := range tests {
		if got := GenericPath(in); got != want {
			t.Errorf("GenericPath(%q) = %q, want %q", in, got, want)
		}
	}
}

// Every key of Ranges names a number of a scenario, and every range is
// well formed: Min below Max, a hint to give, and yearly series bounded
// only below by zero (the loader reports their values as negative).
func TestRangesTable(t *testing.T) {
	numbers := map[string]bool{}
	sc := &Scenario{Agents: make([]AgentSpec, 1), Culture: make([]CultureTie, 1), Relations: make([]RelationSpec, 1),
		Routes: make([]RouteSpec, 1), Conflicts: []ConflictSpec{{Patrons: make([]PatronSpec, 1)}},
		Institutions: make([]Institution, 1), Agreements: make([]AgreementSpec, 1), Hazards: make([]HazardSpec, 1)}
	one := 0.0
	sc.Agents[0].Ideal, sc.Agents[0].Temperature, sc.Conflicts[0].Control = &one, &one, &one
	sc.Prices.Oil = Series{Points: []Point{{}}}
	sc.Prices.Gas = sc.Prices.Oil
	sc.Agents[0].Production.Oil, sc.Agents[0].Production.Gas = sc.Prices.Oil, sc.Prices.Oil
	sc.Agents[0].Imports.Oil, sc.Agents[0].Imports.Gas = sc.Prices.Oil, sc.Prices.Oil
	walkNumbers(reflect.ValueOf(sc).Elem(), "", "", nil, func(path, generic string, _ float64) {
		if GenericPath(path) != generic {
			t.Errorf("%s is walked as %s, not %s", path, generic, GenericPath(path))
		}
		numbers[generic] = true
	})
	for key, r := range Ranges {
		if !numbers[key] {
			t.Errorf("%s is not a number of a scenario", key)
		}
		if !(r.Min < r.Max) || r.Hint == "" {
			t.Errorf("%s: %+v", key, r)
		}
		series := strings.HasPrefix(key, "prices.o") || strings.HasPrefix(key, "prices.gas") && key != "prices.gas_oil_ratio" ||
			strings.Contains(key, ".production.") || strings.Contains(key, ".imports.")
		if series && (r.Min != 0 || r.Above || !math.IsInf(r.Max, 1)) {
			t.Errorf("%s is a yearly series, bounded only below by zero, not %v", key, r)
		}
	}
}
