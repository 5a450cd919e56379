package sim

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want Date
		bad  bool
	}{
		{"1994", Date{1994, 1}, false},
		{"1994-Q3", Date{1994, 7}, false},
		{"1994-q4", Date{1994, 10}, false},
		{"1994-07", Date{1994, 7}, false},
		{"1994-Q5", Date{}, true},
		{"1994-13", Date{}, true},
		{"94", Date{}, true},
		{"1994-7", Date{}, true},
		{"", Date{}, true},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in)
		if (err != nil) != tt.bad || (!tt.bad && got != tt.want) {
			t.Errorf("ParseDate(%q) = %v, %v", tt.in, got, err)
		}
	}
}

func TestCalendar(t *testing.T) {
	tests := []struct {
		cal    Calendar
		turns  int
		labels map[int]string
		turnOf map[string]int
	}{
		{Calendar{Start: Date{1991, 10}, End: Date{2025, 10}, Step: Quarter}, 137,
			map[int]string{0: "1991-Q4", 1: "1992-Q1", 136: "2025-Q4"},
			map[string]int{"1991-11": 0, "1994-05": 10, "1990": -7}},
		{Calendar{Start: Date{2000, 3}, End: Date{2001, 2}, Step: Month}, 12,
			map[int]string{0: "2000-03", 11: "2001-02"}, map[string]int{"2000-12": 9}},
		{Calendar{Start: Date{1991, 1}, End: Date{2025, 1}, Step: Year}, 35,
			map[int]string{0: "1991", 34: "2025"}, map[string]int{"2000-Q3": 9}},
	}
	for _, tt := range tests {
		if got := tt.cal.Turns(); got != tt.turns {
			t.Errorf("%v: Turns = %d, want %d", tt.cal, got, tt.turns)
		}
		for turn, want := range tt.labels {
			if got := tt.cal.Label(turn); got != want {
				t.Errorf("Label(%d) = %q, want %q", turn, got, want)
			}
		}
		for d, want := range tt.turnOf {
			date, _ := ParseDate(d)
			if got := tt.cal.TurnOf(date); got != want {
				t.Errorf("TurnOf(%s) = %d, want %d", d, got, want)
			}
		}
	}
}

func TestSeriesAt(t *testing.T) {
	s := Series{Points: []Point{{1991, 10}, {1993, 30}}}
	tests := []struct{ year, want float64 }{
		{1980, 10}, {1991.5, 10}, {1992.5, 20}, {1993.5, 30}, {2050, 30}, {1992, 15},
	}
	for _, tt := range tests {
		if got := s.At(tt.year); math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("At(%v) = %v, want %v", tt.year, got, tt.want)
		}
	}
	if (Series{}).At(2000) != 0 {
		t.Error("empty series should be 0")
	}
}

func TestSeriesUnmarshal(t *testing.T) {
	var s Series
	if err := s.UnmarshalTOML(map[string]any{"1992": 2.5, "1991": int64(1)}); err != nil {
		t.Fatal(err)
	}
	if len(s.Points) != 2 || s.Points[0] != (Point{1991, 1}) || s.Points[1] != (Point{1992, 2.5}) {
		t.Fatalf("got %v", s.Points)
	}
	for _, bad := range []any{map[string]any{"x": 1.0}, map[string]any{"1991": "a"}, map[string]any{"1991": math.NaN()}, "3", math.Inf(1)} {
		if err := s.UnmarshalTOML(bad); err == nil {
			t.Errorf("accepted %v", bad)
		}
	}
	// One number holds in every year.
	for _, v := range []any{3.0, int64(3)} {
		if err := s.UnmarshalTOML(v); err != nil || !s.IsConstant() || s.At(1800) != 3 || s.At(2200) != 3 {
			t.Errorf("%v: %v, err %v", v, s.Points, err)
		}
	}
}

func TestChoose(t *testing.T) {
	w := &World{}
	opts := []option{{gain: Terms{Security: 0.03}, cost: 0.01}, {gain: Terms{Energy: 0.05}, cost: 0.01}, {gain: Terms{Alignment: -0.1}}}
	if i, p := w.choose(opts, 0, 0.99); i != 1 || p != 1 {
		t.Fatalf("argmax picked %d (p=%v), want 1", i, p)
	}
	if i, _ := w.choose([]option{{gain: Terms{Security: 0.001}, cost: 0.002}}, 0, 0.5); i != -1 {
		t.Fatalf("a net loss was chosen over doing nothing")
	}
	// Logit over doing nothing and the options that beat it: the
	// probabilities returned must match exp(v/T)/Σ, the uniform draw must
	// select in proportion to them, and the option with a net loss is
	// never taken, however hot the rule.
	temp := 0.02
	nets := []float64{0, 0.02, 0.04, -0.1}
	total := 0.0
	for _, v := range nets[:3] {
		total += math.Exp(v / temp)
	}
	counts := make([]int, 4)
	const draws = 20000
	for k := range draws {
		u := (float64(k) + 0.5) / draws
		i, p := w.choose(opts, temp, u)
		want := math.Exp(nets[i+1]/temp) / total
		if i == 2 {
			t.Fatalf("draw %v chose the option with a net loss", u)
		}
		if math.Abs(p-want) > 1e-12 {
			t.Fatalf("choice %d: probability %v, want %v", i, p, want)
		}
		counts[i+1]++
	}
	for i, v := range nets[:3] {
		want := math.Exp(v/temp) / total
		if got := float64(counts[i]) / draws; math.Abs(got-want) > 0.001 {
			t.Errorf("option %d chosen %.4f of the time, want %.4f", i-1, got, want)
		}
	}
}

func TestNewRejectsBadScenarios(t *testing.T) {
	tests := []struct {
		name   string
		break_ func(*Scenario)
		want   string
	}{
		{"nil-safe empty", func(s *Scenario) { s.Agents = nil }, "at least two"},
		{"duplicate agent", func(s *Scenario) { s.Agents[1].ID = s.Agents[0].ID }, "duplicate"},
		{"unknown focal", func(s *Scenario) { s.Focal = "XXX" }, "focal"},
		{"bad step", func(s *Scenario) { s.Calendar.Step = "week" }, "calendar.step"},
		{"end before start", func(s *Scenario) { s.Calendar.End = Date{1990, 1} }, "end"},
		{"NaN capability", func(s *Scenario) { s.Agents[0].Capability = math.NaN() }, "finite"},
		{"zero weights", func(s *Scenario) { s.Agents[2].Weights = Interests{} }, "weights"},
		{"alignment range", func(s *Scenario) { s.Agents[2].Alignment = 2 }, "alignment"},
		{"route producer", func(s *Scenario) { s.Routes[0].Producer = "NOPE" }, "NOPE"},
		{"route status", func(s *Scenario) { s.Routes[0].Status = "dreamt" }, "status"},
		{"building without date", func(s *Scenario) { s.Routes[1].Status = Building }, "opens"},
		{"one party", func(s *Scenario) { s.Conflicts[0].Parties = []string{"PRD"} }, "two distinct"},
		{"patron side", func(s *Scenario) { s.Conflicts[0].Patrons[0].Side = "TRN" }, "not a party"},
		{"event kind", func(s *Scenario) { s.Events = []EventSpec{{Date: Date{2001, 1}, Kind: "invade"}} }, "unknown kind"},
		{"event target", func(s *Scenario) {
			s.Events = []EventSpec{{Date: Date{2001, 1}, Kind: "route_open", Target: "nowhere"}}
		}, "nowhere"},
		{"event date", func(s *Scenario) {
			s.Events = []EventSpec{{Date: Date{1950, 1}, Kind: "note"}}
		}, "outside the calendar"},
		{"hazard kind", func(s *Scenario) { s.Hazards = []HazardSpec{{Kind: "meteor"}} }, "unknown kind"},
	}
	for _, tt := range tests {
		sc := smallScenario()
		tt.break_(sc)
		_, err := New(sc, Options{})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want one mentioning %q", tt.name, err, tt.want)
		}
	}
	if _, err := New(nil, Options{}); err == nil {
		t.Error("nil scenario accepted")
	}
}

// Forced history: before history_until the record makes every durable
// decision, and the agents choose only among the rest.
func TestHistoryUntilForcesHistory(t *testing.T) {
	sc := smallScenario()
	sc.Calendar.HistoryUntil = Date{2005, 1}
	sc.Events = []EventSpec{{Date: Date{2001, 4}, Kind: "join", Actor: "PRD", Target: "club", Label: "joins the club"}}
	rec := run(t, sc, Options{Seed: 2})
	first := sc.Calendar.TurnOf(sc.Calendar.HistoryUntil)
	sawEvent, sawChoice := false, false
	for _, d := range rec.decisions {
		k, _ := kindByName(d.Action)
		if d.Source == ByAgent && d.Turn < first && kinds[k].governed {
			t.Fatalf("agent %s chose %s in turn %d, before history_until", d.Actor, d.Action, d.Turn)
		}
		sawChoice = sawChoice || (d.Source == ByAgent && d.Turn < first)
		sawEvent = sawEvent || (d.Source == Scheduled && d.Action == "join")
	}
	if !sawEvent {
		t.Fatal("the dated join was not applied")
	}
	if !sawChoice {
		t.Fatal("nobody chose anything during forced history: the world stood still")
	}
}

// Events dated in the first turn belong to the initial state: they apply
// before turn 0 is recorded.
func TestFirstTurnEventsApply(t *testing.T) {
	sc := smallScenario()
	sc.Calendar.HistoryUntil = Date{}
	sc.Events = []EventSpec{{Date: sc.Calendar.Start, Kind: "shift", Target: "PRD", Value: ptr(0.3), Label: "start"}}
	rec := run(t, sc, Options{Seed: 1})
	i := agentIndex(&rec.snaps[0], "PRD")
	if got := rec.snaps[0].Agents[i].Alignment; math.Abs(got-0.1) > 1e-12 {
		t.Fatalf("turn 0 alignment %v, want -0.2+0.3", got)
	}
	if len(rec.decisions) == 0 || rec.decisions[0].Turn != 0 || rec.decisions[0].Note != "start" {
		t.Fatalf("first-turn event not reported: %+v", rec.decisions[:1])
	}
}

// A non-finite value stops the run with the turn, the quantity, the agent
// and the rule after which it appeared.
func TestNumericalFaultStopsTheRun(t *testing.T) {
	w, err := New(smallScenario(), Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	rec := &tape{}
	w.Start(rec)
	for range 5 {
		w.Step(rec)
	}
	// Poison one influence weight: the alignment update spreads it.
	n := w.N()
	w.st.infl[w.index["PRD"]*n+w.index["EAS"]] = math.Inf(1)
	w.st.infl[w.index["PRD"]*n+w.index["WES"]] = math.Inf(1)
	recorded := len(rec.snaps)
	w.Step(rec)
	err = w.Err()
	var fe *FaultError
	if !errors.As(err, &fe) {
		t.Fatalf("no fault reported: %v", err)
	}
	if fe.Turn != 6 || fe.Quantity != "influence" || fe.Agent != "PRD→EAS" {
		t.Fatalf("fault %+v", fe)
	}
	if !w.Done() {
		t.Fatal("a faulty world is not done")
	}
	if len(rec.snaps) != recorded {
		t.Fatal("the faulty turn was recorded")
	}
	if err := Run(smallScenario(), Options{}, nil); err != nil {
		t.Fatalf("a healthy run reports %v", err)
	}
	sc := smallScenario()
	sc.Prices.Oil = Series{Points: []Point{{2000, math.NaN()}}}
	if _, err := New(sc, Options{}); err == nil || !strings.Contains(err.Error(), "prices") {
		t.Fatalf("NaN price accepted: %v", err)
	}
}

// After set-up the turn loop allocates nothing (with no recorder).
func TestTurnLoopDoesNotAllocate(t *testing.T) {
	sc := smallScenario()
	sc.Calendar.End = Date{2200, 1}
	w, err := New(sc, Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	for range 8 {
		w.Step(nil) // let scratch buffers reach their working size
	}
	if allocs := testing.AllocsPerRun(50, func() { w.Step(nil) }); allocs != 0 {
		t.Fatalf("a turn allocates %v times", allocs)
	}
}

// Projects lists a party's proposed routes and treaties with who has
// committed or signed and who has not, and its routes under construction
// with their opening turn.
func TestProjects(t *testing.T) {
	w := newSmall(t)
	n := len(w.agents)
	prd, wes := w.mustIndex(t, "PRD"), w.mustIndex(t, "WES")
	west := -1
	for r := range w.routes {
		if w.routes[r].spec.ID == "west" {
			west = r
		}
	}
	w.st.committed[west*n+wes] = true
	w.st.signed[0*n+prd] = true
	ps, err := w.Projects("PRD")
	if err != nil {
		t.Fatal(err)
	}
	find := func(id string) *Project {
		for i := range ps {
			if ps[i].ID == id {
				return &ps[i]
			}
		}
		t.Fatalf("%s is not among PRD's projects %+v", id, ps)
		return nil
	}
	if p := find("west"); p.Building || !slices.Equal(p.Agreed, []string{"WES"}) || !slices.Equal(p.Waiting, []string{"PRD", "TRN"}) {
		t.Errorf("west: %+v", p)
	}
	if p := find("seabed"); p.Kind != "agreement" || !slices.Equal(p.Agreed, []string{"PRD"}) || !slices.Equal(p.Waiting, []string{"EAS"}) {
		t.Errorf("seabed: %+v", p)
	}
	w.st.routeStatus[west], w.st.routeOpens[west] = Building, 5
	ps, _ = w.Projects("PRD")
	if p := find("west"); !p.Building || p.Opens != w.cal.Label(5) {
		t.Errorf("west building: %+v", p)
	}
	if _, err := w.Projects("XXX"); err == nil {
		t.Error("an unknown agent has projects")
	}
}
