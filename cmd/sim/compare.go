package main

import (
	"caspian/internal/cli"
	"caspian/internal/jobs"
	"flag"

	"caspian/output"
)

// compareOptions are the flags of sim compare.
type compareOptions struct {
	batchFlags
	at string
}

func compareFlags(o *compareOptions) *flag.FlagSet {
	fs := newFlagSet("compare")
	o.bind(fs, batchHelp{
		seed:        "random seed `N`; every scenario runs the same seeds (default 1)",
		runs:        "run each scenario `N` times, 2 or more (at most the runs limit); the more runs, the narrower the intervals (default 100)",
		runsDefault: 100,
		out:         "save the comparison in folder `DIR` (default: out/compare- and the scenarios' names)",
		set:         setUsage + "; applies to every scenario",
	})
	fs.StringVar(&o.at, "at", "", "also compare at these `DATES`, comma-separated: 2008,2014-Q3 (the end is always compared)")
	return fs
}

func compareCommand() *cli.Command {
	return helpText.Command("compare", &cli.Command{
		Sections: []cli.Section{{Title: "Files saved", Items: output.WithPNG(output.ComparisonFileNotes())}, limitSection(true, "runs")},
		Flags:    func() *flag.FlagSet { return compareFlags(new(compareOptions)) },
		Exec:     execCompare,
	})
}

func execCompare(e *cli.Env, args []string) error {
	var o compareOptions
	fs := compareFlags(&o)
	pos, err := cli.ParseArgs("compare", fs, args)
	if err != nil {
		return err
	}
	if len(pos) < 2 {
		return cli.Usagef("compare", "compare needs at least two scenarios, the baseline first, e.g. 'sim compare azerbaijan-1991 no-southern-corridor'")
	}
	if err := o.check("compare", fs, 2, "the intervals need several runs of each scenario"); err != nil {
		return err
	}
	dates, err := jobs.ParseDates(o.at)
	if err != nil {
		return cli.Usagef("compare", "--at: %v", err)
	}
	j, err := jobs.Compare{Scenarios: pos, Sets: o.sets, Limits: o.limits, Seed: o.seed, Runs: o.runs, Workers: o.workers,
		Dates: dates, Out: o.out, Format: o.format, Version: version()}.Open()
	if err != nil {
		return err
	}
	res, err := watch(e, j.Out, nil, j.Plan, j.Do)
	if err != nil {
		return err
	}
	output.WriteComparisonSaved(e.Out, res.Comparison, j.Out, res.Files)
	return nil
}
