package study

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"

	"caspian/ensemble"
	"caspian/internal/journal"
	"caspian/output"
	"caspian/sensitivity"
	"caspian/sweep"
)

// Analysis is one sensitivity analysis: the scenario, its outputs, the
// design of points in the box of its values and the points this machine
// runs. A command fills in its fields, then calls Design; its methods
// run the points and make the files.
type Analysis struct {
	// Scenario is how messages and files name the scenario, Title its
	// title (the plot falls back on Scenario without one), SHA256 the
	// hash of its file and Version the program's, for the summary and
	// the journal.
	Scenario, Title, SHA256, Version string
	// Overrides are the common --set overrides as typed.
	Overrides []string
	// Observed is the file of the observed series among the patterns,
	// as typed.
	Observed string
	// Params are the values varied, each over its range.
	Params []sweep.Param
	// Open opens the scenario with a point's values.
	Open Opener
	// Labels are the outputs as written, Outputs as read.
	Labels  []string
	Outputs *Outputs
	// Method is morris or sobol; Samples the trajectories or base
	// samples of its design.
	Method  string
	Samples int
	// Runs is the number of runs of each point, Seed the seed of the
	// design and of every point's runs, Workers the cores the runs share.
	Runs, Workers int
	Seed          uint64
	// Shard is the part of the points this machine runs, as typed
	// (I/N), or empty for all of them.
	Shard string
	// Format is the plot's file format.
	Format string
	// Progress, if set, returns the progress callback of the next
	// point's runs.
	Progress func(runs int) func(done int)

	// Points are the design's points, set by Design.
	Points [][]float64
	morris *sensitivity.MorrisDesign
	sobol  *sensitivity.SaltelliDesign
	// ours are the points of this shard (every point unsharded), mine
	// how many there are.
	ours map[int]bool
	mine int
}

// DefaultSamples are the samples of a design that names none.
func DefaultSamples(method string) int {
	if method == "sobol" {
		return 32
	}
	return 10
}

// Design draws the design, Morris trajectories or a Saltelli sample,
// from a stream of its own derived from the seed, and picks this shard's
// points.
func (a *Analysis) Design() error {
	p := sensitivity.Problem(BoxOf(a.Params))
	rng := rand.New(rand.NewPCG(a.Seed, 0x5e75))
	var err error
	if a.Method == "morris" {
		if a.morris, err = sensitivity.Morris(p, a.Samples, 4, rng); err != nil {
			return err
		}
		a.Points = a.morris.Points
	} else {
		if a.sobol, err = sensitivity.Saltelli(p, a.Samples, rng); err != nil {
			return err
		}
		a.Points = a.sobol.Points
	}
	i, n := 0, 1
	if a.Shard != "" {
		if i, n, err = sweep.ParseShard(a.Shard); err != nil {
			return err
		}
	}
	a.ours, a.mine = map[int]bool{}, 0
	for k := range a.Points {
		a.ours[k] = k%n == i
		if a.ours[k] {
			a.mine++
		}
	}
	return nil
}

// Mine is the number of points this machine runs.
func (a *Analysis) Mine() int { return a.mine }

// Header is the header of design.csv and of the journal's rows.
func (a *Analysis) Header() []string {
	h := []string{"point"}
	for _, p := range a.Params {
		h = append(h, p.Path)
	}
	return append(h, a.Labels...)
}

// JournalHeader is the header of the analysis's journal (of its shard):
// everything that decides the points and their outputs, so that a
// journal of another analysis is refused.
func (a *Analysis) JournalHeader() *journal.Header {
	h := &journal.Header{Format: journal.Format, Scenario: a.Scenario, SHA256: a.SHA256, Version: a.Version, Seed: a.Seed,
		Design: a.Method + " " + a.Observed, Params: Ranges(a.Params), Points: len(a.Points), RunsPerPoint: a.Runs,
		Overrides: a.Overrides, Shard: a.Shard, Header: a.Header(), Values: a.Points}
	if h.Overrides == nil {
		h.Overrides = []string{}
	}
	return h
}

// ValidEntry checks that a journal entry is one row of one of this
// shard's points.
func (a *Analysis) ValidEntry(en journal.Entry) error {
	width := len(a.Header())
	if !a.ours[en.Point] || len(en.Rows) != 1 || len(en.Rows[0]) != width {
		return fmt.Errorf("point %d is not one of this analysis's, or not one row of %d columns", en.Point, width)
	}
	return nil
}

// Todo is the number of this machine's points the journal j lacks.
func (a *Analysis) Todo(j *journal.Journal) int {
	todo := 0
	for k := range a.Points {
		if a.ours[k] && j.Rows(k) == nil {
			todo++
		}
	}
	return todo
}

// Evaluate runs the point x and reads its outputs; progress, if not nil,
// follows the runs.
func (a *Analysis) Evaluate(ctx context.Context, x []float64, progress func(int)) ([]float64, error) {
	sc, err := a.Open(x)
	if err != nil {
		return nil, err
	}
	return a.Outputs.Evaluate(ctx, sc, ensemble.Options{Seed: a.Seed, Runs: a.Runs, Workers: a.Workers, Progress: progress})
}

// Run runs this machine's points that the journal j lacks, adding each
// to it as it finishes, and returns every output of every point it has
// (ys[point][output]; nil for another shard's points).
func (a *Analysis) Run(ctx context.Context, j *journal.Journal) ([][]float64, error) {
	ys := make([][]float64, len(a.Points))
	for k, x := range a.Points {
		if !a.ours[k] {
			continue
		}
		var err error
		if rows := j.Rows(k); rows != nil {
			if ys[k], err = ReadOutputs(rows[0], k, x, len(a.Outputs.List)); err != nil {
				return nil, fmt.Errorf("cannot resume the analysis in %s: %w", j.Dir, err)
			}
			if p := next(a.Progress, a.Runs); p != nil {
				p(a.Runs)
			}
			continue
		}
		ys[k], err = a.Evaluate(ctx, x, next(a.Progress, a.Runs))
		if err == nil {
			err = j.Add(k, [][]string{WriteOutputs(k, x, ys[k])})
		}
		if err != nil {
			return nil, fmt.Errorf("point %d: %w", k, err)
		}
	}
	return ys, nil
}

// Result estimates the effects or indices of every output from ys.
func (a *Analysis) Result(ys [][]float64) (*output.Sensitivity, error) {
	res := &output.Sensitivity{Title: a.Title, Method: a.Method, Runs: a.Runs, Samples: a.Samples, Points: len(a.Points)}
	if res.Title == "" {
		res.Title = a.Scenario
	}
	for _, p := range a.Params {
		res.Params = append(res.Params, output.CalibrationParam{Path: p.Path, Lo: p.Lo, Hi: p.Hi})
	}
	rng := rand.New(rand.NewPCG(a.Seed, 0xb007))
	for m, out := range a.Outputs.List {
		y := make([]float64, len(a.Points))
		for k := range a.Points {
			y[k] = ys[k][m]
		}
		so := output.SensitivityOutput{Name: out.Label, Varies: varies(y)}
		if so.Varies {
			var err error
			if a.morris != nil {
				so.Effects, err = a.morris.Effects(y)
			} else {
				so.Indices, err = a.sobol.Indices(y, 500, rng)
			}
			if err != nil {
				return nil, fmt.Errorf("%s: %w", out.Label, err)
			}
		}
		res.Outputs = append(res.Outputs, so)
	}
	return res, nil
}

// varies reports whether y takes more than one value: the estimators
// divide by the spread of the output, so one that never moves has no
// effects or indices at all.
func varies(y []float64) bool {
	for _, v := range y {
		if v != y[0] {
			return true
		}
	}
	return false
}

// Files are the analysis's output files.
func (a *Analysis) Files(res *output.Sensitivity, ys [][]float64) []output.File {
	return []output.File{
		{Name: "sensitivity.csv", Write: func(w io.Writer) error { return output.WriteSensitivity(w, res) }},
		{Name: "design.csv", Write: func(w io.Writer) error { return output.WriteDesign(w, a.Header(), a.Points, ys) }},
		{Name: "summary.json", Write: func(w io.Writer) error {
			return output.WriteStudySummary(w, &output.StudySummary{Command: "sensitivity", Scenario: a.Scenario, SHA256: a.SHA256, Version: a.Version,
				Seed: a.Seed, RunsPerPoint: a.Runs, Points: len(a.Points), Overrides: a.Overrides, Observed: a.Observed, Params: Ranges(a.Params),
				Method: a.Method, Samples: a.Samples, Outputs: a.Labels})
		}},
		{Name: "sensitivity." + a.Format, Write: func(w io.Writer) error {
			d, err := output.PlotSensitivity(res)
			if err != nil {
				return err
			}
			return output.Render(w, d, output.SensitivityWidth, output.SensitivityHeight(res), a.Format)
		}},
	}
}
