package main

import (
	"caspian/internal/cli"
	"context"
	"fmt"
	"strings"
	"syscall"

	"caspian/ensemble"
	"caspian/scenarios"
	"caspian/sim"
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
	var out []string
	for _, x := range s {
		out = append(out, x.String())
	}
	return out
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
	data, err := scenarios.ReadFile(path, 1<<20)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	sets, err := scenarios.ReadOverlay(path, data)
	if err != nil {
		return fmt.Errorf("%s has problems, so nothing was run:\n  %s", path, strings.ReplaceAll(err.Error(), "\n", "\n  "))
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

// runEnsemble runs one scenario's ensemble, reporting progress to c.
func runEnsemble(ctx context.Context, sc *sim.Scenario, o ensemble.Options, c *cli.Counter) (*ensemble.Stats, error) {
	if c != nil {
		o.Progress = c.Step(o.Runs)
	}
	return ensemble.Run(ctx, sc, o)
}
