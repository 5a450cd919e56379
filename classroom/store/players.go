package store

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// ErrSeatTaken is wrapped by Join's error when another player holds the
// seat.
var ErrSeatTaken = errors.New("seat taken")

// ErrWrongToken is wrapped by the errors of Player and Instructor when
// the token is not the session's: the request is not allowed.
var ErrWrongToken = errors.New("wrong token")

// newToken draws a token: 32 bytes of crypto/rand, as URL-safe text for
// a cookie or a header.
func newToken() string {
	b := make([]byte, 32)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// hash is what the database keeps of a token. A token is random and
// long, so a plain SHA-256 is enough: there is nothing to guess from.
func hash(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}

// MaxName is the longest name a player may give, in characters: enough
// for a full name, short enough for the instructor's table.
const MaxName = 60

// Join gives seat of the session whose join code is code to the player
// called name, and returns the player's token: with it, Player tells
// the player's requests apart from anyone else's. The token is shown
// once; only its hash is kept. A seat someone holds is not given again,
// even to the same name: a player who comes back presents their token.
// An ended session takes no players.
func (s *Store) Join(code, seat, name string) (playerToken string, err error) {
	name = strings.TrimSpace(name)
	switch {
	case name == "":
		return "", fmt.Errorf("joining %q: a player needs a name", code)
	case utf8.RuneCountInString(name) > MaxName:
		return "", fmt.Errorf("joining %q: a name may have at most %d characters", code, MaxName)
	}
	sess, err := byCode(s.db, code)
	if err != nil {
		return "", err
	}
	if sess.State == StateEnded {
		return "", fmt.Errorf("session %s has ended: it takes no more players", sess.Code)
	}
	if !slices.Contains(sess.Seats, seat) {
		return "", fmt.Errorf("%q is not a seat of session %s; the seats are %s", seat, sess.Code, strings.Join(sess.Seats, ", "))
	}
	token := newToken()
	// The seat is the key: of two players joining it at once, one row is
	// inserted and the other finds the seat taken.
	res, err := s.db.Exec(`INSERT INTO players (session_id, seat, name, token, joined) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (session_id, seat) DO NOTHING`,
		sess.ID, seat, name, hash(token), time.Now().UTC().Format(time.RFC3339))
	if err != nil {
		return "", fmt.Errorf("joining session %s as %s: %w", sess.Code, seat, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return "", fmt.Errorf("joining session %s as %s: %w", sess.Code, seat, err)
	} else if n == 0 {
		return "", fmt.Errorf("seat %s of session %s is held by another player: %w", seat, sess.Code, ErrSeatTaken)
	}
	return token, nil
}

// Player returns the seat of the session whose join code is code that
// the player with token holds. Every player's hash is compared in
// constant time, so that the time taken tells nothing of the tokens.
func (s *Store) Player(code, token string) (seat string, err error) {
	sess, err := byCode(s.db, code)
	if err != nil {
		return "", err
	}
	rows, err := s.db.Query(`SELECT seat, token FROM players WHERE session_id = ?`, sess.ID)
	if err != nil {
		return "", fmt.Errorf("session %s: reading players: %w", sess.Code, err)
	}
	defer rows.Close()
	want := hash(token)
	found := ""
	for rows.Next() {
		var held string
		var got []byte
		if err := rows.Scan(&held, &got); err != nil {
			return "", fmt.Errorf("session %s: reading players: %w", sess.Code, err)
		}
		if subtle.ConstantTimeCompare(got, want) == 1 {
			found = held
		}
	}
	if err := rows.Err(); err != nil {
		return "", fmt.Errorf("session %s: reading players: %w", sess.Code, err)
	}
	if found == "" {
		return "", fmt.Errorf("session %s: the token is no player's: %w", sess.Code, ErrWrongToken)
	}
	return found, nil
}

// Instructor returns the session whose join code is code if token is
// its instructor's, the one CreateSession gave: only the instructor may
// end turns, pause or end the session.
func (s *Store) Instructor(code, token string) (Session, error) {
	sess, err := byCode(s.db, code)
	if err != nil {
		return Session{}, err
	}
	var got []byte
	if err := s.db.QueryRow(`SELECT instructor FROM sessions WHERE id = ?`, sess.ID).Scan(&got); err != nil {
		return Session{}, fmt.Errorf("session %s: reading the instructor's token: %w", sess.Code, err)
	}
	if subtle.ConstantTimeCompare(got, hash(token)) != 1 {
		return Session{}, fmt.Errorf("session %s: the token is not the instructor's: %w", sess.Code, ErrWrongToken)
	}
	return sess, nil
}
