package output

import (
	"fmt"
	"io"
	"strings"
)

// WriteSweepRange tells how far the focal state's median end state moves
// over a sweep, naming the parameters' values at each end; it writes
// nothing if no point has a median.
func WriteSweepRange(w io.Writer, s *SweepSummary, t *SweepTable) {
	r, ok := FocalRange(s, t)
	if !ok {
		return
	}
	var paths []string
	for _, p := range s.Params {
		paths = append(paths, p.Path)
	}
	names := strings.Join(paths, ", ")
	fmt.Fprintf(w, "\n%s's median %s at the end runs from %.2f (at %s = %s) to %.2f (at %s = %s).\n",
		s.FocalName, s.Metric, r.Lo, names, strings.Join(r.LoAt, ", "), r.Hi, names, strings.Join(r.HiAt, ", "))
}

// WriteCalibrationSummary tells where each fitted value went from its
// start (x is the fit), and what the fit gained on every check of
// misfit; a fit with test patterns says they were never seen, which is
// what makes the test worth reading.
func WriteCalibrationSummary(w io.Writer, t *CalibrationTrace, x []float64, check []MisfitRow) {
	fmt.Fprintf(w, "\nFitted values (start → fit, within the range):\n")
	width := 0
	for _, p := range t.Params {
		width = max(width, len(p.Path))
	}
	for i, p := range t.Params {
		fmt.Fprintf(w, "  %-*s  %s → %s   (%s to %s)\n", width, p.Path, Format(p.Start), Format(x[i]), Format(p.Lo), Format(p.Hi))
	}
	fmt.Fprintf(w, "\nMisfit (0: every pattern in every run), start → fit:\n")
	for _, c := range check {
		fmt.Fprintf(w, "  %s\n", c.Sentence())
	}
	if t.TestUntil != "" {
		fmt.Fprintf(w, "The test patterns end after %s and by %s: the fit never saw them.\n", t.Until, t.TestUntil)
	}
}
