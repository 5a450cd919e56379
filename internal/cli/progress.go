package cli

import (
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// Progress shows a bar with the rate and the time left on stderr, when
// stderr is a terminal; otherwise it shows nothing.
type Progress struct {
	bar *progressbar.ProgressBar
}

// NewProgress starts a bar counting total runs, or returns nil when
// stderr is not a terminal (a file, a pipe, a test's buffer).
func NewProgress(e *Env, total int, what string) *Progress {
	f, ok := e.Err.(*os.File)
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
	return &Progress{bar: bar}
}

// Set moves the bar to n runs done; a nil Progress does nothing.
func (p *Progress) Set(n int) {
	if p != nil {
		p.bar.Set(n)
	}
}

// Close erases the bar, so that what follows starts on a clean line.
func (p *Progress) Close() {
	if p != nil {
		p.bar.Clear()
		p.bar.Exit()
	}
}

// Counter counts finished runs across several ensembles for one bar.
type Counter struct {
	P    *Progress
	base int
}

// Step returns the Progress callback of the next ensemble of size runs.
func (c *Counter) Step(runs int) func(int) {
	base := c.base
	c.base += runs
	return func(n int) { c.P.Set(base + n) }
}
