package output

import (
	"errors"
	"fmt"
	"image/color"
	"math"
	"strings"

	"caspian/sim"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Sizes PlotPaths is drawn at.
const (
	PathsWidth  = 9 * vg.Inch
	PathsHeight = 9 * vg.Inch
)

// PathSet is one line of a comparison figure: a single run drawn as it
// is, or several runs drawn as their median and 5–95 % band.
type PathSet struct {
	Label string
	Runs  []*Collector
	// Bold draws a thick line (a player's own path).
	Bold bool
	// Dashed draws a dashed line and no band.
	Dashed bool
	// Color picks the line's colour from the palette (0 is the focal
	// colour, vermillion); -1 draws in dark grey.
	Color int
}

// RefPanel is an extra panel of yearly reference values with its own
// axis, such as a measured index the model's values should not be read
// against directly.
type RefPanel struct {
	Label  string // the y-axis label
	Legend string // the line's entry in the legend
	Years  []float64
	Values []float64
	Lo, Hi float64 // the y range
}

// Paths describes a comparison figure: one agent's alignment, security
// and energy over time for several sets of runs of the same calendar.
type Paths struct {
	Scenario *sim.Scenario
	Agent    string
	Title    string
	Subtitle string
	Sets     []PathSet
	Ref      *RefPanel
	// Events are marked by dotted verticals (the key events of the first
	// run of the first set when nil and Marks is true).
	Marks    bool
	Footnote string
}

// PlotPaths draws the comparison: a panel each for alignment, security
// and energy (revenue for a producer or transit state), plus the
// reference panel if any, with a legend under the panels. It is meant to
// be drawn at PathsWidth by PathsHeight.
func PlotPaths(ps Paths) (Drawer, error) {
	if ps.Scenario == nil || len(ps.Sets) == 0 {
		return nil, errors.New("paths plot: nothing to draw")
	}
	for _, s := range ps.Sets {
		if len(s.Runs) == 0 || s.Runs[0] == nil || len(s.Runs[0].snapshots) == 0 {
			return nil, fmt.Errorf("paths plot: %q has no recorded runs", s.Label)
		}
	}
	ref := &Report{Scenario: ps.Scenario, Runs: len(ps.Sets[0].Runs), Collectors: ps.Sets[0].Runs}
	x0, x1 := yearRange(ref)
	pad := math.Max(0.25, (x1-x0)*0.01)
	x0, x1 = x0-pad, x1+pad
	var markers []marker
	if ps.Marks {
		markers = shownMarkers(keyMarkers(ref))
	}
	specs := interestPanels(ps.Scenario, ps.Agent)
	specs = []panelSpec{specs[2], specs[0], specs[1]} // alignment first
	for i := range specs {
		// Rotated labels longer than a panel is high break the alignment
		// of the panels, so they go on two lines.
		specs[i].label = strings.Replace(specs[i].label, " (", "\n(", 1)
	}
	var panels []*plot.Plot
	var legend []legendRow
	// The top panel numbers the events in a strip above it.
	var numbers *eventMarks
	for i, spec := range specs {
		bands := make([]band, len(ps.Sets))
		hi := 0.0
		for k, s := range ps.Sets {
			r := &Report{Scenario: ps.Scenario, Runs: len(s.Runs), Collectors: s.Runs}
			bands[k] = agentBand(r, ps.Agent, spec.get)
			hi = math.Max(hi, bands[k].max())
		}
		p := newPlot()
		p.Y.Label.Text = spec.label
		p.Y.Label.TextStyle.Font = sansFont(10)
		top := spec.hi(band{hi: []float64{hi}})
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
		for k, s := range ps.Sets {
			if len(s.Runs) > 1 && !s.Dashed && len(bands[k].x) > 0 {
				poly, err := bandPolygon(bands[k], withAlpha(pathColor(s.Color), 0.18))
				if err != nil {
					return nil, err
				}
				p.Add(poly)
			}
		}
		for k, s := range ps.Sets {
			if len(bands[k].x) == 0 {
				continue
			}
			l, err := plotter.NewLine(xys(bands[k].x, bands[k].mid))
			if err != nil {
				return nil, err
			}
			l.LineStyle = pathStyle(s)
			p.Add(l)
			if i == 0 {
				label := s.Label
				if len(s.Runs) > 1 && !s.Dashed {
					label += fmt.Sprintf(" (median of %d runs, shaded 5–95 %%)", len(s.Runs))
				}
				legend = append(legend, legendRow{label: label, swatch: lineSwatch(l.LineStyle)})
			}
		}
		if len(markers) > 0 {
			marks := &eventMarks{ms: markers, yLo: spec.lo, yHi: top, x0: x0, x1: x1}
			if i == 0 {
				numbers = marks
			}
			p.Add(marks)
		}
		p.X.Min, p.X.Max = x0, x1
		p.Y.Min, p.Y.Max = spec.lo, top
		panels = append(panels, p)
	}
	if ps.Ref != nil && len(ps.Ref.Years) > 0 {
		p := newPlot()
		p.Y.Label.Text = strings.Replace(ps.Ref.Label, ": ", "\n", 1)
		p.Y.Label.TextStyle.Font = sansFont(10)
		p.X.Tick.Marker = yearTicks{lo: x0, hi: x1}
		ticks := fixedTicks{}
		for _, v := range []float64{ps.Ref.Lo, (ps.Ref.Lo + ps.Ref.Hi) / 2, ps.Ref.Hi} {
			ticks = append(ticks, plot.Tick{Value: v, Label: trimFloat(v)})
			p.Add(hline{x0: x0, x1: x1, y: v, style: draw.LineStyle{Color: gridColor, Width: vg.Points(0.6)}})
		}
		p.Y.Tick.Marker = ticks
		l, err := plotter.NewLine(xys(ps.Ref.Years, ps.Ref.Values))
		if err != nil {
			return nil, err
		}
		l.LineStyle = draw.LineStyle{Color: palette[6], Width: vg.Points(1.6), Dashes: []vg.Length{vg.Points(2), vg.Points(2)}}
		sc, err := plotter.NewScatter(xys(ps.Ref.Years, ps.Ref.Values))
		if err != nil {
			return nil, err
		}
		sc.GlyphStyle = draw.GlyphStyle{Color: palette[6], Radius: vg.Points(2), Shape: draw.CircleGlyph{}}
		p.Add(l, sc)
		legend = append(legend, legendRow{label: ps.Ref.Legend, swatch: lineSwatch(l.LineStyle)})
		p.X.Min, p.X.Max = x0, x1
		p.Y.Min, p.Y.Max = ps.Ref.Lo, ps.Ref.Hi
		panels = append(panels, p)
	}
	panels[len(panels)-1].X.Label.Text = "year"
	fig := Figure{Title: ps.Title, Subtitle: ps.Subtitle, Panels: panels}
	foot := ps.Footnote
	if numbers != nil {
		numbers.rows = numbers.rowsNeeded(fig.dataCanvas(0, PathsWidth, PathsHeight), panels[0])
		fig.TopStrip = stripHeight(panels[0], numbers.rows)
		// The numbered events, listed where the figure is read.
		var list []string
		for _, m := range markers {
			list = append(list, fmt.Sprintf("%d %s %s", m.number, m.d.Label, m.label))
		}
		foot = strings.TrimSpace(foot + " Key events: " + strings.Join(list, "; ") + ".")
	}
	return &legendFigure{
		fig:      fig,
		legend:   legend,
		footnote: foot,
		layout:   pathsLegend,
	}, nil
}

// pathColor is the colour of a set: a palette entry, or dark grey.
func pathColor(i int) color.NRGBA {
	if i < 0 {
		return palette[6]
	}
	return palette[i%len(palette)]
}

// pathStyle is the line style of a set.
func pathStyle(s PathSet) draw.LineStyle {
	ls := draw.LineStyle{Color: pathColor(s.Color), Width: vg.Points(1.8)}
	if s.Bold {
		ls.Width = vg.Points(3)
	}
	if s.Dashed {
		ls.Dashes = []vg.Length{vg.Points(6), vg.Points(3)}
		ls.Width = vg.Points(1.4)
	}
	return ls
}

// pathsLegend is the layout of a PlotPaths legend. Its labels may run
// into the right margin by the indent.
var pathsLegend = legendLayout{font: 9.5, gap: vg.Points(4), swatch: vg.Points(28), indent: vg.Points(6), overhang: vg.Points(6)}

// lineSwatch is a set's key: a stretch of its line.
type lineSwatch draw.LineStyle

// drawSwatch implements swatch.
func (s lineSwatch) drawSwatch(c draw.Canvas, x0, x1, y vg.Length) {
	c.StrokeLine2(draw.LineStyle(s), x0, y, x1, y)
}
