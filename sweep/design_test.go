package sweep

import (
	"math"
	"slices"
	"testing"
)

func TestParseParam(t *testing.T) {
	p, err := ParseParam("agents.AZE.threat_response=-1:1:5")
	if err != nil || p.Path != "agents.AZE.threat_response" || p.Lo != -1 || p.Hi != 1 || p.Levels != 5 {
		t.Fatalf("%+v %v", p, err)
	}
	if p.String() != "agents.AZE.threat_response=-1:1:5" {
		t.Errorf("String %q", p)
	}
	for _, bad := range []string{"x", "x=1", "x=1:0", "x=a:1", "x=0:1:0", "x=0:1:2:3", "=0:1", "x=0:1:1"} {
		if _, err := ParseParam(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

func TestGrid(t *testing.T) {
	d, err := Grid([]Param{{Path: "a", Lo: 0, Hi: 1, Levels: 3}, {Path: "b", Lo: 10, Hi: 20, Levels: 2}})
	if err != nil {
		t.Fatal(err)
	}
	want := [][]float64{{0, 10}, {0, 20}, {0.5, 10}, {0.5, 20}, {1, 10}, {1, 20}}
	if len(d.Points) != len(want) {
		t.Fatalf("%v", d.Points)
	}
	for i := range want {
		if !slices.Equal(d.Points[i], want[i]) {
			t.Errorf("point %d = %v, want %v", i, d.Points[i], want[i])
		}
	}
	d, _ = Grid([]Param{{Path: "a", Lo: 0, Hi: 1}})
	if len(d.Points) != DefaultLevels {
		t.Errorf("%d points", len(d.Points))
	}
}

func TestLHS(t *testing.T) {
	params := []Param{{Path: "a", Lo: 0, Hi: 1}, {Path: "b", Lo: -5, Hi: 5}}
	d, err := LHS(params, 8, 42)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := LHS(params, 8, 42)
	other, _ := LHS(params, 8, 43)
	for i := range d.Points {
		if !slices.Equal(d.Points[i], again.Points[i]) {
			t.Fatal("same seed, different design")
		}
	}
	if slices.Equal(d.Points[0], other.Points[0]) {
		t.Error("another seed gave the same first point")
	}
	// Every stratum of every parameter is used exactly once.
	for c, p := range params {
		seen := make([]bool, 8)
		for _, pt := range d.Points {
			s := int(math.Floor((pt[c] - p.Lo) / (p.Hi - p.Lo) * 8))
			s = min(s, 7)
			if seen[s] {
				t.Errorf("parameter %s: stratum %d used twice", p.Path, s)
			}
			seen[s] = true
		}
	}
}

func TestShards(t *testing.T) {
	d, _ := Grid([]Param{{Path: "a", Lo: 0, Hi: 1, Levels: 7}})
	var all []int
	for i := range 3 {
		all = append(all, d.Shard(i, 3)...)
	}
	slices.Sort(all)
	if !slices.Equal(all, []int{0, 1, 2, 3, 4, 5, 6}) {
		t.Errorf("shards cover %v", all)
	}
	if i, n, err := ParseShard("2/4"); err != nil || i != 2 || n != 4 {
		t.Errorf("%d %d %v", i, n, err)
	}
	for _, bad := range []string{"4/4", "-1/4", "1", "a/b", "0/0"} {
		if _, _, err := ParseShard(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}
