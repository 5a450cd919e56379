package output

import (
	"bytes"
	"encoding/xml"
	"slices"
	"strconv"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"
)

// hotspot is an area of an SVG chart that shows a text when the pointer
// rests on it: the browser's own tooltip for an SVG <title>, which needs
// no script and so passes the pages' content security policy. PNG and
// PDF have nothing like it and ignore hotspots.
type hotspot struct {
	// The area is a circle around at of radius r when r > 0, else rect;
	// both in canvas coordinates (points, origin at the bottom left).
	at   vg.Point
	r    vg.Length
	rect vg.Rectangle
	// layer orders overlapping hotspots: a higher one lies on top and
	// takes the pointer.
	layer int
	title string
}

// Layers of hotspots, bottom to top: a line's point wins over the event
// marker it crosses, and the focal state's line over the others.
const (
	layerEvent = iota
	layerLine
	layerFocal
)

// hoverCanvas passes every drawing call on to the canvas it wraps (an
// SVG one) and keeps the hotspots the plotters mark on it.
type hoverCanvas struct {
	vg.CanvasSizer
	spots []hotspot
}

// hoverOf returns the SVG canvas under c, or nil if c is drawn on
// anything else. Plots hand their plotters canvases that wrap the one
// they were given, so the wrapping is undone first.
func hoverOf(c vg.Canvas) *hoverCanvas {
	for {
		switch v := c.(type) {
		case *hoverCanvas:
			return v
		case draw.Canvas:
			c = v.Canvas
		case *draw.Canvas:
			c = v.Canvas
		default:
			return nil
		}
	}
}

// hovering reports whether c keeps hotspots, so that plotters work out
// tooltips only for an SVG.
func hovering(c draw.Canvas) bool {
	return hoverOf(c) != nil
}

// addHotspot keeps s if c is an SVG canvas; on any other it does nothing,
// so PNG and PDF files stay as they were, byte for byte.
func addHotspot(c draw.Canvas, s hotspot) {
	if h := hoverOf(c); h != nil && s.title != "" {
		h.spots = append(h.spots, s)
	}
}

// writeSVG writes svg, on which c was drawn, with c's hotspots added
// last, so that they lie on top of everything drawn, as invisible shapes
// that still take the pointer.
func (c *hoverCanvas) writeSVG(buf *bytes.Buffer, svg *vgsvg.Canvas) error {
	if _, err := svg.WriteTo(buf); err != nil {
		return err
	}
	if len(c.spots) == 0 {
		return nil
	}
	const end = "</svg>\n"
	b := buf.Bytes()
	if !bytes.HasSuffix(b, []byte(end)) {
		return nil // not the SVG vgsvg writes; leave it as it is
	}
	buf.Truncate(len(b) - len(end))
	_, h := svg.Size()
	writeHotspots(buf, c.spots, h)
	buf.WriteString(end)
	return nil
}

// writeHotspots writes spots, bottom layer first, as a group of shapes
// filled with nothing visible. They sit outside the group in which vgsvg
// turns the y axis upwards, so y is flipped here: height-y.
func writeHotspots(buf *bytes.Buffer, spots []hotspot, height vg.Length) {
	spots = slices.Clone(spots)
	slices.SortStableFunc(spots, func(a, b hotspot) int { return a.layer - b.layer })
	// pointer-events="all" makes an unpainted shape take the pointer in
	// every browser; the attributes are presentation attributes, which a
	// strict style-src policy allows.
	buf.WriteString(`<g fill-opacity="0" pointer-events="all">` + "\n")
	for _, s := range spots {
		if s.r > 0 {
			buf.WriteString(`<circle cx="` + coord(s.at.X) + `" cy="` + coord(height-s.at.Y) + `" r="` + coord(s.r) + `">`)
		} else {
			buf.WriteString(`<rect x="` + coord(s.rect.Min.X) + `" y="` + coord(height-s.rect.Max.Y) +
				`" width="` + coord(s.rect.Size().X) + `" height="` + coord(s.rect.Size().Y) + `">`)
		}
		buf.WriteString("<title>")
		_ = xml.EscapeText(buf, []byte(s.title)) // a bytes.Buffer does not fail
		buf.WriteString("</title>")
		if s.r > 0 {
			buf.WriteString("</circle>\n")
		} else {
			buf.WriteString("</rect>\n")
		}
	}
	buf.WriteString("</g>\n")
}

// coord writes a length in points to a tenth, which is finer than a
// pointer can tell and keeps the files small.
func coord(l vg.Length) string {
	return strconv.FormatFloat(float64(l.Points()), 'f', 1, 64)
}
