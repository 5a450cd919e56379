package store

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"caspian/classroom"
	"caspian/scenarios"
)

// game plays the same moves in one or more sessions at once, as a
// server would: every move a session accepts is appended to the store
// as it is made.
type game struct {
	t        *testing.T
	st       *Store
	id       int64
	r        *rand.Rand
	sessions []*classroom.Session
	actions  int // moves that were neither None nor Auto
}

// submit makes seat's move in every session and stores it.
func (g *game) submit(seat, action, target, demand string) {
	g.t.Helper()
	turn, _ := g.sessions[0].Turn()
	for _, s := range g.sessions {
		if _, err := s.Submit(seat, action, target, demand); err != nil {
			g.t.Fatalf("%s %s %s %s: %v", seat, action, target, demand, err)
		}
	}
	if err := g.st.AppendMoves(g.id, []classroom.Move{{Turn: turn, Seat: seat, Action: action, Target: target, Demand: demand}}); err != nil {
		g.t.Fatal(err)
	}
}

// endTurn ends the open turn in every session and stores an Auto move
// for each seat that had not moved.
func (g *game) endTurn() {
	g.t.Helper()
	turn, _ := g.sessions[0].Turn()
	var autos []classroom.Move
	for _, seat := range g.sessions[0].Waiting() {
		autos = append(autos, classroom.Move{Turn: turn, Seat: seat, Action: classroom.Auto})
	}
	for _, s := range g.sessions {
		if err := s.EndTurn(); err != nil {
			g.t.Fatal(err)
		}
	}
	if err := g.st.AppendMoves(g.id, autos); err != nil {
		g.t.Fatal(err)
	}
}

// students has each waiting seat move, but for one in four who is
// absent: an option at random, nothing or auto.
func (g *game) students() {
	g.t.Helper()
	for _, seat := range g.sessions[0].Waiting() {
		if g.r.IntN(4) == 0 {
			continue
		}
		choices, err := g.sessions[0].Choices(seat)
		if err != nil {
			g.t.Fatal(err)
		}
		switch k := g.r.IntN(len(choices) + 2); {
		case k < len(choices):
			c := choices[k]
			g.submit(seat, c.Action, c.Target, c.Demand)
			g.actions++
		case k == len(choices):
			g.submit(seat, classroom.None, "", "")
		default:
			g.submit(seat, classroom.Auto, "", "")
		}
	}
}

// turn plays one turn: the students move and, if some are absent, the
// instructor ends the turn.
func (g *game) turn() {
	g.t.Helper()
	g.students()
	if !g.sessions[0].Done() && len(g.sessions[0].Waiting()) > 0 {
		g.endTurn()
	}
}

// same fails the test unless the sessions stand at the same turn with
// the same seats waiting, the same log, snapshots and decisions.
func same(t *testing.T, when string, a, b *classroom.Session) {
	t.Helper()
	ta, _ := a.Turn()
	tb, _ := b.Turn()
	if ta != tb || a.Done() != b.Done() {
		t.Fatalf("%s: turn %d (done %v), want %d (done %v)", when, tb, b.Done(), ta, a.Done())
	}
	if !reflect.DeepEqual(a.Waiting(), b.Waiting()) {
		t.Fatalf("%s: waiting for %v, want %v", when, b.Waiting(), a.Waiting())
	}
	if !reflect.DeepEqual(a.Log(), b.Log()) {
		t.Fatalf("%s: the logs differ", when)
	}
	if !reflect.DeepEqual(a.Collector().Snapshots(), b.Collector().Snapshots()) {
		t.Fatalf("%s: the snapshots differ", when)
	}
	if !reflect.DeepEqual(a.Collector().Decisions(), b.Collector().Decisions()) {
		t.Fatalf("%s: the decisions differ", when)
	}
}

// resume loads a session from the store and replays it.
func resume(t *testing.T, st *Store, id int64) *classroom.Session {
	t.Helper()
	rec, err := st.Load(id)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := rec.Config(scenarios.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := classroom.Replay(cfg, rec.Moves)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// A session stored move by move survives a restart of the server: after
// the database is closed and opened again, the session replayed from it
// stands where the live one does, half-played turn included, and the
// two go on alike to the end.
func TestRestartResumesTheSession(t *testing.T) {
	st, path := openTemp(t)
	seats := []string{"AZE", "RUS", "GEO"}
	sess, _ := newSession(t, st, seats...)
	tokens := map[string]string{}
	for _, seat := range seats {
		token, err := st.Join(sess.Code, seat, "student "+seat)
		if err != nil {
			t.Fatal(err)
		}
		tokens[seat] = token
	}
	rec, err := st.Load(sess.ID)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := rec.Config(scenarios.Options{})
	if err != nil {
		t.Fatal(err)
	}
	live, err := classroom.Open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	g := &game{t: t, st: st, id: sess.ID, r: rand.New(rand.NewPCG(11, 0)), sessions: []*classroom.Session{live}}
	for range 6 {
		g.turn()
	}
	// The last turn is left half-played: one seat has moved, and the
	// turn has not happened.
	first, _ := live.Turn()
	g.submit("RUS", classroom.None, "", "")
	if now, _ := live.Turn(); now != first || len(live.Waiting()) != 2 {
		t.Fatalf("the half-played turn happened: turn %d (was %d), waiting %v", now, first, live.Waiting())
	}

	// The server stops, and starts again.
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	st, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	list, err := st.Sessions()
	if err != nil || len(list) != 1 || list[0].ID != sess.ID {
		t.Fatalf("Sessions() after the restart = %v, %v", list, err)
	}
	for seat, token := range tokens {
		if got, err := st.Player(sess.Code, token); got != seat || err != nil {
			t.Errorf("%s's token after the restart: %q, %v", seat, got, err)
		}
	}
	resumed := resume(t, st, sess.ID)
	same(t, "after the restart", live, resumed)
	if !reflect.DeepEqual(resumed.Waiting(), []string{"AZE", "GEO"}) {
		t.Errorf("after the restart, waiting for %v; want AZE and GEO", resumed.Waiting())
	}

	// Both go on with the same moves, stored as they are made.
	g.st, g.sessions = st, []*classroom.Session{live, resumed}
	for !live.Done() {
		g.turn()
		same(t, "after a turn", live, resumed)
	}
	if g.actions == 0 {
		t.Error("the students chose no option: the test shows little")
	}
	moves, err := st.Moves(sess.ID)
	if err != nil {
		t.Fatal(err)
	}
	// The store keeps the moves in the order they were made, the
	// session's log each turn's in the order of the seats: the same moves.
	inSeatOrder := func(a, b classroom.Move) int {
		if a.Turn != b.Turn {
			return a.Turn - b.Turn
		}
		return slices.Index(seats, a.Seat) - slices.Index(seats, b.Seat)
	}
	slices.SortStableFunc(moves, inSeatOrder)
	if !reflect.DeepEqual(moves, live.Log()) {
		t.Errorf("the stored moves (%d) are not the session's log (%d)", len(moves), len(live.Log()))
	}
	same(t, "replayed at the end", live, resume(t, st, sess.ID))
}

// Moves appended to sessions in turn stay with their own session, in
// the order they were made.
func TestSessionsKeepTheirOwnMoves(t *testing.T) {
	st, _ := openTemp(t)
	seats := [][]string{{"AZE", "RUS"}, {"AZE", "GEO"}, {"TUR"}}
	ids := make([]int64, len(seats))
	codes := map[string]bool{}
	for i, ss := range seats {
		sess, _ := newSession(t, st, ss...)
		ids[i] = sess.ID
		codes[sess.Code] = true
	}
	if len(codes) != len(seats) {
		t.Fatalf("%d join codes for %d sessions", len(codes), len(seats))
	}
	want := make([][]classroom.Move, len(seats))
	for turn := 1; turn <= 5; turn++ {
		for i, ss := range seats {
			var batch []classroom.Move
			for _, seat := range ss {
				batch = append(batch, classroom.Move{Turn: turn, Seat: seat, Action: "talk", Target: fmt.Sprint("s", i), Demand: fmt.Sprint(turn)})
			}
			// One move alone, the rest together, as a server stores a
			// student's move and then an ended turn's autos.
			for _, part := range [][]classroom.Move{batch[:1], batch[1:]} {
				if err := st.AppendMoves(ids[i], part); err != nil {
					t.Fatal(err)
				}
			}
			want[i] = append(want[i], batch...)
		}
	}
	for i, id := range ids {
		got, err := st.Moves(id)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want[i]) {
			t.Errorf("session %d's moves:\n%v\nwant\n%v", i, got, want[i])
		}
	}
}

func TestAppendMovesRefuses(t *testing.T) {
	st, _ := openTemp(t)
	sess, _ := newSession(t, st, "AZE", "RUS")
	ended, _ := newSession(t, st, "AZE")
	if err := st.SetState(ended.ID, StateEnded); err != nil {
		t.Fatal(err)
	}
	ok := classroom.Move{Turn: 4, Seat: "AZE", Action: classroom.None}
	tests := []struct {
		name  string
		id    int64
		moves []classroom.Move
		want  string
	}{
		{"a seat not of the session", sess.ID, []classroom.Move{ok, {Turn: 4, Seat: "GEO", Action: classroom.None}},
			`move 2 is "GEO"'s, not a seat of the session; the seats are AZE, RUS`},
		{"no such session", 99, []classroom.Move{ok}, "session 99: storing moves: there is no such session"},
		{"an ended session", ended.ID, []classroom.Move{ok}, "has ended: its moves are closed"},
	}
	for _, tt := range tests {
		if err := st.AppendMoves(tt.id, tt.moves); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v; want an error containing %q", tt.name, err, tt.want)
		}
	}
	// A refused batch stores nothing of itself, not even its good moves.
	if got, err := st.Moves(sess.ID); err != nil || len(got) != 0 {
		t.Errorf("after refused moves, the log is %v, %v", got, err)
	}
	if _, err := st.Moves(99); err == nil || !strings.Contains(err.Error(), "no such session") {
		t.Errorf("the moves of no session: %v", err)
	}
	if _, err := st.Load(99); err == nil || !strings.Contains(err.Error(), "loading session 99: there is no such session") {
		t.Errorf("loading no session: %v", err)
	}
}

// Several goroutines appending at once, to different sessions and to
// the same one, all succeed, and every move is kept once, in each
// writer's order.
func TestConcurrentAppends(t *testing.T) {
	st, _ := openTemp(t)
	const sessions, writers, perWriter = 4, 2, 40
	ids := make([]int64, sessions)
	for i := range ids {
		sess, _ := newSession(t, st, "AZE", "RUS")
		ids[i] = sess.ID
	}
	var wg sync.WaitGroup
	errs := make(chan error, sessions*writers)
	for _, id := range ids {
		for w, seat := range []string{"AZE", "RUS"}[:writers] {
			wg.Go(func() {
				for n := range perWriter {
					m := classroom.Move{Turn: n, Seat: seat, Action: "talk", Target: fmt.Sprint(w)}
					if err := st.AppendMoves(id, []classroom.Move{m}); err != nil {
						errs <- err
						return
					}
				}
			})
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	for _, id := range ids {
		got, err := st.Moves(id)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != writers*perWriter {
			t.Errorf("session %d keeps %d moves, want %d", id, len(got), writers*perWriter)
		}
		for _, seat := range []string{"AZE", "RUS"}[:writers] {
			var turns []int
			for _, m := range got {
				if m.Seat == seat {
					turns = append(turns, m.Turn)
				}
			}
			if len(turns) != perWriter || !slices.IsSorted(turns) {
				t.Errorf("session %d: %s's moves are turns %v", id, seat, turns)
			}
		}
	}
}
