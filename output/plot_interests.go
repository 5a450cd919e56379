package output

import (
	"fmt"
	"math"

	"caspian/sim"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// panelSpec is one panel of the interests figure.
type panelSpec struct {
	label  string
	metric string // the series name in the statistics
	get    func(*sim.AgentState) float64
	ticks  func(b band) fixedTicks
	lo     float64
	hi     func(b band) float64
}

// PlotInterests draws the focal agent's three interests over time in
// stacked panels: security (0–1), energy (revenue in USD bn a year for a
// producer or transit state, a supply-security index for a consumer) and
// alignment between the poles. With more than one run each panel is a
// fan chart: the median, the middle 50 % of runs and the middle 90 %. It
// is meant to be drawn at about
// InterestsWidth by InterestsHeight.
func PlotInterests(r *Report) (*Figure, error) {
	if err := r.validate(); err != nil {
		return nil, fmt.Errorf("interests plot: %w", err)
	}
	sc := r.Scenario
	focal := r.focal()
	if agentIndex(&r.Collectors[0].snapshots[0], focal, -1) < 0 {
		return nil, fmt.Errorf("interests plot: focal agent %q is not in the recorded states", focal)
	}
	if _, err := r.stats(); err != nil {
		return nil, fmt.Errorf("interests plot: %w", err)
	}
	first, last := yearRange(r)
	pad := math.Max(0.25, (last-first)*0.01)
	x0, x1 := first-pad, last+pad
	markers := shownMarkers(keyMarkers(r))

	var panels []*plot.Plot
	// The top panel numbers the events in a strip above it.
	var numbers *eventMarks
	did := decisionsOf(r, focal)
	for i, spec := range interestPanels(sc, focal) {
		b := r.band(focal, spec.metric)
		p, err := interestPanel(r, spec, b, x0, x1)
		if err != nil {
			return nil, fmt.Errorf("interests plot: %s: %w", spec.label, err)
		}
		value := plainValue
		if spec.metric == "alignment" {
			value = alignmentValue
		}
		p.Add(lineHover{name: sc.AgentName(focal), metric: spec.label, b: b, runs: r.Runs, value: value, did: did, layer: layerLine})
		marks := &eventMarks{ms: markers, yLo: spec.lo, yHi: p.Y.Max, x0: x0, x1: x1}
		if i == 0 {
			numbers = marks
		}
		p.Add(marks)
		panels = append(panels, p)
	}
	panels[len(panels)-1].X.Label.Text = "year"

	fig := &Figure{
		Title:    sc.AgentName(focal) + ": interests over time",
		Subtitle: r.title(),
		Panels:   panels,
	}
	// The strip gets as many rows as the numbers take at the figure's
	// intended size; drawn smaller, the numbers merge to fit them.
	numbers.rows = numbers.rowsNeeded(fig.dataCanvas(0, InterestsWidth, InterestsHeight), panels[0])
	fig.TopStrip = stripHeight(panels[0], numbers.rows)
	fig.Footnote = interestsNote(r, len(markers) > 0)
	return fig, nil
}

// interestPanels describes the three panels; the energy panel's units
// follow the focal agent's roles, as the engine's Energy interest does.
func interestPanels(sc *sim.Scenario, focal string) []panelSpec {
	unit := func(b band) fixedTicks { return linearTicks(1, 4) }
	one := func(band) float64 { return 1 }
	energy := panelSpec{
		label:  "energy: supply security (index 0–1)",
		metric: "energy",
		get:    func(a *sim.AgentState) float64 { return a.Energy },
		ticks:  unit, hi: one,
	}
	if sc.Agent(focal).EarnsIncome() {
		energy.label = "energy revenue (USD bn / yr)"
		energy.ticks = func(b band) fixedTicks { return linearTicks(niceMax(b.max()), 4) }
		energy.hi = func(b band) float64 { return niceMax(b.max()) }
	}
	neg, pos := sc.Axis.Labels()
	return []panelSpec{
		{
			label:  "security (index 0–1)",
			metric: "security",
			get:    func(a *sim.AgentState) float64 { return a.Security },
			ticks:  unit, hi: one,
		},
		energy,
		{
			label:  "alignment",
			metric: "alignment",
			get:    func(a *sim.AgentState) float64 { return a.Alignment },
			ticks:  func(band) fixedTicks { return poleTicks(neg, pos) },
			lo:     -1, hi: one,
		},
	}
}

// interestPanel draws one panel: grid, band and median line.
func interestPanel(r *Report, spec panelSpec, b band, x0, x1 float64) (*plot.Plot, error) {
	p := newPlot()
	p.Y.Label.Text = spec.label
	p.Y.Label.TextStyle.Font = sansFont(10)
	ticks := spec.ticks(b)
	p.Y.Tick.Marker = ticks
	p.X.Tick.Marker = yearTicks{lo: x0, hi: x1}
	hi := spec.hi(b)
	for _, t := range ticks {
		style := draw.LineStyle{Color: gridColor, Width: vg.Points(0.6)}
		if t.Value == 0 && spec.lo < 0 {
			style = draw.LineStyle{Color: mutedText, Width: vg.Points(0.9), Dashes: []vg.Length{vg.Points(5), vg.Points(3)}}
		}
		p.Add(hline{x0: x0, x1: x1, y: t.Value, style: style})
	}
	if len(b.x) > 0 {
		if r.Runs > 1 {
			polys, _, err := fanPolygons(b, palette[0])
			if err != nil {
				return nil, err
			}
			p.Add(polys...)
		}
		l, err := plotter.NewLine(xys(b.x, b.mid))
		if err != nil {
			return nil, err
		}
		l.LineStyle = seriesStyle(0, false)
		l.LineStyle.Width = vg.Points(2)
		p.Add(l)
	}
	p.X.Min, p.X.Max = x0, x1
	p.Y.Min, p.Y.Max = spec.lo, hi
	return p, nil
}

// poleTicks labels the alignment axis with the pole names at its ends.
func poleTicks(neg, pos string) fixedTicks {
	t := alignmentTicks("balanced" + gap(2) + "0")
	t[0].Label = neg + gap(2) + "−1"
	t[len(t)-1].Label = pos + gap(2) + "+1"
	return t
}

// niceMax rounds v up to a value the axis can end on, so the top tick is
// the top of the panel.
func niceMax(v float64) float64 {
	if !(v > 0) {
		return 1
	}
	ticks := linearTicks(v, 4)
	top := ticks[len(ticks)-1].Value
	if top < v {
		step := ticks[1].Value - ticks[0].Value
		top += step
	}
	return top
}

// interestsNote explains the lines, band and markers.
func interestsNote(r *Report, events bool) string {
	s := "Line: the single run."
	if r.Runs > 1 {
		s = fmt.Sprintf("Line: median of %d runs; dark band: middle 50 %% of runs; light band: middle 90 %% (5–95 %%).", r.Runs)
	}
	if events {
		s += " Dotted verticals: key events of run 0, numbered as in the alignment plot and listed in summary.json."
	}
	return s
}
