package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

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
}

func sweepFlags(o *sweepOptions) *flag.FlagSet {
	fs := newFlagSet("sweep")
	fs.Var(&o.params, "param", "sweep the scenario value at `PATH=LO:HI[:N]` (a path as for --set) from LO to HI; N levels on a grid (default 5); repeat for more parameters")
	fs.StringVar(&o.design, "design", "grid", "`DESIGN` of the points: grid (every combination of the levels) or lhs (a Latin hypercube of --points points) (default grid)")
	fs.IntVar(&o.points, "points", 0, "number of points `K` of a Latin hypercube (default 10 per parameter)")
	fs.IntVar(&o.runs, "runs", 20, fmt.Sprintf("run each point `N` times, 1 to %d, with the same random draws at every point (default 20)", maxRuns))
	fs.Uint64Var(&o.seed, "seed", 1, "random seed `N` of the runs and of a Latin hypercube (default 1)")
	fs.IntVar(&o.workers, "workers", runtime.NumCPU(),
		fmt.Sprintf("use `N` processor cores at once; this changes the speed, never the results (default %d)", runtime.NumCPU()))
	fs.StringVar(&o.out, "out", "", "save the sweep in folder `DIR` (default: out/sweep- and the scenario's name)")
	fs.StringVar(&o.format, "format", "png", "draw the plot as `FORMAT`: png, svg or pdf (default png)")
	fs.StringVar(&o.metric, "metric", "alignment", "the focal state's `METRIC` the heat map shows: alignment, security or energy (default alignment)")
	fs.StringVar(&o.shard, "shard", "", "run only shard `I/N` of the points (0 ≤ I < N), for a cluster; join the shards with 'sim merge'")
	fs.Var(&o.sets, "set", setUsage+"; applies to every point")
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
result is exactly what one machine would have written.`,
		sections: []section{{title: "Files saved", items: withPNG(sweepFileNotes)}},
		examples: []example{
			{"sim sweep --param agents.AZE.threat_response=-1:1:9", "Azerbaijan's response to its threat response, 9 levels"},
			{"sim sweep --param agents.AZE.ideal=-1:1:4 --param agents.GEO.ideal=-1:1:4", "a 4 × 4 heat map"},
			{"sim sweep --design lhs --points 30 --param agents.AZE.ideal=-1:1", "a Latin hypercube of 30 points"},
			{"sim sweep --param model.temperature=0:0.002:8 --shard 2/4 --out shard-2", "the third of four shards"},
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
	arg := scenarios.Default
	switch len(pos) {
	case 0:
	case 1:
		arg = pos[0]
	default:
		return usagef("sweep", "sweep takes one scenario, but got %d: %s", len(pos), strings.Join(pos, " "))
	}
	switch {
	case len(o.params) == 0:
		return usagef("sweep", "name at least one parameter to sweep, e.g. --param agents.AZE.threat_response=-1:1:5")
	case o.runs < 1 || o.runs > maxRuns:
		return usagef("sweep", "--runs must be between 1 and %d, not %d", maxRuns, o.runs)
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
	if o.design == "grid" {
		d, err = sweep.Grid(o.params)
	} else {
		if o.points == 0 {
			o.points = 10 * len(o.params)
		}
		d, err = sweep.LHS(o.params, o.points, o.seed)
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
	base, data, name, err := scenarios.Open(arg, o.sets...)
	if err != nil {
		return scenarioError(name, err)
	}
	points := make([]int, len(d.Points))
	for k := range points {
		points[k] = k
	}
	if shards > 0 {
		points = d.Shard(shard, shards)
	}
	// Every point is checked before anything runs.
	scs := make([]*sim.Scenario, len(points))
	for j, k := range points {
		sc, _, _, err := scenarios.Open(arg, pointSets(d, k, o.sets)...)
		if err != nil {
			return fmt.Errorf("%s: %w", describePoint(d, k), scenarioError(name, err))
		}
		scs[j] = sc
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
	sum := sweepSummary(base, data, name, d, o)
	if shards > 0 {
		sum.Shard = fmt.Sprintf("%d/%d", shard, shards)
		sum.ShardPoints = points
		if len(points) == 0 {
			sum.ShardPoints = []int{}
		}
	}

	ctx, stop := interruptible()
	defer stop()
	total := o.runs * len(points)
	bar := newProgress(e, total, "Sweeping")
	announce(e, bar, total, "Running %d points %d times each on %d cores; this may take a while...", len(points), o.runs, o.workers)
	stats, err := runPoints(ctx, scs, o, bar)
	bar.close()
	if interrupted(err) {
		return stopped(e, o.out)
	}
	if err != nil {
		return fmt.Errorf("running %s failed, so nothing was saved: %w", name, err)
	}
	table := &output.SweepTable{Header: output.SweepHeader(paramPaths(d))}
	for j, k := range points {
		table.Rows = append(table.Rows, sweepRows(d, k, stats[j])...)
	}
	files, err := output.WriteFiles(o.out, output.SweepFiles(sum, table))
	if err != nil {
		return fmt.Errorf("could not save the sweep, and %s was left as it was: %w", o.out, err)
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

// paramPaths are the parameters' paths, the columns of sweep.csv.
func paramPaths(d *sweep.Design) []string {
	var out []string
	for _, p := range d.Params {
		out = append(out, p.Path)
	}
	return out
}

// sweepSummary describes the whole sweep.
func sweepSummary(sc *sim.Scenario, data []byte, name string, d *sweep.Design, o sweepOptions) *output.SweepSummary {
	s := &output.SweepSummary{
		Command: "sweep", Scenario: name, ScenarioName: sc.Name, Title: sc.Title, SHA256: sha(data),
		Version: version(), Seed: o.seed, Design: d.Kind, Points: len(d.Points), RunsPerPoint: o.runs,
		Overrides: o.sets.strings(), Focal: sc.Focal, FocalName: sc.Focal,
		NegativeLabel: sc.Axis.NegativeLabel, PositiveLabel: sc.Axis.PositiveLabel,
		Metric: o.metric, Format: o.format,
		Outputs:  "every agent's alignment, security and energy at the last turn across the runs of each point",
		SeedRule: output.SweepSeedRule, RunSeeds: output.SweepRunSeeds(o.seed, o.runs),
	}
	if s.Title == "" {
		s.Title = name
	}
	producer := false
	if spec := agentSpec(sc, sc.Focal); spec != nil {
		if spec.Name != "" {
			s.FocalName = spec.Name
		}
		producer = slices.Contains(spec.Roles, "producer") || slices.Contains(spec.Roles, "transit")
	}
	s.EnergyLabel = output.EnergyLabel(producer)
	for _, p := range d.Params {
		s.Params = append(s.Params, output.SweepParam{Path: p.Path, Lo: p.Lo, Hi: p.Hi, Levels: p.Levels})
	}
	return s
}

// runPoints runs every scenario's ensemble, several at once when there
// are more cores than runs per point; each point's results are the same
// whatever the order.
func runPoints(ctx context.Context, scs []*sim.Scenario, o sweepOptions, bar *progress) ([]*ensemble.Stats, error) {
	parallel := max(1, min(len(scs), o.workers/o.runs))
	per := max(1, o.workers/parallel)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	out := make([]*ensemble.Stats, len(scs))
	errs := make([]error, len(scs))
	var mu sync.Mutex
	done := make([]int, len(scs))
	total := 0
	next := make(chan int)
	var wg sync.WaitGroup
	for range parallel {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range next {
				out[j], errs[j] = ensemble.Run(ctx, scs[j], ensemble.Options{
					Seed: o.seed, Runs: o.runs, Workers: per, Turns: []int{-1},
					Progress: func(n int) {
						mu.Lock()
						total += n - done[j]
						done[j] = n
						bar.set(total)
						mu.Unlock()
					},
				})
				if errs[j] != nil {
					cancel()
				}
			}
		}()
	}
	for j := range scs {
		if ctx.Err() != nil {
			break
		}
		next <- j
	}
	close(next)
	wg.Wait()
	for j, err := range errs {
		if err != nil && !interrupted(err) {
			return nil, fmt.Errorf("point %d: %w", j, err)
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return out, nil
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
	np := len(s.Params)
	lo, hi := math.Inf(1), math.Inf(-1)
	var at [2]string
	for _, r := range t.Rows {
		if r[np+1] != s.Focal || r[np+2] != s.Metric {
			continue
		}
		v, err := strconv.ParseFloat(r[np+3+3+2], 64) // p50
		if err != nil {
			continue
		}
		where := strings.Join(r[1:1+np], ", ")
		if v < lo {
			lo, at[0] = v, where
		}
		if v > hi {
			hi, at[1] = v, where
		}
	}
	if math.IsInf(lo, 0) {
		return
	}
	fmt.Fprintf(w, "\n%s's median %s at the end runs from %.2f (at %s = %s) to %.2f (at %s = %s).\n",
		s.FocalName, s.Metric, lo, strings.Join(paramNames(s), ", "), at[0], hi, strings.Join(paramNames(s), ", "), at[1])
}

func paramNames(s *output.SweepSummary) []string {
	var out []string
	for _, p := range s.Params {
		out = append(out, p.Path)
	}
	return out
}
