package sim

import (
	"math"
	"testing"
)

// flat is a series with one value for every year.
func flat(v float64) Series { return Series{Points: []Point{{Year: 2000, Value: v}}} }

func ptr[T any](v T) *T { return &v }

// smallScenario is a reduced world with every mechanism present: two
// poles, a producer with a transit state, a rival, a conflict with
// patrons, institutions and a treaty.
func smallScenario() *Scenario {
	return &Scenario{
		Name:     "small",
		Calendar: Calendar{Start: Date{2000, 1}, End: Date{2019, 10}, Step: Quarter},
		Axis:     Axis{NegativeLabel: "East", PositiveLabel: "West", NegativePoles: []string{"EAS"}, PositivePoles: []string{"WES"}},
		Focal:    "PRD",
		Prices:   Prices{Oil: flat(50), GasOilRatio: 6},
		Model:    DefaultParams(),
		Actions:  DefaultActions(),
		Agents: []AgentSpec{
			{ID: "EAS", Capability: 10, Roles: []Role{"great_power", "arms_exporter", "producer"}, Weights: Interests{0.3, 0.3, 0.4},
				Stability: 0.9, Production: Volumes{Gas: flat(100)}, Imports: Demand{Gas: Constant(20)}},
			{ID: "WES", Capability: 20, Roles: []Role{"great_power", "arms_exporter", "consumer"}, Weights: Interests{0.3, 0.3, 0.4},
				Stability: 0.9, Imports: Demand{Gas: Constant(80)}},
			{ID: "PRD", Capability: 1, Roles: []Role{"producer"}, Weights: Interests{0.5, 0.3, 0.2}, Alignment: -0.2,
				Ideal: ptr(0.0), Stubbornness: 0.3, ThreatResponse: 0.6, Stability: 0.5,
				Production: Volumes{Oil: flat(300), Gas: flat(10)}, Domestic: Shares{Oil: 0.2, Gas: 0.5}},
			{ID: "RIV", Capability: 0.8, Weights: Interests{0.6, 0.2, 0.2}, Alignment: -0.6, Stubbornness: 0.4,
				ThreatResponse: -0.5, Stability: 0.6},
			{ID: "TRN", Capability: 0.5, Roles: []Role{"transit"}, Weights: Interests{0.4, 0.4, 0.2}, Alignment: 0.1,
				Stubbornness: 0.5, ThreatResponse: 0.8, Stability: 0.6},
		},
		Culture: []CultureTie{{A: "PRD", B: "EAS", Language: 0.6}, {A: "RIV", B: "EAS", Religion: 0.5, Language: 0.5}},
		Relations: []RelationSpec{
			{A: "PRD", B: "RIV", Affinity: -0.8}, {A: "EAS", B: "RIV", Affinity: 0.6}, {A: "PRD", B: "TRN", Affinity: 0.4},
		},
		Routes: []RouteSpec{
			{ID: "north", Commodity: Oil, Producer: "PRD", Transit: []string{"EAS"}, Market: "EAS", Capacity: 100, Tariff: 2, Status: Open},
			{ID: "west", Commodity: Oil, Producer: "PRD", Transit: []string{"TRN"}, Market: "WES", Capacity: 200, Tariff: 1.5,
				Status: Proposed, BuildTurns: 8, Sponsors: []string{"WES"}},
			{ID: "gas-west", Commodity: Gas, Producer: "PRD", Transit: []string{"TRN"}, Market: "WES", Capacity: 10, Tariff: 20,
				Status: Proposed, BuildTurns: 8, Sponsors: []string{"WES"}},
			{ID: "east-gas", Commodity: Gas, Producer: "EAS", Market: "WES", Capacity: 70, Status: Open},
			{ID: "east-stream", Commodity: Gas, Producer: "EAS", Market: "WES", Capacity: 30, Status: Proposed, BuildTurns: 8},
		},
		Conflicts: []ConflictSpec{{
			ID: "war", Parties: []string{"PRD", "RIV"}, Intensity: 0.5, Stakes: []float64{0.3, 0.2},
			Patrons: []PatronSpec{{Agent: "EAS", Side: "RIV", Support: 0.08}},
			Brokers: []BrokerSpec{{Agent: "EAS", Preference: 0.05}}, Decay: 0.05, Victory: 0.7,
		}},
		Institutions: []Institution{
			{ID: "bloc", Pole: -0.8, Leader: "EAS", Members: []string{"EAS", "RIV"}, Open: true, Security: 0.05, Influence: 0.5, Shift: 0.05, LeaveRelation: -0.2},
			{ID: "club", Pole: 0.7, Leader: "WES", Members: []string{"WES"}, Open: true, Influence: 0.4, Shift: 0.05},
		},
		Agreements: []AgreementSpec{{ID: "seabed", Parties: []string{"PRD", "EAS"}, Revenue: 0.5, Relation: 0.1}},
		Hazards: []HazardSpec{
			{Kind: "coup", Target: "PRD", Rate: 0.3, Magnitude: 0.3},
			{Kind: "flare", Target: "war", Rate: 0.4, Magnitude: 0.25},
		},
	}
}

type tape struct {
	snaps     []Snapshot
	decisions []Decision
}

func (t *tape) Turn(s *Snapshot) {
	c := *s
	c.Agents = append([]AgentState(nil), s.Agents...)
	for i := range c.Agents {
		c.Agents[i].Affinity = append([]float64(nil), s.Agents[i].Affinity...)
	}
	c.Conflicts = append([]ConflictState(nil), s.Conflicts...)
	c.Routes = append([]RouteState(nil), s.Routes...)
	t.snaps = append(t.snaps, c)
}

func (t *tape) Decision(d *Decision) { t.decisions = append(t.decisions, *d) }

func run(t testing.TB, sc *Scenario, o Options) *tape {
	t.Helper()
	rec := &tape{}
	if err := Run(sc, o, rec); err != nil {
		t.Fatal(err)
	}
	return rec
}

func TestRunIsFiniteAndBounded(t *testing.T) {
	sc := smallScenario()
	for seed := uint64(0); seed < 20; seed++ {
		rec := run(t, sc, Options{Seed: seed})
		if got, want := len(rec.snaps), sc.Calendar.Turns(); got != want {
			t.Fatalf("seed %d: %d snapshots, want %d", seed, got, want)
		}
		for _, s := range rec.snaps {
			for _, a := range s.Agents {
				for _, v := range []float64{a.Security, a.Energy, a.Alignment, a.Revenue, a.Stability, a.Arms, a.Utility} {
					if math.IsNaN(v) || math.IsInf(v, 0) {
						t.Fatalf("seed %d turn %d agent %s: non-finite value", seed, s.Turn, a.ID)
					}
				}
				if a.Security < 0 || a.Security > 1 || a.Alignment < -1 || a.Alignment > 1 || a.Stability < 0 || a.Stability > 1 {
					t.Fatalf("seed %d turn %d agent %s: out of bounds %+v", seed, s.Turn, a.ID, a.Interests)
				}
			}
		}
	}
}
