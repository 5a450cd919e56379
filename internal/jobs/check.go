package jobs

import (
	"errors"
	"fmt"
	"io"

	"caspian/scenarios"
	"caspian/sim"
)

// Checked is what checking one scenario file found: the scenario and the
// settings that are valid but cannot change a run, or its problems.
type Checked struct {
	// Name is how messages call the file.
	Name     string
	Sc       *sim.Scenario
	Warnings []*scenarios.Error
	// Err holds the problems, Problems how many there are; both are
	// zero for a file without mistakes.
	Err      error
	Problems int
}

// Check reads the scenario file or built-in scenario arg within the
// limits l and reports every mistake in it at once, without running it:
// what 'sim check' does for each file.
func Check(arg string, l Limits) Checked {
	sc, data, name, err := scenarios.OpenWith(arg, scenarios.Options{Limits: l.Scenario})
	if err != nil {
		var list scenarios.ErrorList
		if errors.As(err, &list) {
			return Checked{Name: name, Err: list, Problems: len(list.Unwrap())}
		}
		var one *scenarios.Error
		if errors.As(err, &one) && one.File != "" {
			// A file too large to read, or not a file: FILE: problem.
			return Checked{Name: name, Err: one, Problems: 1}
		}
		return Checked{Name: name, Err: err, Problems: 1}
	}
	// Settings that are valid but do nothing: almost always a slip.
	return Checked{Name: name, Sc: sc, Warnings: scenarios.Warnings(name, data, sc)}
}

// Write prints the verdict: "ok" and the warnings to out, the problems
// to errs. Problems of a file's content already start with FILE:LINE,
// the form editors and instructors' handouts recognise, and a file too
// large or not a file with FILE:, so they are printed as they are; a
// file that cannot be read or found has no line to point at, so the
// message says it comes from sim.
func (c Checked) Write(out, errs io.Writer) {
	if c.Err == nil {
		fmt.Fprintf(out, "%s: ok (%d agents, %d turns)\n", c.Name, len(c.Sc.Agents), c.Sc.Calendar.Turns())
		for _, w := range c.Warnings {
			fmt.Fprintf(out, "warning: %s\n", w.Error())
		}
		return
	}
	switch c.Err.(type) {
	case scenarios.ErrorList, *scenarios.Error:
		fmt.Fprintln(errs, c.Err.Error())
	default:
		fmt.Fprintf(errs, "sim: %s\n", c.Err)
	}
}
