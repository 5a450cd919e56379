package exercises

import (
	"context"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"caspian/ensemble"
	"caspian/output"
	"caspian/scenarios"
	"caspian/sim"
)

// Result is an exercise run: every variant's ensemble.
type Result struct {
	Exercise *Exercise
	Variants []VariantResult
	// Version is the program version, written into the documents.
	Version string
}

// VariantResult is one variant's runs.
type VariantResult struct {
	Variant  *Variant
	Name     string // the scenario as opened
	Scenario *sim.Scenario
	Runs     []*output.Collector
}

// Options change how an exercise is run.
type Options struct {
	// Runs overrides the exercise's ensemble size when above 0 (tests
	// use small ensembles).
	Runs int
	// Workers is how many runs go at once (default: all cores); it
	// changes the speed, never the results.
	Workers int
	Version string
	// Context, if set, stops the runs early when it is cancelled; Run
	// then returns its error.
	Context context.Context
}

// Run runs every variant of ex. Its variants' scenarios are opened with
// the limits ex was loaded with, and Options.Runs is held to them too.
func Run(ex *Exercise, o Options) (*Result, error) {
	runs := ex.Runs
	if o.Runs > 0 {
		runs = o.Runs
	}
	if err := ex.CheckRuns(runs); err != nil {
		return nil, err
	}
	l := ex.limits.withDefaults()
	if o.Workers < 1 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	ctx := o.Context
	if ctx == nil {
		ctx = context.Background()
	}
	res := &Result{Exercise: ex, Version: o.Version}
	dir := ""
	if ex.file != "" && !ex.builtin {
		dir = filepath.Dir(ex.file)
	}
	for i := range ex.Variants {
		v := &ex.Variants[i]
		sc, name, err := v.BuildWith(dir, l.Scenario)
		if err != nil {
			return nil, &scenarios.Error{File: ex.file, Line: v.line, Problem: fmt.Sprintf("variant %q: %v", v.Name, err)}
		}
		cols := make([]*output.Collector, runs)
		_, err = ensemble.Run(ctx, sc, ensemble.Options{Seed: ex.Seed, Runs: runs, Workers: o.Workers, Turns: []int{-1},
			Keep: func(run int) sim.Recorder {
				cols[run] = output.NewCollector(sc, run)
				return cols[run]
			}})
		if err != nil {
			if ctx.Err() != nil && errors.Is(err, ctx.Err()) {
				return nil, err
			}
			return nil, fmt.Errorf("variant %q: %w", v.Name, err)
		}
		res.Variants = append(res.Variants, VariantResult{Variant: v, Name: name, Scenario: sc, Runs: cols})
	}
	for i := range ex.Measures {
		m := &ex.Measures[i]
		for _, vr := range res.Variants {
			if msg := m.refersTo(vr.Scenario); msg != "" {
				return nil, &scenarios.Error{File: ex.file, Line: m.line, Problem: fmt.Sprintf("measures[%d] in variant %q: %s", i+1, vr.Variant.Name, msg)}
			}
		}
	}
	return res, nil
}

// CheckRuns reports whether running every variant runs times keeps more
// runs in memory than the limits ex was loaded with allow.
func (ex *Exercise) CheckRuns(runs int) error {
	l := ex.limits.withDefaults()
	if msg := keptRuns(runs, len(ex.Variants), l.KeptRuns); msg != "" {
		return &scenarios.Error{File: ex.file, Problem: msg}
	}
	return nil
}

// refersTo checks that what m names exists in sc.
func (m *Measure) refersTo(sc *sim.Scenario) string {
	agents := map[string]bool{}
	for _, a := range sc.Agents {
		agents[a.ID] = true
	}
	for _, id := range []string{m.Agent, m.Actor} {
		if id != "" && !agents[id] {
			return fmt.Sprintf("no agent %q", id)
		}
	}
	has := func(ids []string, id string) bool { return id == "" || slices.Contains(ids, id) }
	var routes, conflicts, insts []string
	for _, r := range sc.Routes {
		routes = append(routes, r.ID)
	}
	for _, c := range sc.Conflicts {
		conflicts = append(conflicts, c.ID)
	}
	for _, in := range sc.Institutions {
		insts = append(insts, in.ID)
	}
	switch {
	case !has(routes, m.Route):
		return fmt.Sprintf("no route %q", m.Route)
	case !has(conflicts, m.Conflict):
		return fmt.Sprintf("no conflict %q", m.Conflict)
	case !has(insts, m.Member):
		return fmt.Sprintf("no institution %q", m.Member)
	case m.Action != "" && sim.Kinds[m.Action].Summary == "":
		return fmt.Sprintf("no action kind %q", m.Action)
	case m.At != "":
		d, err := sim.ParseDate(m.At)
		if err != nil {
			return err.Error()
		}
		if t := sc.Calendar.TurnOf(d); t < 0 || t >= sc.Calendar.Turns() {
			return fmt.Sprintf("%s is outside the calendar", m.At)
		}
	}
	return ""
}

// Cell is a measure in one variant: the median and 5–95 % range of a
// number, or a share of runs with the median date.
type Cell struct {
	Median, Lo, Hi float64
	// Share is the share of runs in which the thing happened (routes,
	// membership, conflicts, actions), -1 for numbers.
	Share float64
	// When is the median date it first happened, "" if never.
	When string
	// Text is the cell as the tables print it.
	Text string
}

// Value reads measure m off the runs of a variant.
func (m *Measure) Value(vr *VariantResult) Cell {
	sc := vr.Scenario
	switch {
	case m.Metric != "":
		vals := make([]float64, 0, len(vr.Runs))
		for _, c := range vr.Runs {
			snaps := c.Snapshots()
			t := len(snaps) - 1
			if m.At != "" {
				d, _ := sim.ParseDate(m.At)
				t = min(t, sc.Calendar.TurnOf(d))
			}
			if a := agentAt(&snaps[t], m.Agent); a != nil {
				vals = append(vals, metric(a, m.Metric))
			}
		}
		slices.Sort(vals)
		c := Cell{Median: ensemble.Quantile(vals, 0.5), Lo: ensemble.Quantile(vals, 0.05), Hi: ensemble.Quantile(vals, 0.95), Share: -1}
		digits := 2
		if m.Metric == "revenue" || m.Metric == "arms" {
			digits = 1
		}
		sign := ""
		if m.Metric == "alignment" {
			sign = "+"
		}
		c.Text = fmt.Sprintf("%"+sign+".*f (%"+sign+".*f to %"+sign+".*f)", digits, c.Median, digits, c.Lo, digits, c.Hi)
		return c
	case m.Route != "":
		return share(vr, func(c *output.Collector) string {
			for _, s := range c.Snapshots() {
				for _, r := range s.Routes {
					if r.ID == m.Route && r.Status == sim.Open {
						return s.Label
					}
				}
			}
			return ""
		}, "opened")
	case m.Conflict != "":
		winners := map[string]int{}
		cell := share(vr, func(c *output.Collector) string {
			for _, d := range c.Decisions() {
				if d.Action == "victory" && d.Target == m.Conflict {
					winners[d.Actor]++
					return d.Label
				}
			}
			return ""
		}, "won")
		if len(winners) > 0 {
			var ws []string
			for _, id := range slices.Sorted(mapsKeys(winners)) {
				ws = append(ws, fmt.Sprintf("%s %d", id, winners[id]))
			}
			cell.Text += "; winners: " + joinComma(ws)
		}
		return cell
	case m.Member != "":
		n := 0
		for _, c := range vr.Runs {
			if member(sc, c, m.Agent, m.Member) {
				n++
			}
		}
		s := float64(n) / float64(len(vr.Runs))
		return Cell{Share: s, Text: fmt.Sprintf("member in %d of %d runs", n, len(vr.Runs))}
	case m.Action != "":
		counts := make([]float64, 0, len(vr.Runs))
		var firsts []string
		for _, c := range vr.Runs {
			n, first := 0, ""
			for _, d := range c.Decisions() {
				if d.Actor == m.Actor && d.Action == m.Action && (m.Target == "" || d.Target == m.Target) &&
					d.Outcome != "refused" && (d.Source == sim.ByAgent || d.Source == sim.ByPlayer) {
					if n == 0 {
						first = d.Label
					}
					n++
				}
			}
			counts = append(counts, float64(n))
			if first != "" {
				firsts = append(firsts, first)
			}
		}
		slices.Sort(counts)
		slices.Sort(firsts)
		c := Cell{Median: ensemble.Quantile(counts, 0.5), Lo: ensemble.Quantile(counts, 0.05), Hi: ensemble.Quantile(counts, 0.95),
			Share: float64(len(firsts)) / float64(len(vr.Runs))}
		c.Text = fmt.Sprintf("%.1f a run (%.0f to %.0f)", mean(counts), c.Lo, c.Hi)
		if len(firsts) > 0 {
			c.When = firsts[(len(firsts)-1)/2]
			c.Text += fmt.Sprintf("; first: median %s", c.When)
		}
		return c
	}
	return Cell{Share: -1, Text: "-"}
}

// share counts the runs in which when finds a date, and their median.
func share(vr *VariantResult, when func(*output.Collector) string, verb string) Cell {
	var dates []string
	for _, c := range vr.Runs {
		if w := when(c); w != "" {
			dates = append(dates, w)
		}
	}
	slices.Sort(dates)
	c := Cell{Share: float64(len(dates)) / float64(len(vr.Runs))}
	c.Text = fmt.Sprintf("%s in %d of %d runs", verb, len(dates), len(vr.Runs))
	if len(dates) > 0 {
		c.When = dates[(len(dates)-1)/2]
		c.Text += ", median " + c.When
	}
	return c
}

// member reports whether agent belongs to institution inst at the end of
// run c: its starting membership, then every join and leave done.
func member(sc *sim.Scenario, c *output.Collector, agent, inst string) bool {
	in := false
	for _, i := range sc.Institutions {
		if i.ID == inst {
			in = slices.Contains(i.Members, agent)
		}
	}
	for _, d := range c.Decisions() {
		if d.Actor != agent || d.Target != inst || d.Outcome != "done" {
			continue
		}
		switch d.Action {
		case "join":
			in = true
		case "leave":
			in = false
		}
	}
	return in
}

func agentAt(s *sim.Snapshot, id string) *sim.AgentState {
	for i := range s.Agents {
		if s.Agents[i].ID == id {
			return &s.Agents[i]
		}
	}
	return nil
}

func metric(a *sim.AgentState, name string) float64 {
	if m, ok := sim.AgentMetricNamed(name); ok {
		return m.Of(a)
	}
	return math.NaN()
}

func mean(x []float64) float64 {
	if len(x) == 0 {
		return math.NaN()
	}
	s := 0.0
	for _, v := range x {
		s += v
	}
	return s / float64(len(x))
}

func mapsKeys(m map[string]int) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func joinComma(xs []string) string {
	s := ""
	for i, x := range xs {
		if i > 0 {
			s += ", "
		}
		s += x
	}
	return s
}

// Verdict is a claim of the key checked against the results.
type Verdict struct {
	Claim *Claim
	// Text says what was compared and what the runs gave.
	Text  string
	Holds bool
}

// Check checks claim c against the runs of r.
func (r *Result) Check(c *Claim) Verdict {
	m := r.measure(c.Measure)
	vr := r.variant(c.Variant)
	if m == nil || vr == nil {
		return Verdict{Claim: c, Text: fmt.Sprintf("%s in %s: not in these results", c.Measure, c.Variant)}
	}
	v, vt := claimValue(m, m.Value(vr))
	var holds bool
	var than string
	switch {
	case c.Above != nil:
		holds, than = v > *c.Above, "above "+claimText(m, *c.Above)
	case c.Below != nil:
		holds, than = v < *c.Below, "below "+claimText(m, *c.Below)
	default:
		other, word := c.AboveVariant, "above"
		switch {
		case c.BelowVariant != "":
			other, word = c.BelowVariant, "below"
		case c.NearVariant != "":
			other, word = c.NearVariant, "within "+claimText(m, *c.Within)+" of"
		}
		ovr := r.variant(other)
		if ovr == nil {
			return Verdict{Claim: c, Text: fmt.Sprintf("%s in %s: not in these results", c.Measure, other)}
		}
		o, ot := claimValue(m, m.Value(ovr))
		switch {
		case c.AboveVariant != "":
			holds = v > o
		case c.BelowVariant != "":
			holds = v < o
		default:
			holds = math.Abs(v-o) <= *c.Within
		}
		than = fmt.Sprintf("%s %s (%s)", word, ovr.Variant.Label, ot)
	}
	return Verdict{Claim: c, Holds: holds, Text: fmt.Sprintf("%s, %s: %s, %s", m.Label, vr.Variant.Label, vt, than)}
}

// Verdicts checks every claim of every question, in order.
func (r *Result) Verdicts() []Verdict {
	var out []Verdict
	for i := range r.Exercise.Questions {
		for k := range r.Exercise.Questions[i].Claims {
			out = append(out, r.Check(&r.Exercise.Questions[i].Claims[k]))
		}
	}
	return out
}

// Quote replaces every {VARIANT: MEASURE LABEL} in text by that measure's
// cell in that variant.
func (r *Result) Quote(text string) string {
	return quote.ReplaceAllStringFunc(text, func(s string) string {
		sm := quote.FindStringSubmatch(s)
		m, vr := r.measure(strings.TrimSpace(sm[2])), r.variant(sm[1])
		if m == nil || vr == nil {
			return s
		}
		return m.Value(vr).Text
	})
}

func (r *Result) measure(label string) *Measure {
	for i := range r.Exercise.Measures {
		if r.Exercise.Measures[i].Label == label {
			return &r.Exercise.Measures[i]
		}
	}
	return nil
}

func (r *Result) variant(name string) *VariantResult {
	for i := range r.Variants {
		if r.Variants[i].Variant.Name == name {
			return &r.Variants[i]
		}
	}
	return nil
}

// claimValue is what a claim compares of a measure's cell: the median of
// a number or of how many times a run takes an action, the share of runs
// for a route, a membership or a victory; and how to print it.
func claimValue(m *Measure, c Cell) (float64, string) {
	switch {
	case m.Metric != "":
		return c.Median, "median " + claimText(m, c.Median)
	case m.Action != "":
		return c.Median, "median " + claimText(m, c.Median)
	}
	return c.Share, claimText(m, c.Share) + " of runs"
}

func claimText(m *Measure, v float64) string {
	switch {
	case m.Metric != "":
		return fmt.Sprintf("%.2f", v)
	case m.Action != "":
		return fmt.Sprintf("%g a run", v)
	}
	return fmt.Sprintf("%.0f %%", 100*v)
}
