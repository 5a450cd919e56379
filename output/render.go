package output

import (
	"bytes"
	"fmt"
	"image/color"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"

	xfont "golang.org/x/image/font"
	"golang.org/x/text/encoding/charmap"
	"gonum.org/v1/plot/font"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgpdf"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Drawer is anything that draws itself on a canvas: a *plot.Plot or a
// *Figure.
type Drawer interface {
	Draw(draw.Canvas)
}

// Render draws d at the given size and writes it to w in format "png"
// (at 150 dpi), "svg" or "pdf". The bytes depend only on d, the size and
// the format. An SVG also shows tooltips where the plots marked hotspots
// (see hotspot); the picture is the same in every format.
func Render(w io.Writer, d Drawer, width, height vg.Length, format string) error {
	return renderDPI(w, d, width, height, format, pngDPI)
}

// renderDPI is Render with a chosen PNG resolution; tests render small.
func renderDPI(w io.Writer, d Drawer, width, height vg.Length, format string, dpi int) error {
	switch format {
	case "png":
		c := vgimg.NewWith(vgimg.UseWH(width, height), vgimg.UseDPI(dpi))
		d.Draw(draw.New(c))
		if _, err := (vgimg.PngCanvas{Canvas: c}).WriteTo(w); err != nil {
			return fmt.Errorf("render png: %w", err)
		}
	case "svg":
		// Embedded fonts make the SVG look the same on machines without
		// Liberation Sans, and keep the sidebar text within its column.
		// The plotters mark hotspots on it: tooltips with the details
		// behind events and lines.
		svg := vgsvg.NewWith(vgsvg.UseWH(width, height), vgsvg.EmbedFonts(true))
		c := &hoverCanvas{CanvasSizer: svg}
		d.Draw(draw.New(c))
		var buf bytes.Buffer
		if err := c.writeSVG(&buf, svg); err != nil {
			return fmt.Errorf("render svg: %w", err)
		}
		if _, err := buf.WriteTo(w); err != nil {
			return fmt.Errorf("render svg: %w", err)
		}
	case "pdf":
		c := pdfCanvas{vgpdf.New(width, height)}
		d.Draw(draw.New(c))
		var buf bytes.Buffer
		if _, err := c.Canvas.WriteTo(&buf); err != nil {
			return fmt.Errorf("render pdf: %w", err)
		}
		if _, err := w.Write(fixPDFDates(buf.Bytes())); err != nil {
			return fmt.Errorf("render pdf: %w", err)
		}
	default:
		return fmt.Errorf("render: unknown format %q", format)
	}
	return nil
}

// pdfDate matches the creation and modification dates the PDF library
// stamps with the current time; vgpdf gives no way to set them.
var pdfDate = regexp.MustCompile(`/(CreationDate|ModDate) \(D:\d{14}\)`)

// fixPDFDates replaces the stamped dates with a fixed one of the same
// length, so the cross-reference offsets stay valid and the same figure
// always gives the same bytes.
func fixPDFDates(b []byte) []byte {
	return pdfDate.ReplaceAll(b, []byte("/$1 (D:20000101000000)"))
}

// pdfCanvas works around three limits of vgpdf:
//   - it stores every embedded font under one file name, so a second face
//     (bold) is drawn with the first one's glyphs and, since it also
//     selects bold faces by a style it never registered, may fail with
//     "undefined font"; so PDF text is set in the regular face only;
//   - it passes premultiplied colour components as straight ones, which
//     turns translucent bands grey; SetColor un-premultiplies;
//   - its fonts are cp1252-encoded, so text is converted, with close
//     stand-ins for the few characters cp1252 lacks.
type pdfCanvas struct {
	*vgpdf.Canvas
}

// FillString implements vg.Canvas.
func (c pdfCanvas) FillString(f font.Face, pt vg.Point, s string) {
	if f.Font.Weight != xfont.WeightNormal {
		f.Font.Weight = xfont.WeightNormal
		f.Face = font.DefaultCache.Lookup(f.Font, f.Font.Size).Face
	}
	c.Canvas.FillString(f, pt, toCP1252(s))
}

// SetColor implements vg.Canvas.
func (c pdfCanvas) SetColor(col color.Color) {
	if col == nil {
		col = color.Black
	}
	c.Canvas.SetColor(straightColor{color.NRGBAModel.Convert(col).(color.NRGBA)})
}

// straightColor reports its components without premultiplying them by
// alpha, which is what vgpdf passes on to the PDF writer.
type straightColor struct{ c color.NRGBA }

// RGBA returns the straight components scaled to 16 bits.
func (s straightColor) RGBA() (r, g, b, a uint32) {
	return uint32(s.c.R) * 0x101, uint32(s.c.G) * 0x101, uint32(s.c.B) * 0x101, uint32(s.c.A) * 0x101
}

// cp1252StandIns replaces characters cp1252 cannot encode.
var cp1252StandIns = strings.NewReplacer("−", "-", "←", "<–", "→", "–>", "·", "·")

// toCP1252 encodes s for vgpdf's cp1252 fonts; anything left that cp1252
// lacks becomes "?".
func toCP1252(s string) string {
	s = cp1252StandIns.Replace(s)
	b := make([]byte, 0, len(s))
	for _, r := range s {
		if r < utf8.RuneSelf {
			b = append(b, byte(r))
			continue
		}
		if c, ok := charmap.Windows1252.EncodeRune(r); ok {
			b = append(b, c)
			continue
		}
		b = append(b, '?')
	}
	return string(b)
}
