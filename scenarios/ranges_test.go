package scenarios

import (
	"math"
	"reflect"
	"strings"
	"testing"

	"caspian/sim"
)

// TestEveryNumberIsChecked sets each number of the model's coefficients,
// of an action's effect, and of an agent, route, institution and
// agreement in turn to a value far out of any sensible range, and checks
// that the validator reports that very field. A key added to the engine
// without a range check fails here.
func TestEveryNumberIsChecked(t *testing.T) {
	sections := []struct {
		path string
		at   func(*sim.Scenario) reflect.Value
	}{
		{"model", func(sc *sim.Scenario) reflect.Value { return reflect.ValueOf(&sc.Model).Elem() }},
		{"actions.energy_coop", func(sc *sim.Scenario) reflect.Value { return reflect.ValueOf(&sc.Actions.EnergyCoop).Elem() }},
		{"agents[1]", func(sc *sim.Scenario) reflect.Value { return reflect.ValueOf(&sc.Agents[0]).Elem() }},
		{"routes[1]", func(sc *sim.Scenario) reflect.Value { return reflect.ValueOf(&sc.Routes[0]).Elem() }},
		{"institutions[1]", func(sc *sim.Scenario) reflect.Value { return reflect.ValueOf(&sc.Institutions[0]).Elem() }},
		{"agreements[1]", func(sc *sim.Scenario) reflect.Value { return reflect.ValueOf(&sc.Agreements[0]).Elem() }},
	}
	base := readBase(t)
	for _, s := range sections {
		probe, err := Parse("base.toml", []byte(base))
		if err != nil {
			t.Fatal(err)
		}
		fields := numberFields(s.path, s.at(probe))
		if len(fields) == 0 {
			t.Fatalf("%s: no numbers found", s.path)
		}
		for _, f := range fields {
			for _, bad := range []float64{-1e9, math.NaN()} {
				if bad != bad && f.kind == reflect.Int {
					continue
				}
				sc, err := Parse("base.toml", []byte(base))
				if err != nil {
					t.Fatal(err)
				}
				set(s.at(sc), strings.TrimPrefix(f.path, s.path+"."), bad)
				r := &report{file: "base.toml", lines: lineIndex{}}
				validate(r, sc, DefaultLimits())
				found := false
				for _, e := range r.errs {
					found = found || e.Field == f.path
				}
				if !found {
					t.Errorf("%s = %v is not reported; errors: %v", f.path, bad, r.errs)
				}
			}
		}
	}
}

// numberField is a number of a section, by its field path.
type numberField struct {
	path string
	kind reflect.Kind
}

// numberFields lists the float, optional float and int fields of a
// struct and of the plain structs inside it (weights, shares), but not of
// yearly series, which have checks of their own.
func numberFields(path string, rv reflect.Value) []numberField {
	var out []numberField
	for _, f := range tomlFields(rv.Type()) {
		p := joinPath(path, f.name)
		t := f.Type
		if t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		switch {
		case t == reflect.TypeFor[sim.Series]():
		case t.Kind() == reflect.Float64 || t.Kind() == reflect.Int:
			out = append(out, numberField{p, t.Kind()})
		case t.Kind() == reflect.Struct && t != reflect.TypeFor[sim.Date]():
			out = append(out, numberFields(p, reflect.New(t).Elem())...)
		}
	}
	return out
}

// set stores x in the number at the dotted key path of rv.
func set(rv reflect.Value, path string, x float64) {
	key, rest, nested := strings.Cut(path, ".")
	for _, f := range tomlFields(rv.Type()) {
		if f.name != key {
			continue
		}
		fv := rv.FieldByIndex(f.Index)
		if fv.Kind() == reflect.Pointer {
			fv.Set(reflect.New(fv.Type().Elem()))
			fv = fv.Elem()
		}
		switch {
		case nested:
			set(fv, rest, x)
		case fv.Kind() == reflect.Int:
			fv.SetInt(int64(x))
		default:
			fv.SetFloat(x)
		}
		return
	}
	panic("no field " + path)
}
