package schema

import (
	"encoding"
	"encoding/json"
	"maps"
	"math"
	"reflect"
	"slices"
	"strings"

	"caspian/scenarios"
	"caspian/sim"
)

// ID is the schema's $id.
const ID = "https://caspian.invalid/schema/scenario.json"

// Draft is the JSON Schema dialect the schema is written in.
const Draft = "https://json-schema.org/draft/2020-12/schema"

// Scenario returns the JSON Schema of a scenario file, built from the Go
// types the loader decodes into (sim.Scenario and the types it holds):
// every table and key, its type, the keys that must be given, the values
// an enumerated key may take and the ranges of numbers the loader checks.
func Scenario() map[string]any {
	g := &gen{}
	s := g.schema("", reflect.TypeFor[sim.Scenario]())
	s["$schema"] = Draft
	s["$id"] = ID
	s["title"] = "caspian scenario"
	s["description"] = "A scenario of caspian (sim): the states, their ties, routes, conflicts, institutions, " +
		"dated events and hazards of one run. Keys are documented in docs/scenarios.md; 'sim check FILE' checks " +
		"what a schema cannot (references between entries, dates inside the calendar)."
	return s
}

// JSON returns the schema as indented JSON.
func JSON() ([]byte, error) {
	b, err := json.MarshalIndent(Scenario(), "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

type gen struct{}

var (
	seriesType = reflect.TypeFor[sim.Series]()
	textType   = reflect.TypeFor[encoding.TextUnmarshaler]()
)

// schema describes type t found at path (keys joined by dots, list
// items as []).
func (g *gen) schema(path string, t reflect.Type) map[string]any {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	var s map[string]any
	switch {
	case t == seriesType:
		// The range of a series holds for each year's value.
		value := map[string]any{"type": "number"}
		if r, ok := rules[path]; ok {
			r.apply(value)
		}
		s = map[string]any{
			"description": "a yearly series: a table of year = value, e.g. { 1994 = 15.8, 1995 = 17.0 }, or one number for every year",
			"anyOf": []any{
				map[string]any{"type": "object", "propertyNames": map[string]any{"pattern": "^[0-9]{4}$"}, "additionalProperties": value},
				value,
			},
		}
	case reflect.PointerTo(t).Implements(textType):
		s = map[string]any{
			"description": `a date: "1994", "1994-Q3" or "1994-07"`,
			"anyOf": []any{
				map[string]any{"type": "string", "pattern": `^\s*[0-9]{4}(-([Qq][1-4]|0[1-9]|1[0-2]))?\s*$`},
				map[string]any{"type": "integer", "minimum": 1000, "maximum": 9999},
			},
		}
	default:
		switch t.Kind() {
		case reflect.Struct:
			s = g.object(path, t)
		case reflect.Slice:
			s = map[string]any{"type": "array", "items": g.schema(path+"[]", t.Elem())}
		case reflect.String:
			s = map[string]any{"type": "string"}
		case reflect.Float64:
			s = map[string]any{"type": "number"}
		case reflect.Int:
			// Every whole number of a scenario is a number of turns,
			// which the loader holds to the turns limit.
			s = map[string]any{"type": "integer", "minimum": 0, "maximum": scenarios.DefaultLimits().Turns}
		case reflect.Bool:
			s = map[string]any{"type": "boolean"}
		default:
			s = map[string]any{}
		}
	}
	if r, ok := rules[path]; ok && t != seriesType {
		r.apply(s)
	}
	if d := docFor(path); d != "" {
		if _, has := s["description"]; !has {
			s["description"] = d
		}
	}
	return s
}

// object describes a struct: its keys are the toml tags of its fields.
func (g *gen) object(path string, t reflect.Type) map[string]any {
	props := map[string]any{}
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
		switch name {
		case "-":
			continue
		case "":
			name = f.Name
		}
		if f.Anonymous && f.Type.Kind() == reflect.Struct {
			maps.Copy(props, g.object(path, f.Type)["properties"].(map[string]any))
			continue
		}
		props[name] = g.schema(join(path, name), f.Type)
	}
	s := map[string]any{"type": "object", "properties": props, "additionalProperties": false}
	if req := sim.RequiredKeys[path]; len(req) > 0 {
		s["required"] = slices.Clone(req)
	}
	return s
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// rule narrows the values a key may take.
type rule struct {
	enum     []string
	min, max *float64
	exclMin  *float64
	minItems int
	maxItems int
	items    *rule // for lists: a rule for each item
}

func f(x float64) *float64 { return &x }

func (r rule) apply(s map[string]any) {
	if r.items != nil {
		if it, ok := s["items"].(map[string]any); ok {
			r.items.apply(it)
		}
	}
	if r.enum != nil {
		s["enum"] = slices.Clone(r.enum)
	}
	if r.min != nil {
		s["minimum"] = *r.min
	}
	if r.max != nil {
		s["maximum"] = *r.max
	}
	if r.exclMin != nil {
		s["exclusiveMinimum"] = *r.exclMin
	}
	if r.minItems > 0 {
		s["minItems"] = r.minItems
	}
	if r.maxItems > 0 {
		s["maxItems"] = r.maxItems
	}
}

// rules are the enumerations and ranges the loader checks, by key path.
var rules = map[string]rule{}

func init() {
	set := func(r rule, paths ...string) {
		for _, p := range paths {
			rules[p] = r
		}
	}
	// The values of enumerated keys are the engine's (sim.AllowedValues),
	// which the loader checks too; a list's apply to each of its items.
	for path, values := range sim.AllowedValues {
		if path == "agents[].roles" {
			set(rule{items: &rule{enum: values}}, path)
			continue
		}
		set(rule{enum: values}, path)
	}
	set(rule{minItems: 1}, "axis.negative_poles", "axis.positive_poles")
	set(rule{minItems: 2}, "agents")
	set(rule{minItems: 2}, "agreements[].parties")
	set(rule{minItems: 2, maxItems: 2}, "conflicts[].parties")
	// The ranges are the engine's (sim.Ranges), which the loader checks
	// too; those of "actions.*" apply to every action kind.
	for path, r := range sim.Ranges {
		sr := rule{min: f(r.Min)}
		if r.Above {
			sr = rule{exclMin: f(r.Min)}
		}
		if !math.IsInf(r.Max, 1) {
			sr.max = f(r.Max)
		}
		if rest, ok := strings.CutPrefix(path, "actions.*."); ok {
			for _, k := range actionKeys() {
				rules["actions."+k+"."+rest] = sr
			}
			continue
		}
		rules[path] = sr
	}
	// The ceilings of the numbers that have no natural upper bound are
	// the loader's own, so the two cannot drift apart.
	for _, c := range scenarios.Ceilings() {
		r := rules[c.Path]
		r.max = f(c.Max)
		if c.Signed {
			r.min = f(-c.Max)
		}
		rules[c.Path] = r
	}
}

// actionKeys are the keys of the [actions] table.
func actionKeys() []string {
	var keys []string
	t := reflect.TypeFor[sim.ActionTable]()
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("toml"), ",")
		keys = append(keys, name)
	}
	return keys
}

// docFor is the documentation of the key at path: the doc comment of
// the Go field it decodes into.
func docFor(path string) string {
	return fieldDocs[stripIndex(path)]
}

func stripIndex(p string) string { return strings.ReplaceAll(p, "[]", "") }
