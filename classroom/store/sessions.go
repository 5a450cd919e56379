package store

import (
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// State is where a session stands: open (students move), paused (the
// instructor stopped the clock) or ended. Only ended sessions are left
// out when a server resumes its sessions.
type State string

// The states of a session.
const (
	StateOpen   State = "open"
	StatePaused State = "paused"
	StateEnded  State = "ended"
)

// valid reports whether st is one of the states.
func (st State) valid() bool {
	return st == StateOpen || st == StatePaused || st == StateEnded
}

// NewSession is what an instructor chooses when opening a session.
type NewSession struct {
	Title string
	// ScenarioName is the name the scenario is shown by and parsed as:
	// a built-in name ("azerbaijan-1991") or the uploaded file's name.
	ScenarioName string
	// Scenario is the scenario file's text, kept whole so that the
	// session replays on the same scenario even if the built-in one
	// changes in a later version of sim.
	Scenario []byte
	Seed     uint64
	// Seats are the states students hold, in the order the session
	// plays their moves.
	Seats []string
	// Pace is how long a turn is meant to last before the instructor
	// (or the server's clock) ends it, kept in whole seconds; zero for
	// no clock.
	Pace time.Duration
}

// Session is a session's record, as the server lists and shows it.
type Session struct {
	ID           int64
	Code         string // the join code students type
	Title        string
	ScenarioName string
	Seed         uint64
	Seats        []string
	Pace         time.Duration
	State        State
	Created      time.Time
}

// ErrUnknownCode is wrapped by the errors of Join, Player and
// Instructor when no session has the join code, so that a server can
// answer "not found" rather than "forbidden".
var ErrUnknownCode = errors.New("unknown join code")

// codeAlphabet is what join codes are made of: capital letters and
// digits without those easily mistaken for one another (0 and O, 1 and
// I), read aloud or copied from a projector. Its 32 letters make a
// random byte's last 5 bits pick one evenly.
const codeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"

// codeLength gives 32⁶, about a billion, join codes: short to type, and
// too many to guess one in a class's time.
const codeLength = 6

// newCode draws a join code with crypto/rand.
func newCode() string {
	b := make([]byte, codeLength)
	rand.Read(b)
	for i := range b {
		b[i] = codeAlphabet[b[i]%byte(len(codeAlphabet))]
	}
	return string(b)
}

// NormalCode is a join code as a student may type it ("abc 123") as
// stored: without spaces, in capitals.
func NormalCode(code string) string {
	return strings.ToUpper(strings.Join(strings.Fields(code), ""))
}

// CreateSession stores a new session, open, and returns its record and
// the instructor's token. The token is shown once: only its hash is
// kept, so it cannot be given again. The configuration is checked only
// for what the store needs (seats named once each, a scenario); the
// caller checks that it plays, with classroom.Open, before storing it.
func (s *Store) CreateSession(n NewSession) (sess Session, instructorToken string, err error) {
	if err := n.check(); err != nil {
		return Session{}, "", fmt.Errorf("cannot create session: %w", err)
	}
	token := newToken()
	sess = Session{
		Title: n.Title, ScenarioName: n.ScenarioName, Seed: n.Seed,
		Seats: slices.Clone(n.Seats), Pace: n.Pace.Truncate(time.Second),
		State: StateOpen, Created: time.Now().UTC().Truncate(time.Second),
	}
	tx, err := s.db.Begin()
	if err != nil {
		return Session{}, "", fmt.Errorf("cannot create session: %w", err)
	}
	defer tx.Rollback()
	// The transaction holds the write lock, so a code found free here is
	// still free when it is inserted.
	for tries := 0; ; tries++ {
		if tries == 10 {
			return Session{}, "", errors.New("cannot create session: no free join code found")
		}
		sess.Code = newCode()
		var one int
		err := tx.QueryRow(`SELECT 1 FROM sessions WHERE code = ?`, sess.Code).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			break
		}
		if err != nil {
			return Session{}, "", fmt.Errorf("cannot create session: %w", err)
		}
	}
	res, err := tx.Exec(`INSERT INTO sessions
		(code, title, scenario_name, scenario, seed, pace_seconds, state, instructor, created)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		sess.Code, sess.Title, sess.ScenarioName, n.Scenario, int64(sess.Seed),
		int64(sess.Pace/time.Second), sess.State, hash(token), sess.Created.Format(time.RFC3339))
	if err != nil {
		return Session{}, "", fmt.Errorf("cannot create session: %w", err)
	}
	if sess.ID, err = res.LastInsertId(); err != nil {
		return Session{}, "", fmt.Errorf("cannot create session: %w", err)
	}
	for i, seat := range sess.Seats {
		if _, err := tx.Exec(`INSERT INTO seats (session_id, position, seat) VALUES (?, ?, ?)`, sess.ID, i, seat); err != nil {
			return Session{}, "", fmt.Errorf("cannot create session: seat %s: %w", seat, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return Session{}, "", fmt.Errorf("cannot create session: %w", err)
	}
	return sess, token, nil
}

// check refuses a configuration the store could not keep or replay.
func (n NewSession) check() error {
	switch {
	case n.ScenarioName == "":
		return errors.New("the scenario has no name")
	case len(n.Scenario) == 0:
		return fmt.Errorf("scenario %s is empty", n.ScenarioName)
	case len(n.Seats) == 0:
		return errors.New("a session needs at least one seat")
	case n.Pace < 0:
		return fmt.Errorf("the pace %v is negative", n.Pace)
	}
	for i, seat := range n.Seats {
		if seat == "" {
			return fmt.Errorf("seat %d has no name", i+1)
		}
		if slices.Contains(n.Seats[:i], seat) {
			return fmt.Errorf("seat %q is given twice", seat)
		}
	}
	return nil
}

// SetState records that a session is open, paused or ended.
func (s *Store) SetState(sessionID int64, st State) error {
	if !st.valid() {
		return fmt.Errorf("session %d: %q is not a state; use %s, %s or %s", sessionID, st, StateOpen, StatePaused, StateEnded)
	}
	res, err := s.db.Exec(`UPDATE sessions SET state = ? WHERE id = ?`, st, sessionID)
	if err != nil {
		return fmt.Errorf("session %d: setting the state to %s: %w", sessionID, st, err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return fmt.Errorf("session %d: setting the state to %s: %w", sessionID, st, errUnknownSession(err))
	}
	return nil
}

// errUnknownSession is err, or if there is none, that no session has
// the ID.
func errUnknownSession(err error) error {
	if err != nil {
		return err
	}
	return errors.New("there is no such session")
}

// Sessions lists the sessions that have not ended, oldest first: those
// a server resumes when it starts.
func (s *Store) Sessions() ([]Session, error) {
	rows, err := s.db.Query(`SELECT id FROM sessions WHERE state != ? ORDER BY id`, StateEnded)
	if err != nil {
		return nil, fmt.Errorf("listing sessions: %w", err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, fmt.Errorf("listing sessions: %w", err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("listing sessions: %w", err)
	}
	rows.Close()
	out := make([]Session, 0, len(ids))
	for _, id := range ids {
		sess, err := readSession(s.db, `id = ?`, id)
		if err != nil {
			return nil, fmt.Errorf("listing sessions: %w", err)
		}
		out = append(out, sess)
	}
	return out, nil
}

// querier is what session reads from: the database or a transaction.
type querier interface {
	QueryRow(query string, args ...any) *sql.Row
	Query(query string, args ...any) (*sql.Rows, error)
}

// readSession reads the one session that where (a condition on sessions,
// with its argument) selects, with its seats; sql.ErrNoRows if there is
// none.
func readSession(q querier, where string, arg any) (Session, error) {
	var (
		sess           Session
		seed, pace     int64
		state, created string
	)
	err := q.QueryRow(`SELECT id, code, title, scenario_name, seed, pace_seconds, state, created
		FROM sessions WHERE `+where, arg).
		Scan(&sess.ID, &sess.Code, &sess.Title, &sess.ScenarioName, &seed, &pace, &state, &created)
	if err != nil {
		return Session{}, err
	}
	sess.Seed, sess.Pace, sess.State = uint64(seed), time.Duration(pace)*time.Second, State(state)
	if sess.Created, err = time.Parse(time.RFC3339, created); err != nil {
		return Session{}, fmt.Errorf("session %d: its creation time %q: %w", sess.ID, created, err)
	}
	rows, err := q.Query(`SELECT seat FROM seats WHERE session_id = ? ORDER BY position`, sess.ID)
	if err != nil {
		return Session{}, err
	}
	defer rows.Close()
	for rows.Next() {
		var seat string
		if err := rows.Scan(&seat); err != nil {
			return Session{}, err
		}
		sess.Seats = append(sess.Seats, seat)
	}
	return sess, rows.Err()
}

// byCode reads the session whose join code is code, as typed.
func byCode(q querier, code string) (Session, error) {
	sess, err := readSession(q, `code = ?`, NormalCode(code))
	if errors.Is(err, sql.ErrNoRows) {
		return Session{}, fmt.Errorf("join code %q is unknown: %w", code, ErrUnknownCode)
	}
	if err != nil {
		return Session{}, fmt.Errorf("join code %q: %w", code, err)
	}
	return sess, nil
}
