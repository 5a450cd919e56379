package main

import (
	"caspian/internal/cli"
	"caspian/internal/jobs"
	"context"
	"errors"
	"fmt"
	"strings"

	"caspian/scenarios"
)

// overlayFlag is --overlay FILE: it adds the overrides of an overlay file
// (as sim calibrate writes) to a command's --set list, where it stands
// among the --set flags, so that a later --set wins.
type overlayFlag struct {
	sets  *[]scenarios.Set
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
// status (see cli.Interruption.Stopped).
func stopped(e *cli.Env, it *cli.Interruption, dir string) error {
	word, code := it.Stopped()
	if dir != "" {
		fmt.Fprintf(e.Err, "sim: %s; nothing was saved, and %s was left as it was\n", word, dir)
	} else {
		fmt.Fprintf(e.Err, "sim: %s; nothing was saved\n", word)
	}
	return cli.Reported{Code: code}
}

// announce tells a user without a progress bar that a long job started.
func announce(e *cli.Env, p *cli.Progress, runs int, format string, a ...any) {
	if p == nil && runs >= slowRuns {
		fmt.Fprintf(e.Err, format+"\n", a...)
	}
}

// watch runs a long job behind a progress bar on a terminal, or else the
// plan's announcement of a long job, and stops it on a signal (see
// failed); out is the job's output folder. check, if set, runs first,
// with no bar; the plan is asked for after it, as a resumed job has less
// left to do. Progress is not a result, so it goes to stderr and leaves
// stdout to the summary.
func watch[R any](e *cli.Env, out string, check func(context.Context) error, plan func() jobs.Plan, do func(context.Context, func(int)) (R, error)) (R, error) {
	ctx := cli.Interruptible()
	defer ctx.Stop()
	if check != nil {
		if err := check(ctx); err != nil {
			var none R
			return none, failed(e, ctx, err, out)
		}
	}
	p := plan()
	bar := cli.NewProgress(e, p.Runs, p.Title)
	announce(e, bar, p.Todo, "%s", p.Say)
	res, err := do(ctx, bar.Set)
	bar.Close()
	if err != nil {
		return res, failed(e, ctx, err, out)
	}
	return res, nil
}

// failed is the error of a job that stopped before it saved: a job a
// signal stopped says so, with what was kept for --resume, and exits
// with the signal's status; out is the job's output folder.
func failed(e *cli.Env, ctx *cli.Interruption, err error, out string) error {
	var kept *jobs.Kept
	switch {
	case errors.As(err, &kept):
		word, code := ctx.Stopped()
		fmt.Fprintf(e.Err, "sim: %s; %v\n", word, kept)
		return cli.Reported{Code: code}
	case jobs.Interrupted(err):
		return stopped(e, ctx, jobs.Existing(out))
	}
	return err
}
