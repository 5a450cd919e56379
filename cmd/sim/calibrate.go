package main

import (
	"caspian/internal/cli"
	"caspian/internal/jobs"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"caspian/calibrate"
	"caspian/output"
	"caspian/scenarios"
	"caspian/sim"
	"caspian/study"
	"caspian/sweep"
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
		if until, err = endOf(o.until); err != nil {
			return cli.Usagef("calibrate", "--until %v", err)
		}
	}
	if o.testUntil != "" {
		if testUntil, err = endOf(o.testUntil); err != nil {
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

// endOf reads a date that ends a period: a year alone means its last
// month, as in "fit to 2005, test on 2006-2013".
func endOf(s string) (sim.Date, error) {
	d, err := sim.ParseDate(s)
	if err == nil && len(strings.TrimSpace(s)) == 4 {
		d.Month = 12
	}
	return d, err
}

// newCalibration opens the scenario, reads the record and finds where
// each value starts; every problem is found before anything runs. It
// returns the calibration and the folder it is saved in.
func newCalibration(e *cli.Env, arg string, o calibrateOptions, until, testUntil sim.Date) (*study.Calibration, string, error) {
	l := o.limits.get()
	s, err := jobs.Open(arg, o.sets, l)
	if err != nil {
		return nil, "", err
	}
	c := &study.Calibration{Scenario: s.Name, Title: s.Sc.Title, SHA256: s.SHA, Version: version(), Overrides: o.sets.strings(),
		Observed: o.observed, Params: o.params, Until: until, TestUntil: testUntil,
		Runs: o.runs, Budget: o.budget, Workers: o.workers, Seed: o.seed, Format: o.format,
		Open: func(x []float64) (*sim.Scenario, error) { return openPoint(s, l, o.params, x, o.sets) }}
	if o.observed != "" {
		if c.Extra, err = readObservedFile(o.observed); err != nil {
			return nil, "", err
		}
	}
	starts, err := study.FindStarts(o.params, s.Sc, s.Data, o.sets)
	for _, st := range starts {
		noteStart(e, s.Name, st)
		c.Start = append(c.Start, st.Value)
	}
	if err != nil {
		return nil, "", cli.Usagef("calibrate", "--param %v", err)
	}
	if c.Split, err = calibrate.NewSplit(s.Sc, c.Extra, until, testUntil); err != nil {
		return nil, "", fmt.Errorf("%s: %w (the patterns are the [[patterns]] of the scenario and those of --observed)", s.Name, err)
	}
	if err := study.CheckCorners(study.BoxOf(o.params), c.Open); err != nil {
		return nil, "", fmt.Errorf("a --param range is outside what the scenario allows: %w", err)
	}
	out := o.out
	if out == "" {
		out = filepath.Join("out", "calibrate-"+jobs.OutName(arg, s.Name, s.Sc))
	}
	return c, out, jobs.CheckOut(out)
}

// noteStart tells where a value starts if not where the scenario has it.
func noteStart(e *cli.Env, name string, st study.Start) {
	p := st.Param
	switch {
	case st.Unset:
		fmt.Fprintf(e.Err, "sim: note: %s is not set in %s, so the search starts it at the middle of its range, %s\n", p.Path, name, sweep.Format(st.Value))
	case st.Outside:
		fmt.Fprintf(e.Err, "sim: note: %s is %s in %s, outside the range %s to %s; the search starts inside it\n",
			p.Path, sweep.Format(st.Value), name, sweep.Format(p.Lo), sweep.Format(p.Hi))
	}
}

func runCalibration(e *cli.Env, arg string, o calibrateOptions, until, testUntil sim.Date) error {
	c, out, err := newCalibration(e, arg, o, until, testUntil)
	if err != nil {
		return err
	}
	j, err := openWork(e, out, c.JournalHeader(), c.ValidEntry, o.resume, "calibration")
	if err != nil {
		return err
	}
	defer j.Close()
	if n := len(j.Finished()); n > 0 {
		fmt.Fprintf(e.Err, "Resuming: %d candidates were tried before; the search goes on from there.\n", n)
	}
	ctx := cli.Interruptible()
	defer ctx.Stop()
	total := o.runs * o.budget
	bar := cli.NewProgress(e, total, "Calibrating "+c.Scenario)
	announce(e, bar, total, "Trying up to %d candidates of %d runs each on %d cores; this may take a while...", o.budget, o.runs, o.workers)
	c.Progress = (&cli.Counter{P: bar}).Step
	res, rows, err := c.Search(ctx, j)
	bar.Close()
	if jobs.Interrupted(err) {
		j.Close()
		fmt.Fprintf(e.Err, "sim: %s; %d candidates are kept in %s: run the same command with --resume to go on; %s\n",
			signalWord(ctx), len(j.Finished()), j.Dir, leftAlone(out))
		return cli.Reported{Code: signalCode(ctx)}
	}
	if err != nil {
		return fmt.Errorf("%w\n(%d candidates are kept in %s; --resume goes on from there)", jobs.RunFailed(c.Scenario, err, jobs.Existing(out)), len(j.Finished()), j.Dir)
	}
	ch, err := c.Check(ctx, res)
	if jobs.Interrupted(err) {
		return stopped(e, ctx, jobs.Existing(out))
	}
	if err != nil {
		return jobs.RunFailed(c.Scenario, err, jobs.Existing(out))
	}
	t := c.Trace(res, rows)
	names, err := output.WriteFiles(out, c.Files(res, t, ch))
	if err != nil {
		return fmt.Errorf("could not save the calibration, and %s was left as it was: %w\n(every candidate is kept in %s: fix the problem and run the same command with --resume to write it)", out, err, j.Dir)
	}
	if err := j.Remove(); err != nil {
		fmt.Fprintf(e.Err, "sim: note: the calibration is saved, but its work folder %s could not be removed: %v\n", j.Dir, err)
	}
	how := "stopped at the budget"
	if res.Converged {
		how = "converged"
	}
	fmt.Fprintf(e.Out, "Calibrated %s (%d candidates of %s each, seed %d, %s) and saved %d files in %s:\n",
		c.Scenario, len(rows), plural(o.runs, "run"), o.seed, how, len(names), out)
	output.WriteFileList(e.Out, names, calibrateFileNotes)
	writeCalibrationSummary(e.Out, t, res.Best.X, ch.Rows)
	return nil
}

// writeCalibrationSummary prints where each value went and what the fit
// gained.
func writeCalibrationSummary(w io.Writer, t *output.CalibrationTrace, x []float64, check []output.MisfitRow) {
	fmt.Fprintf(w, "\nFitted values (start → fit, within the range):\n")
	width := 0
	for _, p := range t.Params {
		width = max(width, len(p.Path))
	}
	for i, p := range t.Params {
		fmt.Fprintf(w, "  %-*s  %s → %s   (%s to %s)\n", width, p.Path, output.Format(p.Start), output.Format(x[i]), output.Format(p.Lo), output.Format(p.Hi))
	}
	fmt.Fprintf(w, "\nMisfit (0: every pattern in every run), start → fit:\n")
	for _, c := range check {
		fmt.Fprintf(w, "  %s\n", c.Sentence())
	}
	if t.TestUntil != "" {
		fmt.Fprintf(w, "The test patterns end after %s and by %s: the fit never saw them.\n", t.Until, t.TestUntil)
	}
}
