package output

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"image"
	"image/color"
	"io"
	"math"
	"strconv"
	"strings"
	"testing"

	"caspian/ensemble"
	"caspian/scenarios"
	"caspian/sim"

	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// svgSpot is a tooltip read back from an SVG: a circle (x, y its centre,
// r its radius) or a rectangle (x, y its top left corner), in the SVG's
// own coordinates, whose y runs down.
type svgSpot struct {
	kind       string
	x, y, w, h float64
	r          float64
	title      string
}

// readSpots parses svg, failing the test if it is not well-formed XML,
// and returns its tooltips and its height in points.
func readSpots(t *testing.T, svg []byte) ([]svgSpot, float64) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(svg))
	var spots []svgSpot
	var height float64
	var cur *svgSpot
	inTitle := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("the SVG is not well-formed: %v", err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			switch e.Name.Local {
			case "svg":
				height = number(t, attr(e, "viewBox"), 3)
			case "circle", "rect":
				cur = &svgSpot{kind: e.Name.Local}
				cur.x, cur.y = parseNum(t, attr(e, "x")+attr(e, "cx")), parseNum(t, attr(e, "y")+attr(e, "cy"))
				cur.w, cur.h, cur.r = parseNum(t, attr(e, "width")), parseNum(t, attr(e, "height")), parseNum(t, attr(e, "r"))
			case "title":
				inTitle = true
			}
		case xml.CharData:
			if inTitle && cur != nil {
				cur.title += string(e)
			}
		case xml.EndElement:
			switch e.Name.Local {
			case "title":
				inTitle = false
			case "circle", "rect":
				if cur != nil && cur.title != "" {
					spots = append(spots, *cur)
				}
				cur = nil
			}
		}
	}
	return spots, height
}

func attr(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// parseNum parses a number, "" as 0.
func parseNum(t *testing.T, s string) float64 {
	t.Helper()
	if s == "" {
		return 0
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// number is the i-th of the space-separated numbers in s.
func number(t *testing.T, s string, i int) float64 {
	t.Helper()
	f := strings.Fields(s)
	if len(f) <= i {
		t.Fatalf("%q has no number %d", s, i)
	}
	return parseNum(t, f[i])
}

// renderSVG renders d as an SVG and reads its tooltips back.
func renderSVG(t *testing.T, d Drawer, w, h vg.Length) ([]byte, []svgSpot, float64) {
	t.Helper()
	var buf bytes.Buffer
	if err := Render(&buf, d, w, h, "svg"); err != nil {
		t.Fatal(err)
	}
	spots, height := readSpots(t, buf.Bytes())
	return buf.Bytes(), spots, height
}

// runsWithEvent counts, run by run, the runs in which an event like d
// happened: the same actor, action, target, source and outcome.
func runsWithEvent(cs []*Collector, d *sim.Decision) int {
	n := 0
	for _, c := range cs {
		for _, e := range c.Decisions() {
			if e.Actor == d.Actor && e.Action == d.Action && e.Target == d.Target && e.Source == d.Source && e.Outcome == d.Outcome {
				n++
				break
			}
		}
	}
	return n
}

// defaultEnsemble runs the shipped default scenario as sim run does:
// streaming statistics, run 0 kept in the report. It also returns every
// run, for counting.
func defaultEnsemble(t *testing.T, runs int) (*Report, []*Collector) {
	t.Helper()
	sc, _, _, err := scenarios.Open(scenarios.Default)
	if err != nil {
		t.Fatal(err)
	}
	all := make([]*Collector, runs)
	st, err := ensemble.Run(context.Background(), sc, ensemble.Options{Seed: 5, Runs: runs, Workers: 2,
		Keep: func(run int) sim.Recorder { all[run] = NewCollector(sc, run); return all[run] }})
	if err != nil {
		t.Fatal(err)
	}
	return &Report{Scenario: sc, Name: "default", Runs: runs, Collectors: all[:1], Stats: st}, all
}

// sampleWithVictory is the sample ensemble with a war won in runs 0 and
// 2 of 4 only.
func sampleWithVictory() (*Report, []*Collector) {
	r := sampleReport(4)
	for _, run := range []int{0, 2} {
		r.Collectors[run].Decision(&sim.Decision{Run: run, Turn: 100, Label: r.Scenario.Calendar.Label(100), Source: sim.ByRule,
			Actor: "AZE", Action: "victory", Target: "karabakh", Outcome: "ended", Note: "Karabakh ends in victory", Key: true})
	}
	return r, r.Collectors
}

// eventBlocks maps each event number to the tooltip paragraphs that
// describe it, across all spots.
func eventBlocks(spots []svgSpot) map[int][]string {
	out := map[int][]string{}
	for _, s := range spots {
		for _, block := range strings.Split(s.title, "\n\n") {
			var n int
			if _, err := fmt.Sscanf(block, "Key event %d ·", &n); err == nil {
				out[n] = append(out[n], block)
			}
		}
	}
	return out
}

// Every key event drawn on the ensemble's charts has a tooltip with its
// date, its label and in how many runs it happened, as counted here
// from every run; the interests figure draws every event the plots
// label, so each must have one there.
func TestSVGEventTooltipsGiveShareOfRuns(t *testing.T) {
	cases := []struct {
		name    string
		make    func() (*Report, []*Collector)
		partial bool   // some event happened in only some runs
		want    string // in some tooltip of each figure
	}{
		{"default scenario, 5 runs", func() (*Report, []*Collector) { return defaultEnsemble(t, 5) }, false,
			"Russia-Georgia war\nRussia: attack → Georgia\nHappened in 5 of 5 runs (100 %)"},
		{"sample, a war won in 2 of 4 runs", sampleWithVictory, true,
			"Karabakh ends in victory\nAzerbaijan: victory → karabakh, ended\nHappened in 2 of 4 runs (50 %); the date is run 0's"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r, all := tc.make()
			sawPartial := false
			for _, f := range figures(t, r) {
				_, spots, _ := renderSVG(t, f.d, f.w, f.h)
				blocks := eventBlocks(spots)
				if !strings.Contains(fmt.Sprint(blocks), tc.want) {
					t.Errorf("%s: no tooltip says %q", f.name, tc.want)
				}
				for _, m := range shownMarkers(keyMarkers(r)) {
					got := blocks[m.number]
					if len(got) == 0 && f.name == "interests" {
						t.Errorf("%s: no tooltip for event %d (%s)", f.name, m.number, m.label)
					}
					n := runsWithEvent(all, m.d)
					sawPartial = sawPartial || n < r.Runs
					head := fmt.Sprintf("Key event %d · %s\n%s\n", m.number, m.d.Label, eventLabel(m.d))
					share := fmt.Sprintf("Happened in %d of %d runs (%.0f %%)", n, r.Runs, 100*float64(n)/float64(r.Runs))
					for _, b := range got {
						if !strings.HasPrefix(b, head) || !strings.Contains(b, share) {
							t.Errorf("%s: event %d's tooltip\n%s\nwant it to start %q and say %q", f.name, m.number, b, head, share)
						}
					}
				}
			}
			if sawPartial != tc.partial {
				t.Errorf("an event in only some runs: %v, want %v", sawPartial, tc.partial)
			}
		})
	}
}

// Names and notes with XML's special characters reach the tooltip as
// written, escaped in the file.
func TestSVGTooltipsAreEscaped(t *testing.T) {
	r := tinyReport()
	r.Scenario.Agents[0].Name = `Azerbaijan <AZ> & "co"`
	for _, f := range figures(t, r) {
		raw, spots, _ := renderSVG(t, f.d, f.w, f.h)
		if bytes.Contains(raw, []byte("<AZ>")) {
			t.Errorf("%s: a name is written unescaped", f.name)
		}
		var name, note bool
		for _, s := range spots {
			name = name || strings.Contains(s.title, `Azerbaijan <AZ> & "co"`)
			note = note || strings.Contains(s.title, `Contract "of the Century", signed`)
		}
		if !name || !note {
			t.Errorf("%s: the name (%v) or the note (%v) is not read back as written", f.name, name, note)
		}
	}
}

// A line's tooltips sit on the line, inside the data area, and give the
// median and the middle 50 % and 90 % of runs at their turn, as the
// statistics have them; event tooltips stay in the data area, or in the
// strip of numbers above it.
func TestSVGLineTooltipsSitOnTheirLines(t *testing.T) {
	r := sampleReport(3)
	p, err := PlotAlignment(r)
	if err != nil {
		t.Fatal(err)
	}
	_, spots, height := renderSVG(t, p, AlignmentWidth, AlignmentHeight)
	full := draw.Canvas{Rectangle: vg.Rectangle{Max: vg.Point{X: AlignmentWidth, Y: AlignmentHeight}}}
	dc := p.DataCanvas(full)
	trX, trY := p.Transforms(&dc)
	inside := func(x, y float64) bool {
		const e = 0.1 // the SVG's coordinates are rounded to a tenth
		return x >= dc.Min.X.Points()-e && x <= dc.Max.X.Points()+e && y >= dc.Min.Y.Points()-e && y <= dc.Max.Y.Points()+e
	}
	for _, s := range spots {
		switch {
		case s.kind == "circle" && !inside(s.x, height-s.y):
			t.Errorf("circle at %v,%v outside the data area %v", s.x, height-s.y, dc.Rectangle)
		case s.kind == "rect" && !inside(s.x, height-s.y-s.h) && !(s.y+s.h <= height-dc.Max.Y.Points()+0.1 && s.y >= 0):
			t.Errorf("rectangle %+v neither in the data area nor in the strip above it", s)
		}
	}
	st, err := r.stats()
	if err != nil {
		t.Fatal(err)
	}
	b := r.band("AZE", "alignment")
	for _, i := range []int{0, len(b.x) / 2, len(b.x) - 1} {
		c, _ := st.At(i, "AZE", "alignment")
		head := r.Scenario.AgentName("AZE") + " · " + b.label[i] + "\n"
		found := false
		for _, s := range spots {
			if s.kind != "circle" || !strings.HasPrefix(s.title, head) {
				continue
			}
			found = true
			if dx, dy := s.x-trX(b.x[i]).Points(), height-s.y-trY(b.mid[i]).Points(); math.Abs(dx) > 0.06 || math.Abs(dy) > 0.06 {
				t.Errorf("%s: tooltip %v,%v off its point by %v,%v", head, s.x, s.y, dx, dy)
			}
			for _, want := range []string{
				fmt.Sprintf("median of 3 runs: %s", alignmentValue(c.Q[2])),
				fmt.Sprintf("middle 50 %% of runs: %s to %s", alignmentValue(c.Q[1]), alignmentValue(c.Q[3])),
				fmt.Sprintf("middle 90 %%: %s to %s", alignmentValue(c.Q[0]), alignmentValue(c.Q[4])),
			} {
				if !strings.Contains(s.title, want) {
					t.Errorf("tooltip %q lacks %q", s.title, want)
				}
			}
		}
		if !found {
			t.Errorf("no tooltip starts %q", head)
		}
	}
}

// The interests figure has one tooltip a turn on each of its three
// panels' lines, each within the panels' data area from left to right
// and inside the figure.
func TestSVGInterestsTooltipsInsidePanels(t *testing.T) {
	r := sampleReport(3)
	f, err := PlotInterests(r)
	if err != nil {
		t.Fatal(err)
	}
	_, spots, height := renderSVG(t, f, InterestsWidth, InterestsHeight)
	dc := f.dataCanvas(0, InterestsWidth, InterestsHeight)
	circles := 0
	for _, s := range spots {
		if s.kind != "circle" {
			continue
		}
		circles++
		if s.x < dc.Min.X.Points()-0.1 || s.x > dc.Max.X.Points()+0.1 || s.y < 0 || s.y > height {
			t.Errorf("circle at %v,%v outside the panels (x %v to %v, height %v)", s.x, s.y, dc.Min.X, dc.Max.X, height)
		}
	}
	if want := 3 * len(r.band("AZE", "security").x); circles != want {
		t.Errorf("%d tooltips on the lines, want %d", circles, want)
	}
}

// With a single run, the focal state's tooltips say what it chose and
// why: its expected gain and the probability of the choice; an
// ensemble's lines are medians, and say nothing of the kind.
func TestSVGSingleRunTooltipsGiveReasons(t *testing.T) {
	sc, _, _, err := scenarios.Open(scenarios.Default)
	if err != nil {
		t.Fatal(err)
	}
	c := NewCollector(sc, 0)
	if err := sim.Run(sc, sim.Options{Seed: 1}, c); err != nil {
		t.Fatal(err)
	}
	r := &Report{Scenario: sc, Runs: 1, Collectors: []*Collector{c}}
	p, err := PlotAlignment(r)
	if err != nil {
		t.Fatal(err)
	}
	_, spots, _ := renderSVG(t, p, AlignmentWidth, AlignmentHeight)
	checked := 0
	for _, d := range c.Decisions() {
		if d.Actor != sc.Focal || d.Source != sim.ByAgent || d.Probability >= 1 {
			continue
		}
		gain := strings.Replace(fmt.Sprintf("%+.1f", 1000*d.Gain()), "-", "−", 1)
		want := []string{
			sc.AgentName(d.Actor) + ": " + strings.ReplaceAll(d.Action, "_", " "),
			"why: expected gain " + gain + " points",
			fmt.Sprintf("chosen with probability %.0f %%", 100*d.Probability),
		}
		head := sc.AgentName(sc.Focal) + " · " + d.Label + "\n"
		ok := false
		for _, s := range spots {
			if strings.HasPrefix(s.title, head) && containsAll(s.title, want) {
				ok = true
			}
		}
		if !ok {
			t.Errorf("no tooltip starting %q says %q", head, want)
		}
		if checked++; checked == 5 {
			break
		}
	}
	if checked == 0 {
		t.Fatal("the focal state chose nothing")
	}
	full, _ := defaultEnsemble(t, 2)
	for _, f := range figures(t, full) {
		_, spots, _ := renderSVG(t, f.d, f.w, f.h)
		for _, s := range spots {
			if strings.Contains(s.title, "why:") {
				t.Fatalf("%s: an ensemble's tooltip gives one run's reasons: %q", f.name, s.title)
			}
		}
	}
}

func containsAll(s string, subs []string) bool {
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			return false
		}
	}
	return true
}

// Marking hotspots draws nothing: the same figure makes exactly the same
// drawing calls on a plain canvas (as for PNG and PDF) and on one that
// keeps hotspots (as for SVG), and the latter does keep some.
func TestHotspotsDrawNothing(t *testing.T) {
	reports := []struct {
		name string
		r    *Report
	}{
		{"tiny 2 runs", tinyReport()},
		{"sample 1 run", sampleReport(1)},
		{"sample 3 runs", sampleReport(3)},
	}
	for _, rc := range reports {
		for i, f := range figures(t, rc.r) {
			t.Run(rc.name+"/"+f.name, func(t *testing.T) {
				plain := &callLog{w: f.w, h: f.h}
				f.d.Draw(draw.New(plain))
				// A fresh figure, as the writers draw each once.
				g := figures(t, rc.r)[i]
				logged := &callLog{w: f.w, h: f.h}
				hc := &hoverCanvas{CanvasSizer: logged}
				g.d.Draw(draw.New(hc))
				if plain.String() != logged.String() {
					t.Error("keeping hotspots changed the drawing")
				}
				if len(hc.spots) == 0 {
					t.Error("no hotspots kept")
				}
			})
		}
	}
}

// callLog is a canvas that writes down every call made on it.
type callLog struct {
	w, h  vg.Length
	calls strings.Builder
}

func (l *callLog) log(format string, a ...any)            { fmt.Fprintf(&l.calls, format+"\n", a...) }
func (l *callLog) String() string                         { return l.calls.String() }
func (l *callLog) Size() (vg.Length, vg.Length)           { return l.w, l.h }
func (l *callLog) SetLineWidth(w vg.Length)               { l.log("width %v", w) }
func (l *callLog) SetLineDash(d []vg.Length, o vg.Length) { l.log("dash %v %v", d, o) }
func (l *callLog) SetColor(c color.Color)                 { l.log("color %v", c) }
func (l *callLog) Rotate(a float64)                       { l.log("rotate %v", a) }
func (l *callLog) Translate(p vg.Point)                   { l.log("translate %v", p) }
func (l *callLog) Scale(x, y float64)                     { l.log("scale %v %v", x, y) }
func (l *callLog) Push()                                  { l.log("push") }
func (l *callLog) Pop()                                   { l.log("pop") }
func (l *callLog) Stroke(p vg.Path)                       { l.log("stroke %v", p) }
func (l *callLog) Fill(p vg.Path)                         { l.log("fill %v", p) }
func (l *callLog) FillString(f font.Face, p vg.Point, s string) {
	l.log("text %v %v %v %q", f.Font, f.Font.Size, p, s)
}
func (l *callLog) DrawImage(r vg.Rectangle, img image.Image) { l.log("image %v", r) }
