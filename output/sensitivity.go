package output

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"caspian/sensitivity"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// SensitivityWidth is the width of the sensitivity figure.
const SensitivityWidth = 9 * vg.Inch

// SensitivityHeight fits the figure's panels: one per output, each as
// tall as its values need.
func SensitivityHeight(s *Sensitivity) vg.Length {
	return vg.Inch*1.6 + vg.Length(len(s.Outputs))*(vg.Inch*0.9+vg.Length(len(s.Params))*vg.Points(20))
}

// Sensitivity is the result of a sensitivity analysis.
type Sensitivity struct {
	Title           string
	Method          string // morris or sobol
	Runs            int
	Samples, Points int
	Params          []CalibrationParam
	Outputs         []SensitivityOutput
}

// SensitivityOutput is one output's effects (Morris) or indices (Sobol).
// Varies is false when the output took one value at every point, and
// then neither is set.
type SensitivityOutput struct {
	Name    string
	Varies  bool
	Effects []sensitivity.Effect
	Indices []sensitivity.Index
}

// WriteSensitivity writes sensitivity.csv: a row per output and value.
func WriteSensitivity(w io.Writer, s *Sensitivity) error {
	cw := csv.NewWriter(w)
	if s.Method == "morris" {
		cw.Write([]string{"output", "value", "lo", "hi", "mu", "mu_star", "sigma"})
	} else {
		cw.Write([]string{"output", "value", "lo", "hi", "first", "first_lo", "first_hi", "total", "total_lo", "total_hi"})
	}
	for _, o := range s.Outputs {
		for i, p := range s.Params {
			row := []string{o.Name, p.Path, csvNumber(p.Lo), csvNumber(p.Hi)}
			switch {
			case !o.Varies && s.Method == "morris":
				row = append(row, "0", "0", "0")
			case !o.Varies:
				row = append(row, "", "", "", "", "", "")
			case s.Method == "morris":
				e := o.Effects[i]
				row = append(row, csvNumber(e.Mu), csvNumber(e.MuStar), csvNumber(e.Sigma))
			default:
				x := o.Indices[i]
				row = append(row, csvNumber(x.First), csvNumber(x.FirstLo), csvNumber(x.FirstHi),
					csvNumber(x.Total), csvNumber(x.TotalLo), csvNumber(x.TotalHi))
			}
			cw.Write(row)
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteDesign writes design.csv: every point's values and outputs.
func WriteDesign(w io.Writer, header []string, points, outputs [][]float64) error {
	cw := csv.NewWriter(w)
	cw.Write(header)
	for k, x := range points {
		row := []string{strconv.Itoa(k)}
		for _, v := range x {
			row = append(row, strconv.FormatFloat(v, 'g', -1, 64))
		}
		for _, v := range outputs[k] {
			row = append(row, csvNumber(v))
		}
		cw.Write(row)
	}
	cw.Flush()
	return cw.Error()
}

// WriteSensitivityText prints the analysis as a table, values ranked by
// μ* or by the total index within each output.
func WriteSensitivityText(w io.Writer, s *Sensitivity) {
	width := 0
	for _, p := range s.Params {
		width = max(width, len(p.Path))
	}
	for _, o := range s.Outputs {
		fmt.Fprintf(w, "\n%s:\n", o.Name)
		if !o.Varies {
			fmt.Fprintf(w, "  the same at every point: none of the values moves it\n")
			continue
		}
		for _, i := range rankOrder(s, o) {
			if s.Method == "morris" {
				e := o.Effects[i]
				fmt.Fprintf(w, "  %-*s  μ* %s  σ %s  μ %s\n", width, s.Params[i].Path, Format(e.MuStar), Format(e.Sigma), Format(e.Mu))
			} else {
				x := o.Indices[i]
				fmt.Fprintf(w, "  %-*s  S %5.2f [%5.2f, %5.2f]   ST %5.2f [%5.2f, %5.2f]\n", width, s.Params[i].Path,
					x.First, x.FirstLo, x.FirstHi, x.Total, x.TotalLo, x.TotalHi)
			}
		}
	}
	if s.Method == "morris" {
		fmt.Fprintf(w, "\nμ*: the mean absolute change of the output over the value's whole range (measured in steps of 2/3 of it); σ: how much that change varies with the other values; μ: its mean, with its sign.\n")
	} else {
		fmt.Fprintf(w, "\nS: the share of the output's variance the value explains alone; ST: with all its interactions; brackets: 95 %% bootstrap intervals.\n")
	}
}

// rankOrder lists the values of output o, most influential first.
func rankOrder(s *Sensitivity, o SensitivityOutput) []int {
	idx := make([]int, len(s.Params))
	key := make([]float64, len(s.Params))
	for i := range idx {
		idx[i] = i
		if !o.Varies {
			continue
		}
		if s.Method == "morris" {
			key[i] = o.Effects[i].MuStar
		} else {
			key[i] = o.Indices[i].Total
		}
		if math.IsNaN(key[i]) {
			key[i] = math.Inf(-1)
		}
	}
	for a := 1; a < len(idx); a++ {
		for b := a; b > 0 && key[idx[b]] > key[idx[b-1]]; b-- {
			idx[b], idx[b-1] = idx[b-1], idx[b]
		}
	}
	return idx
}

// PlotSensitivity draws one panel per output: for Morris, a bar of μ*
// per value with σ as a thin bar; for Sobol, bars of S and ST with their
// intervals. Values are ranked within each panel.
func PlotSensitivity(s *Sensitivity) (Drawer, error) {
	if len(s.Outputs) == 0 {
		return nil, errors.New("sensitivity plot: no outputs")
	}
	var panels []*plot.Plot
	for _, o := range s.Outputs {
		p := newPlot()
		p.Title.Text = o.Name
		p.Title.TextStyle.Font = boldFont(11)
		order := rankOrder(s, o)
		k := len(order)
		names := make([]string, k)
		for row, i := range order {
			names[k-1-row] = s.Params[i].Path
		}
		p.NominalY(names...)
		p.Y.Tick.Label.Font = sansFont(9)
		if !o.Varies {
			p.X.Label.Text = "the output is the same at every point"
			p.X.Min, p.X.Max = 0, 1
			panels = append(panels, p)
			continue
		}
		first, second := make(plotter.Values, k), make(plotter.Values, k)
		var whiskers []whisker
		for row, i := range order {
			y := k - 1 - row
			if s.Method == "morris" {
				first[y], second[y] = o.Effects[i].MuStar, o.Effects[i].Sigma
			} else {
				x := o.Indices[i]
				first[y], second[y] = clampNaN(x.Total), clampNaN(x.First)
				whiskers = append(whiskers, whisker{y: float64(y) + 0.18, lo: x.TotalLo, hi: x.TotalHi},
					whisker{y: float64(y) - 0.18, lo: x.FirstLo, hi: x.FirstHi})
			}
		}
		a, err := plotter.NewBarChart(first, vg.Points(9))
		if err != nil {
			return nil, fmt.Errorf("sensitivity plot: %w", err)
		}
		b, err := plotter.NewBarChart(second, vg.Points(9))
		if err != nil {
			return nil, fmt.Errorf("sensitivity plot: %w", err)
		}
		a.Horizontal, b.Horizontal = true, true
		a.Color, b.Color = palette[0], palette[1]
		a.LineStyle.Width, b.LineStyle.Width = 0, 0
		a.Offset, b.Offset = vg.Points(5), vg.Points(-5)
		p.Add(a, b)
		if s.Method == "morris" {
			p.Legend.Add("μ*: mean absolute effect", a)
			p.Legend.Add("σ: spread of the effect", b)
			p.X.Label.Text = "change of the output over the value's whole range"
		} else {
			p.Add(whiskerPlot(whiskers))
			p.Legend.Add("ST: total index (with interactions)", a)
			p.Legend.Add("S: first-order index (alone)", b)
			p.X.Label.Text = "share of the output's variance"
			p.X.Min, p.X.Max = math.Min(0, p.X.Min), math.Max(1, p.X.Max)
			p.Add(vline{x: 0, y0: -0.5, y1: float64(k) - 0.5, style: draw.LineStyle{Color: mutedText, Width: vg.Points(0.8)}})
		}
		// The least influential values are ranked last, at the bottom,
		// where their short bars leave room for the legend.
		p.Legend.Top = false
		p.Legend.TextStyle.Font = sansFont(9)
		p.X.Label.TextStyle.Font = sansFont(9)
		panels = append(panels, p)
	}
	note := fmt.Sprintf("Morris elementary effects: %d trajectories, %d points; each point the mean of %d runs with the same random draws.", s.Samples, s.Points, s.Runs)
	if s.Method == "sobol" {
		note = fmt.Sprintf("Sobol indices (Saltelli sampling, Jansen totals): %d base samples, %d points; each point the mean of %d runs with the same random draws. Lines: 95 %% bootstrap intervals. Estimates can fall below 0 or above 1 by sampling error, and the runs' own variation, which no value explains, adds to every total index; more samples (--samples) and runs narrow them.", s.Samples, s.Points, s.Runs)
	}
	var vals []string
	for _, p := range s.Params {
		vals = append(vals, fmt.Sprintf("%s %s to %s", p.Path, Format(p.Lo), Format(p.Hi)))
	}
	subtitle := "Ranges: " + strings.Join(vals, "; ")
	if len(subtitle) > 120 {
		// Too many to list on one line: the table has them.
		subtitle = fmt.Sprintf("%d values, each over its range (sensitivity.csv lists them)", len(s.Params))
	}
	return &Figure{
		Title:         "Which values the outcomes of " + s.Title + " depend on",
		Subtitle:      subtitle,
		Panels:        panels,
		Footnote:      note,
		FootnoteLines: 4,
	}, nil
}

func clampNaN(v float64) float64 {
	if math.IsNaN(v) {
		return 0
	}
	return v
}

// whisker is an interval drawn across a bar.
type whisker struct{ y, lo, hi float64 }

// whiskerPlot draws intervals as thin horizontal lines with end ticks.
type whiskerPlot []whisker

func (w whiskerPlot) Plot(c draw.Canvas, p *plot.Plot) {
	tx, ty := p.Transforms(&c)
	style := draw.LineStyle{Color: mutedText, Width: vg.Points(1)}
	for _, x := range w {
		if math.IsNaN(x.lo) || math.IsNaN(x.hi) {
			continue
		}
		y := ty(x.y)
		c.StrokeLine2(style, tx(x.lo), y, tx(x.hi), y)
		c.StrokeLine2(style, tx(x.lo), y-vg.Points(3), tx(x.lo), y+vg.Points(3))
		c.StrokeLine2(style, tx(x.hi), y-vg.Points(3), tx(x.hi), y+vg.Points(3))
	}
}

// DataRange makes the intervals count toward the axis range.
func (w whiskerPlot) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, xmax = math.Inf(1), math.Inf(-1)
	ymin, ymax = math.Inf(1), math.Inf(-1)
	for _, x := range w {
		if !math.IsNaN(x.lo) {
			xmin = math.Min(xmin, x.lo)
		}
		if !math.IsNaN(x.hi) {
			xmax = math.Max(xmax, x.hi)
		}
		ymin, ymax = math.Min(ymin, x.y), math.Max(ymax, x.y)
	}
	return
}
