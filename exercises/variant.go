package exercises

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

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

// BuildWith is Build with other limits. The changes are made as --set
// makes them, in the same path language, before the scenario is checked:
// the changed scenario is checked like a scenario file, limits included.
func (v *Variant) BuildWith(dir string, l scenarios.Limits) (*sim.Scenario, string, error) {
	var sets []scenarios.Set
	for _, c := range v.Set {
		text, err := valueText(c.Value)
		if err != nil {
			return nil, v.Scenario, fmt.Errorf("set %s: %w", c.Key, err)
		}
		sets = append(sets, scenarios.Set{Path: c.Key, Value: text, Origin: "set " + c.Key})
	}
	for _, key := range v.Remove {
		sets = append(sets, scenarios.Set{Path: key, Remove: true, Origin: "remove " + key})
	}
	return v.open(dir, scenarios.Options{Limits: l, Sets: sets})
}

// valueText writes a value read from TOML back as TOML text, for an
// override.
func valueText(x any) (string, error) {
	if m, ok := x.(map[string]any); ok {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			t, err := valueText(m[k])
			if err != nil {
				return "", err
			}
			parts[i] = strconv.Quote(k) + " = " + t
		}
		return "{ " + strings.Join(parts, ", ") + " }", nil
	}
	var b bytes.Buffer
	if err := toml.NewEncoder(&b).Encode(map[string]any{"v": x}); err != nil {
		return "", err
	}
	text, ok := strings.CutPrefix(strings.TrimSpace(b.String()), "v = ")
	if !ok {
		return "", fmt.Errorf("cannot write %v as a value", x)
	}
	return text, nil
}

// open opens the scenario the variant names, with o: as a saved game
// names its scenario (scenarios.OpenBeside), so that an exercise file
// someone hands out cannot make sim read files outside its folder.
func (v *Variant) open(dir string, o scenarios.Options) (*sim.Scenario, string, error) {
	if dir != "" {
		sc, _, name, err := scenarios.OpenBeside(dir, v.Scenario, o)
		var refused *scenarios.RefusedError
		var missing *scenarios.MissingError
		switch {
		case errors.As(err, &refused):
			return nil, v.Scenario, fmt.Errorf("scenario %w", err)
		case errors.As(err, &missing) && looksLikeFile(v.Scenario):
			return nil, v.Scenario, fmt.Errorf("scenario %q: there is no such file in %s, the exercise's folder (files are named relative to it), and no built-in scenario of that name", v.Scenario, dir)
		case !errors.As(err, &missing):
			return sc, name, err
		}
	}
	// A name that is no file is a built-in scenario's, misspelt or not:
	// opening it says which built-in scenarios there are.
	sc, _, name, err := scenarios.OpenBuiltin(v.Scenario, o)
	return sc, name, err
}

// looksLikeFile reports whether a scenario's name is meant as a file's,
// not a built-in scenario's.
func looksLikeFile(name string) bool {
	return strings.ContainsAny(name, `/\`) || strings.HasSuffix(name, ".toml")
}
