package main

import (
	"bytes"
	"caspian/internal/cli"
	"caspian/internal/jobs"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"

	"caspian/internal/journal"
	"caspian/output"
	"caspian/scenarios"
	"caspian/sim"
	"caspian/sweep"
)

// paramList collects the repeatable --param flag.
type paramList []sweep.Param

func (p *paramList) String() string {
	parts := make([]string, len(*p))
	for i, x := range *p {
		parts[i] = x.String()
	}
	return strings.Join(parts, " ")
}

// Set implements flag.Value.
func (p *paramList) Set(v string) error {
	x, err := sweep.ParseParam(v)
	if err != nil {
		return err
	}
	*p = append(*p, x)
	return nil
}

func (p *paramList) Explains() {}

// sweepOptions are the flags of sim sweep.
type sweepOptions struct {
	batchFlags
	params paramList
	design string
	points int
	metric string
	shard  string
	resume bool
}

func sweepFlags(o *sweepOptions) *flag.FlagSet {
	fs := newFlagSet("sweep")
	fs.Var(&o.params, "param", "sweep the scenario value at `PATH=LO:HI[:N]` (a path as for --set) from LO to HI; N levels on a grid (default 5); repeat for more parameters")
	fs.StringVar(&o.design, "design", "grid", "`DESIGN` of the points: grid (every combination of the levels) or lhs (a Latin hypercube of --points points) (default grid)")
	fs.IntVar(&o.points, "points", 0, "number of points `K` of a Latin hypercube (default 10 per parameter; at most the points limit)")
	o.bind(fs, batchHelp{
		seed:        "random seed `N` of the runs and of a Latin hypercube (default 1)",
		runs:        "run each point `N` times (at most the runs limit), with the same random draws at every point (default 20)",
		runsDefault: 20,
		out:         "save the sweep in folder `DIR` (default: out/sweep- and the scenario's name)",
		set:         setUsage + "; applies to every point",
	})
	fs.StringVar(&o.metric, "metric", "alignment", "the focal state's `METRIC` the heat map shows: alignment, security or energy (default alignment)")
	fs.StringVar(&o.shard, "shard", "", "run only shard `I/N` of the points (0 ≤ I < N), for a cluster; join the shards with 'sim merge'")
	fs.BoolVar(&o.resume, "resume", false, "finish a sweep that was interrupted: run only the points it had not finished, then write what the whole sweep would have written")
	return fs
}

// sweepFileNotes say what each file of a sweep holds.
var sweepFileNotes = [][2]string{
	{"sweep.csv", "every agent's alignment, security and energy at the end, at every point: runs, mean, sd and quantiles"},
	{"summary.json", "the design, the settings and every replicate's seed"},
	{"response", "plot of the focal state's end state against the parameter"},
	{"heatmap", "plot of the focal state's median at the end over the two parameters"},
}

func sweepCommand() *cli.Command {
	return helpText.command("sweep", &cli.Command{
		Sections: []cli.Section{{Title: "Files saved", Items: output.WithPNG(sweepFileNotes)}, limitSection(true, "runs", "points")},
		Flags:    func() *flag.FlagSet { return sweepFlags(new(sweepOptions)) },
		Exec:     execSweep,
	})
}

func execSweep(e *cli.Env, args []string) error {
	var o sweepOptions
	fs := sweepFlags(&o)
	pos, err := cli.ParseArgs("sweep", fs, args)
	if err != nil {
		return err
	}
	arg, err := scenarioArg("sweep", pos, scenarios.Default)
	if err != nil {
		return err
	}
	if len(o.params) == 0 {
		return cli.Usagef("sweep", "name at least one parameter to sweep, e.g. --param agents.AZE.threat_response=-1:1:5")
	}
	if err := o.checkCounts("sweep", fs, 1, ""); err != nil {
		return err
	}
	switch {
	case o.design != "grid" && o.design != "lhs":
		return cli.Usagef("sweep", "--design must be grid or lhs, not %q", o.design)
	case o.design == "grid" && isSet(fs, "points"):
		return cli.Usagef("sweep", "--points is for --design lhs; a grid's size comes from the levels, as in --param path=lo:hi:n")
	case !slices.Contains(sweep.Metrics, o.metric):
		return cli.Usagef("sweep", "--metric must be one of %s, not %q", strings.Join(sweep.Metrics, ", "), o.metric)
	}
	for i, p := range o.params {
		for _, q := range o.params[:i] {
			if p.Path == q.Path {
				return cli.Usagef("sweep", "--param %s is given twice", p.Path)
			}
		}
	}
	if err := o.checkFormat("sweep"); err != nil {
		return err
	}
	shard, shards := 0, 0
	if o.shard != "" {
		if shard, shards, err = sweep.ParseShard(o.shard); err != nil {
			return cli.Usagef("sweep", "--shard %v", err)
		}
	}
	d, err := sweepDesign(&o)
	if err != nil {
		return err
	}
	return runSweep(e, arg, d, shard, shards, o)
}

// sweepDesign makes the design the flags ask for, within the points
// limit.
func sweepDesign(o *sweepOptions) (*sweep.Design, error) {
	var d *sweep.Design
	var err error
	limit := o.limits.get().Points
	if o.design == "grid" {
		d, err = sweep.GridWithin(o.params, limit)
	} else {
		if o.points == 0 {
			o.points = 10 * len(o.params)
		}
		d, err = sweep.LHSWithin(o.params, o.points, o.seed, limit)
	}
	var many *sweep.TooManyPoints
	if errors.As(err, &many) {
		if many.Points > 0 {
			return nil, cli.Usagef("sweep", "the sweep has %d points, more than the limit of %d (raise it with --limit points=%d)", many.Points, many.Limit, many.Points)
		}
		return nil, cli.Usagef("sweep", "the sweep has more points than can be counted; the limit is %d", many.Limit)
	}
	if err != nil {
		return nil, cli.Usagef("sweep", "%v", err)
	}
	return d, nil
}

// sweepRun is a sweep being run: the job of its points, the summary it
// will write, and the journal that keeps its finished points.
type sweepRun struct {
	e      *cli.Env
	o      sweepOptions
	s      jobs.Scenario
	job    *sweep.Job
	sum    *output.SweepSummary
	header *journal.Header
	wd     string
	j      *journal.Journal
	points []int // the sweep's points, or the shard's
	ours   map[int]bool
	shard  int
	shards int
}

// runSweep runs the sweep of design d of the scenario arg, or shard
// shard/shards of it, and saves it.
func runSweep(e *cli.Env, arg string, d *sweep.Design, shard, shards int, o sweepOptions) error {
	l := o.limits.get()
	s, err := jobs.Open(arg, o.sets, l)
	if err != nil {
		return err
	}
	r := &sweepRun{e: e, o: o, s: s, shard: shard, shards: shards, points: d.AllPoints(),
		job: &sweep.Job{Design: d, Seed: o.seed, Runs: o.runs, Workers: o.workers}}
	if shards > 0 {
		r.points = d.Shard(shard, shards)
	}
	if r.o.out == "" {
		r.o.out = sweepOut(arg, s, shard, shards)
	}
	if err := jobs.CheckOut(r.o.out); err != nil {
		return err
	}
	r.describe()
	defer func() {
		if r.j != nil {
			r.j.Close()
		}
	}()
	if err := r.resume(); err != nil {
		return err
	}

	// Every point is checked before anything runs; with many points that
	// takes a while, so a signal is heeded from here on. The scenarios are
	// opened again as their points run, so that memory does not grow with
	// the number of points.
	ctx := cli.Interruptible()
	defer ctx.Stop()
	r.job.Open = func(k int) (*sim.Scenario, error) {
		sets := append(slices.Clone([]scenarios.Set(o.sets)), d.Sets(k)...)
		sc, _, _, err := scenarios.OpenWith(arg, scenarios.Options{Limits: l.Scenario, Sets: sets})
		if err != nil {
			return nil, jobs.ScenarioError(s.Name, err)
		}
		return sc, nil
	}
	for _, k := range r.job.Points {
		if ctx.Err() != nil {
			return stopped(e, ctx, jobs.Existing(r.o.out))
		}
		if _, err := r.job.Open(k); err != nil {
			return fmt.Errorf("%s: %w", d.Describe(k), err)
		}
	}
	if r.j == nil {
		if r.j, _, err = journal.Open(r.wd, "sweep", r.header, r.valid); err != nil {
			return err
		}
	}
	return r.run(ctx)
}

// sweepOut is the default output folder of a sweep of s, or of a shard
// of it.
func sweepOut(arg string, s jobs.Scenario, shard, shards int) string {
	out := filepath.Join("out", "sweep-"+jobs.OutName(arg, s.Name, s.Sc))
	if shards > 0 {
		out += fmt.Sprintf("-shard-%d-of-%d", shard, shards)
	}
	return out
}

// describe makes the sweep's summary and the header of its journal:
// everything that decides its rows.
func (r *sweepRun) describe() {
	d, o := r.job.Design, r.o
	r.sum = r.job.Summary(r.s.Sc, output.SweepSummary{Scenario: r.s.Name, SHA256: r.s.SHA, Version: version(),
		Overrides: o.sets.strings(), Metric: o.metric, Format: o.format})
	if r.shards > 0 {
		r.sum.Shard = fmt.Sprintf("%d/%d", r.shard, r.shards)
		r.sum.ShardPoints = r.points
		if len(r.points) == 0 {
			r.sum.ShardPoints = []int{}
		}
	}
	r.header = &journal.Header{Format: journal.Format, Scenario: r.s.Name, SHA256: r.sum.SHA256, Version: r.sum.Version,
		Seed: o.seed, Design: d.Kind, Params: r.sum.Params, Points: len(d.Points), RunsPerPoint: o.runs,
		Overrides: o.sets.strings(), Shard: r.sum.Shard, Header: output.SweepHeader(d.Paths()), Values: d.Points}
	if r.header.Overrides == nil {
		r.header.Overrides = []string{}
	}
	r.ours = make(map[int]bool, len(r.points))
	for _, k := range r.points {
		r.ours[k] = true
	}
}

// valid checks a point read back from the journal.
func (r *sweepRun) valid(en journal.Entry) error {
	if !r.ours[en.Point] {
		return fmt.Errorf("point %d is not one of this sweep's", en.Point)
	}
	return r.job.Design.CheckRows(en.Point, en.Rows, len(r.s.Sc.Agents))
}

// resume opens the journal of a sweep that was stopped before, if there
// is one, and leaves the job only the points it had not finished.
func (r *sweepRun) resume() error {
	r.wd = journal.WorkDir(r.o.out)
	if _, err := os.Stat(r.wd); err == nil {
		if !r.o.resume {
			return fmt.Errorf("%s holds an unfinished sweep into %s%s: add --resume to the command to finish it, or delete %s to start again",
				r.wd, r.o.out, unfinished(r.wd, len(r.points)), r.wd)
		}
		if r.j, _, err = journal.Open(r.wd, "sweep", r.header, r.valid); err != nil {
			return err
		}
	} else if r.o.resume {
		fmt.Fprintf(r.e.Err, "sim: note: there is no unfinished sweep in %s, so the sweep starts from its first point\n", r.wd)
	}
	r.job.Points = nil
	for _, k := range r.points {
		if r.j == nil || r.j.Rows(k) == nil {
			r.job.Points = append(r.job.Points, k)
		}
	}
	if r.j != nil {
		fmt.Fprintf(r.e.Err, "Resuming: %d of %d points were finished before; running the other %d.\n",
			len(r.points)-len(r.job.Points), len(r.points), len(r.job.Points))
	}
	return nil
}

// run runs the points left, keeping each in the journal as it finishes,
// and saves the sweep; a sweep stopped by a signal or a failure keeps
// its finished points for --resume.
func (r *sweepRun) run(ctx *cli.Interruption) error {
	todo := r.job.Points
	total := r.o.runs * len(todo)
	bar := cli.NewProgress(r.e, total, "Sweeping")
	announce(r.e, bar, total, "Running %d points %d times each on %d cores; this may take a while...", len(todo), r.o.runs, r.o.workers)
	r.job.Progress, r.job.Done = bar.Set, r.j.Add
	err := r.job.Run(ctx)
	bar.Close()
	kept := func() string {
		n := len(r.points) - len(todo) + countDone(r.j, todo)
		return fmt.Sprintf("%d of %d points are kept in %s", n, len(r.points), r.wd)
	}
	if jobs.Interrupted(err) {
		r.j.Close()
		fmt.Fprintf(r.e.Err, "sim: %s; %s: run the same command with --resume to finish the sweep; %s\n",
			signalWord(ctx), kept(), leftAlone(r.o.out))
		return cli.Reported{Code: signalCode(ctx)}
	}
	var fault *sim.FaultError
	if errors.As(err, &fault) {
		// The same point would fail the same way on --resume: the sweep
		// cannot be finished as it is, so its work folder goes too.
		r.j.Remove()
		return jobs.RunFailed(r.s.Name, err, jobs.Existing(r.o.out))
	}
	if err != nil {
		return fmt.Errorf("%w\n(%s; --resume runs the rest)", jobs.RunFailed(r.s.Name, err, jobs.Existing(r.o.out)), kept())
	}
	return r.save()
}

// save writes the sweep from the journal, which holds every point now,
// and removes the journal.
func (r *sweepRun) save() error {
	e, o, d := r.e, r.o, r.job.Design
	table := &output.SweepTable{Header: r.header.Header}
	for _, k := range r.points {
		table.Rows = append(table.Rows, r.j.Rows(k)...)
	}
	files, err := output.WriteFiles(o.out, output.SweepFiles(r.sum, table))
	if err != nil {
		return fmt.Errorf("could not save the sweep, and %s was left as it was: %w\n(every point is kept in %s: fix the problem and run the same command with --resume to write it)", o.out, err, r.wd)
	}
	if err := r.j.Remove(); err != nil {
		fmt.Fprintf(e.Err, "sim: note: the sweep is saved, but its work folder %s could not be removed: %v\n", r.wd, err)
	}
	what := fmt.Sprintf("%d points", len(d.Points))
	if r.shards > 0 {
		what = fmt.Sprintf("shard %d/%d: %d of %d points", r.shard, r.shards, len(r.points), len(d.Points))
	}
	fmt.Fprintf(e.Out, "Swept %s (%s, %s each, seed %d) and saved %d files in %s:\n",
		r.s.Name, what, plural(o.runs, "run"), o.seed, len(files), o.out)
	output.WriteFileList(e.Out, files, sweepFileNotes)
	if r.shards > 0 {
		fmt.Fprintf(e.Out, "\nWhen every shard is done, join them with: sim merge DIR... --out DIR\n")
		return nil
	}
	writeSweepRange(e.Out, r.sum, table)
	return nil
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

// leftAlone says that dir was left as it was, or that nothing was
// written there.
func leftAlone(dir string) string {
	if jobs.Existing(dir) != "" {
		return dir + " was left as it was"
	}
	return "nothing was written to " + dir
}

// signalWord is "interrupted" after Ctrl-C, "terminated" after SIGTERM.
func signalWord(it *cli.Interruption) string {
	if it.Signal() == syscall.SIGTERM {
		return "terminated"
	}
	return "interrupted"
}

// signalCode is the exit status after the signal that stopped it.
func signalCode(it *cli.Interruption) int {
	if it.Signal() == syscall.SIGTERM {
		return cli.ExitTerminated
	}
	return cli.ExitInterrupted
}

// writeSweepRange tells how far the focal state's median end state moves
// over the sweep.
func writeSweepRange(w io.Writer, s *output.SweepSummary, t *output.SweepTable) {
	r, ok := output.FocalRange(s, t)
	if !ok {
		return
	}
	names := strings.Join(paramNames(s), ", ")
	fmt.Fprintf(w, "\n%s's median %s at the end runs from %.2f (at %s = %s) to %.2f (at %s = %s).\n",
		s.FocalName, s.Metric, r.Lo, names, strings.Join(r.LoAt, ", "), r.Hi, names, strings.Join(r.HiAt, ", "))
}

func paramNames(s *output.SweepSummary) []string {
	var out []string
	for _, p := range s.Params {
		out = append(out, p.Path)
	}
	return out
}
