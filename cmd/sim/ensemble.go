package main

import (
	"caspian/internal/cli"
	"caspian/internal/jobs"
	"context"
	"fmt"
	"strings"
	"syscall"

	"caspian/scenarios"
)

// setList collects the repeatable --set path=value flag.
type setList []scenarios.Set

func (s *setList) String() string {
	parts := make([]string, len(*s))
	for i, x := range *s {
		parts[i] = x.String()
	}
	return strings.Join(parts, " ")
}

// Set implements flag.Value: each --set adds one override.
func (s *setList) Set(v string) error {
	set, err := scenarios.ParseSet(v)
	if err != nil {
		return err
	}
	*s = append(*s, set)
	return nil
}

func (s *setList) Explains() {}

// strings lists the overrides as typed, for summaries.
func (s setList) strings() []string {
	return jobs.Overrides(s)
}

// overlayFlag is --overlay FILE: it adds the overrides of an overlay file
// (as sim calibrate writes) to a command's --set list, where it stands
// among the --set flags, so that a later --set wins.
type overlayFlag struct {
	sets  *setList
	files []string
}

func (f *overlayFlag) String() string {
	if f == nil {
		return ""
	}
	return strings.Join(f.files, " ")
}

// Set reads the file and adds its overrides.
func (f *overlayFlag) Set(path string) error {
	sets, err := jobs.ReadOverlay(path)
	if err != nil {
		return err
	}
	*f.sets = append(*f.sets, sets...)
	f.files = append(f.files, path)
	return nil
}

func (f *overlayFlag) Explains() {}

// overlayUsage is the help text of --overlay.
const overlayUsage = "apply the overrides in `FILE`, one PATH = VALUE per line as for --set (sim calibrate writes one with the values it fitted); a --set after it wins"

// setUsage is the help text of --set.
const setUsage = "override one value of the scenario by its `PATH=VALUE`, as in the file: agents.AZE.weights.security=0.6, model.temperature=0.001, routes.btc.capacity=500, calendar.history_until=2013; repeat for more; checked like the file itself"

// stopped tells the user that a signal stopped the command and that dir,
// if any, was left alone; it returns the error that sets the exit
// status: 128 and the signal's number, as shells report a program a
// signal killed (130 for Ctrl-C, 143 for SIGTERM).
func stopped(e *cli.Env, it *cli.Interruption, dir string) error {
	what := "interrupted"
	code := cli.ExitInterrupted
	if it != nil && it.Signal() == syscall.SIGTERM {
		what, code = "terminated", cli.ExitTerminated
	}
	if dir != "" {
		fmt.Fprintf(e.Err, "sim: %s; nothing was saved, and %s was left as it was\n", what, dir)
	} else {
		fmt.Fprintf(e.Err, "sim: %s; nothing was saved\n", what)
	}
	return cli.Reported{Code: code}
}

// announce tells a user without a progress bar that a long job started.
func announce(e *cli.Env, p *cli.Progress, runs int, format string, a ...any) {
	if p == nil && runs >= slowRuns {
		fmt.Fprintf(e.Err, format+"\n", a...)
	}
}

// watch runs a long job do, showing a progress bar of total runs
// labelled what on a terminal, or else telling the user that it started
// (started); a signal ends it with the message and exit status of
// stopped, saying that folder out was left alone.
func watch[T any](e *cli.Env, total int, what, started, out string, do func(context.Context, func(int)) (T, error)) (T, error) {
	ctx := cli.Interruptible()
	defer ctx.Stop()
	// Progress is not a result, so it goes to stderr and leaves stdout to
	// the summary.
	bar := cli.NewProgress(e, total, what)
	announce(e, bar, total, "%s", started)
	res, err := do(ctx, bar.Set)
	bar.Close()
	if jobs.Interrupted(err) {
		return res, stopped(e, ctx, out)
	}
	return res, err
}
