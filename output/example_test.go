package output_test

import (
	"fmt"
	"os"

	"caspian/output"
	"caspian/sim"
)

// A Collector receives what the engine records; WriteTimeseries turns the
// runs of a Report into tidy rows.
func ExampleWriteTimeseries() {
	sc := &sim.Scenario{
		Name:     "mini",
		Calendar: sim.Calendar{Start: sim.Date{Year: 1994, Month: 7}, End: sim.Date{Year: 1994, Month: 7}, Step: sim.Quarter},
		Focal:    "AZE",
		Agents:   []sim.AgentSpec{{ID: "AZE", Name: "Azerbaijan"}},
	}
	c := output.NewCollector(sc, 0)
	c.Turn(&sim.Snapshot{
		Turn: 0, Label: "1994-Q3", Year: 1994.625,
		Agents: []sim.AgentState{{
			ID:        "AZE",
			Interests: sim.Interests{Security: 0.35, Energy: 0.8, Alignment: -0.25},
			Revenue:   0.8,
			Stability: 0.7,
			Arms:      0.1,
			Utility:   0.4,
			Affinity:  []float64{0},
		}},
		Routes: []sim.RouteState{{ID: "BTC", Status: sim.Building}},
	})
	r := &output.Report{Scenario: sc, Name: "mini", Runs: 1, Collectors: []*output.Collector{c}}
	if err := output.WriteTimeseries(os.Stdout, r); err != nil {
		fmt.Println(err)
	}
	// Output:
	// run,turn,time,agent,metric,value
	// 0,0,1994-Q3,AZE,security,0.35
	// 0,0,1994-Q3,AZE,energy,0.8
	// 0,0,1994-Q3,AZE,alignment,-0.25
	// 0,0,1994-Q3,AZE,revenue,0.8
	// 0,0,1994-Q3,AZE,supply_security,0
	// 0,0,1994-Q3,AZE,stability,0.7
	// 0,0,1994-Q3,AZE,arms,0.1
	// 0,0,1994-Q3,AZE,utility,0.4
	// 0,0,1994-Q3,BTC,flow,0
}
