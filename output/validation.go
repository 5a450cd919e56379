package output

import (
	"cmp"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"image/color"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"caspian/sim"
	"caspian/validation"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Sizes of the validation figures: the series figure grows by a panel
// per series, the patterns figure by a row per pattern.
const (
	ValidationWidth = 10 * vg.Inch
	seriesPanel     = 3.2 * vg.Inch
	patternRow      = 0.24 * vg.Inch
)

// SeriesHeight is the height of the series figure of rep.
func SeriesHeight(rep *validation.Report) vg.Length {
	return vg.Inch + seriesPanel*vg.Length(max(1, seriesCount(rep))) + vg.Points(12*(seriesFootLines-3))
}

// seriesFootLines is the most lines the series figure's footnote takes:
// the list of its key events.
const seriesFootLines = 7

// PatternsHeight is the height of the patterns figure of rep.
func PatternsHeight(rep *validation.Report) vg.Length {
	return 1.6*vg.Inch + patternRow*vg.Length(len(rep.Patterns))
}

func seriesCount(rep *validation.Report) int {
	n := 0
	for _, p := range rep.Patterns {
		if p.Series != nil {
			n++
		}
	}
	return n
}

// writeCSV writes a header and rows, wrapping any error with what.
func writeCSV(w io.Writer, what string, header []string, rows [][]string) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	if err := cw.WriteAll(rows); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// PatternVerdict words a pattern's result as the table and the CSV show it.
func PatternVerdict(p *validation.PatternResult) string {
	switch {
	case p.Forced:
		return "forced"
	case p.Holds:
		return "holds"
	}
	return "fails"
}

// ValidationFiles are the files of a validation of sc in format:
// robustness.csv only when rob is not nil, the series table and plot only
// when rep has observed series.
func ValidationFiles(rep *validation.Report, rob *validation.Robustness, run ValidationRun, sc *sim.Scenario, format string) []File {
	files := []File{
		{Name: "validation.csv", Write: func(w io.Writer) error { return WriteValidation(w, rep) }},
		{Name: "record.csv", Write: func(w io.Writer) error { return WriteRecord(w, rep) }},
		{Name: "mechanisms.csv", Write: func(w io.Writer) error { return WriteMechanisms(w, rep) }},
		{Name: "actions.csv", Write: func(w io.Writer) error { return WriteActions(w, rep) }},
		{Name: "validation.json", Write: func(w io.Writer) error { return WriteValidationSummary(w, rep, rob, run) }},
		{Name: "patterns." + format, Write: func(w io.Writer) error {
			d, err := PlotPatterns(rep)
			if err != nil {
				return err
			}
			return Render(w, d, ValidationWidth, PatternsHeight(rep), format)
		}},
	}
	if rob != nil {
		files = append(files, File{Name: "robustness.csv", Write: func(w io.Writer) error { return WriteRobustness(w, rob) }})
	}
	if seriesCount(rep) > 0 {
		files = append(files,
			File{Name: "series.csv", Write: func(w io.Writer) error { return WriteValidationSeries(w, rep) }},
			File{Name: "series." + format, Write: func(w io.Writer) error {
				d, err := PlotSeries(rep, sc)
				if err != nil {
					return err
				}
				return Render(w, d, ValidationWidth, SeriesHeight(rep), format)
			}})
	}
	return files
}

// WriteValidation writes validation.csv: one row per pattern with the
// share of runs in which it held, the verdict, whether it is scored, the
// timing error and, for series, the fit of the median path.
func WriteValidation(w io.Writer, rep *validation.Report) error {
	header := []string{"id", "name", "kind", "from", "until", "share_of_runs", "verdict", "scored", "out_of_sample",
		"timing_runs", "timing_median_years", "timing_mean_abs_years", "correlation", "range_ratio", "band_coverage", "source"}
	var rows [][]string
	for i := range rep.Patterns {
		p := &rep.Patterns[i]
		row := []string{p.ID, p.Name, p.Kind, p.From, p.Until, csvNumber(p.Share), PatternVerdict(p), yesNo(p.Scored()), yesNo(p.OutOfSample)}
		if t := p.Timing; t != nil {
			row = append(row, strconv.Itoa(t.Runs), csvNumber(t.Median), csvNumber(t.MeanAbs))
		} else {
			row = append(row, "", "", "")
		}
		if s := p.Series; s != nil {
			row = append(row, csvNumber(s.Correlation), csvNumber(s.RangeRatio), csvNumber(s.Coverage))
		} else {
			row = append(row, "", "", "")
		}
		rows = append(rows, append(row, p.Source))
	}
	return writeCSV(w, "validation", header, rows)
}

// WriteRobustness writes robustness.csv: every pattern's share of runs at
// each temperature factor and its largest change.
func WriteRobustness(w io.Writer, r *validation.Robustness) error {
	header := []string{"id", "name", "scored"}
	for _, k := range r.Factors {
		header = append(header, "share_at_"+strconv.FormatFloat(k, 'g', -1, 64)+"x")
	}
	header = append(header, "largest_change", "within_limit")
	var rows [][]string
	for _, row := range r.Rows {
		line := []string{row.ID, row.Name, yesNo(row.Scored)}
		for _, s := range row.Shares {
			line = append(line, csvNumber(s))
		}
		rows = append(rows, append(line, csvNumber(row.Change), yesNo(validation.WithinLimit(row.Change))))
	}
	return writeCSV(w, "robustness", header, rows)
}

// WriteValidationSeries writes series.csv: for every series pattern and
// observed year, the observed value on the model's scale and the model's
// quantiles across runs. The layout of its first five columns (pattern,
// agent, metric, year, observed) is the one sim validate --observed reads.
func WriteValidationSeries(w io.Writer, rep *validation.Report) error {
	header := []string{"pattern", "agent", "metric", "year", "observed", "p05", "p25", "p50", "p75", "p95"}
	var rows [][]string
	for _, p := range rep.Patterns {
		s := p.Series
		if s == nil {
			continue
		}
		for y, year := range s.Years {
			row := []string{p.ID, s.Entity, s.Metric, strconv.Itoa(year), csvNumber(s.Observed[y])}
			for q := range s.Q {
				row = append(row, csvNumber(s.Q[q][y]))
			}
			rows = append(rows, row)
		}
	}
	return writeCSV(w, "series", header, rows)
}

// WriteRecord writes record.csv: the scenario's recorded decisions after
// history_until and the share of runs in which the agents made them.
func WriteRecord(w io.Writer, rep *validation.Report) error {
	header := []string{"date", "actor", "action", "target", "label", "share_of_runs", "median_gap_years"}
	var rows [][]string
	for _, r := range rep.Record {
		rows = append(rows, []string{r.Date, r.Actor, r.Action, r.Target, r.Label, csvNumber(r.Share), csvNumber(r.MedianGap)})
	}
	return writeCSV(w, "record", header, rows)
}

// WriteMechanisms writes mechanisms.csv: how often each mechanism acted.
func WriteMechanisms(w io.Writer, rep *validation.Report) error {
	header := []string{"number", "mechanism", "measure", "per_run", "share_of_runs"}
	var rows [][]string
	for _, m := range rep.Mechanisms {
		rows = append(rows, []string{strconv.Itoa(m.Number), m.Name, m.Measure, csvNumber(m.PerRun), csvNumber(m.Runs)})
	}
	return writeCSV(w, "mechanisms", header, rows)
}

// WriteActions writes actions.csv: every kind of decision per run on
// average, by source, actor, action, target and outcome.
func WriteActions(w io.Writer, rep *validation.Report) error {
	header := []string{"source", "actor", "action", "target", "outcome", "per_run"}
	var rows [][]string
	for _, a := range rep.Actions {
		rows = append(rows, []string{string(a.Source), a.Actor, a.Action, a.Target, string(a.Outcome), csvNumber(a.PerRun)})
	}
	return writeCSV(w, "actions", header, rows)
}

// Colours of the verdicts.
var (
	holdsColor  = palette[2]
	failsColor  = palette[0]
	neutralGrey = palette[11]
)

// PlotSeries draws every series pattern of rep in its own panel: the
// model's yearly median with its middle 50 % and 90 % of runs, the
// observed values as dots, and dotted verticals at the scenario's key
// dated events, numbered and listed in the footnote.
func PlotSeries(rep *validation.Report, sc *sim.Scenario) (Drawer, error) {
	var panels []*plot.Plot
	var notes []string
	keys := keyEventYears(sc)
	// span is the years the panels cover, for the footnote's list.
	span := [2]float64{math.Inf(1), math.Inf(-1)}
	for _, pr := range rep.Patterns {
		s := pr.Series
		if s == nil {
			continue
		}
		b := band{}
		for y, year := range s.Years {
			if math.IsNaN(s.Q[2][y]) {
				continue
			}
			b.x = append(b.x, float64(year)+0.5)
			b.lo, b.q25, b.mid = append(b.lo, s.Q[0][y]), append(b.q25, s.Q[1][y]), append(b.mid, s.Q[2][y])
			b.q75, b.hi = append(b.q75, s.Q[3][y]), append(b.hi, s.Q[4][y])
		}
		if len(b.x) == 0 {
			continue
		}
		p := newPlot()
		p.Title.Text = pr.Name
		p.Title.TextStyle.Font = boldFont(11)
		lo, hi := math.Inf(1), math.Inf(-1)
		for i := range b.x {
			lo, hi = math.Min(lo, b.lo[i]), math.Max(hi, b.hi[i])
		}
		for _, o := range s.Observed {
			lo, hi = math.Min(lo, o), math.Max(hi, o)
		}
		pad := math.Max(0.02, (hi-lo)*0.08)
		lo, hi = lo-pad, hi+pad
		x0, x1 := float64(s.Years[0]), float64(s.Years[len(s.Years)-1])+1
		span[0], span[1] = math.Min(span[0], x0), math.Max(span[1], x1)
		for k, e := range keys {
			if e.year >= x0 && e.year <= x1 {
				p.Add(vline{x: e.year, y0: lo, y1: hi, style: draw.LineStyle{Color: eventColor, Width: vg.Points(0.7),
					Dashes: []vg.Length{vg.Points(1.5), vg.Points(2)}}})
				p.Add(topLabel{x: e.year, y: hi, text: strconv.Itoa(k + 1)})
			}
		}
		polys, _, err := fanPolygons(b, palette[0])
		if err != nil {
			return nil, fmt.Errorf("series plot: %w", err)
		}
		p.Add(polys...)
		line, err := plotter.NewLine(xys(b.x, b.mid))
		if err != nil {
			return nil, fmt.Errorf("series plot: %w", err)
		}
		line.LineStyle = draw.LineStyle{Color: palette[0], Width: vg.Points(2.2)}
		p.Add(line)
		var obs plotter.XYs
		for y, year := range s.Years {
			obs = append(obs, plotter.XY{X: float64(year) + 0.5, Y: s.Observed[y]})
		}
		dots, err := plotter.NewScatter(obs)
		if err != nil {
			return nil, fmt.Errorf("series plot: %w", err)
		}
		dots.GlyphStyle = draw.GlyphStyle{Color: color.Black, Radius: vg.Points(2.6), Shape: draw.CircleGlyph{}}
		p.Add(dots)
		p.Y.Label.Text = sc.AgentName(s.Entity) + ": " + s.Metric
		if centred(sc, pr.ID) {
			p.Y.Label.Text += " (deviation from mean)"
		}
		p.X.Tick.Marker = yearTicks{lo: x0, hi: x1}
		p.X.Min, p.X.Max = x0, x1
		p.Y.Min, p.Y.Max = lo, hi
		verdict := "holds"
		if !pr.Holds {
			verdict = "fails"
		}
		p.X.Label.Text = fmt.Sprintf("r = %s (wanted %s), range %s of the observed (wanted %s), %s of observed years inside the 90 %% band: %s",
			fixed(s.Correlation, 2), fixed(s.MinCorrelation, 2), percent(s.RangeRatio), percent(s.MinRange), percent(s.Coverage), verdict)
		p.X.Label.TextStyle.Font = sansFont(9.5)
		panels = append(panels, p)
	}
	if len(panels) == 0 {
		return nil, errors.New("series plot: the scenario has no series patterns")
	}
	for k, e := range keys {
		if e.year >= span[0] && e.year <= span[1] {
			notes = append(notes, fmt.Sprintf("%d %s %s", k+1, e.label, e.date))
		}
	}
	foot := fmt.Sprintf("Line: median of %d runs; dark band: middle 50 %% of runs; light band: middle 90 %%; dots: observed.", rep.Runs)
	if len(notes) > 0 {
		foot += " Dotted verticals: " + strings.Join(notes, "; ") + "."
	}
	return &Figure{Title: "Observed series against the model", Subtitle: rep.Scenario + ", history forced until " + rep.HistoryUntil, Panels: panels,
		Footnote: foot, FootnoteLines: seriesFootLines}, nil
}

// centred reports whether pattern id compares deviations from means.
func centred(sc *sim.Scenario, id string) bool {
	for _, p := range sc.Patterns {
		if p.ID == id {
			return p.Center
		}
	}
	return false
}

// datedEvent is a dated key event for the verticals of a series plot.
type datedEvent struct {
	year        float64
	label, date string
}

// keyEventYears lists the scenario's key dated events, one per date and
// label, in date order.
func keyEventYears(sc *sim.Scenario) []datedEvent {
	var out []datedEvent
	seen := map[string]bool{}
	for _, e := range sc.Events {
		if !e.Key || e.Label == "" || seen[e.Label] {
			continue
		}
		seen[e.Label] = true
		t := sc.Calendar.TurnOf(e.Date)
		out = append(out, datedEvent{year: sc.Calendar.YearFraction(t), label: e.Label, date: sc.Calendar.Label(t)})
	}
	slices.SortStableFunc(out, func(a, b datedEvent) int { return cmp.Compare(a.year, b.year) })
	return out
}

// topLabel writes a small number just below the top of a panel.
type topLabel struct {
	x, y float64
	text string
}

// Plot implements plot.Plotter.
func (l topLabel) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	st := textStyle(p, sansFont(8), mutedText)
	st.XAlign = draw.XCenter
	c.FillText(st, vg.Point{X: trX(l.x), Y: trY(l.y) - vg.Points(1)}, l.text)
}

func fixed(v float64, prec int) string {
	if math.IsNaN(v) {
		return "n/a"
	}
	return strconv.FormatFloat(v, 'f', prec, 64)
}

func percent(v float64) string {
	if math.IsNaN(v) {
		return "n/a"
	}
	return strconv.FormatFloat(100*v, 'f', 0, 64) + " %"
}

// PlotPatterns draws one bar per pattern: the share of runs in which it
// held, green where the pattern holds, vermillion where it fails, grey
// where it is not scored (forced history or out of sample), with the
// line at the share a pattern needs.
func PlotPatterns(rep *validation.Report) (Drawer, error) {
	n := len(rep.Patterns)
	if n == 0 {
		return nil, errors.New("patterns plot: the scenario has no patterns")
	}
	p := newPlot()
	names := make([]string, n)
	for i := range rep.Patterns {
		pr := &rep.Patterns[i]
		// Rows run top to bottom in pattern order.
		k := n - 1 - i
		names[k] = shorten(pr.Name, 70)
		c := failsColor
		switch {
		case !pr.Scored():
			c = neutralGrey
		case pr.Holds:
			c = holdsColor
		}
		share := pr.Share
		if pr.Series != nil {
			share = math.NaN()
		}
		p.Add(hbar{y: float64(k), x: share, color: c, series: pr.Series != nil})
	}
	p.Add(vline{x: validation.HoldShare, y0: -0.6, y1: float64(n) - 0.4, style: draw.LineStyle{Color: mutedText, Width: vg.Points(0.9),
		Dashes: []vg.Length{vg.Points(4), vg.Points(3)}}})
	p.NominalY(names...)
	p.Y.Tick.Label.Font = sansFont(8.5)
	p.X.Min, p.X.Max = 0, 1
	p.Y.Min, p.Y.Max = -0.6, float64(n)-0.4
	p.X.Tick.Marker = fixedTicks{{Value: 0, Label: "0"}, {Value: 0.25, Label: "25 %"}, {Value: 0.5, Label: "50 %"}, {Value: 0.75, Label: "75 %"}, {Value: 1, Label: "100 %"}}
	p.X.Label.Text = "share of runs in which the pattern holds"
	sc := rep.Score
	sub := fmt.Sprintf("%s, %d runs, history forced until %s: %d of %d scored patterns hold (%s)",
		rep.Scenario, rep.Runs, rep.HistoryUntil, sc.Held, sc.Scored, percent(sc.Share()))
	foot := "Green: holds in at least half of the runs; vermillion: fails; grey: not scored (wholly in forced history, or after " +
		fmt.Sprintf("%d", rep.Until.Year) + "). A series is judged on the ensemble's median path (its bar is full when it holds, empty when it fails)."
	return &Figure{Title: "Patterns of the record", Subtitle: sub, Panels: []*plot.Plot{p}, Footnote: foot}, nil
}

// hbar is one horizontal bar of the patterns figure.
type hbar struct {
	y, x   float64
	color  color.NRGBA
	series bool
}

// Plot implements plot.Plotter.
func (b hbar) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	x := b.x
	if b.series {
		x = 1
	}
	y0, y1 := trY(b.y-0.32), trY(b.y+0.32)
	pts := []vg.Point{{X: trX(0), Y: y0}, {X: trX(x), Y: y0}, {X: trX(x), Y: y1}, {X: trX(0), Y: y1}}
	if b.series {
		if b.color == failsColor {
			c.StrokeLines(draw.LineStyle{Color: b.color, Width: vg.Points(1.2)}, append(pts, pts[0]))
			return
		}
	}
	c.FillPolygon(withAlpha(b.color, 0.85), pts)
}

// shorten cuts s to at most n runes, with an ellipsis.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// ValidationRun says how a validation was run, for validation.json.
type ValidationRun struct {
	Scenario  string
	SHA256    string
	Seed      uint64
	Runs      int
	Version   string
	Overrides []string
	Observed  string
}

type validationSummary struct {
	Command      string              `json:"command"`
	Version      string              `json:"version"`
	Scenario     string              `json:"scenario"`
	SHA256       string              `json:"sha256"`
	Seed         uint64              `json:"seed"`
	Runs         int                 `json:"runs"`
	Overrides    []string            `json:"overrides,omitempty"`
	Observed     string              `json:"observed,omitempty"`
	HistoryUntil string              `json:"history_until"`
	SampleEnd    string              `json:"sample_end"`
	Rule         string              `json:"rule"`
	Score        validationScore     `json:"score"`
	Patterns     []validationPattern `json:"patterns"`
	Mechanisms   []validationMech    `json:"mechanisms"`
	Robustness   *robustnessSummary  `json:"temperature_robustness,omitempty"`
	SeedRule     string              `json:"seed_rule"`
	RunSeeds     []string            `json:"run_seeds"`
}

type robustnessSummary struct {
	Factors        []float64 `json:"factors"`
	Limit          float64   `json:"limit"`
	LargestChange  float64   `json:"largest_change"`
	LargestPattern string    `json:"largest_pattern,omitempty"`
	Holds          bool      `json:"holds"`
}

type validationScore struct {
	Held   int     `json:"held"`
	Scored int     `json:"scored"`
	Share  float64 `json:"share"`
}

type validationPattern struct {
	ID      string  `json:"id"`
	Share   float64 `json:"share_of_runs"`
	Verdict string  `json:"verdict"`
	Scored  bool    `json:"scored"`
}

type validationMech struct {
	Number int     `json:"number"`
	Name   string  `json:"name"`
	PerRun float64 `json:"per_run"`
	Runs   float64 `json:"share_of_runs"`
}

// WriteValidationSummary writes validation.json: how the validation was
// run, its score, every pattern's verdict and the mechanisms' activity.
// rob, the temperature robustness, may be nil when it was not checked.
func WriteValidationSummary(w io.Writer, rep *validation.Report, rob *validation.Robustness, run ValidationRun) error {
	s := validationSummary{
		Command: "validate", Version: run.Version, Scenario: run.Scenario, SHA256: run.SHA256,
		Seed: run.Seed, Runs: run.Runs, Overrides: run.Overrides, Observed: run.Observed,
		HistoryUntil: rep.HistoryUntil, SampleEnd: rep.Until.String(),
		Rule: fmt.Sprintf("a pattern holds when it holds in at least %s of the runs (a series: when the ensemble's median path meets its correlation and range); "+
			"the score counts the patterns that end by the sample's end and are not wholly in forced history", percent(validation.HoldShare)),
		Score:    validationScore{Held: rep.Score.Held, Scored: rep.Score.Scored, Share: rep.Score.Share()},
		SeedRule: "run i draws from the PCG stream whose two words, in hexadecimal, are run_seeds[i] (sim.RunSeed)",
		RunSeeds: runSeeds(run.Seed, run.Runs),
	}
	if math.IsNaN(s.Score.Share) {
		s.Score.Share = 0
	}
	if rob != nil {
		s.Robustness = &robustnessSummary{Factors: rob.Factors, Limit: validation.RobustnessLimit,
			LargestChange: rob.Largest, LargestPattern: rob.LargestID, Holds: rob.Holds()}
	}
	for i := range rep.Patterns {
		p := &rep.Patterns[i]
		s.Patterns = append(s.Patterns, validationPattern{ID: p.ID, Share: p.Share, Verdict: PatternVerdict(p), Scored: p.Scored()})
	}
	for _, m := range rep.Mechanisms {
		s.Mechanisms = append(s.Mechanisms, validationMech{Number: m.Number, Name: m.Name, PerRun: m.PerRun, Runs: m.Runs})
	}
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return fmt.Errorf("validation summary: %w", err)
	}
	_, err = w.Write(append(b, '\n'))
	return err
}
