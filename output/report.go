package output

import (
	"errors"
	"fmt"
	"strings"

	"caspian/ensemble"
	"caspian/sim"
)

// Report is everything written to an output directory.
type Report struct {
	Scenario *sim.Scenario
	// Name is the scenario name as the user gave it (file path or embedded
	// name).
	Name string
	// SHA256 is the hex digest of the scenario file bytes.
	SHA256 string
	Seed   uint64
	Runs   int
	// Workers is how many goroutines ran the ensemble. It is written
	// nowhere: results must not depend on it.
	Workers int
	// Version is the program version.
	Version string
	// Format is the plot format: "png", "svg" or "pdf" ("" means png).
	Format string
	// Collectors hold the runs kept in full, in run order, run 0 first.
	// Without Stats they must be every run, indexed by run number.
	Collectors []*Collector
	// Stats are the statistics across all Runs, summarised as the runs
	// finished (ensemble.Run); nil means they are computed from the
	// Collectors.
	Stats *ensemble.Stats
	// Overrides are the --set overrides applied to the scenario, as
	// typed; summary.json lists them.
	Overrides []string

	// summarised caches the statistics computed from the Collectors.
	summarised *ensemble.Stats
}

// formats lists the plot formats WriteDir accepts, in the order help text
// shows them.
var formats = []string{"png", "svg", "pdf"}

// Formats returns the plot formats WriteDir accepts.
func Formats() []string { return append([]string(nil), formats...) }

// format returns the report's plot format, checked.
func (r *Report) format() (string, error) {
	f := strings.ToLower(r.Format)
	if f == "" {
		return "png", nil
	}
	for _, ok := range formats {
		if f == ok {
			return f, nil
		}
	}
	return "", fmt.Errorf("plot format %q: want one of %s", r.Format, strings.Join(formats, ", "))
}

// validate checks what every writer relies on, so a bad report fails
// before any file is touched.
func (r *Report) validate() error {
	if r == nil {
		return errors.New("report is nil")
	}
	if r.Scenario == nil {
		return errors.New("report has no scenario")
	}
	if len(r.Collectors) == 0 {
		return errors.New("report has no runs")
	}
	switch {
	case r.Stats == nil && r.Runs != len(r.Collectors):
		return fmt.Errorf("report says %d runs but holds %d", r.Runs, len(r.Collectors))
	case r.Stats != nil && r.Stats.Runs != r.Runs:
		return fmt.Errorf("report says %d runs but its statistics cover %d", r.Runs, r.Stats.Runs)
	case r.Stats != nil && (len(r.Collectors) > r.Runs || r.Collectors[0] == nil || r.Collectors[0].run != 0):
		return errors.New("report's kept runs must start with run 0")
	}
	for i, c := range r.Collectors {
		if c == nil {
			return fmt.Errorf("run %d: no collector", i)
		}
		if len(c.snapshots) == 0 {
			return fmt.Errorf("run %d: no turns recorded", i)
		}
	}
	return nil
}

// title is the scenario's display title, falling back to its name.
func (r *Report) title() string {
	switch {
	case r.Scenario.Title != "":
		return r.Scenario.Title
	case r.Scenario.Name != "":
		return r.Scenario.Name
	default:
		return r.Name
	}
}

// poleSide says which pole agent id embodies: -1, +1, or 0 for none.
func poleSide(sc *sim.Scenario, id string) int {
	for _, p := range sc.Axis.NegativePoles {
		if p == id {
			return -1
		}
	}
	for _, p := range sc.Axis.PositivePoles {
		if p == id {
			return 1
		}
	}
	return 0
}

// focal is the agent the report follows: the scenario's focal agent or,
// for a scenario that names none, the first agent that is not a pole.
func (r *Report) focal() string {
	if r.Scenario.Focal != "" {
		return r.Scenario.Focal
	}
	ids := r.agentIDs()
	for _, id := range ids {
		if poleSide(r.Scenario, id) == 0 {
			return id
		}
	}
	if len(ids) > 0 {
		return ids[0]
	}
	return ""
}

// agentIDs returns the agents in the order the first snapshot of run 0
// lists them, which is the scenario's agent order.
func (r *Report) agentIDs() []string {
	s := &r.Collectors[0].snapshots[0]
	ids := make([]string, len(s.Agents))
	for i := range s.Agents {
		ids[i] = s.Agents[i].ID
	}
	return ids
}

// stats returns the statistics across runs: r.Stats, or else those of
// the Collectors, computed once. Computed ones are exact whatever the
// number of runs, since every value is in memory anyway.
func (r *Report) stats() (*ensemble.Stats, error) {
	if r.Stats != nil {
		return r.Stats, nil
	}
	if r.summarised != nil {
		return r.summarised, nil
	}
	runs := make([]ensemble.FullRun, len(r.Collectors))
	for i, c := range r.Collectors {
		runs[i] = ensemble.FullRun{Snapshots: c.snapshots, Decisions: c.decisions}
	}
	st, err := ensemble.Summarise(runs, ensemble.Options{ExactRuns: max(5, len(runs))})
	if err != nil {
		return nil, err
	}
	r.summarised = st
	return st, nil
}

// keptRuns lists the run numbers of the Collectors.
func (r *Report) keptRuns() []int {
	out := make([]int, len(r.Collectors))
	for i, c := range r.Collectors {
		out[i] = c.run
	}
	return out
}
