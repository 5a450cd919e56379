package web

import (
	"errors"
	"log"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"caspian/classroom"
	"caspian/internal/jobs"
	"caspian/play"
	"caspian/scenarios"
)

// waitDebrief fetches a debrief until it is written (the first request
// starts it and gets the waiting page).
func (b *browser) waitDebrief(path string) (int, string) {
	b.t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for {
		code, body := b.get(path)
		if code != http.StatusOK || !strings.Contains(body, "Writing the debrief") {
			return code, body
		}
		if time.Now().After(deadline) {
			b.t.Fatalf("%s: not written after two minutes", path)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// Debriefs come once a session is over, each for its instructor and the
// student who played the state, and say how they were made.
func TestDebriefs(t *testing.T) {
	s := newSite(t, filepath.Join(t.TempDir(), DatabaseName))
	defer s.close()
	teacher := s.browser()
	_, body := teacher.post("/sessions", url.Values{"scenario": {scenarios.Default}, "seat": {"AZE", "ARM"}, "pace": {"0"}, "seed": {"2"}})
	m := codeRE.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("opening a session:\n%s", body)
	}
	join := m[1]
	leyla, aram := s.browser(), s.browser()
	leyla.post("/s/"+join+"/join", url.Values{"seat": {"AZE"}, "name": {"Leyla"}})
	aram.post("/s/"+join+"/join", url.Values{"seat": {"ARM"}, "name": {"Aram"}})
	_, body = aram.get("/s/" + join + "/play")
	opt := regexp.MustCompile(`name="option" value="([^"]+)"`).FindStringSubmatch(body)
	if opt == nil {
		t.Fatalf("Aram has no options:\n%s", body)
	}
	aram.post("/s/"+join+"/move", url.Values{"do": {"option"}, "option": {opt[1]}})
	leyla.post("/s/"+join+"/move", url.Values{"do": {"none"}})

	path := "/s/" + join + "/debrief/AZE"
	if code, body := teacher.get(path); code != http.StatusBadRequest || !strings.Contains(body, "once the session is over") {
		t.Errorf("a debrief before the end: %d\n%.300s", code, body)
	}
	if code, _ := teacher.post("/s/"+join+"/state", url.Values{"state": {"ended"}}); code != http.StatusOK {
		t.Fatalf("ending the session: %d", code)
	}
	if _, body := teacher.get("/s/" + join + "/teacher"); !strings.Contains(body, `href="/s/`+join+`/debrief/ARM"`) {
		t.Errorf("the instructor's page links no debriefs:\n%s", body)
	}
	if _, body := leyla.get("/s/" + join + "/play"); !strings.Contains(body, `href="/s/`+join+`/debrief/AZE"`) {
		t.Errorf("Leyla's page does not link her debrief:\n%s", body)
	}
	for _, who := range []struct {
		name string
		b    *browser
		want int
	}{{"Aram", aram, http.StatusForbidden}, {"a stranger", s.browser(), http.StatusForbidden}} {
		if code, _ := who.b.get(path); code != who.want {
			t.Errorf("%s asking for Leyla's debrief: %d, want %d", who.name, code, who.want)
		}
	}
	code, body := leyla.waitDebrief(path)
	if code != http.StatusOK || !strings.Contains(body, "Debrief: Azerbaijan") {
		t.Fatalf("Leyla's debrief: %d\n%.500s", code, body)
	}
	// docs/teaching.md says the model plays the student's state 20 times.
	for _, want := range []string{"played Azerbaijan itself 20 times", "Armenia made their own moves", "The session ended in 1994-Q3", "You decided 1 turn ", "data:image/png;base64,"} {
		if !strings.Contains(body, want) {
			t.Errorf("Leyla's debrief does not say %q", want)
		}
	}
	// The instructor gets the same page, from the same work.
	if code, again := teacher.waitDebrief(path); code != http.StatusOK || again != body {
		t.Errorf("the instructor's copy of Leyla's debrief differs (%d)", code)
	}
	// Leyla's saved game replays on the command line as the same game:
	// her moves, Aram's held as he made them, the model's in between.
	code, saved := leyla.get(path + "/game.toml")
	if code != http.StatusOK || !strings.Contains(saved, "others = [") {
		t.Fatalf("Leyla's saved game: %d\n%s", code, saved)
	}
	file := filepath.Join(t.TempDir(), "leyla.toml")
	if err := os.WriteFile(file, []byte(saved), 0o644); err != nil {
		t.Fatal(err)
	}
	var notes strings.Builder
	replayed, err := jobs.Game{Moves: file, Limits: jobs.DefaultLimits()}.Start(&notes)
	if err != nil {
		t.Fatal(err)
	}
	if err := play.Finish(replayed.Game); err != nil {
		t.Fatal(err)
	}
	err = s.hub.Read(join, func(sess *classroom.Session) error {
		g, _, err := sess.Game("AZE")
		if err == nil && !reflect.DeepEqual(g.Collector().Snapshots(), replayed.Game.Collector().Snapshots()) {
			t.Error("the saved game does not replay as the session's game")
		}
		return err
	})
	if err != nil || notes.Len() > 0 {
		t.Errorf("replaying the saved game: %v; notes %q", err, notes.String())
	}
	if code, _ := aram.get(path + "/game.toml"); code != http.StatusForbidden {
		t.Errorf("Aram fetching Leyla's saved game: %d", code)
	}
	if code, body := teacher.get("/s/" + join + "/debrief/RUS"); code != http.StatusNotFound || !strings.Contains(body, "No student held RUS") {
		t.Errorf("a debrief of a state nobody held: %d\n%.300s", code, body)
	}
}

// A game of one state: the player is its own instructor, can skip
// quarters and end it, and gets the debrief.
func TestGameOfOne(t *testing.T) {
	s := newSite(t, filepath.Join(t.TempDir(), DatabaseName))
	defer s.close()
	me := s.browser()
	code, body := me.post("/play", url.Values{"scenario": {scenarios.Default}, "seat": {"GEO"}, "seed": {"3"}})
	if code != http.StatusOK || !strings.Contains(body, "Georgia · 1994-Q3") || !strings.Contains(body, "End the game here") {
		t.Fatalf("starting a game: %d\n%.500s", code, body)
	}
	join := regexp.MustCompile(`/s/([A-Z0-9]+)/move`).FindStringSubmatch(body)[1]
	if code, body = me.post("/s/"+join+"/move", url.Values{"do": {"none"}}); !strings.Contains(body, "Georgia · 1994-Q4") {
		t.Fatalf("a move does not play the quarter at once: %d\n%.300s", code, body)
	}
	if code, body = me.post("/s/"+join+"/fast-forward", url.Values{"quarters": {"2"}, "back": {"play"}}); !strings.Contains(body, "Georgia · 1995-Q2") {
		t.Fatalf("fast-forward: %d\n%.300s", code, body)
	}
	if code, body = me.post("/s/"+join+"/state", url.Values{"state": {"ended"}, "back": {"play"}}); !strings.Contains(body, "Read your debrief") {
		t.Fatalf("ending the game: %d\n%.300s", code, body)
	}
	code, body = me.waitDebrief("/s/" + join + "/debrief/GEO")
	if code != http.StatusOK || !strings.Contains(body, "Debrief: Georgia") || strings.Contains(body, "made their own moves") {
		t.Errorf("the game's debrief: %d\n%.500s", code, body)
	}
	for _, bad := range []url.Values{
		{"scenario": {"nope"}, "seat": {"GEO"}, "seed": {"1"}},
		{"scenario": {scenarios.Default}, "seat": {"GEO"}, "seed": {"x"}},
		{"scenario": {scenarios.Default}, "seat": {"ZZZ"}, "seed": {"1"}},
	} {
		if code, _ := s.browser().post("/play", bad); code != http.StatusBadRequest {
			t.Errorf("%v: status %d", bad, code)
		}
	}
}

// A session ended before anyone moved still has debriefs, which say
// that there is nothing of the student's to compare.
func TestDebriefOfASessionEndedAtOnce(t *testing.T) {
	s := newSite(t, filepath.Join(t.TempDir(), DatabaseName))
	defer s.close()
	me := s.browser()
	_, body := me.post("/play", url.Values{"scenario": {scenarios.Default}, "seat": {"ARM"}, "seed": {"2"}})
	join := regexp.MustCompile(`/s/([A-Z0-9]+)/move`).FindStringSubmatch(body)[1]
	me.post("/s/"+join+"/state", url.Values{"state": {"ended"}, "back": {"play"}})
	code, body := me.waitDebrief("/s/" + join + "/debrief/ARM")
	if code != http.StatusOK || !strings.Contains(body, "The session ended before its first move, in 1994-Q3") {
		t.Errorf("the debrief of a game ended at once: %d\n%.600s", code, body)
	}
	if code, body := me.get("/s/" + join + "/debrief/ARM/game.toml"); code != http.StatusOK || !strings.Contains(body, `"1994-Q3 auto"`) {
		t.Errorf("the saved game of a game ended at once: %d\n%.300s", code, body)
	}
}

// Work in the background that panics becomes an error in plain words;
// the details go to the server's log, never to a page.
func TestProtect(t *testing.T) {
	var logged strings.Builder
	err := protect(log.New(&logged, "", 0), "a debrief", func() error {
		var recs []int
		_ = recs[len(recs)-1] // a bug
		return nil
	})
	if err == nil || strings.Contains(err.Error(), "goroutine") || !strings.Contains(err.Error(), "something went wrong") {
		t.Errorf("protect returned %v", err)
	}
	if !strings.Contains(logged.String(), "a debrief: internal error: runtime error: index out of range") || !strings.Contains(logged.String(), "goroutine") {
		t.Errorf("the log has %q", logged.String())
	}
	want := errors.New("plain")
	if err := protect(log.New(&logged, "", 0), "work", func() error { return want }); err != want {
		t.Errorf("protect changed an ordinary error: %v", err)
	}
}
