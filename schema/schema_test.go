package schema

import (
	"bytes"
	"encoding/json"
	"math"
	"reflect"
	"strings"
	"testing"

	"caspian/scenarios"
	"caspian/sim"

	"github.com/BurntSushi/toml"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// compile compiles the generated schema with a full JSON Schema
// implementation, as an editor would.
func compile(t *testing.T) *jsonschema.Schema {
	t.Helper()
	data, err := JSON()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	if err := c.AddResource(ID, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(ID)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// tomlValue decodes TOML text into the JSON value a TOML-aware editor
// validates against the schema.
func tomlValue(t *testing.T, text string) any {
	t.Helper()
	var m map[string]any
	if _, err := toml.Decode(text, &m); err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// Every shipped scenario is valid against the schema.
func TestShippedScenariosValidate(t *testing.T) {
	s := compile(t)
	entries, err := scenarios.List()
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) == 0 {
		t.Fatal("no shipped scenarios")
	}
	for _, e := range entries {
		t.Run(e.Name, func(t *testing.T) {
			src, err := scenarios.Source(e.Name)
			if err != nil {
				t.Fatal(err)
			}
			if err := s.Validate(tomlValue(t, string(src))); err != nil {
				t.Fatalf("%s does not validate: %v", e.Name, err)
			}
		})
	}
}

// Mistakes the loader refuses are refused by the schema too.
func TestSchemaRejects(t *testing.T) {
	s := compile(t)
	base, err := scenarios.Source(scenarios.Default)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, old, new string
		want           string // in the validation error
	}{
		{"wrong type", `focal = "AZE"`, `focal = 7`, "focal"},
		{"unknown key", `focal = "AZE"`, "focal = \"AZE\"\nfocl = \"AZE\"", "focl"},
		{"unknown step", `step = "quarter"`, `step = "week"`, "step"},
		{"bad date", `start = "1991-Q4"`, `start = "1991-Q5"`, "start"},
		{"weight out of range", `weights = { security = 0.5, energy = 0.3, alignment = 0.2 }`,
			`weights = { security = -0.5, energy = 0.3, alignment = 0.2 }`, "security"},
		{"text for a number", `capability = 1.0`, `capability = "1.0"`, "capability"},
		{"unknown role", `roles = ["producer", "transit"]`, `roles = ["producer", "pipeline"]`, "roles"},
		{"year key", `oil = { 1991 = 20.1,`, `oil = { abc = 3, 1991 = 20.1,`, "abc"},
		{"number over its ceiling", `arms_budget = 0.015`, `arms_budget = 1e308`, "arms_budget"},
		{"price over its ceiling", `oil = { 1991 = 20.1,`, `oil = { 1991 = 20100,`, "1991"},
		{"stake over its ceiling", `stakes = [0.3, 0.2]`, `stakes = [0.3, -2000]`, "stakes"},
		{"turns over the limit", `turns = 99`, `turns = 20000`, "turns"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := string(base)
			if !strings.Contains(text, tt.old) {
				t.Fatalf("the default scenario has no %q", tt.old)
			}
			text = strings.Replace(text, tt.old, tt.new, 1)
			err := s.Validate(tomlValue(t, text))
			if err == nil {
				t.Fatal("the schema accepted the mistake")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error does not mention %q: %v", tt.want, err)
			}
		})
	}
}

// Numbers at the loader's ceilings are valid, as they are for the loader.
func TestSchemaAcceptsCeilings(t *testing.T) {
	s := compile(t)
	base, err := scenarios.Source(scenarios.Default)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.NewReplacer(
		`arms_budget = 0.015`, `arms_budget = 1e6`,
		`oil = { 1991 = 20.1,`, `oil = { 1991 = 10000,`,
		`stakes = [0.3, 0.2]`, `stakes = [0.3, -1000]`,
		`turns = 99`, `turns = 10000`,
	).Replace(string(base))
	if _, err := scenarios.Parse("ceilings.toml", []byte(text)); err != nil {
		t.Fatalf("the loader refuses the ceilings: %v", err)
	}
	if err := s.Validate(tomlValue(t, text)); err != nil {
		t.Fatalf("the schema refuses the ceilings: %v", err)
	}
}

// Every key the loader decodes has a place in the schema, and the
// schema names no key the loader does not know: both come from the same
// Go types.
func TestSchemaCoversTypes(t *testing.T) {
	sch := Scenario()
	var walk func(path string, s map[string]any, t reflect.Type)
	walk = func(path string, s map[string]any, ty reflect.Type) {
		for ty.Kind() == reflect.Pointer {
			ty = ty.Elem()
		}
		if ty.Kind() == reflect.Slice {
			walk(path+"[]", s["items"].(map[string]any), ty.Elem())
			return
		}
		if ty.Kind() != reflect.Struct || ty == reflect.TypeFor[sim.Series]() || ty == reflect.TypeFor[sim.Date]() {
			return
		}
		props := s["properties"].(map[string]any)
		n := 0
		for i := range ty.NumField() {
			f := ty.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
			if f.Anonymous {
				continue
			}
			n++
			p, ok := props[name].(map[string]any)
			if !ok {
				t.Errorf("%s: no schema for key %q", path, name)
				continue
			}
			walk(join(path, name), p, f.Type)
		}
		if s["additionalProperties"] != false {
			t.Errorf("%s: unknown keys are allowed", path)
		}
	}
	walk("", sch, reflect.TypeFor[sim.Scenario]())
	for p := range rules {
		if !hasPath(sch, p) {
			t.Errorf("a rule names %q, which the schema does not have", p)
		}
	}
	for p := range sim.RequiredKeys {
		if p != "" && !hasPath(sch, p) {
			t.Errorf("required keys are listed for %q, which the schema does not have", p)
		}
	}
}

// hasPath reports whether the schema has the key path ("agents[].id").
func hasPath(s map[string]any, path string) bool {
	for _, part := range strings.Split(path, ".") {
		name, list := strings.CutSuffix(part, "[]")
		props, ok := s["properties"].(map[string]any)
		if !ok {
			return false
		}
		if s, ok = props[name].(map[string]any); !ok {
			return false
		}
		if list {
			if s, ok = s["items"].(map[string]any); !ok {
				return false
			}
		}
	}
	return true
}

// The schema states every range of sim.Ranges, the table the loader and
// the engine check numbers against, for every action kind where the
// range is one of every kind's.
func TestSchemaStatesRanges(t *testing.T) {
	root := Scenario()
	for key, r := range sim.Ranges {
		paths := []string{key}
		if rest, ok := strings.CutPrefix(key, "actions.*."); ok {
			paths = nil
			for _, k := range actionKeys() {
				paths = append(paths, "actions."+k+"."+rest)
			}
		}
		for _, p := range paths {
			s := property(root, p)
			if s == nil {
				t.Errorf("%s: no such property in the schema", p)
				continue
			}
			if alts, ok := s["anyOf"].([]any); ok { // a yearly series: the range of each value
				s = alts[1].(map[string]any)
			}
			lo, bound := "minimum", r.Min
			if r.Above {
				lo = "exclusiveMinimum"
			}
			if s[lo] != bound {
				t.Errorf("%s: %s = %v, want %v", p, lo, s[lo], bound)
			}
			if !math.IsInf(r.Max, 1) && s["maximum"] != r.Max {
				t.Errorf("%s: maximum = %v, want %v", p, s["maximum"], r.Max)
			}
		}
	}
}

// property finds the schema of the key at a generic path ("agents[].ideal").
func property(s map[string]any, path string) map[string]any {
	for _, seg := range strings.Split(path, ".") {
		name, list := strings.CutSuffix(seg, "[]")
		props, _ := s["properties"].(map[string]any)
		s, _ = props[name].(map[string]any)
		if s == nil {
			return nil
		}
		if list {
			s, _ = s["items"].(map[string]any)
		}
	}
	return s
}

// The schema states the values of every enumerated key of
// sim.AllowedValues, the list the loader and the engine check.
func TestSchemaStatesAllowedValues(t *testing.T) {
	root := Scenario()
	for key, values := range sim.AllowedValues {
		s := property(root, key)
		if s == nil {
			t.Errorf("%s: no such property in the schema", key)
			continue
		}
		if items, ok := s["items"].(map[string]any); ok {
			s = items
		}
		if got, _ := s["enum"].([]string); !reflect.DeepEqual(got, values) {
			t.Errorf("%s: enum %v, want %v", key, s["enum"], values)
		}
	}
}
