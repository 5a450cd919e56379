package hub

import (
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"caspian/classroom"
	"caspian/classroom/store"
	"caspian/scenarios"
	"caspian/sim"
)

// ErrNotFound is wrapped by errors about a join code no session has.
var ErrNotFound = store.ErrUnknownCode

// Hub is the sessions being played.
type Hub struct {
	store  *store.Store
	parse  scenarios.Options
	now    func() time.Time
	mu     sync.Mutex
	byCode map[string]*live
}

// live is one session in play: its record and its game, guarded by mu.
type live struct {
	mu   sync.Mutex
	rec  store.Session
	game *classroom.Session
	// turnFrom is when the open turn opened, for the pace's clock.
	turnFrom time.Time
	// version counts the changes, so that a page polling the session
	// knows when to fetch it again.
	version int
}

// New opens the hub on st and resumes every unfinished session in it,
// replaying its moves; scenarios stored with the sessions are parsed
// with the limits of parse. A session that no longer replays (its
// scenario no longer passes the checks) is an error naming it.
func New(st *store.Store, parse scenarios.Options, now func() time.Time) (*Hub, error) {
	if now == nil {
		now = time.Now
	}
	h := &Hub{store: st, parse: parse, now: now, byCode: map[string]*live{}}
	recs, err := st.Sessions()
	if err != nil {
		return nil, err
	}
	for _, r := range recs {
		l, err := h.resume(r.ID)
		if err != nil {
			return nil, fmt.Errorf("resuming session %s: %w", r.Code, err)
		}
		h.byCode[r.Code] = l
	}
	return h, nil
}

// resume rebuilds session id from the store.
func (h *Hub) resume(id int64) (*live, error) {
	rec, err := h.store.Load(id)
	if err != nil {
		return nil, err
	}
	cfg, err := rec.Config(h.parse)
	if err != nil {
		return nil, err
	}
	game, err := classroom.Replay(cfg, rec.Moves)
	if err != nil {
		return nil, err
	}
	return &live{rec: rec.Session, game: game, turnFrom: h.now()}, nil
}

// Create opens a session: it checks the scenario and the seats by
// opening the game, keeps the session in the store and returns its
// record and the instructor's token.
func (h *Hub) Create(n store.NewSession) (store.Session, string, error) {
	file := n.ScenarioName + ".toml"
	sc, err := scenarios.ParseWith(file, n.Scenario, h.parse)
	if err != nil {
		return store.Session{}, "", err
	}
	game, err := classroom.Open(classroom.Config{Scenario: sc, Seed: n.Seed, Seats: n.Seats})
	if err != nil {
		return store.Session{}, "", err
	}
	rec, token, err := h.store.CreateSession(n)
	if err != nil {
		return store.Session{}, "", err
	}
	h.mu.Lock()
	h.byCode[rec.Code] = &live{rec: rec, game: game, turnFrom: h.now()}
	h.mu.Unlock()
	return rec, token, nil
}

// Join gives the seat of session code to a student called name, and
// returns the token they act with.
func (h *Hub) Join(code, seat, name string) (string, error) {
	l, err := h.session(code)
	if err != nil {
		return "", err
	}
	token, err := h.store.Join(l.rec.Code, seat, name)
	if err != nil {
		return "", err
	}
	l.mu.Lock()
	l.version++
	l.mu.Unlock()
	return token, nil
}

// Move makes the move of the student whose token is token in the open
// turn of session code (see classroom.Session.Submit).
func (h *Hub) Move(code, token string, m classroom.Move) error {
	seat, err := h.SeatOf(code, token)
	if err != nil {
		return err
	}
	l, err := h.session(code)
	if err != nil {
		return err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if err := l.playing(); err != nil {
		return err
	}
	turn, _ := l.game.Turn()
	m.Seat, m.Turn = seat, turn
	return h.change(l, func() ([]classroom.Move, error) {
		if _, err := l.game.Submit(m.Seat, m.Action, m.Target, m.Demand); err != nil {
			return nil, err
		}
		if m.Action == classroom.Auto || m.Action == classroom.None {
			m.Target, m.Demand = "", ""
		}
		return []classroom.Move{m}, nil
	})
}

// EndTurn plays the open turn of session code now, at the instructor's
// word: the seats that have not moved are played by the model.
func (h *Hub) EndTurn(code, token string) error {
	l, err := h.instructor(code, token)
	if err != nil {
		return err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if err := l.playing(); err != nil {
		return err
	}
	return h.endTurn(l)
}

// FastForward plays the next n turns of session code at once, at the
// instructor's word, every seat played by the model: to skip a stretch
// of years the class need not decide. It stops early at the end of the
// session.
func (h *Hub) FastForward(code, token string, n int) error {
	if n < 1 || n > maxFastForward {
		return fmt.Errorf("fast-forward takes 1 to %d quarters, not %d", maxFastForward, n)
	}
	l, err := h.instructor(code, token)
	if err != nil {
		return err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if err := l.playing(); err != nil {
		return err
	}
	for range n {
		if l.game.Done() {
			break
		}
		if err := h.endTurn(l); err != nil {
			return err
		}
	}
	return nil
}

// maxFastForward is the most turns one fast-forward plays: forty years
// of quarters.
const maxFastForward = 160

// endTurn ends l's open turn; l.mu is held.
func (h *Hub) endTurn(l *live) error {
	turn, _ := l.game.Turn()
	return h.change(l, func() ([]classroom.Move, error) {
		var autos []classroom.Move
		for _, seat := range l.game.Waiting() {
			autos = append(autos, classroom.Move{Turn: turn, Seat: seat, Action: classroom.Auto})
		}
		return autos, l.game.EndTurn()
	})
}

// change applies do to l's game and keeps the moves it made in the
// store. If the store fails, the game is rebuilt from the store, so that
// memory never holds a move the store does not; l.mu is held.
func (h *Hub) change(l *live, do func() ([]classroom.Move, error)) error {
	before, _ := l.game.Turn()
	moves, err := do()
	if err == nil {
		err = h.store.AppendMoves(l.rec.ID, moves)
		if err != nil {
			again, rerr := h.resume(l.rec.ID)
			if rerr != nil {
				return errors.Join(err, fmt.Errorf("the session could not be rebuilt from the store, so it holds moves the store does not: %w", rerr))
			}
			l.game = again.game
		}
	}
	if err != nil {
		return err
	}
	if after, _ := l.game.Turn(); after != before {
		l.turnFrom = h.now()
	}
	l.version++
	return nil
}

// SetState pauses, resumes or ends session code, at the instructor's
// word. A paused session takes no moves and its clock stops; an ended
// one is over for good.
func (h *Hub) SetState(code, token string, st store.State) error {
	l, err := h.instructor(code, token)
	if err != nil {
		return err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.rec.State == store.StateEnded {
		return fmt.Errorf("session %s has ended", l.rec.Code)
	}
	if err := h.store.SetState(l.rec.ID, st); err != nil {
		return err
	}
	if l.rec.State == store.StatePaused && st == store.StateOpen {
		l.turnFrom = h.now() // a resumed turn gets its whole pace again
	}
	l.rec.State = st
	l.version++
	return nil
}

// Tick ends the open turn of every open session whose pace has run out,
// as its instructor would; a server calls it every second or so. It
// returns the errors of the sessions it could not move on.
func (h *Hub) Tick() error {
	h.mu.Lock()
	all := make([]*live, 0, len(h.byCode))
	for _, l := range h.byCode {
		all = append(all, l)
	}
	h.mu.Unlock()
	var errs []error
	for _, l := range all {
		l.mu.Lock()
		if l.rec.State == store.StateOpen && l.rec.Pace > 0 && !l.game.Done() && h.now().Sub(l.turnFrom) >= l.rec.Pace {
			if err := h.endTurn(l); err != nil {
				errs = append(errs, fmt.Errorf("session %s: %w", l.rec.Code, err))
			}
		}
		l.mu.Unlock()
	}
	return errors.Join(errs...)
}

// playing refuses a move or an ended turn in a session that is paused,
// ended or over; l.mu is held.
func (l *live) playing() error {
	switch {
	case l.rec.State == store.StatePaused:
		return fmt.Errorf("session %s is paused: wait for the instructor to resume it", l.rec.Code)
	case l.rec.State == store.StateEnded || l.game.Done():
		return fmt.Errorf("session %s is over", l.rec.Code)
	}
	return nil
}

// session finds the session whose join code is code.
func (h *Hub) session(code string) (*live, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if l, ok := h.byCode[store.NormalCode(code)]; ok {
		return l, nil
	}
	return nil, fmt.Errorf("join code %q: %w", code, ErrNotFound)
}

// SeatOf is the seat of session code the student whose token is token
// holds: who a request comes from, without the work of their view.
func (h *Hub) SeatOf(code, token string) (string, error) {
	l, err := h.session(code)
	if err != nil {
		return "", err
	}
	return h.store.Player(l.rec.Code, token)
}

// IsInstructor reports whether token is the instructor's of session
// code.
func (h *Hub) IsInstructor(code, token string) bool {
	_, err := h.instructor(code, token)
	return err == nil
}

// instructor finds session code for its instructor, whose token is
// token.
func (h *Hub) instructor(code, token string) (*live, error) {
	l, err := h.session(code)
	if err != nil {
		return nil, err
	}
	if _, err := h.store.Instructor(l.rec.Code, token); err != nil {
		return nil, err
	}
	return l, nil
}

// View is what a student sees of their session: their seat, the open
// turn, their options, who has still to move, and their state's
// interests and alignment now.
type View struct {
	Code, Title, Seat string
	State             store.State
	Turn              int
	Label             string
	Done, Moved       bool
	Waiting           []string
	Choices           []sim.Choice
	Now               sim.AgentState
	Version           int
	// Left is the time left of the open turn's pace, zero without one.
	Left time.Duration
}

// Student is the view of the student whose token is token.
func (h *Hub) Student(code, token string) (View, error) {
	seat, err := h.SeatOf(code, token)
	if err != nil {
		return View{}, err
	}
	l, err := h.session(code)
	if err != nil {
		return View{}, err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	v := l.view(h.now())
	v.Seat = seat
	v.Moved = !slices.Contains(v.Waiting, seat) && !v.Done
	if !v.Moved && !v.Done {
		if v.Choices, err = l.game.Choices(seat); err != nil {
			return View{}, err
		}
	}
	snaps := l.game.Collector().Snapshots()
	if st := snaps[len(snaps)-1].Agent(seat); st != nil {
		v.Now = *st
	}
	return v, nil
}

// view is what everyone sees of l at time now; l.mu is held.
func (l *live) view(now time.Time) View {
	turn, label := l.game.Turn()
	v := View{Code: l.rec.Code, Title: l.rec.Title, State: l.rec.State, Turn: turn, Label: label,
		Done: l.game.Done(), Waiting: l.game.Waiting(), Version: l.version}
	if l.rec.Pace > 0 && l.rec.State == store.StateOpen && !v.Done {
		v.Left = max(0, l.rec.Pace-now.Sub(l.turnFrom))
	}
	return v
}

// Instructor is the view of session code for its instructor, with the
// session's record, and the session's game to draw from (read it only
// through Read).
func (h *Hub) Instructor(code, token string) (View, store.Session, error) {
	l, err := h.instructor(code, token)
	if err != nil {
		return View{}, store.Session{}, err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.view(h.now()), l.rec, nil
}

// Read calls f with session code's game, locked against changes while f
// runs; for drawing its charts and writing its debriefs.
func (h *Hub) Read(code string, f func(*classroom.Session) error) error {
	l, err := h.session(code)
	if err != nil {
		return err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return f(l.game)
}

// Over reports whether session code is over: played to its last
// quarter or ended by its instructor. Nothing changes it after that, so
// its debriefs can be written.
func (h *Hub) Over(code string) (bool, error) {
	l, err := h.session(code)
	if err != nil {
		return false, err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.rec.State == store.StateEnded || l.game.Done(), nil
}

// Seat is a seat of a session as its pages show it: the state, who holds
// it, and whether it has moved in the open turn.
type Seat struct {
	Seat, Name, Player string
	Moved              bool
}

// Seats lists session code's seats in order, with their players.
func (h *Hub) Seats(code string) ([]Seat, error) {
	l, err := h.session(code)
	if err != nil {
		return nil, err
	}
	players, err := h.store.Players(l.rec.ID)
	if err != nil {
		return nil, err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	sc := l.game.Config().Scenario
	waiting := l.game.Waiting()
	out := make([]Seat, len(l.rec.Seats))
	for i, id := range l.rec.Seats {
		out[i] = Seat{Seat: id, Name: sc.AgentName(id), Player: players[id], Moved: !l.game.Done() && !slices.Contains(waiting, id)}
	}
	return out, nil
}

// Version counts session code's changes (moves, turns, players, pauses),
// so that a page can poll it and reload only when something happened.
func (h *Hub) Version(code string) (int, error) {
	l, err := h.session(code)
	if err != nil {
		return 0, err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.version, nil
}
