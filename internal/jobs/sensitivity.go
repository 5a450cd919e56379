package jobs

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"caspian/internal/journal"
	"caspian/output"
	"caspian/scenarios"
	"caspian/sim"
	"caspian/study"
	"caspian/sweep"
)

// Sensitivity is a sensitivity analysis as asked for: which outputs'
// dependence on which values, by which method.
type Sensitivity struct {
	// Arg is the scenario's file or built-in name, Sets the overrides
	// that apply at every point, Limits the limits it is opened within.
	Arg    string
	Sets   []scenarios.Set
	Limits Limits
	// Params are the values varied, each over its range; Outputs the
	// outputs as written, none for the scenario's defaults; Observed a
	// file of observed series that joins the patterns, or "".
	Params   []sweep.Param
	Outputs  []string
	Observed string
	// Method is morris or sobol, Samples its trajectories or base
	// samples, 0 for the method's default.
	Method  string
	Samples int
	// Seed, Runs and Workers are as for an ensemble, Format the plot's.
	Seed          uint64
	Runs, Workers int
	Format        string
	// Out is the output folder, "" for the default under out/; Shard
	// the part of the points to run, as typed (I/N), or "".
	Out, Shard string
	// Resume finishes the analysis whose work folder is beside Out.
	Resume bool
	// Version is the program's, for the summary and the journal.
	Version string
}

// SensitivityRun is an analysis ready to run: its design drawn, its
// output folder checked and its journal open.
type SensitivityRun struct {
	o   Sensitivity
	a   *study.Analysis
	j   *journal.Journal
	out string
}

// NewSensitivity opens the scenario, reads the outputs, draws the design
// and opens the journal, taking up the points of an analysis stopped
// before if o.Resume asks for it, with notes about it on notes: every
// problem is found before anything runs. Close the run when done.
func NewSensitivity(o Sensitivity, notes io.Writer) (*SensitivityRun, error) {
	a, out, err := newAnalysis(o)
	if err != nil {
		return nil, err
	}
	j, err := openWork(notes, work{out: out, what: "analysis", fresh: "it starts from the beginning",
		header: a.JournalHeader(), valid: a.ValidEntry, resume: o.Resume})
	if err != nil {
		return nil, err
	}
	if n := len(j.Finished()); n > 0 {
		fmt.Fprintf(notes, "Resuming: %d of %d points were finished before.\n", n, a.Mine())
	}
	return &SensitivityRun{o: o, a: a, j: j, out: out}, nil
}

// newAnalysis opens the scenario, reads the outputs and draws the design;
// every problem is found before anything runs. It returns the analysis
// and the folder it is saved in.
func newAnalysis(o Sensitivity) (*study.Analysis, string, error) {
	l := o.Limits
	s, err := Open(o.Arg, o.Sets, l)
	if err != nil {
		return nil, "", err
	}
	a := &study.Analysis{Scenario: s.Name, Title: s.Sc.Title, SHA256: s.SHA, Version: o.Version, Overrides: strs(o.Sets),
		Observed: o.Observed, Params: o.Params, Labels: o.Outputs, Method: o.Method, Samples: o.Samples,
		Runs: o.Runs, Workers: o.Workers, Seed: o.Seed, Shard: o.Shard, Format: o.Format,
		Open: func(x []float64) (*sim.Scenario, error) { return openPoint(s, l, o.Params, x, o.Sets) }}
	var extra []sim.PatternSpec
	if o.Observed != "" {
		if extra, err = ReadObserved(o.Observed); err != nil {
			return nil, "", err
		}
	}
	if len(a.Labels) == 0 {
		a.Labels = study.DefaultOutputs(s.Sc, study.PatternIDs(s.Sc, extra))
	}
	if a.Outputs, err = parseOutputs(a.Labels, s, extra); err != nil {
		return nil, "", err
	}
	if a.Samples == 0 {
		a.Samples = study.DefaultSamples(o.Method)
	}
	if err := a.Design(); err != nil {
		return nil, "", usagef("%v", strings.TrimPrefix(err.Error(), "sensitivity: "))
	}
	if n := len(a.Points); n > l.Points {
		return nil, "", usagef("the design has %d points, more than the limit of %d (raise it with --limit points=%d)", n, l.Points, n)
	}
	out := o.Out
	if out == "" {
		out = filepath.Join("out", "sensitivity-"+OutName(o.Arg, s.Name, s.Sc))
		if o.Shard != "" {
			out += "-shard-" + strings.ReplaceAll(o.Shard, "/", "-of-")
		}
	}
	if err := CheckOut(out); err != nil {
		return nil, "", err
	}
	if err := study.CheckCorners(study.BoxOf(o.Params), a.Open); err != nil {
		return nil, "", fmt.Errorf("a --param range is outside what the scenario allows: %w", err)
	}
	return a, out, nil
}

// parseOutputs reads the outputs labels against the scenario s and its
// patterns with the observed series extra.
func parseOutputs(labels []string, s Scenario, extra []sim.PatternSpec) (*study.Outputs, error) {
	outs, err := study.ParseOutputs(labels, s.Sc, extra)
	var bad *study.OutputError
	switch {
	case errors.As(err, &bad):
		return nil, usagef("--output %v", bad.Err)
	case errors.Is(err, study.ErrNoPatterns):
		return nil, usagef("score, misfit and pattern outputs need [[patterns]]; %s has none (or pass --observed FILE)", s.Name)
	case err != nil:
		return nil, fmt.Errorf("%s: %w", s.Name, err)
	}
	return outs, nil
}

// Out is the folder the analysis is saved in.
func (r *SensitivityRun) Out() string { return r.out }

// Plan is what the analysis is about to run: the bar counts every point
// of this machine's, finished before or not.
func (r *SensitivityRun) Plan() Plan {
	todo := r.a.Todo(r.j)
	return Plan{Title: "Analysing " + r.a.Scenario, Runs: r.o.Runs * r.a.Mine(), Todo: r.o.Runs * todo,
		Say: fmt.Sprintf("Running %d points %d times each on %d cores; this may take a while...", todo, r.o.Runs, r.o.Workers)}
}

// Close closes the journal, keeping what it holds.
func (r *SensitivityRun) Close() { r.j.Close() }

// SensitivityResult is a finished analysis, or a finished shard of one,
// saved in Out.
type SensitivityResult struct {
	Result *output.Sensitivity // nil for a shard
	Files  []string
	Out    string
	// Method, Points, Runs and Seed are as run; Shard as asked.
	Method       string
	Points, Runs int
	Seed         uint64
	Scenario     string
	Shard        string
}

// Run runs the points left, telling progress the runs finished so far
// over all this machine's points and keeping each point in the journal
// as it finishes, and saves the analysis, or a shard's journal for
// merging. An analysis that ctx stops returns a *Kept; one that fails
// keeps its finished points for --resume.
func (r *SensitivityRun) Run(ctx context.Context, progress func(runs int), notes io.Writer) (*SensitivityResult, error) {
	a, j, out := r.a, r.j, r.out
	a.Progress = steps(progress)
	ys, err := a.Run(ctx, j)
	if Interrupted(err) {
		j.Close()
		return nil, &Kept{What: fmt.Sprintf("%d of %d points are kept in %s", len(j.Finished()), a.Mine(), j.Dir),
			Then: "run the same command with --resume to finish", Out: out, Err: err}
	}
	if err != nil {
		return nil, fmt.Errorf("%w\n(%d points are kept in %s; --resume runs the rest)", RunFailed(a.Scenario, err, Existing(out)), len(j.Finished()), j.Dir)
	}
	res := &SensitivityResult{Out: out, Method: r.o.Method, Points: len(a.Points), Runs: r.o.Runs, Seed: r.o.Seed,
		Scenario: a.Scenario, Shard: r.o.Shard}
	if r.o.Shard != "" {
		res.Points = a.Mine()
		res.Files, err = saveShard(notes, j, out)
		return res, err
	}
	if res.Result, err = a.Result(ys); err != nil {
		return nil, err
	}
	if res.Files, err = output.WriteFiles(out, a.Files(res.Result, ys)); err != nil {
		return nil, fmt.Errorf("could not save the analysis, and %s was left as it was: %w\n(every point is kept in %s: fix the problem and run the same command with --resume to write it)", out, err, j.Dir)
	}
	if err := j.Remove(); err != nil {
		fmt.Fprintf(notes, "sim: note: the analysis is saved, but its work folder %s could not be removed: %v\n", j.Dir, err)
	}
	return res, nil
}

// saveShard saves a finished shard's points: its journal, moved into the
// output folder whole.
func saveShard(notes io.Writer, j *journal.Journal, out string) ([]string, error) {
	data, err := os.ReadFile(j.Path)
	if err != nil {
		return nil, err
	}
	files, err := output.WriteFiles(out, []output.File{{Name: ShardJournal, Write: func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	}}})
	if err != nil {
		return nil, fmt.Errorf("could not save the shard, and %s was left as it was: %w\n(every point is kept in %s: run the same command with --resume to write it)", out, err, j.Dir)
	}
	if err := j.Remove(); err != nil {
		fmt.Fprintf(notes, "sim: note: the shard is saved, but its work folder %s could not be removed: %v\n", j.Dir, err)
	}
	return files, nil
}

// Write tells what the analysis saved and where, what each file holds
// and the indices; or, for a shard, how to join the
// shards and finish.
func (s *SensitivityResult) Write(w io.Writer) {
	if s.Shard != "" {
		fmt.Fprintf(w, "Ran shard %s (%d points) and saved %s.\n", s.Shard, s.Points, s.Files[0])
		fmt.Fprintf(w, "When every shard is done, join them with: sim merge DIR... --out DIR\nthen run this command without --shard, with --out DIR --resume, to write the analysis.\n")
		return
	}
	fmt.Fprintf(w, "Analysed %s (%s, %d points of %s each, seed %d) and saved %d files in %s:\n",
		s.Scenario, s.Method, s.Points, output.Plural(s.Runs, "run"), s.Seed, len(s.Files), s.Out)
	output.WriteFileList(w, s.Files, output.SensitivityFileNotes())
	output.WriteSensitivityText(w, s.Result)
}
