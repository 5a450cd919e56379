package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"

	"caspian/ensemble"
	"caspian/scenarios"
	"caspian/sim"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// Exit statuses after a signal, as shells report a program stopped by
// SIGINT (128 + 2) or SIGTERM (128 + 15).
const (
	exitInterrupted = 130
	exitTerminated  = 143
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

func (s *setList) explains() {}

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

func (f *overlayFlag) explains() {}

// overlayUsage is the help text of --overlay.
const overlayUsage = "apply the overrides in `FILE`, one PATH = VALUE per line as for --set (sim calibrate writes one with the values it fitted); a --set after it wins"

// setUsage is the help text of --set.
const setUsage = "override one value of the scenario by its `PATH=VALUE`, as in the file: agents.AZE.weights.security=0.6, model.temperature=0.001, routes.btc.capacity=500, calendar.history_until=2013; repeat for more; checked like the file itself"

// interruption is a context that Ctrl-C (SIGINT) or SIGTERM cancels, so
// that a long command stops cleanly, between runs, instead of being
// killed in the middle of writing. It remembers the signal, for the exit
// status.
type interruption struct {
	context.Context
	cancel context.CancelFunc
	ch     chan os.Signal
	once   sync.Once
	mu     sync.Mutex
	sig    os.Signal
}

// interruptible starts listening for SIGINT and SIGTERM; stop ends it.
func interruptible() *interruption {
	ctx, cancel := context.WithCancel(context.Background())
	it := &interruption{Context: ctx, cancel: cancel, ch: make(chan os.Signal, 1)}
	signal.Notify(it.ch, os.Interrupt, syscall.SIGTERM)
	go func() {
		select {
		case s := <-it.ch:
			it.mu.Lock()
			it.sig = s
			it.mu.Unlock()
			cancel()
		case <-ctx.Done():
		}
	}()
	return it
}

// stop stops listening: a signal after it has its default effect.
func (it *interruption) stop() {
	it.once.Do(func() {
		signal.Stop(it.ch)
		it.cancel()
	})
}

// signal is the signal that interrupted the command, or nil.
func (it *interruption) signal() os.Signal {
	it.mu.Lock()
	defer it.mu.Unlock()
	return it.sig
}

// interrupted reports whether err is the cancellation a signal caused.
func interrupted(err error) bool { return errors.Is(err, context.Canceled) }

// stopped tells the user that a signal stopped the command and that dir,
// if any, was left alone; it returns the error that sets the exit
// status: 128 and the signal's number, as shells report a program a
// signal killed (130 for Ctrl-C, 143 for SIGTERM).
func stopped(e *env, it *interruption, dir string) error {
	what := "interrupted"
	code := exitInterrupted
	if it != nil && it.signal() == syscall.SIGTERM {
		what, code = "terminated", exitTerminated
	}
	if dir != "" {
		fmt.Fprintf(e.err, "sim: %s; nothing was saved, and %s was left as it was\n", what, dir)
	} else {
		fmt.Fprintf(e.err, "sim: %s; nothing was saved\n", what)
	}
	return reported{code: code}
}

// runFailed explains why running what failed, saving nothing: a
// numerical fault of the engine (a value that became NaN or infinite)
// with the turn, quantity, agent and rule that produced it, anything else
// as it is. kept, if not "", says what was left as it was.
func runFailed(what string, err error, kept string) error {
	tail := "nothing was saved"
	if kept != "" {
		tail += ", and " + kept + " was left as it was"
	}
	var fe *sim.FaultError
	if errors.As(err, &fe) {
		return fmt.Errorf("%s: %v (the scenario passed every check, so this is a bug in the model; please report it with the scenario and the command); %s", what, err, tail)
	}
	return fmt.Errorf("running %s failed, so %s: %w", what, tail, err)
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
