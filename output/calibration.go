package output

import (
	"caspian/calibrate"
	"caspian/validation"
	"encoding/json"

	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Sizes of the calibration figures.
const (
	CalibrationWidth  = 9 * vg.Inch
	CalibrationHeight = 8 * vg.Inch
)

// CalibrationTrace is every evaluation of a calibration, in order.
type CalibrationTrace struct {
	Title  string
	Params []CalibrationParam
	// Until ends the fitted patterns; TestUntil the test, "" for none.
	Until, TestUntil string
	Runs             int
	Rows             []CalibrationRow
}

// CalibrationParam is one fitted value: its path, range and start.
type CalibrationParam struct {
	Path          string
	Lo, Hi, Start float64
}

// CalibrationRow is one evaluation: the values tried and the misfit of
// the ensemble on the fitted patterns and on the test (NaN without one),
// with how many patterns held.
type CalibrationRow struct {
	N                     int
	X                     []float64
	Fit, Test             float64
	FitHeld, TestHeld     int
	FitScored, TestScored int
}

// WriteCalibrationTrace writes trace.csv: one row per evaluation, with
// the least fitted misfit so far.
func WriteCalibrationTrace(w io.Writer, t *CalibrationTrace) error {
	cw := csv.NewWriter(w)
	head := []string{"evaluation"}
	for _, p := range t.Params {
		head = append(head, p.Path)
	}
	head = append(head, "fit_misfit", "fit_held", "fit_patterns", "test_misfit", "test_held", "test_patterns", "best_fit_misfit")
	if err := cw.Write(head); err != nil {
		return err
	}
	best := math.Inf(1)
	for _, r := range t.Rows {
		best = math.Min(best, r.Fit)
		row := []string{strconv.Itoa(r.N)}
		for _, x := range r.X {
			row = append(row, strconv.FormatFloat(x, 'g', -1, 64))
		}
		row = append(row, csvNumber(r.Fit), strconv.Itoa(r.FitHeld), strconv.Itoa(r.FitScored),
			csvNumber(r.Test), strconv.Itoa(r.TestHeld), strconv.Itoa(r.TestScored), csvNumber(best))
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// PlotCalibration draws the search: above, the misfit of every
// evaluation on the fitted patterns and on the test, with the least so
// far; below, where each value stood in its range.
func PlotCalibration(t *CalibrationTrace) (Drawer, error) {
	if len(t.Rows) == 0 {
		return nil, errors.New("calibration plot: no evaluations")
	}
	n := float64(len(t.Rows) - 1)
	top := newPlot()
	top.Y.Label.Text = "misfit (0 = every pattern in every run)"
	top.Y.Label.TextStyle.Font = sansFont(10)
	var fit, test, best plotter.XYs
	low := math.Inf(1)
	for _, r := range t.Rows {
		fit = append(fit, plotter.XY{X: float64(r.N), Y: r.Fit})
		if !math.IsNaN(r.Test) {
			test = append(test, plotter.XY{X: float64(r.N), Y: r.Test})
		}
		low = math.Min(low, r.Fit)
		best = append(best, plotter.XY{X: float64(r.N), Y: low})
	}
	line, err := plotter.NewLine(best)
	if err != nil {
		return nil, fmt.Errorf("calibration plot: %w", err)
	}
	line.LineStyle = draw.LineStyle{Color: palette[0], Width: vg.Points(2)}
	dots, err := plotter.NewScatter(fit)
	if err != nil {
		return nil, fmt.Errorf("calibration plot: %w", err)
	}
	dots.GlyphStyle = draw.GlyphStyle{Color: palette[0], Radius: vg.Points(2.5), Shape: draw.CircleGlyph{}}
	top.Add(line, dots)
	top.Legend.Add("fitted patterns (to "+t.Until+"), each evaluation", dots)
	top.Legend.Add("least so far", line)
	if len(test) > 0 {
		tdots, err := plotter.NewScatter(test)
		if err != nil {
			return nil, fmt.Errorf("calibration plot: %w", err)
		}
		tdots.GlyphStyle = draw.GlyphStyle{Color: palette[1], Radius: vg.Points(2.5), Shape: draw.RingGlyph{}}
		top.Add(tdots)
		top.Legend.Add("test patterns (after "+t.Until+", to "+t.TestUntil+")", tdots)
	}
	top.Legend.Top = true
	top.Legend.TextStyle.Font = sansFont(9)
	// The axis spans the misfits tried, so that a search's small steps
	// show, with room above the points for the legend.
	_, _, fitLo, fitHi := plotter.XYRange(fit)
	_, _, testLo, testHi := plotter.XYRange(test) // ±Inf, ignored, without a test
	lowest, highest := math.Min(fitLo, testLo), math.Max(fitHi, testHi)
	span := math.Max(highest-lowest, 0.02)
	top.Y.Min, top.Y.Max = math.Max(0, lowest-0.3*span), highest+1.2*span
	top.X.Min, top.X.Max = -0.5, n+0.5

	below := newPlot()
	below.Y.Label.Text = "value, as a share of its range"
	below.Y.Label.TextStyle.Font = sansFont(10)
	below.X.Label.Text = "evaluation"
	for i, p := range t.Params {
		var pts plotter.XYs
		for _, r := range t.Rows {
			pts = append(pts, plotter.XY{X: float64(r.N), Y: (r.X[i] - p.Lo) / (p.Hi - p.Lo)})
		}
		l, err := plotter.NewLine(pts)
		if err != nil {
			return nil, fmt.Errorf("calibration plot: %w", err)
		}
		l.LineStyle = draw.LineStyle{Color: palette[i%len(palette)], Width: vg.Points(1.5)}
		if i >= len(palette) {
			l.LineStyle.Dashes = []vg.Length{vg.Points(4), vg.Points(2)}
		}
		below.Add(l)
		below.Legend.Add(fmt.Sprintf("%s (%s to %s)", p.Path, Format(p.Lo), Format(p.Hi)), l)
	}
	below.Legend.Top = true
	below.Legend.TextStyle.Font = sansFont(9)
	below.Y.Min, below.Y.Max = 0, 1.1+0.08*float64(len(t.Params))
	below.X.Min, below.X.Max = -0.5, n+0.5
	below.Add(hline{x0: -0.5, x1: n + 0.5, y: 1, style: draw.LineStyle{Color: gridColor, Width: vg.Points(0.6)}})
	return &Figure{
		Title:    "Calibration of " + t.Title,
		Subtitle: fmt.Sprintf("%d evaluations of %d runs each, with the same random draws", len(t.Rows), t.Runs),
		Panels:   []*plot.Plot{top, below},
		Footnote: "Misfit: for a fact, the share of runs in which it did not happen, a dated fact counting less the further it fell from its date (nothing at 2 years); for a series, the distance of the median path from the record as a share of the record's range; averaged over the patterns.",
	}, nil
}

// Format writes a value for a label: up to 4 significant digits.
func Format(v float64) string { return strconv.FormatFloat(v, 'g', 4, 64) }

// WriteCalibrationFit writes fit.csv: each value's range, start and fit.
func WriteCalibrationFit(w io.Writer, t *CalibrationTrace, fitted []float64) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"path", "lo", "hi", "start", "fitted"})
	for i, p := range t.Params {
		num := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
		cw.Write([]string{p.Path, num(p.Lo), num(p.Hi), num(p.Start), num(fitted[i])})
	}
	cw.Flush()
	return cw.Error()
}

// WriteCalibrationPatterns writes patterns.csv: every fitted and test
// pattern with its misfit and share of runs at the start and at the fit.
func WriteCalibrationPatterns(w io.Writer, s *calibrate.Split, start, fitted *validation.Report) error {
	if len(start.Patterns) != len(s.IDs) || len(fitted.Patterns) != len(s.IDs) {
		return errors.New("patterns.csv: the reports do not match the patterns")
	}
	cw := csv.NewWriter(w)
	cw.Write([]string{"id", "name", "part", "until", "misfit_start", "misfit_fitted", "share_start", "share_fitted", "holds_start", "holds_fitted"})
	write := func(part string, idx []int) {
		for _, i := range idx {
			a, b := &start.Patterns[i], &fitted.Patterns[i]
			cw.Write([]string{a.ID, a.Name, part, a.Until,
				csvNumber(calibrate.PatternMisfit(a)), csvNumber(calibrate.PatternMisfit(b)),
				csvNumber(a.Share), csvNumber(b.Share), yesNo(a.Holds), yesNo(b.Holds)})
		}
	}
	write("fit", s.Fit)
	write("test", s.Test)
	cw.Flush()
	return cw.Error()
}

// MisfitRow is the misfit of the start and of the fit on one part of the
// patterns (fit or test), on one set of random draws.
type MisfitRow struct {
	Part, Draws   string
	Patterns      int
	Start, Fitted calibrate.Misfit
}

// Sentence says the row in words.
func (r MisfitRow) Sentence() string {
	what := "fitted"
	if r.Part == "test" {
		what = "test"
	}
	return fmt.Sprintf("%d %s patterns, %s draws: %.3f → %.3f (%d → %d hold)",
		r.Patterns, what, r.Draws, r.Start.Value, r.Fitted.Value, r.Start.Held, r.Fitted.Held)
}

// WriteMisfits writes misfit.csv.
func WriteMisfits(w io.Writer, rows []MisfitRow) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"part", "draws", "patterns", "misfit_start", "misfit_fitted", "held_start", "held_fitted"})
	for _, r := range rows {
		cw.Write([]string{r.Part, r.Draws, strconv.Itoa(r.Patterns), csvNumber(r.Start.Value), csvNumber(r.Fitted.Value),
			strconv.Itoa(r.Start.Held), strconv.Itoa(r.Fitted.Held)})
	}
	cw.Flush()
	return cw.Error()
}

// StudySummary is the summary.json of a calibration or a sensitivity
// analysis: what was run, so that it can be run again.
type StudySummary struct {
	Command      string       `json:"command"`
	Scenario     string       `json:"scenario"`
	SHA256       string       `json:"sha256"`
	Version      string       `json:"version"`
	Seed         uint64       `json:"seed"`
	RunsPerPoint int          `json:"runs_per_point"`
	Points       int          `json:"points"`
	Overrides    []string     `json:"overrides"`
	Observed     string       `json:"observed,omitempty"`
	Params       []SweepParam `json:"params"`
	// A calibration's sample, test, budget and outcome.
	Until     string `json:"until,omitempty"`
	TestUntil string `json:"test_until,omitempty"`
	Budget    int    `json:"budget,omitempty"`
	Converged *bool  `json:"converged,omitempty"`
	// An analysis's method, samples (trajectories or base samples) and
	// outputs.
	Method  string   `json:"method,omitempty"`
	Samples int      `json:"samples,omitempty"`
	Outputs []string `json:"outputs,omitempty"`
}

// WriteStudySummary writes summary.json.
func WriteStudySummary(w io.Writer, s *StudySummary) error {
	if s.Overrides == nil {
		s.Overrides = []string{}
	}
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}
