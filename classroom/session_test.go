package classroom

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"caspian/output"
	"caspian/play"
	"caspian/scenarios"
	"caspian/sim"
)

func defaultScenario(t *testing.T) *sim.Scenario {
	t.Helper()
	sc, _, _, err := scenarios.Open(scenarios.Default)
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// modelRun is the scenario played by the model alone, as sim run plays
// it.
func modelRun(t *testing.T, sc *sim.Scenario, seed uint64) *output.Collector {
	t.Helper()
	w, err := sim.New(sc, sim.Options{Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	rec := output.NewCollector(sc, 0)
	w.Start(rec)
	for w.BeginTurn(rec) {
		if err := w.EndTurn(rec); err != nil {
			t.Fatal(err)
		}
	}
	return rec
}

// A session in which every seat leaves every turn to the model is the
// model's own run, decision for decision.
func TestAllAutoIsTheModelsRun(t *testing.T) {
	sc := defaultScenario(t)
	s, err := Open(Config{Scenario: sc, Seed: 7, Seats: []string{"AZE", "RUS", "GEO"}})
	if err != nil {
		t.Fatal(err)
	}
	turns := 0
	for !s.Done() {
		if turns%2 == 0 {
			if err := s.EndTurn(); err != nil { // nobody moved: all auto
				t.Fatal(err)
			}
		} else {
			for _, seat := range s.Waiting() {
				if _, err := s.Submit(seat, Auto, "", ""); err != nil {
					t.Fatal(err)
				}
			}
		}
		turns++
	}
	want := modelRun(t, sc, 7)
	if turns == 0 || len(s.Log()) != 3*turns {
		t.Fatalf("played %d turns with %d moves logged", turns, len(s.Log()))
	}
	if !reflect.DeepEqual(s.Collector().Decisions(), want.Decisions()) {
		t.Error("the decisions differ from the model's run")
	}
	if !reflect.DeepEqual(s.Collector().Snapshots(), want.Snapshots()) {
		t.Error("the snapshots differ from the model's run")
	}
}

// playRandomly plays s to the end: each seat picks an option, nothing or
// auto at random, and some turns are ended before every seat has moved.
func playRandomly(t *testing.T, s *Session, r *rand.Rand) {
	t.Helper()
	for !s.Done() {
		for _, seat := range s.Waiting() {
			if r.IntN(5) == 0 {
				continue // absent this turn
			}
			choices, err := s.Choices(seat)
			if err != nil {
				t.Fatal(err)
			}
			action, target, demand := Auto, "", ""
			switch k := r.IntN(len(choices) + 2); {
			case k < len(choices):
				c := choices[k]
				action, target, demand = c.Action, c.Target, c.Demand
			case k == len(choices):
				action = None
			}
			if _, err := s.Submit(seat, action, target, demand); err != nil {
				t.Fatalf("%s %s %s %s: %v", seat, action, target, demand, err)
			}
		}
		if !s.Done() && len(s.Waiting()) > 0 {
			if err := s.EndTurn(); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// Replay rebuilds a session from its log exactly, whatever the students
// did; and the students' moves change the run, so the replay is not
// merely the model's run again.
func TestReplayRebuildsTheSession(t *testing.T) {
	sc := defaultScenario(t)
	cfg := Config{Scenario: sc, Seed: 3, Seats: []string{"AZE", "ARM", "TUR"}}
	for seed := uint64(1); seed <= 3; seed++ {
		s, err := Open(cfg)
		if err != nil {
			t.Fatal(err)
		}
		playRandomly(t, s, rand.New(rand.NewPCG(seed, 0)))
		again, err := Replay(cfg, s.Log())
		if err != nil {
			t.Fatal(err)
		}
		if !again.Done() {
			t.Errorf("seed %d: the replay stopped before the end", seed)
		}
		if !reflect.DeepEqual(again.Collector().Decisions(), s.Collector().Decisions()) ||
			!reflect.DeepEqual(again.Collector().Snapshots(), s.Collector().Snapshots()) ||
			!reflect.DeepEqual(again.Scores(), s.Scores()) || len(s.Scores()) != len(s.Log()) {
			t.Errorf("seed %d: the replay differs from the session", seed)
		}
		if reflect.DeepEqual(s.Collector().Decisions(), modelRun(t, sc, 3).Decisions()) {
			t.Errorf("seed %d: the students' moves changed nothing", seed)
		}
		// Half a log resumes a session half-way.
		half, err := Replay(cfg, s.Log()[:len(s.Log())/2])
		if err != nil {
			t.Fatal(err)
		}
		if half.Done() || len(half.Waiting()) == 0 {
			t.Errorf("seed %d: half the log does not leave a turn open", seed)
		}
	}
}

// A turn happens only once every seat has moved, and all at once.
func TestTurnWaitsForEverySeat(t *testing.T) {
	s, err := Open(Config{Scenario: defaultScenario(t), Seed: 1, Seats: []string{"AZE", "RUS"}})
	if err != nil {
		t.Fatal(err)
	}
	turn, _ := s.Turn()
	if got := s.Waiting(); !reflect.DeepEqual(got, []string{"AZE", "RUS"}) {
		t.Fatalf("Waiting() = %v at the start", got)
	}
	played, err := s.Submit("RUS", None, "", "")
	if err != nil || played {
		t.Fatalf("the first of two moves: played %v, %v", played, err)
	}
	if now, _ := s.Turn(); now != turn || !reflect.DeepEqual(s.Waiting(), []string{"AZE"}) {
		t.Fatalf("after one move: turn %d (was %d), waiting %v", now, turn, s.Waiting())
	}
	played, err = s.Submit("AZE", Auto, "", "")
	if err != nil || !played {
		t.Fatalf("the last move: played %v, %v", played, err)
	}
	if now, _ := s.Turn(); now <= turn || len(s.Waiting()) != 2 {
		t.Errorf("after both moves: turn %d (was %d), waiting %v", now, turn, s.Waiting())
	}
}

func TestSubmitRefuses(t *testing.T) {
	s, err := Open(Config{Scenario: defaultScenario(t), Seed: 1, Seats: []string{"AZE", "RUS"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Submit("AZE", None, "", ""); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ seat, action, target, want string }{
		{"IRN", None, "", `"IRN" is not a seat of this session; the seats are AZE, RUS`},
		{"AZE", None, "", "AZE has already moved in"},
		{"RUS", "", "", "names no action"},
		{"RUS", "join", "nato", "RUS cannot join nato in"},
		{"RUS", "dance", "", "RUS cannot dance in"},
	}
	for _, tt := range tests {
		played, err := s.Submit(tt.seat, tt.action, tt.target, "")
		if played || err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Submit(%s, %s, %s) = %v, %v; want an error containing %q", tt.seat, tt.action, tt.target, played, err, tt.want)
		}
	}
	if !reflect.DeepEqual(s.Waiting(), []string{"RUS"}) {
		t.Errorf("refused moves changed who is waiting: %v", s.Waiting())
	}
}

func TestOpenAndReplayRefuse(t *testing.T) {
	sc := defaultScenario(t)
	for _, seats := range [][]string{{"XXX"}, {"AZE", "AZE"}} {
		if _, err := Open(Config{Scenario: sc, Seats: seats}); err == nil {
			t.Errorf("Open with seats %v: no error", seats)
		}
	}
	cfg := Config{Scenario: sc, Seed: 1, Seats: []string{"AZE"}}
	s, _ := Open(cfg)
	turn, _ := s.Turn()
	if _, err := Replay(cfg, []Move{{Turn: turn + 1, Seat: "AZE", Action: None}}); err == nil || !strings.Contains(err.Error(), "does not fit") {
		t.Errorf("a move in the wrong turn: %v", err)
	}
	if _, err := Replay(cfg, []Move{{Turn: turn, Seat: "AZE", Action: "dance"}}); err == nil || !strings.Contains(err.Error(), "move 1: AZE cannot dance") {
		t.Errorf("a move not on offer: %v", err)
	}
}

// A student who always takes the best option by their state's own rule
// ranks first every quarter; one who always does nothing scores a net
// gain of zero, ranked below every option worth more.
func TestScores(t *testing.T) {
	s, err := Open(Config{Scenario: defaultScenario(t), Seed: 2, Seats: []string{"AZE", "ARM"}})
	if err != nil {
		t.Fatal(err)
	}
	for range 8 {
		choices, err := s.Choices("AZE")
		if err != nil {
			t.Fatal(err)
		}
		best := -1
		for i, c := range choices {
			if c.Acceptable && c.Net() > 0 && (best < 0 || c.Net() > choices[best].Net()) {
				best = i
			}
		}
		if best < 0 {
			s.Submit("AZE", None, "", "")
		} else {
			c := choices[best]
			s.Submit("AZE", c.Action, c.Target, c.Demand)
		}
		if _, err := s.Submit("ARM", None, "", ""); err != nil {
			t.Fatal(err)
		}
	}
	log, scores := s.Log(), s.Scores()
	for i, m := range log {
		sc := scores[i]
		switch m.Seat {
		case "AZE":
			if sc.Rank != 1 || sc.Net < sc.Best-1e-12 {
				t.Errorf("turn %d: the best option (%s %s) ranks %d of %d, net %g, best %g", m.Turn, m.Action, m.Target, sc.Rank, sc.Options, sc.Net, sc.Best)
			}
		case "ARM":
			if sc.Net != 0 || sc.Done.Action != "" || sc.Options < 2 {
				t.Errorf("turn %d: doing nothing scored %+v", m.Turn, sc)
			}
		}
	}
}

// A seat's game, rebuilt with the other seats' moves held fixed, is the
// session itself: the same decisions and states, turn for turn, and the
// seat's moves scored as the session scored them.
func TestGameOfASeatIsTheSession(t *testing.T) {
	sc := defaultScenario(t)
	cfg := Config{Scenario: sc, Seed: 5, Seats: []string{"AZE", "ARM", "GEO"}}
	s, err := Open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	playRandomly(t, s, rand.New(rand.NewPCG(9, 0)))
	for _, seat := range cfg.Seats {
		g, played, err := s.Game(seat)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(g.Collector().Snapshots(), s.Collector().Snapshots()) ||
			!reflect.DeepEqual(g.Collector().Decisions(), s.Collector().Decisions()) {
			t.Errorf("%s: the rebuilt game differs from the session", seat)
		}
		var scores []Score
		for i, m := range s.Log() {
			if m.Seat == seat {
				scores = append(scores, s.Scores()[i])
			}
		}
		if played != len(scores) || len(g.Records()) != played {
			t.Fatalf("%s: %d turns played, %d records, %d moves in the log", seat, played, len(g.Records()), len(scores))
		}
		for i, r := range g.Records() {
			if r.Done != scores[i].Done || r.Rank != scores[i].Rank {
				t.Errorf("%s, %s: the game did %+v (rank %d), the session %+v (rank %d)", seat, r.Label, r.Done, r.Rank,
					scores[i].Done, scores[i].Rank)
			}
		}
	}
	if _, _, err := s.Game("RUS"); err == nil {
		t.Error("a state no student holds has a game")
	}
}

// armeniaAgainstIdleAzerbaijan plays quarters of session s, whose seats
// are Azerbaijan and Armenia: Armenia takes its last option each
// quarter (the model's least favoured), Azerbaijan does nothing.
func armeniaAgainstIdleAzerbaijan(t *testing.T, s *Session, quarters int) {
	t.Helper()
	for range quarters {
		choices, err := s.Choices("ARM")
		if err != nil {
			t.Fatal(err)
		}
		c := choices[len(choices)-1]
		if _, err := s.Submit("ARM", c.Action, c.Target, c.Demand); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Submit("AZE", None, "", ""); err != nil {
			t.Fatal(err)
		}
	}
}

// A session ended early is played on to the end by the model for its
// seat's game; the seat's moves so far are kept.
func TestGameOfAnUnfinishedSession(t *testing.T) {
	sc := defaultScenario(t)
	s, err := Open(Config{Scenario: sc, Seed: 2, Seats: []string{"AZE", "ARM"}})
	if err != nil {
		t.Fatal(err)
	}
	armeniaAgainstIdleAzerbaijan(t, s, 3)
	g, played, err := s.Game("AZE")
	if err != nil {
		t.Fatal(err)
	}
	if played != 3 || !g.Done() {
		t.Fatalf("played %d, done %v", played, g.Done())
	}
	want := s.Collector().Snapshots()
	if got := g.Collector().Snapshots(); !reflect.DeepEqual(got[:len(want)], want) {
		t.Error("the rebuilt game's first quarters differ from the session's")
	}
	for _, r := range g.Records()[:played] {
		if r.Action != None {
			t.Errorf("%s: the rebuilt game has %s, the student did nothing", r.Label, r.Action)
		}
	}
}

// A seat's debrief compares it with the model playing that seat while
// the other students' moves stand: the model's run 0 is the session with
// the seat left to the model.
func TestDebriefHoldsTheOtherStudents(t *testing.T) {
	sc := defaultScenario(t)
	cfg := Config{Scenario: sc, Seed: 2, Seats: []string{"AZE", "ARM"}}
	s, err := Open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	armeniaAgainstIdleAzerbaijan(t, s, 4)
	g, _, err := s.Game("AZE")
	if err != nil {
		t.Fatal(err)
	}
	d, err := play.NewDebrief(g, play.DebriefOptions{Runs: 2, Replays: -1, Draws: 1})
	if err != nil {
		t.Fatal(err)
	}
	log := s.Log()
	for i := range log {
		if log[i].Seat == "AZE" {
			log[i].Action = Auto
		}
	}
	modelled, err := Replay(cfg, log)
	if err != nil {
		t.Fatal(err)
	}
	want := modelled.Collector().Snapshots()
	if got := d.Model[0].Snapshots(); !reflect.DeepEqual(got[:len(want)], want) {
		t.Error("the model's run 0 is not the session with Azerbaijan left to the model")
	}
	if alone := modelRun(t, sc, 2).Snapshots(); reflect.DeepEqual(d.Model[0].Snapshots(), alone) {
		t.Error("the model's run 0 ignores Armenia's moves")
	}
}
