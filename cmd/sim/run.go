package main

import (
	"caspian/internal/cli"
	"caspian/internal/jobs"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"runtime"

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
	return helpText.Command("run", &cli.Command{
		Sections: []cli.Section{{Title: "Files saved", Items: savedFiles()}, limitSection(true, "runs", "kept-runs")},
		Flags:    func() *flag.FlagSet { return runFlags(new(runOptions)) },
		Exec:     execRun,
	})
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
	if l := o.limits.get(); o.keep && o.runs > l.KeptRuns {
		return cli.Usagef("run", "--keep-runs keeps every run in memory, so it takes at most %d runs, not %d (raise the limit with --limit kept-runs=%d); without it quantiles.csv summarises any number", l.KeptRuns, o.runs, o.runs)
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
	s, err := jobs.Open(arg, o.sets, o.limits.get())
	if err != nil {
		return err
	}
	if o.out == "" {
		o.out = filepath.Join("out", jobs.OutName(arg, s.Name, s.Sc))
	}
	if err := jobs.CheckOut(o.out); err != nil {
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
func runReport(e *cli.Env, ctx *cli.Interruption, s jobs.Scenario, o runOptions) (*output.Report, error) {
	sc, name := s.Sc, s.Name
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
	if jobs.Interrupted(err) {
		return nil, stopped(e, ctx, o.out)
	}
	if err != nil {
		return nil, jobs.RunFailed(name, err, jobs.Existing(o.out))
	}
	return &output.Report{
		Scenario:   sc,
		Name:       name,
		SHA256:     s.SHA,
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

// savedFiles lists the files a run saves with the default plot format,
// for the help.
func savedFiles() [][2]string { return output.WithPNG(output.RunFileNotes()) }

// writeRunSummary tells the user where the files went and how the focal
// state fared.
func writeRunSummary(w io.Writer, r *output.Report, dir string, files []string) {
	runs := "1 run"
	if r.Runs > 1 {
		runs = fmt.Sprintf("%d runs", r.Runs)
	}
	fmt.Fprintf(w, "Ran %s (%s, seed %d) and saved %d files in %s:\n", r.Name, runs, r.Seed, len(files), dir)
	output.WriteFileList(w, files, output.RunFileNotes())
	output.WriteFocal(w, r)
}
