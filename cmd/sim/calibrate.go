package main

import (
	"caspian/internal/cli"
	"caspian/internal/jobs"
	"flag"

	"caspian/output"
	"caspian/scenarios"
	"caspian/sim"
	"caspian/validation"
)

// calibrateOptions are the flags of sim calibrate.
type calibrateOptions struct {
	batchFlags
	params    paramList
	until     string
	testUntil string
	budget    int
	observed  string
	resume    bool
}

func calibrateFlags(o *calibrateOptions) *flag.FlagSet {
	fs := newFlagSet("calibrate")
	fs.Var(&o.params, "param", "fit the scenario value at `PATH=LO:HI` (a path as for --set) within LO to HI; repeat for more values")
	fs.StringVar(&o.until, "until", "", "fit to the patterns whose window ends by `DATE` (default 2013-12, the end of the record the patterns were built from)")
	fs.StringVar(&o.testUntil, "test-until", "", "test the fit on the patterns whose window ends after --until and by `DATE` (default 2013-12; later patterns are never used)")
	o.bind(fs, batchHelp{
		seed:        "random seed `N` of the runs (default 1)",
		runs:        "run each candidate `N` times, with the same random draws for every candidate (default 40)",
		runsDefault: 40,
		out:         "save the calibration in folder `DIR` (default: out/calibrate- and the scenario's name)",
		set:         setUsage + "; applies to every candidate",
	})
	fs.IntVar(&o.budget, "budget", 0, "try at most `K` candidates (default 15 per value, at least 30)")
	fs.StringVar(&o.observed, "observed", "", "also fit the observed yearly series in CSV `FILE`: columns agent, metric, year, observed (the layout of series.csv)")
	fs.BoolVar(&o.resume, "resume", false, "finish a calibration that was interrupted: the candidates it had tried are read back, and the search goes on exactly as it would have")
	return fs
}

// calibrateFileNotes say what each file of a calibration holds.
var calibrateFileNotes = [][2]string{
	{"fitted.set", "the fitted values, one PATH = VALUE per line: pass it to run, compare, sweep or validate with --overlay"},
	{"fit.csv", "every fitted value: its range, where it started and where the fit put it"},
	{"misfit.csv", "the misfit of the start and of the fit on the fitted and the test patterns, on the search's random draws and on others"},
	{"patterns.csv", "every fitted and test pattern's misfit at the start and at the fit"},
	{"trace.csv", "every candidate tried, in order, with its misfit on the fitted and the test patterns"},
	{"summary.json", "the scenario, the settings, the ranges and the seed: what was run"},
	{"trace", "plot of the search: the misfit of each candidate, and where each value stood"},
}

func calibrateCommand() *cli.Command {
	return helpText.command("calibrate", &cli.Command{
		Sections: []cli.Section{{Title: "Files saved", Items: output.WithPNG(calibrateFileNotes)}, limitSection(true, "runs")},
		Flags:    func() *flag.FlagSet { return calibrateFlags(new(calibrateOptions)) },
		Exec:     execCalibrate,
	})
}

func execCalibrate(e *cli.Env, args []string) error {
	var o calibrateOptions
	fs := calibrateFlags(&o)
	pos, err := cli.ParseArgs("calibrate", fs, args)
	if err != nil {
		return err
	}
	arg, err := scenarioArg("calibrate", pos, scenarios.Default)
	if err != nil {
		return err
	}
	if len(o.params) == 0 {
		return cli.Usagef("calibrate", "name at least one value to fit, e.g. --param model.temperature=0.0002:0.005")
	}
	if err := o.checkCounts("calibrate", fs, 2, ""); err != nil {
		return err
	}
	k := len(o.params)
	if o.budget == 0 {
		o.budget = max(30, 15*k)
	}
	if o.budget < k+2 {
		return cli.Usagef("calibrate", "--budget %d is too small to fit %d values: give at least %d", o.budget, k, k+2)
	}
	if err := checkRanges("calibrate", o.params); err != nil {
		return err
	}
	until, testUntil := validation.DefaultUntil, validation.DefaultUntil
	if o.until != "" {
		if until, err = jobs.EndOf(o.until); err != nil {
			return cli.Usagef("calibrate", "--until %v", err)
		}
	}
	if o.testUntil != "" {
		if testUntil, err = jobs.EndOf(o.testUntil); err != nil {
			return cli.Usagef("calibrate", "--test-until %v", err)
		}
	}
	switch {
	case validation.DefaultUntil.Before(until) || validation.DefaultUntil.Before(testUntil):
		return cli.Usagef("calibrate", "--until and --test-until end by %s: later years are kept out of every fit", validation.DefaultUntil)
	case testUntil.Before(until):
		return cli.Usagef("calibrate", "--test-until (%s) comes before --until (%s)", testUntil, until)
	}
	if err := o.checkFormat("calibrate"); err != nil {
		return err
	}
	return runCalibration(e, arg, o, until, testUntil)
}

// runCalibration runs the calibration the flags o ask for, of the
// scenario arg, and saves it.
func runCalibration(e *cli.Env, arg string, o calibrateOptions, until, testUntil sim.Date) error {
	r, err := jobs.NewCalibration(jobs.Calibrate{Arg: arg, Sets: o.sets, Limits: o.limits.get(), Params: o.params,
		Observed: o.observed, Until: until, TestUntil: testUntil, Budget: o.budget, Seed: o.seed, Runs: o.runs,
		Workers: o.workers, Format: o.format, Out: o.out, Resume: o.resume, Version: version()}, e.Err)
	if err != nil {
		return asUsage("calibrate", err)
	}
	defer r.Close()
	ctx := cli.Interruptible()
	defer ctx.Stop()
	total := o.runs * o.budget
	bar := cli.NewProgress(e, total, "Calibrating "+r.Scenario())
	announce(e, bar, total, "Trying up to %d candidates of %d runs each on %d cores; this may take a while...", o.budget, o.runs, o.workers)
	res, err := r.Run(ctx, bar.Set, e.Err)
	bar.Close()
	if err != nil {
		return failed(e, ctx, err, r.Out())
	}
	res.Write(e.Out, calibrateFileNotes)
	return nil
}
