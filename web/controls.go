package web

import (
	"math"
	"net/url"
	"reflect"
	"strconv"
	"strings"

	"caspian/scenarios"
	"caspian/sim"
)

// agentKeys are the numbers of each agent the Explore page lets a user
// change: the ones the teaching notes talk about (position, goals,
// power, stubbornness, response to threats). The rest stay reachable
// with sim run --set.
var agentKeys = []string{
	"alignment", "ideal", "stubbornness", "threat_response", "stability",
	"weights.security", "weights.energy", "weights.alignment", "capability", "arms",
}

// maxControlAgents caps the agents that get controls, so that a large
// uploaded scenario does not make a page (and a form) of thousands of
// fields, beyond the size a form may have.
const maxControlAgents = 40

// control is one number of the scenario a user may change: its key path
// as sim run --set takes it, its value in the scenario and its range.
type control struct {
	Path, Value, Hint string
	// Min and Max are the input's bounds, "" where the range has none
	// or excludes its end (the server still checks those).
	Min, Max string
	Range    string
}

// controlGroup is the controls of one agent, or of the model.
type controlGroup struct {
	Title    string
	Controls []control
}

// controlsOf lists the numbers of sc a user may change: each agent's
// main parameters, then the model's.
func controlsOf(sc *sim.Scenario) []controlGroup {
	var groups []controlGroup
	for i, a := range sc.Agents {
		if i == maxControlAgents {
			break
		}
		g := controlGroup{Title: a.Name + " (" + a.ID + ")"}
		if a.Name == "" {
			g.Title = a.ID
		}
		for _, key := range agentKeys {
			x, ok := numberAt(reflect.ValueOf(a), key)
			if key == "ideal" && !ok {
				x, ok = a.Alignment, true // an ideal left out is the starting position
			}
			if ok {
				g.Controls = append(g.Controls, newControl("agents."+a.ID+"."+key, "agents[]."+key, x))
			}
		}
		groups = append(groups, g)
	}
	model := controlGroup{Title: "Model parameters (all states)"}
	t := reflect.TypeOf(sc.Model)
	for i := range t.NumField() {
		key, _, _ := strings.Cut(t.Field(i).Tag.Get("toml"), ",")
		if x, ok := numberAt(reflect.ValueOf(sc.Model), key); ok && key != "" {
			if _, ranged := sim.Ranges["model."+key]; ranged {
				model.Controls = append(model.Controls, newControl("model."+key, "model."+key, x))
			}
		}
	}
	return append(groups, model)
}

// newControl is the control of the number at path, whose range is
// Ranges[generic].
func newControl(path, generic string, x float64) control {
	r := sim.Ranges[generic]
	c := control{Path: path, Value: formatNumber(x), Hint: r.Hint, Range: rangeWords(r)}
	if !math.IsInf(r.Min, 0) && !r.Above {
		c.Min = formatNumber(r.Min)
	}
	if !math.IsInf(r.Max, 0) {
		c.Max = formatNumber(r.Max)
	}
	return c
}

// rangeWords writes a range as the page shows it: "-1 to 1", "0 or
// more", "above 0".
func rangeWords(r sim.Range) string {
	lo := formatNumber(r.Min)
	switch {
	case math.IsInf(r.Max, 1) && r.Above:
		return "above " + lo
	case math.IsInf(r.Max, 1):
		return lo + " or more"
	case r.Above:
		return "above " + lo + ", at most " + formatNumber(r.Max)
	}
	return lo + " to " + formatNumber(r.Max)
}

func formatNumber(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

// numberAt is the number at the dotted TOML key path of v, a struct;
// false if there is none, or it is a pointer left nil.
func numberAt(v reflect.Value, path string) (float64, bool) {
	for _, key := range strings.Split(path, ".") {
		for v.Kind() == reflect.Pointer {
			if v.IsNil() {
				return 0, false
			}
			v = v.Elem()
		}
		if v.Kind() != reflect.Struct {
			return 0, false
		}
		v = fieldByTag(v, key)
		if !v.IsValid() {
			return 0, false
		}
	}
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return 0, false
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Float64 {
		return 0, false
	}
	return v.Float(), true
}

// fieldByTag is the field of struct v whose TOML key is key.
func fieldByTag(v reflect.Value, key string) reflect.Value {
	t := v.Type()
	for i := range t.NumField() {
		if name, _, _ := strings.Cut(t.Field(i).Tag.Get("toml"), ","); name == key && t.Field(i).IsExported() {
			return v.Field(i)
		}
	}
	return reflect.Value{}
}

// changedSets are the overrides a submitted form asks for: every
// control whose value differs from the scenario's, in the controls'
// order, written as typed after sim run --set. Fields that are not
// controls are ignored, so a request can only change what the page
// offers.
func changedSets(groups []controlGroup, form url.Values) []scenarios.Set {
	var sets []scenarios.Set
	for _, g := range groups {
		for _, c := range g.Controls {
			v := strings.TrimSpace(form.Get("v:" + c.Path))
			if v == "" || v == c.Value {
				continue
			}
			if x, err := strconv.ParseFloat(v, 64); err == nil && formatNumber(x) == c.Value {
				continue // 0.30 for 0.3: the same number
			}
			sets = append(sets, scenarios.Set{Path: c.Path, Value: v})
		}
	}
	return sets
}
