package sim_test

import (
	"fmt"

	"caspian/sim"
)

// alignmentLog prints the focal agent's alignment every ten years.
type alignmentLog struct{ focal string }

func (l alignmentLog) Turn(s *sim.Snapshot) {
	if s.Turn%40 != 0 {
		return
	}
	for _, a := range s.Agents {
		if a.ID == l.focal {
			fmt.Printf("%s %s %+.3f\n", s.Label, a.ID, a.Alignment)
		}
	}
}

func (alignmentLog) Decision(*sim.Decision) {}

// A hedging state tied to one pole by language drifts toward it, held
// back by its stubbornness: the Friedkin–Johnsen update at work. By hand:
// raw weights 1 (self) and 0.3·0.5·0.6 = 0.09 (culture), λ = 0.8, so
// x* = (−0.8·0.09/1.09 + 0.2·0.2) / (1 − 0.8/1.09) ≈ −0.098.
func ExampleRun() {
	sc := &sim.Scenario{
		Name:     "pull",
		Calendar: sim.Calendar{Start: sim.Date{Year: 1991, Month: 10}, End: sim.Date{Year: 2021, Month: 10}, Step: sim.Quarter},
		Axis:     sim.Axis{NegativePoles: []string{"RUS"}, PositivePoles: []string{"USA"}},
		Focal:    "AZE",
		Model:    sim.DefaultParams(),
		Actions:  sim.DefaultActions(),
		Agents: []sim.AgentSpec{
			{ID: "RUS", Capability: 10, Weights: sim.Interests{Security: 1}},
			{ID: "USA", Capability: 20, Weights: sim.Interests{Security: 1}},
			{ID: "AZE", Capability: 1, Weights: sim.Interests{Security: 1}, Alignment: 0.2, Stubbornness: 0.2, Stability: 0.5},
		},
		Culture: []sim.CultureTie{{A: "AZE", B: "RUS", Language: 0.6}},
	}
	err := sim.Run(sc, sim.Options{Seed: 1, NoDecisions: true}, alignmentLog{focal: "AZE"})
	fmt.Println("error:", err)
	// Output:
	// 1991-Q4 AZE +0.200
	// 2001-Q4 AZE -0.098
	// 2011-Q4 AZE -0.098
	// 2021-Q4 AZE -0.098
	// error: <nil>
}
