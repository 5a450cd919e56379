package study

import (
	"math"
	"slices"
	"strings"
	"testing"

	"caspian/output"
)

// TestCandidateRoundTrip writes candidate rows and reads them back: every
// number, including a misfit without patterns (NaN), comes back exactly.
func TestCandidateRoundTrip(t *testing.T) {
	for _, r := range []output.CalibrationRow{
		{N: 0, X: []float64{0.1, 1.0 / 3}, Fit: 0.123456789012345, FitHeld: 3, FitScored: 7, Test: math.NaN()},
		{N: 12, X: []float64{-2e-9}, Fit: 1, FitHeld: 0, FitScored: 1, Test: 0.5, TestHeld: 2, TestScored: 4},
	} {
		got, err := ReadCandidate(WriteCandidate(r), r.N, r.X)
		if err != nil {
			t.Fatalf("candidate %d: %v", r.N, err)
		}
		same := func(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }
		if !same(got.Fit, r.Fit) || !same(got.Test, r.Test) || got.FitHeld != r.FitHeld || got.FitScored != r.FitScored ||
			got.TestHeld != r.TestHeld || got.TestScored != r.TestScored || !slices.Equal(got.X, r.X) {
			t.Errorf("candidate %d read back as %+v, want %+v", r.N, got, r)
		}
	}
}

// TestCandidateOfAnotherSearch refuses rows that do not fit the search.
func TestCandidateOfAnotherSearch(t *testing.T) {
	row := WriteCandidate(output.CalibrationRow{N: 2, X: []float64{0.5}, Fit: 0.25, FitScored: 4})
	for _, tc := range []struct {
		name string
		row  []string
		x    []float64
		want string
	}{
		{"another value", row, []float64{0.75}, "candidate 2 tried 0.5, but the search now asks for 0.75"},
		{"another width", row, []float64{0.5, 1}, "candidate 2 has 8 columns, want 9"},
		{"not a number", append(append([]string(nil), row[:2]...), "x", "0", "4", "NaN", "0", "0"), []float64{0.5}, "candidate 2: "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadCandidate(tc.row, 2, tc.x)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one with %q", err, tc.want)
			}
		})
	}
}

// TestOutputsRoundTrip writes a point's row and reads its outputs back,
// and refuses a row whose values are not the design's.
func TestOutputsRoundTrip(t *testing.T) {
	x, y := []float64{0.1, 2.0 / 3}, []float64{-0.3, 1e-17, 42}
	row := WriteOutputs(5, x, y)
	got, err := ReadOutputs(row, 5, x, len(y))
	if err != nil || !slices.Equal(got, y) {
		t.Fatalf("read back %v, %v; want %v", got, err, y)
	}
	for _, tc := range []struct {
		name    string
		x       []float64
		outputs int
		want    string
	}{
		{"another point", []float64{0.1, 0.5}, 3, "point 5 has 0.6666666666666666 where the design has 0.5"},
		{"another width", x, 2, "point 5 has 6 columns, want 5"},
	} {
		if _, err := ReadOutputs(row, 5, tc.x, tc.outputs); err == nil || err.Error() != tc.want {
			t.Errorf("%s: error %v, want %q", tc.name, err, tc.want)
		}
	}
}
