package study

import (
	"slices"
	"testing"

	"caspian/scenarios"
	"caspian/sensitivity"
	"caspian/sweep"
)

// TestSets puts the common overrides first and writes every value in
// full, so that the run gets exactly the value tried.
func TestSets(t *testing.T) {
	common := []scenarios.Set{{Path: "model.alarm", Value: "0.5"}}
	params := []sweep.Param{{Path: "agents.AZE.ideal", Lo: -1, Hi: 1}, {Path: "model.temperature", Lo: 0, Hi: 1}}
	got := Sets(params, []float64{1.0 / 3, 2e-10}, common)
	want := []scenarios.Set{common[0], {Path: "agents.AZE.ideal", Value: "0.3333333333333333"}, {Path: "model.temperature", Value: "2e-10"}}
	if !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	if len(common) != 1 || cap(common) != 1 {
		t.Errorf("the common overrides were changed: %v", common)
	}
}

// TestBoxOf makes one box for both studies: the search's and, converted,
// the design's.
func TestBoxOf(t *testing.T) {
	b := BoxOf([]sweep.Param{{Path: "a", Lo: -1, Hi: 1}, {Path: "b", Lo: 0, Hi: 3}})
	p := sensitivity.Problem(b)
	if !slices.Equal(p.Names, []string{"a", "b"}) || !slices.Equal(p.Lo, []float64{-1, 0}) || !slices.Equal(p.Hi, []float64{1, 3}) {
		t.Errorf("box %+v", p)
	}
}

// TestFindStarts starts each value where the scenario has it, marks one
// outside its range, and on a path that does not exist returns the
// starts found before it.
func TestFindStarts(t *testing.T) {
	sc, data, _, err := scenarios.Open(scenarios.Default)
	if err != nil {
		t.Fatal(err)
	}
	aze := *sc.Agent("AZE").Ideal
	// An agent without an ideal of its own starts in the middle.
	unset := ""
	for _, a := range sc.Agents {
		if a.Ideal == nil {
			unset = "agents." + a.ID + ".ideal"
			break
		}
	}
	if unset == "" {
		t.Fatal("every agent has an ideal: the test needs one without")
	}
	middle, err := FindStarts([]sweep.Param{{Path: unset, Lo: 0, Hi: 0.5}}, sc, data, nil)
	if err != nil || len(middle) != 1 || !middle[0].Unset || middle[0].Value != 0.25 {
		t.Errorf("%s: %+v, %v; want unset, starting at 0.25", unset, middle, err)
	}
	for _, tc := range []struct {
		name    string
		params  []sweep.Param
		outside []bool
		fails   bool
	}{
		{"inside", []sweep.Param{{Path: "agents.AZE.ideal", Lo: -1, Hi: 1}}, []bool{false}, false},
		{"outside", []sweep.Param{{Path: "agents.AZE.ideal", Lo: aze + 0.1, Hi: aze + 0.5}}, []bool{true}, false},
		{"no such value", []sweep.Param{{Path: "agents.AZE.ideal", Lo: -1, Hi: 1}, {Path: "model.nothing", Lo: 0, Hi: 1}}, []bool{false}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			starts, err := FindStarts(tc.params, sc, data, nil)
			if (err != nil) != tc.fails {
				t.Fatalf("error %v", err)
			}
			if len(starts) != len(tc.outside) {
				t.Fatalf("%d starts, want %d", len(starts), len(tc.outside))
			}
			for i, s := range starts {
				if s.Value != aze || s.Outside != tc.outside[i] || s.Unset {
					t.Errorf("start %d: %+v, want the scenario's %v, outside %v", i, s, aze, tc.outside[i])
				}
			}
		})
	}
}
