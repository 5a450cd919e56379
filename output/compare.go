package output

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"image/color"
	"io"
	"math"

	"caspian/ensemble"
	"caspian/sim"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Sizes of the comparison figure.
const (
	ComparisonWidth  = 9 * vg.Inch
	ComparisonHeight = 10 * vg.Inch
)

// Compared is one scenario of a comparison with its ensemble.
type Compared struct {
	// Name is the scenario as the user gave it.
	Name     string
	SHA256   string
	Scenario *sim.Scenario
	Stats    *ensemble.Stats
}

// ComparedMetrics are the metrics of the compared agent a comparison
// tabulates: its three interests, the panels of its plot and the end
// states of its summary.
func ComparedMetrics() []string { return []string{"alignment", "security", "energy"} }

// Comparison is what sim compare writes.
type Comparison struct {
	// Scenarios are compared with the first, the baseline.
	Scenarios []Compared
	// Agent is the agent whose metrics are compared, the baseline's focal
	// agent.
	Agent   string
	Seed    uint64
	Runs    int
	Version string
	Format  string
	// Dates are the dates asked for with --at, as typed.
	Dates     []string
	Overrides []string
	Rows      []ensemble.ComparisonRow
	// Reps is the number of bootstrap resamples behind the intervals.
	Reps int
}

// ComparisonFiles are the files of a comparison, its plot in c.Format.
func ComparisonFiles(c *Comparison) []File {
	return []File{
		{Name: "comparison.csv", Write: func(w io.Writer) error { return WriteComparison(w, c) }},
		{Name: "summary.json", Write: func(w io.Writer) error { return WriteComparisonSummary(w, c) }},
		{Name: "comparison." + c.Format, Write: func(w io.Writer) error {
			d, err := PlotComparison(c)
			if err != nil {
				return err
			}
			return Render(w, d, ComparisonWidth, ComparisonHeight, c.Format)
		}},
	}
}

// comparisonHeader is the header row of comparison.csv.
var comparisonHeader = []string{
	"metric", "agent", "date", "scenario", "baseline", "median", "baseline_median", "difference",
	"ci_low", "ci_high", "median_low", "median_high", "baseline_low", "baseline_high", "verdict",
}

// WriteComparison writes comparison.csv: for every scenario but the
// baseline, metric and date, the two medians, their difference with its
// bootstrap 95 % interval (ci_low, ci_high), each median's own interval
// and the verdict.
func WriteComparison(w io.Writer, c *Comparison) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(comparisonHeader); err != nil {
		return fmt.Errorf("comparison: %w", err)
	}
	for _, r := range c.Rows {
		rec := []string{r.Metric, r.Agent, r.Date, r.Scenario, r.Baseline,
			csvNumber(r.Median.Estimate), csvNumber(r.Base.Estimate), csvNumber(r.Diff.Estimate),
			csvNumber(r.Diff.Low), csvNumber(r.Diff.High), csvNumber(r.Median.Low), csvNumber(r.Median.High),
			csvNumber(r.Base.Low), csvNumber(r.Base.High), r.Verdict}
		if err := cw.Write(rec); err != nil {
			return fmt.Errorf("comparison: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("comparison: %w", err)
	}
	return nil
}

// comparisonSummary is the layout of a comparison's summary.json.
type comparisonSummary struct {
	Command   string              `json:"command"`
	Version   string              `json:"version"`
	Seed      uint64              `json:"seed"`
	Runs      int                 `json:"runs"`
	Agent     string              `json:"agent"`
	AgentName string              `json:"agent_name"`
	Baseline  string              `json:"baseline"`
	Scenarios []comparedScenario  `json:"scenarios"`
	Dates     []string            `json:"dates"`
	Overrides []string            `json:"overrides,omitempty"`
	Method    string              `json:"method"`
	SeedRule  string              `json:"seed_rule"`
	RunSeeds  []string            `json:"run_seeds"`
	Final     []comparedFinalStat `json:"final"`
}

type comparedScenario struct {
	Name   string `json:"name"`
	Title  string `json:"title"`
	SHA256 string `json:"sha256"`
	Start  string `json:"start"`
	End    string `json:"end"`
}

// comparedFinalStat is the compared agent's state at the end of one
// scenario.
type comparedFinalStat struct {
	Scenario  string `json:"scenario"`
	Alignment stats  `json:"alignment"`
	Security  stats  `json:"security"`
	Energy    stats  `json:"energy"`
}

// WriteComparisonSummary writes the comparison's summary.json.
func WriteComparisonSummary(w io.Writer, c *Comparison) error {
	if len(c.Scenarios) == 0 {
		return errors.New("comparison summary: no scenarios")
	}
	base := c.Scenarios[0]
	s := comparisonSummary{
		Command: "compare", Version: c.Version, Seed: c.Seed, Runs: c.Runs,
		Agent: c.Agent, AgentName: base.Scenario.AgentName(c.Agent), Baseline: base.Name,
		Dates: nonNil(c.Dates), Overrides: c.Overrides,
		Method: fmt.Sprintf("every scenario runs the same seeds (run i of each draws the same random numbers); medians: %s; "+
			"intervals: percentile bootstrap, %d resamples, 95 %%; the difference's interval resamples runs in pairs; "+
			"verdict: %q when the two medians' intervals do not overlap, %q when they overlap but the difference's interval excludes 0, else %q",
			quantileMethod, c.Reps, ensemble.BandsApart, ensemble.Excludes0, ensemble.NoClearDifference),
		SeedRule: "run i draws from the PCG stream whose two words, in hexadecimal, are run_seeds[i] (sim.RunSeed)",
		RunSeeds: runSeeds(c.Seed, c.Runs),
	}
	for _, sc := range c.Scenarios {
		cal := sc.Stats.Calendar
		s.Scenarios = append(s.Scenarios, comparedScenario{
			Name: sc.Name, Title: sc.Scenario.Title, SHA256: sc.SHA256,
			Start: cal[0].Label, End: cal[len(cal)-1].Label,
		})
		last := len(cal) - 1
		at := func(m string) stats {
			v, ok := sc.Stats.At(last, c.Agent, m)
			if !ok {
				return fromSummary(ensemble.Describe(nil))
			}
			return fromSummary(v)
		}
		s.Final = append(s.Final, comparedFinalStat{Scenario: sc.Name,
			Alignment: at("alignment"), Security: at("security"), Energy: at("energy")})
	}
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return fmt.Errorf("comparison summary: %w", err)
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// comparisonColor is the colour of the k-th scenario: near black for
// the baseline, then the palette from vermillion on.
func comparisonColor(k int) color.NRGBA {
	if k == 0 {
		return palette[6]
	}
	return []color.NRGBA{palette[0], palette[1], palette[2], palette[4], palette[3], palette[7]}[(k-1)%6]
}

// PlotComparison overlays the fan charts of the compared agent in every
// scenario, one panel each for alignment, security and energy: each
// scenario's median line, its middle 50 % and middle 90 % of runs, in
// its own colour, with a legend under the panels. Dotted verticals mark
// the dates compared.
func PlotComparison(c *Comparison) (Drawer, error) {
	if len(c.Scenarios) == 0 {
		return nil, errors.New("comparison plot: no scenarios")
	}
	base := c.Scenarios[0]
	x0, x1 := math.Inf(1), math.Inf(-1)
	for _, sc := range c.Scenarios {
		cal := sc.Stats.Calendar
		x0, x1 = math.Min(x0, cal[0].Year), math.Max(x1, cal[len(cal)-1].Year)
	}
	pad := math.Max(0.25, (x1-x0)*0.01)
	x0, x1 = x0-pad, x1+pad
	specs := interestPanels(base.Scenario, c.Agent)
	specs[0], specs[2] = specs[2], specs[0] // alignment first
	var panels []*plot.Plot
	for _, spec := range specs {
		bands := make([]band, len(c.Scenarios))
		hi := 0.0
		for k, sc := range c.Scenarios {
			bands[k] = statBand(sc.Stats, c.Agent, spec.metric)
			hi = math.Max(hi, bands[k].max())
		}
		top := spec.hi(band{hi: []float64{hi}})
		p := newPlot()
		p.Y.Label.Text = spec.label
		p.Y.Label.TextStyle.Font = sansFont(10)
		ticks := spec.ticks(band{hi: []float64{hi}})
		p.Y.Tick.Marker = ticks
		p.X.Tick.Marker = yearTicks{lo: x0, hi: x1}
		for _, t := range ticks {
			style := draw.LineStyle{Color: gridColor, Width: vg.Points(0.6)}
			if t.Value == 0 && spec.lo < 0 {
				style = draw.LineStyle{Color: mutedText, Width: vg.Points(0.9), Dashes: []vg.Length{vg.Points(5), vg.Points(3)}}
			}
			p.Add(hline{x0: x0, x1: x1, y: t.Value, style: style})
		}
		for _, d := range comparedYears(c) {
			p.Add(vline{x: d, y0: spec.lo, y1: top, style: draw.LineStyle{Color: eventColor, Width: vg.Points(0.8),
				Dashes: []vg.Length{vg.Points(1.5), vg.Points(2)}}})
		}
		for k := range c.Scenarios {
			if c.Runs > 1 && len(bands[k].x) > 0 {
				polys, _, err := fanPolygons(bands[k], comparisonColor(k))
				if err != nil {
					return nil, fmt.Errorf("comparison plot: %w", err)
				}
				p.Add(polys...)
			}
		}
		for k := range c.Scenarios {
			if len(bands[k].x) == 0 {
				continue
			}
			l, err := plotter.NewLine(xys(bands[k].x, bands[k].mid))
			if err != nil {
				return nil, fmt.Errorf("comparison plot: %w", err)
			}
			l.LineStyle = draw.LineStyle{Color: comparisonColor(k), Width: vg.Points(2.2)}
			p.Add(l)
		}
		p.X.Min, p.X.Max = x0, x1
		p.Y.Min, p.Y.Max = spec.lo, top
		panels = append(panels, p)
	}
	panels[len(panels)-1].X.Label.Text = "year"
	var legend []legendRow
	for k, sc := range c.Scenarios {
		label := sc.Name
		if sc.Scenario.Title != "" {
			label += ": " + sc.Scenario.Title
		}
		if k == 0 {
			label += " (baseline)"
		}
		legend = append(legend, legendRow{label: label, swatch: bandSwatch{color: comparisonColor(k), band: c.Runs > 1}})
	}
	note := "One run of each scenario, with the same random draws."
	if c.Runs > 1 {
		note = fmt.Sprintf("Lines: median of %d runs of each scenario, with the same random draws; dark band: middle 50 %% of runs; light band: middle 90 %%.", c.Runs)
	}
	if len(c.Dates) > 0 {
		note += " Dotted verticals: the dates compared in comparison.csv."
	}
	return &legendFigure{
		fig:      Figure{Title: base.Scenario.AgentName(c.Agent) + ": scenarios compared", Subtitle: "baseline: " + base.Name, Panels: panels},
		legend:   legend,
		footnote: note,
		layout:   compareLegend,
	}, nil
}

// comparedYears are the decimal years of the dates asked for, on the
// baseline's calendar.
func comparedYears(c *Comparison) []float64 {
	cal := c.Scenarios[0].Scenario.Calendar
	var out []float64
	for _, d := range c.Dates {
		date, err := sim.ParseDate(d)
		if err != nil {
			continue
		}
		out = append(out, cal.YearFraction(cal.TurnOf(date)))
	}
	return out
}

// vline is a vertical rule at x from y0 to y1.
type vline struct {
	x, y0, y1 float64
	style     draw.LineStyle
}

// Plot implements plot.Plotter.
func (v vline) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	c.StrokeLine2(v.style, trX(v.x), trY(v.y0), trX(v.x), trY(v.y1))
}

// compareLegend is the layout of a comparison's legend.
var compareLegend = legendLayout{font: 10, gap: vg.Points(6), swatch: vg.Points(30), indent: vg.Points(8)}

// bandSwatch is a scenario's key: its median line over patches of its
// two bands, or the line alone when there is one run.
type bandSwatch struct {
	color color.NRGBA
	band  bool
}

// drawSwatch implements swatch.
func (s bandSwatch) drawSwatch(c draw.Canvas, x0, x1, y vg.Length) {
	if s.band {
		for _, b := range []struct {
			h     vg.Length
			alpha float64
		}{{6, outerAlpha}, {3, innerAlpha}} {
			h := vg.Points(float64(b.h))
			c.FillPolygon(withAlpha(s.color, b.alpha), []vg.Point{
				{X: x0, Y: y - h}, {X: x1, Y: y - h}, {X: x1, Y: y + h}, {X: x0, Y: y + h},
			})
		}
	}
	c.StrokeLine2(draw.LineStyle{Color: s.color, Width: vg.Points(2.2)}, x0, y, x1, y)
}
