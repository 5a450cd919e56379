package main

import (
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
	"text/tabwriter"

	"caspian/ensemble"
	"caspian/output"
	"caspian/scenarios"
	"caspian/sim"
	"caspian/validation"
)

// validateOptions are the flags of sim validate.
type validateOptions struct {
	seed     uint64
	runs     int
	workers  int
	out      string
	format   string
	require  string
	until    string
	observed string
	robust   bool
	sets     setList
	limits   limitFlag
}

func validateFlags(o *validateOptions) *flag.FlagSet {
	fs := newFlagSet("validate")
	fs.Uint64Var(&o.seed, "seed", 1, "random seed `N` (default 1)")
	fs.IntVar(&o.runs, "runs", 200, "run the scenario `N` times, 2 or more (at most the runs limit) (default 200)")
	fs.IntVar(&o.workers, "workers", runtime.NumCPU(),
		fmt.Sprintf("use `N` processor cores at once; this changes the speed, never the results (default %d)", runtime.NumCPU()))
	fs.StringVar(&o.out, "out", "", "save the validation in folder `DIR` (default: out/validate- and the scenario's name)")
	fs.StringVar(&o.format, "format", "png", "draw the plots as `FORMAT`: png, svg or pdf (default png)")
	fs.StringVar(&o.require, "require", "", "exit with status 1 when fewer than `SCORE` of the scored patterns hold: a share (0.8) or a percentage (80%)")
	fs.StringVar(&o.until, "until", "", "end the sample at `DATE`: patterns whose window ends later are shown but not scored (default 2013-12, the end of the record used to build the patterns)")
	fs.StringVar(&o.observed, "observed", "", "also set the observed yearly series in CSV `FILE` against the model: columns agent, metric, year, observed (the layout of series.csv)")
	fs.BoolVar(&o.robust, "robustness", false, "also run the ensemble with the choice temperature halved and doubled, and report how far each pattern's share of runs moves (3 times the runs)")
	fs.Var(&o.sets, "set", setUsage)
	fs.Var(&overlayFlag{sets: &o.sets}, "overlay", overlayUsage)
	fs.Var(&o.limits, "limit", limitUsage)
	return fs
}

// validateFileNotes say what each file of a validation holds.
var validateFileNotes = [][2]string{
	{"validation.csv", "every pattern: the share of runs in which it held, the verdict, the timing error, a series' fit"},
	{"series.csv", "every observed series year by year, with the model's quantiles across runs"},
	{"record.csv", "the scenario's recorded decisions after history_until, and how often the agents made them"},
	{"mechanisms.csv", "how often each mechanism of the domain acted, per run"},
	{"actions.csv", "every kind of decision per run: who did what to whom"},
	{"validation.json", "the score, every verdict, the settings and every run's seed"},
	{"robustness.csv", "with --robustness: every pattern's share of runs at half, the same and double the choice temperature"},
	{"patterns", "plot of the share of runs in which each pattern holds"},
	{"series", "plot of each observed series against the model's band"},
}

func validateCommand() *command {
	return &command{
		name:    "validate",
		args:    "[SCENARIO] [FLAGS]",
		summary: "run a scenario many times and score it against the record it depicts",
		about: `Runs a scenario --runs times and checks every run against the scenario's
[[patterns]]: observed facts of the period, each with its source, such
as "Azerbaijan leaves the Collective Security Treaty, 1998-2000" or "the
Karabakh conflict never reaches war in 1995-2013", and observed yearly
series such as the UN-vote index. It prints a table with the share of
runs in which each pattern holds and the verdict (a pattern holds when it
holds in at least half the runs; a series when the ensemble's median
path meets its correlation and range), and a score: the share of the
scored patterns that hold. Patterns that lie wholly before
calendar.history_until are forced by the dated record and not scored, nor
are those that end after --until. The scenario's recorded decisions after
history_until are set against the agents' own choices, and the activity
of every mechanism is counted. With --require the command fails (status
1) below a score, for scripts and continuous integration. Ctrl-C stops
it and leaves the output folder as it was.`,
		sections: []section{{title: "Files saved", items: withPNG(validateFileNotes)}, limitSection(true, "runs")},
		examples: []example{
			{"sim validate", "score azerbaijan-1991 against its record, 200 runs"},
			{"sim validate --set calendar.history_until=2005", "force history to 2005 and score the agents' choices after it"},
			{"sim validate my.toml --require 80%", "fail unless at least 80 % of my.toml's patterns hold"},
			{"sim validate --observed my-series.csv", "also set my own observed series against the model"},
			{"sim validate --robustness", "check that no verdict hangs on the choice temperature"},
		},
		flags: func() *flag.FlagSet { return validateFlags(new(validateOptions)) },
		exec:  execValidate,
	}
}

func execValidate(e *env, args []string) error {
	var o validateOptions
	fs := validateFlags(&o)
	pos, err := parseArgs("validate", fs, args)
	if err != nil {
		return err
	}
	switch {
	case o.runs < 2:
		return usagef("validate", "--runs must be at least 2, not %d: shares of runs need several runs", o.runs)
	case o.runs > o.limits.get().runs:
		return usagef("validate", "--runs %d is more than the limit of %d runs (raise it with --limit runs=%d)", o.runs, o.limits.get().runs, o.runs)
	case o.workers < 1:
		return usagef("validate", "--workers must be at least 1, not %d", o.workers)
	case o.out == "" && isSet(fs, "out"):
		return usagef("validate", "--out needs a folder name")
	}
	o.format = strings.ToLower(o.format)
	if !slices.Contains(output.Formats(), o.format) {
		return usagef("validate", "--format must be one of %s, not %q", strings.Join(output.Formats(), ", "), o.format)
	}
	require := math.NaN()
	if o.require != "" {
		if require, err = parseShare(o.require); err != nil {
			return usagef("validate", "--require %q: %v", o.require, err)
		}
	}
	var until sim.Date
	if o.until != "" {
		if until, err = sim.ParseDate(o.until); err != nil {
			return usagef("validate", "--until: %v", err)
		}
	}
	arg, err := scenarioArg("validate", pos, scenarios.Default)
	if err != nil {
		return err
	}
	return validateScenario(e, arg, o, require, until)
}

// parseShare reads a share written as 0.8 or 80%.
func parseShare(s string) (float64, error) {
	pct := strings.HasSuffix(strings.TrimSpace(s), "%")
	v, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(s), "%"), 64)
	if err != nil {
		return 0, errors.New("want a share such as 0.8 or a percentage such as 80%")
	}
	if pct || v > 1 {
		v /= 100
	}
	if !(v >= 0 && v <= 1) {
		return 0, errors.New("want a share from 0 to 1, or a percentage from 0% to 100%")
	}
	return v, nil
}

// belowRequired is the failure of a validation whose score is below
// --require; its message is the last line the command prints.
type belowRequired struct{ score, require float64 }

func (b belowRequired) Error() string {
	return fmt.Sprintf("the score, %s, is below the %s required", pct(b.score), pct(b.require))
}

func pct(v float64) string {
	if math.IsNaN(v) {
		return "n/a"
	}
	return strconv.FormatFloat(100*v, 'f', 0, 64) + " %"
}

func validateScenario(e *env, arg string, o validateOptions, require float64, until sim.Date) error {
	s, err := openScenario(arg, o.sets, o.limits.get())
	if err != nil {
		return err
	}
	var extra []sim.PatternSpec
	if o.observed != "" {
		if extra, err = readObservedFile(o.observed); err != nil {
			return err
		}
	}
	if len(s.sc.Patterns) == 0 && len(extra) == 0 {
		return fmt.Errorf("%s has no [[patterns]] to validate against: add some (see docs/scenarios.md, Patterns) or pass --observed FILE", s.name)
	}
	if o.out == "" {
		o.out = filepath.Join("out", "validate-"+outName(arg, s.name, s.sc))
	}
	if err := checkOut(o.out); err != nil {
		return err
	}
	ctx := interruptible()
	defer ctx.stop()
	total := o.runs
	if o.robust {
		total *= 1 + len(validation.TemperatureFactors)
	}
	bar := newProgress(e, total, "Validating "+s.name)
	announce(e, bar, total, "Running %s %d times on %d cores; this may take a while...", s.name, total, min(o.workers, o.runs))
	cnt := &counter{p: bar}
	vo := validation.Options{
		Ensemble: ensemble.Options{Seed: o.seed, Runs: o.runs, Workers: o.workers, Turns: []int{-1}, Progress: cnt.step(total)},
		Until:    until,
		Extra:    extra,
	}
	var rep *validation.Report
	var rob *validation.Robustness
	if o.robust {
		rep, rob, err = validation.ValidateTemperatures(ctx, s.sc, vo)
	} else {
		rep, _, err = validation.Validate(ctx, s.sc, vo)
	}
	bar.close()
	if interrupted(err) {
		return stopped(e, ctx, o.out)
	}
	if err != nil {
		return runFailed(s.name, err, existing(o.out))
	}
	run := output.ValidationRun{Scenario: s.name, SHA256: s.sha, Seed: o.seed, Runs: o.runs, Version: version(),
		Overrides: o.sets.strings(), Observed: o.observed}
	files := []output.File{
		{Name: "validation.csv", Write: func(w io.Writer) error { return output.WriteValidation(w, rep) }},
		{Name: "record.csv", Write: func(w io.Writer) error { return output.WriteRecord(w, rep) }},
		{Name: "mechanisms.csv", Write: func(w io.Writer) error { return output.WriteMechanisms(w, rep) }},
		{Name: "actions.csv", Write: func(w io.Writer) error { return output.WriteActions(w, rep) }},
		{Name: "validation.json", Write: func(w io.Writer) error { return output.WriteValidationSummary(w, rep, rob, run) }},
		{Name: "patterns." + o.format, Write: func(w io.Writer) error {
			d, err := output.PlotPatterns(rep)
			if err != nil {
				return err
			}
			return output.Render(w, d, output.ValidationWidth, output.PatternsHeight(rep), o.format)
		}},
	}
	if rob != nil {
		files = append(files, output.File{Name: "robustness.csv", Write: func(w io.Writer) error { return output.WriteRobustness(w, rob) }})
	}
	if hasSeries(rep) {
		files = append(files,
			output.File{Name: "series.csv", Write: func(w io.Writer) error { return output.WriteValidationSeries(w, rep) }},
			output.File{Name: "series." + o.format, Write: func(w io.Writer) error {
				d, err := output.PlotSeries(rep, s.sc)
				if err != nil {
					return err
				}
				return output.Render(w, d, output.ValidationWidth, output.SeriesHeight(rep), o.format)
			}})
	}
	names, err := output.WriteFiles(o.out, files)
	if err != nil {
		return fmt.Errorf("could not save the validation, and %s was left as it was: %w", o.out, err)
	}
	fmt.Fprintf(e.out, "Validated %s against its record (%s, seed %d; history forced until %s) and saved %d files in %s:\n",
		s.name, plural(o.runs, "run"), o.seed, rep.HistoryUntil, len(names), o.out)
	writeFileList(e.out, names, validateFileNotes)
	fmt.Fprintln(e.out)
	writeValidation(e.out, rep)
	if rob != nil {
		writeRobustness(e.out, rob)
	}
	if !math.IsNaN(require) && !(rep.Score.Share() >= require) {
		fmt.Fprintf(e.err, "sim: %s\n", belowRequired{rep.Score.Share(), require})
		return reported{code: exitError}
	}
	return nil
}

func hasSeries(rep *validation.Report) bool {
	for _, p := range rep.Patterns {
		if p.Series != nil {
			return true
		}
	}
	return false
}

// writeValidation prints the verdict table, the series fits, the record
// and the score.
func writeValidation(w io.Writer, rep *validation.Report) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  pattern\twindow\truns\tverdict\ttiming")
	for i := range rep.Patterns {
		p := &rep.Patterns[i]
		verdict := output.PatternVerdict(p)
		if p.OutOfSample {
			verdict += " (out of sample)"
		}
		share := pct(p.Share)
		timing := ""
		if p.Timing != nil {
			timing = fmt.Sprintf("%+.1f y", p.Timing.Median)
		}
		if p.Series != nil {
			share = "-"
			timing = fmt.Sprintf("r %.2f, range %s", p.Series.Correlation, pct(p.Series.RangeRatio))
		}
		fmt.Fprintf(tw, "  %s\t%s–%s\t%s\t%s\t%s\n", shortName(p.Name, 58), p.From, p.Until, share, verdict, timing)
	}
	tw.Flush()
	if len(rep.Record) > 0 {
		reproduced := 0
		for _, r := range rep.Record {
			if r.Share >= validation.HoldShare {
				reproduced++
			}
		}
		fmt.Fprintf(w, "\nRecorded decisions after %s made by the agents within %d years in at least half the runs: %d of %d (record.csv).\n",
			rep.HistoryUntil, validation.RecordTolerance, reproduced, len(rep.Record))
	}
	quiet := 0
	for _, m := range rep.Mechanisms {
		if m.PerRun == 0 {
			quiet++
		}
	}
	fmt.Fprintf(w, "Mechanisms of the domain that acted: %d of %d (mechanisms.csv).\n", len(rep.Mechanisms)-quiet, len(rep.Mechanisms))
	sc := rep.Score
	fmt.Fprintf(w, "Score: %d of %d scored patterns hold in at least half of the runs (%s).\n", sc.Held, sc.Scored, pct(sc.Share()))
}

// writeRobustness prints the verdict of the temperature check.
func writeRobustness(w io.Writer, rob *validation.Robustness) {
	limit := pct(validation.RobustnessLimit)
	if rob.LargestID == "" {
		fmt.Fprintf(w, "Temperature robustness: halving or doubling the choice temperature changes no scored pattern's share of runs (robustness.csv).\n")
		return
	}
	verdict := "within"
	if !rob.Holds() {
		verdict = "beyond"
	}
	fmt.Fprintf(w, "Temperature robustness: halving or doubling the choice temperature moves a scored pattern's share of runs by at most %s points (%s), %s the limit of %s points (robustness.csv).\n",
		strings.TrimSuffix(pct(rob.Largest), " %"), rob.LargestID, verdict, strings.TrimSuffix(limit, " %"))
}

// shortName cuts s to n runes for the table.
func shortName(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
