package hub

import (
	"errors"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"caspian/classroom"
	"caspian/classroom/store"
	"caspian/scenarios"
	"caspian/sim"
)

// clock is a settable time for the pace's tests.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

// newHub is a hub on a new store, closed when the test ends.
func newHub(t *testing.T, now func() time.Time) *Hub {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	h, err := New(st, scenarios.Options{}, now)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func newSession(t *testing.T, h *Hub, seats []string, pace time.Duration) (store.Session, string) {
	t.Helper()
	data, err := scenarios.Source(scenarios.Default)
	if err != nil {
		t.Fatal(err)
	}
	rec, token, err := h.Create(store.NewSession{Title: "Week 3", ScenarioName: scenarios.Default, Scenario: data,
		Seed: 5, Seats: seats, Pace: pace})
	if err != nil {
		t.Fatal(err)
	}
	return rec, token
}

// snapshot is everything a session shows, to compare two hubs' views.
func snapshot(t *testing.T, h *Hub, code string) (View, []classroom.Move, any) {
	t.Helper()
	var log []classroom.Move
	var decisions any
	if err := h.Read(code, func(s *classroom.Session) error {
		log, decisions = s.Log(), s.Collector().Decisions()
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	var v View
	h.mu.Lock()
	l := h.byCode[code]
	h.mu.Unlock()
	l.mu.Lock()
	v = l.view(h.now())
	l.mu.Unlock()
	v.Version = 0
	return v, log, decisions
}

// Five students join a session, move, one reconnects, and the server
// restarts twice, once in the middle of a turn: nothing is lost, and the
// session goes on exactly as if it had never stopped.
func TestRestartLosesNothing(t *testing.T) {
	db := filepath.Join(t.TempDir(), "sessions.db")
	seats := []string{"AZE", "ARM", "GEO", "RUS", "TUR"}
	c := &clock{t: time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)}
	open := func() (*Hub, *store.Store) {
		st, err := store.Open(db)
		if err != nil {
			t.Fatal(err)
		}
		h, err := New(st, scenarios.Options{}, c.now)
		if err != nil {
			t.Fatal(err)
		}
		return h, st
	}
	h, st := open()
	rec, teacher := newSession(t, h, seats, 0)
	tokens := map[string]string{}
	for _, seat := range seats {
		tok, err := h.Join(strings.ToLower(rec.Code), seat, "student "+seat)
		if err != nil {
			t.Fatal(err)
		}
		tokens[seat] = tok
	}
	// A control session, never restarted, gets the same moves.
	control, err := classroom.Open(classroom.Config{Scenario: mustScenario(t), Seed: 5, Seats: seats})
	if err != nil {
		t.Fatal(err)
	}
	move := func(seat string, n int) {
		t.Helper()
		v, err := h.Student(rec.Code, tokens[seat])
		if err != nil {
			t.Fatal(err)
		}
		m := classroom.Move{Action: classroom.None}
		if len(v.Choices) > 0 && n%3 != 0 {
			ch := v.Choices[n%len(v.Choices)]
			m = classroom.Move{Action: ch.Action, Target: ch.Target, Demand: ch.Demand}
		}
		if err := h.Move(rec.Code, tokens[seat], m); err != nil {
			t.Fatalf("%s: %v", seat, err)
		}
		if _, err := control.Submit(seat, m.Action, m.Target, m.Demand); err != nil {
			t.Fatal(err)
		}
	}
	for turn := 0; turn < 6; turn++ {
		for i, seat := range seats {
			if turn%2 == 1 && i >= 3 {
				continue // two students are slow this turn
			}
			move(seat, turn+i)
		}
		if turn%2 == 1 {
			if err := h.EndTurn(rec.Code, teacher); err != nil {
				t.Fatal(err)
			}
			if err := control.EndTurn(); err != nil {
				t.Fatal(err)
			}
		}
		if turn == 2 || turn == 4 {
			// The server restarts; at turn 4 two students have moved.
			if turn == 4 {
				move("AZE", 1)
				move("ARM", 2)
			}
			before, log, decisions := snapshot(t, h, rec.Code)
			st.Close()
			h, st = open()
			after, log2, decisions2 := snapshot(t, h, rec.Code)
			if !reflect.DeepEqual(before, after) || !reflect.DeepEqual(log, log2) || !reflect.DeepEqual(decisions, decisions2) {
				t.Fatalf("turn %d: the restarted session differs: %+v / %+v", turn, before, after)
			}
			if turn == 4 {
				for _, seat := range []string{"GEO", "RUS", "TUR"} {
					move(seat, 3)
				}
			}
		}
	}
	// A student who reloads the page gets their seat back with their token.
	v, err := h.Student(rec.Code, tokens["GEO"])
	if err != nil || v.Seat != "GEO" {
		t.Errorf("GEO reconnecting: %+v, %v", v, err)
	}
	if got := control.Collector().Decisions(); !reflect.DeepEqual(got, mustDecisions(t, h, rec.Code)) {
		t.Error("the session that restarted differs from the one that did not")
	}
	st.Close()
}

func mustScenario(t *testing.T) *sim.Scenario {
	t.Helper()
	sc, _, _, err := scenarios.Open(scenarios.Default)
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

func mustDecisions(t *testing.T, h *Hub, code string) []sim.Decision {
	t.Helper()
	var out []sim.Decision
	if err := h.Read(code, func(s *classroom.Session) error {
		out = slices.Clone(s.Collector().Decisions())
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

// Only a student may move, only for their own seat, and only the
// instructor may end a turn or pause the session.
func TestWhoMayDoWhat(t *testing.T) {
	h := newHub(t, nil)
	rec, teacher := newSession(t, h, []string{"AZE", "ARM"}, 0)
	aze, err := h.Join(rec.Code, "AZE", "Leyla")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.Join(rec.Code, "AZE", "Someone else"); !errors.Is(err, store.ErrSeatTaken) {
		t.Errorf("a taken seat: %v", err)
	}
	if err := h.Move(rec.Code, "not-a-token", classroom.Move{Action: classroom.None}); !errors.Is(err, store.ErrWrongToken) {
		t.Errorf("a move with a wrong token: %v", err)
	}
	if err := h.Move(rec.Code, teacher, classroom.Move{Action: classroom.None}); !errors.Is(err, store.ErrWrongToken) {
		t.Errorf("the instructor moving for a seat: %v", err)
	}
	if err := h.EndTurn(rec.Code, aze); !errors.Is(err, store.ErrWrongToken) {
		t.Errorf("a student ending the turn: %v", err)
	}
	if err := h.SetState(rec.Code, aze, store.StatePaused); !errors.Is(err, store.ErrWrongToken) {
		t.Errorf("a student pausing: %v", err)
	}
	if err := h.Move("NOSUCH", aze, classroom.Move{Action: classroom.None}); !errors.Is(err, ErrNotFound) {
		t.Errorf("an unknown code: %v", err)
	}
	if err := h.SetState(rec.Code, teacher, store.StatePaused); err != nil {
		t.Fatal(err)
	}
	if err := h.Move(rec.Code, aze, classroom.Move{Action: classroom.None}); err == nil || !strings.Contains(err.Error(), "paused") {
		t.Errorf("a move while paused: %v", err)
	}
	if err := h.SetState(rec.Code, teacher, store.StateOpen); err != nil {
		t.Fatal(err)
	}
	if err := h.Move(rec.Code, aze, classroom.Move{Action: classroom.None}); err != nil {
		t.Errorf("a move after resuming: %v", err)
	}
	if err := h.Move(rec.Code, aze, classroom.Move{Action: classroom.None}); err == nil || !strings.Contains(err.Error(), "already moved") {
		t.Errorf("a second move in one turn: %v", err)
	}
}

// A session with a pace ends its turn when the pace runs out, not
// before, and not while paused.
func TestPaceEndsTurns(t *testing.T) {
	c := &clock{t: time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)}
	h := newHub(t, c.now)
	rec, teacher := newSession(t, h, []string{"AZE"}, 90*time.Second)
	turn := func() int {
		v, _, err := h.Instructor(rec.Code, teacher)
		if err != nil {
			t.Fatal(err)
		}
		return v.Turn
	}
	start := turn()
	c.t = c.t.Add(89 * time.Second)
	if err := h.Tick(); err != nil || turn() != start {
		t.Fatalf("before the pace ran out: turn %d (was %d), %v", turn(), start, err)
	}
	if v, _, _ := h.Instructor(rec.Code, teacher); v.Left != time.Second {
		t.Errorf("time left %v, want 1s", v.Left)
	}
	c.t = c.t.Add(time.Second)
	if err := h.Tick(); err != nil || turn() != start+1 {
		t.Fatalf("when the pace ran out: turn %d (was %d), %v", turn(), start, err)
	}
	if err := h.SetState(rec.Code, teacher, store.StatePaused); err != nil {
		t.Fatal(err)
	}
	c.t = c.t.Add(time.Hour)
	if err := h.Tick(); err != nil || turn() != start+1 {
		t.Errorf("while paused: turn %d (was %d), %v", turn(), start+1, err)
	}
}

// Fast-forward plays quarters for everyone at the instructor's word, and
// only at the instructor's.
func TestFastForward(t *testing.T) {
	h := newHub(t, nil)
	rec, teacher := newSession(t, h, []string{"AZE", "ARM"}, 0)
	aze, _ := h.Join(rec.Code, "AZE", "Leyla")
	if err := h.Move(rec.Code, aze, classroom.Move{Action: classroom.None}); err != nil {
		t.Fatal(err)
	}
	before, _, _ := h.Instructor(rec.Code, teacher)
	if err := h.FastForward(rec.Code, aze, 4); !errors.Is(err, store.ErrWrongToken) {
		t.Errorf("a student fast-forwarding: %v", err)
	}
	if err := h.FastForward(rec.Code, teacher, 0); err == nil {
		t.Error("fast-forward by 0 quarters: no error")
	}
	if err := h.FastForward(rec.Code, teacher, 4); err != nil {
		t.Fatal(err)
	}
	after, _, _ := h.Instructor(rec.Code, teacher)
	if after.Turn != before.Turn+4 {
		t.Errorf("fast-forward 4 quarters: turn %d, was %d", after.Turn, before.Turn)
	}
	var log []classroom.Move
	h.Read(rec.Code, func(s *classroom.Session) error { log = s.Log(); return nil })
	if len(log) != 8 || log[0].Action != classroom.None || log[1].Action != classroom.Auto {
		t.Errorf("the log after fast-forward: %+v", log)
	}
	if err := h.FastForward(rec.Code, teacher, maxFastForward); err != nil {
		t.Fatal(err)
	}
	if v, _, _ := h.Instructor(rec.Code, teacher); !v.Done {
		t.Errorf("fast-forward past the end: turn %d, not done", v.Turn)
	}
}
