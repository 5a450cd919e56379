package main

import (
	"caspian/internal/cli"
	"caspian/internal/jobs"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"caspian/internal/journal"
	"caspian/output"
	"caspian/scenarios"
	"caspian/sim"
	"caspian/study"
	"caspian/sweep"
)

// sensitivityOptions are the flags of sim sensitivity.
type sensitivityOptions struct {
	batchFlags
	params   paramList
	method   string
	outputs  stringList
	samples  int
	observed string
	shard    string
	resume   bool
}

// stringList collects a repeatable flag's values.
type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, " ") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

func sensitivityFlags(o *sensitivityOptions) *flag.FlagSet {
	fs := newFlagSet("sensitivity")
	fs.Var(&o.params, "param", "vary the scenario value at `PATH=LO:HI` (a path as for --set) uniformly from LO to HI; repeat for more values")
	fs.StringVar(&o.method, "method", "morris", "`METHOD`: morris (elementary effects: a screening, 10 trajectories by default) or sobol (variance shares with bootstrap intervals, 32 base samples by default) (default morris)")
	fs.Var(&o.outputs, "output", "the `OUTPUT` whose sensitivity to report: METRIC@DATE (the focal state's alignment, security, energy, revenue, supply_security, stability, arms or utility; AGENT.METRIC@DATE for another), score (the share of the record's patterns that hold), misfit (as sim calibrate measures it), or pattern:ID (the share of runs in which a pattern holds); repeat for more (default: alignment@2013-12, or at the calendar's end if sooner, and score and misfit if the scenario has patterns)")
	fs.IntVar(&o.samples, "samples", 0, "Morris trajectories, or Sobol base samples `N` (default 10 and 32)")
	o.bind(fs, batchHelp{
		seed:        "random seed `N` of the design and of the runs (default 1)",
		runs:        "run each point `N` times, with the same random draws at every point (default 20)",
		runsDefault: 20,
		out:         "save the analysis in folder `DIR` (default: out/sensitivity- and the scenario's name)",
		set:         setUsage + "; applies to every point",
	})
	fs.StringVar(&o.observed, "observed", "", "also count the observed yearly series in CSV `FILE` among the patterns of score and misfit")
	fs.StringVar(&o.shard, "shard", "", "run only shard `I/N` of the points (0 ≤ I < N), for a cluster; join the shards with 'sim merge', then finish with --resume")
	fs.BoolVar(&o.resume, "resume", false, "finish an analysis that was interrupted, or whose shards 'sim merge' joined: run only the points it had not finished")
	return fs
}

// sensitivityFileNotes say what each file of an analysis holds.
var sensitivityFileNotes = [][2]string{
	{"sensitivity.csv", "every output and value: Morris μ, μ* and σ, or Sobol first-order and total indices with 95 % intervals"},
	{"design.csv", "every point of the design: the values and the outputs (means over the runs)"},
	{"summary.json", "the scenario, the settings, the ranges and the seed: what was run"},
	{"sensitivity", "plot of the indices, one panel per output"},
}

func sensitivityCommand() *cli.Command {
	return helpText.command("sensitivity", &cli.Command{
		Sections: []cli.Section{{Title: "Files saved", Items: output.WithPNG(sensitivityFileNotes)}, limitSection(true, "runs", "points")},
		Flags:    func() *flag.FlagSet { return sensitivityFlags(new(sensitivityOptions)) },
		Exec:     execSensitivity,
	})
}

func execSensitivity(e *cli.Env, args []string) error {
	var o sensitivityOptions
	fs := sensitivityFlags(&o)
	pos, err := cli.ParseArgs("sensitivity", fs, args)
	if err != nil {
		return err
	}
	arg, err := scenarioArg("sensitivity", pos, scenarios.Default)
	if err != nil {
		return err
	}
	switch {
	case len(o.params) == 0:
		return cli.Usagef("sensitivity", "name at least one value to vary, e.g. --param model.temperature=0.00015:0.0006")
	case o.method != "morris" && o.method != "sobol":
		return cli.Usagef("sensitivity", "--method must be morris or sobol, not %q", o.method)
	case o.samples < 0 || (o.samples > 0 && o.samples < 2):
		return cli.Usagef("sensitivity", "--samples must be at least 2, not %d", o.samples)
	}
	if err := o.checkCounts("sensitivity", fs, 1, ""); err != nil {
		return err
	}
	if o.shard != "" {
		if _, _, err := sweep.ParseShard(o.shard); err != nil {
			return cli.Usagef("sensitivity", "--shard %v", err)
		}
	}
	if err := checkRanges("sensitivity", o.params); err != nil {
		return err
	}
	if err := o.checkFormat("sensitivity"); err != nil {
		return err
	}
	return runSensitivity(e, arg, o)
}

// newAnalysis opens the scenario, reads the outputs and draws the design;
// every problem is found before anything runs. It returns the analysis
// and the folder it is saved in.
func newAnalysis(e *cli.Env, arg string, o sensitivityOptions) (*study.Analysis, string, error) {
	l := o.limits.get()
	s, err := jobs.Open(arg, o.sets, l)
	if err != nil {
		return nil, "", err
	}
	a := &study.Analysis{Scenario: s.Name, Title: s.Sc.Title, SHA256: s.SHA, Version: version(), Overrides: o.sets.strings(),
		Observed: o.observed, Params: o.params, Labels: o.outputs, Method: o.method, Samples: o.samples,
		Runs: o.runs, Workers: o.workers, Seed: o.seed, Shard: o.shard, Format: o.format,
		Open: func(x []float64) (*sim.Scenario, error) { return openPoint(s, l, o.params, x, o.sets) }}
	var extra []sim.PatternSpec
	if o.observed != "" {
		if extra, err = readObservedFile(o.observed); err != nil {
			return nil, "", err
		}
	}
	if len(a.Labels) == 0 {
		a.Labels = study.DefaultOutputs(s.Sc, study.PatternIDs(s.Sc, extra))
	}
	if a.Outputs, err = parseOutputs(a.Labels, s, extra); err != nil {
		return nil, "", err
	}
	if a.Samples == 0 {
		a.Samples = study.DefaultSamples(o.method)
	}
	if err := a.Design(); err != nil {
		return nil, "", cli.Usagef("sensitivity", "%v", strings.TrimPrefix(err.Error(), "sensitivity: "))
	}
	if n := len(a.Points); n > l.Points {
		return nil, "", cli.Usagef("sensitivity", "the design has %d points, more than the limit of %d (raise it with --limit points=%d)", n, l.Points, n)
	}
	out := o.out
	if out == "" {
		out = filepath.Join("out", "sensitivity-"+jobs.OutName(arg, s.Name, s.Sc))
		if o.shard != "" {
			out += "-shard-" + strings.ReplaceAll(o.shard, "/", "-of-")
		}
	}
	if err := jobs.CheckOut(out); err != nil {
		return nil, "", err
	}
	if err := study.CheckCorners(study.BoxOf(o.params), a.Open); err != nil {
		return nil, "", fmt.Errorf("a --param range is outside what the scenario allows: %w", err)
	}
	return a, out, nil
}

// parseOutputs reads the outputs labels against the scenario s and its
// patterns with the observed series extra.
func parseOutputs(labels []string, s jobs.Scenario, extra []sim.PatternSpec) (*study.Outputs, error) {
	outs, err := study.ParseOutputs(labels, s.Sc, extra)
	var bad *study.OutputError
	switch {
	case errors.As(err, &bad):
		return nil, cli.Usagef("sensitivity", "--output %v", bad.Err)
	case errors.Is(err, study.ErrNoPatterns):
		return nil, cli.Usagef("sensitivity", "score, misfit and pattern outputs need [[patterns]]; %s has none (or pass --observed FILE)", s.Name)
	case err != nil:
		return nil, fmt.Errorf("%s: %w", s.Name, err)
	}
	return outs, nil
}

func runSensitivity(e *cli.Env, arg string, o sensitivityOptions) error {
	a, out, err := newAnalysis(e, arg, o)
	if err != nil {
		return err
	}
	j, err := openWork(e, out, a.JournalHeader(), a.ValidEntry, o.resume, "analysis")
	if err != nil {
		return err
	}
	defer j.Close()
	if n := len(j.Finished()); n > 0 {
		fmt.Fprintf(e.Err, "Resuming: %d of %d points were finished before.\n", n, a.Mine())
	}
	ctx := cli.Interruptible()
	defer ctx.Stop()
	bar := cli.NewProgress(e, o.runs*a.Mine(), "Analysing "+a.Scenario)
	announce(e, bar, o.runs*a.Todo(j), "Running %d points %d times each on %d cores; this may take a while...", a.Todo(j), o.runs, o.workers)
	a.Progress = (&cli.Counter{P: bar}).Step
	ys, err := a.Run(ctx, j)
	bar.Close()
	if jobs.Interrupted(err) {
		j.Close()
		fmt.Fprintf(e.Err, "sim: %s; %d of %d points are kept in %s: run the same command with --resume to finish; %s\n",
			signalWord(ctx), len(j.Finished()), a.Mine(), j.Dir, leftAlone(out))
		return cli.Reported{Code: signalCode(ctx)}
	}
	if err != nil {
		return fmt.Errorf("%w\n(%d points are kept in %s; --resume runs the rest)", jobs.RunFailed(a.Scenario, err, jobs.Existing(out)), len(j.Finished()), j.Dir)
	}
	if o.shard != "" {
		return saveShard(e, j, j.Dir, out, o.shard, a.Mine())
	}
	res, err := a.Result(ys)
	if err != nil {
		return err
	}
	names, err := output.WriteFiles(out, a.Files(res, ys))
	if err != nil {
		return fmt.Errorf("could not save the analysis, and %s was left as it was: %w\n(every point is kept in %s: fix the problem and run the same command with --resume to write it)", out, err, j.Dir)
	}
	if err := j.Remove(); err != nil {
		fmt.Fprintf(e.Err, "sim: note: the analysis is saved, but its work folder %s could not be removed: %v\n", j.Dir, err)
	}
	fmt.Fprintf(e.Out, "Analysed %s (%s, %d points of %s each, seed %d) and saved %d files in %s:\n",
		a.Scenario, o.method, len(a.Points), plural(o.runs, "run"), o.seed, len(names), out)
	output.WriteFileList(e.Out, names, sensitivityFileNotes)
	output.WriteSensitivityText(e.Out, res)
	return nil
}

// shardJournal is the file in which a shard of an analysis saves its
// points, for 'sim merge'.
const shardJournal = "points.journal"

// saveShard saves a finished shard's points: its journal, moved into the
// output folder whole.
func saveShard(e *cli.Env, j *journal.Journal, wd, out, shard string, points int) error {
	data, err := os.ReadFile(j.Path)
	if err != nil {
		return err
	}
	files, err := output.WriteFiles(out, []output.File{{Name: shardJournal, Write: func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	}}})
	if err != nil {
		return fmt.Errorf("could not save the shard, and %s was left as it was: %w\n(every point is kept in %s: run the same command with --resume to write it)", out, err, wd)
	}
	if err := j.Remove(); err != nil {
		fmt.Fprintf(e.Err, "sim: note: the shard is saved, but its work folder %s could not be removed: %v\n", wd, err)
	}
	fmt.Fprintf(e.Out, "Ran shard %s (%d points) and saved %s.\n", shard, points, files[0])
	fmt.Fprintf(e.Out, "When every shard is done, join them with: sim merge DIR... --out DIR\nthen run this command without --shard, with --out DIR --resume, to write the analysis.\n")
	return nil
}
