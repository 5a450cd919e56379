package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// Store is an open database of class sessions. It is safe for use by
// several goroutines at once: a server's handlers share one Store.
type Store struct {
	db   *sql.DB
	path string
}

// busyTimeout is how long, in milliseconds, a write waits for another
// to finish before it fails: long enough for any transaction of this
// package, short enough that a stuck database is reported.
const busyTimeout = 5000

// Open opens the database at path, creating the file and its tables if
// they are missing and bringing an older schema up to date. Every
// connection runs in WAL mode, with foreign keys checked and a busy
// timeout, and every transaction takes the write lock when it begins, so
// that two writers wait for each other instead of failing. Commits are
// synced to disk (synchronous=FULL): a move acknowledged to a student
// survives even a power cut.
func Open(path string) (*Store, error) {
	if path == "" {
		return nil, errors.New("the session database needs a file name")
	}
	if strings.ContainsRune(path, '?') || strings.HasPrefix(path, ":") || strings.HasPrefix(path, "file:") {
		// The driver would read what follows '?' as options, and an
		// in-memory database would be a different one on each
		// connection.
		return nil, fmt.Errorf("session database %q: name a plain file, without '?' and not in memory", path)
	}
	dsn := fmt.Sprintf("%s?_pragma=busy_timeout(%d)&_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_txlock=immediate", path, busyTimeout)
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("opening session database %s: %w", path, err)
	}
	s := &Store{db: db, path: path}
	if err := s.migrate(); err != nil {
		db.Close()
		return nil, fmt.Errorf("opening session database %s: %w", path, err)
	}
	return s, nil
}

// Close closes the database. Everything written is already on disk: a
// Store that is never closed (the server is killed) loses nothing
// either.
func (s *Store) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("closing session database %s: %w", s.path, err)
	}
	return nil
}

// readTx begins a transaction that only reads: it sees the database at
// one moment without taking the write lock, which every other
// transaction takes when it begins.
func (s *Store) readTx() (*sql.Tx, error) {
	return s.db.BeginTx(context.Background(), &sql.TxOptions{ReadOnly: true})
}

// migrations are the steps from one schema version to the next:
// migrations[i] brings a database at version i to version i+1. A change
// of the schema is a new step at the end; the steps already released are
// never edited, since databases out there were made by them.
var migrations = []string{
	// Version 1.
	`CREATE TABLE sessions (
		id            INTEGER PRIMARY KEY,
		code          TEXT    NOT NULL UNIQUE,
		title         TEXT    NOT NULL,
		scenario_name TEXT    NOT NULL,
		scenario      BLOB    NOT NULL,
		seed          INTEGER NOT NULL, -- the uint64 seed's bits
		pace_seconds  INTEGER NOT NULL CHECK (pace_seconds >= 0),
		state         TEXT    NOT NULL CHECK (state IN ('open', 'paused', 'ended')),
		instructor    BLOB    NOT NULL, -- SHA-256 of the instructor's token
		created       TEXT    NOT NULL  -- RFC 3339, UTC
	);
	CREATE TABLE seats (
		session_id INTEGER NOT NULL REFERENCES sessions(id),
		position   INTEGER NOT NULL,
		seat       TEXT    NOT NULL,
		PRIMARY KEY (session_id, seat),
		UNIQUE (session_id, position)
	);
	CREATE TABLE players (
		session_id INTEGER NOT NULL,
		seat       TEXT    NOT NULL,
		name       TEXT    NOT NULL,
		token      BLOB    NOT NULL, -- SHA-256 of the player's token
		joined     TEXT    NOT NULL, -- RFC 3339, UTC
		PRIMARY KEY (session_id, seat),
		FOREIGN KEY (session_id, seat) REFERENCES seats(session_id, seat)
	);
	CREATE TABLE moves (
		session_id INTEGER NOT NULL,
		seq        INTEGER NOT NULL,
		turn       INTEGER NOT NULL,
		seat       TEXT    NOT NULL,
		action     TEXT    NOT NULL,
		target     TEXT    NOT NULL,
		demand     TEXT    NOT NULL,
		PRIMARY KEY (session_id, seq),
		FOREIGN KEY (session_id, seat) REFERENCES seats(session_id, seat)
	);`,
}

// migrate creates the schema_version table if it is missing and applies
// the migrations the database has not had, in one transaction: a
// database is at one version or the next, never half-way.
func (s *Store) migrate() error {
	tx, err := s.db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.Exec(`CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)`); err != nil {
		return fmt.Errorf("creating the schema: %w", err)
	}
	var version int
	switch err := tx.QueryRow(`SELECT version FROM schema_version`).Scan(&version); {
	case errors.Is(err, sql.ErrNoRows):
		if _, err := tx.Exec(`INSERT INTO schema_version (version) VALUES (0)`); err != nil {
			return fmt.Errorf("creating the schema: %w", err)
		}
	case err != nil:
		return fmt.Errorf("reading the schema version: %w", err)
	}
	if version > len(migrations) {
		return fmt.Errorf("the database has schema version %d, newer than this program knows (%d): use the newer program that wrote it", version, len(migrations))
	}
	for i := version; i < len(migrations); i++ {
		if _, err := tx.Exec(migrations[i]); err != nil {
			return fmt.Errorf("bringing the schema to version %d: %w", i+1, err)
		}
	}
	if _, err := tx.Exec(`UPDATE schema_version SET version = ?`, len(migrations)); err != nil {
		return fmt.Errorf("recording the schema version: %w", err)
	}
	return tx.Commit()
}
