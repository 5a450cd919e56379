package jobs

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"caspian/exercises"
	"caspian/scenarios"
	"caspian/sim"
)

// Exercise is the job of running a class exercise's variants and writing
// its worksheet for students and its key for the instructor: what 'sim
// exercise NAME' does.
type Exercise struct {
	// Name is a built-in exercise or an exercise file, loaded within
	// Limits.
	Name   string
	Limits Limits
	// Runs, if above 0, replaces the exercise's own number of runs of
	// each variant.
	Runs    int
	Workers int
	// Out is the folder; "" means out/exercise- and the exercise's name.
	Out     string
	Version string
}

// ExerciseJob is an Exercise loaded, with its number of runs checked and
// its folder chosen.
type ExerciseJob struct {
	Exercise
	Ex *exercises.Exercise
	// Each is the number of runs of each variant.
	Each int
}

// Open loads the exercise, failing with every problem of an exercise
// file at once, and checks its runs against the limits before anything
// is run.
func (x Exercise) Open() (*ExerciseJob, error) {
	ex, err := exercises.LoadWith(x.Name, x.Limits.Exercise())
	if err != nil {
		var list scenarios.ErrorList
		if errors.As(err, &list) {
			return nil, fmt.Errorf("%s has problems, so nothing was run:\n  %s", x.Name, strings.ReplaceAll(list.Error(), "\n", "\n  "))
		}
		return nil, err
	}
	if x.Out == "" {
		x.Out = filepath.Join("out", "exercise-"+ex.Name)
	}
	each := ex.Runs
	if x.Runs > 0 {
		each = x.Runs
	}
	if err := ex.CheckRuns(each); err != nil {
		return nil, err
	}
	return &ExerciseJob{Exercise: x, Ex: ex, Each: each}, nil
}

// Do runs the variants and writes the worksheet, the key and their plots
// into j.Out, returning the files' paths. A cancelled ctx returns an
// error Interrupted recognises and writes nothing.
func (j *ExerciseJob) Do(ctx context.Context) ([]string, error) {
	res, err := exercises.Run(j.Ex, exercises.Options{Runs: j.Runs, Workers: j.Workers, Version: j.Version, Context: ctx})
	if Interrupted(err) {
		return nil, err
	}
	if err != nil {
		var fe *sim.FaultError
		if errors.As(err, &fe) {
			return nil, RunFailed(j.Ex.Name, err, Existing(j.Out))
		}
		return nil, err
	}
	files, err := res.WriteDir(j.Out)
	if err != nil {
		return nil, fmt.Errorf("could not write the exercise into %s: %w", j.Out, err)
	}
	return files, nil
}

// WriteExerciseSaved tells the user where an exercise's files went and
// what each is for.
func WriteExerciseSaved(w io.Writer, name, dir string, files []string) error {
	fmt.Fprintf(w, "Ran %s and saved %d files in %s:\n", name, len(files), dir)
	tw := tabwriter.NewWriter(w, 0, 0, 3, ' ', 0)
	for _, f := range files {
		fmt.Fprintf(tw, "  %s\t%s\n", filepath.Base(f), exercises.FileNote(f))
	}
	return tw.Flush()
}

// WriteExerciseList lists the built-in exercises, with their level and
// length, for an instructor choosing one.
func WriteExerciseList(w io.Writer) error {
	list, err := exercises.List()
	if err != nil {
		return fmt.Errorf("cannot list the exercises: %w", err)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 3, ' ', 0)
	fmt.Fprintf(tw, "NAME\tLEVEL\tMINUTES\tTITLE\n")
	for _, x := range list {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\n", x.Name, x.Level, x.Minutes, x.Title)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w, "\nRun one with 'sim exercise NAME --out DIR'.")
	return nil
}
