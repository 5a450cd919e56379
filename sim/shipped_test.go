package sim_test

import (
	"fmt"
	"reflect"
	"testing"

	"caspian/scenarios"
	"caspian/sim"
)

// The metamorphic relations below are checked on the shipped default
// scenario, all else equal: the agents' own choices are held fixed (off),
// so that a change in one input is the only difference between two runs,
// and both runs share one random stream.

type snaps struct{ turns []sim.Snapshot }

func (r *snaps) Turn(s *sim.Snapshot) {
	c := *s
	c.Agents = append([]sim.AgentState(nil), s.Agents...)
	r.turns = append(r.turns, c)
}
func (*snaps) Decision(*sim.Decision) {}

func shipped(t testing.TB) *sim.Scenario {
	t.Helper()
	sc, _, _, err := scenarios.Open(scenarios.Default)
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

func runFixed(t *testing.T, sc *sim.Scenario, seed uint64) *snaps {
	t.Helper()
	r := &snaps{}
	if err := sim.Run(sc, sim.Options{Seed: seed, NoDecisions: true}, r); err != nil {
		t.Fatal(err)
	}
	return r
}

func focalAt(s *sim.Snapshot, id string) *sim.AgentState {
	for i := range s.Agents {
		if s.Agents[i].ID == id {
			return &s.Agents[i]
		}
	}
	return nil
}

func TestShippedRussianArmsToArmeniaNeverRaiseAzerbaijanSecurity(t *testing.T) {
	base := shipped(t)
	more := shipped(t)
	more.Agents = append([]sim.AgentSpec(nil), more.Agents...)
	for i := range more.Agents {
		if more.Agents[i].ID == "ARM" {
			more.Agents[i].Arms += 0.5
		}
	}
	for seed := uint64(1); seed <= 3; seed++ {
		a, b := runFixed(t, base, seed), runFixed(t, more, seed)
		for turn := range a.turns {
			sa, sb := focalAt(&a.turns[turn], "AZE").Security, focalAt(&b.turns[turn], "AZE").Security
			if sb > sa+1e-12 {
				t.Fatalf("seed %d %s: security %v with more arms for Armenia > %v", seed, a.turns[turn].Label, sb, sa)
			}
		}
	}
}

func TestShippedCulturalTieToRussiaNeverMovesAzerbaijanWest(t *testing.T) {
	base := shipped(t)
	more := shipped(t)
	more.Culture = append([]sim.CultureTie(nil), more.Culture...)
	found := false
	for i, c := range more.Culture {
		if (c.A == "AZE" && c.B == "RUS") || (c.A == "RUS" && c.B == "AZE") {
			more.Culture[i].Religion = min(1, c.Religion+0.5)
			more.Culture[i].Kinship = min(1, c.Kinship+0.3)
			found = true
		}
	}
	if !found {
		t.Fatal("the default scenario has no AZE–RUS cultural tie")
	}
	for seed := uint64(1); seed <= 3; seed++ {
		a, b := runFixed(t, base, seed), runFixed(t, more, seed)
		for turn := range a.turns {
			xa, xb := focalAt(&a.turns[turn], "AZE").Alignment, focalAt(&b.turns[turn], "AZE").Alignment
			if xb > xa+1e-12 {
				t.Fatalf("seed %d %s: alignment %v with a stronger tie > %v", seed, a.turns[turn].Label, xb, xa)
			}
		}
	}
}

func TestShippedBypassRouteNeverLowersAzerbaijanRevenue(t *testing.T) {
	base := shipped(t)
	for _, id := range []string{"btc", "scp"} {
		open := shipped(t)
		open.Routes = append([]sim.RouteSpec(nil), open.Routes...)
		found := false
		for i := range open.Routes {
			if open.Routes[i].ID == id {
				open.Routes[i].Status = sim.Open
				open.Routes[i].Opens = sim.Date{}
				found = true
			}
		}
		if !found {
			t.Fatalf("no route %q in the default scenario", id)
		}
		a, b := runFixed(t, base, 1), runFixed(t, open, 1)
		gained := false
		for turn := range a.turns {
			ra, rb := focalAt(&a.turns[turn], "AZE").Revenue, focalAt(&b.turns[turn], "AZE").Revenue
			if rb < ra-1e-9 {
				t.Fatalf("%s %s: revenue %v with the bypass open < %v", id, a.turns[turn].Label, rb, ra)
			}
			gained = gained || rb > ra+1e-9
		}
		if !gained {
			t.Fatalf("opening %s changed nothing", id)
		}
	}
}

// BenchmarkRun is one run of the default scenario, agents deciding, and
// of the same grown to 20 and 40 agents by copying its minor agents
// (scenarios.Enlarge). It reports agent-turns and options valued per
// second.
func BenchmarkRun(b *testing.B) {
	for _, n := range []int{11, 20, 40} {
		b.Run(fmt.Sprintf("agents=%d", n), func(b *testing.B) {
			sc := enlarged(b, n)
			turns := sc.Calendar.Turns()
			b.ReportAllocs()
			valued := 0
			for i := 0; b.Loop(); i++ {
				w, err := sim.New(sc, sim.Options{Seed: uint64(i)})
				if err != nil {
					b.Fatal(err)
				}
				for !w.Done() {
					w.Step(nil)
				}
				valued += w.Valued()
			}
			secs := b.Elapsed().Seconds()
			b.ReportMetric(float64(len(sc.Agents)*turns*b.N)/secs, "agent-turns/s")
			b.ReportMetric(float64(valued)/secs, "options/s")
		})
	}
}

// enlarged is the default scenario with n agents.
func enlarged(t testing.TB, n int) *sim.Scenario {
	t.Helper()
	src, err := scenarios.Source(scenarios.Default)
	if err != nil {
		t.Fatal(err)
	}
	big, err := scenarios.Enlarge(src, n)
	if err != nil {
		t.Fatal(err)
	}
	sc, err := scenarios.Parse(fmt.Sprintf("%s-%d", scenarios.Default, n), big)
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// Counterfactual worlds shared within a decision phase, influence rows
// built once per phase and memberships solved as changes of the phase's
// own system change no value: on the shipped scenario over three seeds,
// and on it grown to 20 agents over one, every option of every agent in
// every decision phase is valued as with each world computed from
// nothing, to 1e-12.
func TestShippedSharedWorldsAreExact(t *testing.T) {
	cases := []struct {
		sc    *sim.Scenario
		seeds uint64
	}{{shipped(t), 3}, {enlarged(t, 20), 1}}
	for _, c := range cases {
		for seed := range c.seeds {
			w, err := sim.New(c.sc, sim.Options{Seed: seed + 1})
			if err != nil {
				t.Fatal(err)
			}
			checked, solved, err := sim.CheckWorlds(w, 1e-12)
			if err != nil {
				t.Fatal(err)
			}
			if checked < 1000 || solved < 100 {
				t.Fatalf("%d agents, seed %d: only %d options checked, %d worlds solved", w.N(), seed+1, checked, solved)
			}
			t.Logf("%d agents, seed %d: %d options checked, %d worlds solved", w.N(), seed+1, checked, solved)
		}
	}
}

// Local deltas value an option as the look-ahead does: on the shipped
// scenario (seeds 1–3), on it grown to 20 agents (seeds 1–2) and on its
// two variants (seed 1), every option of every agent in every decision
// phase, valued by the engine with local deltas and by the full
// look-ahead, agrees to 1e-12 in every term, in the counterparty's gain
// and in consent; and every option valued by deltas agrees bit for bit,
// since a last-bit difference in a gain can move a choice or a reported
// figure.
func TestShippedDeltasMatchLookahead(t *testing.T) {
	variant := func(name string) *sim.Scenario {
		sc, _, _, err := scenarios.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		return sc
	}
	cases := []struct {
		name  string
		sc    *sim.Scenario
		seeds uint64
	}{
		{"default", shipped(t), 3},
		{"20 agents", enlarged(t, 20), 2},
		{"moscow-pressure", variant("moscow-pressure"), 1},
		{"no-southern-corridor", variant("no-southern-corridor"), 1},
	}
	for _, c := range cases {
		sc := c.sc
		for seed := range c.seeds {
			w, err := sim.New(sc, sim.Options{Seed: seed + 1})
			if err != nil {
				t.Fatal(err)
			}
			got, err := sim.CheckDeltas(w, 1e-12)
			if err != nil {
				t.Fatalf("%s, seed %d: %v", c.name, seed+1, err)
			}
			if got.Identical != got.ByDelta {
				t.Errorf("%s, seed %d: %d of %d options valued by local deltas differ from the look-ahead in the last bits",
					c.name, seed+1, got.ByDelta-got.Identical, got.ByDelta)
			}
			if got.ByDelta < got.Options/2 {
				t.Fatalf("%s, seed %d: only %d of %d options valued by local deltas", c.name, seed+1, got.ByDelta, got.Options)
			}
			t.Logf("%s, seed %d: %d options, %d (%.1f %%) by local deltas, %d of them bit for bit the look-ahead's",
				c.name, seed+1, got.Options, got.ByDelta, 100*float64(got.ByDelta)/float64(got.Options), got.Identical)
		}
	}
}

// Valuing options applies each to the live state and takes it back: on
// the shipped scenario, every turn's state is exactly as it was after
// every agent has valued its whole menu.
func TestShippedValuingLeavesState(t *testing.T) {
	w, err := sim.New(shipped(t), sim.Options{Seed: 2})
	if err != nil {
		t.Fatal(err)
	}
	valued, err := sim.CheckValuingLeavesState(w)
	if err != nil {
		t.Fatal(err)
	}
	if valued < 10000 {
		t.Fatalf("only %d options valued", valued)
	}
	t.Logf("%d options valued in one run", valued)
}

// decisions records every decision and the focal state's path.
type decisions struct {
	snaps
	all []sim.Decision
}

func (r *decisions) Decision(d *sim.Decision) { r.all = append(r.all, *d) }

// TestShippedAgentsChooseOnlyGains runs the default scenario with the
// agents deciding: every action an agent chooses, and every membership it
// lets lapse at a renewal, must be worth more than its cost to it. Doing
// nothing is always an option, so an agent never acts against its own
// interests, whatever the temperature.
func TestShippedAgentsChooseOnlyGains(t *testing.T) {
	sc := shipped(t)
	chosen := 0
	for seed := uint64(1); seed <= 3; seed++ {
		r := &decisions{}
		if err := sim.Run(sc, sim.Options{Seed: seed}, r); err != nil {
			t.Fatal(err)
		}
		for _, d := range r.all {
			if d.Source != sim.ByAgent {
				continue
			}
			chosen++
			if net := d.Security + d.Energy + d.Alignment + d.Conflict - d.Cost; !(net > 0) {
				t.Errorf("seed %d %s: %s %s %s at a net gain of %v", seed, d.Label, d.Actor, d.Action, d.Target, net)
			}
		}
	}
	if chosen < 100 {
		t.Fatalf("only %d choices in three runs", chosen)
	}
}

// TestShippedWarOnGeorgiaReachesAzerbaijan runs the default scenario with
// and without Russia's war on Georgia in August 2008, on the same seeds
// with the agents deciding. The war next door must reach Baku: in the year
// after it Azerbaijan is less secure (it feels the threat from Moscow) and,
// since it balances against a threatening power, it stands further from
// Moscow in the first quarters, before the runs' own choices part ways.
func TestShippedWarOnGeorgiaReachesAzerbaijan(t *testing.T) {
	with := shipped(t)
	without := shipped(t)
	without.Events = nil
	removed := 0
	for _, e := range with.Events {
		if e.Kind == "attack" && e.Date == (sim.Date{Year: 2008, Month: 8}) {
			removed++
			continue
		}
		without.Events = append(without.Events, e)
	}
	if removed != 1 {
		t.Fatalf("found %d attacks in Aug 2008, want 1", removed)
	}
	// Azerbaijan's mean alignment from the war to 2009-Q1 and mean
	// security in the year from the war, across seeds.
	means := func(sc *sim.Scenario) (x, sec float64) {
		nx, ns := 0, 0
		for seed := uint64(1); seed <= 8; seed++ {
			r := &snaps{}
			if err := sim.Run(sc, sim.Options{Seed: seed}, r); err != nil {
				t.Fatal(err)
			}
			for i := range r.turns {
				y, aze := r.turns[i].Year, focalAt(&r.turns[i], "AZE")
				if y >= 2008.5 && y < 2009.25 {
					x += aze.Alignment
					nx++
				}
				if y >= 2008.5 && y < 2009.5 {
					sec += aze.Security
					ns++
				}
			}
		}
		return x / float64(nx), sec / float64(ns)
	}
	xa, sa := means(with)
	xb, sb := means(without)
	t.Logf("Azerbaijan after Aug 2008: alignment %.4f with the war, %.4f without; security %.4f with, %.4f without", xa, xb, sa, sb)
	if !(sa < sb) {
		t.Errorf("security %.4f with the war, %.4f without: the war next door did not reach Baku's security", sa, sb)
	}
	if !(xa > xb) {
		t.Errorf("alignment %.4f with the war, %.4f without: Baku, a balancer, did not move away from Moscow", xa, xb)
	}
}

// The values kept in the state are, in every turn of a run, exactly what
// they stand for: each arms stock the sum of its parts, and who opposes
// whom what the conflicts say.
func TestShippedKeptValues(t *testing.T) {
	w, err := sim.New(shipped(t), sim.Options{Seed: 4})
	if err != nil {
		t.Fatal(err)
	}
	turns, err := sim.CheckKept(w)
	if err != nil {
		t.Fatal(err)
	}
	if turns < 100 {
		t.Fatalf("only %d turns checked", turns)
	}
}

// TestRevision checks the revision probability on the shipped scenario:
// at 1 it is the model, the same run as without it; below 1 the states
// value about that share of the options they would (each reconsiders in
// about that share of the turns), and the run is reproducible.
func TestRevision(t *testing.T) {
	valued := func(r float64, seed uint64) (int, *snaps) {
		sc := shipped(t)
		sc.Model.Revision = r
		w, err := sim.New(sc, sim.Options{Seed: seed})
		if err != nil {
			t.Fatal(err)
		}
		rec := &snaps{}
		w.Start(rec)
		for !w.Done() {
			w.Step(rec)
		}
		return w.Valued(), rec
	}
	for _, seed := range []uint64{1, 2} {
		all, _ := valued(1, seed)
		half, a := valued(0.5, seed)
		_, b := valued(0.5, seed)
		if !reflect.DeepEqual(a.turns, b.turns) {
			t.Fatalf("seed %d: two runs at revision 0.5 differ", seed)
		}
		if share := float64(half) / float64(all); share < 0.3 || share > 0.7 {
			t.Errorf("seed %d: at revision 0.5 the states value %.2f of the options they value at 1", seed, share)
		}
	}
}

// Every option on every menu of a run of the shipped scenario agrees
// with the table of action kinds, and every kind is open to someone at
// some point, but a ceasefire: it ends a war, and the agents decide only
// from 1994-Q3, after the Karabakh war's ceasefire.
func TestShippedMenusFollowKindTable(t *testing.T) {
	w, err := sim.New(shipped(t), sim.Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	counts, err := sim.CheckMenus(w)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range sim.KindNames() {
		if info := sim.Kinds[name]; !info.Exogenous && name != "ceasefire" && counts[name] == 0 {
			t.Errorf("%s is never on a menu", name)
		}
	}
	t.Logf("options on menus: %v", counts)
}
