package main

import (
	"caspian/internal/cli"
	"caspian/internal/jobs"
	"flag"
	"fmt"
	"runtime"
	"strings"
)

// exerciseOptions are the flags of sim exercise.
type exerciseOptions struct {
	out     string
	runs    int
	workers int
	limits  jobs.Limits
}

func exerciseFlags(o *exerciseOptions) *flag.FlagSet {
	fs := newFlagSet("exercise")
	fs.StringVar(&o.out, "out", "", "write the worksheet and the key into folder `DIR` (default: out/exercise-NAME)")
	fs.IntVar(&o.runs, "runs", 0, "run each variant `N` times instead of the exercise's own number (usually 20); all the variants' runs together at most the kept-runs limit")
	fs.IntVar(&o.workers, "workers", runtime.NumCPU(), "use `N` processor cores at once; this changes the speed, never the results")
	limitVar(fs, &o.limits, limitUsage)
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
		return jobs.WriteExerciseList(e.Out)
	}
	j, err := jobs.Exercise{Name: name, Limits: o.limits, Runs: o.runs, Workers: o.workers, Out: o.out, Version: version()}.Open()
	if err != nil {
		return err
	}
	ctx := cli.Interruptible()
	defer ctx.Stop()
	fmt.Fprintf(e.Err, "Running %q: %d variants, %d runs each...\n", j.Ex.Title, len(j.Ex.Variants), j.Each)
	files, err := j.Do(ctx)
	if jobs.Interrupted(err) {
		return stopped(e, ctx, jobs.Existing(j.Out))
	}
	if err != nil {
		return err
	}
	return jobs.WriteExerciseSaved(e.Out, j.Ex.Name, j.Out, files)
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
	case o.runs > o.limits.KeptRuns:
		return cli.Usagef("exercise", "--runs %d is more than the limit of %d runs kept in memory (raise it with --limit kept-runs=%d)", o.runs, o.limits.KeptRuns, o.runs)
	case o.workers < 1:
		return cli.Usagef("exercise", "--workers must be at least 1, not %d", o.workers)
	case o.out == "" && isSet(fs, "out"):
		return cli.Usagef("exercise", "--out needs a folder name")
	}
	return nil
}
