package main

import (
	"caspian/internal/cli"
	"caspian/internal/jobs"
	"errors"
	"flag"
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"text/tabwriter"

	"caspian/exercises"
	"caspian/scenarios"
	"caspian/sim"
)

// exerciseOptions are the flags of sim exercise.
type exerciseOptions struct {
	out     string
	runs    int
	workers int
	limits  limitFlag
}

func exerciseFlags(o *exerciseOptions) *flag.FlagSet {
	fs := newFlagSet("exercise")
	fs.StringVar(&o.out, "out", "", "write the worksheet and the key into folder `DIR` (default: out/exercise-NAME)")
	fs.IntVar(&o.runs, "runs", 0, "run each variant `N` times instead of the exercise's own number (usually 20); all the variants' runs together at most the kept-runs limit")
	fs.IntVar(&o.workers, "workers", runtime.NumCPU(), "use `N` processor cores at once; this changes the speed, never the results")
	fs.Var(&o.limits, "limit", limitUsage)
	return fs
}

func exerciseCommand() *cli.Command {
	return helpText.Command("exercise", &cli.Command{
		Sections: []cli.Section{limitSection(true, "kept-runs", "measures", "changes")},
		Flags:    func() *flag.FlagSet { return exerciseFlags(new(exerciseOptions)) },
		Exec:     execExercise,
	})
}

func execExercise(e *cli.Env, args []string) error {
	var o exerciseOptions
	fs := exerciseFlags(&o)
	pos, err := cli.ParseArgs("exercise", fs, args)
	if err != nil {
		return err
	}
	if err := o.check(fs, pos); err != nil {
		return err
	}
	name := pos[len(pos)-1]
	if name == "list" && len(pos) == 1 {
		return listExercises(e)
	}
	ex, err := exercises.LoadWith(name, o.limits.get().Exercise())
	if err != nil {
		var list scenarios.ErrorList
		if errors.As(err, &list) {
			return fmt.Errorf("%s has problems, so nothing was run:\n  %s", name, strings.ReplaceAll(list.Error(), "\n", "\n  "))
		}
		return err
	}
	if o.out == "" {
		o.out = filepath.Join("out", "exercise-"+ex.Name)
	}
	runs := ex.Runs
	if o.runs > 0 {
		runs = o.runs
	}
	if err := ex.CheckRuns(runs); err != nil {
		return err
	}
	return runExercise(e, ex, runs, o)
}

// check validates the arguments and the flags that parsing alone cannot.
func (o *exerciseOptions) check(fs *flag.FlagSet, pos []string) error {
	switch {
	case len(pos) == 0:
		return cli.Usagef("exercise", "exercise needs 'list' or the name of an exercise, e.g. 'sim exercise list'")
	case len(pos) > 2 || (len(pos) == 2 && pos[0] != "run"):
		return cli.Usagef("exercise", "exercise takes one exercise name, but got %d: %s", len(pos), strings.Join(pos, " "))
	case o.runs < 0:
		return cli.Usagef("exercise", "--runs must be at least 1, not %d", o.runs)
	case o.runs > o.limits.get().KeptRuns:
		return cli.Usagef("exercise", "--runs %d is more than the limit of %d runs kept in memory (raise it with --limit kept-runs=%d)", o.runs, o.limits.get().KeptRuns, o.runs)
	case o.workers < 1:
		return cli.Usagef("exercise", "--workers must be at least 1, not %d", o.workers)
	case o.out == "" && isSet(fs, "out"):
		return cli.Usagef("exercise", "--out needs a folder name")
	}
	return nil
}

// runExercise runs the exercise's variants runs times each and writes
// its worksheet and key.
func runExercise(e *cli.Env, ex *exercises.Exercise, runs int, o exerciseOptions) error {
	ctx := cli.Interruptible()
	defer ctx.Stop()
	fmt.Fprintf(e.Err, "Running %q: %d variants, %d runs each...\n", ex.Title, len(ex.Variants), runs)
	res, err := exercises.Run(ex, exercises.Options{Runs: o.runs, Workers: o.workers, Version: version(), Context: ctx})
	if jobs.Interrupted(err) {
		return stopped(e, ctx, jobs.Existing(o.out))
	}
	if err != nil {
		var fe *sim.FaultError
		if errors.As(err, &fe) {
			return jobs.RunFailed(ex.Name, err, jobs.Existing(o.out))
		}
		return err
	}
	files, err := res.WriteDir(o.out)
	if err != nil {
		return fmt.Errorf("could not write the exercise into %s: %w", o.out, err)
	}
	fmt.Fprintf(e.Out, "Ran %s and saved %d files in %s:\n", ex.Name, len(files), o.out)
	tw := tabwriter.NewWriter(e.Out, 0, 0, 3, ' ', 0)
	for _, f := range files {
		fmt.Fprintf(tw, "  %s\t%s\n", filepath.Base(f), exercises.FileNote(f))
	}
	return tw.Flush()
}

// listExercises prints the built-in exercises.
func listExercises(e *cli.Env) error {
	list, err := exercises.List()
	if err != nil {
		return fmt.Errorf("cannot list the exercises: %w", err)
	}
	tw := tabwriter.NewWriter(e.Out, 0, 0, 3, ' ', 0)
	fmt.Fprintf(tw, "NAME\tLEVEL\tMINUTES\tTITLE\n")
	for _, x := range list {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\n", x.Name, x.Level, x.Minutes, x.Title)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(e.Out, "\nRun one with 'sim exercise NAME --out DIR'.")
	return nil
}
