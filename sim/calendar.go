package sim

import (
	"fmt"
	"strconv"
	"strings"
)

// Step is the length of one turn.
type Step string

// The turn lengths a scenario may choose.
const (
	Month   Step = "month"
	Quarter Step = "quarter"
	Year    Step = "year"
)

// PerYear is the number of turns in a year.
func (s Step) PerYear() int {
	switch s {
	case Month:
		return 12
	case Year:
		return 1
	default:
		return 4
	}
}

// Date is a point on the scenario calendar, written "1994", "1994-Q3" or
// "1994-07". A date is an instant: "1994-Q3" and "1994-07" both mean the
// first day of that period, so a dated event falls in the turn that
// contains that day.
type Date struct {
	Year  int
	Month int // 1..12; a year alone means January, a quarter its first month
}

// ParseDate reads "YYYY", "YYYY-Qn" or "YYYY-MM".
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	year, rest, hasRest := strings.Cut(s, "-")
	y, err := strconv.Atoi(year)
	if err != nil || len(year) != 4 {
		return Date{}, fmt.Errorf("date %q: want YYYY, YYYY-Qn or YYYY-MM", s)
	}
	if !hasRest {
		return Date{Year: y, Month: 1}, nil
	}
	if len(rest) == 2 && (rest[0] == 'Q' || rest[0] == 'q') {
		q, err := strconv.Atoi(rest[1:])
		if err != nil || q < 1 || q > 4 {
			return Date{}, fmt.Errorf("date %q: quarter must be Q1 to Q4", s)
		}
		return Date{Year: y, Month: 3*(q-1) + 1}, nil
	}
	m, err := strconv.Atoi(rest)
	if err != nil || m < 1 || m > 12 || len(rest) != 2 {
		return Date{}, fmt.Errorf("date %q: month must be 01 to 12", s)
	}
	return Date{Year: y, Month: m}, nil
}

// UnmarshalText lets a Date be written as a string in a scenario file.
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// MarshalText writes the date as YYYY-MM.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// IsZero reports whether the date was never set.
func (d Date) IsZero() bool { return d.Year == 0 }

// String writes the date as YYYY-MM.
func (d Date) String() string { return fmt.Sprintf("%04d-%02d", d.Year, d.Month) }

// Before reports whether d comes before e.
func (d Date) Before(e Date) bool { return d.months() < e.months() }

func (d Date) months() int { return d.Year*12 + d.Month - 1 }

// Calendar maps turns to dates. Turn 0 is the period that contains Start.
type Calendar struct {
	Start Date `toml:"start"`
	End   Date `toml:"end"`
	Step  Step `toml:"step"`
	// HistoryUntil forces history: before this date agents follow the
	// scenario's dated events only; from it on they choose their own actions.
	// Zero means agents decide from the first turn.
	HistoryUntil Date `toml:"history_until"`
}

// monthsPerTurn is the number of months one turn spans.
func (c Calendar) monthsPerTurn() int { return 12 / c.Step.PerYear() }

// first returns the first month of the period containing d.
func (c Calendar) first(d Date) int {
	m := d.months()
	return m - m%c.monthsPerTurn()
}

// Turns is the number of turns from Start to End, both periods included.
func (c Calendar) Turns() int {
	n := (c.first(c.End)-c.first(c.Start))/c.monthsPerTurn() + 1
	if n < 0 {
		return 0
	}
	return n
}

// DecideFrom is the first turn in which agents choose for themselves: the
// turn of HistoryUntil, or 0 when history is not forced. Before it the
// record decides.
func (c Calendar) DecideFrom() int {
	if c.HistoryUntil.IsZero() {
		return 0
	}
	return max(0, c.TurnOf(c.HistoryUntil))
}

// TurnOf returns the turn whose period contains d (negative before Start).
func (c Calendar) TurnOf(d Date) int {
	diff := c.first(d) - c.first(c.Start)
	if diff < 0 {
		return -((-diff + c.monthsPerTurn() - 1) / c.monthsPerTurn())
	}
	return diff / c.monthsPerTurn()
}

// DateOf returns the first day of turn t.
func (c Calendar) DateOf(t int) Date {
	m := c.first(c.Start) + t*c.monthsPerTurn()
	return Date{Year: m / 12, Month: m%12 + 1}
}

// Label names turn t as a reader expects: "1994", "1994-Q3" or "1994-07".
func (c Calendar) Label(t int) string {
	d := c.DateOf(t)
	switch c.Step {
	case Year:
		return fmt.Sprintf("%04d", d.Year)
	case Month:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	default:
		return fmt.Sprintf("%04d-Q%d", d.Year, (d.Month-1)/3+1)
	}
}

// YearFraction is turn t's midpoint as a decimal year, for plot axes.
func (c Calendar) YearFraction(t int) float64 {
	d := c.DateOf(t)
	return float64(d.Year) + (float64(d.Month-1)+float64(c.monthsPerTurn())/2)/12
}
