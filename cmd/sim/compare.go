package main

import (
	"flag"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"caspian/ensemble"
	"caspian/output"
	"caspian/sim"
)

// bootstrapReps is the number of resamples behind compare's intervals.
const bootstrapReps = 2000

// compareMetrics are the focal agent's metrics compare tabulates.
var compareMetrics = []string{"alignment", "security", "energy"}

// compareOptions are the flags of sim compare.
type compareOptions struct {
	seed    uint64
	runs    int
	workers int
	out     string
	format  string
	at      string
	sets    setList
	limits  limitFlag
}

func compareFlags(o *compareOptions) *flag.FlagSet {
	fs := newFlagSet("compare")
	fs.Uint64Var(&o.seed, "seed", 1, "random seed `N`; every scenario runs the same seeds (default 1)")
	fs.IntVar(&o.runs, "runs", 100, "run each scenario `N` times, 2 or more (at most the runs limit); the more runs, the narrower the intervals (default 100)")
	fs.IntVar(&o.workers, "workers", runtime.NumCPU(),
		fmt.Sprintf("use `N` processor cores at once; this changes the speed, never the results (default %d)", runtime.NumCPU()))
	fs.StringVar(&o.out, "out", "", "save the comparison in folder `DIR` (default: out/compare- and the scenarios' names)")
	fs.StringVar(&o.format, "format", "png", "draw the plot as `FORMAT`: png, svg or pdf (default png)")
	fs.StringVar(&o.at, "at", "", "also compare at these `DATES`, comma-separated: 2008,2014-Q3 (the end is always compared)")
	fs.Var(&o.sets, "set", setUsage+"; applies to every scenario")
	fs.Var(&overlayFlag{sets: &o.sets}, "overlay", overlayUsage)
	fs.Var(&o.limits, "limit", limitUsage)
	return fs
}

// compareFileNotes say what each file of a comparison holds.
var compareFileNotes = [][2]string{
	{"comparison.csv", "difference in medians at each date, with 95 % intervals and a verdict"},
	{"summary.json", "the scenarios, their end states, the method and every run's seed"},
	{"comparison", "plot of the focal state's fan charts, scenarios overlaid"},
}

func compareCommand() *command {
	return &command{
		name:    "compare",
		args:    "SCENARIO SCENARIO [SCENARIO...] [FLAGS]",
		summary: "run scenarios with the same random draws and compare them",
		about: `Runs every scenario --runs times with the same seeds, so that run i
of each draws the same random numbers, and compares the focal state of
the first (the baseline) with each of the others: its alignment,
security and energy at the end and at the dates given with --at. For
each it gives the difference in medians with a bootstrap 95 % interval,
and a verdict: the medians' intervals do not overlap (each median's own
95 % interval lies clear of the other's), the interval of the difference
excludes zero, or no clear difference. These are intervals of the
medians, not the spread of the runs: the plot's shaded bands (the
middle 90 % of runs) may overlap where the medians clearly differ. The plot overlays the scenarios' fan
charts. Ctrl-C stops it and leaves the output folder as it was.`,
		sections: []section{{title: "Files saved", items: withPNG(compareFileNotes)}, limitSection(true, "runs")},
		examples: []example{
			{"sim compare azerbaijan-1991 no-southern-corridor", "does the Southern Gas Corridor matter?"},
			{"sim compare azerbaijan-1991 moscow-pressure --runs 500 --at 2008,2014", "500 runs each, also compared in 2008 and 2014"},
			{"sim compare my.toml azerbaijan-1991 --set agents.AZE.threat_response=-0.6", "both scenarios with a bandwagoning Azerbaijan"},
		},
		flags: func() *flag.FlagSet { return compareFlags(new(compareOptions)) },
		exec:  execCompare,
	}
}

func execCompare(e *env, args []string) error {
	var o compareOptions
	fs := compareFlags(&o)
	pos, err := parseArgs("compare", fs, args)
	if err != nil {
		return err
	}
	switch {
	case len(pos) < 2:
		return usagef("compare", "compare needs at least two scenarios, the baseline first, e.g. 'sim compare azerbaijan-1991 no-southern-corridor'")
	case o.runs < 2:
		return usagef("compare", "--runs must be at least 2, not %d: the intervals need several runs of each scenario", o.runs)
	case o.runs > o.limits.get().runs:
		return usagef("compare", "--runs %d is more than the limit of %d runs (raise it with --limit runs=%d)", o.runs, o.limits.get().runs, o.runs)
	case o.workers < 1:
		return usagef("compare", "--workers must be at least 1, not %d", o.workers)
	case o.out == "" && isSet(fs, "out"):
		return usagef("compare", "--out needs a folder name")
	}
	o.format = strings.ToLower(o.format)
	if !slices.Contains(output.Formats(), o.format) {
		return usagef("compare", "--format must be one of %s, not %q", strings.Join(output.Formats(), ", "), o.format)
	}
	dates, err := parseDates(o.at)
	if err != nil {
		return usagef("compare", "--at: %v", err)
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
func openAll(args []string, sets setList, l limits) ([]opened, error) {
	var out []opened
	for _, arg := range args {
		s, err := openScenario(arg, sets, l)
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

func compareScenarios(e *env, args []string, dates []string, o compareOptions) error {
	scs, err := openAll(args, o.sets, o.limits.get())
	if err != nil {
		return err
	}
	base := scs[0]
	agent := base.sc.Focal
	turns := make([][]int, len(scs))
	for k, s := range scs {
		if s.sc.Agent(agent) == nil {
			return fmt.Errorf("%s has no agent %q, the focal state of %s, so they cannot be compared", s.name, agent, base.name)
		}
		if turns[k], err = turnsAt(s.sc, s.name, dates); err != nil {
			return err
		}
	}
	if o.out == "" {
		var parts []string
		for _, s := range scs {
			parts = append(parts, outName(s.arg, s.name, s.sc))
		}
		o.out = filepath.Join("out", "compare-"+strings.Join(parts, "-"))
	}
	if err := checkOut(o.out); err != nil {
		return err
	}

	ctx := interruptible()
	defer ctx.stop()
	total := o.runs * len(scs)
	bar := newProgress(e, total, "Comparing")
	announce(e, bar, total, "Running %d scenarios %d times each on %d cores; this may take a while...", len(scs), o.runs, min(o.workers, o.runs))
	cnt := &counter{p: bar}
	c := &output.Comparison{Agent: agent, Seed: o.seed, Runs: o.runs, Version: version(), Format: o.format,
		Dates: dates, Overrides: o.sets.strings(), Reps: bootstrapReps}
	for k, s := range scs {
		var track []ensemble.Track
		for _, t := range turns[k] {
			for _, m := range compareMetrics {
				track = append(track, ensemble.Track{Turn: t, Entity: agent, Metric: m})
			}
		}
		st, err := runEnsemble(ctx, s.sc, ensemble.Options{Seed: o.seed, Runs: o.runs, Workers: o.workers, Track: track}, cnt)
		if interrupted(err) {
			bar.close()
			return stopped(e, ctx, o.out)
		}
		if err != nil {
			bar.close()
			return runFailed(s.name, err, existing(o.out))
		}
		c.Scenarios = append(c.Scenarios, output.Compared{Name: s.name, SHA256: s.sha, Scenario: s.sc, Stats: st})
	}
	bar.close()
	c.Rows = comparisonRows(c, turns, o.seed)

	files, err := output.WriteFiles(o.out, []output.File{
		{Name: "comparison.csv", Write: func(w io.Writer) error { return output.WriteComparison(w, c) }},
		{Name: "summary.json", Write: func(w io.Writer) error { return output.WriteComparisonSummary(w, c) }},
		{Name: "comparison." + o.format, Write: func(w io.Writer) error {
			d, err := output.PlotComparison(c)
			if err != nil {
				return err
			}
			return output.Render(w, d, output.ComparisonWidth, output.ComparisonHeight, o.format)
		}},
	})
	if err != nil {
		return fmt.Errorf("could not save the comparison, and %s was left as it was: %w", o.out, err)
	}
	fmt.Fprintf(e.out, "Compared %d scenarios (%s each, seed %d) and saved %d files in %s:\n",
		len(scs), plural(o.runs, "run"), o.seed, len(files), o.out)
	writeFileList(e.out, files, compareFileNotes)
	writeComparison(e.out, c)
	if o.runs < 20 {
		fmt.Fprintf(e.out, "\nWith only %d runs of each scenario the intervals are rough; use --runs 100 or more for conclusions.\n", o.runs)
	}
	return nil
}

// comparisonRows computes every row: each scenario against the baseline,
// for each metric and date. Each row draws its resamples from its own
// stream, derived from the seed and the row's place.
func comparisonRows(c *output.Comparison, turns [][]int, seed uint64) []output.ComparisonRow {
	base := c.Scenarios[0]
	var rows []output.ComparisonRow
	for k := 1; k < len(c.Scenarios); k++ {
		s := c.Scenarios[k]
		for _, m := range compareMetrics {
			for j, t := range turns[k] {
				tb := turns[0][j]
				a := s.Stats.Values(t, c.Agent, m)
				b := base.Stats.Values(tb, c.Agent, m)
				a1, b1 := sim.RunSeed(seed^0x5bd1e995, len(rows))
				boot := ensemble.Bootstrap{Reps: bootstrapReps, Rand: rand.New(rand.NewPCG(a1, b1))}
				row := output.ComparisonRow{
					Metric: m, Agent: c.Agent, Date: base.Stats.Calendar[tb].Label,
					Scenario: s.Name, Baseline: base.Name,
					Median: boot.Median(a), Base: boot.Median(b), Diff: boot.MedianDiff(a, b),
				}
				row.Verdict = output.Verdict(row.Median, row.Base, row.Diff)
				rows = append(rows, row)
			}
		}
	}
	return rows
}

// plural writes "1 run" or "n runs".
func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// writeComparison tells in plain words how each scenario differs from the
// baseline.
func writeComparison(w io.Writer, c *output.Comparison) {
	base := c.Scenarios[0]
	sc := base.Scenario
	who := sc.AgentName(c.Agent)
	neg, pos := sc.Axis.Labels()
	producer := sc.Agent(c.Agent).EarnsIncome()
	current := ""
	for _, r := range c.Rows {
		if r.Scenario != current {
			current = r.Scenario
			fmt.Fprintf(w, "\n%s compared with %s (medians of %s each, same random draws):\n", r.Scenario, r.Baseline, plural(c.Runs, "run"))
		}
		d := r.Diff.Estimate
		var change string
		unit := ""
		switch r.Metric {
		case "alignment":
			change = fmt.Sprintf("%.2f further toward %s", math.Abs(d), pos)
			if d < 0 {
				change = fmt.Sprintf("%.2f further toward %s", math.Abs(d), neg)
			}
		case "energy":
			if producer {
				unit = " bn USD a year"
				change = fmt.Sprintf("%.2f bn USD a year %s", math.Abs(d), higher(d))
				break
			}
			fallthrough
		default:
			change = fmt.Sprintf("%.2f %s", math.Abs(d), higher(d))
		}
		if math.Abs(d) < 0.005 {
			change = "about the same"
		}
		metric := r.Metric
		if metric == "energy" && producer {
			metric = "energy income"
		}
		verdict := ": no clear difference, as the interval includes zero"
		switch r.Verdict {
		case output.BandsApart:
			verdict = ": the medians' intervals do not overlap"
		case output.Excludes0:
			verdict = ": the medians' intervals overlap, but the paired runs show a difference"
		}
		than := "than"
		if change == "about the same" {
			than = "as"
		}
		// The interval is given in the direction the sentence names.
		lo, hi := r.Diff.Low, r.Diff.High
		if d < 0 && change != "about the same" {
			lo, hi = -hi, -lo
		}
		fmt.Fprintf(w, "  By %s %s's %s is %s in %s %s in %s (95 %% interval %s to %s%s)%s.\n",
			r.Date, who, metric, change, r.Scenario, than, r.Baseline, signed(lo), signed(hi), unit, verdict)
	}
}

func higher(d float64) string {
	if d < 0 {
		return "lower"
	}
	return "higher"
}

// signed writes v with two decimals and a sign when negative, with a
// true minus sign.
func signed(v float64) string {
	s := fmt.Sprintf("%.2f", v)
	if s == "-0.00" {
		s = "0.00"
	}
	return strings.Replace(s, "-", "−", 1)
}
