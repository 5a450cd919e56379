package main

import (
	"caspian/internal/cli"
	"caspian/internal/jobs"
	"flag"
	"fmt"
	"runtime"

	"caspian/output"
	"caspian/scenarios"
)

// slowRuns is the ensemble size from which a run takes long enough that
// the user should be told it has started.
const slowRuns = 20

// runOptions are the flags of sim run.
type runOptions struct {
	batchFlags
	keep bool
}

func runFlags(o *runOptions) *flag.FlagSet {
	fs := newFlagSet("run")
	o.bind(fs, batchHelp{
		seed:        "random seed `N`: the same seed gives the same results, another seed other random draws (default 1)",
		runs:        "run the scenario `N` times (at most the runs limit); with more than one run the plots show the median and the range of the middle 90% of runs (default 1)",
		runsDefault: 1,
		workers:     fmt.Sprintf("use `N` processor cores at once; this changes the speed, never the results (default %d, all this computer has)", runtime.NumCPU()),
		out:         "save the results in folder `DIR`, replacing the results of an earlier run there (default: out/ and the scenario's name)",
		format:      "draw the plots as `FORMAT`: png (pictures), svg (for web pages) or pdf (for printing) (default png)",
	})
	fs.BoolVar(&o.keep, "keep-runs", false,
		"save every run in timeseries.csv and events.csv, not only run 0 (at most the kept-runs limit; 100 000 runs would take gigabytes)")
	return fs
}

func runCommand() *cli.Command {
	return helpText.Command("run", &cli.Command{
		Sections: []cli.Section{{Title: "Files saved", Items: output.WithPNG(output.RunFileNotes())}, limitSection(true, "runs", "kept-runs")},
		Flags:    func() *flag.FlagSet { return runFlags(new(runOptions)) },
		Exec:     execRun,
	})
}

func execRun(e *cli.Env, args []string) error {
	var o runOptions
	fs := runFlags(&o)
	pos, err := cli.ParseArgs("run", fs, args)
	if err != nil {
		return err
	}
	if err := o.check(fs); err != nil {
		return err
	}
	arg, err := scenarioArg("run", pos, scenarios.Default)
	if err != nil {
		return err
	}
	j, err := jobs.Run{Scenario: arg, Sets: o.sets, Limits: o.limits, Seed: o.seed, Runs: o.runs, Workers: o.workers,
		KeepRuns: o.keep, Out: o.out, Format: o.format, Version: version()}.Open()
	if err != nil {
		return err
	}
	res, err := watch(e, j.Out, nil, j.Plan, j.Do)
	if err != nil {
		return err
	}
	output.WriteRunSaved(e.Out, res.Report, j.Out, res.Files)
	return nil
}

// check validates the flags that parsing alone cannot.
func (o *runOptions) check(fs *flag.FlagSet) error {
	if err := o.checkCounts("run", fs, 1, ""); err != nil {
		return err
	}
	if l := o.limits; o.keep && o.runs > l.KeptRuns {
		return cli.Usagef("run", "--keep-runs keeps every run in memory, so it takes at most %d runs, not %d (raise the limit with --limit kept-runs=%d); without it quantiles.csv summarises any number", l.KeptRuns, o.runs, o.runs)
	}
	return o.checkFormat("run")
}

// isSet reports whether the user gave flag name, so that an empty
// --out= is told apart from no --out at all.
func isSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}
