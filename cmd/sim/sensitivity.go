package main

import (
	"caspian/internal/journal"
	"context"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"caspian/calibrate"
	"caspian/ensemble"
	"caspian/output"
	"caspian/scenarios"
	"caspian/sensitivity"
	"caspian/sim"
	"caspian/sweep"
	"caspian/validation"
)

// sensitivityOptions are the flags of sim sensitivity.
type sensitivityOptions struct {
	params   paramList
	method   string
	outputs  stringList
	samples  int
	runs     int
	seed     uint64
	workers  int
	out      string
	format   string
	observed string
	shard    string
	resume   bool
	sets     setList
	limits   limitFlag
}

// stringList collects a repeatable flag's values.
type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, " ") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

func sensitivityFlags(o *sensitivityOptions) *flag.FlagSet {
	fs := newFlagSet("sensitivity")
	fs.Var(&o.params, "param", "vary the scenario value at `PATH=LO:HI` (a path as for --set) uniformly from LO to HI; repeat for more values")
	fs.StringVar(&o.method, "method", "morris", "`METHOD`: morris (elementary effects: a screening, 10 trajectories by default) or sobol (variance shares with bootstrap intervals, 32 base samples by default) (default morris)")
	fs.Var(&o.outputs, "output", "the `OUTPUT` whose sensitivity to report: METRIC@DATE (alignment, security or energy of the focal state; AGENT.METRIC@DATE for another), score (the share of the record's patterns that hold), misfit (as sim calibrate measures it), or pattern:ID (the share of runs in which a pattern holds); repeat for more (default: alignment@2013-12, or at the calendar's end if sooner, and score and misfit if the scenario has patterns)")
	fs.IntVar(&o.samples, "samples", 0, "Morris trajectories, or Sobol base samples `N` (default 10 and 32)")
	fs.IntVar(&o.runs, "runs", 20, "run each point `N` times, with the same random draws at every point (default 20)")
	fs.Uint64Var(&o.seed, "seed", 1, "random seed `N` of the design and of the runs (default 1)")
	fs.IntVar(&o.workers, "workers", runtime.NumCPU(),
		fmt.Sprintf("use `N` processor cores at once; this changes the speed, never the results (default %d)", runtime.NumCPU()))
	fs.StringVar(&o.out, "out", "", "save the analysis in folder `DIR` (default: out/sensitivity- and the scenario's name)")
	fs.StringVar(&o.format, "format", "png", "draw the plot as `FORMAT`: png, svg or pdf (default png)")
	fs.StringVar(&o.observed, "observed", "", "also count the observed yearly series in CSV `FILE` among the patterns of score and misfit")
	fs.StringVar(&o.shard, "shard", "", "run only shard `I/N` of the points (0 ≤ I < N), for a cluster; join the shards with 'sim merge', then finish with --resume")
	fs.BoolVar(&o.resume, "resume", false, "finish an analysis that was interrupted, or whose shards 'sim merge' joined: run only the points it had not finished")
	fs.Var(&o.sets, "set", setUsage+"; applies to every point")
	fs.Var(&overlayFlag{sets: &o.sets}, "overlay", overlayUsage)
	fs.Var(&o.limits, "limit", limitUsage)
	return fs
}

// sensitivityFileNotes say what each file of an analysis holds.
var sensitivityFileNotes = [][2]string{
	{"sensitivity.csv", "every output and value: Morris μ, μ* and σ, or Sobol first-order and total indices with 95 % intervals"},
	{"design.csv", "every point of the design: the values and the outputs (means over the runs)"},
	{"summary.json", "the scenario, the settings, the ranges and the seed: what was run"},
	{"sensitivity", "plot of the indices, one panel per output"},
}

func sensitivityCommand() *command {
	return &command{
		name:    "sensitivity",
		args:    "[SCENARIO] --param PATH=LO:HI ... [FLAGS]",
		summary: "find out which of a scenario's values its outcomes depend on",
		about: `Varies the --param values over their ranges on a design and reports how
much each --output depends on each value. Every point of the design is
run --runs times with the same random draws, and an output is its mean
over the runs.

--method morris (the default) screens many values cheaply: μ* is the
mean absolute change of the output over a value's whole range (measured
in steps of 2/3 of it), σ how much that change depends on the other
values (a large σ: interactions or a bend), μ its mean with its sign. It takes (values + 1) × trajectories points.

--method sobol splits the variance of the output into shares: S, the
share a value explains alone; ST, the share it explains with all its
interactions. ST near 0 means the value can be fixed anywhere in its
range without changing the output. The brackets are 95 % bootstrap
intervals. It takes (values + 2) × samples points.

Each point is kept on disk as soon as it is finished; after an
interruption, the same command with --resume runs only the missing
points and writes exactly what an uninterrupted analysis writes.

On a cluster, run the same command with --shard 0/N, 1/N, ... N-1/N,
each into its own folder: each shard saves its points in points.journal.
'sim merge SHARD-DIRS... --out DIR' joins them, and the command without
--shard, with --out DIR --resume, writes the analysis without running
anything again.`,
		sections: []section{{title: "Files saved", items: withPNG(sensitivityFileNotes)}, limitSection(true, "runs", "points")},
		examples: []example{
			{"sim sensitivity --param model.alarm=0.25:1 --param model.influence_self=0.5:2", "screen two values"},
			{"sim sensitivity --method sobol --param model.alarm=0.25:1 --output score", "Sobol indices of the score"},
			{"sim sensitivity --param model.alarm=0.25:1 --output pattern:out-of-cst", "a pattern's share of runs"},
		},
		flags: func() *flag.FlagSet { return sensitivityFlags(new(sensitivityOptions)) },
		exec:  execSensitivity,
	}
}

// outputSpec is one --output.
type outputSpec struct {
	label   string
	kind    string // metric, score, misfit or pattern
	agent   string
	metric  string
	turn    int
	pattern int
}

// parseOutput reads one --output against the scenario.
func parseOutput(s string, sc *sim.Scenario, ids []string) (outputSpec, error) {
	o := outputSpec{label: s, kind: s}
	switch {
	case s == "score" || s == "misfit":
		return o, nil
	case strings.HasPrefix(s, "pattern:"):
		id := strings.TrimPrefix(s, "pattern:")
		for i, p := range ids {
			if p == id {
				o.kind, o.pattern = "pattern", i
				return o, nil
			}
		}
		return o, fmt.Errorf("no pattern %q (the scenario's patterns: %s)", id, strings.Join(ids, ", "))
	}
	what, at, ok := strings.Cut(s, "@")
	if !ok {
		return o, fmt.Errorf("%q: want METRIC@DATE (alignment@2013-12), score, misfit or pattern:ID", s)
	}
	agent, metric, has := strings.Cut(what, ".")
	if !has {
		agent, metric = sc.Focal, what
	}
	if metric != "alignment" && metric != "security" && metric != "energy" {
		return o, fmt.Errorf("%q: the metric is alignment, security or energy, not %q", s, metric)
	}
	if sc.Agent(agent) == nil {
		return o, fmt.Errorf("%q: no agent %q in the scenario", s, agent)
	}
	d, err := sim.ParseDate(at)
	if err != nil {
		return o, fmt.Errorf("%q: %v", s, err)
	}
	t := sc.Calendar.TurnOf(d)
	if t < 0 || t >= sc.Calendar.Turns() {
		return o, fmt.Errorf("%q: %s is outside the calendar (%s to %s)", s, at, sc.Calendar.Label(0), sc.Calendar.Label(sc.Calendar.Turns()-1))
	}
	o.kind, o.agent, o.metric, o.turn = "metric", agent, metric, t
	return o, nil
}

func execSensitivity(e *env, args []string) error {
	var o sensitivityOptions
	fs := sensitivityFlags(&o)
	pos, err := parseArgs("sensitivity", fs, args)
	if err != nil {
		return err
	}
	arg, err := scenarioArg("sensitivity", pos, scenarios.Default)
	if err != nil {
		return err
	}
	switch {
	case len(o.params) == 0:
		return usagef("sensitivity", "name at least one value to vary, e.g. --param model.temperature=0.00015:0.0006")
	case o.method != "morris" && o.method != "sobol":
		return usagef("sensitivity", "--method must be morris or sobol, not %q", o.method)
	case o.runs < 1:
		return usagef("sensitivity", "--runs must be at least 1, not %d", o.runs)
	case o.runs > o.limits.get().runs:
		return usagef("sensitivity", "--runs %d is more than the limit of %d runs (raise it with --limit runs=%d)", o.runs, o.limits.get().runs, o.runs)
	case o.workers < 1:
		return usagef("sensitivity", "--workers must be at least 1, not %d", o.workers)
	case o.samples < 0 || (o.samples > 0 && o.samples < 2):
		return usagef("sensitivity", "--samples must be at least 2, not %d", o.samples)
	case o.out == "" && isSet(fs, "out"):
		return usagef("sensitivity", "--out needs a folder name")
	}
	if o.shard != "" {
		if _, _, err := sweep.ParseShard(o.shard); err != nil {
			return usagef("sensitivity", "--shard %v", err)
		}
	}
	if err := checkRanges("sensitivity", o.params); err != nil {
		return err
	}
	o.format = strings.ToLower(o.format)
	if !slices.Contains(output.Formats(), o.format) {
		return usagef("sensitivity", "--format must be one of %s, not %q", strings.Join(output.Formats(), ", "), o.format)
	}
	return runSensitivity(e, arg, o)
}

// sensitivityDesign draws the design: Morris trajectories or a Saltelli
// sample, from a stream of its own derived from the seed.
func sensitivityDesign(o sensitivityOptions) (points [][]float64, morris *sensitivity.MorrisDesign, sobol *sensitivity.SaltelliDesign, err error) {
	p := sensitivity.Problem{}
	for _, x := range o.params {
		p.Names, p.Lo, p.Hi = append(p.Names, x.Path), append(p.Lo, x.Lo), append(p.Hi, x.Hi)
	}
	rng := rand.New(rand.NewPCG(o.seed, 0x5e75))
	if o.method == "morris" {
		morris, err = sensitivity.Morris(p, o.samples, 4, rng)
		if err != nil {
			return nil, nil, nil, err
		}
		return morris.Points, morris, nil, nil
	}
	sobol, err = sensitivity.Saltelli(p, o.samples, rng)
	if err != nil {
		return nil, nil, nil, err
	}
	return sobol.Points, nil, sobol, nil
}

// analysis is one sim sensitivity job: the scenario, its outputs, the
// design and the points this machine runs.
type analysis struct {
	e      *env
	arg    string
	o      sensitivityOptions
	l      limits
	s      opened
	extra  []sim.PatternSpec
	specs  []outputSpec
	turns  []int
	split  *calibrate.Split
	points [][]float64
	morris *sensitivity.MorrisDesign
	sobol  *sensitivity.SaltelliDesign
	ours   map[int]bool // the points of this shard (every point unsharded)
	mine   int
}

// newAnalysis opens the scenario, reads the outputs and draws the design;
// every problem is found before anything runs.
func newAnalysis(e *env, arg string, o sensitivityOptions) (*analysis, error) {
	a := &analysis{e: e, arg: arg, o: o, l: o.limits.get()}
	var err error
	if a.s, err = openScenario(arg, o.sets, a.l); err != nil {
		return nil, err
	}
	if o.observed != "" {
		if a.extra, err = readObservedFile(o.observed); err != nil {
			return nil, err
		}
	}
	if err := a.parseOutputs(); err != nil {
		return nil, err
	}
	if a.o.samples == 0 {
		a.o.samples = 10
		if o.method == "sobol" {
			a.o.samples = 32
		}
	}
	if a.points, a.morris, a.sobol, err = sensitivityDesign(a.o); err != nil {
		return nil, usagef("sensitivity", "%v", strings.TrimPrefix(err.Error(), "sensitivity: "))
	}
	if n := len(a.points); n > a.l.points {
		return nil, usagef("sensitivity", "the design has %d points, more than the limit of %d (raise it with --limit points=%d)", n, a.l.points, n)
	}
	a.ours = map[int]bool{}
	i, n := 0, 1
	if o.shard != "" {
		i, n, _ = sweep.ParseShard(o.shard)
	}
	for k := range a.points {
		a.ours[k] = k%n == i
		if a.ours[k] {
			a.mine++
		}
	}
	if a.o.out == "" {
		a.o.out = filepath.Join("out", "sensitivity-"+outName(arg, a.s.name, a.s.sc))
		if o.shard != "" {
			a.o.out += "-shard-" + strings.ReplaceAll(o.shard, "/", "-of-")
		}
	}
	if err := checkOut(a.o.out); err != nil {
		return nil, err
	}
	// The corners of the box are checked before anything runs.
	lo, hi := make([]float64, len(o.params)), make([]float64, len(o.params))
	for i, p := range o.params {
		lo[i], hi[i] = p.Lo, p.Hi
	}
	for _, x := range [][]float64{lo, hi} {
		if _, err := a.open(x); err != nil {
			return nil, fmt.Errorf("a --param range is outside what the scenario allows: %w", err)
		}
	}
	return a, nil
}

// parseOutputs reads the --output flags (or the defaults) against the
// scenario and its patterns.
func (a *analysis) parseOutputs() error {
	var ids []string
	for _, p := range a.s.sc.Patterns {
		ids = append(ids, p.ID)
	}
	for _, p := range a.extra {
		ids = append(ids, p.ID)
	}
	if len(a.o.outputs) == 0 {
		// The focal state's alignment at the end of the record used for
		// patterns, or at the end of a calendar that stops before it.
		at := validation.DefaultUntil.String()
		if cal := a.s.sc.Calendar; cal.TurnOf(validation.DefaultUntil) >= cal.Turns() {
			at = cal.Label(cal.Turns() - 1)
		}
		a.o.outputs = stringList{"alignment@" + at}
		if len(ids) > 0 {
			a.o.outputs = append(a.o.outputs, "score", "misfit")
		}
	}
	needsPatterns := false
	for _, x := range a.o.outputs {
		spec, err := parseOutput(x, a.s.sc, ids)
		if err != nil {
			return usagef("sensitivity", "--output %v", err)
		}
		if spec.kind == "metric" {
			a.turns = append(a.turns, spec.turn)
		} else {
			needsPatterns = true
		}
		a.specs = append(a.specs, spec)
	}
	if !needsPatterns {
		return nil
	}
	if len(ids) == 0 {
		return usagef("sensitivity", "score, misfit and pattern outputs need [[patterns]]; %s has none (or pass --observed FILE)", a.s.name)
	}
	var err error
	if a.split, err = calibrate.NewSplit(a.s.sc, a.extra, validation.DefaultUntil, validation.DefaultUntil); err != nil {
		return fmt.Errorf("%s: %w", a.s.name, err)
	}
	return nil
}

// open opens the scenario with the values x.
func (a *analysis) open(x []float64) (*sim.Scenario, error) {
	return openPoint(a.s, a.l, a.o.params, x, a.o.sets)
}

// params are the ranges as summaries and journals record them.
func (a *analysis) params() []output.SweepParam {
	var out []output.SweepParam
	for _, p := range a.o.params {
		out = append(out, output.SweepParam{Path: p.Path, Lo: p.Lo, Hi: p.Hi})
	}
	return out
}

// header is the header of design.csv and of the journal's rows.
func (a *analysis) header() []string {
	h := []string{"point"}
	for _, p := range a.o.params {
		h = append(h, p.Path)
	}
	return append(h, a.o.outputs...)
}

// journal opens the journal of the analysis (of its shard).
func (a *analysis) journal() (*journal.Journal, error) {
	o, header := a.o, a.header()
	h := &journal.Header{Format: journal.Format, Scenario: a.s.name, SHA256: a.s.sha, Version: version(), Seed: o.seed,
		Design: o.method + " " + o.observed, Params: a.params(), Points: len(a.points), RunsPerPoint: o.runs,
		Overrides: o.sets.strings(), Shard: o.shard, Header: header, Values: a.points}
	if h.Overrides == nil {
		h.Overrides = []string{}
	}
	valid := func(en journal.Entry) error {
		if !a.ours[en.Point] || len(en.Rows) != 1 || len(en.Rows[0]) != len(header) {
			return fmt.Errorf("point %d is not one of this analysis's, or not one row of %d columns", en.Point, len(header))
		}
		return nil
	}
	j, err := openWork(a.e, o.out, h, valid, o.resume, "analysis")
	if err == nil && len(j.Finished()) > 0 {
		fmt.Fprintf(a.e.err, "Resuming: %d of %d points were finished before.\n", len(j.Finished()), a.mine)
	}
	return j, err
}

// run runs this machine's points that the journal lacks, adding each to
// it as it finishes, and returns every output of every point it has
// (ys[point][output]; nil for another shard's points).
func (a *analysis) run(ctx *interruption, j *journal.Journal) ([][]float64, error) {
	o := a.o
	todo := 0
	for k := range a.points {
		if a.ours[k] && j.Rows(k) == nil {
			todo++
		}
	}
	bar := newProgress(a.e, o.runs*a.mine, "Analysing "+a.s.name)
	defer bar.close()
	announce(a.e, bar, o.runs*todo, "Running %d points %d times each on %d cores; this may take a while...", todo, o.runs, o.workers)
	cnt := &counter{p: bar}
	ys := make([][]float64, len(a.points))
	for k, x := range a.points {
		if !a.ours[k] {
			continue
		}
		var err error
		if rows := j.Rows(k); rows != nil {
			if ys[k], err = readOutputs(rows[0], k, x, len(a.specs)); err != nil {
				return nil, fmt.Errorf("cannot resume the analysis in %s: %w", j.Dir, err)
			}
			cnt.step(o.runs)(o.runs)
			continue
		}
		sc, err := a.open(x)
		if err == nil {
			ys[k], err = evaluatePoint(ctx, sc, a.specs, a.split, a.turns, a.extra, o, cnt)
		}
		if err == nil {
			err = j.Add(k, [][]string{writeOutputs(k, x, ys[k])})
		}
		if err != nil {
			return nil, fmt.Errorf("point %d: %w", k, err)
		}
	}
	return ys, nil
}

// result estimates the effects or indices of every output from ys.
func (a *analysis) result(ys [][]float64) (*output.Sensitivity, error) {
	o := a.o
	res := &output.Sensitivity{Title: a.s.sc.Title, Method: o.method, Runs: o.runs, Samples: o.samples, Points: len(a.points)}
	if res.Title == "" {
		res.Title = a.s.name
	}
	for _, p := range o.params {
		res.Params = append(res.Params, output.CalibrationParam{Path: p.Path, Lo: p.Lo, Hi: p.Hi})
	}
	rng := rand.New(rand.NewPCG(o.seed, 0xb007))
	for m, spec := range a.specs {
		y := make([]float64, len(a.points))
		for k := range a.points {
			y[k] = ys[k][m]
		}
		so := output.SensitivityOutput{Name: spec.label, Varies: varies(y)}
		if so.Varies {
			var err error
			if a.morris != nil {
				so.Effects, err = a.morris.Effects(y)
			} else {
				so.Indices, err = a.sobol.Indices(y, 500, rng)
			}
			if err != nil {
				return nil, fmt.Errorf("%s: %w", spec.label, err)
			}
		}
		res.Outputs = append(res.Outputs, so)
	}
	return res, nil
}

// files are the analysis's output files.
func (a *analysis) files(res *output.Sensitivity, ys [][]float64) []output.File {
	o := a.o
	return []output.File{
		{Name: "sensitivity.csv", Write: func(w io.Writer) error { return output.WriteSensitivity(w, res) }},
		{Name: "design.csv", Write: func(w io.Writer) error { return output.WriteDesign(w, a.header(), a.points, ys) }},
		{Name: "summary.json", Write: func(w io.Writer) error {
			return output.WriteStudySummary(w, &output.StudySummary{Command: "sensitivity", Scenario: a.s.name, SHA256: a.s.sha, Version: version(),
				Seed: o.seed, RunsPerPoint: o.runs, Points: len(a.points), Overrides: o.sets.strings(), Observed: o.observed, Params: a.params(),
				Method: o.method, Samples: o.samples, Outputs: o.outputs})
		}},
		{Name: "sensitivity." + o.format, Write: func(w io.Writer) error {
			d, err := output.PlotSensitivity(res)
			if err != nil {
				return err
			}
			return output.Render(w, d, output.SensitivityWidth, output.SensitivityHeight(res), o.format)
		}},
	}
}

func runSensitivity(e *env, arg string, o sensitivityOptions) error {
	a, err := newAnalysis(e, arg, o)
	if err != nil {
		return err
	}
	o, name := a.o, a.s.name
	j, err := a.journal()
	if err != nil {
		return err
	}
	defer j.Close()
	ctx := interruptible()
	defer ctx.stop()
	ys, err := a.run(ctx, j)
	if interrupted(err) {
		j.Close()
		fmt.Fprintf(e.err, "sim: %s; %d of %d points are kept in %s: run the same command with --resume to finish; %s\n",
			signalWord(ctx), len(j.Finished()), a.mine, j.Dir, leftAlone(o.out))
		return reported{code: signalCode(ctx)}
	}
	if err != nil {
		return fmt.Errorf("%w\n(%d points are kept in %s; --resume runs the rest)", runFailed(name, err, existing(o.out)), len(j.Finished()), j.Dir)
	}
	if o.shard != "" {
		return saveShard(e, j, j.Dir, o.out, o.shard, a.mine)
	}
	res, err := a.result(ys)
	if err != nil {
		return err
	}
	names, err := output.WriteFiles(o.out, a.files(res, ys))
	if err != nil {
		return fmt.Errorf("could not save the analysis, and %s was left as it was: %w\n(every point is kept in %s: fix the problem and run the same command with --resume to write it)", o.out, err, j.Dir)
	}
	if err := j.Remove(); err != nil {
		fmt.Fprintf(e.err, "sim: note: the analysis is saved, but its work folder %s could not be removed: %v\n", j.Dir, err)
	}
	fmt.Fprintf(e.out, "Analysed %s (%s, %d points of %s each, seed %d) and saved %d files in %s:\n",
		name, o.method, len(a.points), plural(o.runs, "run"), o.seed, len(names), o.out)
	writeFileList(e.out, names, sensitivityFileNotes)
	output.WriteSensitivityText(e.out, res)
	return nil
}

// varies reports whether y takes more than one value.
func varies(y []float64) bool {
	for _, v := range y {
		if v != y[0] {
			return true
		}
	}
	return false
}

// evaluatePoint runs one point's ensemble and reads its outputs.
func evaluatePoint(ctx context.Context, sc *sim.Scenario, specs []outputSpec, split *calibrate.Split, turns []int, extra []sim.PatternSpec, o sensitivityOptions, cnt *counter) ([]float64, error) {
	// The last turn is always summarised: no turns at all would mean
	// every turn.
	eo := ensemble.Options{Seed: o.seed, Runs: o.runs, Workers: o.workers, Turns: append([]int{-1}, turns...), Progress: cnt.step(o.runs)}
	var rep *validation.Report
	var st *ensemble.Stats
	var err error
	if split != nil {
		rep, st, err = validation.Validate(ctx, sc, validation.Options{Ensemble: eo, Until: validation.DefaultUntil, Extra: extra})
	} else {
		st, err = ensemble.Run(ctx, sc, eo)
	}
	if err != nil {
		return nil, err
	}
	var fit calibrate.Misfit
	if split != nil {
		if fit, _, err = split.Measure(rep); err != nil {
			return nil, err
		}
	}
	y := make([]float64, len(specs))
	for m, spec := range specs {
		switch spec.kind {
		case "metric":
			c, ok := st.At(spec.turn, spec.agent, spec.metric)
			if !ok {
				return nil, fmt.Errorf("%s was not summarised", spec.label)
			}
			y[m] = c.Mean
		case "score":
			y[m] = rep.Score.Share()
		case "misfit":
			y[m] = fit.Value
		case "pattern":
			y[m] = rep.Patterns[spec.pattern].Share
		}
	}
	return y, nil
}

// writeOutputs is a point's journal row, every number in full.
func writeOutputs(k int, x, y []float64) []string {
	row := []string{strconv.Itoa(k)}
	for _, v := range append(append([]float64(nil), x...), y...) {
		row = append(row, strconv.FormatFloat(v, 'g', -1, 64))
	}
	return row
}

// readOutputs reads point k's journal row back, checking its values.
func readOutputs(row []string, k int, x []float64, outputs int) ([]float64, error) {
	if len(row) != 1+len(x)+outputs {
		return nil, fmt.Errorf("point %d has %d columns, want %d", k, len(row), 1+len(x)+outputs)
	}
	for i, v := range x {
		if row[1+i] != strconv.FormatFloat(v, 'g', -1, 64) {
			return nil, fmt.Errorf("point %d has %s where the design has %s", k, row[1+i], strconv.FormatFloat(v, 'g', -1, 64))
		}
	}
	y := make([]float64, outputs)
	for m := range y {
		v, err := strconv.ParseFloat(row[1+len(x)+m], 64)
		if err != nil {
			return nil, fmt.Errorf("point %d: %w", k, err)
		}
		y[m] = v
	}
	return y, nil
}

// shardJournal is the file in which a shard of an analysis saves its
// points, for 'sim merge'.
const shardJournal = "points.journal"

// saveShard saves a finished shard's points: its journal, moved into the
// output folder whole.
func saveShard(e *env, j *journal.Journal, wd, out, shard string, points int) error {
	data, err := os.ReadFile(j.Path)
	if err != nil {
		return err
	}
	files, err := output.WriteFiles(out, []output.File{{Name: shardJournal, Write: func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	}}})
	if err != nil {
		return fmt.Errorf("could not save the shard, and %s was left as it was: %w\n(every point is kept in %s: run the same command with --resume to write it)", out, err, wd)
	}
	if err := j.Remove(); err != nil {
		fmt.Fprintf(e.err, "sim: note: the shard is saved, but its work folder %s could not be removed: %v\n", wd, err)
	}
	fmt.Fprintf(e.out, "Ran shard %s (%d points) and saved %s.\n", shard, points, files[0])
	fmt.Fprintf(e.out, "When every shard is done, join them with: sim merge DIR... --out DIR\nthen run this command without --shard, with --out DIR --resume, to write the analysis.\n")
	return nil
}
