package scenarios

import (
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"caspian/sim"
)

// TestShippedCommentsShowTheDefaults reads the commented-out [model] and
// [actions.<kind>] tables of every shipped scenario, which show users the
// defaults they may change, and checks each value against the engine's
// defaults: a comment that shows a stale default misleads whoever copies
// it.
func TestShippedCommentsShowTheDefaults(t *testing.T) {
	defaults := map[string]float64{}
	params := reflect.ValueOf(sim.DefaultParams())
	for i := range params.NumField() {
		defaults["model."+params.Type().Field(i).Tag.Get("toml")] = params.Field(i).Float()
	}
	actions := reflect.ValueOf(sim.DefaultActions())
	for i := range actions.NumField() {
		kind := actions.Type().Field(i).Tag.Get("toml")
		e := actions.Field(i)
		for j := range e.NumField() {
			key := "actions." + kind + "." + e.Type().Field(j).Tag.Get("toml")
			switch f := e.Field(j); f.Kind() {
			case reflect.Float64:
				defaults[key] = f.Float()
			case reflect.Int:
				defaults[key] = float64(f.Int())
			}
		}
	}
	header := regexp.MustCompile(`^# \[(model|actions\.[a-z_]+)\]`)
	entry := regexp.MustCompile(`^# ([a-z_]+) = ([-0-9.e]+)\b`)
	entries, err := List()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		name := e.Name
		text, err := Source(name)
		if err != nil {
			t.Fatal(err)
		}
		table, checked := "", 0
		for n, line := range strings.Split(string(text), "\n") {
			if m := header.FindStringSubmatch(line); m != nil {
				table = m[1]
				continue
			}
			if !strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "#" {
				table = ""
				continue
			}
			m := entry.FindStringSubmatch(line)
			if table == "" || m == nil {
				continue
			}
			key := table + "." + m[1]
			want, ok := defaults[key]
			if !ok {
				t.Errorf("%s:%d: %s is not a key of the engine", name, n+1, key)
				continue
			}
			got, err := strconv.ParseFloat(m[2], 64)
			if err != nil || got != want {
				t.Errorf("%s:%d: the comment shows %s = %s, the default is %v", name, n+1, key, m[2], want)
			}
			checked++
		}
		if checked < 50 {
			t.Errorf("%s: only %d commented defaults found", name, checked)
		}
	}
}
