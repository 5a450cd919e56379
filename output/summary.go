package output

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"

	"caspian/ensemble"
	"caspian/sim"
)

// summary is the layout of summary.json. Slices, not maps, hold anything
// whose order matters, so the bytes are the same from run to run.
type summary struct {
	Scenario     string         `json:"scenario"`
	ScenarioName string         `json:"scenario_name"`
	Title        string         `json:"title"`
	SHA256       string         `json:"sha256"`
	Version      string         `json:"version"`
	Seed         uint64         `json:"seed"`
	Runs         int            `json:"runs"`
	Turns        int            `json:"turns"`
	Step         string         `json:"step"`
	Start        string         `json:"start"`
	End          string         `json:"end"`
	Focal        string         `json:"focal"`
	FocalName    string         `json:"focal_name"`
	Axis         axisSummary    `json:"axis"`
	Statistics   string         `json:"statistics"`
	Agents       []agentSummary `json:"agents"`
	FocalActions []actionCount  `json:"focal_actions"`
	// ActionCounts are every actor's actions over all runs.
	ActionCounts []actorActions `json:"action_counts"`
	KeyEvents    []keyEvent     `json:"key_events"`
	// Overrides are the --set overrides applied to the scenario.
	Overrides []string `json:"overrides,omitempty"`
	// KeptRuns are the runs timeseries.csv and events.csv hold.
	KeptRuns []int `json:"kept_runs"`
	// SeedRule says how RunSeeds derive from Seed.
	SeedRule string `json:"seed_rule"`
	// RunSeeds are the two PCG words of every run, in hexadecimal.
	RunSeeds []string `json:"run_seeds"`
}

// actorActions are one actor's action counts.
type actorActions struct {
	Actor   string        `json:"actor"`
	Actions []actionCount `json:"actions"`
}

type axisSummary struct {
	NegativeLabel string   `json:"negative_label"`
	PositiveLabel string   `json:"positive_label"`
	NegativePoles []string `json:"negative_poles"`
	PositivePoles []string `json:"positive_poles"`
}

// agentSummary is one agent's start and final state across runs.
type agentSummary struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Pole is "negative" or "positive" for the agents that embody a pole.
	Pole string `json:"pole,omitempty"`
	// AlignmentStart and AlignmentEnd are means across runs at the first
	// and last turn.
	AlignmentStart num        `json:"alignment_start"`
	AlignmentEnd   num        `json:"alignment_end"`
	Final          finalState `json:"final"`
}

// finalState holds statistics across runs at the last turn.
type finalState struct {
	Alignment stats `json:"alignment"`
	Security  stats `json:"security"`
	Energy    stats `json:"energy"`
	Revenue   stats `json:"revenue"`
}

// actionCount counts the focal agent's decisions of one kind over all runs.
type actionCount struct {
	Action string `json:"action"`
	Count  int    `json:"count"`
	PerRun num    `json:"per_run"`
	// ByTarget says toward whom (or what) the action was taken.
	ByTarget  []tally `json:"by_target"`
	ByOutcome []tally `json:"by_outcome"`
	BySource  []tally `json:"by_source"`
}

// tally is one named count.
type tally struct {
	Name  string `json:"name"`
	Count int    `json:"count"`
}

// keyEvent is a Decision marked Key, as the plots show it.
type keyEvent struct {
	Number int    `json:"number"`
	Turn   int    `json:"turn"`
	Time   string `json:"time"`
	Actor  string `json:"actor,omitempty"`
	Action string `json:"action"`
	Target string `json:"target,omitempty"`
	Label  string `json:"label"`
	// Plotted is false for key events left unlabelled to keep the plots
	// readable.
	Plotted bool `json:"plotted"`
}

// WriteSummary writes summary.json: the run's identity (scenario, digest,
// seed, runs, version) and statistics across runs. It holds no timestamp
// and no worker count, so the same inputs give the same bytes.
func WriteSummary(w io.Writer, r *Report) error {
	if err := r.validate(); err != nil {
		return fmt.Errorf("summary: %w", err)
	}
	if _, err := r.stats(); err != nil {
		return fmt.Errorf("summary: %w", err)
	}
	b, err := json.MarshalIndent(buildSummary(r), "", "  ")
	if err != nil {
		return fmt.Errorf("summary: %w", err)
	}
	b = append(b, '\n')
	if _, err := w.Write(b); err != nil {
		return fmt.Errorf("summary: %w", err)
	}
	return nil
}

func buildSummary(r *Report) summary {
	sc := r.Scenario
	first := r.Collectors[0].snapshots
	neg, pos := sc.Axis.Labels()
	st, err := r.stats()
	if err != nil {
		panic(err) // validated by WriteSummary
	}
	s := summary{
		Scenario:     r.Name,
		ScenarioName: sc.Name,
		Title:        r.title(),
		SHA256:       r.SHA256,
		Version:      r.Version,
		Seed:         r.Seed,
		Runs:         r.Runs,
		Turns:        len(first),
		Step:         string(sc.Calendar.Step),
		Start:        first[0].Label,
		End:          first[len(first)-1].Label,
		Focal:        r.focal(),
		FocalName:    sc.AgentName(r.focal()),
		Axis: axisSummary{
			NegativeLabel: neg,
			PositiveLabel: pos,
			NegativePoles: nonNil(sc.Axis.NegativePoles),
			PositivePoles: nonNil(sc.Axis.PositivePoles),
		},
		Statistics:   statisticsNote(st),
		FocalActions: countActions(st, r.focal()),
		KeyEvents:    keyEventList(r),
		Overrides:    r.Overrides,
		KeptRuns:     r.keptRuns(),
		SeedRule:     "run i draws from the PCG stream whose two words, in hexadecimal, are run_seeds[i]; they mix the master seed and i by SplitMix64 (sim.RunSeed)",
		RunSeeds:     runSeeds(r.Seed, r.Runs),
	}
	actors := map[string]bool{}
	for _, a := range st.Actions {
		actors[a.Actor] = true
	}
	s.ActionCounts = []actorActions{}
	for _, id := range sortedKeys(actors) {
		s.ActionCounts = append(s.ActionCounts, actorActions{Actor: id, Actions: countActions(st, id)})
	}
	for _, id := range r.agentIDs() {
		s.Agents = append(s.Agents, summariseAgent(r, st, id))
	}
	return s
}

// statisticsNote says how the statistics were computed.
func statisticsNote(st *ensemble.Stats) string {
	s := "final: across runs at the last turn; sd: sample standard deviation (n-1), null for one run; quantiles: " + quantileMethod
	if !st.Exact() {
		s += fmt.Sprintf(", exact up to %d runs; with more runs the quantiles are P² estimates (Jain and Chlamtac 1985), within about 0.01 of their rank, and the mean and sd are running (Welford) sums", st.ExactRuns)
	}
	return s
}

// runSeeds lists the seeds of runs 0..n-1.
func runSeeds(seed uint64, n int) []string {
	out := make([]string, n)
	for i := range out {
		a, b := sim.RunSeed(seed, i)
		out[i] = fmt.Sprintf("%016x:%016x", a, b)
	}
	return out
}

// nonNil makes an absent list encode as [] rather than null.
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func summariseAgent(r *Report, st *ensemble.Stats, id string) agentSummary {
	a := agentSummary{ID: id, Name: r.Scenario.AgentName(id)}
	switch poleSide(r.Scenario, id) {
	case -1:
		a.Pole = "negative"
	case 1:
		a.Pole = "positive"
	}
	last := len(st.Calendar) - 1
	at := func(turn int, metric string) stats {
		c, ok := st.At(turn, id, metric)
		if !ok {
			return fromSummary(ensemble.Describe(nil))
		}
		return fromSummary(c)
	}
	end := at(last, "alignment")
	a.AlignmentStart = at(0, "alignment").Mean
	a.AlignmentEnd = end.Mean
	a.Final = finalState{
		Alignment: end,
		Security:  at(last, "security"),
		Energy:    at(last, "energy"),
		Revenue:   at(last, "revenue"),
	}
	return a
}

// countActions tallies the decisions whose actor is id, by action kind,
// over all runs.
func countActions(st *ensemble.Stats, id string) []actionCount {
	byAction := map[string]*actionCount{}
	outcomes := map[string]map[string]int{}
	sources := map[string]map[string]int{}
	targets := map[string]map[string]int{}
	for _, d := range st.Actions {
		if d.Actor != id {
			continue
		}
		ac := byAction[d.Action]
		if ac == nil {
			ac = &actionCount{Action: d.Action}
			byAction[d.Action] = ac
			outcomes[d.Action] = map[string]int{}
			sources[d.Action] = map[string]int{}
			targets[d.Action] = map[string]int{}
		}
		ac.Count += d.Count
		outcomes[d.Action][string(d.Outcome)] += d.Count
		sources[d.Action][string(d.Source)] += d.Count
		if d.Target != "" {
			targets[d.Action][d.Target] += d.Count
		}
	}
	out := make([]actionCount, 0, len(byAction))
	for _, name := range sortedKeys(byAction) {
		ac := *byAction[name]
		ac.PerRun = num(float64(ac.Count) / float64(st.Runs))
		ac.ByTarget = tallies(targets[name])
		ac.ByOutcome = tallies(outcomes[name])
		ac.BySource = tallies(sources[name])
		out = append(out, ac)
	}
	return out
}

// tallies turns a count map into a list sorted by name.
func tallies(m map[string]int) []tally {
	out := make([]tally, 0, len(m))
	for _, k := range sortedKeys(m) {
		out = append(out, tally{Name: k, Count: m[k]})
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// keyEventList lists run 0's key events with the numbers the plots use.
func keyEventList(r *Report) []keyEvent {
	out := []keyEvent{}
	for _, m := range keyMarkers(r) {
		d := m.d
		out = append(out, keyEvent{
			Number: m.number, Turn: d.Turn, Time: d.Label,
			Actor: d.Actor, Action: d.Action, Target: d.Target, Label: m.label, Plotted: m.shown,
		})
	}
	return out
}
