package output

import (
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Figure is a title over plots stacked top to bottom whose data areas line
// up (plot.Align), with an optional footnote. It implements Drawer.
type Figure struct {
	Title    string
	Subtitle string
	Panels   []*plot.Plot
	Footnote string
	// FootnoteLines is the most lines the footnote may take before it is
	// cut short; 0 means 3.
	FootnoteLines int
	// TopStrip is extra room between the subtitle and the first panel,
	// for marks drawn just above its data area.
	TopStrip vg.Length
}

// Draw lays the figure out on c.
func (f *Figure) Draw(c draw.Canvas) {
	if len(f.Panels) == 0 {
		return
	}
	hdl := f.Panels[0].TextHandler
	c.SetColor(color.White)
	c.Fill(c.Rectangle.Path())

	title := figureText(hdl, boldFont(14), color.Black)
	title.XAlign = draw.XCenter
	sub := figureText(hdl, sansFont(10), mutedText)
	sub.XAlign = draw.XCenter
	foot := figureText(hdl, sansFont(8.5), mutedText)

	margin := vg.Points(figureMargin)
	top := c.Max.Y - margin
	mid := (c.Min.X + c.Max.X) / 2
	width := c.Max.X - c.Min.X - 2*margin
	if f.Title != "" {
		c.FillText(title, vg.Point{X: mid, Y: top}, truncate(title, f.Title, width))
		top -= title.Height(f.Title) + vg.Points(3)
	}
	if f.Subtitle != "" {
		c.FillText(sub, vg.Point{X: mid, Y: top}, truncate(sub, f.Subtitle, width))
		top -= sub.Height(f.Subtitle)
	}
	footH := vg.Length(0)
	if f.Footnote != "" {
		most := f.FootnoteLines
		if most <= 0 {
			most = 3
		}
		lines := wrap(foot, f.Footnote, width, most)
		lineH := foot.Height("Mg") + vg.Points(1)
		footH = vg.Length(len(lines))*lineH + vg.Points(4)
		y := c.Min.Y + margin + footH - vg.Points(4)
		for _, l := range lines {
			c.FillText(foot, vg.Point{X: c.Min.X + margin, Y: y}, l)
			y -= lineH
		}
	}

	canvases := f.align(c, c.Max.Y-top+f.TopStrip+vg.Points(6), margin+footH)
	for i, p := range f.Panels {
		p.Draw(canvases[i])
	}
}

// figureMargin is the blank border around a figure.
const figureMargin = 8 // points

// align returns the canvases the panels are drawn on, stacked between
// padTop and padBottom with their data areas lined up.
func (f *Figure) align(c draw.Canvas, padTop, padBottom vg.Length) []draw.Canvas {
	tiles := draw.Tiles{
		Rows:      len(f.Panels),
		Cols:      1,
		PadTop:    padTop,
		PadBottom: padBottom,
		PadLeft:   vg.Points(figureMargin),
		PadRight:  vg.Points(figureMargin + 6),
		PadY:      vg.Points(14),
	}
	grid := make([][]*plot.Plot, len(f.Panels))
	for i, p := range f.Panels {
		grid[i] = []*plot.Plot{p}
	}
	out := make([]draw.Canvas, len(f.Panels))
	for i, row := range plot.Align(grid, tiles, c) {
		out[i] = row[0]
	}
	return out
}

// dataCanvas is where panel i draws its data when the figure is drawn
// width by height. Only its horizontal extent is exact: the titles and
// the footnote, which only move it up or down, are left out. It is for
// measuring, not drawing.
func (f *Figure) dataCanvas(i int, width, height vg.Length) draw.Canvas {
	c := draw.Canvas{Rectangle: vg.Rectangle{Max: vg.Point{X: width, Y: height}}}
	return f.Panels[i].DataCanvas(f.align(c, 0, 0)[i])
}

// figureText is a top-left-anchored text style for figure furniture.
func figureText(h text.Handler, f font.Font, col color.Color) text.Style {
	return text.Style{Color: col, Font: f, XAlign: draw.XLeft, YAlign: draw.YTop, Handler: h}
}
