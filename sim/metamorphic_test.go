package sim

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
)

// agentIndex finds an agent's place in a recorded snapshot.
func agentIndex(s *Snapshot, id string) int {
	for i, a := range s.Agents {
		if a.ID == id {
			return i
		}
	}
	return -1
}

// More arms for the rival (from its patron) never raise the producer's
// security, in any state: the rival's power only enters the producer's
// threat. Checked over many random states.
func TestRivalArmsNeverRaiseSecurity(t *testing.T) {
	w, err := New(smallScenario(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	n := w.N()
	prd, riv, eas := w.index["PRD"], w.index["RIV"], w.index["EAS"]
	r := rand.New(rand.NewPCG(1, 2))
	for trial := 0; trial < 2000; trial++ {
		s := &w.st
		for i := range s.aff {
			s.aff[i] = 2*r.Float64() - 1
			s.coop[i] = r.Float64() * 0.5
			s.press[i] = r.Float64() * 0.3
			s.armsFrom[i] = r.Float64()
		}
		for i := range s.stability {
			s.stability[i] = r.Float64()
		}
		for k := range s.member {
			s.member[k] = r.IntN(2) == 0
		}
		s.intensity[0] = r.Float64()
		w.restockAll(s)
		before := w.security(s, prd)
		s.armsFrom[riv*n+eas] += 0.01 + r.Float64()
		w.restock(s, riv)
		if after := w.security(s, prd); after > before+1e-15 {
			t.Fatalf("trial %d: security rose from %v to %v", trial, before, after)
		}
	}
}

// All else equal (no decisions, no events: the same world but for the
// rival's arms), the producer's security is never higher in any turn.
func TestRivalArmsRunLevel(t *testing.T) {
	base := smallScenario()
	more := smallScenario()
	for i := range more.Agents {
		if more.Agents[i].ID == "RIV" {
			more.Agents[i].Arms += 0.5
		}
	}
	o := Options{Seed: 3, NoDecisions: true, NoEvents: true}
	a, b := run(t, base, o), run(t, more, o)
	for turn := range a.snaps {
		i := agentIndex(&a.snaps[turn], "PRD")
		if b.snaps[turn].Agents[i].Security > a.snaps[turn].Agents[i].Security+1e-12 {
			t.Fatalf("turn %d: security %v with more rival arms > %v", turn, b.snaps[turn].Agents[i].Security, a.snaps[turn].Agents[i].Security)
		}
	}
}

// A stronger cultural tie to the negative pole never moves the producer
// toward the positive pole. With choices held fixed (none) the update is a
// monotone map and extra weight on −1 can only lower it; events and
// hazards act alike in both runs because they share the random stream.
func TestCultureTieNeverMovesWest(t *testing.T) {
	for _, extra := range []float64{0.1, 0.3, 0.6} {
		base := smallScenario()
		more := smallScenario()
		more.Culture[0].Language = min(1, more.Culture[0].Language+extra)
		more.Culture[0].Religion = extra
		for seed := uint64(0); seed < 5; seed++ {
			o := Options{Seed: seed, NoDecisions: true}
			a, b := run(t, base, o), run(t, more, o)
			for turn := range a.snaps {
				i := agentIndex(&a.snaps[turn], "PRD")
				if b.snaps[turn].Agents[i].Alignment > a.snaps[turn].Agents[i].Alignment+1e-12 {
					t.Fatalf("extra %v seed %d turn %d: alignment %v > %v", extra, seed, turn,
						b.snaps[turn].Agents[i].Alignment, a.snaps[turn].Agents[i].Alignment)
				}
			}
			last := len(a.snaps) - 1
			i := agentIndex(&a.snaps[last], "PRD")
			if !(b.snaps[last].Agents[i].Alignment < a.snaps[last].Agents[i].Alignment) {
				t.Fatalf("extra %v: a stronger tie had no effect at all", extra)
			}
		}
	}
}

// Opening a route that bypasses the negative pole never lowers the
// producer's revenue in any turn.
func TestBypassRouteNeverLowersRevenue(t *testing.T) {
	for _, id := range []string{"west", "gas-west"} {
		base := smallScenario()
		open := smallScenario()
		for i := range open.Routes {
			if open.Routes[i].ID == id {
				open.Routes[i].Status = Open
			}
		}
		o := Options{Seed: 5, NoDecisions: true}
		a, b := run(t, base, o), run(t, open, o)
		gained := false
		for turn := range a.snaps {
			i := agentIndex(&a.snaps[turn], "PRD")
			ra, rb := a.snaps[turn].Agents[i].Revenue, b.snaps[turn].Agents[i].Revenue
			if rb < ra-1e-12 {
				t.Fatalf("%s turn %d: revenue %v with the bypass < %v without", id, turn, rb, ra)
			}
			gained = gained || rb > ra
		}
		if !gained {
			t.Fatalf("%s: opening the route changed nothing", id)
		}
	}
}

// The order in which agents are written never changes a result.
func TestAgentOrderDoesNotMatter(t *testing.T) {
	base := smallScenario()
	rev := smallScenario()
	slices.Reverse(rev.Agents)
	o := Options{Seed: 11}
	a, b := run(t, base, o), run(t, rev, o)
	if !reflect.DeepEqual(a.snaps, b.snaps) || !reflect.DeepEqual(a.decisions, b.decisions) {
		t.Fatal("reversing the agents changed the run")
	}
}

func TestSameSeedSameRunOtherSeedOtherRun(t *testing.T) {
	sc := smallScenario()
	a, b := run(t, sc, Options{Seed: 7}), run(t, sc, Options{Seed: 7})
	if !reflect.DeepEqual(a, b) {
		t.Fatal("same seed gave different runs")
	}
	c := run(t, sc, Options{Seed: 8})
	if reflect.DeepEqual(a.decisions, c.decisions) {
		t.Fatal("seeds 7 and 8 gave identical decisions")
	}
}

func TestEnsembleIndependentOfWorkers(t *testing.T) {
	sc := smallScenario()
	collect := func(workers int) []*tape {
		tapes := make([]*tape, 6)
		err := Ensemble(sc, Options{Seed: 42}, len(tapes), workers, func(run int) Recorder {
			tapes[run] = &tape{}
			return tapes[run]
		})
		if err != nil {
			t.Fatal(err)
		}
		return tapes
	}
	one, four := collect(1), collect(4)
	if !reflect.DeepEqual(one, four) {
		t.Fatal("results depend on the number of workers")
	}
	if reflect.DeepEqual(one[0].decisions, one[1].decisions) {
		t.Fatal("runs 0 and 1 are identical: seeds are not derived per run")
	}
}

// After any single action applied to the live state with its edits
// recorded, bounding only the recorded slots gives the state that
// bounding everything gives, and undoing them gives back the state as it
// was: the look-ahead changes nothing it does not take back.
func TestEditsBoundAndUndoExactly(t *testing.T) {
	w, err := New(smallScenario(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(9, 9))
	n := w.N()
	newState := func() *state {
		s := &state{}
		s.alloc(n, len(w.routes), len(w.conflicts), len(w.insts), len(w.agrs))
		return s
	}
	checked := 0
	for trial := 0; trial < 50; trial++ {
		s := &w.st
		for i := range s.aff {
			s.aff[i] = 2*r.Float64() - 1
			s.coop[i], s.press[i], s.plotBy[i] = r.Float64(), r.Float64(), r.Float64()
			s.infl[i], s.armsFrom[i] = r.Float64(), r.Float64()
		}
		for i := range s.member {
			s.member[i] = r.IntN(2) == 0
		}
		for i := range s.intensity {
			s.intensity[i] = r.Float64()
		}
		for i := range s.routeStatus {
			s.routeStatus[i] = []RouteStatus{Proposed, Building, Open}[r.IntN(3)]
		}
		w.restockAll(s)
		orig := newState()
		orig.copyFrom(s)
		shift := make([]float64, n)
		for a := range w.agents {
			for _, o := range w.menu(s, a, nil) {
				full := newState()
				full.copyFrom(s)
				w.apply(full, a, o.kind, o.target, shift)
				w.bound(full)
				w.ed.begin()
				w.apply(s, a, o.kind, o.target, shift)
				w.ed.bound()
				if !reflect.DeepEqual(full, s) {
					t.Fatalf("%s by %d on %d: bounding the edited slots differs from bounding everything", kinds[o.kind].name, a, o.target)
				}
				w.ed.undo()
				if !reflect.DeepEqual(orig, s) {
					t.Fatalf("%s by %d on %d: undo leaves the state changed", kinds[o.kind].name, a, o.target)
				}
				checked++
			}
		}
	}
	if checked < 500 {
		t.Fatalf("only %d options checked", checked)
	}
}

// lookaheadReference is the look-ahead done the slow, obvious way: copy,
// apply, bound everything, recompute all energy and every alignment.
func (w *World) lookaheadReference(a int, o *option) (mine, theirs Terms) {
	t := &state{}
	t.alloc(w.N(), len(w.routes), len(w.conflicts), len(w.insts), len(w.agrs))
	t.copyFrom(&w.st)
	shift := append([]float64(nil), w.shift...)
	w.apply(t, a, o.kind, o.target, shift)
	w.bound(t)
	d := &derived{}
	d.alloc(w.N(), len(w.routes))
	w.project(t, d, shift)
	mine = w.utility(t, d, d.next, a).minus(w.baseU[a])
	if o.consent >= 0 {
		theirs = w.utility(t, d, d.next, o.consent).minus(w.baseU[o.consent])
	}
	return mine, theirs
}

// The look-ahead's shortcuts (partial bounding, reused energy and
// alignments of untouched agents) change no result.
func TestLookaheadShortcutsAreExact(t *testing.T) {
	w, err := New(smallScenario(), Options{Seed: 2})
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	err = decisionPhases(w, func() error {
		if w.turn%3 != 0 {
			return nil
		}
		return w.eachOption(func(a int, o option) error {
			switch o.kind {
			case kCommitRoute, kRivalRoute, kSignAgreement, kBackCoup:
				return nil // valued by counterfactuals, not the look-ahead
			}
			m1, t1 := w.lookahead(a, &o)
			m2, t2 := w.lookaheadReference(a, &o)
			if d := math.Abs(m1.Sum()-m2.Sum()) + math.Abs(t1.Sum()-t2.Sum()); d > 1e-12 {
				return fmt.Errorf("turn %d %s by %d on %d: look-ahead %v/%v, reference %v/%v", w.turn, kinds[o.kind].name, a, o.target, m1, t1, m2, t2)
			}
			checked++
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 100 {
		t.Fatalf("only %d options checked", checked)
	}
}
