package sim

import "math"

// The linear systems of settled alignments (see settled) are small and
// dense: a dozen unknowns for the shipped scenarios, forty for the
// largest regions. They are solved by Gaussian elimination with partial
// pivoting, written out rather than taken from a library so that a solve
// allocates nothing and, done twice on the same system, gives the same
// bits.

// solve overwrites b with the solution of A·x = b (A is n×n, row-major,
// and is destroyed). It reports false if A is singular to working
// precision.
func solve(A, b []float64, n int) bool {
	if !eliminate(A, b, n, nil, nil) {
		return false
	}
	backSubstitute(A, b, n)
	return true
}

// eliminate reduces A to upper-triangular form, applying every step to b
// when b is not nil, and recording, when piv is not nil, each step's
// pivot row in piv[k] and its multipliers in mult[k*n+i]. It reports
// false if A is singular to working precision.
func eliminate(A, b []float64, n int, piv []int, mult []float64) bool {
	for k := range n {
		p := k
		for i := k + 1; i < n; i++ {
			if math.Abs(A[i*n+k]) > math.Abs(A[p*n+k]) {
				p = i
			}
		}
		if math.Abs(A[p*n+k]) < 1e-12 {
			return false
		}
		if piv != nil {
			piv[k] = p
		}
		if p != k {
			for j := range n {
				A[k*n+j], A[p*n+j] = A[p*n+j], A[k*n+j]
			}
			if b != nil {
				b[k], b[p] = b[p], b[k]
			}
		}
		for i := k + 1; i < n; i++ {
			f := A[i*n+k] / A[k*n+k]
			if mult != nil {
				mult[k*n+i] = f
			}
			if f == 0 {
				continue
			}
			for j := k; j < n; j++ {
				A[i*n+j] -= f * A[k*n+j]
			}
			if b != nil {
				b[i] -= f * b[k]
			}
		}
	}
	return true
}

// backSubstitute overwrites b with the solution of U·x = b for the upper
// triangle U of A.
func backSubstitute(A, b []float64, n int) {
	for i := n - 1; i >= 0; i-- {
		v := b[i]
		for j := i + 1; j < n; j++ {
			v -= A[i*n+j] * b[j]
		}
		b[i] = v / A[i*n+i]
	}
}

// factored is a matrix reduced once by eliminate, kept to solve it for
// several right-hand sides: each solve performs on b exactly the
// operations solve would, so it gives the same bits.
type factored struct {
	n    int
	u    []float64 // the reduced matrix; its upper triangle is U
	piv  []int
	mult []float64
}

func (f *factored) alloc(n int) {
	f.n, f.u, f.piv, f.mult = n, make([]float64, n*n), make([]int, n), make([]float64, n*n)
}

// factor reduces a copy of A, reporting false if A is singular to
// working precision.
func (f *factored) factor(A []float64) bool {
	copy(f.u, A)
	return eliminate(f.u, nil, f.n, f.piv, f.mult)
}

// solve overwrites b with the solution of A·x = b for the A last
// factored.
func (f *factored) solve(b []float64) {
	n := f.n
	for k := range n {
		if p := f.piv[k]; p != k {
			b[k], b[p] = b[p], b[k]
		}
		for i := k + 1; i < n; i++ {
			if m := f.mult[k*n+i]; m != 0 {
				b[i] -= m * b[k]
			}
		}
	}
	backSubstitute(f.u, b, n)
}
