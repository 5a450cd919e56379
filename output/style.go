package output

import (
	"image/color"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Sizes of the figures WriteDir draws.
const (
	AlignmentWidth  = 10 * vg.Inch
	AlignmentHeight = 6 * vg.Inch
	InterestsWidth  = 8 * vg.Inch
	InterestsHeight = 9 * vg.Inch
)

// pngDPI renders PNGs sharp enough for slides and print handouts.
const pngDPI = 150

// sans is the typeface of every figure: a sans serif reads better than
// gonum's default serif at small sizes on slides.
var sans = font.Font{Typeface: "Liberation", Variant: "Sans"}

// sansFont returns the sans face at size points.
func sansFont(size float64) font.Font { return font.From(sans, vg.Points(size)) }

// boldFont returns the bold sans face at size points.
func boldFont(size float64) font.Font {
	f := sansFont(size)
	f.Weight = xfont.WeightBold
	return f
}

// palette is colour-blind safe (Okabe–Ito first) and dark enough on white.
// The focal agent always gets the first colour.
var palette = []color.NRGBA{
	{0xD5, 0x5E, 0x00, 0xFF}, // vermillion
	{0x00, 0x72, 0xB2, 0xFF}, // blue
	{0x00, 0x9E, 0x73, 0xFF}, // bluish green
	{0xE6, 0x9F, 0x00, 0xFF}, // orange
	{0xCC, 0x79, 0xA7, 0xFF}, // reddish purple
	{0x56, 0xB4, 0xE9, 0xFF}, // sky blue
	{0x33, 0x33, 0x33, 0xFF}, // near black
	{0x8C, 0x56, 0x4B, 0xFF}, // brown
	{0x94, 0x67, 0xBD, 0xFF}, // purple
	{0xBC, 0xBD, 0x22, 0xFF}, // olive
	{0x17, 0xBE, 0xCF, 0xFF}, // cyan
	{0x7F, 0x7F, 0x7F, 0xFF}, // grey
}

// dashCycle tells apart agents that share a colour once the palette has
// been used up.
var dashCycle = [][]vg.Length{nil, {vg.Points(6), vg.Points(3)}, {vg.Points(2), vg.Points(2)}}

// seriesStyle is the line style of the i-th agent (focal = 0).
func seriesStyle(i int, focal bool) draw.LineStyle {
	ls := draw.LineStyle{
		Color:  palette[i%len(palette)],
		Width:  vg.Points(1.4),
		Dashes: dashCycle[(i/len(palette))%len(dashCycle)],
	}
	if focal {
		ls.Width = vg.Points(3)
	}
	return ls
}

// withAlpha returns c with opacity a (0..1), for bands.
func withAlpha(c color.NRGBA, a float64) color.NRGBA {
	c.A = uint8(a*255 + 0.5)
	return c
}

var (
	gridColor  = color.Gray{Y: 0xE4}
	eventColor = color.Gray{Y: 0x99}
	mutedText  = color.Gray{Y: 0x55}
)

// newPlot returns a plot with the figures' fonts and sizes.
func newPlot() *plot.Plot {
	p := plot.New()
	p.Title.TextStyle.Font = boldFont(13)
	p.Title.Padding = vg.Points(6)
	for _, ax := range []*plot.Axis{&p.X, &p.Y} {
		ax.Label.TextStyle.Font = sansFont(11)
		ax.Tick.Label.Font = sansFont(9.5)
		ax.Padding = vg.Points(2)
	}
	p.Legend.TextStyle.Font = sansFont(9.5)
	return p
}

// textStyle returns a style for free text drawn by the package's own
// plotters.
func textStyle(p *plot.Plot, f font.Font, c color.Color) text.Style {
	return text.Style{
		Color:   c,
		Font:    f,
		XAlign:  draw.XLeft,
		YAlign:  draw.YTop,
		Handler: p.TextHandler,
	}
}
