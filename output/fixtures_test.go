package output

import (
	"math"
	"math/rand/v2"

	"caspian/sim"
)

// tinyScenario has three agents (AZE between the poles RUS and USA), one
// conflict and one route, over five quarters.
func tinyScenario() *sim.Scenario {
	return &sim.Scenario{
		Name:  "tiny",
		Title: "Tiny test scenario",
		Calendar: sim.Calendar{
			Start: sim.Date{Year: 2000, Month: 1},
			End:   sim.Date{Year: 2001, Month: 1},
			Step:  sim.Quarter,
		},
		Axis: sim.Axis{
			NegativeLabel: "Russia", PositiveLabel: "the West",
			NegativePoles: []string{"RUS"}, PositivePoles: []string{"USA"},
		},
		Focal: "AZE",
		Agents: []sim.AgentSpec{
			{ID: "AZE", Name: "Azerbaijan", Roles: []sim.Role{"producer", "transit"}},
			{ID: "RUS", Name: "Russia", Roles: []sim.Role{"great_power"}},
			{ID: "USA", Name: "United States", Roles: []sim.Role{"great_power"}},
		},
	}
}

// tinyValue is the hand-checkable value of agent a's metric m (0..7) at
// run, turn.
func tinyValue(run, turn, a, m int) float64 {
	return float64(a) + 0.1*float64(turn) + 0.05*float64(run) + 0.01*float64(m)
}

// tinyAlignment is AZE's alignment at run, turn; the poles sit at ±1.
func tinyAlignment(run, turn int) float64 { return -0.2 + 0.1*float64(turn) + 0.05*float64(run) }

// tinyReport builds a 2-run, 3-agent, 5-turn report by feeding a
// Collector per run, reusing one Snapshot and its slices as the engine
// does.
func tinyReport() *Report {
	sc := tinyScenario()
	r := &Report{
		Scenario: sc, Name: "scenarios/tiny.toml", SHA256: "abc123", Seed: 7,
		Runs: 2, Workers: 3, Version: "test", Format: "png",
	}
	ids := []string{"AZE", "RUS", "USA"}
	for run := range 2 {
		c := NewCollector(sc, run)
		s := &sim.Snapshot{
			Run:       run,
			Agents:    make([]sim.AgentState, 3),
			Conflicts: make([]sim.ConflictState, 1),
			Routes:    make([]sim.RouteState, 1),
		}
		for i := range s.Agents {
			s.Agents[i].Affinity = make([]float64, 3)
		}
		for turn := range 5 {
			feedTinyDecisions(c, run, turn)
			s.Turn, s.Label, s.Year = turn, sc.Calendar.Label(turn), sc.Calendar.YearFraction(turn)
			for a := range s.Agents {
				st := &s.Agents[a]
				st.ID = ids[a]
				st.Security = tinyValue(run, turn, a, 0)
				st.Energy = tinyValue(run, turn, a, 1)
				st.Alignment = []float64{tinyAlignment(run, turn), -1, 1}[a]
				st.Revenue = tinyValue(run, turn, a, 3)
				st.SupplySecurity = tinyValue(run, turn, a, 4)
				st.Stability = tinyValue(run, turn, a, 5)
				st.Arms = tinyValue(run, turn, a, 6)
				st.Utility = tinyValue(run, turn, a, 7)
				for b := range st.Affinity {
					st.Affinity[b] = float64(10*a+b) / 100
				}
			}
			s.Conflicts[0] = sim.ConflictState{ID: "NK", Intensity: 0.5 - 0.1*float64(turn), Phase: "frozen"}
			s.Routes[0] = sim.RouteState{ID: "BTC", Status: sim.Open, Flow: 100 * float64(turn)}
			c.Turn(s)
		}
		r.Collectors = append(r.Collectors, c)
	}
	return r
}

// feedTinyDecisions reports the tiny scenario's decisions of one turn.
func feedTinyDecisions(c *Collector, run, turn int) {
	d := &sim.Decision{Run: run, Turn: turn, Label: c.sc.Calendar.Label(turn)}
	switch {
	case run == 0 && turn == 1:
		*d = sim.Decision{Run: run, Turn: turn, Label: d.Label, Source: sim.Scheduled,
			Actor: "AZE", Action: "energy_coop", Target: "USA", Outcome: "done",
			Energy: 0.3, Security: 0.1, Cost: 0.05, Probability: 1,
			Note: `Contract "of the Century", signed`, Key: true}
	case turn == 3:
		*d = sim.Decision{Run: run, Turn: turn, Label: d.Label, Source: sim.ByAgent,
			Actor: "AZE", Action: "partnership", Target: "RUS", Outcome: "done", With: "RUS",
			Alignment: -0.2, Security: 0.25, Probability: 0.125}
	default:
		return
	}
	c.Decision(d)
	// The engine reuses its Decision too; the Collector must not care.
	*d = sim.Decision{Note: "overwritten"}
}

// sampleReport is a realistic-looking ensemble for looking at the plots:
// 1991–2024 by quarter, eight states of which three are poles, random
// walks pulled toward each state's ideal, and fifteen key events.
func sampleReport(runs int) *Report {
	sc := &sim.Scenario{
		Name:  "caspian-sample",
		Title: "Azerbaijan between Russia and the West, 1991–2024 (sample data)",
		Calendar: sim.Calendar{
			Start: sim.Date{Year: 1991, Month: 10}, End: sim.Date{Year: 2024, Month: 12}, Step: sim.Quarter,
		},
		Axis: sim.Axis{
			NegativeLabel: "Russia", PositiveLabel: "the West",
			NegativePoles: []string{"RUS"}, PositivePoles: []string{"EU", "USA"},
		},
		Focal: "AZE",
	}
	type spec struct {
		id, name      string
		start, ideal  float64
		revenue, grow float64
	}
	specs := []spec{
		{"ARM", "Armenia", -0.3, -0.6, 0.2, 0},
		{"AZE", "Azerbaijan", -0.2, 0.05, 0.5, 0.9},
		{"EU", "European Union", 1, 1, 0, 0},
		{"GEO", "Georgia", -0.1, 0.6, 0.1, 0.05},
		{"IRN", "Iran", -0.2, -0.4, 5, 0.2},
		{"KAZ", "Kazakhstan", -0.6, -0.3, 2, 0.6},
		{"RUS", "Russia", -1, -1, 20, 1},
		{"TUR", "Turkey", 0.5, 0.3, 0, 0},
		{"USA", "United States", 1, 1, 0, 0},
	}
	for _, s := range specs {
		roles := []sim.Role{sim.Producer}
		sc.Agents = append(sc.Agents, sim.AgentSpec{ID: s.id, Name: s.name, Roles: roles, Alignment: s.start})
	}
	events := map[int]string{
		0:   "Independence; Soviet forces withdraw",
		10:  "Ceasefire in Karabakh (Bishkek Protocol)",
		11:  "Contract of the Century signed with Western oil majors",
		20:  "Early oil flows through Baku–Novorossiysk",
		30:  "Azerbaijan leaves the CIS Collective Security Treaty",
		53:  "Baku–Tbilisi–Ceyhan oil pipeline opens",
		59:  "South Caucasus gas pipeline opens",
		67:  "Russia–Georgia war",
		89:  "Eurovision in Baku; Gabala radar lease ends",
		95:  "Crimea annexed; EU sanctions on Russia",
		98:  "Oil price collapse",
		115: "Southern Gas Corridor: TANAP opens",
		116: "Second Karabakh war",
		121: "Declaration on Allied Interaction with Russia",
		127: "Azerbaijan retakes Karabakh; Armenia freezes CSTO role",
	}
	r := &Report{Scenario: sc, Name: "sample", SHA256: "0000", Seed: 1, Runs: runs, Version: "sample", Format: "png"}
	turns := sc.Calendar.Turns()
	for run := range runs {
		rng := rand.New(rand.NewPCG(42, uint64(run)))
		c := NewCollector(sc, run)
		s := &sim.Snapshot{Run: run, Agents: make([]sim.AgentState, len(specs))}
		align := make([]float64, len(specs))
		for i, sp := range specs {
			align[i] = sp.start
			s.Agents[i].ID = sp.id
			s.Agents[i].Affinity = make([]float64, len(specs))
		}
		for t := range turns {
			if ev, ok := events[t]; ok && run == 0 {
				c.Decision(&sim.Decision{Run: run, Turn: t, Label: sc.Calendar.Label(t), Source: sim.Scheduled,
					Actor: "AZE", Action: "note", Outcome: "done", Note: ev, Key: true})
			}
			if t%7 == 3 {
				c.Decision(&sim.Decision{Run: run, Turn: t, Label: sc.Calendar.Label(t), Source: sim.ByAgent,
					Actor: "AZE", Action: []string{"security_coop", "energy_coop", "arms_deal"}[t%3], Target: "TUR",
					Outcome: []sim.Outcome{sim.Done, sim.Failed}[rng.IntN(2)], Security: 0.1, Probability: 0.3})
			}
			s.Turn, s.Label, s.Year = t, sc.Calendar.Label(t), sc.Calendar.YearFraction(t)
			frac := float64(t) / float64(turns)
			for i, sp := range specs {
				if sp.start == 1 || sp.start == -1 {
					align[i] = sp.start
				} else {
					align[i] += 0.04*(sp.ideal-align[i]) + 0.03*rng.NormFloat64()
					align[i] = math.Max(-1, math.Min(1, align[i]))
				}
				a := &s.Agents[i]
				a.Alignment = align[i]
				a.Security = 0.4 + 0.3*frac + 0.05*math.Sin(float64(t)/5) + 0.02*rng.NormFloat64()
				a.Revenue = sp.revenue * (1 + sp.grow*20*frac*math.Exp(-2*frac)) * (1 + 0.1*rng.NormFloat64())
				a.Energy = a.Revenue
				a.Stability = 0.8
			}
			c.Turn(s)
		}
		r.Collectors = append(r.Collectors, c)
	}
	return r
}
