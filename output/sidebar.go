package output

import (
	"image/color"
	"strconv"
	"strings"
	"unicode/utf8"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// sidebarFrac is the share of the alignment plot's data area, on the
// right, that holds the legend and the key-event list. Keeping them there
// rather than in a floating legend means they never cover a line.
const sidebarFrac = 0.3

// legendEntry is one line of the sidebar legend.
type legendEntry struct {
	name  string
	style draw.LineStyle
	band  color.Color // nil when no band is drawn
	bold  bool
}

// sidebar draws the legend and the numbered key events to the right of
// x0, the end of the data, inside the plot's data area.
type sidebar struct {
	x0      float64
	title   string
	entries []legendEntry
	note    string
	events  []marker // all key events; only those shown are candidates
	runs    int
	// listed receives the events the sidebar found room for, so that the
	// numbers above the plot, drawn after it, match the list.
	listed *[]marker
}

// Plot implements plot.Plotter.
func (s sidebar) Plot(c draw.Canvas, p *plot.Plot) {
	if s.listed != nil {
		*s.listed = nil // nothing listed unless there is room below
	}
	trX, _ := p.Transforms(&c)
	left := trX(s.x0) + vg.Points(16)
	// The data area runs to the edge of the figure; keep the figure's
	// margin there.
	right := c.Max.X - vg.Points(figureMargin)
	if right-left < vg.Points(40) {
		return // too small to say anything legible
	}
	w := &column{c: c, p: p, left: left, right: right, y: c.Max.Y}
	w.heading(s.title)
	for _, e := range s.entries {
		w.entry(e)
	}
	if s.note != "" {
		w.paragraph(s.note, sansFont(8), mutedText)
	}
	listed := s.eventList(w)
	if s.listed != nil {
		*s.listed = listed
	}
}

// eventList writes the numbered key events and then how many were left
// out, and returns the events it listed. When the column cannot hold all
// the candidates it lists an even spread of those that fit, one line
// each; otherwise labels wrap onto a second line while the rest still fit.
func (s sidebar) eventList(w *column) []marker {
	cands := shownMarkers(s.events)
	if len(cands) == 0 {
		return nil
	}
	w.gap(vg.Points(8))
	head := "Key events"
	if s.runs > 1 {
		head += " (run 0)"
	}
	w.heading(head)
	foot := textStyle(w.p, sansFont(8), mutedText)
	footH := foot.Height("Mg") + vg.Points(3.5)
	_, _, lineH := w.numberStyles()
	oneH := lineH + vg.Points(1.5)
	budget := w.room()
	if len(cands) < len(s.events) || int(budget/oneH) < len(cands) {
		budget -= footH
	}
	fit := int(budget / oneH)
	if fit <= 0 {
		return nil
	}
	listed := cands
	if fit < len(cands) {
		listed = nil
		for _, i := range spread(len(cands), fit) {
			listed = append(listed, cands[i])
		}
	}
	w.setIndent(strconv.Itoa(listed[len(listed)-1].number))
	texts := make([]string, len(listed))
	one := make([]vg.Length, len(listed))
	var rest vg.Length
	for i, m := range listed {
		texts[i] = m.d.Label + " " + m.label
		one[i] = w.numberedHeight(texts[i:i+1], 1)
		rest += one[i]
	}
	for i, m := range listed {
		rest -= one[i]
		lines := 1
		if two := w.numberedHeight(texts[i:i+1], 2); two+rest <= budget {
			lines = 2
			budget -= two
		} else {
			budget -= one[i]
		}
		top := w.y
		if w.numbered(strconv.Itoa(m.number), texts[i], lines) {
			// The listed text may be cut short; its tooltip is not.
			addHotspot(w.c, hotspot{rect: vg.Rectangle{
				Min: vg.Point{X: w.left, Y: w.y}, Max: vg.Point{X: w.right, Y: top},
			}, layer: layerEvent, title: m.title})
		}
	}
	if more := len(s.events) - len(listed); more > 0 {
		w.paragraph("+"+strconv.Itoa(more)+" more listed in summary.json", foot.Font, mutedText)
	}
	return listed
}

// column lays text out top-down in a narrow box and stops cleanly when
// the box is full.
type column struct {
	c           draw.Canvas
	p           *plot.Plot
	left, right vg.Length
	y           vg.Length // top of the next line
	full        bool
	indent      vg.Length // of the text of numbered lines; 0 for the default
}

func (w *column) gap(h vg.Length) { w.y -= h }

// room is the height left below the next line.
func (w *column) room() vg.Length { return w.y - w.c.Min.Y }

// fits reserves a line of height h, or marks the column full with an
// ellipsis.
func (w *column) fits(h vg.Length) bool {
	if w.full {
		return false
	}
	if w.y-h < w.c.Min.Y {
		w.full = true
		sty := textStyle(w.p, sansFont(8), mutedText)
		w.c.FillText(sty, vg.Point{X: w.left, Y: w.y}, "…")
		return false
	}
	return true
}

func (w *column) heading(s string) {
	sty := textStyle(w.p, boldFont(9.5), color.Black)
	h := sty.Height(s) + vg.Points(3)
	if !w.fits(h) {
		return
	}
	w.c.FillText(sty, vg.Point{X: w.left, Y: w.y}, truncate(sty, s, w.right-w.left))
	w.y -= h
}

// entry draws a legend line: a swatch (over a band patch if any) and the
// name.
func (w *column) entry(e legendEntry) {
	f := sansFont(9)
	if e.bold {
		f = boldFont(9)
	}
	sty := textStyle(w.p, f, color.Black)
	h := sty.Height("Mg") + vg.Points(3.5)
	if !w.fits(h) {
		return
	}
	swatch := vg.Points(22)
	mid := w.y - h/2 + vg.Points(1)
	if e.band != nil {
		w.c.FillPolygon(e.band, []vg.Point{
			{X: w.left, Y: mid - vg.Points(4.5)}, {X: w.left + swatch, Y: mid - vg.Points(4.5)},
			{X: w.left + swatch, Y: mid + vg.Points(4.5)}, {X: w.left, Y: mid + vg.Points(4.5)},
		})
	}
	w.c.StrokeLine2(e.style, w.left, mid, w.left+swatch, mid)
	tx := w.left + swatch + vg.Points(6)
	w.c.FillText(sty, vg.Point{X: tx, Y: w.y}, truncate(sty, e.name, w.right-tx))
	w.y -= h
}

// paragraph writes wrapped text.
func (w *column) paragraph(s string, f font.Font, col color.Color) {
	sty := textStyle(w.p, f, col)
	for _, line := range wrap(sty, s, w.right-w.left, 3) {
		h := sty.Height("Mg") + vg.Points(1.5)
		if !w.fits(h) {
			return
		}
		w.c.FillText(sty, vg.Point{X: w.left, Y: w.y}, line)
		w.y -= h
	}
	w.y -= vg.Points(2)
}

// Styles and sizes of the numbered list.
const numberIndent = 15 // points

// setIndent indents numbered text far enough to clear the number widest,
// and at least numberIndent.
func (w *column) setIndent(widest string) {
	num, _, _ := w.numberStyles()
	w.indent = max(vg.Points(numberIndent), num.Width(widest)+vg.Points(5))
}

// textIndent is the indent of the text of numbered lines.
func (w *column) textIndent() vg.Length {
	if w.indent > 0 {
		return w.indent
	}
	return vg.Points(numberIndent)
}

func (w *column) numberStyles() (num, txt text.Style, lineH vg.Length) {
	num = textStyle(w.p, boldFont(8.5), mutedText)
	txt = textStyle(w.p, sansFont(8.5), color.Black)
	return num, txt, txt.Height("Mg") + vg.Points(1)
}

// numberedHeight is the height the texts take at most maxLines each.
func (w *column) numberedHeight(texts []string, maxLines int) vg.Length {
	_, sty, lineH := w.numberStyles()
	var h vg.Length
	for _, s := range texts {
		n := len(wrap(sty, s, w.right-w.left-w.textIndent(), maxLines))
		h += vg.Length(n)*lineH + vg.Points(1.5)
	}
	return h
}

// numbered writes "n  text" with the text wrapped on maxLines lines at
// most and indented past the number. It reports whether there was room.
func (w *column) numbered(n, s string, maxLines int) bool {
	num, sty, lineH := w.numberStyles()
	indent := w.textIndent()
	lines := wrap(sty, s, w.right-w.left-indent, maxLines)
	if !w.fits(lineH * vg.Length(len(lines))) {
		return false
	}
	w.c.FillText(num, vg.Point{X: w.left, Y: w.y}, n)
	for _, line := range lines {
		w.c.FillText(sty, vg.Point{X: w.left + indent, Y: w.y}, line)
		w.y -= lineH
	}
	w.y -= vg.Points(1.5)
	return true
}

// wrap breaks s into lines no wider than width, at most maxLines; the
// last line ends in an ellipsis if text was cut.
func wrap(sty text.Style, s string, width vg.Length, maxLines int) []string {
	words := strings.Fields(s)
	var lines []string
	for i := 0; i < len(words); {
		if len(lines) == maxLines-1 {
			return append(lines, truncate(sty, strings.Join(words[i:], " "), width))
		}
		j := i + 1 // a line takes at least one word, cut if need be
		for j < len(words) && sty.Width(strings.Join(words[i:j+1], " ")) <= width {
			j++
		}
		lines = append(lines, truncate(sty, strings.Join(words[i:j], " "), width))
		i = j
	}
	return lines
}

// truncate shortens s with an ellipsis until it fits width.
func truncate(sty text.Style, s string, width vg.Length) string {
	if sty.Width(s) <= width {
		return s
	}
	for s != "" {
		_, size := utf8.DecodeLastRuneInString(s)
		s = s[:len(s)-size]
		if t := strings.TrimRight(s, " ") + "…"; sty.Width(t) <= width {
			return t
		}
	}
	return "…"
}
