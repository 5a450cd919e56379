package calibrate

import (
	"errors"
	"fmt"
	"math"

	"caspian/patterns"
	"caspian/sim"
	"caspian/validation"
)

// Split sorts a scenario's patterns into the ones a fit uses and the
// ones held out to test it.
type Split struct {
	// Until ends the fitting sample: patterns whose window ends by then
	// (and that are not wholly forced history) are fitted.
	Until sim.Date
	// TestUntil ends the test: patterns whose window ends after Until and
	// by TestUntil are the test. Equal to Until, there is no test.
	TestUntil sim.Date
	// Fit and Test are the patterns' places in the scenario's list
	// (its own, then the extra ones).
	Fit, Test []int
	// IDs are every pattern's id, in the same order.
	IDs []string
}

// NewSplit splits the patterns of sc (and extra ones, such as a user's
// observed series) at until; the test runs to testUntil.
func NewSplit(sc *sim.Scenario, extra []sim.PatternSpec, until, testUntil sim.Date) (*Split, error) {
	if testUntil.Before(until) {
		return nil, fmt.Errorf("the test ends (%s) before the fit (%s)", testUntil, until)
	}
	c, err := patterns.Compile(sc, extra...)
	if err != nil {
		return nil, err
	}
	cal := sc.Calendar
	lastFit, lastTest := cal.TurnOf(until), cal.TurnOf(testUntil)
	s := &Split{Until: until, TestUntil: testUntil}
	for i := range c.Patterns() {
		info := c.Info(i)
		s.IDs = append(s.IDs, info.Spec.ID)
		switch {
		case info.Forced:
		case info.Until <= lastFit:
			s.Fit = append(s.Fit, i)
		case info.Until <= lastTest:
			s.Test = append(s.Test, i)
		}
	}
	if len(s.Fit) == 0 {
		return nil, errors.New("no pattern ends by " + until.String() + " outside the forced history, so there is nothing to fit to")
	}
	return s, nil
}

// Misfit is how far an ensemble is from a set of patterns.
type Misfit struct {
	// Value is the mean of the patterns' misfits, 0 to 1.
	Value float64
	// Held of Patterns hold, as the validation score counts them.
	Held, Patterns int
}

// Measure gives the misfit of an ensemble's validation report on the
// fitted patterns and on the test. The report must come from the same
// scenario's patterns (and extra ones) as the split.
func (s *Split) Measure(rep *validation.Report) (fit, test Misfit, err error) {
	if len(rep.Patterns) != len(s.IDs) {
		return fit, test, fmt.Errorf("the report has %d patterns, the split %d", len(rep.Patterns), len(s.IDs))
	}
	measure := func(idx []int) (Misfit, error) {
		m := Misfit{Patterns: len(idx)}
		if len(idx) == 0 {
			m.Value = math.NaN()
			return m, nil
		}
		for _, i := range idx {
			p := &rep.Patterns[i]
			if p.ID != s.IDs[i] {
				return m, fmt.Errorf("pattern %d is %q in the report, %q in the split", i, p.ID, s.IDs[i])
			}
			m.Value += PatternMisfit(p)
			if p.Holds {
				m.Held++
			}
		}
		m.Value /= float64(len(idx))
		return m, nil
	}
	if fit, err = measure(s.Fit); err != nil {
		return
	}
	test, err = measure(s.Test)
	return
}

// PatternMisfit is one pattern's misfit, 0 to 1: for a series, the root
// mean square distance of the median path from the observed series as a
// share of the observed range, at most 1 (1 too when the model has no
// value to compare); for any other pattern, the share of runs in which it
// did not hold, where a dated fact that held counts less the further its
// first time fell from the record's date, and not at all at
// validation.RecordTolerance years or more (on the mean distance over the
// runs in which it held).
func PatternMisfit(p *validation.PatternResult) float64 {
	if p.Series == nil {
		credit := p.Share
		if p.Timing != nil {
			credit *= max(0, 1-p.Timing.MeanAbs/validation.RecordTolerance)
		}
		return 1 - credit
	}
	var sum float64
	n := 0
	for y, o := range p.Series.Observed {
		m := p.Series.Q[2][y]
		if math.IsNaN(m) || math.IsNaN(o) {
			continue
		}
		sum += (m - o) * (m - o)
		n++
	}
	r := p.Series.ObservedRange
	if n == 0 || !(r > 0) {
		return 1
	}
	return min(1, math.Sqrt(sum/float64(n))/r)
}
