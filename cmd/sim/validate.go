package main

import (
	"caspian/internal/cli"
	"caspian/internal/jobs"
	"flag"
	"fmt"
	"math"

	"caspian/output"
	"caspian/scenarios"
	"caspian/sim"
)

// validateOptions are the flags of sim validate.
type validateOptions struct {
	batchFlags
	require  string
	until    string
	observed string
	robust   bool
}

func validateFlags(o *validateOptions) *flag.FlagSet {
	fs := newFlagSet("validate")
	o.bind(fs, batchHelp{
		seed:        "random seed `N` (default 1)",
		runs:        "run the scenario `N` times, 2 or more (at most the runs limit) (default 200)",
		runsDefault: 200,
		out:         "save the validation in folder `DIR` (default: out/validate- and the scenario's name)",
		format:      "draw the plots as `FORMAT`: png, svg or pdf (default png)",
	})
	fs.StringVar(&o.require, "require", "", "exit with status 1 when fewer than `SCORE` of the scored patterns hold: a share (0.8) or a percentage (80%)")
	fs.StringVar(&o.until, "until", "", "end the sample at `DATE`: patterns whose window ends later are shown but not scored (default 2013-12, the end of the record used to build the patterns)")
	fs.StringVar(&o.observed, "observed", "", "also set the observed yearly series in CSV `FILE` against the model: columns agent, metric, year, observed (the layout of series.csv)")
	fs.BoolVar(&o.robust, "robustness", false, "also run the ensemble with the choice temperature halved and doubled, and report how far each pattern's share of runs moves (3 times the runs)")
	return fs
}

func validateCommand() *cli.Command {
	return helpText.Command("validate", &cli.Command{
		Sections: []cli.Section{{Title: "Files saved", Items: output.WithPNG(output.ValidationFileNotes())}, limitSection(true, "runs")},
		Flags:    func() *flag.FlagSet { return validateFlags(new(validateOptions)) },
		Exec:     execValidate,
	})
}

func execValidate(e *cli.Env, args []string) error {
	var o validateOptions
	fs := validateFlags(&o)
	pos, err := cli.ParseArgs("validate", fs, args)
	if err != nil {
		return err
	}
	if err := o.check("validate", fs, 2, "shares of runs need several runs"); err != nil {
		return err
	}
	require := math.NaN()
	if o.require != "" {
		if require, err = jobs.ParseShare(o.require); err != nil {
			return cli.Usagef("validate", "--require %q: %v", o.require, err)
		}
	}
	var until sim.Date
	if o.until != "" {
		if until, err = sim.ParseDate(o.until); err != nil {
			return cli.Usagef("validate", "--until: %v", err)
		}
	}
	arg, err := scenarioArg("validate", pos, scenarios.Default)
	if err != nil {
		return err
	}
	j, err := jobs.Validate{Scenario: arg, Sets: o.sets, Limits: o.limits, Seed: o.seed, Runs: o.runs, Workers: o.workers,
		Until: until, Observed: o.observed, Robust: o.robust, Out: o.out, Format: o.format, Version: version()}.Open()
	if err != nil {
		return err
	}
	res, err := watch(e, j.Out, nil, j.Plan, j.Do)
	if err != nil {
		return err
	}
	output.WriteValidationSaved(e.Out, res.Report, res.Robustness, res.Run, j.Out, res.Files)
	if err := res.Meets(require); err != nil {
		// The score is the last line, where scripts' logs show it.
		fmt.Fprintf(e.Err, "sim: %s\n", err)
		return cli.Reported{Code: cli.ExitError}
	}
	return nil
}
