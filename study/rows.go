package study

import (
	"errors"
	"fmt"
	"math"
	"strconv"

	"caspian/output"
)

// full writes v with every digit, so that a number read back from a
// journal is the number written.
func full(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// CandidateRow is a scored candidate as trace.csv and the journal keep it.
func CandidateRow(n int, x []float64, s Scored) output.CalibrationRow {
	return output.CalibrationRow{N: n, X: x, Fit: s.Fit.Value, Test: s.Test.Value,
		FitHeld: s.Fit.Held, FitScored: s.Fit.Patterns, TestHeld: s.Test.Held, TestScored: s.Test.Patterns}
}

// WriteCandidate writes a candidate's journal row: its number, its
// values, then the fit's and the test's misfit, patterns held and
// patterns scored.
func WriteCandidate(r output.CalibrationRow) []string {
	row := []string{strconv.Itoa(r.N)}
	for _, x := range r.X {
		row = append(row, full(x))
	}
	return append(row, full(r.Fit), strconv.Itoa(r.FitHeld), strconv.Itoa(r.FitScored),
		full(r.Test), strconv.Itoa(r.TestHeld), strconv.Itoa(r.TestScored))
}

// ReadCandidate reads candidate n's journal row back, checking that it
// tried x: the search asks for the same candidates in the same order, so
// any other value means the journal is of another search.
func ReadCandidate(row []string, n int, x []float64) (output.CalibrationRow, error) {
	r := output.CalibrationRow{N: n, X: x}
	k := len(x)
	if len(row) != k+7 {
		return r, fmt.Errorf("candidate %d has %d columns, want %d", n, len(row), k+7)
	}
	for i, v := range x {
		if row[1+i] != full(v) {
			return r, fmt.Errorf("candidate %d tried %s, but the search now asks for %s", n, row[1+i], full(v))
		}
	}
	var errs []error
	num := func(s string) float64 {
		// A misfit with no patterns to measure is NaN, which
		// ParseFloat reads too, but only as spelt here.
		if s == "NaN" {
			return math.NaN()
		}
		v, err := strconv.ParseFloat(s, 64)
		errs = append(errs, err)
		return v
	}
	whole := func(s string) int {
		v, err := strconv.Atoi(s)
		errs = append(errs, err)
		return v
	}
	r.Fit, r.FitHeld, r.FitScored = num(row[k+1]), whole(row[k+2]), whole(row[k+3])
	r.Test, r.TestHeld, r.TestScored = num(row[k+4]), whole(row[k+5]), whole(row[k+6])
	if err := errors.Join(errs...); err != nil {
		return r, fmt.Errorf("candidate %d: %w", n, err)
	}
	return r, nil
}

// WriteOutputs is point k's journal row: its number, its values x and
// its outputs y.
func WriteOutputs(k int, x, y []float64) []string {
	row := []string{strconv.Itoa(k)}
	for _, v := range append(append([]float64(nil), x...), y...) {
		row = append(row, full(v))
	}
	return row
}

// ReadOutputs reads point k's journal row back, checking that its values
// are x, the design's, and returns its outputs.
func ReadOutputs(row []string, k int, x []float64, outputs int) ([]float64, error) {
	if len(row) != 1+len(x)+outputs {
		return nil, fmt.Errorf("point %d has %d columns, want %d", k, len(row), 1+len(x)+outputs)
	}
	for i, v := range x {
		if row[1+i] != full(v) {
			return nil, fmt.Errorf("point %d has %s where the design has %s", k, row[1+i], full(v))
		}
	}
	y := make([]float64, outputs)
	for m := range y {
		v, err := strconv.ParseFloat(row[1+len(x)+m], 64)
		if err != nil {
			return nil, fmt.Errorf("point %d: %w", k, err)
		}
		y[m] = v
	}
	return y, nil
}
