package sensitivity

import (
	"math"
	"math/rand/v2"
	"testing"
)

// ishigami is f(x) = sin x1 + a sin² x2 + b x3⁴ sin x1 on [-π, π]³, whose
// Sobol indices are known in closed form.
func ishigami(x []float64) float64 {
	const a, b = 7, 0.1
	return math.Sin(x[0]) + a*math.Sin(x[1])*math.Sin(x[1]) + b*math.Pow(x[2], 4)*math.Sin(x[0])
}

// ishigamiIndices are the exact first-order and total indices for a = 7,
// b = 0.1.
func ishigamiIndices() (first, total [3]float64) {
	const a, b = 7.0, 0.1
	pi4 := math.Pow(math.Pi, 4)
	v1 := 0.5 * (1 + b*pi4/5) * (1 + b*pi4/5)
	v2 := a * a / 8
	v13 := b * b * math.Pow(math.Pi, 8) * (1.0/18 - 1.0/50)
	v := v1 + v2 + v13
	return [3]float64{v1 / v, v2 / v, 0}, [3]float64{(v1 + v13) / v, v2 / v, v13 / v}
}

func run(d [][]float64, f func([]float64) float64) []float64 {
	y := make([]float64, len(d))
	for i, x := range d {
		y[i] = f(x)
	}
	return y
}

// The Sobol estimators recover the Ishigami function's indices, and the
// bootstrap intervals hold them.
func TestSobolIshigami(t *testing.T) {
	p := Problem{Names: []string{"x1", "x2", "x3"}, Lo: []float64{-math.Pi, -math.Pi, -math.Pi}, Hi: []float64{math.Pi, math.Pi, math.Pi}}
	d, err := Saltelli(p, 1<<14, rand.New(rand.NewPCG(1, 2)))
	if err != nil {
		t.Fatal(err)
	}
	ix, err := d.Indices(run(d.Points, ishigami), 200, rand.New(rand.NewPCG(3, 4)))
	if err != nil {
		t.Fatal(err)
	}
	first, total := ishigamiIndices()
	for i, x := range ix {
		if math.Abs(x.First-first[i]) > 0.03 || math.Abs(x.Total-total[i]) > 0.03 {
			t.Errorf("%s: S %.3f ST %.3f, want %.3f and %.3f", x.Name, x.First, x.Total, first[i], total[i])
		}
		if !(x.FirstLo <= first[i]+0.01 && first[i]-0.01 <= x.FirstHi) || !(x.TotalLo <= total[i]+0.01 && total[i]-0.01 <= x.TotalHi) {
			t.Errorf("%s: intervals [%.3f, %.3f] and [%.3f, %.3f] miss %.3f and %.3f",
				x.Name, x.FirstLo, x.FirstHi, x.TotalLo, x.TotalHi, first[i], total[i])
		}
	}
}

// For a linear model y = Σ a_i x_i of independent uniform inputs, the
// first-order and total indices are equal: a_i² var(x_i) / Σ a_j² var(x_j).
func TestSobolLinear(t *testing.T) {
	a := []float64{1, 2, 0.5, 0}
	p := Problem{Names: []string{"a", "b", "c", "d"}, Lo: []float64{0, 0, -1, 0}, Hi: []float64{1, 1, 1, 3}}
	d, err := Saltelli(p, 1<<13, rand.New(rand.NewPCG(5, 6)))
	if err != nil {
		t.Fatal(err)
	}
	f := func(x []float64) float64 {
		s := 0.0
		for i := range x {
			s += a[i] * x[i]
		}
		return s
	}
	ix, err := d.Indices(run(d.Points, f), 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	var total float64
	vars := make([]float64, len(a))
	for i := range a {
		w := p.Hi[i] - p.Lo[i]
		vars[i] = a[i] * a[i] * w * w / 12
		total += vars[i]
	}
	for i, x := range ix {
		want := vars[i] / total
		if math.Abs(x.First-want) > 0.02 || math.Abs(x.Total-want) > 0.02 {
			t.Errorf("%s: S %.3f ST %.3f, want %.3f", x.Name, x.First, x.Total, want)
		}
	}
}

// Morris on a linear model: every elementary effect of input i is a_i
// times its range, so μ* is that and σ is zero; on Ishigami, x3 acts
// only through its interaction with x1, so its σ is large beside its μ.
func TestMorris(t *testing.T) {
	a := []float64{1, -2, 0.5}
	p := Problem{Names: []string{"a", "b", "c"}, Lo: []float64{0, 0, -1}, Hi: []float64{1, 2, 1}}
	d, err := Morris(p, 20, 4, rand.New(rand.NewPCG(7, 8)))
	if err != nil {
		t.Fatal(err)
	}
	f := func(x []float64) float64 { return a[0]*x[0] + a[1]*x[1] + a[2]*x[2] }
	es, err := d.Effects(run(d.Points, f))
	if err != nil {
		t.Fatal(err)
	}
	for i, e := range es {
		want := a[i] * (p.Hi[i] - p.Lo[i])
		if math.Abs(e.Mu-want) > 1e-9 || math.Abs(e.MuStar-math.Abs(want)) > 1e-9 || e.Sigma > 1e-9 {
			t.Errorf("%s: μ %v μ* %v σ %v, want μ %v and σ 0", e.Name, e.Mu, e.MuStar, e.Sigma, want)
		}
	}
	pi := Problem{Names: []string{"x1", "x2", "x3"}, Lo: []float64{-math.Pi, -math.Pi, -math.Pi}, Hi: []float64{math.Pi, math.Pi, math.Pi}}
	d, err = Morris(pi, 50, 6, rand.New(rand.NewPCG(9, 10)))
	if err != nil {
		t.Fatal(err)
	}
	es, err = d.Effects(run(d.Points, ishigami))
	if err != nil {
		t.Fatal(err)
	}
	if x3 := es[2]; x3.Sigma < math.Abs(x3.Mu) || x3.MuStar == 0 {
		t.Errorf("x3: μ %v μ* %v σ %v: its effect should depend on x1", x3.Mu, x3.MuStar, x3.Sigma)
	}
}

// The same seed draws the same design; bad problems and outputs are
// errors, not panics.
func TestDesignsAndErrors(t *testing.T) {
	p := Problem{Names: []string{"a", "b"}, Lo: []float64{0, 0}, Hi: []float64{1, 1}}
	d1, _ := Saltelli(p, 8, rand.New(rand.NewPCG(1, 1)))
	d2, _ := Saltelli(p, 8, rand.New(rand.NewPCG(1, 1)))
	for i := range d1.Points {
		for j := range d1.Points[i] {
			if d1.Points[i][j] != d2.Points[i][j] {
				t.Fatal("the same seed drew different designs")
			}
		}
	}
	if len(d1.Points) != 8*4 {
		t.Fatalf("%d points, want %d", len(d1.Points), 8*4)
	}
	for _, bad := range []Problem{{}, {Names: []string{"a"}, Lo: []float64{1}, Hi: []float64{1}}, {Names: []string{"a"}, Lo: []float64{0}}} {
		if _, err := Saltelli(bad, 8, rand.New(rand.NewPCG(1, 1))); err == nil {
			t.Errorf("problem %+v accepted", bad)
		}
	}
	if _, err := Morris(p, 5, 3, rand.New(rand.NewPCG(1, 1))); err == nil {
		t.Error("an odd number of levels accepted")
	}
	if _, err := d1.Indices(make([]float64, 5), 0, nil); err == nil {
		t.Error("outputs of the wrong length accepted")
	}
	y := make([]float64, len(d1.Points))
	y[3] = math.NaN()
	if _, err := d1.Indices(y, 0, nil); err == nil {
		t.Error("a NaN output accepted")
	}
}
