package patterns

import (
	"errors"
	"math"
	"strings"
	"testing"

	"caspian/sim"
)

func date(s string) sim.Date {
	d, err := sim.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func ptr[T any](v T) *T { return &v }

// world is a small scenario: two states, a route, a conflict, an
// institution and a treaty, run yearly from 2000 to 2009 with history
// forced until 2002.
func world(patterns ...sim.PatternSpec) *sim.Scenario {
	return &sim.Scenario{
		Name:     "small",
		Focal:    "AAA",
		Calendar: sim.Calendar{Start: date("2000"), End: date("2009"), Step: sim.Year, HistoryUntil: date("2002")},
		Axis:     sim.Axis{NegativePoles: []string{"RUS"}},
		Model:    sim.DefaultParams(),
		Actions:  sim.DefaultActions(),
		Prices:   sim.Prices{GasOilRatio: 4},
		Agents: []sim.AgentSpec{
			{ID: "AAA", Capability: 1, Weights: sim.Interests{Security: 1}, Stubbornness: 0.5, Stability: 0.5},
			{ID: "RUS", Capability: 5, Weights: sim.Interests{Security: 1}, Stubbornness: 1, Stability: 0.5},
		},
		Routes:       []sim.RouteSpec{{ID: "pipe", Commodity: sim.Gas, Producer: "AAA", Market: "RUS", Capacity: 1, Status: sim.Proposed, BuildTurns: 2}},
		Conflicts:    []sim.ConflictSpec{{ID: "war", Parties: []string{"AAA", "RUS"}, Victory: 0.9}},
		Institutions: []sim.Institution{{ID: "bloc", Pole: -1, Members: []string{"RUS"}, Open: true}},
		Agreements:   []sim.AgreementSpec{{ID: "deal", Parties: []string{"AAA", "RUS"}}},
		Patterns:     patterns,
	}
}

// snapshot is turn t of a run of world: year 2000+t, AAA's alignment x,
// the route's flow, the conflict's phase and AAA's membership of bloc.
func snapshot(t int, x, flow float64, phase sim.Phase, member bool) *sim.Snapshot {
	return &sim.Snapshot{
		Turn: t, Year: 2000.5 + float64(t),
		Agents:       []sim.AgentState{{ID: "AAA", Interests: sim.Interests{Alignment: x}, Affinity: []float64{0, 0}}, {ID: "RUS", Interests: sim.Interests{Alignment: -1}, Affinity: []float64{0, 0}}},
		Routes:       []sim.RouteState{{ID: "pipe", Flow: flow, Status: sim.Open}},
		Conflicts:    []sim.ConflictState{{ID: "war", Phase: phase}},
		Institutions: []sim.InstitutionState{{ID: "bloc", Members: []bool{member, true}}},
		Agreements:   []sim.AgreementState{{ID: "deal"}},
	}
}

// play feeds ten turns to a recorder: AAA's alignment rises by 0.1 a
// year from 0, the route first flows in 2004, the conflict is at war in
// 2005 only, AAA joins the bloc in 2006 (a decision) and the decisions
// given are reported in their turns.
func play(t *testing.T, c *Check, decisions ...sim.Decision) RunResult {
	t.Helper()
	r := c.Recorder(0)
	for turn := range 10 {
		for i := range decisions {
			if decisions[i].Turn == turn {
				r.Decision(&decisions[i])
			}
		}
		flow, phase := 0.0, sim.Frozen
		if turn >= 4 {
			flow = 1
		}
		if turn == 5 {
			phase = "war"
		}
		r.Turn(snapshot(turn, 0.1*float64(turn), flow, phase, turn >= 6))
	}
	return r.Result()
}

func TestPatternKinds(t *testing.T) {
	join := sim.Decision{Turn: 6, Source: sim.ByAgent, Actor: "AAA", Action: "join", Target: "bloc", Outcome: "done"}
	sale := func(turn int, actor string, size float64) sim.Decision {
		return sim.Decision{Turn: turn, Source: sim.ByAgent, Actor: actor, Action: "arms_deal", Target: "AAA", Outcome: "done", Size: size}
	}
	// Russia makes two of the three sales, a third of the arms.
	decisions := []sim.Decision{join, sale(3, "RUS", 0.05), sale(4, "RUS", 0.05), sale(5, "USA", 0.2)}
	cases := []struct {
		name  string
		p     sim.PatternSpec
		held  bool
		first int
	}{
		{"event in window", sim.PatternSpec{Kind: "event", Actor: "AAA", Actions: []string{"join"}, Target: "bloc", From: date("2005"), Until: date("2007")}, true, 6},
		{"event outside window", sim.PatternSpec{Kind: "event", Actor: "AAA", Actions: []string{"join"}, From: date("2007"), Until: date("2009")}, false, -1},
		{"event, wrong actor", sim.PatternSpec{Kind: "event", Actor: "RUS", Actions: []string{"join"}}, false, -1},
		{"event at most zero", sim.PatternSpec{Kind: "event", Actions: []string{"join"}, Max: ptr(0), Until: date("2005")}, true, -1},
		{"event at most zero, broken", sim.PatternSpec{Kind: "event", Actions: []string{"join"}, Max: ptr(0)}, false, 6},
		{"event at least three", sim.PatternSpec{Kind: "event", Actions: []string{"arms_deal"}, Min: ptr(3)}, true, 3},
		{"event at least four", sim.PatternSpec{Kind: "event", Actions: []string{"arms_deal"}, Min: ptr(4)}, false, 3},
		{"share above", sim.PatternSpec{Kind: "share", Actor: "RUS", Actions: []string{"arms_deal"}, Target: "AAA", Above: ptr(0.6)}, true, -1},
		{"share above, too high", sim.PatternSpec{Kind: "share", Actor: "RUS", Actions: []string{"arms_deal"}, Above: ptr(0.7)}, false, -1},
		{"share of sizes, too high", sim.PatternSpec{Kind: "share", Actor: "RUS", Actions: []string{"arms_deal"}, Weigh: "size", Above: ptr(0.6)}, false, -1},
		{"share of sizes", sim.PatternSpec{Kind: "share", Actor: "RUS", Actions: []string{"arms_deal"}, Weigh: "size", Above: ptr(0.3), Below: ptr(0.4)}, true, -1},
		{"share of counts", sim.PatternSpec{Kind: "share", Actor: "RUS", Actions: []string{"arms_deal"}, Weigh: "count", Above: ptr(0.6), Below: ptr(0.7)}, true, -1},
		{"share with no decisions", sim.PatternSpec{Kind: "share", Actor: "RUS", Actions: []string{"pressure"}, Above: ptr(0.0)}, false, -1},
		{"state always", sim.PatternSpec{Kind: "state", Entity: "AAA", Metric: "alignment", Below: ptr(0.45), Until: date("2004")}, true, -1},
		{"state always, broken", sim.PatternSpec{Kind: "state", Entity: "AAA", Metric: "alignment", Below: ptr(0.45), Until: date("2005")}, false, -1},
		{"state never", sim.PatternSpec{Kind: "state", Entity: "war", Metric: "war", Above: ptr(0.5), Holds: "never", From: date("2006")}, true, -1},
		{"state never, broken", sim.PatternSpec{Kind: "state", Entity: "war", Metric: "war", Above: ptr(0.5), Holds: "never"}, false, -1},
		{"state sometime", sim.PatternSpec{Kind: "state", Entity: "war", Metric: "war", Above: ptr(0.5), Holds: "sometime"}, true, -1},
		{"state first in window", sim.PatternSpec{Kind: "state", Entity: "pipe", Metric: "flow", Above: ptr(0.0), Holds: "first", From: date("2003"), Until: date("2005")}, true, 4},
		{"state first before window", sim.PatternSpec{Kind: "state", Entity: "pipe", Metric: "flow", Above: ptr(0.0), Holds: "first", From: date("2005"), Until: date("2006")}, false, 4},
		{"state mostly", sim.PatternSpec{Kind: "state", Entity: "bloc", Metric: "member_AAA", Above: ptr(0.5), Holds: "mostly", Fraction: 0.4}, true, -1},
		{"state mostly, broken", sim.PatternSpec{Kind: "state", Entity: "bloc", Metric: "member_AAA", Above: ptr(0.5), Holds: "mostly", Fraction: 0.5}, false, -1},
		{"state than", sim.PatternSpec{Kind: "state", Entity: "AAA", Metric: "alignment", Than: "RUS", Above: ptr(0.95)}, true, -1},
		{"change rise", sim.PatternSpec{Kind: "change", Entity: "AAA", Metric: "alignment", Above: ptr(0.29), From: date("2001"), Until: date("2004")}, true, -1},
		{"change rise, too small", sim.PatternSpec{Kind: "change", Entity: "AAA", Metric: "alignment", Above: ptr(0.31), From: date("2001"), Until: date("2004")}, false, -1},
		{"change ratio", sim.PatternSpec{Kind: "change", Entity: "AAA", Metric: "alignment", Ratio: true, Above: ptr(3.9), From: date("2001"), Until: date("2004")}, true, -1},
		{"institution members", sim.PatternSpec{Kind: "state", Entity: "bloc", Metric: "members", Above: ptr(1.5), Holds: "first"}, true, 6},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tc.p.ID, tc.p.Source = "p", "test"
			c, err := Compile(world(tc.p))
			if err != nil {
				t.Fatal(err)
			}
			res := play(t, c, decisions...)
			if res.Held[0] != tc.held || res.First[0] != tc.first {
				t.Errorf("held %v first %d, want held %v first %d", res.Held[0], res.First[0], tc.held, tc.first)
			}
		})
	}
}

func TestOrderPattern(t *testing.T) {
	join := sim.Decision{Turn: 6, Source: sim.ByAgent, Actor: "AAA", Action: "join", Target: "bloc"}
	flow := sim.PatternSpec{ID: "flows", Source: "t", Kind: "state", Entity: "pipe", Metric: "flow", Above: ptr(0.0), Holds: "first", Until: date("2005")}
	joins := sim.PatternSpec{ID: "joins", Source: "t", Kind: "event", Actions: []string{"join"}}
	for _, tc := range []struct {
		first, then string
		held        bool
	}{{"flows", "joins", true}, {"joins", "flows", false}} {
		order := sim.PatternSpec{ID: "order", Source: "t", Kind: "order", First: tc.first, Then: tc.then}
		c, err := Compile(world(flow, joins, order))
		if err != nil {
			t.Fatal(err)
		}
		if got := play(t, c, join).Held[2]; got != tc.held {
			t.Errorf("%s before %s: held %v, want %v", tc.first, tc.then, got, tc.held)
		}
		if c.checks[2].until != c.turns-1 || c.checks[2].from != 0 {
			t.Errorf("order window %d-%d, want the span of its patterns", c.checks[2].from, c.checks[2].until)
		}
	}
}

func TestSeriesFit(t *testing.T) {
	obs := []float64{1, 3, 2, 5, 4}
	for _, tc := range []struct {
		name        string
		model       []float64
		corr, ratio float64
	}{
		{"identical", []float64{1, 3, 2, 5, 4}, 1, 1},
		{"shifted and halved", []float64{10.5, 11.5, 11, 12.5, 12}, 1, 0.5},
		{"mirrored", []float64{5, 3, 4, 1, 2}, -1, 1},
		{"a gap is skipped", []float64{1, math.NaN(), 2, 5, 4}, 1, 1},
	} {
		f := FitSeries(tc.model, obs)
		if math.Abs(f.Correlation-tc.corr) > 1e-12 || math.Abs(f.RangeRatio-tc.ratio) > 1e-12 {
			t.Errorf("%s: r %v range %v, want %v and %v", tc.name, f.Correlation, f.RangeRatio, tc.corr, tc.ratio)
		}
	}
	if f := FitSeries([]float64{1, 1, 1}, []float64{1, 2, 3}); !math.IsNaN(f.Correlation) || f.RangeRatio != 0 {
		t.Errorf("flat model: r %v range %v, want NaN and 0", f.Correlation, f.RangeRatio)
	}
}

// TestSeriesPattern runs a path that follows an observed series (held)
// and one that does not move (not held).
func TestSeriesPattern(t *testing.T) {
	p := sim.PatternSpec{ID: "s", Source: "t", Kind: "series", Entity: "AAA", Metric: "alignment", Center: true, Scale: 2, Offset: 7,
		Observed: sim.Series{Points: []sim.Point{{Year: 2001, Value: 0.05}, {Year: 2002, Value: 0.1}, {Year: 2003, Value: 0.15}, {Year: 2004, Value: 0.2}}}}
	c, err := Compile(world(p))
	if err != nil {
		t.Fatal(err)
	}
	follows := play(t, c)
	if !follows.Held[0] {
		t.Fatalf("a path that rises with the observed series does not hold: %v", follows.Series[0])
	}
	for y, want := range []float64{0.1, 0.2, 0.3, 0.4} {
		if math.Abs(follows.Series[0][y]-want) > 1e-12 {
			t.Errorf("year %d: %v, want the yearly mean %v", 2001+y, follows.Series[0][y], want)
		}
	}
	// Mapped and centred: 2·x + 7 less its mean.
	info := c.Info(0)
	for i, want := range []float64{-0.15, -0.05, 0.05, 0.15} {
		if math.Abs(info.Observed[i]-want) > 1e-12 {
			t.Errorf("observed[%d] = %v, want %v", i, info.Observed[i], want)
		}
	}
	r := c.Recorder(1)
	for turn := range 10 {
		r.Turn(snapshot(turn, 0.3, 0, "frozen", false))
	}
	if r.Result().Held[0] {
		t.Error("a flat path holds")
	}
}

func TestProblems(t *testing.T) {
	cases := []struct {
		p       sim.PatternSpec
		key, in string
	}{
		{sim.PatternSpec{ID: "x", Source: "s", Kind: "guess"}, "kind", "unknown kind"},
		{sim.PatternSpec{ID: "x", Source: "s", Kind: "event"}, "actions", "no action"},
		{sim.PatternSpec{ID: "x", Source: "s", Kind: "event", Actions: []string{"jion"}}, "actions", `"jion"`},
		{sim.PatternSpec{ID: "x", Source: "s", Kind: "event", Actions: []string{"join"}, Actor: "ZZZ"}, "actor", "ZZZ"},
		{sim.PatternSpec{ID: "x", Source: "s", Kind: "state", Entity: "AAA", Metric: "power", Above: ptr(0.0)}, "metric", "alignment"},
		{sim.PatternSpec{ID: "x", Source: "s", Kind: "state", Entity: "nowhere", Metric: "flow", Above: ptr(0.0)}, "entity", "nowhere"},
		{sim.PatternSpec{ID: "x", Source: "s", Kind: "state", Entity: "pipe", Metric: "flow"}, "above", "neither"},
		{sim.PatternSpec{ID: "x", Source: "s", Kind: "state", Entity: "pipe", Metric: "flow", Above: ptr(0.0), Holds: "often"}, "holds", "often"},
		{sim.PatternSpec{ID: "x", Source: "s", Kind: "order", First: "x", Then: "y"}, "first", "no first time"},
		{sim.PatternSpec{ID: "x", Kind: "event", Actions: []string{"join"}}, "source", "missing"},
		{sim.PatternSpec{ID: "x", Source: "s", Kind: "share", Actor: "AAA", Actions: []string{"arms_deal"}, Above: ptr(0.5), Weigh: "value"}, "weigh", `"value"`},
		{sim.PatternSpec{ID: "x", Source: "s", Kind: "event", Actions: []string{"join"}, Weigh: "size"}, "weigh", "only a share"},
		{sim.PatternSpec{ID: "x", Source: "s", Kind: "series", Entity: "AAA", Metric: "alignment", Observed: sim.Series{Points: []sim.Point{{Year: 2003, Value: 1}}}}, "observed", "at least 3"},
		{sim.PatternSpec{ID: "x", Source: "s", Kind: "event", Actions: []string{"join"}, From: date("2008"), Until: date("2004")}, "until", "empty"},
	}
	for _, tc := range cases {
		probs := Problems(world(tc.p))
		if len(probs) == 0 {
			t.Errorf("%+v: no problem found", tc.p)
			continue
		}
		if probs[0].Pattern != 1 || probs[0].Key != tc.key || !strings.Contains(probs[0].Problem+probs[0].Hint, tc.in) {
			t.Errorf("%+v: got %v, want key %s mentioning %q", tc.p, probs[0], tc.key, tc.in)
		}
	}
	dup := sim.PatternSpec{ID: "x", Source: "s", Kind: "event", Actions: []string{"join"}}
	if probs := Problems(world(dup, dup)); len(probs) != 1 || probs[0].Pattern != 2 || probs[0].Key != "id" {
		t.Errorf("duplicate id: %v", probs)
	}
}

func TestReadObserved(t *testing.T) {
	good := "pattern,agent,metric,year,observed\nmine,AAA,alignment,2001,0.1\nmine,AAA,alignment,2003,0.3\nmine,AAA,alignment,2002,0.2\n,AAA,security,2001,0.5\n"
	specs, err := ReadObserved(strings.NewReader(good), "obs.csv")
	if err != nil {
		t.Fatal(err)
	}
	if len(specs) != 2 || specs[0].ID != "mine" || specs[1].ID != "observed-AAA-security" || !specs[0].Center {
		t.Fatalf("specs %+v", specs)
	}
	if pts := specs[0].Observed.Points; len(pts) != 3 || pts[1].Year != 2002 || pts[1].Value != 0.2 {
		t.Errorf("points not sorted by year: %v", pts)
	}
	for _, tc := range []struct {
		in   string
		line int
		msg  string
	}{
		{"", 1, "empty"},
		{"agent,metric,year\n", 1, `no column "observed"`},
		{"agent,metric,year,value\nAAA,alignment,20x1,0.1\n", 2, "four-digit year"},
		{"agent,metric,year,value\nAAA,alignment,2001,abc\n", 2, "want a number"},
		{"agent,metric,year,value\nAAA,alignment,2001,1\nAAA,alignment,2001,2\n", 3, "given twice"},
		{"agent,metric,year,value\n,alignment,2001,1\n", 2, "must not be empty"},
	} {
		_, err := ReadObserved(strings.NewReader(tc.in), "obs.csv")
		var oe *ObservedError
		if !errors.As(err, &oe) || oe.Line != tc.line || !strings.Contains(err.Error(), tc.msg) || !strings.HasPrefix(err.Error(), "obs.csv:") {
			t.Errorf("%q: got %v, want line %d with %q", tc.in, err, tc.line, tc.msg)
		}
	}
}

func TestRecordEvents(t *testing.T) {
	sc := world()
	sc.Events = []sim.EventSpec{
		{Date: date("2001"), Kind: "join", Actor: "AAA", Target: "bloc"},                 // forced history
		{Date: date("2004"), Kind: "join", Actor: "AAA", Target: "bloc", Label: "Joins"}, // recorded
		{Date: date("2004"), Kind: "relation", Actor: "AAA", Target: "RUS"},              // not a choice
		{Date: date("2005"), Kind: "join", Actor: "AAA", Target: "bloc", Always: true},   // a shock
	}
	c, err := Compile(sc)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.record) != 1 || c.record[0].label != "Joins" {
		t.Fatalf("record %+v, want the 2004 join alone", c.record)
	}
	near := sim.Decision{Turn: 6, Source: sim.ByAgent, Actor: "AAA", Action: "join", Target: "bloc"}
	far := sim.Decision{Turn: 9, Source: sim.ByAgent, Actor: "AAA", Action: "join", Target: "bloc"}
	if d := play(t, c, near).Record[0]; d != 2 {
		t.Errorf("a join two turns after the record: distance %d", d)
	}
	if d := play(t, c, near, far).Record[0]; d != 2 {
		t.Errorf("the nearest of two joins: distance %d", d)
	}
	if d := play(t, c).Record[0]; d != -1 {
		t.Errorf("no join: distance %d, want -1", d)
	}
}
