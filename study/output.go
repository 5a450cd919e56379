package study

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"caspian/calibrate"
	"caspian/ensemble"
	"caspian/sim"
	"caspian/validation"
)

// Kind is what an output measures.
type Kind string

// The kinds of output.
const (
	// KindMetric is the mean over the runs of an agent's metric at a turn.
	KindMetric Kind = "metric"
	// KindScore is the share of the record's patterns that hold.
	KindScore Kind = "score"
	// KindMisfit is the misfit on the record, as calibrate measures it.
	KindMisfit Kind = "misfit"
	// KindPattern is the share of runs in which one pattern holds.
	KindPattern Kind = "pattern"
)

// Output is one output of a point, as --output names it: METRIC@DATE,
// AGENT.METRIC@DATE, score, misfit or pattern:ID.
type Output struct {
	// Label is the output as written.
	Label string
	Kind  Kind
	// Agent, Metric and Turn are a KindMetric output's.
	Agent, Metric string
	Turn          int
	// Pattern is a KindPattern output's index among the patterns (PatternIDs).
	Pattern int
}

// PatternIDs are the ids of the patterns an analysis measures: the
// scenario's, then the observed series extra.
func PatternIDs(sc *sim.Scenario, extra []sim.PatternSpec) []string {
	var ids []string
	for _, p := range sc.Patterns {
		ids = append(ids, p.ID)
	}
	for _, p := range extra {
		ids = append(ids, p.ID)
	}
	return ids
}

// DefaultOutputs are the outputs of an analysis that names none: the
// focal state's alignment at the end of the record the patterns were
// built from, or at the end of a calendar that stops before it, and the
// score and misfit if there are patterns.
func DefaultOutputs(sc *sim.Scenario, ids []string) []string {
	at := validation.DefaultUntil.String()
	if cal := sc.Calendar; cal.TurnOf(validation.DefaultUntil) >= cal.Turns() {
		at = cal.Label(cal.Turns() - 1)
	}
	out := []string{"alignment@" + at}
	if len(ids) > 0 {
		out = append(out, "score", "misfit")
	}
	return out
}

// ParseOutput reads one output against the scenario sc, whose patterns
// (with any observed series) have the ids.
func ParseOutput(s string, sc *sim.Scenario, ids []string) (Output, error) {
	o := Output{Label: s, Kind: Kind(s)}
	switch {
	case s == "score" || s == "misfit":
		return o, nil
	case strings.HasPrefix(s, "pattern:"):
		id := strings.TrimPrefix(s, "pattern:")
		for i, p := range ids {
			if p == id {
				o.Kind, o.Pattern = KindPattern, i
				return o, nil
			}
		}
		return o, fmt.Errorf("no pattern %q (the scenario's patterns: %s)", id, strings.Join(ids, ", "))
	}
	what, at, ok := strings.Cut(s, "@")
	if !ok {
		return o, fmt.Errorf("%q: want METRIC@DATE (alignment@2013-12), score, misfit or pattern:ID", s)
	}
	agent, metric, has := strings.Cut(what, ".")
	if !has {
		agent, metric = sc.Focal, what
	}
	if _, ok := sim.AgentMetricNamed(metric); !ok {
		return o, fmt.Errorf("%q: the metric is one of %s, not %q", s, strings.Join(sim.AgentMetricNames(), ", "), metric)
	}
	if sc.Agent(agent) == nil {
		return o, fmt.Errorf("%q: no agent %q in the scenario", s, agent)
	}
	d, err := sim.ParseDate(at)
	if err != nil {
		return o, fmt.Errorf("%q: %v", s, err)
	}
	t := sc.Calendar.TurnOf(d)
	if t < 0 || t >= sc.Calendar.Turns() {
		return o, fmt.Errorf("%q: %s is outside the calendar (%s to %s)", s, at, sc.Calendar.Label(0), sc.Calendar.Label(sc.Calendar.Turns()-1))
	}
	o.Kind, o.Agent, o.Metric, o.Turn = KindMetric, agent, metric, t
	return o, nil
}

// OutputError is an output that could not be read.
type OutputError struct{ Err error }

func (e *OutputError) Error() string { return e.Err.Error() }
func (e *OutputError) Unwrap() error { return e.Err }

// ErrNoPatterns: score, misfit and pattern outputs need patterns, and
// the scenario has none.
var ErrNoPatterns = errors.New("score, misfit and pattern outputs need patterns")

// Outputs are the outputs of every point of an analysis, and what
// reading them takes.
type Outputs struct {
	List []Output
	// Split measures the misfit on the whole record; nil if no output
	// needs the patterns, so that no point runs the validation.
	Split *calibrate.Split
	// Extra are the observed series counted among the patterns.
	Extra []sim.PatternSpec
}

// ParseOutputs reads the outputs labels against sc and its patterns with
// extra. A label that cannot be read is an *OutputError; outputs that
// need patterns where there are none, ErrNoPatterns.
func ParseOutputs(labels []string, sc *sim.Scenario, extra []sim.PatternSpec) (*Outputs, error) {
	ids := PatternIDs(sc, extra)
	o := &Outputs{Extra: extra}
	needsPatterns := false
	for _, s := range labels {
		out, err := ParseOutput(s, sc, ids)
		if err != nil {
			return nil, &OutputError{err}
		}
		needsPatterns = needsPatterns || out.Kind != KindMetric
		o.List = append(o.List, out)
	}
	if !needsPatterns {
		return o, nil
	}
	if len(ids) == 0 {
		return nil, ErrNoPatterns
	}
	var err error
	if o.Split, err = calibrate.NewSplit(sc, extra, validation.DefaultUntil, validation.DefaultUntil); err != nil {
		return nil, err
	}
	return o, nil
}

// Evaluate runs the point sc's ensemble with the options eo and reads its
// outputs, each the mean over the runs. The turns eo summarises are the
// outputs', whatever eo says.
func (o *Outputs) Evaluate(ctx context.Context, sc *sim.Scenario, eo ensemble.Options) ([]float64, error) {
	// The last turn is always summarised: no turns at all would mean
	// every turn.
	eo.Turns = []int{-1}
	for _, out := range o.List {
		if out.Kind == KindMetric {
			eo.Turns = append(eo.Turns, out.Turn)
		}
	}
	var rep *validation.Report
	var st *ensemble.Stats
	var err error
	if o.Split != nil {
		rep, st, err = validation.Validate(ctx, sc, validation.Options{Ensemble: eo, Until: validation.DefaultUntil, Extra: o.Extra})
	} else {
		st, err = ensemble.Run(ctx, sc, eo)
	}
	if err != nil {
		return nil, err
	}
	var fit calibrate.Misfit
	if o.Split != nil {
		if fit, _, err = o.Split.Measure(rep); err != nil {
			return nil, err
		}
	}
	y := make([]float64, len(o.List))
	for m, out := range o.List {
		switch out.Kind {
		case KindMetric:
			c, ok := st.At(out.Turn, out.Agent, out.Metric)
			if !ok {
				return nil, fmt.Errorf("%s was not summarised", out.Label)
			}
			y[m] = c.Mean
		case KindScore:
			y[m] = rep.Score.Share()
		case KindMisfit:
			y[m] = fit.Value
		case KindPattern:
			y[m] = rep.Patterns[out.Pattern].Share
		}
	}
	return y, nil
}
