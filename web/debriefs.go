package web

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"runtime"
	"slices"
	"sync"

	"caspian/classroom"
	"caspian/classroom/hub"
	"caspian/internal/page"
	"caspian/play"
)

// debriefRuns is how many times the model plays a student's state for
// their debrief: sim play's own number.
const debriefRuns = 20

// debriefs writes the debriefs of finished sessions, one at a time (each
// plays the scenario some fifty times), and keeps them for the life of
// the server: a finished session no longer changes.
type debriefs struct {
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

func newDebriefs() *debriefs {
	return &debriefs{slot: make(chan struct{}, 1), byID: map[string]*debriefJob{}}
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
		j.html, j.err = write()
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
}

// debriefFor finds the debrief a request asks for, started if need be:
// only the session's instructor and the student holding the seat may
// see it, and only once the session is over.
func (s *Server) debriefFor(r *http.Request) (*debriefJob, int, string) {
	c, seat := code(r), r.PathValue("seat")
	held, err := s.hub.SeatOf(c, token(r, "player", c))
	if !s.hub.IsInstructor(c, token(r, "teacher", c)) && (err != nil || held != seat) {
		return nil, http.StatusForbidden, "A debrief is for the session's instructor and for the student who played that state."
	}
	over, err := s.hub.Over(c)
	seats, _ := s.hub.Seats(c)
	switch {
	case err != nil:
		return nil, http.StatusNotFound, "There is no session with that join code."
	case !slices.ContainsFunc(seats, func(st hub.Seat) bool { return st.Seat == seat }):
		return nil, http.StatusNotFound, "No student held " + seat + " in this session, so it has no debrief."
	case !over:
		return nil, http.StatusBadRequest, "The debriefs are written once the session is over: when it reaches its last quarter or the instructor ends it."
	}
	return s.debriefs.get(c, seat, func() ([]byte, error) { return s.writeDebrief(c, seat) }), 0, ""
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
	if recs := g.Records(); played < len(recs) {
		doc.Blocks = slices.Insert(doc.Blocks, 1, page.Block{Note: fmt.Sprintf("The session ended in %s, before the "+
			"scenario's last quarter: from %s on, the model played every state, yours too, so that your game and "+
			"the model's end at the same date.", recs[played-1].Label, recs[played].Label)})
	}
	var buf bytes.Buffer
	if err := doc.HTML(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
