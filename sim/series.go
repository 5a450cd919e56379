package sim

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
)

// Point is one yearly value of a Series.
type Point struct {
	Year  int
	Value float64
}

// Series is a yearly input such as the oil price or a state's production.
// In a scenario file it is a table keyed by year: { 1991 = 20.1, 1992 = 19.3 }.
// A year's value is its mid-year level: between mid-years the series is
// interpolated linearly, and before the first or after the last listed year
// it holds the nearest value.
type Series struct {
	Points []Point // sorted by year, no duplicates
}

// UnmarshalTOML reads a table whose keys are years, or a single number
// for a value that holds in every year.
func (s *Series) UnmarshalTOML(v any) error {
	switch x := v.(type) {
	case int64:
		*s = Constant(float64(x))
		return nil
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return errors.New("value must be finite")
		}
		*s = Constant(x)
		return nil
	}
	table, ok := v.(map[string]any)
	if !ok {
		return fmt.Errorf("want a number or a table of year = value, got %T", v)
	}
	pts := make([]Point, 0, len(table))
	for k, raw := range table {
		y, err := strconv.Atoi(k)
		if err != nil || y < 1000 || y > 9999 {
			return fmt.Errorf("key %q is not a four-digit year", k)
		}
		var f float64
		switch x := raw.(type) {
		case int64:
			f = float64(x)
		case float64:
			f = x
		default:
			return fmt.Errorf("year %d: want a number, got %T", y, raw)
		}
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return fmt.Errorf("year %d: value must be finite", y)
		}
		pts = append(pts, Point{Year: y, Value: f})
	}
	sort.Slice(pts, func(i, j int) bool { return pts[i].Year < pts[j].Year })
	s.Points = pts
	return nil
}

// finite reports whether every value is a finite number.
func (s Series) finite() bool {
	for _, p := range s.Points {
		if math.IsNaN(p.Value) || math.IsInf(p.Value, 0) {
			return false
		}
	}
	return true
}

// Constant is the series that holds v in every year: a single point with
// no year.
func Constant(v float64) Series { return Series{Points: []Point{{Year: 0, Value: v}}} }

// IsConstant reports whether s was written as a single number.
func (s Series) IsConstant() bool { return len(s.Points) == 1 && s.Points[0].Year == 0 }

// Max is the largest value of s, or 0 for an empty series.
func (s Series) Max() float64 {
	m := 0.0
	for i, p := range s.Points {
		if i == 0 || p.Value > m {
			m = p.Value
		}
	}
	return m
}

// Empty reports whether the series has no values.
func (s Series) Empty() bool { return len(s.Points) == 0 }

// At returns the value at a decimal year (1994.5 is mid-1994). A year's
// value is taken to be its mid-year level.
func (s Series) At(year float64) float64 {
	p := s.Points
	switch {
	case len(p) == 0:
		return 0
	case year <= float64(p[0].Year)+0.5:
		return p[0].Value
	case year >= float64(p[len(p)-1].Year)+0.5:
		return p[len(p)-1].Value
	}
	i := sort.Search(len(p), func(i int) bool { return float64(p[i].Year)+0.5 > year })
	a, b := p[i-1], p[i]
	t := (year - float64(a.Year) - 0.5) / float64(b.Year-a.Year)
	return a.Value + t*(b.Value-a.Value)
}

// Scale returns a copy of s with every value multiplied by k.
func (s Series) Scale(k float64) Series {
	out := Series{Points: make([]Point, len(s.Points))}
	for i, p := range s.Points {
		out.Points[i] = Point{Year: p.Year, Value: p.Value * k}
	}
	return out
}
