package sim

import (
	"reflect"
	"testing"
)

// Every number of AgentState is read by exactly one agent metric, and
// every metric reads one: a field the engine records but no metric
// names, or two metrics reading the same field, fails here.
func TestAgentMetricsReadEveryField(t *testing.T) {
	readers := map[string]int{}
	var a AgentState
	v := reflect.ValueOf(&a).Elem()
	var fields []reflect.Value
	var names []string
	var collect func(reflect.Value, string)
	collect = func(v reflect.Value, prefix string) {
		for i := range v.NumField() {
			f, sf := v.Field(i), v.Type().Field(i)
			switch f.Kind() {
			case reflect.Struct:
				collect(f, prefix+sf.Name+".")
			case reflect.Float64:
				fields, names = append(fields, f), append(names, prefix+sf.Name)
			}
		}
	}
	collect(v, "")
	for i, f := range fields {
		f.SetFloat(42)
		for _, m := range AgentMetrics {
			if m.Of(&a) == 42 {
				readers[names[i]]++
				if readers[names[i]] > 1 {
					t.Errorf("%s is read by more than one metric (again by %s)", names[i], m.Name)
				}
			}
		}
		f.SetFloat(0)
	}
	for _, n := range names {
		if readers[n] == 0 {
			t.Errorf("AgentState.%s is recorded but no metric reads it", n)
		}
	}
	if len(AgentMetrics) != len(names) {
		t.Errorf("%d metrics for %d fields", len(AgentMetrics), len(names))
	}
	seen := map[string]bool{}
	for _, m := range AgentMetrics {
		if m.Name == "" || m.Unit == "" || m.Description == "" || seen[m.Name] {
			t.Errorf("metric %+v is incomplete or named twice", m)
		}
		seen[m.Name] = true
		if got, ok := AgentMetricNamed(m.Name); !ok || got.Name != m.Name {
			t.Errorf("AgentMetricNamed(%q) = %v, %v", m.Name, got.Name, ok)
		}
	}
}
