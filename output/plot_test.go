package output

import (
	"bytes"
	"flag"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"gonum.org/v1/plot/vg"
)

var update = flag.Bool("update", false, "rewrite the golden images under testdata/")

// nonWhiteShare is the share of pixels that are not white.
func nonWhiteShare(img image.Image) float64 {
	b := img.Bounds()
	n := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r < 0xF000 || g < 0xF000 || bl < 0xF000 {
				n++
			}
		}
	}
	return float64(n) / float64(b.Dx()*b.Dy())
}

// figures returns the two figures of r with their sizes.
func figures(t *testing.T, r *Report) []struct {
	name string
	d    Drawer
	w, h vg.Length
} {
	t.Helper()
	al, err := PlotAlignment(r)
	if err != nil {
		t.Fatal(err)
	}
	in, err := PlotInterests(r)
	if err != nil {
		t.Fatal(err)
	}
	return []struct {
		name string
		d    Drawer
		w, h vg.Length
	}{
		{"alignment", al, AlignmentWidth, AlignmentHeight},
		{"interests", in, InterestsWidth, InterestsHeight},
	}
}

func TestPlotsRenderPNG(t *testing.T) {
	reports := []struct {
		name string
		r    *Report
	}{
		{"tiny 2 runs", tinyReport()},
		{"sample 1 run", sampleReport(1)},
		{"sample 8 runs", sampleReport(8)},
	}
	sizes := map[string]image.Point{
		"alignment": {1500, 900}, // 10 × 6 in at 150 dpi
		"interests": {1200, 1350},
	}
	for _, rc := range reports {
		for _, f := range figures(t, rc.r) {
			t.Run(rc.name+"/"+f.name, func(t *testing.T) {
				var buf bytes.Buffer
				if err := Render(&buf, f.d, f.w, f.h, "png"); err != nil {
					t.Fatal(err)
				}
				img, err := png.Decode(&buf)
				if err != nil {
					t.Fatal(err)
				}
				if got := img.Bounds().Size(); got != sizes[f.name] {
					t.Errorf("size %v, want %v", got, sizes[f.name])
				}
				if share := nonWhiteShare(img); share < 0.02 {
					t.Errorf("only %.3f of pixels drawn: blank plot?", share)
				}
			})
		}
	}
}

func TestRenderIsDeterministic(t *testing.T) {
	for _, format := range []string{"png", "svg", "pdf"} {
		for _, f := range figures(t, sampleReport(4)) {
			t.Run(format+"/"+f.name, func(t *testing.T) {
				var a, b bytes.Buffer
				if err := Render(&a, f.d, f.w, f.h, format); err != nil {
					t.Fatal(err)
				}
				// A fresh figure from a fresh report, not just a second pass.
				g := figures(t, sampleReport(4))
				var d Drawer = g[0].d
				if f.name == "interests" {
					d = g[1].d
				}
				if err := Render(&b, d, f.w, f.h, format); err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(a.Bytes(), b.Bytes()) {
					t.Error("same input gave different bytes")
				}
				if a.Len() == 0 {
					t.Error("empty output")
				}
			})
		}
	}
}

func TestRenderRejectsUnknownFormat(t *testing.T) {
	p, err := PlotAlignment(tinyReport())
	if err != nil {
		t.Fatal(err)
	}
	if err := Render(&bytes.Buffer{}, p, AlignmentWidth, AlignmentHeight, "gif"); err == nil {
		t.Error("no error for gif")
	}
}

// goldenTolerance: share of pixels allowed to differ noticeably from the
// golden image, for font rasterisation and floating-point differences
// between platforms.
const goldenTolerance = 0.005

func TestAlignmentGolden(t *testing.T) {
	p, err := PlotAlignment(sampleReport(3))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	// The full 10 × 6 in layout at 40 dpi: 400 × 240 px, a small file.
	if err := renderDPI(&buf, p, AlignmentWidth, AlignmentHeight, "png", 40); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "alignment_golden.png")
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	got, err := png.Decode(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	ref, err := png.Decode(bytes.NewReader(want))
	if err != nil {
		t.Fatal(err)
	}
	if got.Bounds() != ref.Bounds() {
		t.Fatalf("size %v, golden %v", got.Bounds(), ref.Bounds())
	}
	if share := differingShare(got, ref); share > goldenTolerance {
		out := filepath.Join(os.TempDir(), "alignment_golden.got.png")
		_ = os.WriteFile(out, buf.Bytes(), 0o644)
		t.Errorf("%.2f %% of pixels differ from %s (tolerance %.2f %%); got image in %s; if the change is intended, run go test -update",
			100*share, golden, 100*goldenTolerance, out)
	}
}

// differingShare is the share of pixels where any channel differs by more
// than a quarter of its range.
func differingShare(a, b image.Image) float64 {
	bd := a.Bounds()
	n := 0
	for y := bd.Min.Y; y < bd.Max.Y; y++ {
		for x := bd.Min.X; x < bd.Max.X; x++ {
			r1, g1, b1, a1 := a.At(x, y).RGBA()
			r2, g2, b2, a2 := b.At(x, y).RGBA()
			if far(r1, r2) || far(g1, g2) || far(b1, b2) || far(a1, a2) {
				n++
			}
		}
	}
	return float64(n) / float64(bd.Dx()*bd.Dy())
}

func far(a, b uint32) bool {
	if a > b {
		a, b = b, a
	}
	return b-a > 0x4000
}
