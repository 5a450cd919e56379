package calibrate

import (
	"context"
	"errors"
	"math"
	"reflect"
	"testing"
)

// bowl is a smooth function with its least value, 0, at centre.
func bowl(centre []float64) func(context.Context, int, []float64) (float64, error) {
	return func(_ context.Context, _ int, x []float64) (float64, error) {
		s := 0.0
		for i, v := range x {
			s += (v - centre[i]) * (v - centre[i]) * float64(i+1)
		}
		return s, nil
	}
}

func TestSearchFindsTheLeast(t *testing.T) {
	tests := []struct {
		name   string
		box    Box
		centre []float64
		start  []float64
		within float64
	}{
		{"inside", Box{[]string{"a", "b"}, []float64{0, -1}, []float64{1, 1}}, []float64{0.3, 0.4}, nil, 1e-3},
		{"from a corner", Box{[]string{"a", "b", "c"}, []float64{0, 0, 0}, []float64{10, 1, 2}}, []float64{7, 0.2, 1.5}, []float64{0, 1, 2}, 1e-2},
		// A least value outside the box: the search ends near the edge,
		// never beyond it.
		{"beyond the edge", Box{[]string{"a"}, []float64{0}, []float64{1}}, []float64{2}, nil, 1e-2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Search(context.Background(), tt.box, bowl(tt.centre), Options{Start: tt.start, Budget: 400})
			if err != nil {
				t.Fatal(err)
			}
			for i, c := range tt.centre {
				want := min(max(c, tt.box.Lo[i]), tt.box.Hi[i])
				if got := res.Best.X[i]; math.Abs(got-want) > tt.within*(tt.box.Hi[i]-tt.box.Lo[i]) {
					t.Errorf("%s = %v, want %v", tt.box.Names[i], got, want)
				}
			}
			for _, e := range res.Trace {
				for i, v := range e.X {
					if v < tt.box.Lo[i] || v > tt.box.Hi[i] {
						t.Fatalf("evaluation %d tried %s = %v, outside %v to %v", e.N, tt.box.Names[i], v, tt.box.Lo[i], tt.box.Hi[i])
					}
				}
			}
			if len(res.Trace) > 400 {
				t.Errorf("%d evaluations, over the budget of 400", len(res.Trace))
			}
		})
	}
}

func TestSearchKeepsToItsBudget(t *testing.T) {
	box := Box{[]string{"a", "b"}, []float64{0, 0}, []float64{1, 1}}
	for _, budget := range []int{4, 5, 13} {
		calls := 0
		f := func(ctx context.Context, n int, x []float64) (float64, error) {
			calls++
			return bowl([]float64{0.9, 0.1})(ctx, n, x)
		}
		res, err := Search(context.Background(), box, f, Options{Budget: budget})
		if err != nil {
			t.Fatal(err)
		}
		if calls != budget || len(res.Trace) != budget {
			t.Errorf("budget %d: %d calls, %d evaluations", budget, calls, len(res.Trace))
		}
	}
	if _, err := Search(context.Background(), box, bowl([]float64{0, 0}), Options{Budget: 3}); err == nil {
		t.Error("a budget of 3 for 2 values is accepted")
	}
}

// TestSearchReplays checks what resuming relies on: a search is a fixed
// sequence given its function, so a search stopped after some
// evaluations and started again with their values from a journal makes
// the same evaluations as one never stopped.
func TestSearchReplays(t *testing.T) {
	box := Box{[]string{"a", "b", "c"}, []float64{-1, 0, 5}, []float64{1, 3, 6}}
	f := bowl([]float64{0.2, 2.5, 5.1})
	whole, err := Search(context.Background(), box, f, Options{Budget: 60})
	if err != nil {
		t.Fatal(err)
	}
	stop := errors.New("stopped")
	var kept []Evaluation
	_, err = Search(context.Background(), box, func(ctx context.Context, n int, x []float64) (float64, error) {
		if n == 23 {
			return 0, stop
		}
		return f(ctx, n, x)
	}, Options{Budget: 60, Done: func(e Evaluation) { kept = append(kept, e) }})
	if !errors.Is(err, stop) || len(kept) != 23 {
		t.Fatalf("err %v after %d evaluations, want %v after 23", err, len(kept), stop)
	}
	replayed := 0
	again, err := Search(context.Background(), box, func(ctx context.Context, n int, x []float64) (float64, error) {
		if n < len(kept) {
			if !reflect.DeepEqual(kept[n].X, x) {
				t.Fatalf("evaluation %d tries %v, the journal has %v", n, x, kept[n].X)
			}
			replayed++
			return kept[n].Value, nil
		}
		return f(ctx, n, x)
	}, Options{Budget: 60})
	if err != nil {
		t.Fatal(err)
	}
	if replayed != 23 || !reflect.DeepEqual(again.Trace, whole.Trace) {
		t.Errorf("the resumed search differs from the whole one (%d replayed)", replayed)
	}
}

func TestSearchStopsOnCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	box := Box{[]string{"a"}, []float64{0}, []float64{1}}
	res, err := Search(ctx, box, func(ctx context.Context, n int, x []float64) (float64, error) {
		if n == 2 {
			cancel()
		}
		if err := ctx.Err(); err != nil {
			return 0, err
		}
		return x[0], nil
	}, Options{Budget: 50})
	if !errors.Is(err, context.Canceled) || len(res.Trace) != 2 {
		t.Errorf("err %v after %d evaluations", err, len(res.Trace))
	}
}

// TestSearchStartsAtTheStart checks that the first point tried is the
// start as given, and that no point is tried twice.
func TestSearchStartsAtTheStart(t *testing.T) {
	box := Box{[]string{"a", "b"}, []float64{0.0002, -1}, []float64{0.005, 1}}
	start := []float64{0.0003, 0.6}
	seen := map[[2]float64]bool{}
	res, err := Search(context.Background(), box, func(ctx context.Context, n int, x []float64) (float64, error) {
		key := [2]float64{x[0], x[1]}
		if seen[key] {
			t.Errorf("evaluation %d tries %v again", n, x)
		}
		seen[key] = true
		return bowl([]float64{0.001, 0})(ctx, n, x)
	}, Options{Start: start, Budget: 40})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(res.Trace[0].X, start) {
		t.Errorf("first point %v, want %v", res.Trace[0].X, start)
	}
}
