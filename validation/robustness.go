package validation

import (
	"context"
	"math"
	"slices"

	"caspian/sim"
)

// TemperatureFactors scale the choice temperature in the robustness check:
// halved and doubled.
var TemperatureFactors = []float64{0.5, 2}

// RobustnessLimit is the largest change, as a share of runs, that halving
// or doubling the temperature may make to a scored pattern's share of runs
// for the verdicts to follow the states' interests rather than the choice
// noise.
const RobustnessLimit = 0.2

// WithTemperature returns a copy of sc whose choice temperatures, the
// model's and every agent's own, are multiplied by k. Only the agents are
// copied; the rest of the scenario is shared with sc.
func WithTemperature(sc *sim.Scenario, k float64) *sim.Scenario {
	c := *sc
	c.Model.Temperature *= k
	c.Agents = append([]sim.AgentSpec(nil), sc.Agents...)
	for i := range c.Agents {
		if t := c.Agents[i].Temperature; t != nil {
			v := *t * k
			c.Agents[i].Temperature = &v
		}
	}
	return &c
}

// Robustness sets the verdicts of one validation against those of the same
// ensemble run at other temperatures.
type Robustness struct {
	// Factors are the temperature multipliers, 1 (the scenario as it is)
	// among them, in the order of each row's Shares.
	Factors []float64
	Rows    []RobustnessRow
	// Largest is the largest Change of a scored pattern, and LargestID
	// that pattern's id ("" with none).
	Largest   float64
	LargestID string
}

// Holds reports whether no scored pattern's share changes by more than
// RobustnessLimit.
func (r *Robustness) Holds() bool { return WithinLimit(r.Largest) }

// WithinLimit reports whether a change of a share of runs is within
// RobustnessLimit; shares are counts over runs, so a difference that is
// the limit up to rounding counts as within it.
func WithinLimit(change float64) bool { return change <= RobustnessLimit+1e-9 }

// RobustnessRow is one pattern's share of runs at each temperature.
type RobustnessRow struct {
	ID, Name string
	Scored   bool
	// Shares are the shares of runs in which the pattern held, one per
	// factor; NaN for a series, which is judged on its median path.
	Shares []float64
	// Change is the largest distance of a share from the share at the
	// scenario's own temperature.
	Change float64
}

// ValidateTemperatures runs Validate on sc and on its copies at every
// factor of TemperatureFactors, with the same seeds, and compares the
// shares. o.Ensemble.Progress, if set, counts the runs of all of them. It returns the report at sc's own temperature and the
// comparison.
func ValidateTemperatures(ctx context.Context, sc *sim.Scenario, o Options) (*Report, *Robustness, error) {
	factors := slices.Sorted(slices.Values(append([]float64{1}, TemperatureFactors...)))
	reps := make([]*Report, len(factors))
	var own *Report
	progress := o.Ensemble.Progress
	for i, k := range factors {
		s := sc
		if k != 1 {
			s = WithTemperature(sc, k)
		}
		oi := o
		if progress != nil {
			// One count over all the ensembles.
			done := i * o.Ensemble.Runs
			oi.Ensemble.Progress = func(n int) { progress(done + n) }
		}
		rep, _, err := Validate(ctx, s, oi)
		if err != nil {
			return nil, nil, err
		}
		reps[i] = rep
		if k == 1 {
			own = rep
		}
	}
	return own, CompareReports(factors, reps), nil
}

// CompareReports compares reports of the same scenario and patterns, one
// per factor; the factor 1 is the reference.
func CompareReports(factors []float64, reps []*Report) *Robustness {
	ref := 0
	for i, k := range factors {
		if k == 1 {
			ref = i
		}
	}
	r := &Robustness{Factors: factors}
	for p := range reps[ref].Patterns {
		base := &reps[ref].Patterns[p]
		row := RobustnessRow{ID: base.ID, Name: base.Name, Scored: base.Scored(), Shares: make([]float64, len(reps))}
		for i, rep := range reps {
			row.Shares[i] = math.NaN()
			if q := &rep.Patterns[p]; q.Series == nil {
				row.Shares[i] = q.Share
			}
		}
		for _, s := range row.Shares {
			if d := math.Abs(s - row.Shares[ref]); d > row.Change {
				row.Change = d
			}
		}
		if row.Scored && row.Change > r.Largest {
			r.Largest, r.LargestID = row.Change, row.ID
		}
		r.Rows = append(r.Rows, row)
	}
	return r
}
