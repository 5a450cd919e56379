package output

import (
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// eventMarks draws key events as thin dotted verticals from yLo to yHi
// and, when numbered, their numbers in a strip just above the data area
// (the plot's title padding makes room for it), where no line can hide
// them. A number that would touch its neighbour moves up a row.
type eventMarks struct {
	ms       []marker
	yLo, yHi float64
	numbered bool
	// listed, when set, replaces ms with what a sidebar drawn earlier
	// found room to list.
	listed *[]marker
}

// numberRows is how many rows of numbers the strip above the data holds.
const numberRows = 2

// numberFont is the size of event numbers in points.
const numberFont = 8.5

// Plot implements plot.Plotter.
func (e eventMarks) Plot(c draw.Canvas, p *plot.Plot) {
	if e.listed != nil {
		e.ms = *e.listed
	}
	trX, trY := p.Transforms(&c)
	ls := draw.LineStyle{Color: eventColor, Width: vg.Points(0.7), Dashes: []vg.Length{vg.Points(1.5), vg.Points(2)}}
	for _, m := range e.ms {
		x := trX(m.year)
		c.StrokeLine2(ls, x, trY(e.yLo), x, trY(e.yHi))
	}
	if !e.numbered {
		return
	}
	sty := textStyle(p, boldFont(numberFont), mutedText)
	sty.XAlign = draw.XCenter
	sty.YAlign = draw.YBottom
	rowH := sty.Height("0") + vg.Points(1.5)
	lastEnd := make([]vg.Length, numberRows)
	for i := range lastEnd {
		lastEnd[i] = c.Min.X - vg.Inch
	}
	for _, m := range e.ms {
		x := trX(m.year)
		label := strconv.Itoa(m.number)
		half := sty.Width(label)/2 + vg.Points(1.5)
		row := 0
		for row < numberRows-1 && x-half < lastEnd[row] {
			row++
		}
		lastEnd[row] = x + half
		y := c.Max.Y + vg.Points(2) + vg.Length(row)*rowH
		c.FillText(sty, vg.Point{X: x, Y: y}, label)
	}
}

// stripHeight is the room the event numbers need above the data area.
func stripHeight(p *plot.Plot) vg.Length {
	sty := textStyle(p, boldFont(numberFont), mutedText)
	return vg.Length(numberRows)*(sty.Height("0")+vg.Points(1.5)) + vg.Points(3)
}

// hline is a horizontal rule from x0 to x1 at y, for grid lines and the
// balanced line; unlike a grid it stops where the data stop.
type hline struct {
	x0, x1, y float64
	style     draw.LineStyle
}

// Plot implements plot.Plotter.
func (h hline) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	c.StrokeLine2(h.style, trX(h.x0), trY(h.y), trX(h.x1), trY(h.y))
}
