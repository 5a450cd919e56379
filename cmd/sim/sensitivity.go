package main

import (
	"caspian/internal/cli"
	"caspian/internal/jobs"
	"flag"

	"caspian/output"
	"caspian/scenarios"
	"caspian/sweep"
)

// sensitivityOptions are the flags of sim sensitivity.
type sensitivityOptions struct {
	batchFlags
	params   []sweep.Param
	method   string
	outputs  []string
	samples  int
	observed string
	shard    string
	resume   bool
}

func sensitivityFlags(o *sensitivityOptions) *flag.FlagSet {
	fs := newFlagSet("sensitivity")
	cli.Repeated(fs, &o.params, "param", "vary the scenario value at `PATH=LO:HI` (a path as for --set) uniformly from LO to HI; repeat for more values", sweep.ParseParam)
	fs.StringVar(&o.method, "method", "morris", "`METHOD`: morris (elementary effects: a screening, 10 trajectories by default) or sobol (variance shares with bootstrap intervals, 32 base samples by default) (default morris)")
	cli.Repeated(fs, &o.outputs, "output", "the `OUTPUT` whose sensitivity to report: METRIC@DATE (the focal state's alignment, security, energy, revenue, supply_security, stability, arms or utility; AGENT.METRIC@DATE for another), score (the share of the record's patterns that hold), misfit (as sim calibrate measures it), or pattern:ID (the share of runs in which a pattern holds); repeat for more (default: alignment@2013-12, or at the calendar's end if sooner, and score and misfit if the scenario has patterns)", func(v string) (string, error) { return v, nil })
	fs.IntVar(&o.samples, "samples", 0, "Morris trajectories, or Sobol base samples `N` (default 10 and 32)")
	o.bind(fs, batchHelp{
		seed:        "random seed `N` of the design and of the runs (default 1)",
		runs:        "run each point `N` times, with the same random draws at every point (default 20)",
		runsDefault: 20,
		out:         "save the analysis in folder `DIR` (default: out/sensitivity- and the scenario's name)",
		set:         setUsage + "; applies to every point",
	})
	fs.StringVar(&o.observed, "observed", "", "also count the observed yearly series in CSV `FILE` among the patterns of score and misfit")
	fs.StringVar(&o.shard, "shard", "", "run only shard `I/N` of the points (0 ≤ I < N), for a cluster; join the shards with 'sim merge', then finish with --resume")
	fs.BoolVar(&o.resume, "resume", false, "finish an analysis that was interrupted, or whose shards 'sim merge' joined: run only the points it had not finished")
	return fs
}

func sensitivityCommand() *cli.Command {
	return helpText.Command("sensitivity", &cli.Command{
		Sections: []cli.Section{{Title: "Files saved", Items: output.WithPNG(output.SensitivityFileNotes())}, limitSection(true, "runs", "points")},
		Flags:    func() *flag.FlagSet { return sensitivityFlags(new(sensitivityOptions)) },
		Exec:     execSensitivity,
	})
}

func execSensitivity(e *cli.Env, args []string) error {
	var o sensitivityOptions
	fs := sensitivityFlags(&o)
	pos, err := cli.ParseArgs("sensitivity", fs, args)
	if err != nil {
		return err
	}
	arg, err := scenarioArg("sensitivity", pos, scenarios.Default)
	if err != nil {
		return err
	}
	switch {
	case len(o.params) == 0:
		return cli.Usagef("sensitivity", "name at least one value to vary, e.g. --param model.temperature=0.00015:0.0006")
	case o.method != "morris" && o.method != "sobol":
		return cli.Usagef("sensitivity", "--method must be morris or sobol, not %q", o.method)
	case o.samples < 0 || (o.samples > 0 && o.samples < 2):
		return cli.Usagef("sensitivity", "--samples must be at least 2, not %d", o.samples)
	}
	if err := o.checkCounts("sensitivity", fs, 1, ""); err != nil {
		return err
	}
	if o.shard != "" {
		if _, _, err := sweep.ParseShard(o.shard); err != nil {
			return cli.Usagef("sensitivity", "--shard %v", err)
		}
	}
	if err := checkRanges("sensitivity", o.params); err != nil {
		return err
	}
	if err := o.checkFormat("sensitivity"); err != nil {
		return err
	}
	r, err := jobs.NewSensitivity(jobs.Sensitivity{Arg: arg, Sets: o.sets, Limits: o.limits, Params: o.params,
		Outputs: o.outputs, Observed: o.observed, Method: o.method, Samples: o.samples, Seed: o.seed, Runs: o.runs,
		Workers: o.workers, Format: o.format, Out: o.out, Shard: o.shard, Resume: o.resume, Version: version()}, e.Err)
	if err != nil {
		return asUsage("sensitivity", err)
	}
	defer r.Close()
	return runJob[*jobs.SensitivityResult](e, r, nil)
}
