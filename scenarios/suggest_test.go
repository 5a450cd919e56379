package scenarios

import "testing"

func TestNearest(t *testing.T) {
	agents := []string{"ARM", "AZE", "RUS", "USA"}
	cases := []struct {
		s    string
		list []string
		want string
	}{
		{"AZR", agents, "AZE"},
		{"rus", agents, "RUS"},
		{"GEO", agents, ""}, // three edits from everything: no guess
		{"USSR", agents, ""},
		{"temprature", []string{"temperature", "war_above"}, "temperature"},
		{"quartr", []string{"month", "quarter", "year"}, "quarter"},
		{"cooperaton_flor", []string{"cooperation_decay", "cooperation_floor"}, "cooperation_floor"},
		{"influense_instituton", []string{"influence_institution", "influence_self"}, "influence_institution"},
		{"elegible", []string{"eligible", "members", "leader"}, "eligible"},
		{"arms_budjet", []string{"arms", "arms_budget"}, "arms_budget"},
	}
	for _, c := range cases {
		got, ok := nearest(c.s, c.list)
		if got != c.want || ok != (c.want != "") {
			t.Errorf("nearest(%q) = %q, %v; want %q", c.s, got, ok, c.want)
		}
	}
}
