package suggest

import (
	"fmt"
	"testing"
)

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"security", "security", 0},
		{"secruity", "security", 1}, // neighbours swapped
		{"Security", "security", 0}, // case ignored
		{"secrity", "security", 1},  // one letter dropped
		{"securityy", "security", 1},
		{"sekurity", "security", 1},
		{"ca", "abc", 3}, // the restricted distance: no edit of a swapped pair
		{"AZX", "AZE", 1},
		{"", "abc", 3},
		{"Баку", "Баку", 0},
	}
	for _, tt := range tests {
		if got := Distance(tt.a, tt.b); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := Distance(tt.b, tt.a); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d (not symmetric)", tt.b, tt.a, got, tt.want)
		}
	}
}

func ExampleDistance() {
	fmt.Println(Distance("secruity", "security"), Distance("wokrers", "workers"))
	// Output: 1 1
}

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
		got, ok := Nearest(c.s, c.list)
		if got != c.want || ok != (c.want != "") {
			t.Errorf("Nearest(%q) = %q, %v; want %q", c.s, got, ok, c.want)
		}
	}
}

func TestGuess(t *testing.T) {
	names := []string{"azerbaijan-1991", "moscow-pressure", "no-southern-corridor"}
	for _, c := range []struct{ s, want string }{
		{"azerbaijan-1919", "azerbaijan-1991"}, // a swap: the nearest
		{"moscow", "moscow-pressure"},          // a start
		{"--out", ""},
		{"no-southern", "no-southern-corridor"},
		{"x", ""}, // one letter starts nothing
		{"azerbaijan-1991", ""},
	} {
		if got, _ := Guess(c.s, names); got != c.want {
			t.Errorf("Guess(%q) = %q, want %q", c.s, got, c.want)
		}
	}
}
