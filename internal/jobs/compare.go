package jobs

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"caspian/ensemble"
	"caspian/output"
	"caspian/scenarios"
	"caspian/sim"
)

// Compare is the job of running several scenarios with the same random
// draws and comparing the focal state of the first, the baseline, with
// each of the others: what 'sim compare' does.
type Compare struct {
	// Scenarios are files or built-in names, the baseline first; Sets
	// apply to every one, within Limits.
	Scenarios []string
	// Sources, if set, are the scenarios' files' contents, one for each
	// of Scenarios, which are then only names for messages: so that a
	// front end can run built-in or uploaded scenarios without reading a
	// file a request names.
	Sources [][]byte
	Sets    []scenarios.Set
	Limits  Limits
	Seed    uint64
	Runs    int
	Workers int
	// Dates are the dates compared besides the end, as ParseDates reads
	// them.
	Dates []string
	// Out is the folder; "" means out/compare- and the scenarios' names.
	Out     string
	Format  string
	Version string
}

// CompareJob is a Compare whose scenarios are open and agree on the
// focal state, with its dates placed on each calendar and its folder
// chosen and checked.
type CompareJob struct {
	Compare
	S     []Scenario
	turns [][]int
}

// CompareResult is what a comparison saved.
type CompareResult struct {
	Comparison *output.Comparison
	Files      []string
}

// ParseDates reads a comma-separated list of dates, such as
// "2008,2014-Q3", skipping empty items.
func ParseDates(s string) ([]string, error) {
	var out []string
	for _, d := range strings.Split(s, ",") {
		d = strings.TrimSpace(d)
		if d == "" {
			continue
		}
		if _, err := sim.ParseDate(d); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, nil
}

// Open opens every scenario and settles the output folder, failing
// before anything is run.
func (c Compare) Open() (*CompareJob, error) {
	if c.Sources != nil && len(c.Sources) != len(c.Scenarios) {
		return nil, fmt.Errorf("%d scenarios but %d sources", len(c.Scenarios), len(c.Sources))
	}
	var scs []Scenario
	for i, arg := range c.Scenarios {
		s, err := Open(arg, c.Sets, c.Limits)
		if c.Sources != nil {
			s, err = OpenSource(arg, c.Sources[i], c.Sets, c.Limits)
		}
		if err != nil {
			return nil, err
		}
		scs = append(scs, s)
	}
	turns, err := comparedTurns(scs, c.Dates)
	if err != nil {
		return nil, err
	}
	if c.Out == "" {
		c.Out = compareOut(scs)
	}
	if err := CheckOut(c.Out); err != nil {
		return nil, err
	}
	return &CompareJob{Compare: c, S: scs, turns: turns}, nil
}

// comparedTurns checks that every scenario has the baseline's focal
// state and resolves the dates on each one's calendar.
func comparedTurns(scs []Scenario, dates []string) ([][]int, error) {
	base := scs[0]
	turns := make([][]int, len(scs))
	for k, s := range scs {
		if s.Sc.Agent(base.Sc.Focal) == nil {
			return nil, fmt.Errorf("%s has no agent %q, the focal state of %s, so they cannot be compared", s.Name, base.Sc.Focal, base.Name)
		}
		var err error
		if turns[k], err = turnsAt(s.Sc, s.Name, dates); err != nil {
			return nil, err
		}
	}
	return turns, nil
}

// turnsAt resolves the dates to snapshot indices of sc, the last turn
// included, without repeats.
func turnsAt(sc *sim.Scenario, name string, dates []string) ([]int, error) {
	cal := sc.Calendar
	n := cal.Turns()
	var out []int
	for _, d := range dates {
		date, _ := sim.ParseDate(d)
		t := cal.TurnOf(date)
		if t < 0 || t >= n {
			return nil, fmt.Errorf("--at %s: %s runs from %s to %s", d, name, cal.Label(0), cal.Label(n-1))
		}
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	if !slices.Contains(out, n-1) {
		out = append(out, n-1)
	}
	return out, nil
}

// compareOut is the default folder of a comparison: out/compare- and
// the scenarios' names.
func compareOut(scs []Scenario) string {
	var parts []string
	for _, s := range scs {
		parts = append(parts, OutName(s.Arg, s.Name, s.Sc))
	}
	return filepath.Join("out", "compare-"+strings.Join(parts, "-"))
}

// Total is the number of runs the comparison makes, for a progress bar.
func (j *CompareJob) Total() int { return j.Runs * len(j.S) }

// Plan is what the comparison is about to do, for a front end's
// progress.
func (j *CompareJob) Plan() Plan {
	return Plan{Title: "Comparing", Runs: j.Total(), Todo: j.Total(),
		Say: fmt.Sprintf("Running %d scenarios %d times each on %d cores; this may take a while...", len(j.S), j.Runs, min(j.Workers, j.Runs))}
}

// Do runs every scenario's ensemble with the same seeds, telling
// progress the runs done across all of them, computes the comparison and
// saves it in j.Out. A cancelled ctx returns an error Interrupted
// recognises and saves nothing.
func (j *CompareJob) Do(ctx context.Context, progress func(done int)) (*CompareResult, error) {
	c := &output.Comparison{Agent: j.S[0].Sc.Focal, Seed: j.Seed, Runs: j.Runs, Version: j.Version, Format: j.Format,
		Dates: j.Dates, Overrides: Overrides(j.Sets), Reps: ensemble.ComparisonReps}
	for k, s := range j.S {
		track := ensemble.ComparedTracks(c.Agent, output.ComparedMetrics(), j.turns[k])
		st, err := ensemble.Run(ctx, s.Sc, ensemble.Options{Seed: j.Seed, Runs: j.Runs, Workers: j.Workers, Track: track,
			Progress: offset(progress, k*j.Runs)})
		if Interrupted(err) {
			return nil, err
		}
		if err != nil {
			return nil, RunFailed(s.Name, err, Existing(j.Out))
		}
		c.Scenarios = append(c.Scenarios, output.Compared{Name: s.Name, SHA256: s.SHA, Scenario: s.Sc, Stats: st})
	}
	arms := make([]ensemble.Arm, len(c.Scenarios))
	for k, s := range c.Scenarios {
		arms[k] = ensemble.Arm{Name: s.Name, Stats: s.Stats, Turns: j.turns[k]}
	}
	rows := ensemble.Comparison{Arms: arms, Agent: c.Agent, Metrics: output.ComparedMetrics(), Seed: j.Seed, Reps: ensemble.ComparisonReps}
	c.Rows = rows.Rows()
	files, err := output.WriteFiles(j.Out, output.ComparisonFiles(c))
	if err != nil {
		return nil, fmt.Errorf("could not save the comparison, and %s was left as it was: %w", j.Out, err)
	}
	return &CompareResult{Comparison: c, Files: files}, nil
}

// offset counts the runs of one of several ensembles on from base, so
// that one progress callback sees them all; nil stays nil.
func offset(progress func(int), base int) func(int) {
	if progress == nil {
		return nil
	}
	return func(n int) { progress(base + n) }
}
