package store

import (
	"path/filepath"
	"strings"
	"testing"
)

// openTemp opens a new database in the test's folder and closes it when
// the test ends.
func openTemp(t *testing.T) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "sessions.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}

// Every connection runs as Open promises: WAL, foreign keys, a busy
// timeout; and the schema is at the newest version.
func TestOpenSetsUpTheDatabase(t *testing.T) {
	s, _ := openTemp(t)
	// Hold several connections at once so that each is checked, not only
	// the first.
	conns := make([]interface{ Close() error }, 0, 3)
	for range 3 {
		c, err := s.db.Conn(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
		var mode string
		var fk, timeout int
		if err := c.QueryRowContext(t.Context(), `PRAGMA journal_mode`).Scan(&mode); err != nil {
			t.Fatal(err)
		}
		if err := c.QueryRowContext(t.Context(), `PRAGMA foreign_keys`).Scan(&fk); err != nil {
			t.Fatal(err)
		}
		if err := c.QueryRowContext(t.Context(), `PRAGMA busy_timeout`).Scan(&timeout); err != nil {
			t.Fatal(err)
		}
		if mode != "wal" || fk != 1 || timeout != busyTimeout {
			t.Errorf("journal_mode %s, foreign_keys %d, busy_timeout %d", mode, fk, timeout)
		}
	}
	for _, c := range conns {
		c.Close()
	}
	var version int
	if err := s.db.QueryRow(`SELECT version FROM schema_version`).Scan(&version); err != nil || version != len(migrations) {
		t.Errorf("schema version %d (%v), want %d", version, err, len(migrations))
	}
}

// Opening a database again keeps it as it is; a database from a newer
// program is refused rather than misread.
func TestReopen(t *testing.T) {
	s, path := openTemp(t)
	if _, err := s.db.Exec(`UPDATE schema_version SET version = ?`, len(migrations)+1); err != nil {
		t.Fatal(err)
	}
	s.Close()
	_, err := Open(path)
	if err == nil || !strings.Contains(err.Error(), "newer than this program knows") {
		t.Fatalf("opening a newer database: %v", err)
	}

	path = filepath.Join(t.TempDir(), "again.db")
	for range 2 {
		s, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		var n int
		if err := s.db.QueryRow(`SELECT count(*) FROM schema_version`).Scan(&n); err != nil || n != 1 {
			t.Errorf("schema_version has %d rows (%v)", n, err)
		}
		s.Close()
	}
}

func TestOpenRefusesNames(t *testing.T) {
	for _, path := range []string{"", ":memory:", "file::memory:", "a?mode=ro"} {
		if s, err := Open(path); err == nil {
			s.Close()
			t.Errorf("Open(%q): no error", path)
		}
	}
}
