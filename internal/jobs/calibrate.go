package jobs

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"caspian/calibrate"
	"caspian/internal/journal"
	"caspian/output"
	"caspian/scenarios"
	"caspian/sim"
	"caspian/study"
	"caspian/sweep"
	"caspian/validation"
)

// Calibrate is a calibration as asked for: which values to fit, within
// which ranges, to the patterns ending by Until, tested on those ending
// by TestUntil.
type Calibrate struct {
	// Arg is the scenario's file or built-in name, Sets the overrides
	// that apply to every candidate, Limits the limits it is opened
	// within.
	Arg    string
	Sets   []scenarios.Set
	Limits Limits
	// Params are the values to fit, each within its range; Observed a
	// file of observed series to fit as well, or "".
	Params           []sweep.Param
	Observed         string
	Until, TestUntil sim.Date
	// Budget is the most candidates the search tries.
	Budget int
	// Seed, Runs and Workers are as for an ensemble, Format the plot's.
	Seed          uint64
	Runs, Workers int
	Format        string
	// Out is the output folder, "" for the default under out/.
	Out string
	// Resume goes on with the search whose work folder is beside Out.
	Resume bool
	// Version is the program's, for the summary and the journal.
	Version string
}

// DefaultBudget is the most candidates a search of params values tries
// when not told: enough for the simplex to move each value several
// times.
func DefaultBudget(params int) int { return max(30, 15*params) }

// FitWindow reads --until and --test-until, either "" for the end of the
// record: the fit sees the patterns that end by until, the test those
// that end after it and by testUntil. Nothing after the record's end
// (validation.DefaultUntil) is ever fitted or tested, so that later
// years stay free to judge the model. A window that cannot be is a
// *UsageError.
func FitWindow(until, testUntil string) (sim.Date, sim.Date, error) {
	u, t := validation.DefaultUntil, validation.DefaultUntil
	var err error
	if until != "" {
		if u, err = endOf(until); err != nil {
			return u, t, usagef("--until %v", err)
		}
	}
	if testUntil != "" {
		if t, err = endOf(testUntil); err != nil {
			return u, t, usagef("--test-until %v", err)
		}
	}
	switch {
	case validation.DefaultUntil.Before(u) || validation.DefaultUntil.Before(t):
		return u, t, usagef("--until and --test-until end by %s: later years are kept out of every fit", validation.DefaultUntil)
	case t.Before(u):
		return u, t, usagef("--test-until (%s) comes before --until (%s)", t, u)
	}
	return u, t, nil
}

// endOf reads a date that ends a period: a year alone means its last
// month, as in "fit to 2005, test on 2006-2013".
func endOf(s string) (sim.Date, error) {
	d, err := sim.ParseDate(s)
	if err == nil && len(strings.TrimSpace(s)) == 4 {
		d.Month = 12
	}
	return d, err
}

// CalibrationRun is a calibration ready to run: its record read, its
// start found, its output folder checked and its journal open.
type CalibrationRun struct {
	o   Calibrate
	c   *study.Calibration
	j   *journal.Journal
	out string
}

// NewCalibration opens the scenario, reads the record, finds where each
// value starts (saying on notes where that is not the scenario's own
// value) and opens the journal, taking up the candidates of a search
// stopped before if o.Resume asks for it: every problem is found before
// anything runs. Close the run when done.
func NewCalibration(o Calibrate, notes io.Writer) (*CalibrationRun, error) {
	c, out, err := newCalibration(o, notes)
	if err != nil {
		return nil, err
	}
	j, err := openWork(notes, work{out: out, what: "calibration", fresh: "it starts from the beginning",
		header: c.JournalHeader(), valid: c.ValidEntry, resume: o.Resume})
	if err != nil {
		return nil, err
	}
	if n := len(j.Finished()); n > 0 {
		fmt.Fprintf(notes, "Resuming: %d candidates were tried before; the search goes on from there.\n", n)
	}
	return &CalibrationRun{o: o, c: c, j: j, out: out}, nil
}

// newCalibration opens the scenario, reads the record and finds where
// each value starts; every problem is found before anything runs. It
// returns the calibration and the folder it is saved in.
func newCalibration(o Calibrate, notes io.Writer) (*study.Calibration, string, error) {
	l := o.Limits
	s, err := Open(o.Arg, o.Sets, l)
	if err != nil {
		return nil, "", err
	}
	c := &study.Calibration{Scenario: s.Name, Title: s.Sc.Title, SHA256: s.SHA, Version: o.Version, Overrides: strs(o.Sets),
		Observed: o.Observed, Params: o.Params, Until: o.Until, TestUntil: o.TestUntil,
		Runs: o.Runs, Budget: o.Budget, Workers: o.Workers, Seed: o.Seed, Format: o.Format,
		Open: func(x []float64) (*sim.Scenario, error) { return openPoint(s, l, o.Params, x, o.Sets) }}
	if o.Observed != "" {
		if c.Extra, err = ReadObserved(o.Observed); err != nil {
			return nil, "", err
		}
	}
	starts, err := study.FindStarts(o.Params, s.Sc, s.Data, o.Sets)
	for _, st := range starts {
		noteStart(notes, s.Name, st)
		c.Start = append(c.Start, st.Value)
	}
	if err != nil {
		return nil, "", usagef("--param %v", err)
	}
	if c.Split, err = calibrate.NewSplit(s.Sc, c.Extra, o.Until, o.TestUntil); err != nil {
		return nil, "", fmt.Errorf("%s: %w (the patterns are the [[patterns]] of the scenario and those of --observed)", s.Name, err)
	}
	if err := study.CheckCorners(study.BoxOf(o.Params), c.Open); err != nil {
		return nil, "", fmt.Errorf("a --param range is outside what the scenario allows: %w", err)
	}
	out := o.Out
	if out == "" {
		out = filepath.Join("out", "calibrate-"+OutName(o.Arg, s.Name, s.Sc))
	}
	return c, out, CheckOut(out)
}

// noteStart tells where a value starts if not where the scenario has it,
// since a search started elsewhere than the user expects can end
// elsewhere too.
func noteStart(notes io.Writer, name string, st study.Start) {
	p := st.Param
	switch {
	case st.Unset:
		fmt.Fprintf(notes, "sim: note: %s is not set in %s, so the search starts it at the middle of its range, %s\n", p.Path, name, sweep.Format(st.Value))
	case st.Outside:
		fmt.Fprintf(notes, "sim: note: %s is %s in %s, outside the range %s to %s; the search starts inside it\n",
			p.Path, sweep.Format(st.Value), name, sweep.Format(p.Lo), sweep.Format(p.Hi))
	}
}

// Out is the folder the calibration is saved in.
func (r *CalibrationRun) Out() string { return r.out }

// Close closes the journal, keeping what it holds.
func (r *CalibrationRun) Close() { r.j.Close() }

// Plan is what the calibration is about to run, at most: the search may
// converge before its budget.
func (r *CalibrationRun) Plan() Plan {
	o := r.o
	return Plan{Title: "Calibrating " + r.c.Scenario, Runs: o.Runs * o.Budget, Todo: o.Runs * o.Budget,
		Say: fmt.Sprintf("Trying up to %d candidates of %d runs each on %d cores; this may take a while...", o.Budget, o.Runs, o.Workers)}
}

// CalibrationResult is a finished calibration, saved in Out.
type CalibrationResult struct {
	Trace *output.CalibrationTrace
	// Fitted is where the fit put each value; Converged tells a search
	// that converged from one stopped at the budget.
	Fitted    []float64
	Converged bool
	// Check is the misfit of the start and of the fit on every check.
	Check []output.MisfitRow
	Files []string
	Out   string
	// Scenario, Candidates, Runs and Seed are as run.
	Scenario   string
	Candidates int
	Runs       int
	Seed       uint64
}

// Run searches, telling progress the runs finished so far and keeping
// each candidate in the journal as it is scored, checks the start and
// the fit on other random draws, and saves the calibration. A search
// that ctx stops returns a *Kept; a check that ctx stops returns ctx's
// error, with the candidates still kept; a search that fails keeps its
// candidates for --resume.
func (r *CalibrationRun) Run(ctx context.Context, progress func(runs int), notes io.Writer) (*CalibrationResult, error) {
	c, j, out := r.c, r.j, r.out
	c.Progress = steps(progress)
	res, rows, err := c.Search(ctx, j)
	if Interrupted(err) {
		j.Close()
		return nil, &Kept{What: fmt.Sprintf("%d candidates are kept in %s", len(j.Finished()), j.Dir),
			Then: "run the same command with --resume to go on", Out: out, Err: err}
	}
	if err != nil {
		return nil, fmt.Errorf("%w\n(%d candidates are kept in %s; --resume goes on from there)", RunFailed(c.Scenario, err, Existing(out)), len(j.Finished()), j.Dir)
	}
	ch, err := c.Check(ctx, res)
	if Interrupted(err) {
		return nil, err
	}
	if err != nil {
		return nil, RunFailed(c.Scenario, err, Existing(out))
	}
	t := c.Trace(res, rows)
	names, err := output.WriteFiles(out, c.Files(res, t, ch))
	if err != nil {
		return nil, fmt.Errorf("could not save the calibration, and %s was left as it was: %w\n(every candidate is kept in %s: fix the problem and run the same command with --resume to write it)", out, err, j.Dir)
	}
	if err := j.Remove(); err != nil {
		fmt.Fprintf(notes, "sim: note: the calibration is saved, but its work folder %s could not be removed: %v\n", j.Dir, err)
	}
	return &CalibrationResult{Trace: t, Fitted: res.Best.X, Converged: res.Converged, Check: ch.Rows, Files: names, Out: out,
		Scenario: c.Scenario, Candidates: len(rows), Runs: r.o.Runs, Seed: r.o.Seed}, nil
}

// Write tells what the calibration saved and where, what each file
// holds, where each value went and what the fit gained.
func (s *CalibrationResult) Write(w io.Writer) {
	how := "stopped at the budget"
	if s.Converged {
		how = "converged"
	}
	fmt.Fprintf(w, "Calibrated %s (%d candidates of %s each, seed %d, %s) and saved %d files in %s:\n",
		s.Scenario, s.Candidates, output.Plural(s.Runs, "run"), s.Seed, how, len(s.Files), s.Out)
	output.WriteFileList(w, s.Files, output.CalibrationFileNotes())
	output.WriteCalibrationSummary(w, s.Trace, s.Fitted, s.Check)
}
