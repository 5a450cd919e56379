package jobs

import (
	"context"
	"fmt"
	"path/filepath"

	"caspian/ensemble"
	"caspian/output"
	"caspian/scenarios"
	"caspian/sim"
)

// Run is the job of running a scenario's ensemble and saving its tables,
// plots and summary in a folder: what 'sim run' does.
type Run struct {
	// Scenario is a scenario file or built-in name; Sets are the
	// overrides applied to it, within Limits.
	Scenario string
	// Source, if set, is the scenario file's contents, which are not on
	// disk (a file uploaded to sim serve); Scenario is then the file's
	// name, for messages.
	Source  []byte
	Sets    []scenarios.Set
	Limits  Limits
	Seed    uint64
	Runs    int
	Workers int
	// KeepRuns keeps every run whole for timeseries.csv and events.csv,
	// not only run 0.
	KeepRuns bool
	// Out is the folder; "" means out/ and the scenario's name.
	Out     string
	Format  string
	Version string
}

// RunJob is a Run whose scenario is open and whose folder is chosen and
// checked, so that a front end can show what it is about to run before
// the long part starts.
type RunJob struct {
	Run
	S Scenario
}

// RunResult is what a run saved.
type RunResult struct {
	Report *output.Report
	Files  []string
}

// Open opens the scenario and settles the output folder, failing before
// anything is run on a scenario with problems or a folder sim may not
// replace.
func (r Run) Open() (*RunJob, error) {
	open := Open
	if r.Source != nil {
		open = func(arg string, sets []scenarios.Set, l Limits) (Scenario, error) {
			return OpenSource(arg, r.Source, sets, l)
		}
	}
	s, err := open(r.Scenario, r.Sets, r.Limits)
	if err != nil {
		return nil, err
	}
	if r.Out == "" {
		r.Out = filepath.Join("out", OutName(r.Scenario, s.Name, s.Sc))
	}
	if err := CheckOut(r.Out); err != nil {
		return nil, err
	}
	return &RunJob{Run: r, S: s}, nil
}

// Plan is what the run is about to do, for a front end's progress.
func (j *RunJob) Plan() Plan {
	return Plan{Title: "Running " + j.S.Name, Runs: j.Runs, Todo: j.Runs,
		Say: fmt.Sprintf("Running %s %d times on %d cores; this may take a while...", j.S.Name, j.Runs, min(j.Workers, j.Runs))}
}

// Do runs the ensemble, telling progress the runs done, and saves the
// report in j.Out. A cancelled ctx returns an error Interrupted
// recognises and saves nothing.
func (j *RunJob) Do(ctx context.Context, progress func(done int)) (*RunResult, error) {
	rep, err := j.report(ctx, progress)
	if err != nil {
		return nil, err
	}
	files, err := output.WriteDir(j.Out, rep)
	if err != nil {
		return nil, fmt.Errorf("could not save the results, and %s was left as it was: %w", j.Out, err)
	}
	return &RunResult{Report: rep, Files: files}, nil
}

// report runs the ensemble and gathers what the output files need: the
// statistics of every run and the runs kept in full.
func (j *RunJob) report(ctx context.Context, progress func(int)) (*output.Report, error) {
	sc, name := j.S.Sc, j.S.Name
	kept := 1
	if j.KeepRuns {
		kept = j.Runs
	}
	collectors := make([]*output.Collector, kept)
	st, err := ensemble.Run(ctx, sc, ensemble.Options{
		Seed: j.Seed, Runs: j.Runs, Workers: j.Workers, Progress: progress,
		Keep: func(run int) sim.Recorder {
			if run >= kept {
				return nil
			}
			// Each run writes only its own slot, so no lock is needed.
			collectors[run] = output.NewCollector(sc, run)
			return collectors[run]
		},
	})
	if Interrupted(err) {
		return nil, err
	}
	if err != nil {
		return nil, RunFailed(name, err, Existing(j.Out))
	}
	return &output.Report{
		Scenario:   sc,
		Name:       name,
		SHA256:     j.S.SHA,
		Seed:       j.Seed,
		Runs:       j.Runs,
		Workers:    j.Workers,
		Version:    j.Version,
		Format:     j.Format,
		Collectors: collectors,
		Stats:      st,
		Overrides:  Overrides(j.Sets),
	}, nil
}

// Overrides lists the overrides as typed, for summaries; nil when there
// are none, so that a summary without overrides stays as it always was.
func Overrides(sets []scenarios.Set) []string {
	var out []string
	for _, x := range sets {
		out = append(out, x.String())
	}
	return out
}
