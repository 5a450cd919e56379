package output

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"caspian/scenarios"
	"caspian/sim"

	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/recorder"
)

// box is a label's rectangle, for overlap checks.
type box struct {
	text                   string
	minX, minY, maxX, maxY vg.Length
}

func (a box) intersects(b box) bool {
	return a.minX < b.maxX && b.minX < a.maxX && a.minY < b.maxY && b.minY < a.maxY
}

func (a box) String() string {
	return fmt.Sprintf("%q [%.1f, %.1f]×[%.1f, %.1f]", a.text, a.minX, a.maxX, a.minY, a.maxY)
}

func TestLayoutNumbers(t *testing.T) {
	p := newPlot()
	sty := numberStyle(p)
	rowH := numberRowHeight(p)
	textH := sty.Height("0")
	const lo, hi = vg.Length(100), vg.Length(500)
	gap := vg.Points(numberGap)
	one := sty.Width("0") // about 5 points: a quarter on a 30-year axis is less

	type event struct {
		n int
		x vg.Length
	}
	seq := func(from int, xs ...vg.Length) []event {
		out := make([]event, len(xs))
		for i, x := range xs {
			out[i] = event{from + i, x}
		}
		return out
	}
	cases := []struct {
		name     string
		events   []event
		rows     int
		wantText []string // the labels in order, when checked
	}{
		{"apart", seq(1, 120, 200, 300), 4, []string{"1", "2", "3"}},
		{"same x, two", seq(12, 300, 300), 4, []string{"12", "13"}},
		{"same x, rows run out", seq(1, 300, 300, 300, 300, 300, 300), 4, []string{"1", "2", "3", "4–6"}},
		{"same x, one row", seq(12, 300, 300), 1, []string{"12–13"}},
		{"adjacent quarters", seq(8, 300, 300+one/2, 300+one, 300+3*one/2), 4, nil},
		{"adjacent quarters, rows run out", seq(8, 300, 300+one/2, 300+one, 300+3*one/2, 300+2*one, 300+5*one/2), 4, nil},
		// Events 11, 12 and 13 in 2024-Q4, 2025-Q2 and 2025-Q2 at the end
		// of the data, as in the moscow-pressure scenario.
		{"right edge", seq(10, hi-40, hi-2*one, hi, hi), 4, nil},
		{"right edge, past it", seq(98, hi-1, hi+20), 4, []string{"98", "99"}},
		{"left edge", seq(1, lo, lo, lo+1), 4, nil},
		{"gap in the numbers", []event{{5, 300}, {6, 300}, {8, 300}}, 1, []string{"5–6,8"}},
		{"crowded", seq(1, 110, 112, 114, 116, 118, 120, 122, 124, 126, 128, 130, 132, 134, 136, 138, 140, 142, 144, 146, 148), 2, nil},
		{"three digits", seq(99, 300, 302, 304, 306), 2, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			nums := make([]int, len(tc.events))
			xs := make([]vg.Length, len(tc.events))
			for i, e := range tc.events {
				nums[i], xs[i] = e.n, e.x
			}
			labels := layoutNumbers(nums, xs, sty.Width, lo, hi, gap, tc.rows)

			var got []string
			var covered []int
			boxes := make([]box, len(labels))
			for i, l := range labels {
				got = append(got, l.text)
				covered = append(covered, l.nums...)
				if l.text != numberRange(l.nums) {
					t.Errorf("label %q stands for %v", l.text, l.nums)
				}
				if w := sty.Width(l.text); l.width != w {
					t.Errorf("label %q is %.2f wide, measured %.2f", l.text, l.width, w)
				}
				if l.row < 0 || l.row >= tc.rows {
					t.Errorf("label %q in row %d of %d", l.text, l.row, tc.rows)
				}
				b := box{text: l.text, minX: l.left(), maxX: l.right(), minY: vg.Length(l.row) * rowH}
				b.maxY = b.minY + textH
				if b.minX < lo-1e-9 || b.maxX > hi+1e-9 {
					t.Errorf("label %v outside the strip [%v, %v]", b, lo, hi)
				}
				boxes[i] = b
			}
			if !slices.Equal(covered, nums) {
				t.Errorf("labels stand for %v, want each of %v once, in order", covered, nums)
			}
			for i := range boxes {
				for j := i + 1; j < len(boxes); j++ {
					a, b := boxes[i], boxes[j]
					// Widen one box by the gap: labels must not even touch.
					a.minX -= gap - 1e-9
					a.maxX += gap - 1e-9
					if a.intersects(b) {
						t.Errorf("labels %v and %v overlap", boxes[i], boxes[j])
					}
				}
			}
			if tc.wantText != nil && !slices.Equal(got, tc.wantText) {
				t.Errorf("labels %q, want %q", got, tc.wantText)
			}
			// Far enough apart, every number gets its own label.
			if tc.name == "adjacent quarters" || tc.name == "right edge" || tc.name == "left edge" {
				if len(labels) != len(nums) {
					t.Errorf("labels %q: numbers merged with rows to spare", got)
				}
			}
		})
	}
}

func TestNumberRange(t *testing.T) {
	for _, tc := range []struct {
		in   []int
		want string
	}{
		{[]int{7}, "7"},
		{[]int{12, 13}, "12–13"},
		{[]int{3, 4, 5}, "3–5"},
		{[]int{6, 8}, "6,8"},
		{[]int{1, 2, 4, 6, 7}, "1–2,4,6–7"},
	} {
		if got := numberRange(tc.in); got != tc.want {
			t.Errorf("numberRange(%v) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// crowdedReport is sampleReport(runs) with its key events replaced by
// ones that crowd together: several in the first quarter, pairs in the
// same and in adjacent quarters, and some in the last quarter, at the
// right edge of the data.
func crowdedReport(runs int) *Report {
	r := sampleReport(runs)
	c := r.Collectors[0]
	last := c.snapshots[len(c.snapshots)-1].Turn
	c.decisions = slices.DeleteFunc(c.decisions, func(d sim.Decision) bool { return d.Key })
	for i, turn := range []int{0, 0, 0, 1, 60, 60, 61, last - 2, last - 1, last - 1, last, last} {
		c.decisions = append(c.decisions, sim.Decision{
			Run: 0, Turn: turn, Label: r.Scenario.Calendar.Label(turn), Source: sim.Scheduled,
			Actor: "AZE", Action: "note", Outcome: "done", Key: true,
			Note: fmt.Sprintf("Crowded event %d", i+1),
		})
	}
	return r
}

// drawnText records d drawn w by h and returns the box of every string.
func drawnText(d Drawer, w, h vg.Length) []box {
	rec := &recorder.Canvas{}
	d.Draw(draw.NewCanvas(rec, w, h))
	var out []box
	for _, a := range rec.Actions {
		s, ok := a.(*recorder.FillString)
		if !ok {
			continue
		}
		face := font.DefaultCache.Lookup(s.Font, s.Size)
		e := face.Extents()
		out = append(out, box{
			text: s.String,
			minX: s.Point.X, maxX: s.Point.X + face.Width(s.String),
			minY: s.Point.Y - e.Descent, maxY: s.Point.Y + e.Ascent,
		})
	}
	return out
}

// stripText returns the boxes of the numbers in the strip above data,
// and all the other text.
func stripText(all []box, data draw.Canvas) (strip, other []box) {
	for _, b := range all {
		if b.minY >= data.Max.Y && b.minX >= data.Min.X-vg.Points(10) && isNumberLabel(b.text) {
			strip = append(strip, b)
		} else {
			other = append(other, b)
		}
	}
	return strip, other
}

// labelNumbers reads back the numbers a label such as "3–5,8" stands
// for.
func labelNumbers(t *testing.T, s string) []int {
	t.Helper()
	var out []int
	for _, part := range strings.Split(s, ",") {
		a, b, isRange := strings.Cut(part, "–")
		lo, err := strconv.Atoi(a)
		if err != nil {
			t.Fatalf("label %q: %v", s, err)
		}
		hi := lo
		if isRange {
			if hi, err = strconv.Atoi(b); err != nil {
				t.Fatalf("label %q: %v", s, err)
			}
		}
		for n := lo; n <= hi; n++ {
			out = append(out, n)
		}
	}
	return out
}

func isNumberLabel(s string) bool {
	for _, r := range s {
		if (r < '0' || r > '9') && r != ',' && r != '–' {
			return false
		}
	}
	return s != ""
}

// checkStrip fails if a number in the strip overlaps any other text or
// lies outside [lo, hi].
func checkStrip(t *testing.T, strip, other []box, lo, hi vg.Length) {
	t.Helper()
	if len(strip) == 0 {
		t.Fatal("no event numbers drawn")
	}
	for i, a := range strip {
		if a.minX < lo-0.01 || a.maxX > hi+0.01 {
			t.Errorf("number %v outside [%.1f, %.1f]", a, lo, hi)
		}
		for _, b := range strip[i+1:] {
			if a.intersects(b) {
				t.Errorf("numbers %v and %v overlap", a, b)
			}
		}
		for _, b := range other {
			if a.intersects(b) {
				t.Errorf("number %v overlaps %v", a, b)
			}
		}
	}
}

func TestEventNumbersDoNotCollide(t *testing.T) {
	for _, runs := range []int{1, 3} {
		r := crowdedReport(runs)
		t.Run(fmt.Sprintf("alignment/%d runs", runs), func(t *testing.T) {
			p, err := PlotAlignment(r)
			if err != nil {
				t.Fatal(err)
			}
			full := draw.Canvas{Rectangle: vg.Rectangle{Max: vg.Point{X: AlignmentWidth, Y: AlignmentHeight}}}
			data := p.DataCanvas(full)
			trX, _ := p.Transforms(&data)
			first, last := yearRange(r)
			pad := math.Max(0.25, (last-first)*0.01)
			strip, other := stripText(drawnText(p, AlignmentWidth, AlignmentHeight), data)
			// The numbers stop at the end of the data, short of the sidebar.
			checkStrip(t, strip, other, data.Min.X, trX(last+pad))
		})
		t.Run(fmt.Sprintf("interests/%d runs", runs), func(t *testing.T) {
			f, err := PlotInterests(r)
			if err != nil {
				t.Fatal(err)
			}
			all := drawnText(f, InterestsWidth, InterestsHeight)
			// Panel 0's data area as drawn, rather than as measured.
			data := f.dataCanvas(0, InterestsWidth, InterestsHeight)
			var top vg.Length
			for _, b := range all {
				if b.text == "1" && b.maxX < data.Min.X { // the top tick label of the security panel
					top = max(top, (b.minY+b.maxY)/2)
				}
			}
			data.Max.Y = top
			strip, other := stripText(all, data)
			checkStrip(t, strip, other, data.Min.X, data.Max.X)
			var shown []int
			for _, m := range shownMarkers(keyMarkers(r)) {
				shown = append(shown, m.number)
			}
			var drawn []int
			for _, b := range strip {
				drawn = append(drawn, labelNumbers(t, b.text)...)
			}
			slices.Sort(drawn)
			if !slices.Equal(drawn, shown) {
				t.Errorf("numbers drawn %v, want %v", drawn, shown)
			}
		})
	}
}

// Drawn narrower than intended, a plot keeps the rows of numbers it was
// given, and its numbers still merge rather than overlap.
func TestEventNumbersNarrowCanvas(t *testing.T) {
	p, err := PlotAlignment(crowdedReport(1))
	if err != nil {
		t.Fatal(err)
	}
	w, h := AlignmentWidth*6/10, AlignmentHeight
	data := p.DataCanvas(draw.Canvas{Rectangle: vg.Rectangle{Max: vg.Point{X: w, Y: h}}})
	strip, other := stripText(drawnText(p, w, h), data)
	checkStrip(t, strip, other, data.Min.X, data.Max.X)
	var n int
	for _, b := range strip {
		n += len(labelNumbers(t, b.text))
	}
	if n != 12 || len(strip) == 12 {
		t.Errorf("%d labels for %d numbers, want 12 numbers, some merged", len(strip), n)
	}
}

// The plots label the key events that moved the focal state most: no
// hidden event moved it further than a labelled one. On the shipped
// scenario, the 2008 Russia-Georgia war is among them.
func TestMarkersRankByMove(t *testing.T) {
	sc, _, _, err := scenarios.Open(scenarios.Default)
	if err != nil {
		t.Fatal(err)
	}
	c := NewCollector(sc, 0)
	if err := sim.Run(sc, sim.Options{Seed: 1}, c); err != nil {
		t.Fatal(err)
	}
	r := &Report{Scenario: sc, Runs: 1, Collectors: []*Collector{c}}
	ms := keyMarkers(r)
	if len(ms) <= maxMarkers {
		t.Fatalf("only %d key events: nothing to rank", len(ms))
	}
	least, most := math.Inf(1), 0.0
	war := false
	focal := focalAlignments(r, c)
	for _, m := range ms {
		move := focalMove(focal, m.d.Turn)
		if m.shown {
			least = min(least, move)
			war = war || strings.Contains(m.label, "Russia-Georgia war")
		} else {
			most = max(most, move)
		}
	}
	if most > least {
		t.Errorf("a hidden event moved %s by %v, more than a labelled one (%v)", sc.Focal, most, least)
	}
	if !war {
		t.Error("the 2008 Russia-Georgia war is not labelled on the default plots")
	}
}

// On an ensemble's plots, a key event that is not scheduled (a war won)
// says in how many of the runs it happened; a dated one does not, and a
// single run's plots say nothing of the kind.
func TestMarkersShareOfRuns(t *testing.T) {
	for _, runs := range []int{1, 4} {
		r := sampleReport(runs)
		// A victory in runs 0 and 2 only.
		for _, run := range []int{0, 2} {
			if run >= runs {
				continue
			}
			r.Collectors[run].Decision(&sim.Decision{Run: run, Turn: 100, Label: r.Scenario.Calendar.Label(100), Source: sim.ByRule,
				Actor: "AZE", Action: "victory", Target: "karabakh", Outcome: "ended", Note: "Karabakh ends in victory", Key: true})
		}
		var victory, dated string
		for _, m := range keyMarkers(r) {
			if m.d.Action == "victory" {
				victory = m.label
			} else if dated == "" {
				dated = m.label
			}
		}
		want := "Karabakh ends in victory"
		if runs > 1 {
			want = "in 50 % of runs: " + want
		}
		if victory != want || strings.Contains(dated, "of runs") {
			t.Errorf("%d runs: victory labelled %q, want %q; a dated event %q", runs, victory, want, dated)
		}
	}
}

// A paths figure (compare, exercise and debrief plots) numbers its event
// markers and lists every one it draws, with its number, in the
// footnote.
func TestPathsListTheirMarkers(t *testing.T) {
	r := sampleReport(3)
	d, err := PlotPaths(Paths{Scenario: r.Scenario, Agent: "AZE", Title: "t", Marks: true,
		Sets: []PathSet{{Label: "a", Runs: r.Collectors}}})
	if err != nil {
		t.Fatal(err)
	}
	f := d.(*legendFigure)
	if f.fig.TopStrip <= 0 {
		t.Error("no strip of numbers above the top panel")
	}
	for _, m := range shownMarkers(keyMarkers(r)) {
		if want := fmt.Sprintf("%d %s %s", m.number, m.d.Label, m.label); !strings.Contains(f.footnote, want) {
			t.Errorf("the footnote does not list %q: %s", want, f.footnote)
		}
	}
}
