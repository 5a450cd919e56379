package sensitivity_test

import (
	"fmt"
	"math/rand/v2"

	"caspian/sensitivity"
)

// A model in which b matters four times as much as a, and c not at all:
// draw the design, evaluate the model at each point, estimate.
func Example() {
	p := sensitivity.Problem{Names: []string{"a", "b", "c"}, Lo: []float64{0, 0, 0}, Hi: []float64{1, 1, 1}}
	d, err := sensitivity.Saltelli(p, 4096, rand.New(rand.NewPCG(1, 2)))
	if err != nil {
		panic(err)
	}
	y := make([]float64, len(d.Points))
	for i, x := range d.Points {
		y[i] = x[0] + 2*x[1]
	}
	ix, err := d.Indices(y, 0, nil)
	if err != nil {
		panic(err)
	}
	for _, x := range ix {
		fmt.Printf("%s: first order %.1f, total %.1f\n", x.Name, x.First, x.Total)
	}
	// Output:
	// a: first order 0.2, total 0.2
	// b: first order 0.8, total 0.8
	// c: first order 0.0, total 0.0
}
