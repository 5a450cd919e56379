package main

import (
	"bytes"
	"caspian/internal/journal"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"

	"caspian/ensemble"
	"caspian/output"
	"caspian/scenarios"
	"caspian/sim"
	"caspian/sweep"
)

// sweepMetrics are the end-state metrics sweep.csv gives for every agent.
var sweepMetrics = []string{"alignment", "security", "energy"}

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

func (p *paramList) explains() {}

// sweepOptions are the flags of sim sweep.
type sweepOptions struct {
	params  paramList
	design  string
	points  int
	runs    int
	seed    uint64
	workers int
	out     string
	format  string
	metric  string
	shard   string
	sets    setList
	resume  bool
	limits  limitFlag
}

func sweepFlags(o *sweepOptions) *flag.FlagSet {
	fs := newFlagSet("sweep")
	fs.Var(&o.params, "param", "sweep the scenario value at `PATH=LO:HI[:N]` (a path as for --set) from LO to HI; N levels on a grid (default 5); repeat for more parameters")
	fs.StringVar(&o.design, "design", "grid", "`DESIGN` of the points: grid (every combination of the levels) or lhs (a Latin hypercube of --points points) (default grid)")
	fs.IntVar(&o.points, "points", 0, "number of points `K` of a Latin hypercube (default 10 per parameter; at most the points limit)")
	fs.IntVar(&o.runs, "runs", 20, "run each point `N` times (at most the runs limit), with the same random draws at every point (default 20)")
	fs.Uint64Var(&o.seed, "seed", 1, "random seed `N` of the runs and of a Latin hypercube (default 1)")
	fs.IntVar(&o.workers, "workers", runtime.NumCPU(),
		fmt.Sprintf("use `N` processor cores at once; this changes the speed, never the results (default %d)", runtime.NumCPU()))
	fs.StringVar(&o.out, "out", "", "save the sweep in folder `DIR` (default: out/sweep- and the scenario's name)")
	fs.StringVar(&o.format, "format", "png", "draw the plot as `FORMAT`: png, svg or pdf (default png)")
	fs.StringVar(&o.metric, "metric", "alignment", "the focal state's `METRIC` the heat map shows: alignment, security or energy (default alignment)")
	fs.StringVar(&o.shard, "shard", "", "run only shard `I/N` of the points (0 ≤ I < N), for a cluster; join the shards with 'sim merge'")
	fs.Var(&o.sets, "set", setUsage+"; applies to every point")
	fs.Var(&overlayFlag{sets: &o.sets}, "overlay", overlayUsage)
	fs.BoolVar(&o.resume, "resume", false, "finish a sweep that was interrupted: run only the points it had not finished, then write what the whole sweep would have written")
	fs.Var(&o.limits, "limit", limitUsage)
	return fs
}

// sweepFileNotes say what each file of a sweep holds.
var sweepFileNotes = [][2]string{
	{"sweep.csv", "every agent's alignment, security and energy at the end, at every point: runs, mean, sd and quantiles"},
	{"summary.json", "the design, the settings and every replicate's seed"},
	{"response", "plot of the focal state's end state against the parameter"},
	{"heatmap", "plot of the focal state's median at the end over the two parameters"},
}

func sweepCommand() *command {
	return &command{
		name:    "sweep",
		args:    "[SCENARIO] --param PATH=LO:HI[:N] ... [FLAGS]",
		summary: "run a scenario over a grid or Latin hypercube of parameter values",
		about: `Runs a scenario at many points of a design over one or more of its
values, --runs times at each point with the same random draws at every
point, and saves every agent's state at the end in sweep.csv. A full
grid takes every combination of the parameters' levels; a Latin
hypercube spreads --points points so that every parameter's range is
covered evenly. With one parameter the plot shows the focal state's
response, with two a heat map. Every point is checked like a scenario
file before anything runs.

On a cluster, run the same command with --shard 0/N, 1/N, ... N-1/N
(a Slurm job array or a Kubernetes Indexed Job; see docs/cluster.md),
each into its own folder, and join the folders with 'sim merge': the
result is exactly what one machine would have written.

Each point is kept on disk as soon as it is finished, in a hidden folder
beside the output folder (.DIR.partial for --out DIR). If the sweep is
stopped (Ctrl-C, a job's time limit, a crash), run the same command with
--resume: it runs only the points that are missing and writes exactly what
an uninterrupted sweep writes. The hidden folder is removed when the sweep
is done.`,
		sections: []section{{title: "Files saved", items: withPNG(sweepFileNotes)}, limitSection(true, "runs", "points")},
		examples: []example{
			{"sim sweep --param agents.AZE.threat_response=-1:1:9", "Azerbaijan's response to its threat response, 9 levels"},
			{"sim sweep --param agents.AZE.ideal=-1:1:4 --param agents.GEO.ideal=-1:1:4", "a 4 × 4 heat map"},
			{"sim sweep --design lhs --points 30 --param agents.AZE.ideal=-1:1", "a Latin hypercube of 30 points"},
			{"sim sweep --param model.temperature=0:0.002:8 --shard 2/4 --out shard-2", "the third of four shards"},
			{"sim sweep --param agents.AZE.ideal=-1:1:50 --out big --resume", "finish a sweep that was stopped half-way"},
		},
		flags: func() *flag.FlagSet { return sweepFlags(new(sweepOptions)) },
		exec:  execSweep,
	}
}

func execSweep(e *env, args []string) error {
	var o sweepOptions
	fs := sweepFlags(&o)
	pos, err := parseArgs("sweep", fs, args)
	if err != nil {
		return err
	}
	arg, err := scenarioArg("sweep", pos, scenarios.Default)
	if err != nil {
		return err
	}
	switch {
	case len(o.params) == 0:
		return usagef("sweep", "name at least one parameter to sweep, e.g. --param agents.AZE.threat_response=-1:1:5")
	case o.runs < 1:
		return usagef("sweep", "--runs must be at least 1, not %d", o.runs)
	case o.runs > o.limits.get().runs:
		return usagef("sweep", "--runs %d is more than the limit of %d runs (raise it with --limit runs=%d)", o.runs, o.limits.get().runs, o.runs)
	case o.workers < 1:
		return usagef("sweep", "--workers must be at least 1, not %d", o.workers)
	case o.out == "" && isSet(fs, "out"):
		return usagef("sweep", "--out needs a folder name")
	case o.design != "grid" && o.design != "lhs":
		return usagef("sweep", "--design must be grid or lhs, not %q", o.design)
	case o.design == "grid" && isSet(fs, "points"):
		return usagef("sweep", "--points is for --design lhs; a grid's size comes from the levels, as in --param path=lo:hi:n")
	case !slices.Contains(sweepMetrics, o.metric):
		return usagef("sweep", "--metric must be one of %s, not %q", strings.Join(sweepMetrics, ", "), o.metric)
	}
	for i, p := range o.params {
		for _, q := range o.params[:i] {
			if p.Path == q.Path {
				return usagef("sweep", "--param %s is given twice", p.Path)
			}
		}
	}
	o.format = strings.ToLower(o.format)
	if !slices.Contains(output.Formats(), o.format) {
		return usagef("sweep", "--format must be one of %s, not %q", strings.Join(output.Formats(), ", "), o.format)
	}
	shard, shards := 0, 0
	if o.shard != "" {
		if shard, shards, err = sweep.ParseShard(o.shard); err != nil {
			return usagef("sweep", "--shard %v", err)
		}
	}
	var d *sweep.Design
	limit := o.limits.get().points
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
			return usagef("sweep", "the sweep has %d points, more than the limit of %d (raise it with --limit points=%d)", many.Points, many.Limit, many.Points)
		}
		return usagef("sweep", "the sweep has more points than can be counted; the limit is %d", many.Limit)
	}
	if err != nil {
		return usagef("sweep", "%v", err)
	}
	return runSweep(e, arg, d, shard, shards, o)
}

// pointSets are the overrides of point k: the common ones, then the
// parameters.
func pointSets(d *sweep.Design, k int, common setList) []scenarios.Set {
	sets := slices.Clone([]scenarios.Set(common))
	for i, p := range d.Params {
		sets = append(sets, scenarios.Set{Path: p.Path, Value: sweep.Format(d.Points[k][i])})
	}
	return sets
}

// describePoint names point k for messages: "point 3 (a=0.5, b=2)".
func describePoint(d *sweep.Design, k int) string {
	var parts []string
	for i, p := range d.Params {
		parts = append(parts, p.Path+"="+sweep.Format(d.Points[k][i]))
	}
	return fmt.Sprintf("point %d (%s)", k, strings.Join(parts, ", "))
}

func runSweep(e *env, arg string, d *sweep.Design, shard, shards int, o sweepOptions) error {
	l := o.limits.get()
	s, err := openScenario(arg, o.sets, l)
	if err != nil {
		return err
	}
	base, name := s.sc, s.name
	points := make([]int, len(d.Points))
	for k := range points {
		points[k] = k
	}
	if shards > 0 {
		points = d.Shard(shard, shards)
	}
	if o.out == "" {
		o.out = filepath.Join("out", "sweep-"+outName(arg, name, base))
		if shards > 0 {
			o.out += fmt.Sprintf("-shard-%d-of-%d", shard, shards)
		}
	}
	if err := checkOut(o.out); err != nil {
		return err
	}
	sum := sweepSummary(s, d, o)
	if shards > 0 {
		sum.Shard = fmt.Sprintf("%d/%d", shard, shards)
		sum.ShardPoints = points
		if len(points) == 0 {
			sum.ShardPoints = []int{}
		}
	}
	header := output.SweepHeader(paramPaths(d))
	h := &journal.Header{Format: journal.Format, Scenario: name, SHA256: sum.SHA256, Version: sum.Version, Seed: o.seed,
		Design: d.Kind, Params: sum.Params, Points: len(d.Points), RunsPerPoint: o.runs, Overrides: o.sets.strings(),
		Shard: sum.Shard, Header: header, Values: d.Points}
	if h.Overrides == nil {
		h.Overrides = []string{}
	}
	ours := make(map[int]bool, len(points))
	for _, k := range points {
		ours[k] = true
	}
	valid := func(en journal.Entry) error {
		if !ours[en.Point] {
			return fmt.Errorf("point %d is not one of this sweep's", en.Point)
		}
		return checkRows(d, en.Point, en.Rows, len(header), len(base.Agents)*len(sweepMetrics))
	}

	// A sweep stopped before may have left its finished points.
	wd := journal.WorkDir(o.out)
	var j *journal.Journal
	if _, err := os.Stat(wd); err == nil {
		if !o.resume {
			return fmt.Errorf("%s holds an unfinished sweep into %s%s: add --resume to the command to finish it, or delete %s to start again",
				wd, o.out, unfinished(wd, len(points)), wd)
		}
		if j, _, err = journal.Open(wd, "sweep", h, valid); err != nil {
			return err
		}
		defer j.Close()
	} else if o.resume {
		fmt.Fprintf(e.err, "sim: note: there is no unfinished sweep in %s, so the sweep starts from its first point\n", wd)
	}
	var todo []int
	for _, k := range points {
		if j == nil || j.Rows(k) == nil {
			todo = append(todo, k)
		}
	}
	if j != nil {
		fmt.Fprintf(e.err, "Resuming: %d of %d points were finished before; running the other %d.\n", len(points)-len(todo), len(points), len(todo))
	}

	// Every point is checked before anything runs; with many points that
	// takes a while, so a signal is heeded from here on. The scenarios are
	// opened again as their points run, so that memory does not grow with
	// the number of points.
	ctx := interruptible()
	defer ctx.stop()
	open := func(i int) (*sim.Scenario, error) {
		sc, _, _, err := scenarios.OpenWith(arg, scenarios.Options{Limits: l.scenario, Sets: pointSets(d, todo[i], o.sets)})
		if err != nil {
			return nil, scenarioError(name, err)
		}
		return sc, nil
	}
	for i, k := range todo {
		if ctx.Err() != nil {
			return stopped(e, ctx, existing(o.out))
		}
		if _, err := open(i); err != nil {
			return fmt.Errorf("%s: %w", describePoint(d, k), err)
		}
	}
	if j == nil {
		if j, _, err = journal.Open(wd, "sweep", h, valid); err != nil {
			return err
		}
		defer j.Close()
	}

	total := o.runs * len(todo)
	bar := newProgress(e, total, "Sweeping")
	announce(e, bar, total, "Running %d points %d times each on %d cores; this may take a while...", len(todo), o.runs, o.workers)
	err = runPoints(ctx, len(todo), open, o, bar, func(i int, st *ensemble.Stats) error {
		return j.Add(todo[i], sweepRows(d, todo[i], st))
	}, func(i int) string { return describePoint(d, todo[i]) })
	bar.close()
	kept := func() string {
		n := len(points) - len(todo) + countDone(j, todo)
		return fmt.Sprintf("%d of %d points are kept in %s", n, len(points), wd)
	}
	if interrupted(err) {
		j.Close()
		fmt.Fprintf(e.err, "sim: %s; %s: run the same command with --resume to finish the sweep; %s\n",
			signalWord(ctx), kept(), leftAlone(o.out))
		return reported{code: signalCode(ctx)}
	}
	var fault *sim.FaultError
	if errors.As(err, &fault) {
		// The same point would fail the same way on --resume: the sweep
		// cannot be finished as it is, so its work folder goes too.
		j.Remove()
		return runFailed(name, err, existing(o.out))
	}
	if err != nil {
		return fmt.Errorf("%w\n(%s; --resume runs the rest)", runFailed(name, err, existing(o.out)), kept())
	}
	table := &output.SweepTable{Header: header}
	for _, k := range points {
		table.Rows = append(table.Rows, j.Rows(k)...)
	}
	files, err := output.WriteFiles(o.out, output.SweepFiles(sum, table))
	if err != nil {
		return fmt.Errorf("could not save the sweep, and %s was left as it was: %w\n(every point is kept in %s: fix the problem and run the same command with --resume to write it)", o.out, err, wd)
	}
	if err := j.Remove(); err != nil {
		fmt.Fprintf(e.err, "sim: note: the sweep is saved, but its work folder %s could not be removed: %v\n", wd, err)
	}
	what := fmt.Sprintf("%d points", len(d.Points))
	if shards > 0 {
		what = fmt.Sprintf("shard %d/%d: %d of %d points", shard, shards, len(points), len(d.Points))
	}
	fmt.Fprintf(e.out, "Swept %s (%s, %s each, seed %d) and saved %d files in %s:\n",
		name, what, plural(o.runs, "run"), o.seed, len(files), o.out)
	writeFileList(e.out, files, sweepFileNotes)
	if shards > 0 {
		fmt.Fprintf(e.out, "\nWhen every shard is done, join them with: sim merge DIR... --out DIR\n")
		return nil
	}
	writeSweepRange(e.out, sum, table)
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
	if existing(dir) != "" {
		return dir + " was left as it was"
	}
	return "nothing was written to " + dir
}

// signalWord is "interrupted" after Ctrl-C, "terminated" after SIGTERM.
func signalWord(it *interruption) string {
	if it.signal() == syscall.SIGTERM {
		return "terminated"
	}
	return "interrupted"
}

// signalCode is the exit status after the signal that stopped it.
func signalCode(it *interruption) int {
	if it.signal() == syscall.SIGTERM {
		return exitTerminated
	}
	return exitInterrupted
}

// checkRows checks a finished point's rows read back from a journal:
// their number, their width, their point and the point's values.
func checkRows(d *sweep.Design, k int, rows [][]string, width, want int) error {
	if len(rows) != want {
		return fmt.Errorf("point %d has %d rows, want %d", k, len(rows), want)
	}
	for _, rec := range rows {
		if len(rec) != width {
			return fmt.Errorf("point %d: a row has %d columns, want %d", k, len(rec), width)
		}
		// Only the point and its values are checked here: the statistics
		// are written as they were computed.
		r, err := output.ParseSweepRow(rec, len(d.Params))
		var bad *output.SweepFieldError
		if errors.As(err, &bad) && bad.Column == "point" {
			return fmt.Errorf("point %d: a row is of point %q", k, bad.Text)
		}
		if r.Point != k {
			return fmt.Errorf("point %d: a row is of point %q", k, strconv.Itoa(r.Point))
		}
		for i, v := range d.Points[k] {
			if r.Values[i] != sweep.Format(v) {
				return fmt.Errorf("point %d: %s is %s, but the design has %s", k, d.Params[i].Path, r.Values[i], sweep.Format(v))
			}
		}
	}
	return nil
}

// paramPaths are the parameters' paths, the columns of sweep.csv.
func paramPaths(d *sweep.Design) []string {
	var out []string
	for _, p := range d.Params {
		out = append(out, p.Path)
	}
	return out
}

// sweepSummary describes the whole sweep of the scenario base.
func sweepSummary(base opened, d *sweep.Design, o sweepOptions) *output.SweepSummary {
	sc, name := base.sc, base.name
	s := &output.SweepSummary{
		Command: "sweep", Scenario: name, ScenarioName: sc.Name, Title: sc.Title, SHA256: base.sha,
		Version: version(), Seed: o.seed, Design: d.Kind, Points: len(d.Points), RunsPerPoint: o.runs,
		Overrides: o.sets.strings(), Focal: sc.Focal, FocalName: sc.Focal,
		Metric: o.metric, Format: o.format,
		Outputs:  "every agent's alignment, security and energy at the last turn across the runs of each point",
		SeedRule: output.SweepSeedRule, RunSeeds: output.SweepRunSeeds(o.seed, o.runs),
	}
	if s.Title == "" {
		s.Title = name
	}
	s.FocalName = sc.AgentName(sc.Focal)
	s.NegativeLabel, s.PositiveLabel = sc.Axis.Labels()
	s.EnergyLabel = output.EnergyLabel(sc.Agent(sc.Focal).EarnsIncome())
	for _, p := range d.Params {
		s.Params = append(s.Params, output.SweepParam{Path: p.Path, Lo: p.Lo, Hi: p.Hi, Levels: p.Levels})
	}
	return s
}

// runPoints runs the ensembles of n points, several at once when there
// are more cores than runs per point; each point's results are the same
// whatever the order. open opens point i's scenario. As each point
// finishes, done is called with its index, from one goroutine at a time;
// an error from it stops the sweep. name names a point for messages.
func runPoints(ctx context.Context, n int, open func(int) (*sim.Scenario, error), o sweepOptions, bar *progress, done func(int, *ensemble.Stats) error, name func(int) string) error {
	parallel := max(1, min(n, o.workers/o.runs))
	per := max(1, o.workers/parallel)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	errs := make([]error, n)
	var mu, doneMu sync.Mutex
	progress := make([]int, n)
	total := 0
	next := make(chan int)
	var wg sync.WaitGroup
	for range parallel {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range next {
				sc, err := open(j)
				if err != nil {
					errs[j] = err
					cancel()
					continue
				}
				st, err := ensemble.Run(ctx, sc, ensemble.Options{
					Seed: o.seed, Runs: o.runs, Workers: per, Turns: []int{-1},
					Progress: func(n int) {
						mu.Lock()
						total += n - progress[j]
						progress[j] = n
						bar.set(total)
						mu.Unlock()
					},
				})
				if err == nil {
					doneMu.Lock()
					err = done(j, st)
					doneMu.Unlock()
				}
				if err != nil {
					errs[j] = err
					cancel()
				}
			}
		}()
	}
	for j := range n {
		if ctx.Err() != nil {
			break
		}
		next <- j
	}
	close(next)
	wg.Wait()
	for j, err := range errs {
		if err != nil && !interrupted(err) {
			return fmt.Errorf("%s: %w", name(j), err)
		}
	}
	return ctx.Err()
}

// sweepRows are point k's rows of sweep.csv.
func sweepRows(d *sweep.Design, k int, st *ensemble.Stats) [][]string {
	var rows [][]string
	last := len(st.Calendar) - 1
	for _, id := range st.Layout.Agents() {
		for _, m := range sweepMetrics {
			c, _ := st.At(last, id, m)
			row := []string{strconv.Itoa(k)}
			for _, v := range d.Points[k] {
				row = append(row, sweep.Format(v))
			}
			row = append(row, id, m, strconv.Itoa(c.N), output.CSVNumber(c.Mean), output.CSVNumber(c.SD))
			for _, q := range c.Q {
				row = append(row, output.CSVNumber(q))
			}
			rows = append(rows, row)
		}
	}
	return rows
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

// pointOf reads the point number in the first column of a row.
func pointOf(row []string) (int, bool) {
	if len(row) == 0 {
		return 0, false
	}
	k, err := strconv.Atoi(row[0])
	return k, err == nil
}
