package exercises

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"caspian/scenarios"
	"caspian/sim"
)

// Build opens the variant's scenario and makes its changes, with the
// default limits. dir is the folder of the exercise file: the scenario
// the variant names is the file of that name in dir (or a folder below
// it) if there is one, else a built-in scenario. A name that is an
// absolute path, or that leads out of dir, is refused. With dir ""
// (an exercise built into the program) only built-in scenarios are
// looked for.
func (v *Variant) Build(dir string) (*sim.Scenario, string, error) {
	return v.BuildWith(dir, scenarios.Limits{})
}

// BuildWith is Build with other limits. The changed scenario is checked
// like a scenario file, limits included.
func (v *Variant) BuildWith(dir string, l scenarios.Limits) (*sim.Scenario, string, error) {
	sc, name, err := v.open(dir, l)
	if err != nil {
		return nil, name, err
	}
	for _, c := range v.Set {
		if err := set(sc, c.Key, c.Value); err != nil {
			return nil, name, fmt.Errorf("set %s: %w", c.Key, err)
		}
	}
	for _, key := range v.Remove {
		if err := remove(sc, key); err != nil {
			return nil, name, fmt.Errorf("remove %s: %w", key, err)
		}
	}
	if len(v.Set)+len(v.Remove) > 0 {
		if err := scenarios.Check(name, sc, l); err != nil {
			return nil, name, fmt.Errorf("after the changes the scenario is not valid:\n%w", err)
		}
	}
	return sc, name, nil
}

// open opens the scenario the variant names.
func (v *Variant) open(dir string, l scenarios.Limits) (*sim.Scenario, string, error) {
	o := scenarios.Options{Limits: l}
	if dir != "" {
		path, err := scenarios.ResolveIn(dir, v.Scenario)
		if err != nil {
			return nil, v.Scenario, fmt.Errorf("scenario %w", err)
		}
		if path != "" {
			sc, _, name, err := scenarios.OpenWith(path, o)
			return sc, name, err
		}
		if !scenarios.IsBuiltin(v.Scenario) && (strings.ContainsAny(v.Scenario, `/\`) || strings.HasSuffix(v.Scenario, ".toml")) {
			return nil, v.Scenario, fmt.Errorf("scenario %q: there is no such file in %s, the exercise's folder (files are named relative to it), and no built-in scenario of that name", v.Scenario, dir)
		}
	}
	sc, _, name, err := scenarios.OpenBuiltin(v.Scenario, o)
	return sc, name, err
}

// step is one part of a key: a field and, for lists, which element.
type step struct {
	field string
	sel   string // "" for no selector
}

// parseKey splits "conflicts[karabakh].patrons[RUS].support".
func parseKey(key string) ([]step, error) {
	var out []step
	for rest := key; rest != ""; {
		var part string
		if i := strings.IndexAny(rest, ".["); i < 0 {
			part, rest = rest, ""
		} else if rest[i] == '.' {
			part, rest = rest[:i], rest[i+1:]
		} else {
			j := strings.IndexByte(rest[i:], ']')
			if j < 0 {
				return nil, fmt.Errorf("%q has a [ without ]", key)
			}
			part = rest[:i+j+1]
			rest = strings.TrimPrefix(rest[i+j+1:], ".")
		}
		field, sel, hasSel := strings.Cut(part, "[")
		st := step{field: field}
		if hasSel {
			st.sel = strings.TrimSuffix(sel, "]")
			if st.sel == "" {
				return nil, fmt.Errorf("%q: empty []", key)
			}
		}
		if field == "" {
			return nil, fmt.Errorf("%q: empty key part", key)
		}
		out = append(out, st)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("empty key")
	}
	return out, nil
}

// field finds the struct field with toml key name.
func field(v reflect.Value, name string) (reflect.Value, error) {
	t := v.Type()
	var names []string
	for i := range t.NumField() {
		tag, _, _ := strings.Cut(t.Field(i).Tag.Get("toml"), ",")
		if tag == name {
			return v.Field(i), nil
		}
		if tag != "" && tag != "-" {
			names = append(names, tag)
		}
	}
	return reflect.Value{}, fmt.Errorf("no key %q here (keys: %s)", name, strings.Join(names, ", "))
}

// element finds the list element sel names: by its id, agent or label,
// by "A,B" for a pair, or by its number from 1.
func element(list reflect.Value, sel string) (int, error) {
	if n, err := strconv.Atoi(sel); err == nil {
		if n < 1 || n > list.Len() {
			return 0, fmt.Errorf("[%d]: the list has %d entries", n, list.Len())
		}
		return n - 1, nil
	}
	a, b, pair := strings.Cut(sel, ",")
	for i := range list.Len() {
		e := list.Index(i)
		if e.Kind() != reflect.Struct {
			break
		}
		get := func(k string) string {
			f, err := field(e, k)
			if err != nil || f.Kind() != reflect.String {
				return ""
			}
			return f.String()
		}
		if pair {
			x, y := get("a"), get("b")
			if (x == a && y == b) || (x == b && y == a) {
				return i, nil
			}
			continue
		}
		if get("id") == sel || get("agent") == sel || get("label") == sel {
			return i, nil
		}
	}
	return 0, fmt.Errorf("[%s]: no entry with that id, agent, label or pair", sel)
}

// walk follows steps from the scenario to the value they name. A list
// followed by a plain step names its entry by that step, as --set does
// ("agents.AZE.threat_response" as well as "agents[AZE].threat_response").
func walk(sc *sim.Scenario, steps []step) (reflect.Value, error) {
	v := reflect.ValueOf(sc).Elem()
	for k := 0; k < len(steps); k++ {
		st := steps[k]
		if v.Kind() == reflect.Pointer {
			if v.IsNil() {
				v.Set(reflect.New(v.Type().Elem()))
			}
			v = v.Elem()
		}
		if v.Kind() != reflect.Struct {
			return reflect.Value{}, fmt.Errorf("%s: not a table", st.field)
		}
		f, err := field(v, st.field)
		if err != nil {
			return reflect.Value{}, err
		}
		v = f
		if st.sel == "" && v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Struct && k+1 < len(steps) && steps[k+1].sel == "" {
			k++
			st.sel = steps[k].field
		}
		if st.sel != "" {
			if v.Kind() != reflect.Slice {
				return reflect.Value{}, fmt.Errorf("%s is not a list", st.field)
			}
			i, err := element(v, st.sel)
			if err != nil {
				return reflect.Value{}, fmt.Errorf("%s%w", st.field, err)
			}
			v = v.Index(i)
		}
	}
	return v, nil
}

// set gives the value at key the TOML value x.
func set(sc *sim.Scenario, key string, x any) error {
	steps, err := parseKey(key)
	if err != nil {
		return err
	}
	v, err := walk(sc, steps)
	if err != nil {
		return err
	}
	return assign(v, x)
}

// assign stores a decoded TOML value into v.
func assign(v reflect.Value, x any) error {
	if v.Kind() == reflect.Pointer {
		nv := reflect.New(v.Type().Elem())
		if err := assign(nv.Elem(), x); err != nil {
			return err
		}
		v.Set(nv)
		return nil
	}
	switch p := v.Addr().Interface().(type) {
	case *sim.Date:
		s := fmt.Sprint(x)
		return p.UnmarshalText([]byte(s))
	case *sim.Series:
		return p.UnmarshalTOML(x)
	}
	switch v.Kind() {
	case reflect.Float64:
		switch n := x.(type) {
		case float64:
			v.SetFloat(n)
		case int64:
			v.SetFloat(float64(n))
		default:
			return fmt.Errorf("want a number, got %v", x)
		}
	case reflect.Int:
		n, ok := x.(int64)
		if !ok {
			return fmt.Errorf("want a whole number, got %v", x)
		}
		v.SetInt(n)
	case reflect.Bool:
		b, ok := x.(bool)
		if !ok {
			return fmt.Errorf("want true or false, got %v", x)
		}
		v.SetBool(b)
	case reflect.String:
		s, ok := x.(string)
		if !ok {
			return fmt.Errorf("want text, got %v", x)
		}
		v.SetString(s)
	case reflect.Slice:
		items, ok := x.([]any)
		if !ok {
			return fmt.Errorf("want a list, got %v", x)
		}
		out := reflect.MakeSlice(v.Type(), len(items), len(items))
		for i, it := range items {
			if err := assign(out.Index(i), it); err != nil {
				return fmt.Errorf("item %d: %w", i+1, err)
			}
		}
		v.Set(out)
	default:
		return fmt.Errorf("cannot set a %s", v.Kind())
	}
	return nil
}

// remove deletes the list entry key names ("events[Crimea annexed]").
func remove(sc *sim.Scenario, key string) error {
	steps, err := parseKey(key)
	if err != nil {
		return err
	}
	last := steps[len(steps)-1]
	if last.sel == "" {
		return fmt.Errorf("name a list entry, e.g. events[Crimea annexed]")
	}
	parent := steps[:len(steps)-1]
	v := reflect.ValueOf(sc).Elem()
	if len(parent) > 0 {
		if v, err = walk(sc, parent); err != nil {
			return err
		}
	}
	list, err := field(v, last.field)
	if err != nil {
		return err
	}
	if list.Kind() != reflect.Slice {
		return fmt.Errorf("%s is not a list", last.field)
	}
	i, err := element(list, last.sel)
	if err != nil {
		return fmt.Errorf("%s%w", last.field, err)
	}
	list.Set(reflect.AppendSlice(list.Slice(0, i), list.Slice(i+1, list.Len())))
	return nil
}
