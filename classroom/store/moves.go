package store

import (
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"caspian/classroom"
	"caspian/scenarios"
)

// AppendMoves adds moves to the session's log, after those already
// there, all or none. A server appends each move as the session accepts
// it: a student's move when Submit takes it, and when the instructor
// ends a turn, an Auto move for each seat Waiting named just before.
// The log only grows; an ended session's is closed.
func (s *Store) AppendMoves(sessionID int64, moves []classroom.Move) error {
	if len(moves) == 0 {
		return nil
	}
	tx, err := s.db.Begin()
	if err != nil {
		return fmt.Errorf("session %d: storing moves: %w", sessionID, err)
	}
	defer tx.Rollback()
	sess, err := readSession(tx, `id = ?`, sessionID)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("session %d: storing moves: there is no such session", sessionID)
	}
	if err != nil {
		return fmt.Errorf("session %d: storing moves: %w", sessionID, err)
	}
	if sess.State == StateEnded {
		return fmt.Errorf("session %s has ended: its moves are closed", sess.Code)
	}
	var last int64
	if err := tx.QueryRow(`SELECT coalesce(max(seq), 0) FROM moves WHERE session_id = ?`, sessionID).Scan(&last); err != nil {
		return fmt.Errorf("session %s: storing moves: %w", sess.Code, err)
	}
	for i, m := range moves {
		if !slices.Contains(sess.Seats, m.Seat) {
			return fmt.Errorf("session %s: move %d is %q's, not a seat of the session; the seats are %s",
				sess.Code, last+int64(i)+1, m.Seat, strings.Join(sess.Seats, ", "))
		}
		if _, err := tx.Exec(`INSERT INTO moves (session_id, seq, turn, seat, action, target, demand) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			sessionID, last+int64(i)+1, m.Turn, m.Seat, m.Action, m.Target, m.Demand); err != nil {
			return fmt.Errorf("session %s: storing move %d (%s in turn %d): %w", sess.Code, last+int64(i)+1, m.Seat, m.Turn, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("session %s: storing moves: %w", sess.Code, err)
	}
	return nil
}

// Moves is the session's log, in the order the moves were made: what
// classroom.Replay takes.
func (s *Store) Moves(sessionID int64) ([]classroom.Move, error) {
	tx, err := s.readTx()
	if err != nil {
		return nil, fmt.Errorf("session %d: reading moves: %w", sessionID, err)
	}
	defer tx.Rollback()
	var one int
	switch err := tx.QueryRow(`SELECT 1 FROM sessions WHERE id = ?`, sessionID).Scan(&one); {
	case errors.Is(err, sql.ErrNoRows):
		return nil, fmt.Errorf("session %d: reading moves: there is no such session", sessionID)
	case err != nil:
		return nil, fmt.Errorf("session %d: reading moves: %w", sessionID, err)
	}
	return moves(tx, sessionID)
}

// moves reads the session's log from q.
func moves(q querier, sessionID int64) ([]classroom.Move, error) {
	rows, err := q.Query(`SELECT turn, seat, action, target, demand FROM moves WHERE session_id = ? ORDER BY seq`, sessionID)
	if err != nil {
		return nil, fmt.Errorf("session %d: reading moves: %w", sessionID, err)
	}
	defer rows.Close()
	var out []classroom.Move
	for rows.Next() {
		var m classroom.Move
		if err := rows.Scan(&m.Turn, &m.Seat, &m.Action, &m.Target, &m.Demand); err != nil {
			return nil, fmt.Errorf("session %d: reading moves: %w", sessionID, err)
		}
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("session %d: reading moves: %w", sessionID, err)
	}
	return out, nil
}

// Record is all the store keeps of a session's game: its record, the
// scenario file and the moves. Config and Moves are what
// classroom.Replay takes to resume the session.
type Record struct {
	Session
	Scenario []byte // the scenario file's text as it was given
	Moves    []classroom.Move
}

// Load reads a session's whole record, read at one moment so that the
// moves are those of the session as it was then.
func (s *Store) Load(sessionID int64) (Record, error) {
	tx, err := s.readTx()
	if err != nil {
		return Record{}, fmt.Errorf("loading session %d: %w", sessionID, err)
	}
	defer tx.Rollback()
	var r Record
	r.Session, err = readSession(tx, `id = ?`, sessionID)
	if errors.Is(err, sql.ErrNoRows) {
		return Record{}, fmt.Errorf("loading session %d: there is no such session", sessionID)
	}
	if err != nil {
		return Record{}, fmt.Errorf("loading session %d: %w", sessionID, err)
	}
	if err := tx.QueryRow(`SELECT scenario FROM sessions WHERE id = ?`, sessionID).Scan(&r.Scenario); err != nil {
		return Record{}, fmt.Errorf("loading session %s: its scenario: %w", r.Code, err)
	}
	if r.Moves, err = moves(tx, sessionID); err != nil {
		return Record{}, err
	}
	return r, nil
}

// Config parses the stored scenario, with o's limits, and gives the
// session's configuration for classroom.Replay. The scenario is parsed
// under its name, so that a problem with it names the file the
// instructor gave.
func (r Record) Config(o scenarios.Options) (classroom.Config, error) {
	file := r.ScenarioName
	if !strings.HasSuffix(file, ".toml") {
		file += ".toml"
	}
	sc, err := scenarios.ParseWith(file, r.Scenario, o)
	if err != nil {
		return classroom.Config{}, fmt.Errorf("session %s: %w", r.Code, err)
	}
	return classroom.Config{Scenario: sc, Seed: r.Seed, Seats: slices.Clone(r.Seats)}, nil
}
