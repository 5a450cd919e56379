package calibrate

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/optimize"
)

// Box is the range each value may take: value i lies between Lo[i] and
// Hi[i].
type Box struct {
	Names  []string
	Lo, Hi []float64
}

func (b Box) check() error {
	k := len(b.Names)
	if k == 0 {
		return errors.New("no values to fit")
	}
	if len(b.Lo) != k || len(b.Hi) != k {
		return fmt.Errorf("%d names, %d lower and %d upper bounds", k, len(b.Lo), len(b.Hi))
	}
	for i := range k {
		if !(b.Lo[i] < b.Hi[i]) {
			return fmt.Errorf("%s: the range %v to %v is empty", b.Names[i], b.Lo[i], b.Hi[i])
		}
	}
	return nil
}

// The search moves on the whole line: z maps onto value i's range by the
// logistic function, x = lo + (hi-lo)/(1+e^-z). Its inverse is kept off
// the ends, where the logistic function is flat and a search would stall.
func (b Box) toBox(z []float64) []float64 {
	x := make([]float64, len(z))
	for i, v := range z {
		x[i] = b.Lo[i] + (b.Hi[i]-b.Lo[i])/(1+math.Exp(-v))
	}
	return x
}

func (b Box) fromBox(x []float64) []float64 {
	const edge = 0.01 // of the range, from either end
	z := make([]float64, len(x))
	for i, v := range x {
		u := (v - b.Lo[i]) / (b.Hi[i] - b.Lo[i])
		u = min(max(u, edge), 1-edge)
		z[i] = math.Log(u / (1 - u))
	}
	return z
}

// Evaluation is one point the search tried.
type Evaluation struct {
	// N counts the evaluations from 0, in the order they were made.
	N     int
	X     []float64
	Value float64
}

// Options set a search.
type Options struct {
	// Start is the first point; nil starts at the middle of the box. A
	// start at or beyond an end of a range is moved 1 % of the range
	// inside it.
	Start []float64
	// Budget is the most evaluations the search makes (at least the
	// number of values plus 2).
	Budget int
	// Step is the size of the first simplex on the logistic scale: 1
	// moves a value from the middle of its range to about 73 % of it
	// (0 means 1).
	Step float64
	// Done, if set, is told of every evaluation as it is made, in order.
	Done func(Evaluation)
}

// Result is the outcome of a search.
type Result struct {
	// Best is the evaluation with the least value, the first of equals.
	Best Evaluation
	// Trace is every evaluation, in order.
	Trace []Evaluation
	// Converged is set when the search stopped because the simplex no
	// longer improved, rather than at the budget.
	Converged bool
}

// Search minimises f over the box from o.Start, by Nelder-Mead on the
// logistic scale. f is called with the evaluation's number and a point of
// the box, one call at a time. An error from f (a cancelled context, a
// run that failed) stops the search and is returned with the evaluations
// made so far.
func Search(ctx context.Context, b Box, f func(ctx context.Context, n int, x []float64) (float64, error), o Options) (*Result, error) {
	if err := b.check(); err != nil {
		return nil, err
	}
	k := len(b.Names)
	if o.Budget < k+2 {
		return nil, fmt.Errorf("a budget of %d evaluations is too small for %d values: give at least %d", o.Budget, k, k+2)
	}
	start := o.Start
	if start == nil {
		start = make([]float64, k)
		for i := range start {
			start[i] = (b.Lo[i] + b.Hi[i]) / 2
		}
	}
	if len(start) != k {
		return nil, fmt.Errorf("a start of %d values for %d values to fit", len(start), k)
	}
	step := o.Step
	if step == 0 {
		step = 1
	}
	res := &Result{}
	z0 := b.fromBox(start)
	x0 := b.toBox(z0)
	for i, v := range start {
		// The first candidate is the start itself, where it lies inside
		// the box, not its round trip through the logistic scale.
		if v > b.Lo[i] && v < b.Hi[i] && math.Abs(v-x0[i]) <= 1e-9*(b.Hi[i]-b.Lo[i]) {
			x0[i] = v
		}
	}
	// The search often comes back to a point it has tried; f gives the
	// same value there, so it is not asked again, and only new points
	// count toward the budget.
	seen := map[string]float64{}
	calls := 0
	var failed error
	p := optimize.Problem{Func: func(z []float64) float64 {
		calls++
		if failed != nil {
			return math.Inf(1)
		}
		x := b.toBox(z)
		if slices.Equal(z, z0) {
			x = slices.Clone(x0)
		}
		key := fmt.Sprint(x)
		if v, ok := seen[key]; ok {
			if calls > 20*o.Budget {
				failed = errBudget
			}
			return v
		}
		if len(res.Trace) >= o.Budget {
			failed = errBudget
			return math.Inf(1)
		}
		n := len(res.Trace)
		v, err := f(ctx, n, x)
		if err == nil && math.IsNaN(v) {
			err = fmt.Errorf("evaluation %d gave no value", n)
		}
		if err != nil {
			failed = err
			return math.Inf(1)
		}
		seen[key] = v
		e := Evaluation{N: n, X: x, Value: v}
		res.Trace = append(res.Trace, e)
		if n == 0 || v < res.Best.Value {
			res.Best = e
		}
		if o.Done != nil {
			o.Done(e)
		}
		if len(res.Trace) == o.Budget {
			failed = errBudget
		}
		return v
	}}
	settings := &optimize.Settings{
		Converger: &optimize.FunctionConverge{Absolute: 1e-9, Iterations: 4 * (k + 1)},
		Recorder:  stopOn{&failed},
	}
	r, err := optimize.Minimize(p, z0, settings, &optimize.NelderMead{SimplexSize: step})
	switch {
	case errors.Is(failed, errBudget):
		return res, nil
	case failed != nil:
		return res, failed
	case err != nil && len(res.Trace) == 0:
		return nil, err
	}
	res.Converged = r != nil && r.Status == optimize.FunctionConvergence
	return res, nil
}

// errBudget stops a search that has made its budget of evaluations.
var errBudget = errors.New("the budget of evaluations is spent")

// stopOn ends a search as soon as an evaluation has failed.
type stopOn struct{ failed *error }

func (stopOn) Init() error { return nil }

func (s stopOn) Record(*optimize.Location, optimize.Operation, *optimize.Stats) error {
	return *s.failed
}
