package output

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"image/color"
	"io"
	"math"
	"slices"
	"strconv"

	"gonum.org/v1/plot"
	plotpalette "gonum.org/v1/plot/palette"
	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Sizes of the sweep figures.
const (
	ResponseWidth  = 8 * vg.Inch
	ResponseHeight = 9 * vg.Inch
	HeatmapWidth   = 9 * vg.Inch
	HeatmapHeight  = 7 * vg.Inch
)

// SweepParam is a swept parameter as summary.json records it.
type SweepParam struct {
	Path   string  `json:"path"`
	Lo     float64 `json:"lo"`
	Hi     float64 `json:"hi"`
	Levels int     `json:"levels,omitempty"`
}

// SweepSummary is the summary.json of a sweep. Everything the merged
// output of shards needs is in it, so that sim merge writes exactly what
// one machine would have written.
type SweepSummary struct {
	Command      string       `json:"command"`
	Scenario     string       `json:"scenario"`
	ScenarioName string       `json:"scenario_name"`
	Title        string       `json:"title"`
	SHA256       string       `json:"sha256"`
	Version      string       `json:"version"`
	Seed         uint64       `json:"seed"`
	Design       string       `json:"design"`
	Params       []SweepParam `json:"params"`
	Points       int          `json:"points"`
	RunsPerPoint int          `json:"runs_per_point"`
	Overrides    []string     `json:"overrides,omitempty"`
	Focal        string       `json:"focal"`
	FocalName    string       `json:"focal_name"`
	// EnergyLabel names the focal agent's energy metric and its unit.
	EnergyLabel   string `json:"energy_label"`
	NegativeLabel string `json:"negative_label"`
	PositiveLabel string `json:"positive_label"`
	// Metric is the focal metric the plot shows.
	Metric  string `json:"plot_metric"`
	Format  string `json:"plot_format"`
	Outputs string `json:"outputs"`
	// Shard and ShardPoints are set in a shard's output only.
	Shard       string   `json:"shard,omitempty"`
	ShardPoints []int    `json:"shard_points,omitempty"`
	SeedRule    string   `json:"seed_rule"`
	RunSeeds    []string `json:"run_seeds"`
}

// SweepSeedRule says how the seeds of a sweep's runs derive.
const SweepSeedRule = "replicate i of every point draws from the PCG stream whose two words, in hexadecimal, are run_seeds[i] (sim.RunSeed), so every point sees the same random draws"

// SweepRunSeeds lists the seeds of replicates 0..n-1.
func SweepRunSeeds(seed uint64, n int) []string { return runSeeds(seed, n) }

// SweepStatHeader are the statistic columns of sweep.csv, after point,
// the parameters, agent and metric.
var SweepStatHeader = []string{"runs", "mean", "sd", "p05", "p25", "p50", "p75", "p95"}

// SweepHeader is the header row of sweep.csv for the given parameters.
func SweepHeader(params []string) []string {
	h := append([]string{"point"}, params...)
	h = append(h, "agent", "metric")
	return append(h, SweepStatHeader...)
}

// SweepTable is sweep.csv as text: the header and the rows in point
// order. Sweeps and merges both write from the text, so a merged sweep
// is byte for byte what one machine would have written.
type SweepTable struct {
	Header []string
	Rows   [][]string
}

// CSVNumber writes a number as every table does, empty when missing.
func CSVNumber(v float64) string { return csvNumber(v) }

// ReadSweepTable reads a sweep.csv.
func ReadSweepTable(r io.Reader) (*SweepTable, error) {
	recs, err := csv.NewReader(r).ReadAll()
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		return nil, errors.New("empty file")
	}
	return &SweepTable{Header: recs[0], Rows: recs[1:]}, nil
}

// WriteSweepTable writes sweep.csv.
func WriteSweepTable(w io.Writer, t *SweepTable) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(t.Header); err != nil {
		return err
	}
	if err := cw.WriteAll(t.Rows); err != nil {
		return err
	}
	return cw.Error()
}

// WriteSweepSummary writes a sweep's summary.json.
func WriteSweepSummary(w io.Writer, s *SweepSummary) error {
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// SweepFiles are the files of a sweep's output folder: sweep.csv,
// summary.json and, for a whole sweep of one or two parameters, the plot
// of the focal metric: response.<fmt> (one parameter) or heatmap.<fmt>
// (two).
func SweepFiles(s *SweepSummary, t *SweepTable) []File {
	files := []File{
		{"sweep.csv", func(w io.Writer) error { return WriteSweepTable(w, t) }},
		{"summary.json", func(w io.Writer) error { return WriteSweepSummary(w, s) }},
	}
	if s.Shard != "" {
		return files
	}
	switch len(s.Params) {
	case 1:
		files = append(files, File{"response." + s.Format, func(w io.Writer) error {
			d, err := PlotResponse(s, t)
			if err != nil {
				return err
			}
			return Render(w, d, ResponseWidth, ResponseHeight, s.Format)
		}})
	case 2:
		files = append(files, File{"heatmap." + s.Format, func(w io.Writer) error {
			d, err := PlotHeatmap(s, t)
			if err != nil {
				return err
			}
			return Render(w, d, HeatmapWidth, HeatmapHeight, s.Format)
		}})
	}
	return files
}

// sweepPoint is the focal agent's statistics of one metric at one point.
type sweepPoint struct {
	x   []float64 // the parameter values
	q   [5]float64
	any bool
}

// sweepPoints reads the focal agent's metric at every point from the
// table.
func sweepPoints(s *SweepSummary, t *SweepTable, metric string) ([]sweepPoint, error) {
	var out []sweepPoint
	for _, rec := range t.Rows {
		r, err := ParseSweepRow(rec, len(s.Params))
		var bad *SweepFieldError
		if errors.As(err, &bad) {
			return nil, fmt.Errorf("sweep.csv: %q is not a number", bad.Text)
		}
		if err != nil {
			return nil, fmt.Errorf("sweep.csv: %w", err)
		}
		if r.Agent != s.Focal || r.Metric != metric {
			continue
		}
		x, err := r.Numbers()
		if err != nil {
			return nil, fmt.Errorf("sweep.csv: %w", err)
		}
		p := sweepPoint{x: x, q: r.Q}
		for _, q := range r.Q {
			p.any = p.any || !math.IsNaN(q)
		}
		out = append(out, p)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("sweep.csv has no rows for %s %s", s.Focal, metric)
	}
	return out, nil
}

// sweepPanels are the response figure's panels: the focal agent's
// alignment, security and energy.
func sweepPanels(s *SweepSummary) []panelSpec {
	unit := func(b band) fixedTicks { return linearTicks(1, 4) }
	one := func(band) float64 { return 1 }
	energy := panelSpec{label: s.EnergyLabel, metric: "energy", ticks: unit, hi: one}
	if s.EnergyLabel != "" && s.EnergyLabel != supplyLabel {
		energy.ticks = func(b band) fixedTicks { return linearTicks(niceMax(b.max()), 4) }
		energy.hi = func(b band) float64 { return niceMax(b.max()) }
	}
	return []panelSpec{
		{label: "alignment at the end", metric: "alignment",
			ticks: func(band) fixedTicks { return poleTicks(s.NegativeLabel, s.PositiveLabel) }, lo: -1, hi: one},
		{label: "security at the end (0–1)", metric: "security", ticks: unit, hi: one},
		energy,
	}
}

// supplyLabel is the energy label of a consumer.
const supplyLabel = "energy: supply security (index 0–1)"

// EnergyLabel is the label of the focal agent's energy metric.
func EnergyLabel(producer bool) string {
	if producer {
		return "energy revenue (USD bn / yr)"
	}
	return supplyLabel
}

// PlotResponse draws how the focal agent's state at the end responds to
// the one swept parameter: for each metric the median across runs as a
// line through the points, with the middle 50 % and 90 % of runs shaded.
func PlotResponse(s *SweepSummary, t *SweepTable) (Drawer, error) {
	if len(s.Params) != 1 {
		return nil, errors.New("response plot: needs exactly one parameter")
	}
	var panels []*plot.Plot
	lo, hi := s.Params[0].Lo, s.Params[0].Hi
	pad := math.Max((hi-lo)*0.02, 1e-9)
	for _, spec := range sweepPanels(s) {
		pts, err := sweepPoints(s, t, spec.metric)
		if err != nil {
			return nil, fmt.Errorf("response plot: %w", err)
		}
		slices.SortStableFunc(pts, func(a, b sweepPoint) int { return cmp.Compare(a.x[0], b.x[0]) })
		var b band
		for _, p := range pts {
			if !p.any {
				continue
			}
			b.x = append(b.x, p.x[0])
			b.lo, b.q25, b.mid, b.q75, b.hi = append(b.lo, p.q[0]), append(b.q25, p.q[1]), append(b.mid, p.q[2]),
				append(b.q75, p.q[3]), append(b.hi, p.q[4])
		}
		p := newPlot()
		p.Y.Label.Text = spec.label
		p.Y.Label.TextStyle.Font = sansFont(10)
		ticks := spec.ticks(b)
		top := spec.hi(b)
		p.Y.Tick.Marker = ticks
		for _, tk := range ticks {
			style := draw.LineStyle{Color: gridColor, Width: vg.Points(0.6)}
			if tk.Value == 0 && spec.lo < 0 {
				style = draw.LineStyle{Color: mutedText, Width: vg.Points(0.9), Dashes: []vg.Length{vg.Points(5), vg.Points(3)}}
			}
			p.Add(hline{x0: lo - pad, x1: hi + pad, y: tk.Value, style: style})
		}
		if len(b.x) > 0 {
			if s.RunsPerPoint > 1 {
				polys, _, err := fanPolygons(b, palette[0])
				if err != nil {
					return nil, fmt.Errorf("response plot: %w", err)
				}
				p.Add(polys...)
			}
			l, err := plotter.NewLine(xys(b.x, b.mid))
			if err != nil {
				return nil, fmt.Errorf("response plot: %w", err)
			}
			l.LineStyle = draw.LineStyle{Color: palette[0], Width: vg.Points(2)}
			sc, err := plotter.NewScatter(xys(b.x, b.mid))
			if err != nil {
				return nil, fmt.Errorf("response plot: %w", err)
			}
			sc.GlyphStyle = draw.GlyphStyle{Color: palette[0], Radius: vg.Points(2.5), Shape: draw.CircleGlyph{}}
			p.Add(l, sc)
		}
		p.X.Min, p.X.Max = lo-pad, hi+pad
		p.Y.Min, p.Y.Max = spec.lo, top
		panels = append(panels, p)
	}
	panels[len(panels)-1].X.Label.Text = s.Params[0].Path
	note := fmt.Sprintf("Each point: %d runs with the same random draws at every point.", s.RunsPerPoint)
	if s.RunsPerPoint > 1 {
		note = fmt.Sprintf("Line: median of %d runs at each point (the same random draws at every point); dark band: middle 50 %% of runs; light band: middle 90 %%.", s.RunsPerPoint)
	}
	return &Figure{
		Title:    s.FocalName + " at the end of the scenario",
		Subtitle: fmt.Sprintf("%s, sweeping %s (%s design, %d points)", s.Title, s.Params[0].Path, s.Design, s.Points),
		Panels:   panels,
		Footnote: note,
	}, nil
}

// heatGrid is a full grid of medians for plotter.HeatMap.
type heatGrid struct {
	xs, ys []float64
	z      [][]float64 // z[c][r]
}

func (g heatGrid) Dims() (c, r int)   { return len(g.xs), len(g.ys) }
func (g heatGrid) Z(c, r int) float64 { return g.z[c][r] }
func (g heatGrid) X(c int) float64    { return g.xs[c] }
func (g heatGrid) Y(r int) float64    { return g.ys[r] }

// PlotHeatmap draws the median across runs of the focal metric at the end
// over the two swept parameters: as a heat map for a grid, as coloured
// points for a Latin hypercube, each labelled with its value, with a
// colour scale beside it. Alignment uses a diverging scale centred on
// the balanced position, the others a sequential one.
func PlotHeatmap(s *SweepSummary, t *SweepTable) (Drawer, error) {
	if len(s.Params) != 2 {
		return nil, errors.New("heat map: needs exactly two parameters")
	}
	metric := s.Metric
	if metric == "" {
		metric = "alignment"
	}
	pts, err := sweepPoints(s, t, metric)
	if err != nil {
		return nil, fmt.Errorf("heat map: %w", err)
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, p := range pts {
		if !math.IsNaN(p.q[2]) {
			lo, hi = math.Min(lo, p.q[2]), math.Max(hi, p.q[2])
		}
	}
	if math.IsInf(lo, 0) {
		lo, hi = 0, 1
	}
	var cm plotpalette.ColorMap
	if metric == "alignment" {
		m := math.Max(math.Max(math.Abs(lo), math.Abs(hi)), 0.05)
		d := moreland.SmoothBlueRed()
		d.SetMin(-m)
		d.SetMax(m)
		cm = plotpalette.Reverse(d) // red toward the negative pole, blue toward the positive
		lo, hi = -m, m
	} else {
		if hi-lo < 1e-9 {
			hi = lo + 1
		}
		cm = moreland.ExtendedBlackBody()
		cm.SetMin(lo)
		cm.SetMax(hi)
	}
	colorOf := func(v float64) color.Color {
		c, err := cm.At(math.Max(lo, math.Min(hi, v)))
		if err != nil {
			return color.Gray{Y: 0xCC}
		}
		return c
	}
	px, py := s.Params[0], s.Params[1]
	p := newPlot()
	p.X.Label.Text = px.Path
	p.Y.Label.Text = py.Path
	p.Title.Text = truncate(p.Title.TextStyle, fmt.Sprintf("%s: median %s at the end", s.FocalName, metric), HeatmapWidth*0.75)
	xs, ys := distinct(pts, 0), distinct(pts, 1)
	grid := s.Design == "grid" && len(xs)*len(ys) == len(pts) && len(xs) > 1 && len(ys) > 1
	if grid {
		g := heatGrid{xs: xs, ys: ys, z: make([][]float64, len(xs))}
		for c := range xs {
			g.z[c] = make([]float64, len(ys))
		}
		for _, pt := range pts {
			c, _ := slices.BinarySearch(xs, pt.x[0])
			r, _ := slices.BinarySearch(ys, pt.x[1])
			g.z[c][r] = pt.q[2]
		}
		p.X.Tick.Marker, p.Y.Tick.Marker = levelTicks(xs), levelTicks(ys)
		hm := plotter.NewHeatMap(g, cm.Palette(255))
		hm.Min, hm.Max = lo, hi
		hm.NaN = color.Gray{Y: 0xCC}
		p.Add(hm)
	} else {
		for _, pt := range pts {
			sc, err := plotter.NewScatter(plotter.XYs{{X: pt.x[0], Y: pt.x[1]}})
			if err != nil {
				return nil, err
			}
			sc.GlyphStyle = draw.GlyphStyle{Color: colorOf(pt.q[2]), Radius: vg.Points(9), Shape: draw.CircleGlyph{}}
			p.Add(sc)
		}
	}
	labels := &valueLabels{pts: pts, lo: lo, hi: hi}
	p.Add(labels)
	padX := math.Max((px.Hi-px.Lo)*0.06, 1e-9)
	padY := math.Max((py.Hi-py.Lo)*0.06, 1e-9)
	if grid {
		padX = math.Max(cellHalf(xs), 1e-9)
		padY = math.Max(cellHalf(ys), 1e-9)
	}
	p.X.Min, p.X.Max = px.Lo-padX, px.Hi+padX
	p.Y.Min, p.Y.Max = py.Lo-padY, py.Hi+padY

	bar := newPlot()
	bar.HideX()
	bar.Y.Tick.Label.Font = sansFont(9)
	cb := &plotter.ColorBar{ColorMap: cm, Vertical: true}
	bar.Add(cb)
	bar.Y.Min, bar.Y.Max = lo, hi
	bar.Y.Label.Text = metric
	if metric == "alignment" {
		bar.Y.Label.Text = "← " + s.NegativeLabel + "      " + s.PositiveLabel + " →"
	}
	note := fmt.Sprintf("Median of %d runs at each point, with the same random draws at every point; values in sweep.csv.", s.RunsPerPoint)
	if !grid {
		note = fmt.Sprintf("Each disc is a point of the %s design, coloured and labelled by the median of its %d runs; values in sweep.csv.", s.Design, s.RunsPerPoint)
	}
	return &heatFigure{main: p, bar: bar, title: s.Title, note: note}, nil
}

// distinct returns the sorted distinct values of parameter i.
func distinct(pts []sweepPoint, i int) []float64 {
	var out []float64
	for _, p := range pts {
		out = append(out, p.x[i])
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// levelTicks labels a grid's levels.
func levelTicks(v []float64) fixedTicks {
	var t fixedTicks
	for _, x := range v {
		t = append(t, plot.Tick{Value: x, Label: Format(x)})
	}
	return t
}

// cellHalf is half the spacing of a grid's levels.
func cellHalf(v []float64) float64 {
	if len(v) < 2 {
		return 0.5
	}
	return (v[1] - v[0]) / 2
}

// valueLabels writes each point's median on it, in black or white,
// whichever reads better on its colour.
type valueLabels struct {
	pts    []sweepPoint
	lo, hi float64
}

// Plot implements plot.Plotter.
func (v *valueLabels) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	sty := textStyle(p, sansFont(8), color.Black)
	sty.XAlign, sty.YAlign = draw.XCenter, draw.YCenter
	for _, pt := range v.pts {
		if math.IsNaN(pt.q[2]) {
			continue
		}
		label := strconv.FormatFloat(pt.q[2], 'f', 2, 64)
		if label == "-0.00" {
			label = "0.00"
		}
		sty.Color = color.Black
		// Both scales are dark at their ends.
		if f := (pt.q[2] - v.lo) / (v.hi - v.lo); f < 0.2 || f > 0.85 {
			sty.Color = color.White
		}
		c.FillText(sty, vg.Point{X: trX(pt.x[0]), Y: trY(pt.x[1])}, label)
	}
}

// heatFigure puts a colour bar to the right of a plot, under a title.
type heatFigure struct {
	main, bar *plot.Plot
	title     string
	note      string
}

// Draw implements Drawer.
func (f *heatFigure) Draw(c draw.Canvas) {
	c.SetColor(color.White)
	c.Fill(c.Rectangle.Path())
	margin := vg.Points(figureMargin)
	hdl := f.main.TextHandler
	sub := figureText(hdl, sansFont(10), mutedText)
	sub.XAlign = draw.XCenter
	foot := figureText(hdl, sansFont(8.5), mutedText)
	width := c.Max.X - c.Min.X - 2*margin
	top := c.Max.Y - margin
	c.FillText(sub, vg.Point{X: (c.Min.X + c.Max.X) / 2, Y: top}, truncate(sub, f.title, width))
	top -= sub.Height(f.title) + vg.Points(6)
	lines := wrap(foot, f.note, width, 3)
	lineH := foot.Height("Mg") + vg.Points(1)
	footH := vg.Length(len(lines))*lineH + vg.Points(6)
	y := c.Min.Y + margin + footH - vg.Points(6)
	for _, l := range lines {
		c.FillText(foot, vg.Point{X: c.Min.X + margin, Y: y}, l)
		y -= lineH
	}
	body := c
	body.Min.Y = c.Min.Y + margin + footH
	body.Max.Y = top
	split := c.Max.X - vg.Points(110)
	left, right := body, body
	left.Min.X, left.Max.X = c.Min.X+margin, split
	right.Min.X, right.Max.X = split+vg.Points(20), c.Max.X-margin
	f.main.Draw(left)
	// The colour bar spans the main plot's data area, top to bottom.
	data := f.main.DataCanvas(left)
	right.Min.Y, right.Max.Y = data.Min.Y, data.Max.Y+vg.Points(1)
	f.bar.Draw(right)
}

// DecodeSweepSummary reads a sweep's summary.json.
func DecodeSweepSummary(b []byte) (*SweepSummary, error) {
	var s SweepSummary
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return nil, err
	}
	if s.Command != "sweep" {
		return nil, errors.New("not the summary of a sweep")
	}
	return &s, nil
}
