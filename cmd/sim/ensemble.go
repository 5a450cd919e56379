package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"caspian/ensemble"
	"caspian/scenarios"
	"caspian/sim"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// exitInterrupted is the exit status after Ctrl-C, as shells report a
// program stopped by SIGINT (128 + 2).
const exitInterrupted = 130

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

func (s *setList) explains() {}

// strings lists the overrides as typed, for summaries.
func (s setList) strings() []string {
	var out []string
	for _, x := range s {
		out = append(out, x.String())
	}
	return out
}

// setUsage is the help text of --set.
const setUsage = "override one value of the scenario by its `PATH=VALUE`, as in the file: agents.AZE.weights.security=0.6, model.temperature=0.001, routes.btc.capacity=500, calendar.history_until=2013; repeat for more; checked like the file itself"

// interruptible returns a context that Ctrl-C (or SIGTERM) cancels, so a
// long ensemble stops cleanly instead of being killed mid-write.
func interruptible() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}

// interrupted reports whether err is the cancellation Ctrl-C caused.
func interrupted(err error) bool { return errors.Is(err, context.Canceled) }

// stopped tells the user that Ctrl-C stopped the command and that dir,
// if any, was left alone; it returns the error that sets the exit status.
func stopped(e *env, dir string) error {
	if dir != "" {
		fmt.Fprintf(e.err, "sim: interrupted; nothing was saved, and %s was left as it was\n", dir)
	} else {
		fmt.Fprintln(e.err, "sim: interrupted; nothing was saved")
	}
	return reported{code: exitInterrupted}
}

// progress shows a bar with the rate and the time left on stderr, when
// stderr is a terminal; otherwise it shows nothing.
type progress struct {
	bar *progressbar.ProgressBar
}

// newProgress starts a bar counting total runs, or returns nil when
// stderr is not a terminal (a file, a pipe, a test's buffer).
func newProgress(e *env, total int, what string) *progress {
	f, ok := e.err.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	bar := progressbar.NewOptions(total,
		progressbar.OptionSetWriter(f),
		progressbar.OptionSetDescription(what),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("runs"),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionSetWidth(30),
		progressbar.OptionClearOnFinish(),
	)
	return &progress{bar: bar}
}

// set moves the bar to n runs done; a nil progress does nothing.
func (p *progress) set(n int) {
	if p != nil {
		p.bar.Set(n)
	}
}

// close erases the bar, so that what follows starts on a clean line.
func (p *progress) close() {
	if p != nil {
		p.bar.Clear()
		p.bar.Exit()
	}
}

// counter counts finished runs across several ensembles for one bar.
type counter struct {
	p    *progress
	base int
}

// step returns the Progress callback of the next ensemble of size runs.
func (c *counter) step(runs int) func(int) {
	base := c.base
	c.base += runs
	return func(n int) { c.p.set(base + n) }
}

// announce tells a user without a progress bar that a long job started.
func announce(e *env, p *progress, runs int, format string, a ...any) {
	if p == nil && runs >= slowRuns {
		fmt.Fprintf(e.err, format+"\n", a...)
	}
}

// runEnsemble runs one scenario's ensemble, reporting progress to c.
func runEnsemble(ctx context.Context, sc *sim.Scenario, o ensemble.Options, c *counter) (*ensemble.Stats, error) {
	if c != nil {
		o.Progress = c.step(o.Runs)
	}
	return ensemble.Run(ctx, sc, o)
}
