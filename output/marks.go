package output

import (
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// eventMarks draws key events as thin dotted verticals from yLo to yHi
// and, when rows > 0, their numbers in a strip just above the data area
// (the plot's title padding or the figure's TopStrip makes room for it),
// where no line can hide them. Numbers that would touch go up a row; when
// the rows run out, neighbours share one label such as "12–13".
type eventMarks struct {
	ms       []marker
	yLo, yHi float64
	// x0 and x1 bound the strip of numbers in data units, so that no
	// number runs past the end of the data; when x1 <= x0 the strip
	// spans the data area.
	x0, x1 float64
	// rows is how many rows of numbers the strip holds; 0 draws none.
	rows int
	// listed, when set, replaces ms with what a sidebar drawn earlier
	// found room to list.
	listed *[]marker
}

// maxNumberRows is the most rows of numbers a strip may take; numbers
// that still collide are merged into ranges.
const maxNumberRows = 4

// numberFont is the size of event numbers in points.
const numberFont = 8.5

// numberGap is the least space between two numbers in a row, in points.
const numberGap = 3

// numberStyle is the text style of the numbers, anchored at the bottom
// centre.
func numberStyle(p *plot.Plot) text.Style {
	sty := textStyle(p, boldFont(numberFont), mutedText)
	sty.XAlign = draw.XCenter
	sty.YAlign = draw.YBottom
	return sty
}

// numberRowHeight is the height of one row of the strip.
func numberRowHeight(p *plot.Plot) vg.Length {
	return numberStyle(p).Height("0") + vg.Points(1.5)
}

// stripHeight is the room rows of numbers need above the data area.
func stripHeight(p *plot.Plot, rows int) vg.Length {
	return vg.Length(rows)*numberRowHeight(p) + vg.Points(3)
}

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
	e.markSpots(c, trX, trY)
	if e.rows <= 0 {
		return
	}
	sty := numberStyle(p)
	rowH := numberRowHeight(p)
	for _, l := range e.layout(c, p, e.rows) {
		y := c.Max.Y + vg.Points(2) + vg.Length(l.row)*rowH
		c.FillText(sty, vg.Point{X: l.x, Y: y}, l.text)
		addHotspot(c, hotspot{rect: vg.Rectangle{
			Min: vg.Point{X: l.left(), Y: y},
			Max: vg.Point{X: l.right(), Y: y + rowH},
		}, layer: layerEvent, title: numbersTitle(e.ms, l.nums)})
	}
}

// markSpots gives each dotted line a tooltip. Lines closer than a
// pointer can tell apart (events of the same quarter) share one, which
// lists them all, rather than the last hiding the others.
func (e eventMarks) markSpots(c draw.Canvas, trX, trY func(float64) vg.Length) {
	if !hovering(c) {
		return
	}
	for i := 0; i < len(e.ms); {
		j, left, right := i+1, trX(e.ms[i].year), trX(e.ms[i].year)
		for j < len(e.ms) && trX(e.ms[j].year)-right < 2*markHalfWidth {
			right = max(right, trX(e.ms[j].year))
			j++
		}
		nums := make([]int, 0, j-i)
		for _, m := range e.ms[i:j] {
			nums = append(nums, m.number)
		}
		addHotspot(c, hotspot{rect: vg.Rectangle{
			Min: vg.Point{X: left - markHalfWidth, Y: trY(e.yLo)},
			Max: vg.Point{X: right + markHalfWidth, Y: trY(e.yHi)},
		}, layer: layerEvent, title: numbersTitle(e.ms, nums)})
		i = j
	}
}

// markHalfWidth is half the width of the strip around an event's dotted
// line that shows its tooltip: wide enough to find with a pointer,
// narrow enough to leave the lines around it their own.
const markHalfWidth = vg.Length(2.5)

// layout places the numbers of e.ms in at most rows rows over the data
// canvas c of p.
func (e eventMarks) layout(c draw.Canvas, p *plot.Plot, rows int) []numberLabel {
	trX, _ := p.Transforms(&c)
	lo, hi := c.Min.X, c.Max.X
	if e.x1 > e.x0 {
		lo, hi = max(lo, trX(e.x0)), min(hi, trX(e.x1))
	}
	nums := make([]int, len(e.ms))
	xs := make([]vg.Length, len(e.ms))
	for i, m := range e.ms {
		nums[i], xs[i] = m.number, trX(m.year)
	}
	return layoutNumbers(nums, xs, numberStyle(p).Width, lo, hi, vg.Points(numberGap), rows)
}

// rowsNeeded is how many rows, up to maxNumberRows, the numbers of e.ms
// take over the data canvas c of p.
func (e eventMarks) rowsNeeded(c draw.Canvas, p *plot.Plot) int {
	n := 0
	for _, l := range e.layout(c, p, maxNumberRows) {
		n = max(n, l.row+1)
	}
	return n
}

// numberLabel is an event number, or a range of them, placed in the
// strip: centred on x, width wide, in row row (0 is nearest the data).
type numberLabel struct {
	text  string
	x     vg.Length
	width vg.Length
	row   int
	nums  []int // the numbers the label stands for
}

// left and right are the label's horizontal extent.
func (l numberLabel) left() vg.Length  { return l.x - l.width/2 }
func (l numberLabel) right() vg.Length { return l.x + l.width/2 }

// layoutNumbers places the numbers nums, each centred over its position
// in xs (both in the events' left-to-right order), in the strip from lo
// to hi. A label that would run past either end is moved inwards; one
// that would come within gap of a label already placed goes to the
// lowest of rows rows where it does not. When no row has room, the label
// is merged with its left neighbour into one label, "12–13", centred
// between them, and the layout starts over; so no two labels ever
// overlap, whatever the positions.
func layoutNumbers(nums []int, xs []vg.Length, width func(string) vg.Length, lo, hi, gap vg.Length, rows int) []numberLabel {
	rows = max(rows, 1)
	// groups[i] is the index of the first number of the i-th label.
	groups := make([]int, len(nums))
	for i := range groups {
		groups[i] = i
	}
	for {
		labels, failed := placeGroups(nums, xs, groups, width, lo, hi, gap, rows)
		if failed < 0 {
			return labels
		}
		// The first label always fits in the empty bottom row, so
		// failed >= 1 and there is a left neighbour to merge with.
		groups = append(groups[:failed], groups[failed+1:]...)
	}
}

// placeGroups lays out one label per group, first fit by row, and
// returns the labels, or the index of the first group that fits nowhere.
func placeGroups(nums []int, xs []vg.Length, groups []int, width func(string) vg.Length, lo, hi, gap vg.Length, rows int) ([]numberLabel, int) {
	labels := make([]numberLabel, 0, len(groups))
	// ends[r] is the right edge of the rightmost label in row r.
	ends := make([]vg.Length, rows)
	for r := range ends {
		ends[r] = lo - gap - 1
	}
	for g, start := range groups {
		end := len(nums)
		if g+1 < len(groups) {
			end = groups[g+1]
		}
		l := numberLabel{text: numberRange(nums[start:end]), nums: nums[start:end]}
		l.width = width(l.text)
		l.x = (xs[start] + xs[end-1]) / 2
		l.x = max(min(l.x, hi-l.width/2), lo+l.width/2)
		l.row = -1
		for r := range ends {
			if l.left() >= ends[r]+gap {
				l.row = r
				break
			}
		}
		if l.row < 0 {
			return nil, g
		}
		ends[l.row] = max(ends[l.row], l.right())
		labels = append(labels, l)
	}
	return labels, -1
}

// numberRange writes event numbers as compactly as a label can: runs of
// consecutive numbers as "12–13" or "3–5", others separated by commas.
func numberRange(nums []int) string {
	var b strings.Builder
	for i := 0; i < len(nums); {
		j := i
		for j+1 < len(nums) && nums[j+1] == nums[j]+1 {
			j++
		}
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Itoa(nums[i]))
		if j > i {
			b.WriteString("–")
			b.WriteString(strconv.Itoa(nums[j]))
		}
		i = j + 1
	}
	return b.String()
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
