package main

import (
	"caspian/internal/cli"
	"caspian/internal/jobs"
	"context"
	"flag"
	"io"
	"slices"
	"strings"

	"caspian/output"
	"caspian/scenarios"
	"caspian/sweep"
)

// sweepOptions are the flags of sim sweep.
type sweepOptions struct {
	batchFlags
	params []sweep.Param
	design string
	points int
	metric string
	shard  string
	resume bool
}

func sweepFlags(o *sweepOptions) *flag.FlagSet {
	fs := newFlagSet("sweep")
	cli.Repeated(fs, &o.params, "param", "sweep the scenario value at `PATH=LO:HI[:N]` (a path as for --set) from LO to HI; N levels on a grid (default 5); repeat for more parameters", sweep.ParseParam)
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

func sweepCommand() *cli.Command {
	return helpText.Command("sweep", &cli.Command{
		Sections: []cli.Section{{Title: "Files saved", Items: output.WithPNG(output.SweepFileNotes())}, limitSection(true, "runs", "points")},
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
	if err := checkTwice("sweep", o.params); err != nil {
		return err
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
	d, err := jobs.SweepDesign(o.design, o.params, o.points, o.seed, o.limits.Points)
	if err != nil {
		return asUsage("sweep", err)
	}
	r, err := jobs.NewSweep(jobs.Sweep{Arg: arg, Sets: o.sets, Limits: o.limits, Design: d, Seed: o.seed, Runs: o.runs,
		Workers: o.workers, Metric: o.metric, Format: o.format, Out: o.out, Shard: shard, Shards: shards, Resume: o.resume,
		Version: version()}, e.Err)
	if err != nil {
		return err
	}
	defer r.Close()
	return runJob[*jobs.SweepResult](e, r, r.Check)
}

// job is a job ready to run, which saves a result that tells what it
// saved.
type job[R interface{ Write(io.Writer) }] interface {
	Plan() jobs.Plan
	Out() string
	Run(ctx context.Context, progress func(runs int), notes io.Writer) (R, error)
}

// runJob runs j (see watch) and prints what it saved.
func runJob[R interface{ Write(io.Writer) }](e *cli.Env, j job[R], check func(context.Context) error) error {
	res, err := watch(e, j.Out(), check, j.Plan, func(ctx context.Context, progress func(int)) (R, error) {
		return j.Run(ctx, progress, e.Err)
	})
	if err == nil {
		res.Write(e.Out)
	}
	return err
}
