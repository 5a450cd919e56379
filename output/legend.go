package output

import (
	"image/color"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// legendFigure is a Figure with a legend and a footnote under its panels.
type legendFigure struct {
	fig      Figure
	legend   []legendRow
	footnote string
	layout   legendLayout
}

// legendRow is one row of a legendFigure's legend: a swatch and its
// label.
type legendRow struct {
	label  string
	swatch swatch
}

// swatch is the key of a legend row.
type swatch interface {
	// drawSwatch draws the key on c from x0 to x1, centred on the line y.
	drawSwatch(c draw.Canvas, x0, x1, y vg.Length)
}

// legendLayout sizes a legendFigure's legend.
type legendLayout struct {
	// font is the labels' size in points.
	font float64
	// gap is the space between legend lines and under the legend; twice
	// as much separates the legend from the panels.
	gap vg.Length
	// swatch is the width of a swatch; indent, the space from it to its
	// label.
	swatch, indent vg.Length
	// overhang is how far a label may run past the right margin before it
	// is cut.
	overhang vg.Length
}

// Draw implements Drawer.
func (f *legendFigure) Draw(c draw.Canvas) {
	c.SetColor(color.White)
	c.Fill(c.Rectangle.Path())
	if len(f.fig.Panels) == 0 {
		return
	}
	lay := f.layout
	hdl := f.fig.Panels[0].TextHandler
	margin := vg.Points(figureMargin)
	width := c.Max.X - c.Min.X - 2*margin
	left := c.Min.X + margin
	leg := figureText(hdl, sansFont(lay.font), color.Black)
	leg.YAlign = draw.YCenter
	foot := figureText(hdl, sansFont(8.5), mutedText)
	lineH := leg.Height("Mg") + lay.gap
	var footLines []string
	if f.footnote != "" {
		footLines = wrap(foot, f.footnote, width, 4)
	}
	footH := vg.Length(len(footLines)) * (foot.Height("Mg") + vg.Points(1))
	legH := vg.Length(len(f.legend)) * lineH
	y := c.Min.Y + margin + footH + lay.gap + legH
	for _, e := range f.legend {
		y -= lineH
		mid := y + lineH/2
		e.swatch.drawSwatch(c, left, left+lay.swatch, mid)
		c.FillText(leg, vg.Point{X: left + lay.swatch + lay.indent, Y: mid},
			truncate(leg, e.label, width-lay.swatch-lay.indent+lay.overhang))
	}
	fy := c.Min.Y + margin + footH
	for _, l := range footLines {
		c.FillText(foot, vg.Point{X: left, Y: fy}, l)
		fy -= foot.Height("Mg") + vg.Points(1)
	}
	sub := c
	sub.Min.Y = c.Min.Y + margin + footH + legH + 2*lay.gap
	f.fig.Draw(sub)
}
