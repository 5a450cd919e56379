package study

import (
	"context"
	"fmt"
	"io"

	"caspian/calibrate"
	"caspian/ensemble"
	"caspian/internal/journal"
	"caspian/output"
	"caspian/sim"
	"caspian/sweep"
	"caspian/validation"
)

// Calibration is one calibration: the scenario, the part of its record
// to fit and to test, the box the search moves in and how each candidate
// is run. A command fills it in; its methods run the search and make the
// files.
type Calibration struct {
	// Scenario is how messages and files name the scenario, Title its
	// title (the plot falls back on Scenario without one), SHA256 the
	// hash of its file and Version the program's, for the summary and
	// the journal.
	Scenario, Title, SHA256, Version string
	// Overrides are the common --set overrides as typed.
	Overrides []string
	// Observed is the file of the observed series Extra, as typed.
	Observed string
	Extra    []sim.PatternSpec
	// Params are the values to fit, each within its range, and Start
	// where the search starts them.
	Params []sweep.Param
	Start  []float64
	// Open opens the scenario with a candidate's values.
	Open Opener
	// Split sorts the patterns into the fitted ones, ending by Until,
	// and the test ones, ending after it and by TestUntil.
	Split            *calibrate.Split
	Until, TestUntil sim.Date
	// Runs is the number of runs of each candidate, Budget the most
	// candidates the search tries, Seed the seed of every candidate's
	// runs, Workers the cores the runs share.
	Runs, Budget, Workers int
	Seed                  uint64
	// Format is the plot's file format.
	Format string
	// Progress, if set, returns the progress callback of the next
	// ensemble of the given number of runs.
	Progress func(runs int) func(done int)
}

// Scored is a candidate's misfit on the fitted and the test patterns,
// and the validation it was measured from.
type Scored struct {
	Fit, Test calibrate.Misfit
	Report    *validation.Report
}

// journalHeader is the header of a candidate's journal row.
func (c *Calibration) journalHeader() []string {
	header := []string{"evaluation"}
	header = append(header, BoxOf(c.Params).Names...)
	return append(header, "fit", "fit_held", "fit_patterns", "test", "test_held", "test_patterns")
}

// JournalHeader is the header of the calibration's journal: everything
// that decides which candidates the search tries and how they score, so
// that a journal of another search is refused.
func (c *Calibration) JournalHeader() *journal.Header {
	h := &journal.Header{Format: journal.Format, Scenario: c.Scenario, SHA256: c.SHA256, Version: c.Version, Seed: c.Seed,
		Design: "calibrate " + c.Until.String() + " " + c.TestUntil.String() + " " + c.Observed, Params: Ranges(c.Params),
		Points: c.Budget, RunsPerPoint: c.Runs, Overrides: c.Overrides, Header: c.journalHeader(), Values: [][]float64{c.Start}}
	if h.Overrides == nil {
		h.Overrides = []string{}
	}
	return h
}

// ValidEntry checks that a journal entry is one candidate's row.
func (c *Calibration) ValidEntry(en journal.Entry) error {
	width := len(c.journalHeader())
	if len(en.Rows) != 1 || len(en.Rows[0]) != width {
		return fmt.Errorf("candidate %d is not one row of %d columns", en.Point, width)
	}
	return nil
}

// Evaluate runs the candidate x on the draws of seed and scores it;
// progress, if not nil, follows the runs.
func (c *Calibration) Evaluate(ctx context.Context, x []float64, seed uint64, progress func(int)) (Scored, error) {
	sc, err := c.Open(x)
	if err != nil {
		return Scored{}, err
	}
	eo := ensemble.Options{Seed: seed, Runs: c.Runs, Workers: c.Workers, Turns: []int{-1}, Progress: progress}
	rep, _, err := validation.Validate(ctx, sc, validation.Options{Ensemble: eo, Until: c.TestUntil, Extra: c.Extra})
	if err != nil {
		return Scored{}, err
	}
	fit, test, err := c.Split.Measure(rep)
	return Scored{fit, test, rep}, err
}

// next is the progress callback of the next ensemble of runs, or nil
// without progress.
func next(progress func(runs int) func(done int), runs int) func(done int) {
	if progress == nil {
		return nil
	}
	return progress(runs)
}

// Search runs the search, taking the candidates the journal j has from
// it and adding each new one as it is scored. It returns every candidate
// tried, in order, as trace.csv shows them.
func (c *Calibration) Search(ctx context.Context, j *journal.Journal) (*calibrate.Result, []output.CalibrationRow, error) {
	var rows []output.CalibrationRow
	f := func(ctx context.Context, n int, x []float64) (float64, error) {
		if kept := j.Rows(n); kept != nil {
			row, err := ReadCandidate(kept[0], n, x)
			if err != nil {
				return 0, fmt.Errorf("cannot resume the calibration in %s: %w", j.Dir, err)
			}
			if p := next(c.Progress, c.Runs); p != nil {
				p(c.Runs)
			}
			rows = append(rows, row)
			return row.Fit, nil
		}
		sc, err := c.Evaluate(ctx, x, c.Seed, next(c.Progress, c.Runs))
		if err != nil {
			return 0, err
		}
		row := CandidateRow(n, x, sc)
		rows = append(rows, row)
		return row.Fit, j.Add(n, [][]string{WriteCandidate(row)})
	}
	res, err := calibrate.Search(ctx, BoxOf(c.Params), f, calibrate.Options{Start: c.Start, Budget: c.Budget})
	return res, rows, err
}

// Checked is the start and the fit scored again: on the search's draws,
// for the patterns' table, and on other draws (the seed plus 1), since a
// fit that only suits the draws it was searched with gains nothing there.
type Checked struct {
	First, Best Scored
	Rows        []output.MisfitRow
}

// Check scores the start and the fit of res again.
func (c *Calibration) Check(ctx context.Context, res *calibrate.Result) (*Checked, error) {
	fresh := c.Seed + 1
	var ch Checked
	var firstFresh, bestFresh Scored
	for _, ev := range []struct {
		x    []float64
		seed uint64
		into *Scored
	}{{res.Trace[0].X, c.Seed, &ch.First}, {res.Best.X, c.Seed, &ch.Best}, {res.Trace[0].X, fresh, &firstFresh}, {res.Best.X, fresh, &bestFresh}} {
		var err error
		if *ev.into, err = c.Evaluate(ctx, ev.x, ev.seed, nil); err != nil {
			return nil, err
		}
	}
	search, other := fmt.Sprintf("search (seed %d)", c.Seed), fmt.Sprintf("other (seed %d)", fresh)
	ch.Rows = []output.MisfitRow{
		{Part: "fit", Draws: search, Patterns: ch.Best.Fit.Patterns, Start: ch.First.Fit, Fitted: ch.Best.Fit},
		{Part: "fit", Draws: other, Patterns: ch.Best.Fit.Patterns, Start: firstFresh.Fit, Fitted: bestFresh.Fit},
	}
	if len(c.Split.Test) > 0 {
		ch.Rows = append(ch.Rows,
			output.MisfitRow{Part: "test", Draws: search, Patterns: ch.Best.Test.Patterns, Start: ch.First.Test, Fitted: ch.Best.Test},
			output.MisfitRow{Part: "test", Draws: other, Patterns: ch.Best.Test.Patterns, Start: firstFresh.Test, Fitted: bestFresh.Test})
	}
	return &ch, nil
}

// Trace is the search as the trace's table and plot show it.
func (c *Calibration) Trace(res *calibrate.Result, rows []output.CalibrationRow) *output.CalibrationTrace {
	t := &output.CalibrationTrace{Title: c.Title, Until: c.Until.String(), Runs: c.Runs, Rows: rows}
	if t.Title == "" {
		t.Title = c.Scenario
	}
	if len(c.Split.Test) > 0 {
		t.TestUntil = c.TestUntil.String()
	}
	for i, p := range c.Params {
		t.Params = append(t.Params, output.CalibrationParam{Path: p.Path, Lo: p.Lo, Hi: p.Hi, Start: res.Trace[0].X[i]})
	}
	return t
}

// Files are the calibration's output files.
func (c *Calibration) Files(res *calibrate.Result, t *output.CalibrationTrace, ch *Checked) []output.File {
	return []output.File{
		{Name: "fitted.set", Write: func(w io.Writer) error {
			_, err := w.Write(c.FittedOverlay(res, ch.Rows))
			return err
		}},
		{Name: "fit.csv", Write: func(w io.Writer) error { return output.WriteCalibrationFit(w, t, res.Best.X) }},
		{Name: "summary.json", Write: func(w io.Writer) error {
			return output.WriteStudySummary(w, &output.StudySummary{Command: "calibrate", Scenario: c.Scenario, SHA256: c.SHA256, Version: c.Version,
				Seed: c.Seed, RunsPerPoint: c.Runs, Points: len(t.Rows), Overrides: c.Overrides, Observed: c.Observed, Params: Ranges(c.Params),
				Until: c.Until.String(), TestUntil: c.TestUntil.String(), Budget: c.Budget, Converged: &res.Converged})
		}},
		{Name: "misfit.csv", Write: func(w io.Writer) error { return output.WriteMisfits(w, ch.Rows) }},
		{Name: "patterns.csv", Write: func(w io.Writer) error {
			return output.WriteCalibrationPatterns(w, c.Split, ch.First.Report, ch.Best.Report)
		}},
		{Name: "trace.csv", Write: func(w io.Writer) error { return output.WriteCalibrationTrace(w, t) }},
		{Name: "trace." + c.Format, Write: func(w io.Writer) error {
			d, err := output.PlotCalibration(t)
			if err != nil {
				return err
			}
			return output.Render(w, d, output.CalibrationWidth, output.CalibrationHeight, c.Format)
		}},
	}
}
