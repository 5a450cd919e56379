package store

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"caspian/scenarios"
)

// newSession stores a session on the default scenario with seats.
func newSession(t *testing.T, s *Store, seats ...string) (Session, string) {
	t.Helper()
	data, err := scenarios.Source(scenarios.Default)
	if err != nil {
		t.Fatal(err)
	}
	sess, token, err := s.CreateSession(NewSession{
		Title: "Caspian week 3", ScenarioName: scenarios.Default, Scenario: data,
		Seed: 1<<63 + 5, Seats: seats, Pace: 90 * time.Second,
	})
	if err != nil {
		t.Fatal(err)
	}
	return sess, token
}

func TestCreateSession(t *testing.T) {
	s, _ := openTemp(t)
	sess, token, err := s.CreateSession(NewSession{
		Title: "week 3", ScenarioName: "x", Scenario: []byte("title = 'x'"),
		Seed: 1<<64 - 1, Seats: []string{"AZE", "RUS"}, Pace: 90*time.Second + time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(sess.Code) != codeLength || strings.Trim(sess.Code, codeAlphabet) != "" {
		t.Errorf("join code %q is not %d letters of %s", sess.Code, codeLength, codeAlphabet)
	}
	if len(token) < 40 {
		t.Errorf("instructor token %q is short", token)
	}
	// What is read back is what was created, the seed's top bit too.
	got, err := s.Instructor(strings.ToLower(sess.Code), token)
	if err != nil {
		t.Fatal(err)
	}
	if got.Seed != 1<<64-1 || got.Pace != 90*time.Second || got.State != StateOpen ||
		strings.Join(got.Seats, " ") != "AZE RUS" || !got.Created.Equal(sess.Created) || got.Code != sess.Code {
		t.Errorf("read back %+v, created %+v", got, sess)
	}

	tests := []struct {
		name string
		n    NewSession
		want string
	}{
		{"no seats", NewSession{ScenarioName: "x", Scenario: []byte("x")}, "at least one seat"},
		{"a seat twice", NewSession{ScenarioName: "x", Scenario: []byte("x"), Seats: []string{"AZE", "AZE"}}, `seat "AZE" is given twice`},
		{"an empty seat", NewSession{ScenarioName: "x", Scenario: []byte("x"), Seats: []string{"AZE", ""}}, "seat 2 has no name"},
		{"no scenario", NewSession{ScenarioName: "x", Seats: []string{"AZE"}}, "scenario x is empty"},
		{"a negative pace", NewSession{ScenarioName: "x", Scenario: []byte("x"), Seats: []string{"AZE"}, Pace: -time.Second}, "negative"},
	}
	for _, tt := range tests {
		if _, _, err := s.CreateSession(tt.n); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v; want an error containing %q", tt.name, err, tt.want)
		}
	}
}

func TestJoinAndTokens(t *testing.T) {
	s, _ := openTemp(t)
	sess, instructor := newSession(t, s, "AZE", "RUS", "GEO")
	aze, err := s.Join(sess.Code, "AZE", "Leyla")
	if err != nil {
		t.Fatal(err)
	}
	rus, err := s.Join(" "+strings.ToLower(sess.Code), "RUS", "Ivan") // as typed
	if err != nil {
		t.Fatal(err)
	}
	if aze == rus || aze == instructor {
		t.Fatal("two tokens are the same")
	}

	joins := []struct {
		name, code, seat, player string
		is                       error
		want                     string
	}{
		{"a seat taken", sess.Code, "AZE", "Mehmet", ErrSeatTaken, "seat AZE of session " + sess.Code + " is held by another player"},
		{"a seat taken, same name", sess.Code, "RUS", "Ivan", ErrSeatTaken, "held by another player"},
		{"no such seat", sess.Code, "IRN", "Dara", nil, `"IRN" is not a seat of session ` + sess.Code + "; the seats are AZE, RUS, GEO"},
		{"no such code", "ZZZZZZ", "GEO", "Nino", ErrUnknownCode, `join code "ZZZZZZ" is unknown`},
		{"no name", sess.Code, "GEO", " ", nil, "a player needs a name"},
		{"a name too long", sess.Code, "GEO", strings.Repeat("é", MaxName+1), nil, "at most 60 characters"},
	}
	for _, tt := range joins {
		_, err := s.Join(tt.code, tt.seat, tt.player)
		if err == nil || !strings.Contains(err.Error(), tt.want) || (tt.is != nil && !errors.Is(err, tt.is)) {
			t.Errorf("%s: %v; want an error containing %q", tt.name, err, tt.want)
		}
	}

	players := []struct {
		name, code, token, seat string
		is                      error
	}{
		{"Leyla", sess.Code, aze, "AZE", nil},
		{"Ivan", sess.Code, rus, "RUS", nil},
		{"a wrong token", sess.Code, otherFirst(aze), "", ErrWrongToken},
		{"no token", sess.Code, "", "", ErrWrongToken},
		{"the instructor's token", sess.Code, instructor, "", ErrWrongToken},
		{"a wrong code", "ZZZZZZ", aze, "", ErrUnknownCode},
	}
	for _, tt := range players {
		seat, err := s.Player(tt.code, tt.token)
		if seat != tt.seat || !errors.Is(err, tt.is) {
			t.Errorf("%s: Player() = %q, %v; want %q, %v", tt.name, seat, err, tt.seat, tt.is)
		}
	}
	if _, err := s.Instructor(sess.Code, aze); !errors.Is(err, ErrWrongToken) {
		t.Errorf("a player's token is taken as the instructor's: %v", err)
	}

	// The database holds no token in clear, only the hashes.
	for _, table := range []string{"players", "sessions"} {
		rows, err := s.db.Query(`SELECT * FROM ` + table)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			for i, v := range vals {
				var b []byte
				switch v := v.(type) {
				case string:
					b = []byte(v)
				case []byte:
					b = v
				}
				for _, token := range []string{aze, rus, instructor} {
					if bytes.Contains(b, []byte(token)) {
						t.Errorf("%s.%s holds a token in clear", table, cols[i])
					}
				}
			}
		}
		rows.Close()
	}
	var hashes int
	if err := s.db.QueryRow(`SELECT count(*) FROM players WHERE token IN (?, ?)`, hash(aze), hash(rus)).Scan(&hashes); err != nil || hashes != 2 {
		t.Errorf("%d players' rows hold their token's hash (%v)", hashes, err)
	}

	// An ended session takes no players.
	if err := s.SetState(sess.ID, StateEnded); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Join(sess.Code, "GEO", "Nino"); err == nil || !strings.Contains(err.Error(), "has ended") {
		t.Errorf("joining an ended session: %v", err)
	}
}

// Sessions lists the sessions to resume; SetState moves them in and out.
func TestSessionsAndStates(t *testing.T) {
	s, _ := openTemp(t)
	a, _ := newSession(t, s, "AZE")
	b, _ := newSession(t, s, "RUS")
	c, _ := newSession(t, s, "GEO")
	if a.Code == b.Code || b.Code == c.Code || a.Code == c.Code {
		t.Errorf("join codes repeat: %s %s %s", a.Code, b.Code, c.Code)
	}
	steps := []struct {
		id    int64
		state State
		want  string // the join codes Sessions lists after the step
	}{
		{0, "", a.Code + b.Code + c.Code},
		{b.ID, StatePaused, a.Code + b.Code + c.Code},
		{a.ID, StateEnded, b.Code + c.Code},
		{c.ID, StateEnded, b.Code},
		{b.ID, StateOpen, b.Code},
	}
	for _, st := range steps {
		if st.id != 0 {
			if err := s.SetState(st.id, st.state); err != nil {
				t.Fatal(err)
			}
		}
		list, err := s.Sessions()
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		for _, sess := range list {
			got += sess.Code
		}
		if got != st.want {
			t.Errorf("after setting session %d %s: Sessions() lists %s, want %s", st.id, st.state, got, st.want)
		}
	}
	if err := s.SetState(b.ID, "closed"); err == nil || !strings.Contains(err.Error(), `"closed" is not a state`) {
		t.Errorf("an unknown state: %v", err)
	}
	if err := s.SetState(99, StateOpen); err == nil || !strings.Contains(err.Error(), "no such session") {
		t.Errorf("an unknown session: %v", err)
	}
	if _, err := s.db.Exec(`UPDATE sessions SET state = 'closed' WHERE id = ?`, b.ID); err == nil {
		t.Error("the database takes a state that is none")
	}
}

// Many join codes drawn are all different and all of the alphabet.
func TestJoinCodesAreUnique(t *testing.T) {
	s, _ := openTemp(t)
	seen := map[string]bool{}
	for range 200 {
		sess, _ := newSession(t, s, "AZE")
		if seen[sess.Code] {
			t.Fatalf("join code %s given twice", sess.Code)
		}
		seen[sess.Code] = true
	}
	if _, err := s.db.Exec(`UPDATE sessions SET code = (SELECT min(code) FROM sessions)`); err == nil {
		t.Error("the database takes the same join code twice")
	}
}

// otherFirst is tok with its first character changed: a token that is
// wrong by one character.
func otherFirst(tok string) string {
	if tok[0] == 'x' {
		return "y" + tok[1:]
	}
	return "x" + tok[1:]
}
