package output

import (
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
)

// yearTicks marks whole years between lo and hi only, so axes stretched
// for a sidebar or padding show no ticks where there is no data.
type yearTicks struct{ lo, hi float64 }

// Ticks returns a labelled tick every few years and a minor tick every
// year.
func (t yearTicks) Ticks(_, _ float64) []plot.Tick {
	first, last := math.Ceil(t.lo), math.Floor(t.hi)
	step := 1.0
	switch span := last - first; {
	case span > 60:
		step = 10
	case span > 24:
		step = 5
	case span > 10:
		step = 2
	}
	var ticks []plot.Tick
	for y := first; y <= last; y++ {
		tk := plot.Tick{Value: y}
		if math.Mod(y, step) == 0 {
			tk.Label = strconv.Itoa(int(y))
		}
		ticks = append(ticks, tk)
	}
	return ticks
}

// fixedTicks places labelled ticks at given values.
type fixedTicks []plot.Tick

// Ticks returns the fixed ticks whatever the range.
func (f fixedTicks) Ticks(_, _ float64) []plot.Tick { return f }

// alignmentTicks labels the axis from -1 to +1, with the middle named.
func alignmentTicks(middle string) fixedTicks {
	return fixedTicks{
		{Value: -1, Label: "−1"},
		{Value: -0.5, Label: "−0.5"},
		{Value: 0, Label: middle},
		{Value: 0.5, Label: "+0.5"},
		{Value: 1, Label: "+1"},
	}
}

// linearTicks gives about n labelled ticks from 0 to max at round steps.
func linearTicks(max float64, n int) fixedTicks {
	if max <= 0 {
		max = 1
	}
	raw := max / float64(n)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := mag
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*mag >= raw {
			step = m * mag
			break
		}
	}
	var out fixedTicks
	for i := 0; float64(i)*step <= max*(1+1e-9); i++ {
		v := float64(i) * step
		out = append(out, plot.Tick{Value: v, Label: trimFloat(v)})
	}
	return out
}

// trimFloat writes a tick value without trailing zeros.
func trimFloat(v float64) string {
	s := strconv.FormatFloat(v, 'f', 2, 64)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

// gap joins label parts with no-break spaces, which SVG viewers keep
// where they would collapse a run of ordinary spaces into one.
func gap(n int) string { return strings.Repeat("\u00a0", n) }

// alignmentAxisLabel names the poles at the ends of the alignment axis.
func alignmentAxisLabel(neg, pos string) string {
	return "←" + gap(1) + neg + gap(1) + "(−1)" + gap(6) + "alignment" + gap(6) + pos + gap(1) + "(+1)" + gap(1) + "→"
}
