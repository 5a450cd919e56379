package scenarios

import (
	"errors"
	"fmt"
	"reflect"

	"caspian/sim"

	"github.com/BurntSushi/toml"
)

// ErrNotSet is NumberAt's error for an optional value that the scenario
// leaves unset (an agent's ideal, which then follows its alignment).
var ErrNotSet = errors.New("not set in the scenario, and with no single default")

// NumberAt reads the number at path (as for --set) in the scenario sc
// that data, with sets applied, decoded into: the value the file gives,
// or the model's default where the file leaves the key out. It is how a
// search over a value starts where the scenario stands.
func NumberAt(sc *sim.Scenario, data []byte, sets []Set, path string) (float64, error) {
	var tree map[string]any
	if _, err := toml.Decode(string(data), &tree); err != nil {
		return 0, err
	}
	if _, errs := applySets(tree, sets); len(errs) > 0 {
		return 0, errs
	}
	segs, perr := splitPath(path)
	if perr != nil {
		return 0, fmt.Errorf("%s: %s", path, perr.problem)
	}
	v := reflect.ValueOf(sc).Elem()
	table := tree
	for i := 0; i < len(segs); i++ {
		seg := segs[i]
		for v.Kind() == reflect.Pointer {
			if v.IsNil() {
				return 0, fmt.Errorf("%s: %w", path, ErrNotSet)
			}
			v = v.Elem()
		}
		switch v.Kind() {
		case reflect.Struct:
			f, ok := tomlFields(v.Type()).find(seg.key)
			if !ok {
				return 0, fmt.Errorf("%s: no key %q", path, seg.key)
			}
			v = v.FieldByIndex(f.Index)
		case reflect.Map:
			if v.Type().Key().Kind() != reflect.String {
				return 0, fmt.Errorf("%s: %s is not a table", path, seg.key)
			}
			v = v.MapIndex(reflect.ValueOf(seg.key).Convert(v.Type().Key()))
			if !v.IsValid() {
				return 0, fmt.Errorf("%s: %w", path, ErrNotSet)
			}
		default:
			return 0, fmt.Errorf("%s: the path goes deeper than a value", path)
		}
		if v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Struct {
			list := tableList(table[seg.key])
			n, err := pickEntry(list, seg, segs, &i)
			if err != nil {
				return 0, fmt.Errorf("%s: %s", path, err.problem)
			}
			if n > v.Len() {
				return 0, fmt.Errorf("%s: no such entry", path)
			}
			v, table = v.Index(n-1), list[n-1]
			continue
		}
		if seg.index > 0 || seg.sel != "" {
			return 0, fmt.Errorf("%s: %s is not a list of tables", path, seg.key)
		}
		table, _ = table[seg.key].(map[string]any)
	}
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return 0, fmt.Errorf("%s: %w", path, ErrNotSet)
		}
		v = v.Elem()
	}
	switch v.Kind() {
	case reflect.Float32, reflect.Float64:
		return v.Float(), nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return float64(v.Int()), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return float64(v.Uint()), nil
	}
	return 0, fmt.Errorf("%s is %s, not a number", path, v.Kind())
}
