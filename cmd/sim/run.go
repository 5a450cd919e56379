package main

import (
	"caspian/internal/cli"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"text/tabwriter"

	"caspian/ensemble"
	"caspian/output"
	"caspian/scenarios"
	"caspian/sim"
)

// slowRuns is the ensemble size from which a run takes long enough that
// the user should be told it has started.
const slowRuns = 20

// runOptions are the flags of sim run.
type runOptions struct {
	batchFlags
	keep bool
}

func runFlags(o *runOptions) *flag.FlagSet {
	fs := newFlagSet("run")
	o.bind(fs, batchHelp{
		seed:        "random seed `N`: the same seed gives the same results, another seed other random draws (default 1)",
		runs:        "run the scenario `N` times (at most the runs limit); with more than one run the plots show the median and the range of the middle 90% of runs (default 1)",
		runsDefault: 1,
		workers:     fmt.Sprintf("use `N` processor cores at once; this changes the speed, never the results (default %d, all this computer has)", runtime.NumCPU()),
		out:         "save the results in folder `DIR`, replacing the results of an earlier run there (default: out/ and the scenario's name)",
		format:      "draw the plots as `FORMAT`: png (pictures), svg (for web pages) or pdf (for printing) (default png)",
	})
	fs.BoolVar(&o.keep, "keep-runs", false,
		"save every run in timeseries.csv and events.csv, not only run 0 (at most the kept-runs limit; 100 000 runs would take gigabytes)")
	return fs
}

func runCommand() *cli.Command {
	return &cli.Command{
		Name:    "run",
		Args:    "[SCENARIO] [FLAGS]",
		Summary: "run a scenario and save tables and plots of the results",
		About: `Runs a scenario from its start date to its end date and saves the
results in a folder. SCENARIO is a scenario file or the name of a built-in
scenario (see 'sim list'); without it, sim runs azerbaijan-1991. States
choose their actions with some randomness: --runs repeats the scenario
with different random draws, and --seed picks the draws, so the same
scenario and seed always give the same results. With more than one run,
quantiles.csv holds the median and quantiles of every value across runs,
and the plots are fan charts; timeseries.csv and events.csv hold run 0
unless --keep-runs is given. On a terminal a progress bar shows the runs
done, the rate and the time left. A run that fails, or that you stop with
Ctrl-C, leaves the output folder as it was.`,
		Sections: []cli.Section{{Title: "Files saved", Items: savedFiles()}, limitSection(true, "runs", "kept-runs")},
		Examples: []cli.Example{
			{Cmd: "sim run", What: "run azerbaijan-1991 once and save the results in out/azerbaijan-1991"},
			{Cmd: "sim run --runs 100 --seed 7", What: "run it 100 times, starting from random seed 7"},
			{Cmd: "sim run my.toml --out results/my-test", What: "run your own scenario file, saving into results/my-test"},
			{Cmd: "sim run --format pdf", What: "draw the plots as PDF files, for printing"},
			{Cmd: "sim run --runs 1000 --set agents.AZE.threat_response=-0.6", What: "1000 runs with Azerbaijan bandwagoning instead of balancing"},
		},
		Flags: func() *flag.FlagSet { return runFlags(new(runOptions)) },
		Exec:  execRun,
	}
}

func execRun(e *cli.Env, args []string) error {
	var o runOptions
	fs := runFlags(&o)
	pos, err := cli.ParseArgs("run", fs, args)
	if err != nil {
		return err
	}
	if err := o.check(fs); err != nil {
		return err
	}
	arg, err := scenarioArg("run", pos, scenarios.Default)
	if err != nil {
		return err
	}
	return runScenario(e, arg, o)
}

// check validates the flags that parsing alone cannot.
func (o *runOptions) check(fs *flag.FlagSet) error {
	if err := o.checkCounts("run", fs, 1, ""); err != nil {
		return err
	}
	if l := o.limits.get(); o.keep && o.runs > l.keptRuns {
		return cli.Usagef("run", "--keep-runs keeps every run in memory, so it takes at most %d runs, not %d (raise the limit with --limit kept-runs=%d); without it quantiles.csv summarises any number", l.keptRuns, o.runs, o.runs)
	}
	return o.checkFormat("run")
}

// isSet reports whether the user gave flag name, so that an empty
// --out= is told apart from no --out at all.
func isSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// runScenario runs the scenario named by arg and saves its outputs.
func runScenario(e *cli.Env, arg string, o runOptions) error {
	s, err := openScenario(arg, o.sets, o.limits.get())
	if err != nil {
		return err
	}
	if o.out == "" {
		o.out = filepath.Join("out", outName(arg, s.name, s.sc))
	}
	if err := checkOut(o.out); err != nil {
		return err
	}
	ctx := cli.Interruptible()
	defer ctx.Stop()
	report, err := runReport(e, ctx, s, o)
	if err != nil {
		return err
	}
	files, err := output.WriteDir(o.out, report)
	if err != nil {
		return fmt.Errorf("could not save the results, and %s was left as it was: %w", o.out, err)
	}
	writeRunSummary(e.Out, report, o.out, files)
	return nil
}

// runReport runs the ensemble of s and gathers what the output files
// need: the statistics of every run and the runs kept in full.
func runReport(e *cli.Env, ctx *cli.Interruption, s opened, o runOptions) (*output.Report, error) {
	sc, name := s.sc, s.name
	// Progress is not a result, so it goes to stderr and leaves stdout to
	// the summary.
	bar := cli.NewProgress(e, o.runs, "Running "+name)
	announce(e, bar, o.runs, "Running %s %d times on %d cores; this may take a while...", name, o.runs, min(o.workers, o.runs))
	kept := 1
	if o.keep {
		kept = o.runs
	}
	collectors := make([]*output.Collector, kept)
	st, err := runEnsemble(ctx, sc, ensemble.Options{
		Seed: o.seed, Runs: o.runs, Workers: o.workers,
		Keep: func(run int) sim.Recorder {
			if run >= kept {
				return nil
			}
			// Each run writes only its own slot, so no lock is needed.
			collectors[run] = output.NewCollector(sc, run)
			return collectors[run]
		},
	}, &cli.Counter{P: bar})
	bar.Close()
	if interrupted(err) {
		return nil, stopped(e, ctx, o.out)
	}
	if err != nil {
		return nil, runFailed(name, err, existing(o.out))
	}
	return &output.Report{
		Scenario:   sc,
		Name:       name,
		SHA256:     s.sha,
		Seed:       o.seed,
		Runs:       o.runs,
		Workers:    o.workers,
		Version:    version(),
		Format:     o.format,
		Collectors: collectors,
		Stats:      st,
		Overrides:  o.sets.strings(),
	}, nil
}

// outName is the folder the results go into under out/ when --out is not
// given: a built-in scenario's name, or a file's name without its
// extension, so that out/ gets one folder per scenario.
func outName(arg, name string, sc *sim.Scenario) string {
	if info, err := os.Stat(arg); err == nil && !info.IsDir() {
		base := filepath.Base(arg)
		return strings.TrimSuffix(base, filepath.Ext(base))
	}
	// The name comes from inside the file; keep it from reaching outside out/.
	if n := sc.Name; n != "" && n != "." && n != ".." && !strings.ContainsAny(n, `/\`) {
		return n
	}
	return name
}

// checkOut fails early on an output folder that WriteDir would refuse,
// so that a long ensemble is not run only to be thrown away. It is the
// lenient half of WriteDir's own check, which still has the last word:
// anything but files with the extensions of sim's outputs means the
// folder holds someone's other work.
func checkOut(dir string) error {
	info, err := os.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("cannot save the results in %s: %w", dir, err)
	}
	if !info.IsDir() {
		return fmt.Errorf("cannot save the results in %s: it is a file, not a folder (choose another folder with --out)", dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("cannot save the results in %s: %w", dir, err)
	}
	for _, en := range entries {
		if !en.Type().IsRegular() || !slices.Contains(output.Extensions(), filepath.Ext(en.Name())) {
			return fmt.Errorf("cannot save the results in %s: it holds %q, which sim did not write, and sim replaces the whole folder (choose a new or empty folder with --out)", dir, en.Name())
		}
	}
	return nil
}

// existing returns dir if it exists, for messages that say it was left
// as it was, and "" if not.
func existing(dir string) string {
	if _, err := os.Lstat(dir); err == nil {
		return dir
	}
	return ""
}

// savedFiles lists the files a run saves with the default plot format,
// for the help.
func savedFiles() [][2]string { return withPNG(output.RunFileNotes()) }

// withPNG names the plots among notes with the default extension.
func withPNG(notes [][2]string) [][2]string {
	items := slices.Clone(notes)
	for i, it := range items {
		if filepath.Ext(it[0]) == "" {
			items[i][0] += ".png"
		}
	}
	return items
}

// fileIndex is the place of the saved file called name in notes, or
// len(notes) for a file it does not know.
func fileIndex(notes [][2]string, name string) int {
	for i, n := range notes {
		if n[0] == name || n[0] == strings.TrimSuffix(name, filepath.Ext(name)) {
			return i
		}
	}
	return len(notes)
}

// writeRunSummary tells the user where the files went and how the focal
// state fared.
func writeRunSummary(w io.Writer, r *output.Report, dir string, files []string) {
	runs := "1 run"
	if r.Runs > 1 {
		runs = fmt.Sprintf("%d runs", r.Runs)
	}
	fmt.Fprintf(w, "Ran %s (%s, seed %d) and saved %d files in %s:\n", r.Name, runs, r.Seed, len(files), dir)
	writeFileList(w, files, output.RunFileNotes())
	output.WriteFocal(w, r)
}

// writeFileList lists the saved files with what each holds: tables
// first, then plots, in the order notes gives them.
func writeFileList(w io.Writer, files []string, notes [][2]string) {
	files = slices.Clone(files)
	slices.SortStableFunc(files, func(a, b string) int { return fileIndex(notes, a) - fileIndex(notes, b) })
	tw := tabwriter.NewWriter(w, 0, 0, 3, ' ', 0)
	for _, f := range files {
		note := ""
		if i := fileIndex(notes, f); i < len(notes) {
			note = notes[i][1]
		}
		fmt.Fprintf(tw, "  %s\t%s\n", f, note)
	}
	tw.Flush()
}
