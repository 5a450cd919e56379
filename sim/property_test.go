package sim

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"hash"
	"math"
	"math/rand/v2"
	"testing"
)

// randomScenario builds a valid scenario of random shape: 3 to 9 agents,
// random ties, routes, conflicts, institutions, treaties, events and
// hazards, random coefficients within their documented ranges.
func randomScenario(r *rand.Rand) *Scenario {
	n := 3 + r.IntN(7)
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf("A%02d", i)
	}
	pick := func() string { return ids[r.IntN(n)] }
	other := func(not string) string {
		for {
			if id := pick(); id != not {
				return id
			}
		}
	}
	u := func(lo, hi float64) float64 { return lo + (hi-lo)*r.Float64() }
	series := func(lo, hi float64) Series {
		var s Series
		for y := 1990; y <= 2010; y += 1 + r.IntN(5) {
			s.Points = append(s.Points, Point{Year: y, Value: u(lo, hi)})
		}
		return s
	}
	sc := &Scenario{
		Name:     "random",
		Calendar: Calendar{Start: Date{1991, 1 + 3*r.IntN(4)}, End: Date{1995 + r.IntN(10), 1}, Step: []Step{Month, Quarter, Year}[r.IntN(3)]},
		Axis:     Axis{NegativePoles: []string{ids[0]}, PositivePoles: []string{ids[1]}},
		Focal:    ids[2],
		Prices:   Prices{Oil: series(5, 150), GasOilRatio: u(2, 8)},
		Model:    DefaultParams(),
		Actions:  DefaultActions(),
	}
	sc.Model.Temperature = []float64{0, 0.0003, 0.01}[r.IntN(3)]
	sc.Model.StabilityRecovery = u(0, 0.2)
	if r.IntN(2) == 0 {
		sc.Calendar.HistoryUntil = Date{1992 + r.IntN(3), 1}
	}
	roles := Roles
	for i, id := range ids {
		a := AgentSpec{
			ID: id, Capability: u(0.2, 20), Arms: u(0, 1), ArmsBudget: u(0, 0.05),
			Weights:   Interests{u(0, 1), u(0, 1), u(0.01, 1)},
			Alignment: u(-1, 1), Stubbornness: u(0.05, 1), ThreatResponse: u(-1, 1), Stability: u(0, 1),
			EnergyScale: u(0, 20), Domestic: Shares{u(0, 1), u(0, 1)},
		}
		for _, role := range roles {
			if r.IntN(3) == 0 {
				a.Roles = append(a.Roles, role)
			}
		}
		if i < 2 {
			a.Roles = append(a.Roles, "great_power")
		}
		if r.IntN(2) == 0 {
			a.Roles = append(a.Roles, "producer")
			a.Production = Volumes{Oil: series(0, 1000), Gas: series(0, 50)}
		}
		if r.IntN(2) == 0 {
			a.Imports = Demand{Oil: Constant(u(0, 500)), Gas: series(0, 100)}
		}
		sc.Agents = append(sc.Agents, a)
	}
	for range r.IntN(2 * n) {
		a := pick()
		sc.Culture = append(sc.Culture, CultureTie{A: a, B: other(a), Language: u(0, 1), Religion: u(0, 1), Kinship: u(0, 1)})
		b := pick()
		sc.Relations = append(sc.Relations, RelationSpec{A: b, B: other(b), Affinity: u(-1, 1)})
	}
	statuses := []RouteStatus{Open, Proposed, Building, Cancelled}
	for k := range r.IntN(6) {
		prod := pick()
		rt := RouteSpec{
			ID: fmt.Sprintf("r%d", k), Commodity: []Commodity{Oil, Gas}[r.IntN(2)], Producer: prod,
			Market: other(prod), Capacity: u(1, 500), Tariff: u(0, 5), Status: statuses[r.IntN(4)],
			BuildTurns: r.IntN(10),
		}
		for range r.IntN(3) {
			rt.Transit = append(rt.Transit, other(prod))
		}
		if rt.Status == Building {
			rt.Opens = Date{1992 + r.IntN(5), 1}
		}
		if r.IntN(2) == 0 {
			rt.Sponsors = []string{pick()}
		}
		sc.Routes = append(sc.Routes, rt)
	}
	for k := range r.IntN(3) {
		a := pick()
		b := other(a)
		c := ConflictSpec{
			ID: fmt.Sprintf("c%d", k), Parties: []string{a, b}, Intensity: u(0, 1), Stakes: []float64{u(0, 0.5), u(0, 0.5)},
			Decay: u(0, 0.3), Victory: u(0.55, 1),
		}
		if p := pick(); p != a && p != b {
			c.Patrons = append(c.Patrons, PatronSpec{Agent: p, Side: []string{a, b}[r.IntN(2)], Support: u(0, 0.3)})
			c.Brokers = append(c.Brokers, BrokerSpec{Agent: p, Preference: u(0, 0.1)})
		}
		sc.Conflicts = append(sc.Conflicts, c)
		sc.Hazards = append(sc.Hazards, HazardSpec{Kind: "flare", Target: c.ID, Rate: u(0, 2), Magnitude: u(0, 0.5)})
	}
	for k := range r.IntN(4) {
		in := Institution{
			ID: fmt.Sprintf("i%d", k), Pole: u(-1, 1), Open: r.IntN(4) > 0, Security: u(0, 0.1), Revenue: u(0, 1),
			Influence: u(0, 1), Shift: u(0, 0.1), LeaveRelation: u(-0.5, 0),
		}
		if r.IntN(2) == 0 {
			in.Leader = pick()
			in.Members = []string{in.Leader}
		}
		sc.Institutions = append(sc.Institutions, in)
	}
	for k := range r.IntN(3) {
		a := pick()
		sc.Agreements = append(sc.Agreements, AgreementSpec{ID: fmt.Sprintf("g%d", k), Parties: []string{a, other(a)}, Revenue: u(0, 1), Security: u(0, 0.2), Relation: u(0, 0.2)})
	}
	for range r.IntN(4) {
		sc.Hazards = append(sc.Hazards, HazardSpec{Kind: "coup", Target: pick(), Rate: u(0, 1), Magnitude: u(0, 0.5)})
	}
	if r.IntN(2) == 0 {
		sc.Hazards = append(sc.Hazards, HazardSpec{Kind: "price_shock", Rate: u(0, 1), Magnitude: u(0, 0.5), Turns: r.IntN(8)})
	}
	for range r.IntN(5) {
		a := pick()
		sc.Events = append(sc.Events,
			EventSpec{Date: Date{1992 + r.IntN(3), 1 + r.IntN(12)}, Kind: "relation", Actor: a, Target: other(a), Value: ptr(u(-1, 1))},
			EventSpec{Date: Date{1992 + r.IntN(3), 1 + r.IntN(12)}, Kind: "shift", Target: pick(), Value: ptr(u(-0.5, 0.5))},
			EventSpec{Date: Date{1992 + r.IntN(3), 1 + r.IntN(12)}, Kind: "coup", Target: pick(), Actor: pick(), Success: ptr(r.IntN(2) == 0)},
		)
	}
	return sc
}

// invariants checks what must hold after every turn of any valid run.
type invariants struct {
	t    *testing.T
	seed uint64
	prev int
	// agents are the scenario's agent ids. The engine never removes an
	// agent, so every snapshot holds them all and only the scenario's
	// agents ever act.
	agents map[string]bool
}

func (v *invariants) Turn(s *Snapshot) {
	t := v.t
	if s.Turn != v.prev+1 && !(s.Turn == 0 && v.prev == -1) {
		t.Fatalf("seed %d: turn %d after %d", v.seed, s.Turn, v.prev)
	}
	v.prev = s.Turn
	if len(s.Agents) != len(v.agents) {
		t.Fatalf("seed %d turn %d: %d agents, the scenario has %d", v.seed, s.Turn, len(s.Agents), len(v.agents))
	}
	for _, a := range s.Agents {
		if !v.agents[a.ID] {
			t.Fatalf("seed %d turn %d: agent %q is not in the scenario", v.seed, s.Turn, a.ID)
		}
		for name, x := range map[string]float64{"security": a.Security, "energy": a.Energy, "alignment": a.Alignment,
			"revenue": a.Revenue, "supply": a.SupplySecurity, "stability": a.Stability, "arms": a.Arms, "utility": a.Utility} {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				t.Fatalf("seed %d turn %d agent %s: %s = %v", v.seed, s.Turn, a.ID, name, x)
			}
		}
		in := func(name string, x, lo, hi float64) {
			if x < lo || x > hi {
				t.Fatalf("seed %d turn %d agent %s: %s = %v outside [%v,%v]", v.seed, s.Turn, a.ID, name, x, lo, hi)
			}
		}
		in("security", a.Security, 0, 1)
		in("alignment", a.Alignment, -1, 1)
		in("stability", a.Stability, 0, 1)
		in("supply security", a.SupplySecurity, 0, 1)
		in("arms", a.Arms, 0, math.MaxFloat64)
		for _, f := range a.Affinity {
			in("affinity", f, -1, 1)
		}
	}
	for _, c := range s.Conflicts {
		if c.Intensity < 0 || c.Intensity > 1 || math.IsNaN(c.Intensity) {
			t.Fatalf("seed %d turn %d conflict %s: intensity %v", v.seed, s.Turn, c.ID, c.Intensity)
		}
	}
	for _, r := range s.Routes {
		if r.Flow < 0 || math.IsNaN(r.Flow) || (r.Status != Open && r.Flow != 0) {
			t.Fatalf("seed %d turn %d route %s (%s): flow %v", v.seed, s.Turn, r.ID, r.Status, r.Flow)
		}
	}
}

func (v *invariants) Decision(d *Decision) {
	if math.IsNaN(d.Gain()) || d.Probability < 0 || d.Probability > 1 {
		v.t.Fatalf("seed %d: decision %+v", v.seed, d)
	}
	// Decisions come in the turn being played, from agents of the
	// scenario; an agent's own choice always names it.
	if d.Turn != v.prev+1 {
		v.t.Fatalf("seed %d: a decision of turn %d reported after turn %d", v.seed, d.Turn, v.prev)
	}
	if (d.Actor != "" && !v.agents[d.Actor]) || (d.Source == ByAgent && d.Actor == "") || (d.With != "" && !v.agents[d.With]) {
		v.t.Fatalf("seed %d turn %d: decision by %q with %q, not agents of the scenario", v.seed, d.Turn, d.Actor, d.With)
	}
}

// Over many random valid scenarios the engine keeps its invariants every
// turn: values finite and in range, influence rows stochastic, flows only
// on open routes, and runs reproducible.
func TestRandomScenariosKeepInvariants(t *testing.T) {
	count := 300
	if testing.Short() {
		count = 60
	}
	for seed := uint64(0); seed < uint64(count); seed++ {
		sc := randomScenario(rand.New(rand.NewPCG(seed, 77)))
		w, err := New(sc, Options{Seed: seed})
		if err != nil {
			t.Fatalf("seed %d: valid scenario rejected: %v", seed, err)
		}
		v := &invariants{t: t, seed: seed, prev: -1, agents: map[string]bool{}}
		for _, a := range sc.Agents {
			v.agents[a.ID] = true
		}
		w.Start(v)
		for w.BeginTurn(v) {
			if w.Deciding() {
				n := w.N()
				W, b, lambda, _ := w.Influence()
				for i := range n {
					if w.agents[i].pole != 0 {
						continue
					}
					sum := 0.0
					for j := range n {
						if W[i*n+j] < 0 {
							t.Fatalf("seed %d: negative influence weight", seed)
						}
						sum += W[i*n+j]
					}
					if sum > 1+1e-9 || math.IsNaN(b[i]) || lambda[i] < 0 || lambda[i] > 1 {
						t.Fatalf("seed %d agent %d: row sum %v, b %v, λ %v", seed, i, sum, b[i], lambda[i])
					}
				}
			}
			if err := w.EndTurn(v); err != nil {
				t.Fatalf("seed %d: %v", seed, err)
			}
		}
		if err := w.Err(); err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		if seed%10 == 0 {
			// The same scenario and seed give the same run.
			a, b := &digest{h: sha256.New()}, &digest{h: sha256.New()}
			if err := Run(sc, Options{Seed: seed}, a); err != nil {
				t.Fatal(err)
			}
			if err := Run(sc, Options{Seed: seed}, b); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.h.Sum(nil), b.h.Sum(nil)) {
				t.Fatalf("seed %d: two runs differ", seed)
			}
		}
	}
}

// digest hashes everything a run records.
type digest struct{ h hash.Hash }

func (d *digest) Turn(s *Snapshot)     { fmt.Fprintf(d.h, "%+v\n", *s) }
func (d *digest) Decision(x *Decision) { fmt.Fprintf(d.h, "%+v\n", *x) }
