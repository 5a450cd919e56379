package scenarios

import (
	"strconv"
	"testing"

	"caspian/sim"
)

// TestNumberAt checks NumberAt against the scenario: for numbers the file
// gives, the model's defaults, and after an override, the value read is
// the value --set writes.
func TestNumberAt(t *testing.T) {
	sc, data, _, err := Open(Default)
	if err != nil {
		t.Fatal(err)
	}
	def := sim.DefaultParams()
	tests := []struct {
		path string
		want float64
	}{
		{"model.temperature", sc.Model.Temperature},
		{"agents.AZE.threat_response", 0.6},
		{"agents[AZE].weights.security", sc.Agents[0].Weights.Security},
		{"conflicts.karabakh.patrons[RUS].support", sc.Conflicts[0].Patrons[0].Support},
	}
	if sc.Model.Temperature == 0 || def.Temperature == 0 {
		t.Fatal("no temperature to read")
	}
	for _, tt := range tests {
		got, err := NumberAt(sc, data, nil, tt.path)
		if err != nil || got != tt.want {
			t.Errorf("%s = %v, %v; want %v", tt.path, got, err, tt.want)
		}
		// After --set path=v, the value read is v.
		v := tt.want/2 + 0.01
		sets := []Set{{Path: tt.path, Value: strconv.FormatFloat(v, 'g', -1, 64)}}
		sc2, data2, _, err := Open(Default, sets...)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := NumberAt(sc2, data2, sets, tt.path); err != nil || got != v {
			t.Errorf("after --set %s: %v, %v; want %v", sets[0], got, err, v)
		}
	}
	for _, bad := range []string{"agents.AZX.ideal", "agents.AZE", "model.nothing", "agents.AZE.production.oil", "name"} {
		if v, err := NumberAt(sc, data, nil, bad); err == nil {
			t.Errorf("%s reads %v, want an error", bad, v)
		}
	}
}
