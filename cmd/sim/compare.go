package main

import (
	"caspian/internal/cli"
	"caspian/internal/jobs"
	"flag"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"caspian/ensemble"
	"caspian/output"
	"caspian/sim"
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
	dates, err := parseDates(o.at)
	if err != nil {
		return cli.Usagef("compare", "--at: %v", err)
	}
	return compareScenarios(e, pos, dates, o)
}

// parseDates reads a comma-separated list of dates.
func parseDates(s string) ([]string, error) {
	var out []string
	for _, d := range strings.Split(s, ",") {
		d = strings.TrimSpace(d)
		if d == "" {
			continue
		}
		if _, err := sim.ParseDate(d); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, nil
}

// openAll opens every scenario with the overrides, reporting the first
// that fails.
func openAll(args []string, sets setList, l jobs.Limits) ([]jobs.Scenario, error) {
	var out []jobs.Scenario
	for _, arg := range args {
		s, err := jobs.Open(arg, sets, l)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// turnsAt resolves the dates to snapshot indices of sc, the last turn
// included, without repeats.
func turnsAt(sc *sim.Scenario, name string, dates []string) ([]int, error) {
	cal := sc.Calendar
	n := cal.Turns()
	var out []int
	for _, d := range dates {
		date, _ := sim.ParseDate(d)
		t := cal.TurnOf(date)
		if t < 0 || t >= n {
			return nil, fmt.Errorf("--at %s: %s runs from %s to %s", d, name, cal.Label(0), cal.Label(n-1))
		}
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	if !slices.Contains(out, n-1) {
		out = append(out, n-1)
	}
	return out, nil
}

// compareScenarios runs every scenario with the same seeds, computes the
// comparison and saves it.
func compareScenarios(e *cli.Env, args []string, dates []string, o compareOptions) error {
	scs, err := openAll(args, o.sets, o.limits.get())
	if err != nil {
		return err
	}
	turns, err := comparedTurns(scs, dates)
	if err != nil {
		return err
	}
	if o.out == "" {
		o.out = compareOut(scs)
	}
	if err := jobs.CheckOut(o.out); err != nil {
		return err
	}
	c := &output.Comparison{Agent: scs[0].Sc.Focal, Seed: o.seed, Runs: o.runs, Version: version(), Format: o.format,
		Dates: dates, Overrides: o.sets.strings(), Reps: ensemble.ComparisonReps}
	ctx := cli.Interruptible()
	defer ctx.Stop()
	if err := runCompared(e, ctx, scs, turns, o, c); err != nil {
		return err
	}
	arms := make([]ensemble.Arm, len(c.Scenarios))
	for k, s := range c.Scenarios {
		arms[k] = ensemble.Arm{Name: s.Name, Stats: s.Stats, Turns: turns[k]}
	}
	rows := ensemble.Comparison{Arms: arms, Agent: c.Agent, Metrics: output.ComparedMetrics(), Seed: o.seed, Reps: ensemble.ComparisonReps}
	c.Rows = rows.Rows()
	files, err := output.WriteFiles(o.out, output.ComparisonFiles(c))
	if err != nil {
		return fmt.Errorf("could not save the comparison, and %s was left as it was: %w", o.out, err)
	}
	fmt.Fprintf(e.Out, "Compared %d scenarios (%s each, seed %d) and saved %d files in %s:\n",
		len(scs), plural(o.runs, "run"), o.seed, len(files), o.out)
	output.WriteFileList(e.Out, files, output.ComparisonFileNotes())
	output.WriteComparisonText(e.Out, c)
	if o.runs < 20 {
		fmt.Fprintf(e.Out, "\nWith only %d runs of each scenario the intervals are rough; use --runs 100 or more for conclusions.\n", o.runs)
	}
	return nil
}

// comparedTurns checks that every scenario has the baseline's focal
// state and resolves the dates on each one's calendar.
func comparedTurns(scs []jobs.Scenario, dates []string) ([][]int, error) {
	base := scs[0]
	turns := make([][]int, len(scs))
	for k, s := range scs {
		if s.Sc.Agent(base.Sc.Focal) == nil {
			return nil, fmt.Errorf("%s has no agent %q, the focal state of %s, so they cannot be compared", s.Name, base.Sc.Focal, base.Name)
		}
		var err error
		if turns[k], err = turnsAt(s.Sc, s.Name, dates); err != nil {
			return nil, err
		}
	}
	return turns, nil
}

// compareOut is the default folder of a comparison: out/compare- and
// the scenarios' names.
func compareOut(scs []jobs.Scenario) string {
	var parts []string
	for _, s := range scs {
		parts = append(parts, jobs.OutName(s.Arg, s.Name, s.Sc))
	}
	return filepath.Join("out", "compare-"+strings.Join(parts, "-"))
}

// runCompared runs the ensemble of every scenario, tracking the compared
// metrics at the compared turns, and adds each to c.
func runCompared(e *cli.Env, ctx *cli.Interruption, scs []jobs.Scenario, turns [][]int, o compareOptions, c *output.Comparison) error {
	total := o.runs * len(scs)
	bar := cli.NewProgress(e, total, "Comparing")
	announce(e, bar, total, "Running %d scenarios %d times each on %d cores; this may take a while...", len(scs), o.runs, min(o.workers, o.runs))
	cnt := &cli.Counter{P: bar}
	for k, s := range scs {
		track := ensemble.ComparedTracks(c.Agent, output.ComparedMetrics(), turns[k])
		st, err := runEnsemble(ctx, s.Sc, ensemble.Options{Seed: o.seed, Runs: o.runs, Workers: o.workers, Track: track}, cnt)
		if jobs.Interrupted(err) {
			bar.Close()
			return stopped(e, ctx, o.out)
		}
		if err != nil {
			bar.Close()
			return jobs.RunFailed(s.Name, err, jobs.Existing(o.out))
		}
		c.Scenarios = append(c.Scenarios, output.Compared{Name: s.Name, SHA256: s.SHA, Scenario: s.Sc, Stats: st})
	}
	bar.Close()
	return nil
}

// plural writes "1 run" or "n runs".
func plural(n int, what string) string { return output.Plural(n, what) }
