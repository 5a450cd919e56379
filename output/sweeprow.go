package output

import (
	"fmt"
	"math"
	"strconv"
)

// SweepRow is one row of sweep.csv read by name rather than by column
// position: one agent's metric at the end of the runs of one point. The
// parameter values stay text, because a row is checked against its
// design by the text sim sweep writes, and a merge writes the text back
// unchanged so that it is byte for byte what one machine writes.
type SweepRow struct {
	Point int
	// Values are the point's parameter values as written, in the order
	// of the parameters.
	Values        []string
	Agent, Metric string
	Runs          int
	// Mean, SD and Q (the 5th, 25th, 50th, 75th and 95th percentiles)
	// are NaN when the row leaves them empty: no run had a value.
	Mean, SD float64
	Q        [5]float64
}

// Median is the row's 50th percentile across runs.
func (r SweepRow) Median() float64 { return r.Q[2] }

// Numbers reads the row's parameter values as numbers.
func (r SweepRow) Numbers() ([]float64, error) {
	out := make([]float64, len(r.Values))
	for i, s := range r.Values {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return nil, fmt.Errorf("%q is not a number", s)
		}
		out[i] = v
	}
	return out, nil
}

// SweepFieldError is a field of a sweep.csv row that does not read:
// the point is not a whole number, or a statistic is not a finite
// number.
type SweepFieldError struct {
	// Column is the field's column name in the header: "point" or one
	// of SweepStatHeader.
	Column string
	Text   string
}

func (e *SweepFieldError) Error() string {
	return fmt.Sprintf("%s is %q, not a number", e.Column, e.Text)
}

// ParseSweepRow reads a record of sweep.csv for a sweep of params
// parameters. Its fields are read in column order and the first that
// does not read is returned as a *SweepFieldError; the fields before it
// are filled in, so that a caller can still say which point and agent
// the bad row is of. A record of the wrong width is refused whole.
func ParseSweepRow(rec []string, params int) (SweepRow, error) {
	if want := params + 3 + len(SweepStatHeader); len(rec) != want {
		return SweepRow{}, fmt.Errorf("a row has %d fields, want %d", len(rec), want)
	}
	var r SweepRow
	k, err := strconv.Atoi(rec[0])
	if err != nil {
		return r, &SweepFieldError{Column: "point", Text: rec[0]}
	}
	r.Point = k
	r.Values = rec[1 : 1+params : 1+params]
	r.Agent, r.Metric = rec[1+params], rec[2+params]
	stats := rec[3+params:]
	if stats[0] != "" {
		if r.Runs, err = strconv.Atoi(stats[0]); err != nil {
			return r, &SweepFieldError{Column: SweepStatHeader[0], Text: stats[0]}
		}
	}
	nums := make([]float64, len(stats)-1)
	for i, s := range stats[1:] {
		v, ok := sweepNumber(s)
		if !ok {
			return r, &SweepFieldError{Column: SweepStatHeader[1+i], Text: s}
		}
		nums[i] = v
	}
	r.Mean, r.SD = nums[0], nums[1]
	copy(r.Q[:], nums[2:])
	return r, nil
}

// sweepNumber reads a statistic: empty is a missing value, NaN; any
// other text must be a finite number, as CSVNumber writes.
func sweepNumber(s string) (float64, bool) {
	if s == "" {
		return math.NaN(), true
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false
	}
	return v, true
}

// SweepRange is how far the focal agent's median end state moves over a
// sweep: its lowest and highest median across the points, and the
// parameter values (as written) of the first point at each.
type SweepRange struct {
	Lo, Hi     float64
	LoAt, HiAt []string
}

// FocalRange finds the range of the focal agent's median of the
// summary's metric in the table; false if no row has one. Rows that do
// not read are passed over, since the range is a remark printed after a
// sweep, not a check of it.
func FocalRange(s *SweepSummary, t *SweepTable) (SweepRange, bool) {
	r := SweepRange{Lo: math.Inf(1), Hi: math.Inf(-1)}
	for _, rec := range t.Rows {
		row, err := ParseSweepRow(rec, len(s.Params))
		if err != nil || row.Agent != s.Focal || row.Metric != s.Metric || math.IsNaN(row.Median()) {
			continue
		}
		if v := row.Median(); v < r.Lo {
			r.Lo, r.LoAt = v, row.Values
		}
		if v := row.Median(); v > r.Hi {
			r.Hi, r.HiAt = v, row.Values
		}
	}
	return r, !math.IsInf(r.Lo, 0)
}
