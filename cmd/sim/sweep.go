package main

import (
	"caspian/internal/cli"
	"caspian/internal/jobs"
	"errors"
	"flag"
	"fmt"
	"slices"
	"strings"
	"syscall"

	"caspian/output"
	"caspian/scenarios"
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

// runSweep runs the sweep of design d of the scenario arg, or shard
// shard/shards of it, and saves it.
func runSweep(e *cli.Env, arg string, d *sweep.Design, shard, shards int, o sweepOptions) error {
	r, err := jobs.NewSweep(jobs.Sweep{Arg: arg, Sets: o.sets, Limits: o.limits.get(), Design: d, Seed: o.seed, Runs: o.runs,
		Workers: o.workers, Metric: o.metric, Format: o.format, Out: o.out, Shard: shard, Shards: shards, Resume: o.resume,
		Version: version()}, e.Err)
	if err != nil {
		return err
	}
	defer r.Close()
	ctx := cli.Interruptible()
	defer ctx.Stop()
	if err := r.Check(ctx); err != nil {
		return failed(e, ctx, err, r.Out())
	}
	total := o.runs * r.Todo()
	bar := cli.NewProgress(e, total, "Sweeping")
	announce(e, bar, total, "Running %d points %d times each on %d cores; this may take a while...", r.Todo(), o.runs, o.workers)
	res, err := r.Run(ctx, bar.Set, e.Err)
	bar.Close()
	if err != nil {
		return failed(e, ctx, err, r.Out())
	}
	res.Write(e.Out, sweepFileNotes)
	return nil
}

// failed is the error of a job that stopped before it saved: a job the
// signal stopped says so, with what was kept for --resume, and exits with
// the signal's status; out is the job's output folder.
func failed(e *cli.Env, ctx *cli.Interruption, err error, out string) error {
	var kept *jobs.Kept
	switch {
	case errors.As(err, &kept):
		fmt.Fprintf(e.Err, "sim: %s; %v\n", signalWord(ctx), kept)
		return cli.Reported{Code: signalCode(ctx)}
	case jobs.Interrupted(err):
		return stopped(e, ctx, jobs.Existing(out))
	}
	return err
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
