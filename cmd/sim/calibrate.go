package main

import (
	"caspian/internal/journal"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"caspian/calibrate"
	"caspian/ensemble"
	"caspian/output"
	"caspian/scenarios"
	"caspian/sim"
	"caspian/sweep"
	"caspian/validation"
)

// calibrateOptions are the flags of sim calibrate.
type calibrateOptions struct {
	params    paramList
	until     string
	testUntil string
	runs      int
	budget    int
	seed      uint64
	workers   int
	out       string
	format    string
	observed  string
	resume    bool
	sets      setList
	limits    limitFlag
}

func calibrateFlags(o *calibrateOptions) *flag.FlagSet {
	fs := newFlagSet("calibrate")
	fs.Var(&o.params, "param", "fit the scenario value at `PATH=LO:HI` (a path as for --set) within LO to HI; repeat for more values")
	fs.StringVar(&o.until, "until", "", "fit to the patterns whose window ends by `DATE` (default 2013-12, the end of the record the patterns were built from)")
	fs.StringVar(&o.testUntil, "test-until", "", "test the fit on the patterns whose window ends after --until and by `DATE` (default 2013-12; later patterns are never used)")
	fs.IntVar(&o.runs, "runs", 40, "run each candidate `N` times, with the same random draws for every candidate (default 40)")
	fs.IntVar(&o.budget, "budget", 0, "try at most `K` candidates (default 15 per value, at least 30)")
	fs.Uint64Var(&o.seed, "seed", 1, "random seed `N` of the runs (default 1)")
	fs.IntVar(&o.workers, "workers", runtime.NumCPU(),
		fmt.Sprintf("use `N` processor cores at once; this changes the speed, never the results (default %d)", runtime.NumCPU()))
	fs.StringVar(&o.out, "out", "", "save the calibration in folder `DIR` (default: out/calibrate- and the scenario's name)")
	fs.StringVar(&o.format, "format", "png", "draw the plot as `FORMAT`: png, svg or pdf (default png)")
	fs.StringVar(&o.observed, "observed", "", "also fit the observed yearly series in CSV `FILE`: columns agent, metric, year, observed (the layout of series.csv)")
	fs.BoolVar(&o.resume, "resume", false, "finish a calibration that was interrupted: the candidates it had tried are read back, and the search goes on exactly as it would have")
	fs.Var(&o.sets, "set", setUsage+"; applies to every candidate")
	fs.Var(&overlayFlag{sets: &o.sets}, "overlay", overlayUsage)
	fs.Var(&o.limits, "limit", limitUsage)
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

func calibrateCommand() *command {
	return &command{
		name:    "calibrate",
		args:    "[SCENARIO] --param PATH=LO:HI ... [FLAGS]",
		summary: "fit a scenario's uncertain values to the record it depicts",
		about: `Searches for the values of the --param paths, each within its range,
that bring the scenario's runs closest to its [[patterns]], the dated
facts and observed series of the record. Each candidate is run --runs
times with the same random draws, so that candidates differ only by
their values, and scored by its misfit: for a fact, the share of runs
in which it did not happen, a dated fact counting less the further it
fell from its date (nothing at two years); for a series, the distance
of the median path from the record as a share of the record's range;
averaged over the patterns. The search is the Nelder-Mead simplex method, started
from the scenario's own values.

Only patterns whose window ends by --until are fitted. Those ending after
it and by --test-until are the test: with --until 2005, the years
2006-2013 judge the fit on facts it never saw. Patterns after 2013 are
never used.

At the end the start and the fit are scored again on other random draws
(--seed plus 1): a fit that only suits the draws it was searched with
gains nothing there. The fitted values are saved as fitted.set, which
run, compare, sweep, validate and play take with --overlay. Each candidate is kept on disk as soon
as it is scored; after an interruption, the same command with --resume
goes on from where it stopped and ends exactly where an uninterrupted
search would have.`,
		sections: []section{{title: "Files saved", items: withPNG(calibrateFileNotes)}, limitSection(true, "runs")},
		examples: []example{
			{"sim calibrate --param model.temperature=0.0002:0.005", "fit the choice temperature to the record to 2013"},
			{"sim calibrate --param agents.AZE.ideal=-1:1 --until 2005", "fit to 2005, test on 2006-2013"},
			{"sim validate --overlay out/calibrate-azerbaijan-1991/fitted.set", "score the fitted scenario"},
		},
		flags: func() *flag.FlagSet { return calibrateFlags(new(calibrateOptions)) },
		exec:  execCalibrate,
	}
}

func execCalibrate(e *env, args []string) error {
	var o calibrateOptions
	fs := calibrateFlags(&o)
	pos, err := parseArgs("calibrate", fs, args)
	if err != nil {
		return err
	}
	arg, err := scenarioArg("calibrate", pos, scenarios.Default)
	if err != nil {
		return err
	}
	switch {
	case len(o.params) == 0:
		return usagef("calibrate", "name at least one value to fit, e.g. --param model.temperature=0.0002:0.005")
	case o.runs < 2:
		return usagef("calibrate", "--runs must be at least 2, not %d", o.runs)
	case o.runs > o.limits.get().runs:
		return usagef("calibrate", "--runs %d is more than the limit of %d runs (raise it with --limit runs=%d)", o.runs, o.limits.get().runs, o.runs)
	case o.workers < 1:
		return usagef("calibrate", "--workers must be at least 1, not %d", o.workers)
	case o.out == "" && isSet(fs, "out"):
		return usagef("calibrate", "--out needs a folder name")
	}
	k := len(o.params)
	if o.budget == 0 {
		o.budget = max(30, 15*k)
	}
	if o.budget < k+2 {
		return usagef("calibrate", "--budget %d is too small to fit %d values: give at least %d", o.budget, k, k+2)
	}
	if err := checkRanges("calibrate", o.params); err != nil {
		return err
	}
	until, testUntil := validation.DefaultUntil, validation.DefaultUntil
	if o.until != "" {
		if until, err = endOf(o.until); err != nil {
			return usagef("calibrate", "--until %v", err)
		}
	}
	if o.testUntil != "" {
		if testUntil, err = endOf(o.testUntil); err != nil {
			return usagef("calibrate", "--test-until %v", err)
		}
	}
	switch {
	case validation.DefaultUntil.Before(until) || validation.DefaultUntil.Before(testUntil):
		return usagef("calibrate", "--until and --test-until end by %s: later years are kept out of every fit", validation.DefaultUntil)
	case testUntil.Before(until):
		return usagef("calibrate", "--test-until (%s) comes before --until (%s)", testUntil, until)
	}
	o.format = strings.ToLower(o.format)
	if !slices.Contains(output.Formats(), o.format) {
		return usagef("calibrate", "--format must be one of %s, not %q", strings.Join(output.Formats(), ", "), o.format)
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

// scored is a candidate's misfit on the fitted and the test patterns.
type scored struct {
	fit, test calibrate.Misfit
	rep       *validation.Report
}

// calibration is one sim calibrate job: the scenario, the part of its
// record to fit and to test, and the box the search moves in.
type calibration struct {
	e                *env
	arg              string
	o                calibrateOptions
	l                limits
	s                opened
	extra            []sim.PatternSpec
	split            *calibrate.Split
	box              calibrate.Box
	start            []float64
	until, testUntil sim.Date
}

// newCalibration opens the scenario, reads the record and finds where
// each value starts; every problem is found before anything runs.
func newCalibration(e *env, arg string, o calibrateOptions, until, testUntil sim.Date) (*calibration, error) {
	c := &calibration{e: e, arg: arg, o: o, l: o.limits.get(), until: until, testUntil: testUntil}
	var err error
	if c.s, err = openScenario(arg, o.sets, c.l); err != nil {
		return nil, err
	}
	if o.observed != "" {
		if c.extra, err = readObservedFile(o.observed); err != nil {
			return nil, err
		}
	}
	if err := c.findStart(); err != nil {
		return nil, err
	}
	if c.split, err = calibrate.NewSplit(c.s.sc, c.extra, until, testUntil); err != nil {
		return nil, fmt.Errorf("%s: %w (the patterns are the [[patterns]] of the scenario and those of --observed)", c.s.name, err)
	}
	// Every candidate is a scenario checked like a file: the ends of the
	// ranges are checked now, so that a range the model refuses stops the
	// search before it starts.
	for _, end := range [][]float64{c.box.Lo, c.box.Hi} {
		if _, err := c.open(end); err != nil {
			return nil, fmt.Errorf("a --param range is outside what the scenario allows: %w", err)
		}
	}
	if c.o.out == "" {
		c.o.out = filepath.Join("out", "calibrate-"+outName(arg, c.s.name, c.s.sc))
	}
	return c, checkOut(c.o.out)
}

// findStart sets the box and the start: each value where the scenario
// has it, or the middle of its range if the scenario leaves it unset.
func (c *calibration) findStart() error {
	for _, p := range c.o.params {
		c.box.Names = append(c.box.Names, p.Path)
		c.box.Lo, c.box.Hi = append(c.box.Lo, p.Lo), append(c.box.Hi, p.Hi)
		v, err := scenarios.NumberAt(c.s.sc, c.s.data, c.o.sets, p.Path)
		switch {
		case errors.Is(err, scenarios.ErrNotSet):
			v = (p.Lo + p.Hi) / 2
			fmt.Fprintf(c.e.err, "sim: note: %s is not set in %s, so the search starts it at the middle of its range, %s\n", p.Path, c.s.name, sweep.Format(v))
		case err != nil:
			return usagef("calibrate", "--param %v", err)
		case v < p.Lo || v > p.Hi:
			fmt.Fprintf(c.e.err, "sim: note: %s is %s in %s, outside the range %s to %s; the search starts inside it\n",
				p.Path, sweep.Format(v), c.s.name, sweep.Format(p.Lo), sweep.Format(p.Hi))
		}
		c.start = append(c.start, v)
	}
	return nil
}

// open opens the scenario with the values x.
func (c *calibration) open(x []float64) (*sim.Scenario, error) {
	return openPoint(c.s, c.l, c.o.params, x, c.o.sets)
}

// params are the ranges as summaries and journals record them.
func (c *calibration) params() []output.SweepParam {
	var out []output.SweepParam
	for _, p := range c.o.params {
		out = append(out, output.SweepParam{Path: p.Path, Lo: p.Lo, Hi: p.Hi})
	}
	return out
}

// journal opens the journal of the search: everything that decides which
// candidates it tries and how they score.
func (c *calibration) journal() (*journal.Journal, error) {
	header := []string{"evaluation"}
	header = append(header, c.box.Names...)
	header = append(header, "fit", "fit_held", "fit_patterns", "test", "test_held", "test_patterns")
	o := c.o
	h := &journal.Header{Format: journal.Format, Scenario: c.s.name, SHA256: c.s.sha, Version: version(), Seed: o.seed,
		Design: "calibrate " + c.until.String() + " " + c.testUntil.String() + " " + o.observed, Params: c.params(),
		Points: o.budget, RunsPerPoint: o.runs, Overrides: o.sets.strings(), Header: header, Values: [][]float64{c.start}}
	if h.Overrides == nil {
		h.Overrides = []string{}
	}
	valid := func(en journal.Entry) error {
		if len(en.Rows) != 1 || len(en.Rows[0]) != len(header) {
			return fmt.Errorf("candidate %d is not one row of %d columns", en.Point, len(header))
		}
		return nil
	}
	j, err := openWork(c.e, o.out, h, valid, o.resume, "calibration")
	if err == nil && len(j.Finished()) > 0 {
		fmt.Fprintf(c.e.err, "Resuming: %d candidates were tried before; the search goes on from there.\n", len(j.Finished()))
	}
	return j, err
}

// evaluate runs the candidate x on the draws of seed and scores it.
func (c *calibration) evaluate(ctx context.Context, x []float64, seed uint64, cnt *counter) (scored, error) {
	sc, err := c.open(x)
	if err != nil {
		return scored{}, err
	}
	eo := ensemble.Options{Seed: seed, Runs: c.o.runs, Workers: c.o.workers, Turns: []int{-1}}
	if cnt != nil {
		eo.Progress = cnt.step(c.o.runs)
	}
	rep, _, err := validation.Validate(ctx, sc, validation.Options{Ensemble: eo, Until: c.testUntil, Extra: c.extra})
	if err != nil {
		return scored{}, err
	}
	fit, test, err := c.split.Measure(rep)
	return scored{fit, test, rep}, err
}

// search runs the search, taking the candidates the journal has from it
// and adding each new one as it is scored.
func (c *calibration) search(ctx context.Context, j *journal.Journal, cnt *counter) (*calibrate.Result, []output.CalibrationRow, error) {
	var rows []output.CalibrationRow
	f := func(ctx context.Context, n int, x []float64) (float64, error) {
		if kept := j.Rows(n); kept != nil {
			row, err := readCandidate(kept[0], n, x)
			if err != nil {
				return 0, fmt.Errorf("cannot resume the calibration in %s: %w", j.Dir, err)
			}
			cnt.step(c.o.runs)(c.o.runs)
			rows = append(rows, row)
			return row.Fit, nil
		}
		sc, err := c.evaluate(ctx, x, c.o.seed, cnt)
		if err != nil {
			return 0, err
		}
		row := candidateRow(n, x, sc)
		rows = append(rows, row)
		return row.Fit, j.Add(n, [][]string{writeCandidate(row)})
	}
	res, err := calibrate.Search(ctx, c.box, f, calibrate.Options{Start: c.start, Budget: c.o.budget})
	return res, rows, err
}

// checked is the start and the fit scored again: on the search's draws,
// for the patterns' table, and on other draws, since a fit that only
// suits the draws it was searched with gains nothing there.
type checked struct {
	first, best scored
	rows        []output.MisfitRow
}

func (c *calibration) check(ctx context.Context, res *calibrate.Result) (*checked, error) {
	o := c.o
	fresh := o.seed + 1
	var ch checked
	var firstFresh, bestFresh scored
	for _, ev := range []struct {
		x    []float64
		seed uint64
		into *scored
	}{{res.Trace[0].X, o.seed, &ch.first}, {res.Best.X, o.seed, &ch.best}, {res.Trace[0].X, fresh, &firstFresh}, {res.Best.X, fresh, &bestFresh}} {
		var err error
		if *ev.into, err = c.evaluate(ctx, ev.x, ev.seed, nil); err != nil {
			return nil, err
		}
	}
	search, other := fmt.Sprintf("search (seed %d)", o.seed), fmt.Sprintf("other (seed %d)", fresh)
	ch.rows = []output.MisfitRow{
		{Part: "fit", Draws: search, Patterns: ch.best.fit.Patterns, Start: ch.first.fit, Fitted: ch.best.fit},
		{Part: "fit", Draws: other, Patterns: ch.best.fit.Patterns, Start: firstFresh.fit, Fitted: bestFresh.fit},
	}
	if len(c.split.Test) > 0 {
		ch.rows = append(ch.rows,
			output.MisfitRow{Part: "test", Draws: search, Patterns: ch.best.test.Patterns, Start: ch.first.test, Fitted: ch.best.test},
			output.MisfitRow{Part: "test", Draws: other, Patterns: ch.best.test.Patterns, Start: firstFresh.test, Fitted: bestFresh.test})
	}
	return &ch, nil
}

// trace is the search as the trace's table and plot show it.
func (c *calibration) trace(res *calibrate.Result, rows []output.CalibrationRow) *output.CalibrationTrace {
	t := &output.CalibrationTrace{Title: c.s.sc.Title, Until: c.until.String(), Runs: c.o.runs, Rows: rows}
	if t.Title == "" {
		t.Title = c.s.name
	}
	if len(c.split.Test) > 0 {
		t.TestUntil = c.testUntil.String()
	}
	for i, p := range c.o.params {
		t.Params = append(t.Params, output.CalibrationParam{Path: p.Path, Lo: p.Lo, Hi: p.Hi, Start: res.Trace[0].X[i]})
	}
	return t
}

// files are the calibration's output files.
func (c *calibration) files(res *calibrate.Result, t *output.CalibrationTrace, ch *checked) []output.File {
	o := c.o
	return []output.File{
		{Name: "fitted.set", Write: func(w io.Writer) error {
			_, err := w.Write(fittedOverlay(c.s.name, o, c.split, res, ch.rows))
			return err
		}},
		{Name: "fit.csv", Write: func(w io.Writer) error { return output.WriteCalibrationFit(w, t, res.Best.X) }},
		{Name: "summary.json", Write: func(w io.Writer) error {
			return output.WriteStudySummary(w, &output.StudySummary{Command: "calibrate", Scenario: c.s.name, SHA256: c.s.sha, Version: version(),
				Seed: o.seed, RunsPerPoint: o.runs, Points: len(t.Rows), Overrides: o.sets.strings(), Observed: o.observed, Params: c.params(),
				Until: c.until.String(), TestUntil: c.testUntil.String(), Budget: o.budget, Converged: &res.Converged})
		}},
		{Name: "misfit.csv", Write: func(w io.Writer) error { return output.WriteMisfits(w, ch.rows) }},
		{Name: "patterns.csv", Write: func(w io.Writer) error {
			return output.WriteCalibrationPatterns(w, c.split, ch.first.rep, ch.best.rep)
		}},
		{Name: "trace.csv", Write: func(w io.Writer) error { return output.WriteCalibrationTrace(w, t) }},
		{Name: "trace." + o.format, Write: func(w io.Writer) error {
			d, err := output.PlotCalibration(t)
			if err != nil {
				return err
			}
			return output.Render(w, d, output.CalibrationWidth, output.CalibrationHeight, o.format)
		}},
	}
}

func runCalibration(e *env, arg string, o calibrateOptions, until, testUntil sim.Date) error {
	c, err := newCalibration(e, arg, o, until, testUntil)
	if err != nil {
		return err
	}
	o, name := c.o, c.s.name
	j, err := c.journal()
	if err != nil {
		return err
	}
	defer j.Close()
	ctx := interruptible()
	defer ctx.stop()
	total := o.runs * o.budget
	bar := newProgress(e, total, "Calibrating "+name)
	announce(e, bar, total, "Trying up to %d candidates of %d runs each on %d cores; this may take a while...", o.budget, o.runs, o.workers)
	res, rows, err := c.search(ctx, j, &counter{p: bar})
	bar.close()
	if interrupted(err) {
		j.Close()
		fmt.Fprintf(e.err, "sim: %s; %d candidates are kept in %s: run the same command with --resume to go on; %s\n",
			signalWord(ctx), len(j.Finished()), j.Dir, leftAlone(o.out))
		return reported{code: signalCode(ctx)}
	}
	if err != nil {
		return fmt.Errorf("%w\n(%d candidates are kept in %s; --resume goes on from there)", runFailed(name, err, existing(o.out)), len(j.Finished()), j.Dir)
	}
	ch, err := c.check(ctx, res)
	if interrupted(err) {
		return stopped(e, ctx, existing(o.out))
	}
	if err != nil {
		return runFailed(name, err, existing(o.out))
	}
	t := c.trace(res, rows)
	names, err := output.WriteFiles(o.out, c.files(res, t, ch))
	if err != nil {
		return fmt.Errorf("could not save the calibration, and %s was left as it was: %w\n(every candidate is kept in %s: fix the problem and run the same command with --resume to write it)", o.out, err, j.Dir)
	}
	if err := j.Remove(); err != nil {
		fmt.Fprintf(e.err, "sim: note: the calibration is saved, but its work folder %s could not be removed: %v\n", j.Dir, err)
	}
	how := "stopped at the budget"
	if res.Converged {
		how = "converged"
	}
	fmt.Fprintf(e.out, "Calibrated %s (%d candidates of %s each, seed %d, %s) and saved %d files in %s:\n",
		name, len(rows), plural(o.runs, "run"), o.seed, how, len(names), o.out)
	writeFileList(e.out, names, calibrateFileNotes)
	writeCalibrationSummary(e.out, t, res.Best.X, ch.rows)
	return nil
}

// candidateRow is a scored candidate as trace.csv and the journal keep it.
func candidateRow(n int, x []float64, s scored) output.CalibrationRow {
	return output.CalibrationRow{N: n, X: x, Fit: s.fit.Value, Test: s.test.Value,
		FitHeld: s.fit.Held, FitScored: s.fit.Patterns, TestHeld: s.test.Held, TestScored: s.test.Patterns}
}

// writeCandidate writes a candidate's journal row, every number in full.
func writeCandidate(r output.CalibrationRow) []string {
	num := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	row := []string{strconv.Itoa(r.N)}
	for _, x := range r.X {
		row = append(row, num(x))
	}
	return append(row, num(r.Fit), strconv.Itoa(r.FitHeld), strconv.Itoa(r.FitScored),
		num(r.Test), strconv.Itoa(r.TestHeld), strconv.Itoa(r.TestScored))
}

// readCandidate reads candidate n's journal row back, checking that it
// tried x: the search asks for the same candidates in the same order, so
// any other value means the journal is of another search.
func readCandidate(row []string, n int, x []float64) (output.CalibrationRow, error) {
	r := output.CalibrationRow{N: n, X: x}
	k := len(x)
	if len(row) != k+7 {
		return r, fmt.Errorf("candidate %d has %d columns, want %d", n, len(row), k+7)
	}
	for i, v := range x {
		if row[1+i] != strconv.FormatFloat(v, 'g', -1, 64) {
			return r, fmt.Errorf("candidate %d tried %s, but the search now asks for %s", n, row[1+i], strconv.FormatFloat(v, 'g', -1, 64))
		}
	}
	var errs []error
	num := func(s string) float64 {
		if s == "NaN" {
			return math.NaN()
		}
		v, err := strconv.ParseFloat(s, 64)
		errs = append(errs, err)
		return v
	}
	whole := func(s string) int {
		v, err := strconv.Atoi(s)
		errs = append(errs, err)
		return v
	}
	r.Fit, r.FitHeld, r.FitScored = num(row[k+1]), whole(row[k+2]), whole(row[k+3])
	r.Test, r.TestHeld, r.TestScored = num(row[k+4]), whole(row[k+5]), whole(row[k+6])
	if err := errors.Join(errs...); err != nil {
		return r, fmt.Errorf("candidate %d: %w", n, err)
	}
	return r, nil
}

// fittedOverlay is fitted.set: the fitted values, with comments that say
// how they were fitted and how well.
func fittedOverlay(name string, o calibrateOptions, split *calibrate.Split, res *calibrate.Result, check []output.MisfitRow) []byte {
	comments := []string{
		fmt.Sprintf("Values fitted by sim calibrate to the patterns of %s that end by %s", name, split.Until),
		fmt.Sprintf("(%d candidates of %d runs each, seed %d). Misfit, start -> fit:", len(res.Trace), o.runs, o.seed),
	}
	for _, c := range check {
		comments = append(comments, "  "+c.Sentence())
	}
	comments = append(comments, "Apply with: sim run --overlay fitted.set (or compare, sweep, validate).")
	var sets []scenarios.Set
	for i, p := range o.params {
		sets = append(sets, scenarios.Set{Path: p.Path, Value: strconv.FormatFloat(res.Best.X[i], 'g', 6, 64)})
	}
	return scenarios.WriteOverlay(comments, sets)
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
