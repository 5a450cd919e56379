package output

import (
	"fmt"
	"slices"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// maxLinePoints is the most tooltips a line gets, besides those of turns
// in which its state acted: a quarterly 34-year scenario gets one a
// quarter, a longer one an even selection, so files stay small.
const maxLinePoints = 160

// lineHover puts tooltips along a line of a chart, one a turn: whose line
// it is, the date and the value, across runs for an ensemble, and for a
// single run what the state did that turn and why. It draws nothing, so
// adding it changes no picture.
type lineHover struct {
	name   string // whose line
	metric string // what it shows: "alignment"
	b      band
	runs   int
	value  func(float64) string
	did    map[int][]string // by turn number: what the state did
	layer  int
}

// Plot implements plot.Plotter.
func (h lineHover) Plot(c draw.Canvas, p *plot.Plot) {
	if !hovering(c) || len(h.b.x) == 0 {
		return
	}
	trX, trY := p.Transforms(&c)
	idx := h.points()
	r := spotRadius(trX(h.b.x[0]), trX(h.b.x[len(h.b.x)-1]), len(idx))
	for _, i := range idx {
		at := vg.Point{X: trX(h.b.x[i]), Y: trY(h.b.mid[i])}
		addHotspot(c, hotspot{at: at, r: r, layer: h.layer, title: h.title(i)})
	}
}

// points are the indices of the band that get a tooltip: an even spread
// of at most maxLinePoints, and every turn in which the state acted.
func (h lineHover) points() []int {
	idx := spread(len(h.b.x), maxLinePoints)
	for i, t := range h.b.turn {
		if len(h.did[t]) > 0 {
			idx = append(idx, i)
		}
	}
	slices.Sort(idx)
	return slices.Compact(idx)
}

// spotRadius is the radius of n tooltip circles along a line from x0 to
// x1: a little over half their spacing, so that they leave no gap, but
// no less than a pointer can find and no more than would cover a
// neighbouring line for long.
func spotRadius(x0, x1 vg.Length, n int) vg.Length {
	r := vg.Length(4)
	if n > 1 {
		r = 0.6 * (x1 - x0) / vg.Length(n-1)
	}
	return min(max(r, 2.5), 8)
}

// title is the tooltip of point i.
func (h lineHover) title(i int) string {
	b := h.b
	var s strings.Builder
	fmt.Fprintf(&s, "%s · %s\n", h.name, b.label[i])
	if h.runs > 1 {
		fmt.Fprintf(&s, "%s, median of %d runs: %s\n", h.metric, h.runs, h.value(b.mid[i]))
		fmt.Fprintf(&s, "middle 50 %% of runs: %s to %s\n", h.value(b.q25[i]), h.value(b.q75[i]))
		fmt.Fprintf(&s, "middle 90 %%: %s to %s", h.value(b.lo[i]), h.value(b.hi[i]))
	} else {
		fmt.Fprintf(&s, "%s: %s", h.metric, h.value(b.mid[i]))
	}
	if did := h.did[b.turn[i]]; len(did) > 0 {
		s.WriteString("\n\n" + strings.Join(did, "\n"))
	}
	return s.String()
}

// decisionsOf lists, by turn, what agent id did in run 0 and why, and
// what others did to it; nil for an ensemble, whose lines are medians
// that no single run's decisions explain.
func decisionsOf(r *Report, id string) map[int][]string {
	if r.Runs > 1 {
		return nil
	}
	out := map[int][]string{}
	for i := range r.Collectors[0].decisions {
		d := &r.Collectors[0].decisions[i]
		switch {
		case d.Actor == id:
			out[d.Turn] = append(out[d.Turn], decisionText(r.Scenario, d))
		case d.Target == id || d.With == id:
			out[d.Turn] = append(out[d.Turn], "to it: "+actionPhrase(r.Scenario, d))
		}
	}
	return out
}

// alignmentValue writes an alignment with its sign, as the axis does.
func alignmentValue(v float64) string { return signedText(v, 2) }

// plainValue writes an interest's value: two decimals, one from 10 up.
func plainValue(v float64) string {
	if v >= 10 || v <= -10 {
		return strings.Replace(fmt.Sprintf("%.1f", v), "-", "−", 1)
	}
	return strings.Replace(fmt.Sprintf("%.2f", v), "-", "−", 1)
}
