package jobs

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"caspian/internal/journal"
	"caspian/output"
	"caspian/scenarios"
	"caspian/sim"
	"caspian/sweep"
)

// Sweep is a sweep as asked for: a design over a scenario's values, run
// Runs times at every point, or one shard of it.
type Sweep struct {
	// Arg is the scenario's file or built-in name, Sets the overrides
	// that apply at every point, Limits the limits it is opened within.
	Arg    string
	Sets   []scenarios.Set
	Limits Limits
	Design *sweep.Design
	// Seed, Runs and Workers are as for an ensemble; Metric is the
	// focal state's metric the plots show, Format the plots' format.
	Seed          uint64
	Runs, Workers int
	Metric        string
	Format        string
	// Out is the output folder, "" for the default under out/.
	Out string
	// Shard of Shards is the part of the points to run; Shards 0 runs
	// every point.
	Shard, Shards int
	// Resume finishes the sweep whose work folder is beside Out.
	Resume bool
	// Version is the program's, for the summary and the journal.
	Version string
}

// SweepRun is a sweep being run: the job of its points, the summary it
// will write, and the journal that keeps its finished points, so that a
// sweep stopped half-way loses nothing.
type SweepRun struct {
	o      Sweep
	s      Scenario
	job    *sweep.Job
	sum    *output.SweepSummary
	header *journal.Header
	wd     string
	j      *journal.Journal
	points []int // the sweep's points, or the shard's
	ours   map[int]bool
}

// NewSweep opens the scenario, chooses and checks the output folder, and
// takes up the work of a sweep stopped before if o.Resume asks for it,
// with notes about it on notes. Close the SweepRun when done.
func NewSweep(o Sweep, notes io.Writer) (*SweepRun, error) {
	s, err := Open(o.Arg, o.Sets, o.Limits)
	if err != nil {
		return nil, err
	}
	d := o.Design
	r := &SweepRun{o: o, s: s, points: d.AllPoints(),
		job: &sweep.Job{Design: d, Seed: o.Seed, Runs: o.Runs, Workers: o.Workers}}
	if o.Shards > 0 {
		r.points = d.Shard(o.Shard, o.Shards)
	}
	if r.o.Out == "" {
		r.o.Out = sweepOut(o.Arg, s, o.Shard, o.Shards)
	}
	if err := CheckOut(r.o.Out); err != nil {
		return nil, err
	}
	r.describe()
	if err := r.resume(notes); err != nil {
		r.Close()
		return nil, err
	}
	return r, nil
}

// sweepOut is the default output folder of a sweep of s, or of a shard
// of it.
func sweepOut(arg string, s Scenario, shard, shards int) string {
	out := filepath.Join("out", "sweep-"+OutName(arg, s.Name, s.Sc))
	if shards > 0 {
		out += fmt.Sprintf("-shard-%d-of-%d", shard, shards)
	}
	return out
}

// Out is the folder the sweep is saved in.
func (r *SweepRun) Out() string { return r.o.Out }

// Plan is what the sweep is about to run.
func (r *SweepRun) Plan() Plan {
	todo := len(r.job.Points)
	return Plan{Title: "Sweeping", Runs: r.o.Runs * todo, Todo: r.o.Runs * todo,
		Say: fmt.Sprintf("Running %d points %d times each on %d cores; this may take a while...", todo, r.o.Runs, r.o.Workers)}
}

// Close closes the journal, keeping what it holds.
func (r *SweepRun) Close() {
	if r.j != nil {
		r.j.Close()
	}
}

// describe makes the sweep's summary and the header of its journal:
// everything that decides its rows.
func (r *SweepRun) describe() {
	d, o := r.job.Design, r.o
	r.sum = r.job.Summary(r.s.Sc, output.SweepSummary{Scenario: r.s.Name, SHA256: r.s.SHA, Version: o.Version,
		Overrides: strs(o.Sets), Metric: o.Metric, Format: o.Format})
	if o.Shards > 0 {
		r.sum.Shard = fmt.Sprintf("%d/%d", o.Shard, o.Shards)
		r.sum.ShardPoints = r.points
		if len(r.points) == 0 {
			r.sum.ShardPoints = []int{}
		}
	}
	r.header = &journal.Header{Format: journal.Format, Scenario: r.s.Name, SHA256: r.sum.SHA256, Version: r.sum.Version,
		Seed: o.Seed, Design: d.Kind, Params: r.sum.Params, Points: len(d.Points), RunsPerPoint: o.Runs,
		Overrides: strs(o.Sets), Shard: r.sum.Shard, Header: output.SweepHeader(d.Paths()), Values: d.Points}
	if r.header.Overrides == nil {
		r.header.Overrides = []string{}
	}
	r.ours = make(map[int]bool, len(r.points))
	for _, k := range r.points {
		r.ours[k] = true
	}
}

// valid checks a point read back from the journal.
func (r *SweepRun) valid(en journal.Entry) error {
	if !r.ours[en.Point] {
		return fmt.Errorf("point %d is not one of this sweep's", en.Point)
	}
	return r.job.Design.CheckRows(en.Point, en.Rows, len(r.s.Sc.Agents))
}

// resume opens the journal of a sweep that was stopped before, if there
// is one, and leaves the job only the points it had not finished.
func (r *SweepRun) resume(notes io.Writer) error {
	r.wd = journal.WorkDir(r.o.Out)
	var err error
	r.j, err = resumeWork(notes, work{out: r.o.Out, what: "sweep", fresh: "the sweep starts from its first point",
		header: r.header, valid: r.valid, resume: r.o.Resume,
		done: func(wd string) string { return unfinished(wd, len(r.points)) }})
	if err != nil {
		return err
	}
	r.job.Points = nil
	for _, k := range r.points {
		if r.j == nil || r.j.Rows(k) == nil {
			r.job.Points = append(r.job.Points, k)
		}
	}
	if r.j != nil {
		fmt.Fprintf(notes, "Resuming: %d of %d points were finished before; running the other %d.\n",
			len(r.points)-len(r.job.Points), len(r.points), len(r.job.Points))
	}
	return nil
}

// Check checks every point left before anything runs, as a scenario
// file is checked, and starts the journal. With many points that takes
// a while, so ctx stops it; the scenarios are opened again as their
// points run, so that memory does not grow with the number of points.
func (r *SweepRun) Check(ctx context.Context) error {
	d, l, o := r.job.Design, r.o.Limits, r.o
	r.job.Open = func(k int) (*sim.Scenario, error) {
		sets := append(slices.Clone(o.Sets), d.Sets(k)...)
		sc, _, _, err := scenarios.OpenWith(o.Arg, scenarios.Options{Limits: l.Scenario, Sets: sets})
		if err != nil {
			return nil, ScenarioError(r.s.Name, err)
		}
		return sc, nil
	}
	for _, k := range r.job.Points {
		if err := ctx.Err(); err != nil {
			return err
		}
		if _, err := r.job.Open(k); err != nil {
			return fmt.Errorf("%s: %w", d.Describe(k), err)
		}
	}
	if r.j == nil {
		var err error
		if r.j, _, err = journal.Open(r.wd, "sweep", r.header, r.valid); err != nil {
			return err
		}
	}
	return nil
}

// SweepResult is a saved sweep, for the summary a front end shows.
type SweepResult struct {
	Summary *output.SweepSummary
	Table   *output.SweepTable
	// Files are the files saved in Out.
	Files []string
	Out   string
	// Runs and Seed are as asked; Points counts the points saved and
	// Shard, Shards are as asked.
	Runs          int
	Seed          uint64
	Points        int
	Shard, Shards int
}

// Run runs the points left, telling progress the runs finished so far
// and keeping each point in the journal as it finishes, and saves the
// sweep. A sweep that ctx stops returns a *Kept; one that fails keeps
// its finished points for --resume, unless the engine itself failed,
// which the same point would do again.
func (r *SweepRun) Run(ctx context.Context, progress func(runs int), notes io.Writer) (*SweepResult, error) {
	todo := r.job.Points
	r.job.Progress, r.job.Done = progress, r.j.Add
	err := r.job.Run(ctx)
	kept := func() string {
		n := len(r.points) - len(todo) + countDone(r.j, todo)
		return fmt.Sprintf("%d of %d points are kept in %s", n, len(r.points), r.wd)
	}
	if Interrupted(err) {
		r.j.Close()
		return nil, &Kept{What: kept(), Then: "run the same command with --resume to finish the sweep", Out: r.o.Out, Err: err}
	}
	var fault *sim.FaultError
	if errors.As(err, &fault) {
		// The same point would fail the same way on --resume: the sweep
		// cannot be finished as it is, so its work folder goes too.
		r.j.Remove()
		return nil, RunFailed(r.s.Name, err, Existing(r.o.Out))
	}
	if err != nil {
		return nil, fmt.Errorf("%w\n(%s; --resume runs the rest)", RunFailed(r.s.Name, err, Existing(r.o.Out)), kept())
	}
	return r.save(notes)
}

// save writes the sweep from the journal, which holds every point now,
// and removes the journal.
func (r *SweepRun) save(notes io.Writer) (*SweepResult, error) {
	o := r.o
	table := &output.SweepTable{Header: r.header.Header}
	for _, k := range r.points {
		table.Rows = append(table.Rows, r.j.Rows(k)...)
	}
	files, err := output.WriteFiles(o.Out, output.SweepFiles(r.sum, table))
	if err != nil {
		return nil, fmt.Errorf("could not save the sweep, and %s was left as it was: %w\n(every point is kept in %s: fix the problem and run the same command with --resume to write it)", o.Out, err, r.wd)
	}
	if err := r.j.Remove(); err != nil {
		fmt.Fprintf(notes, "sim: note: the sweep is saved, but its work folder %s could not be removed: %v\n", r.wd, err)
	}
	return &SweepResult{Summary: r.sum, Table: table, Files: files, Out: o.Out, Runs: o.Runs, Seed: o.Seed,
		Points: len(r.points), Shard: o.Shard, Shards: o.Shards}, nil
}

// Write tells what the sweep saved and where, what each file holds, and
// how far the focal state moves over the sweep, or, for
// a shard, how to join the shards.
func (s *SweepResult) Write(w io.Writer) {
	what := fmt.Sprintf("%d points", s.Summary.Points)
	if s.Shards > 0 {
		what = fmt.Sprintf("shard %d/%d: %d of %d points", s.Shard, s.Shards, s.Points, s.Summary.Points)
	}
	fmt.Fprintf(w, "Swept %s (%s, %s each, seed %d) and saved %d files in %s:\n",
		s.Summary.Scenario, what, output.Plural(s.Runs, "run"), s.Seed, len(s.Files), s.Out)
	output.WriteFileList(w, s.Files, output.SweepFileNotes())
	if s.Shards > 0 {
		fmt.Fprintf(w, "\nWhen every shard is done, join them with: sim merge DIR... --out DIR\n")
		return
	}
	output.WriteSweepRange(w, s.Summary, s.Table)
}

// unfinished describes the journal in dir for a message: " (7 of 20
// points finished)", or "" if it cannot be read.
func unfinished(dir string, points int) string {
	data, err := os.ReadFile(filepath.Join(dir, journal.FileName))
	if err != nil {
		return ""
	}
	n := bytes.Count(data, []byte("\n")) - 1
	if n < 0 {
		return ""
	}
	return fmt.Sprintf(" (%d of %d points finished)", min(n, points), points)
}

// countDone counts the points of todo the journal has.
func countDone(j *journal.Journal, todo []int) int {
	n := 0
	for _, k := range todo {
		if j.Rows(k) != nil {
			n++
		}
	}
	return n
}

// SweepDesign makes a design of kind grid (every combination of the
// params' levels) or lhs (a Latin hypercube of points points, 10 per
// parameter if 0, drawn with seed), of at most limit points. A design
// that cannot be made as asked is a *UsageError.
func SweepDesign(kind string, params []sweep.Param, points int, seed uint64, limit int) (*sweep.Design, error) {
	var d *sweep.Design
	var err error
	if kind == "grid" {
		d, err = sweep.GridWithin(params, limit)
	} else {
		if points == 0 {
			points = 10 * len(params)
		}
		d, err = sweep.LHSWithin(params, points, seed, limit)
	}
	var many *sweep.TooManyPoints
	switch {
	case errors.As(err, &many) && many.Points > 0:
		return nil, usagef("the sweep has %d points, more than the limit of %d (raise it with --limit points=%d)", many.Points, many.Limit, many.Points)
	case errors.As(err, &many):
		return nil, usagef("the sweep has more points than can be counted; the limit is %d", many.Limit)
	case err != nil:
		return nil, usagef("%v", err)
	}
	return d, nil
}
