package validation

import (
	"context"

	"caspian/ensemble"
	"caspian/patterns"
	"caspian/sim"
)

// Options choose how Validate runs.
type Options struct {
	// Ensemble runs the replicates; its Keep is taken over.
	Ensemble ensemble.Options
	// Until ends the sample; zero means DefaultUntil.
	Until sim.Date
	// Extra patterns, such as a user's observed series, are checked with
	// the scenario's own.
	Extra []sim.PatternSpec
}

// DefaultUntil is the end of the sample: the record up to the end of 2013
// is what patterns, calibration and tuning may use; later years are kept
// out of sample.
var DefaultUntil = sim.Date{Year: 2013, Month: 12}

// Validate runs the ensemble o.Ensemble of sc and scores it against sc's
// patterns. It returns the Report and the ensemble's statistics.
func Validate(ctx context.Context, sc *sim.Scenario, o Options) (*Report, *ensemble.Stats, error) {
	c, err := patterns.Compile(sc, o.Extra...)
	if err != nil {
		return nil, nil, err
	}
	recs := make([]*patterns.Recorder, o.Ensemble.Runs)
	eo := o.Ensemble
	keep := eo.Keep
	eo.Keep = func(run int) sim.Recorder {
		// Each run writes only its own slot, so no lock is needed.
		recs[run] = c.Recorder(run)
		if keep != nil {
			if k := keep(run); k != nil {
				return tee{recs[run], k}
			}
		}
		return recs[run]
	}
	st, err := ensemble.Run(ctx, sc, eo)
	if err != nil {
		return nil, nil, err
	}
	results := make([]patterns.RunResult, len(recs))
	for i, r := range recs {
		results[i] = r.Result()
	}
	until := o.Until
	if until.IsZero() {
		until = DefaultUntil
	}
	return Summarise(c, results, until), st, nil
}

// tee hands every report to two recorders.
type tee [2]sim.Recorder

func (t tee) Turn(s *sim.Snapshot) {
	t[0].Turn(s)
	t[1].Turn(s)
}

func (t tee) Decision(d *sim.Decision) {
	t[0].Decision(d)
	t[1].Decision(d)
}
