package sim

import "testing"

func TestLookups(t *testing.T) {
	sc := &Scenario{Agents: []AgentSpec{
		{ID: "AZE", Name: "Azerbaijan", Roles: []Role{"producer"}},
		{ID: "GEO", Roles: []Role{"transit", "consumer"}},
		{ID: "EU", Name: "European Union", Roles: []Role{"consumer"}},
	}}
	tests := []struct {
		id, name string
		found    bool
		income   bool
	}{
		{"AZE", "Azerbaijan", true, true},
		{"GEO", "GEO", true, true},
		{"EU", "European Union", true, false},
		{"XXX", "XXX", false, false},
	}
	for _, tt := range tests {
		a := sc.Agent(tt.id)
		if (a != nil) != tt.found {
			t.Errorf("Agent(%q) found = %v, want %v", tt.id, a != nil, tt.found)
		}
		if got := sc.AgentName(tt.id); got != tt.name {
			t.Errorf("AgentName(%q) = %q, want %q", tt.id, got, tt.name)
		}
		if got := a.EarnsIncome(); got != tt.income {
			t.Errorf("%s EarnsIncome = %v, want %v", tt.id, got, tt.income)
		}
	}
	if a := sc.Agent("EU"); a != &sc.Agents[2] {
		t.Error("Agent returns a copy, not the scenario's own description")
	}

	neg, pos := Axis{}.Labels()
	if neg != "negative pole" || pos != "positive pole" {
		t.Errorf("unnamed axis: %q, %q", neg, pos)
	}
	neg, pos = Axis{NegativeLabel: "Russia", PositiveLabel: "the West"}.Labels()
	if neg != "Russia" || pos != "the West" {
		t.Errorf("named axis: %q, %q", neg, pos)
	}
}

func TestSnapshotAgent(t *testing.T) {
	s := Snapshot{Agents: []AgentState{{ID: "ARM"}, {ID: "AZE", Revenue: 0.25}}}
	if a := s.Agent("AZE"); a == nil || a.Revenue != 0.25 || a != &s.Agents[1] {
		t.Errorf("Agent(AZE) = %+v, want the recorded state itself", a)
	}
	if a := s.Agent("XXX"); a != nil {
		t.Errorf("Agent(XXX) = %+v, want nil", a)
	}
}
