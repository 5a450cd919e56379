package scenarios

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"caspian/sim"

	"github.com/BurntSushi/toml"
)

// TestRangesHoldInLoaderAndEngine sets every number that has a range in
// sim.Ranges just outside it, in the default scenario, and checks that
// the loader reports it at the path a user would type and that New
// refuses a scenario built in Go with the same value: the two read one
// table, so neither can let through what the other refuses.
func TestRangesHoldInLoaderAndEngine(t *testing.T) {
	src, tree := defaultTree(t)
	for key, r := range sim.Ranges {
		t.Run(key, func(t *testing.T) {
			place := strings.ReplaceAll(strings.ReplaceAll(key, "[]", "[1]"), "actions.*.", "actions.arms_deal.")
			bad := outside(r)
			shown := displayPath(tree, place)
			value := strconv.FormatFloat(bad, 'g', -1, 64)
			_, err := Parse(Default+".toml", src, Set{Path: shown, Value: value})
			var list ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("--set %s=%v: want a problem at %s, got %v", shown, bad, shown, err)
			}
			found := false
			for _, e := range list {
				found = found || e.Field == "--set "+shown+"="+value && e.Hint == r.Hint
			}
			if !found {
				t.Errorf("--set %s=%v: no problem at %s with the hint %q in\n%v", shown, bad, shown, r.Hint, err)
			}

			sc, err := Parse(Default+".toml", src)
			if err != nil {
				t.Fatal(err)
			}
			if err := setNumber(reflect.ValueOf(sc).Elem(), place, bad); err != nil {
				t.Fatal(err)
			}
			if _, err := sim.New(sc, sim.Options{Seed: 1}); err == nil || !strings.Contains(err.Error(), place) {
				t.Errorf("New with %s = %v: want an error naming %s, got %v", place, bad, place, err)
			}
		})
	}
}

// outside is a number just outside r.
func outside(r sim.Range) float64 {
	if !math.IsInf(r.Max, 1) {
		return r.Max + 0.5
	}
	if r.Above {
		return r.Min
	}
	return r.Min - 0.5
}

// setNumber sets the number at a place-counted key path of v
// ("agents[1].ideal"), allocating an unset pointer on the way; a yearly
// series becomes one value for every year.
func setNumber(v reflect.Value, path string, x float64) error {
	head, rest, _ := strings.Cut(path, ".")
	name, index := head, 0
	if i := strings.IndexByte(head, '['); i >= 0 {
		name = head[:i]
		n, err := strconv.Atoi(strings.TrimSuffix(head[i+1:], "]"))
		if err != nil {
			return fmt.Errorf("%s: %v", path, err)
		}
		index = n
	}
	f, ok := fieldByTag(v, name)
	if !ok {
		return fmt.Errorf("no key %q in %s", name, v.Type())
	}
	if index > 0 {
		if f.Len() < index {
			return fmt.Errorf("%s has %d entries", name, f.Len())
		}
		f = f.Index(index - 1)
	}
	if f.Kind() == reflect.Pointer {
		if f.IsNil() {
			f.Set(reflect.New(f.Type().Elem()))
		}
		f = f.Elem()
	}
	if rest != "" {
		return setNumber(f, rest, x)
	}
	switch {
	case f.Type() == reflect.TypeFor[sim.Series]():
		f.Set(reflect.ValueOf(sim.Series{Points: []sim.Point{{Value: x}}}))
	case f.Kind() == reflect.Float64:
		f.SetFloat(x)
	default:
		return fmt.Errorf("%s is a %s, not a number", path, f.Type())
	}
	return nil
}

func fieldByTag(v reflect.Value, name string) (reflect.Value, bool) {
	for i := range v.NumField() {
		if tag, _, _ := strings.Cut(v.Type().Field(i).Tag.Get("toml"), ","); tag == name {
			return v.Field(i), true
		}
	}
	return reflect.Value{}, false
}

// TestRequiredKeysAreRequired removes each key of sim.RequiredKeys from
// the first entry of its table in the default scenario and checks that
// the loader refuses the file with a problem at that key: the schema
// marks them required from the same table.
func TestRequiredKeysAreRequired(t *testing.T) {
	for table, keys := range sim.RequiredKeys {
		for _, key := range keys {
			t.Run(table+"."+key, func(t *testing.T) {
				_, tree := defaultTree(t)
				entry, place := tree, ""
				if table != "" {
					entry, place = firstEntry(tree, table)
					if entry == nil {
						t.Skipf("the default scenario has no %s", table)
					}
				}
				if _, ok := entry[key]; !ok {
					t.Skipf("the default scenario's first %s has no %s", table, key)
				}
				delete(entry, key)
				var buf strings.Builder
				if err := toml.NewEncoder(&buf).Encode(tree); err != nil {
					t.Fatal(err)
				}
				_, err := Parse("edited.toml", []byte(buf.String()))
				var list ErrorList
				if !errors.As(err, &list) {
					t.Fatalf("without %s: want problems, got %v", key, err)
				}
				want := key
				if place != "" {
					want = displayPath(tree, place+"."+key)
				}
				for _, e := range list {
					if e.Field == want || strings.HasPrefix(e.Field, want+".") || strings.HasPrefix(e.Field, want+"[") {
						return
					}
				}
				t.Errorf("without %s: no problem at it in\n%v", want, err)
			})
		}
	}
}

// firstEntry finds the first entry of a table path ("conflicts[].patrons[]")
// in a decoded file, and its place-counted path ("conflicts[1].patrons[1]"),
// taking the first entry that has the nested list where there is one.
func firstEntry(tree map[string]any, table string) (map[string]any, string) {
	parts := strings.Split(table, ".")
	var walk func(m map[string]any, i int, place string) (map[string]any, string)
	walk = func(m map[string]any, i int, place string) (map[string]any, string) {
		name, list := strings.CutSuffix(parts[i], "[]")
		if place != "" {
			place += "."
		}
		if !list {
			sub, _ := m[name].(map[string]any)
			if sub == nil {
				return nil, ""
			}
			if i == len(parts)-1 {
				return sub, place + name
			}
			return walk(sub, i+1, place+name)
		}
		var entries []map[string]any
		switch l := m[name].(type) {
		case []map[string]any:
			entries = l
		case []any:
			for _, x := range l {
				if e, ok := x.(map[string]any); ok {
					entries = append(entries, e)
				}
			}
		}
		for k, e := range entries {
			p := place + name + "[" + strconv.Itoa(k+1) + "]"
			if i == len(parts)-1 {
				return e, p
			}
			if got, gp := walk(e, i+1, p); got != nil {
				return got, gp
			}
		}
		return nil, ""
	}
	return walk(tree, 0, "")
}

// TestAllowedValuesHold sets each enumerated key of sim.AllowedValues to
// a value it may not take, in the default scenario, and checks that the
// loader refuses it at that key.
func TestAllowedValuesHold(t *testing.T) {
	src, tree := defaultTree(t)
	for key := range sim.AllowedValues {
		t.Run(key, func(t *testing.T) {
			shown := displayPath(tree, strings.ReplaceAll(key, "[]", "[1]"))
			value := `"nonsense"`
			if key == "agents[].roles" {
				value = `["nonsense"]`
			}
			_, err := Parse(Default+".toml", src, Set{Path: shown, Value: value})
			var list ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("--set %s=%s: want a problem, got %v", shown, value, err)
			}
			for _, e := range list {
				if strings.HasPrefix(e.Field, "--set "+shown) || strings.HasPrefix(e.Field, shown) {
					return
				}
			}
			t.Errorf("--set %s=%s: no problem at it in\n%v", shown, value, err)
		})
	}
}

// defaultTree is the default scenario's text and its decoded tree, which
// a test may change: each call decodes it afresh.
func defaultTree(t *testing.T) ([]byte, map[string]any) {
	t.Helper()
	src, err := Source(Default)
	if err != nil {
		t.Fatal(err)
	}
	var tree map[string]any
	if _, err := toml.Decode(string(src), &tree); err != nil {
		t.Fatal(err)
	}
	return src, tree
}
