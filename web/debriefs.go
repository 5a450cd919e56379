package web

import (
	"bytes"
	"context"
	"fmt"
	"log"
	"net/http"
	"runtime"
	"slices"
	"strconv"
	"sync"

	"caspian/classroom"
	"caspian/classroom/hub"
	"caspian/internal/jobs"
	"caspian/internal/page"
	"caspian/play"
	"caspian/scenarios"
)

// debriefRuns is how many times the model plays a student's state for
// their debrief: sim play's own number.
const debriefRuns = 20

// debriefs writes the debriefs of finished sessions, one at a time (each
// plays the scenario some fifty times), and keeps them for the life of
// the server: a finished session no longer changes.
type debriefs struct {
	log  *log.Logger
	slot chan struct{}
	mu   sync.Mutex
	byID map[string]*debriefJob // by join code and seat
}

// debriefJob is one student's debrief, written or being written.
type debriefJob struct {
	done chan struct{}
	html []byte
	err  error
}

func newDebriefs(logger *log.Logger) *debriefs {
	return &debriefs{log: logger, slot: make(chan struct{}, 1), byID: map[string]*debriefJob{}}
}

// get returns the debrief of seat in session code, starting it with
// write if nobody has asked for it yet.
func (d *debriefs) get(code, seat string, write func() ([]byte, error)) *debriefJob {
	d.mu.Lock()
	defer d.mu.Unlock()
	key := code + "/" + seat
	if j, ok := d.byID[key]; ok {
		return j
	}
	j := &debriefJob{done: make(chan struct{})}
	d.byID[key] = j
	go func() {
		d.slot <- struct{}{}
		defer func() { <-d.slot }()
		j.err = protect(d.log, "debrief "+key, func() (err error) {
			j.html, err = write()
			return err
		})
		close(j.done)
	}()
	return j
}

// ready reports whether j is written (or failed).
func (j *debriefJob) ready() bool {
	select {
	case <-j.done:
		return true
	default:
		return false
	}
}

// debriefRoutes adds the debrief pages to the server's routes.
func (s *Server) debriefRoutes() {
	s.mux.HandleFunc("GET /s/{code}/debrief/{seat}", s.debriefPage)
	s.mux.HandleFunc("GET /s/{code}/debrief/{seat}/version", s.debriefVersion)
	s.mux.HandleFunc("GET /s/{code}/debrief/{seat}/game.toml", s.savedGame)
}

// savedGame gives a student's game as sim play saves one, with the other
// students' moves in it: 'sim play --moves FILE' replays it and writes
// the same debrief, for grading away from the server.
func (s *Server) savedGame(w http.ResponseWriter, r *http.Request) {
	if status, msg := s.mayDebrief(r); status != 0 {
		s.fail(w, r, status, msg)
		return
	}
	c, seat := code(r), r.PathValue("seat")
	var save *play.Save
	err := s.hub.Read(c, func(sess *classroom.Session) error {
		g, _, err := sess.Game(seat)
		if err == nil {
			save = play.SaveOf(g)
		}
		return err
	})
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	if data, err := scenarios.Source(save.Scenario); err == nil {
		save.SHA256 = jobs.SHA256(data) // a built-in scenario; an uploaded file is named as it was
	}
	w.Header().Set("Content-Type", "application/toml; charset=utf-8")
	w.Header().Set("Content-Disposition", "attachment; filename="+strconv.Quote(fmt.Sprintf("game-%s-%s.toml", c, seat)))
	w.Write(save.Marshal())
}

// debriefFor finds the debrief a request asks for, started if need be.
func (s *Server) debriefFor(r *http.Request) (*debriefJob, int, string) {
	if status, msg := s.mayDebrief(r); status != 0 {
		return nil, status, msg
	}
	c, seat := code(r), r.PathValue("seat")
	return s.debriefs.get(c, seat, func() ([]byte, error) { return s.writeDebrief(c, seat) }), 0, ""
}

// mayDebrief checks that a request may have the debrief of the seat it
// names: only the session's instructor and the student holding the seat
// may, and only once the session is over. It returns the status and
// message of a refusal, 0 if none.
func (s *Server) mayDebrief(r *http.Request) (int, string) {
	c, seat := code(r), r.PathValue("seat")
	held, err := s.hub.SeatOf(c, token(r, "player", c))
	if !s.hub.IsInstructor(c, token(r, "teacher", c)) && (err != nil || held != seat) {
		return http.StatusForbidden, "A debrief is for the session's instructor and for the student who played that state."
	}
	over, err := s.hub.Over(c)
	seats, _ := s.hub.Seats(c)
	switch {
	case err != nil:
		return http.StatusNotFound, "There is no session with that join code."
	case !slices.ContainsFunc(seats, func(st hub.Seat) bool { return st.Seat == seat }):
		return http.StatusNotFound, "No student held " + seat + " in this session, so it has no debrief."
	case !over:
		return http.StatusBadRequest, "The debriefs are written once the session is over: when it reaches its last quarter or the instructor ends it."
	}
	return 0, ""
}

func (s *Server) debriefPage(w http.ResponseWriter, r *http.Request) {
	j, status, msg := s.debriefFor(r)
	if j == nil {
		s.fail(w, r, status, msg)
		return
	}
	if !j.ready() {
		s.render(w, "debrief.html", map[string]any{"Code": code(r), "Seat": r.PathValue("seat"), "Runs": debriefRuns})
		return
	}
	if j.err != nil {
		s.log.Printf("debrief %s %s: %v", code(r), r.PathValue("seat"), j.err)
		s.fail(w, r, http.StatusInternalServerError, "The debrief could not be written: "+j.err.Error())
		return
	}
	// The debrief is a page complete in itself, to keep or print: its
	// styles and figure are inside it, and it runs nothing.
	w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:")
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(j.html)
}

// debriefVersion tells the waiting page when the debrief is written.
func (s *Server) debriefVersion(w http.ResponseWriter, r *http.Request) {
	j, status, msg := s.debriefFor(r)
	if j == nil {
		http.Error(w, msg, status)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	v := 0
	if j.ready() {
		v = 1
	}
	fmt.Fprintf(w, "{\"version\":%d}\n", v)
}

// writeDebrief writes the debrief of seat in session code as sim play
// writes a player's: the student's game, the other students' moves held
// as they made them, against the model playing their state.
func (s *Server) writeDebrief(code, seat string) ([]byte, error) {
	var (
		g      *play.Game
		played int
	)
	err := s.hub.Read(code, func(sess *classroom.Session) error {
		var err error
		g, played, err = sess.Game(seat)
		return err
	})
	if err != nil {
		return nil, err
	}
	d, err := play.NewDebrief(g, play.DebriefOptions{Runs: debriefRuns, Workers: runtime.NumCPU(), Context: context.Background()})
	if err != nil {
		return nil, err
	}
	doc, err := d.Document()
	if err != nil {
		return nil, err
	}
	if note := endedEarly(g.Records(), played); note != "" {
		doc.Blocks = slices.Insert(doc.Blocks, 1, page.Block{Note: note})
	}
	var buf bytes.Buffer
	if err := doc.HTML(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// endedEarly says, for a game of which the session played the first
// played records, from when the model played on alone; "" if the
// session played it to the end.
func endedEarly(recs []play.Record, played int) string {
	switch {
	case played >= len(recs):
		return ""
	case played == 0:
		return fmt.Sprintf("The session ended before its first move, in %s: the model played every quarter for "+
			"every state, yours too, so there is nothing of yours to compare yet.", recs[0].Label)
	}
	return fmt.Sprintf("The session ended in %s, before the scenario's last quarter: from %s on, the model played "+
		"every state, yours too, so that your game and the model's end at the same date.", recs[played-1].Label, recs[played].Label)
}
