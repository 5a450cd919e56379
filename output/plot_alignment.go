package output

import (
	"cmp"
	"errors"
	"fmt"
	"image/color"
	"math"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// PlotAlignment draws the alignment drift of every agent that is not a
// pole, from the negative pole (-1) to the positive (+1), against the
// decimal year. The focal agent is drawn thicker, and with more than one
// run it gets a fan chart, bands holding the middle 50 % and 90 % of
// runs, while every line is the median across runs.
// Key events of run 0 are dotted verticals, numbered above the plot and
// listed in a sidebar next to the legend, both right of the data. It is
// meant to be drawn at about AlignmentWidth by AlignmentHeight.
func PlotAlignment(r *Report) (*plot.Plot, error) {
	if err := r.validate(); err != nil {
		return nil, fmt.Errorf("alignment plot: %w", err)
	}
	ids := plottedAgents(r)
	if len(ids) == 0 {
		return nil, errors.New("alignment plot: every agent is a pole; nothing to draw")
	}
	sc := r.Scenario
	first, last := yearRange(r)
	pad := math.Max(0.25, (last-first)*0.01)
	x0, x1 := first-pad, last+pad

	p := newPlot()
	// A title too long for the figure is cut rather than run off the edge.
	p.Title.Text = truncate(p.Title.TextStyle, r.title(), AlignmentWidth-vg.Points(24))
	neg, pos := sc.Axis.Labels()
	p.Y.Label.Text = alignmentAxisLabel(neg, pos)
	p.Y.Min, p.Y.Max = -1, 1
	p.Y.Tick.Marker = alignmentTicks("balanced" + gap(2) + "0")
	p.X.Label.Text = "year"
	p.X.Tick.Marker = yearTicks{lo: x0, hi: x1}
	// The x axis would run on under the sidebar; the grid line at -1
	// serves as its baseline instead.
	p.X.LineStyle.Width = 0
	p.X.Padding = 0

	for _, v := range []float64{-0.5, 0.5, 1} {
		p.Add(hline{x0: x0, x1: x1, y: v, style: draw.LineStyle{Color: gridColor, Width: vg.Points(0.6)}})
	}
	p.Add(hline{x0: x0, x1: x1, y: -1, style: p.Y.LineStyle})
	p.Add(hline{x0: x0, x1: x1, y: 0, style: draw.LineStyle{
		Color: mutedText, Width: vg.Points(0.9), Dashes: []vg.Length{vg.Points(5), vg.Points(3)},
	}})
	if _, err := r.stats(); err != nil {
		return nil, fmt.Errorf("alignment plot: %w", err)
	}
	bands := make([]band, len(ids))
	for i, id := range ids {
		bands[i] = r.band(id, "alignment")
	}
	lines, entries, err := alignmentLines(r, ids, bands)
	if err != nil {
		return nil, fmt.Errorf("alignment plot: %w", err)
	}
	// The sidebar is drawn before the marks: it decides which events it
	// has room to list, and the marks then number exactly those. Nothing
	// else is drawn where the sidebar is, so the order hides nothing.
	markers := keyMarkers(r)
	listed := new([]marker)
	p.Add(sidebar{
		x0:      x1,
		title:   "States, by final alignment",
		entries: entries,
		note:    ensembleNote(r),
		events:  markers,
		runs:    r.Runs,
		listed:  listed,
	})
	// The numbers stop where the data do, clear of the sidebar.
	marks := &eventMarks{ms: shownMarkers(markers), yLo: -1, yHi: 1, x0: x0, x1: x1, listed: listed}
	p.Add(marks)
	p.Add(lines...)
	p.Add(alignmentHovers(r, ids, bands)...)

	// Plotters widen the axes to their data; fix the ranges last.
	p.X.Min = x0
	p.X.Max = x0 + (x1-x0)/(1-sidebarFrac)
	p.Y.Min, p.Y.Max = -1, 1

	// The strip above the data gets as many rows as the numbers of every
	// candidate event take at the intended size (the sidebar may list
	// fewer); drawn smaller, the numbers merge to fit them.
	full := draw.Canvas{Rectangle: vg.Rectangle{Max: vg.Point{X: AlignmentWidth, Y: AlignmentHeight}}}
	marks.rows = marks.rowsNeeded(p.DataCanvas(full), p)
	p.Title.Padding = stripHeight(p, marks.rows) + vg.Points(4)
	return p, nil
}

// alignmentLines returns the plotters of the focal band and every
// agent's line (the focal one last, so it is drawn on top), and legend
// entries ordered by final alignment, top to bottom as the lines end.
func alignmentLines(r *Report, ids []string, bands []band) ([]plot.Plotter, []legendEntry, error) {
	focal := r.focal()
	entries := make([]legendEntry, len(ids))
	finals := make([]float64, len(ids))
	var out []plot.Plotter
	var focalLine plot.Plotter
	for i, id := range ids {
		isFocal := id == focal
		ls := seriesStyle(i, isFocal)
		entries[i] = legendEntry{name: r.Scenario.AgentName(id), style: ls, bold: isFocal}
		finals[i] = bands[i].final()
		if len(bands[i].x) == 0 {
			continue
		}
		if isFocal && r.Runs > 1 {
			polys, fill, err := fanPolygons(bands[i], palette[i%len(palette)])
			if err != nil {
				return nil, nil, fmt.Errorf("%s band: %w", id, err)
			}
			out = append(out, polys...)
			entries[i].band = fill
		}
		l, err := plotter.NewLine(xys(bands[i].x, bands[i].mid))
		if err != nil {
			return nil, nil, fmt.Errorf("%s line: %w", id, err)
		}
		l.LineStyle = ls
		if isFocal {
			focalLine = l
			continue
		}
		out = append(out, l)
	}
	if focalLine != nil {
		out = append(out, focalLine)
	}
	order := make([]int, len(ids))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(finals[b], finals[a]) })
	sorted := make([]legendEntry, len(order))
	for k, i := range order {
		sorted[k] = entries[i]
	}
	return out, sorted, nil
}

// alignmentHovers puts tooltips along every agent's line, the focal
// agent's on top, as its line is.
func alignmentHovers(r *Report, ids []string, bands []band) []plot.Plotter {
	out := make([]plot.Plotter, len(ids))
	for i, id := range ids {
		h := lineHover{name: r.Scenario.AgentName(id), metric: "alignment", b: bands[i], runs: r.Runs,
			value: alignmentValue, did: decisionsOf(r, id), layer: layerLine}
		if id == r.focal() {
			h.layer = layerFocal
		}
		out[i] = h
	}
	return out
}

// bandPolygon is the 5–95 % band as a filled polygon with no outline.
func bandPolygon(b band, fill color.Color) (*plotter.Polygon, error) {
	return areaPolygon(b.x, b.lo, b.hi, fill)
}

// Opacities of a fan chart's bands: the 90 % band light, the 50 % band
// drawn over it, so the middle half of runs shows darker.
const (
	outerAlpha = 0.16
	innerAlpha = 0.30
)

// fanPolygons are a fan chart's two bands in colour c: 5–95 % and, over
// it, 25–75 % of runs. The second result is the outer band's fill, for
// legends.
func fanPolygons(b band, c color.NRGBA) ([]plot.Plotter, color.Color, error) {
	outer := withAlpha(c, outerAlpha)
	p90, err := areaPolygon(b.x, b.lo, b.hi, outer)
	if err != nil {
		return nil, nil, err
	}
	p50, err := areaPolygon(b.x, b.q25, b.q75, withAlpha(c, innerAlpha))
	if err != nil {
		return nil, nil, err
	}
	return []plot.Plotter{p90, p50}, outer, nil
}

// areaPolygon fills the area between lo and hi over x, with no outline.
func areaPolygon(x, lo, hi []float64, fill color.Color) (*plotter.Polygon, error) {
	n := len(x)
	pts := make(plotter.XYs, 0, 2*n)
	for i := 0; i < n; i++ {
		pts = append(pts, plotter.XY{X: x[i], Y: lo[i]})
	}
	for i := n - 1; i >= 0; i-- {
		pts = append(pts, plotter.XY{X: x[i], Y: hi[i]})
	}
	poly, err := plotter.NewPolygon(pts)
	if err != nil {
		return nil, err
	}
	poly.Color = fill
	poly.LineStyle.Width = 0
	return poly, nil
}

// xys pairs two equal-length slices for plotter.
func xys(x, y []float64) plotter.XYs {
	pts := make(plotter.XYs, len(x))
	for i := range x {
		pts[i] = plotter.XY{X: x[i], Y: y[i]}
	}
	return pts
}

// ensembleNote says what the lines and band stand for.
func ensembleNote(r *Report) string {
	switch {
	case r.Runs <= 1:
		return "one run"
	case poleSide(r.Scenario, r.focal()) != 0:
		return fmt.Sprintf("lines: median of %d runs", r.Runs)
	}
	return fmt.Sprintf("lines: median of %d runs; shaded (%s): middle 50 %% of runs, darker, and middle 90 %%", r.Runs, r.Scenario.AgentName(r.focal()))
}
