package jobs

import (
	"fmt"
	"io"
	"os"

	"caspian/internal/journal"
	"caspian/patterns"
	"caspian/scenarios"
	"caspian/sim"
	"caspian/study"
	"caspian/sweep"
)

// UsageError is a problem with what was asked that only shows once the
// scenario is open (an output it does not have, a design too large for
// the limits): the command line presents it like a mistake in the flags,
// with a pointer to the command's help.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

func usagef(format string, a ...any) error { return &UsageError{Msg: fmt.Sprintf(format, a...)} }

// Kept is the error of a resumable job that ctx stopped: its finished
// work is kept in its work folder for --resume, and its output folder
// was not touched. It wraps the context's error, so Interrupted reports
// true; a front end says which signal stopped the job and prints the
// rest as Error gives it.
type Kept struct {
	// What says what is kept where ("3 of 9 points are kept in DIR"),
	// Then how to finish the job, Out is the output folder.
	What, Then, Out string
	Err             error
}

func (k *Kept) Error() string { return k.What + ": " + k.Then + "; " + leftAlone(k.Out) }

func (k *Kept) Unwrap() error { return k.Err }

// leftAlone says that dir was left as it was, or that nothing was
// written there.
func leftAlone(dir string) string {
	if Existing(dir) != "" {
		return dir + " was left as it was"
	}
	return "nothing was written to " + dir
}

// Plan is what a job is about to run, for a front end to show its
// progress: Title names the work, Runs counts the runs of the whole job
// (some may be finished already), Todo those left, and Say announces
// them in a sentence, for a front end that has no bar to show while a
// long job runs.
type Plan struct {
	Title      string
	Runs, Todo int
	Say        string
}

// work is what a resumable job tells the rule for its work folder.
type work struct {
	// out is the output folder; what names the job in messages
	// ("analysis"), fresh says where a --resume with nothing to resume
	// starts ("it starts from the beginning").
	out, what, fresh string
	header           *journal.Header
	valid            func(journal.Entry) error
	resume           bool
	// done, if set, describes the unfinished work in the work folder
	// for the message that asks for --resume: " (7 of 20 points
	// finished)".
	done func(wd string) string
}

// resumeWork applies the rule every resumable job shares for its work
// folder, the hidden folder beside out where each finished point is kept:
// work left there by a job stopped before is taken up only with --resume,
// so that a forgotten folder never mixes into a different job, and a
// --resume with nothing to take up says so on notes. It returns the
// journal of the work found, or nil if there is none.
func resumeWork(notes io.Writer, w work) (*journal.Journal, error) {
	wd := journal.WorkDir(w.out)
	if _, err := os.Stat(wd); err != nil {
		if w.resume {
			fmt.Fprintf(notes, "sim: note: there is no unfinished %s in %s, so %s\n", w.what, wd, w.fresh)
		}
		return nil, nil
	}
	if !w.resume {
		done := ""
		if w.done != nil {
			done = w.done(wd)
		}
		return nil, fmt.Errorf("%s holds an unfinished %s into %s%s: add --resume to the command to finish it, or delete %s to start again",
			wd, w.what, w.out, done, wd)
	}
	j, _, err := journal.Open(wd, w.what, w.header, w.valid)
	return j, err
}

// openWork is resumeWork for a job that starts its journal at once: a
// fresh one when there was nothing to resume.
func openWork(notes io.Writer, w work) (*journal.Journal, error) {
	j, err := resumeWork(notes, w)
	if j != nil || err != nil {
		return j, err
	}
	j, _, err = journal.Open(journal.WorkDir(w.out), w.what, w.header, w.valid)
	return j, err
}

// openPoint opens the scenario s with the values x of params, after the
// common overrides: one point of a calibration or an analysis. The
// scenario is read again for every point, so that memory does not grow
// with the number of points.
func openPoint(s Scenario, l Limits, params []sweep.Param, x []float64, common []scenarios.Set) (*sim.Scenario, error) {
	sc, _, _, err := scenarios.OpenWith(s.Arg, scenarios.Options{Limits: l.Scenario, Sets: study.Sets(params, x, common)})
	if err != nil {
		return nil, ScenarioError(s.Name, err)
	}
	return sc, nil
}

// ReadObserved reads the observed series of --observed FILE, which
// calibrate, sensitivity and validate add to a scenario's patterns. The
// file comes from anyone, so it is read only up to a size no record
// needs.
func ReadObserved(path string) ([]sim.PatternSpec, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("--observed: %w", err)
	}
	defer f.Close()
	return patterns.ReadObserved(io.LimitReader(f, 64<<20), path)
}

// steps turns progress, told the runs finished over a whole job, into
// the callback of study's jobs, which ask for one for each ensemble in
// turn. progress may be nil.
func steps(progress func(done int)) func(runs int) func(done int) {
	base := 0
	return func(runs int) func(int) {
		b := base
		base += runs
		return func(n int) {
			if progress != nil {
				progress(b + n)
			}
		}
	}
}

// strs lists the overrides as typed, for summaries; none is nil.
func strs(sets []scenarios.Set) []string {
	var out []string
	for _, x := range sets {
		out = append(out, x.String())
	}
	return out
}
