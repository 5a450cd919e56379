package sim

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// frozenScenario is smallScenario with nothing that changes the influence
// matrix over time: no production, no routes, no hazards, no events.
func frozenScenario() *Scenario {
	sc := smallScenario()
	sc.Calendar.End = Date{2199, 10} // 800 turns: ample for convergence
	for i := range sc.Agents {
		sc.Agents[i].Production = Volumes{}
		sc.Agents[i].Imports = Demand{}
	}
	sc.Routes = nil
	sc.Hazards = nil
	return sc
}

// With actions and events off the alignments must converge to the
// Friedkin–Johnsen fixed point x* = (I−ΛW)⁻¹(Λb + (I−Λ)x(0)), computed here
// independently of the engine's stepping with gonum/mat.
func TestAlignmentConvergesToFixedPoint(t *testing.T) {
	sc := frozenScenario()
	w, err := New(sc, Options{NoDecisions: true, NoEvents: true})
	if err != nil {
		t.Fatal(err)
	}
	n := w.N()
	Wr, b, lambda, x0 := w.Influence()
	for i := range n {
		if w.agents[i].pole != 0 {
			continue
		}
		rowSum := 0.0
		for j := range n {
			if Wr[i*n+j] < 0 {
				t.Fatalf("W[%d][%d] = %v < 0", i, j, Wr[i*n+j])
			}
			rowSum += Wr[i*n+j]
		}
		if rowSum > 1+1e-12 {
			t.Fatalf("row %d of W sums to %v > 1", i, rowSum)
		}
	}
	A := mat.NewDense(n, n, nil)
	rhs := mat.NewVecDense(n, nil)
	for i := range n {
		for j := range n {
			v := -lambda[i] * Wr[i*n+j]
			if i == j {
				v++
			}
			A.Set(i, j, v)
		}
		rhs.SetVec(i, lambda[i]*b[i]+(1-lambda[i])*x0[i])
	}
	var want mat.VecDense
	if err := want.SolveVec(A, rhs); err != nil {
		t.Fatal(err)
	}
	for !w.Done() {
		w.Step(nil)
	}
	got := w.Alignment()
	for i := range n {
		if d := math.Abs(got[i] - want.AtVec(i)); d > 1e-9 {
			t.Errorf("agent %s: alignment %.12f, fixed point %.12f (off by %.2g)", w.agents[i].id, got[i], want.AtVec(i), d)
		}
	}
}

// A two-agent reduction solved by hand: one pole at -1 and one agent tied
// to it by culture alone. With raw self weight s and culture weight c the
// agent's row is W = [s, c]/(s+c); its fixed point is
// x* = (−λc/(s+c) + (1−λ)x0) / (1 − λs/(s+c)).
func TestTwoAgentFixedPointByHand(t *testing.T) {
	sc := &Scenario{
		Name:     "two",
		Calendar: Calendar{Start: Date{2000, 1}, End: Date{2100, 1}, Step: Quarter},
		Axis:     Axis{NegativePoles: []string{"POL"}, PositivePoles: []string{"WES"}},
		Focal:    "AGT",
		Model:    DefaultParams(),
		Actions:  DefaultActions(),
		Agents: []AgentSpec{
			{ID: "POL", Capability: 1, Weights: Interests{1, 0, 0}},
			{ID: "WES", Capability: 1, Weights: Interests{1, 0, 0}},
			{ID: "AGT", Capability: 1, Weights: Interests{1, 0, 0}, Alignment: 0.5, Stubbornness: 0.25},
		},
		Culture: []CultureTie{{A: "AGT", B: "POL", Language: 0.8}},
	}
	p := sc.Model
	s := p.InfluenceSelf
	c := p.InfluenceCulture * p.CultureLanguage * 0.8
	lambda, x0 := 0.75, 0.5
	want := (-lambda*c/(s+c) + (1-lambda)*x0) / (1 - lambda*s/(s+c))
	w, err := New(sc, Options{NoDecisions: true, NoEvents: true})
	if err != nil {
		t.Fatal(err)
	}
	for !w.Done() {
		w.Step(nil)
	}
	got := w.Alignment()[w.index["AGT"]]
	if math.Abs(got-want) > 1e-9 {
		t.Fatalf("alignment %.12f, want %.12f", got, want)
	}
}

// The linear form used to step and settle is the same update as the
// documented one (W, anchors b, λ, prejudice), in random states.
func TestLinearRowMatchesInfluenceRow(t *testing.T) {
	w, err := New(smallScenario(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	n := w.N()
	r := rand.New(rand.NewPCG(3, 4))
	row, lin := make([]float64, n), make([]float64, n)
	for trial := 0; trial < 500; trial++ {
		s := &w.st
		for i := range s.aff {
			s.aff[i] = 2*r.Float64() - 1
			s.press[i] = r.Float64() * 0.5
			s.plotBy[i] = r.Float64() * 0.5
			s.infl[i] = r.Float64()
			s.coop[i] = r.Float64()
		}
		for i := range s.x {
			if w.agents[i].pole == 0 {
				s.x[i] = 2*r.Float64() - 1
			}
		}
		w.energy(s, &w.base, 2005)
		for i := range n {
			if w.agents[i].pole != 0 {
				continue
			}
			b := w.influenceRow(s, &w.base, s.x, i, row)
			want := 0.0
			for j := range n {
				want += row[j] * s.x[j]
			}
			l := w.lambda(i)
			want = l*(want+b) + (1-l)*s.anchor[i]
			got := w.linearRow(s, &w.base, i, lin)
			for j := range n {
				got += lin[j] * s.x[j]
			}
			if math.Abs(got-want) > 1e-12 {
				t.Fatalf("trial %d agent %d: linear form %v, documented form %v", trial, i, got, want)
			}
		}
	}
}

// solve agrees with gonum's LU solver on random well-conditioned systems.
func TestSolveMatchesGonum(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for trial := 0; trial < 200; trial++ {
		n := 1 + r.IntN(14)
		A := make([]float64, n*n)
		b := make([]float64, n)
		for i := range A {
			A[i] = r.Float64() - 0.5
		}
		for i := range n {
			A[i*n+i] += float64(n)
			b[i] = r.Float64()
		}
		var want mat.VecDense
		if err := want.SolveVec(mat.NewDense(n, n, append([]float64(nil), A...)), mat.NewVecDense(n, append([]float64(nil), b...))); err != nil {
			t.Fatal(err)
		}
		if !solve(A, b, n) {
			t.Fatalf("trial %d: reported singular", trial)
		}
		for i := range n {
			if math.Abs(b[i]-want.AtVec(i)) > 1e-10 {
				t.Fatalf("trial %d: x[%d] = %v, gonum %v", trial, i, b[i], want.AtVec(i))
			}
		}
	}
	if solve([]float64{1, 2, 2, 4}, []float64{1, 1}, 2) {
		t.Fatal("a singular matrix was solved")
	}
}

// A system factored once and solved for several right-hand sides gives,
// for each, the same bits as solving it from nothing.
func TestFactoredSolvesAsSolve(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for trial := range 100 {
		n := 1 + r.IntN(14)
		A := make([]float64, n*n)
		for i := range A {
			A[i] = r.Float64() - 0.5
		}
		var f factored
		f.alloc(n)
		if !f.factor(A) {
			continue // singular: solve says so too (TestSolveMatchesGonum)
		}
		for rhs := range 3 {
			b := make([]float64, n)
			for i := range b {
				b[i] = r.NormFloat64()
			}
			want := append([]float64(nil), b...)
			if !solve(append([]float64(nil), A...), want, n) {
				t.Fatalf("trial %d: solve reports singular what factor did not", trial)
			}
			f.solve(b)
			for i := range b {
				if math.Float64bits(b[i]) != math.Float64bits(want[i]) {
					t.Fatalf("trial %d, right-hand side %d: x[%d] = %v, solve %v", trial, rhs, i, b[i], want[i])
				}
			}
		}
	}
}

// The settled alignments are the fixed point the stepped update reaches.
func TestSettledIsWhereSteppingConverges(t *testing.T) {
	w, err := New(frozenScenario(), Options{NoDecisions: true, NoEvents: true})
	if err != nil {
		t.Fatal(err)
	}
	x := make([]float64, w.N())
	w.energy(&w.st, &w.base, w.cal.YearFraction(0))
	w.settled(&w.st, &w.base, x, nil, nil)
	for !w.Done() {
		w.Step(nil)
	}
	for i, got := range w.Alignment() {
		if math.Abs(got-x[i]) > 1e-9 {
			t.Errorf("agent %d: stepped to %v, settled %v", i, got, x[i])
		}
	}
}

// threatWeightByDefinition is the weight of i's response to j's threat
// computed pair by pair, as docs/model.md defines it.
func (w *World) threatWeightByDefinition(s *state, i, j int) float64 {
	resp := w.agents[i].threat
	if resp == 0 {
		return 0
	}
	n := len(w.agents)
	lvl := s.press[j*n+i] + s.plotBy[i*n+j] + s.alarm[i*n+j]
	for c := range w.conflicts {
		other, ok := w.adversary(s, c, i)
		if !ok {
			continue
		}
		for _, pt := range w.conflicts[c].patrons {
			if pt.agent == j && pt.side == other {
				lvl += pt.support * w.agents[j].capability / (w.agents[i].capability + w.armsOf(s, i))
			}
		}
	}
	if lvl <= 0 {
		return 0
	}
	return w.p.InfluenceThreat * math.Abs(resp) * lvl
}

// A row of threat weights found in one pass equals, bit for bit, the
// weights found pair by pair, in random scenarios at every turn.
func TestThreatWeightsMatchDefinition(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 5))
	nonzero := 0
	for range 60 {
		w, err := New(randomScenario(r), Options{Seed: r.Uint64()})
		if err != nil {
			t.Fatal(err)
		}
		row := make([]float64, w.N())
		for w.BeginTurn(nil) {
			for i := range w.agents {
				clear(row)
				w.threatWeights(&w.st, i, row)
				for j := range w.agents {
					want := w.threatWeightByDefinition(&w.st, i, j)
					if row[j] != want {
						t.Fatalf("threat weight of %d on %d: %v in one pass, %v by definition", j, i, row[j], want)
					}
					if want != 0 {
						nonzero++
					}
				}
			}
			if err := w.EndTurn(nil); err != nil {
				t.Fatal(err)
			}
		}
	}
	if nonzero < 100 {
		t.Fatalf("only %d threats seen", nonzero)
	}
}
