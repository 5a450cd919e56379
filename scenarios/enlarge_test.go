package scenarios

import (
	"fmt"
	"slices"
	"testing"

	"caspian/sim"
)

// An enlarged default scenario loads, has the agents asked for, and each
// copy carries its original's memberships and cultural ties.
func TestEnlarge(t *testing.T) {
	src, err := shipped.ReadFile(Default + ".toml")
	if err != nil {
		t.Fatal(err)
	}
	base, err := Parse("default", src)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{len(base.Agents), 20, 40} {
		out, err := Enlarge(src, n)
		if err != nil {
			t.Fatal(err)
		}
		sc, err := Parse(fmt.Sprintf("region-%d", n), out)
		if err != nil {
			t.Fatalf("%d agents: %v", n, err)
		}
		if len(sc.Agents) != n {
			t.Fatalf("asked for %d agents, got %d", n, len(sc.Agents))
		}
		if len(sc.Routes) != len(base.Routes) || len(sc.Events) != len(base.Events) || len(sc.Patterns) != len(base.Patterns) {
			t.Fatalf("%d agents: routes, events or patterns changed", n)
		}
		if n == 20 {
			checkCopy(t, sc, "GEO", "GEO2")
		}
	}
	if _, err := Enlarge(src, 5); err == nil {
		t.Fatal("shrinking accepted")
	}
}

func checkCopy(t *testing.T, sc *sim.Scenario, id, cid string) {
	t.Helper()
	for _, in := range sc.Institutions {
		if slices.Contains(in.Members, id) != slices.Contains(in.Members, cid) {
			t.Errorf("%s: %s member %v, %s member %v", in.ID, id, slices.Contains(in.Members, id), cid, slices.Contains(in.Members, cid))
		}
	}
	ties := func(x string) (k int) {
		for _, c := range sc.Culture {
			if c.A == x || c.B == x {
				k++
			}
		}
		return k
	}
	if ties(id) != ties(cid) || ties(cid) == 0 {
		t.Errorf("%s has %d cultural ties, %s %d", id, ties(id), cid, ties(cid))
	}
}
