package main

import (
	"caspian/internal/cli"
	"caspian/internal/jobs"
	"caspian/sweep"
	"flag"

	"caspian/output"
	"caspian/scenarios"
)

// calibrateOptions are the flags of sim calibrate.
type calibrateOptions struct {
	batchFlags
	params    []sweep.Param
	until     string
	testUntil string
	budget    int
	observed  string
	resume    bool
}

func calibrateFlags(o *calibrateOptions) *flag.FlagSet {
	fs := newFlagSet("calibrate")
	cli.Repeated(fs, &o.params, "param", "fit the scenario value at `PATH=LO:HI` (a path as for --set) within LO to HI; repeat for more values", sweep.ParseParam)
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

func calibrateCommand() *cli.Command {
	return helpText.Command("calibrate", &cli.Command{
		Sections: []cli.Section{{Title: "Files saved", Items: output.WithPNG(output.CalibrationFileNotes())}, limitSection(true, "runs")},
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
		o.budget = jobs.DefaultBudget(k)
	}
	if o.budget < k+2 {
		return cli.Usagef("calibrate", "--budget %d is too small to fit %d values: give at least %d", o.budget, k, k+2)
	}
	if err := checkRanges("calibrate", o.params); err != nil {
		return err
	}
	until, testUntil, err := jobs.FitWindow(o.until, o.testUntil)
	if err != nil {
		return asUsage("calibrate", err)
	}
	if err := o.checkFormat("calibrate"); err != nil {
		return err
	}
	r, err := jobs.NewCalibration(jobs.Calibrate{Arg: arg, Sets: o.sets, Limits: o.limits, Params: o.params,
		Observed: o.observed, Until: until, TestUntil: testUntil, Budget: o.budget, Seed: o.seed, Runs: o.runs,
		Workers: o.workers, Format: o.format, Out: o.out, Resume: o.resume, Version: version()}, e.Err)
	if err != nil {
		return asUsage("calibrate", err)
	}
	defer r.Close()
	return runJob[*jobs.CalibrationResult](e, r, nil)
}
