package web

import (
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io"
	"log"
	"math"
	"net/http"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"caspian/classroom"
	"caspian/classroom/hub"
	"caspian/classroom/store"
	"caspian/output"
	"caspian/scenarios"
)

//go:embed pages
var pageFiles embed.FS

// maxForm is the most a request may send: forms are a few hundred bytes.
const maxForm = 64 << 10

// Server answers a class's browsers.
type Server struct {
	hub     *hub.Hub
	explore *explorer
	// debriefs holds the debriefs of finished sessions' students.
	debriefs *debriefs
	pages    *template.Template
	mux      *http.ServeMux
	log      *log.Logger
}

// New makes the server of the sessions in h, which runs the ensembles
// asked from its Explore page into folder runs, recording version in
// their summaries; problems that are the server's, not the user's, are
// logged to logw.
func New(h *hub.Hub, runs, version string, logw io.Writer) (*Server, error) {
	pages, err := template.New("").Funcs(template.FuncMap{
		"signed": func(x float64) string { return strconv.FormatFloat(x, 'f', 2, 64) },
		// points writes a gain in points as sim play does: a dot for
		// nothing, else signed with one decimal.
		"points": func(x float64) string {
			if math.Abs(x) < 0.05 {
				return "·"
			}
			return fmt.Sprintf("%+.1f", x)
		},
		"fixed": func(x float64) string { return strconv.FormatFloat(x, 'f', 3, 64) },
		"minsec": func(d time.Duration) string {
			d = d.Round(time.Second)
			return fmt.Sprintf("%d:%02d", int(d.Minutes()), int(d.Seconds())%60)
		},
	}).ParseFS(pageFiles, "pages/*.html")
	if err != nil {
		return nil, err
	}
	logger := log.New(logw, "sim serve: ", log.LstdFlags)
	s := &Server{hub: h, explore: newExplorer(runs, version, logger), debriefs: newDebriefs(logger), pages: pages,
		mux: http.NewServeMux(), log: logger}
	s.mux.HandleFunc("GET /{$}", s.home)
	s.mux.HandleFunc("GET /style.css", s.asset("pages/style.css", "text/css; charset=utf-8"))
	s.mux.HandleFunc("GET /watch.js", s.asset("pages/watch.js", "text/javascript; charset=utf-8"))
	s.mux.HandleFunc("POST /play", s.solo)
	s.mux.HandleFunc("POST /sessions", s.create)
	s.mux.HandleFunc("POST /sessions/upload", s.createUploaded)
	s.mux.HandleFunc("GET /join", s.findSession)
	s.mux.HandleFunc("GET /s/{code}", s.joinPage)
	s.mux.HandleFunc("POST /s/{code}/join", s.join)
	s.mux.HandleFunc("GET /s/{code}/play", s.playPage)
	s.mux.HandleFunc("POST /s/{code}/move", s.move)
	s.mux.HandleFunc("GET /s/{code}/teacher", s.teacherPage)
	s.mux.HandleFunc("POST /s/{code}/end-turn", s.instructorAction(s.endTurn))
	s.mux.HandleFunc("POST /s/{code}/state", s.instructorAction(s.setState))
	s.mux.HandleFunc("POST /s/{code}/fast-forward", s.instructorAction(s.fastForward))
	s.mux.HandleFunc("GET /s/{code}/moves.csv", s.movesCSV)
	s.mux.HandleFunc("GET /s/{code}/chart.svg", s.chart)
	s.mux.HandleFunc("GET /s/{code}/version", s.version)
	s.exploreRoutes()
	s.debriefRoutes()
	return s, nil
}

// ServeHTTP answers one request, limited in size; a handler that fails
// in an unforeseen way answers with an error page, never a stack trace.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	limit := int64(maxForm)
	if strings.HasSuffix(r.URL.Path, "/upload") { // a scenario file, within the scenarios' own limit
		limit += scenarios.DefaultLimits().Bytes
	}
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	defer func() {
		if v := recover(); v != nil {
			s.log.Printf("%s %s: internal error: %v", r.Method, r.URL.Path, v)
			s.fail(w, r, http.StatusInternalServerError, "Something went wrong on the server; try again.")
		}
	}()
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Content-Security-Policy", "default-src 'self'; style-src 'self'; img-src 'self'; script-src 'self'")
	s.mux.ServeHTTP(w, r)
}

// protect runs f, turning a panic (a bug) into an error that says so in
// plain words, the details going to logger: the work a server does in
// the background (debriefs, ensembles, the pace's clock) must never stop
// the server a class depends on. Requests are protected by ServeHTTP.
func protect(logger *log.Logger, what string, f func() error) (err error) {
	defer func() {
		if v := recover(); v != nil {
			logger.Printf("%s: internal error: %v\n%s", what, v, debug.Stack())
			err = errors.New("something went wrong on the server; the server's log has the details")
		}
	}()
	return f()
}

// render writes page name with data.
func (s *Server) render(w http.ResponseWriter, name string, data any) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := s.pages.ExecuteTemplate(w, name, data); err != nil {
		s.log.Printf("page %s: %v", name, err)
	}
}

// fail answers with an error page saying what went wrong.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, status int, msg string) {
	title := map[int]string{http.StatusBadRequest: "That did not work", http.StatusForbidden: "Not yours to see",
		http.StatusNotFound: "Not found"}[status]
	if title == "" {
		title = "Something went wrong"
	}
	w.WriteHeader(status)
	s.render(w, "error.html", map[string]any{"Status": status, "Title": title, "Message": msg})
}

// failErr answers with the error page an error of the hub calls for:
// not found, not allowed, or a mistake in what was asked.
func (s *Server) failErr(w http.ResponseWriter, r *http.Request, err error) {
	switch {
	case errors.Is(err, hub.ErrNotFound):
		s.fail(w, r, http.StatusNotFound, "There is no session with that join code. Check the code your instructor gave.")
	case errors.Is(err, store.ErrWrongToken):
		s.fail(w, r, http.StatusForbidden, "This page is for the session's instructor or for a student who joined it from this browser.")
	default:
		s.fail(w, r, http.StatusBadRequest, err.Error())
	}
}

// Cookies hold the tokens: one per session and role, sent back only to
// that session's pages.
func cookieName(role, code string) string { return role + "_" + code }

func (s *Server) setToken(w http.ResponseWriter, role, code, token string) {
	http.SetCookie(w, &http.Cookie{Name: cookieName(role, code), Value: token, Path: "/s/" + code,
		HttpOnly: true, SameSite: http.SameSiteStrictMode, MaxAge: 14 * 24 * 3600})
}

func token(r *http.Request, role, code string) string {
	c, err := r.Cookie(cookieName(role, code))
	if err != nil {
		return ""
	}
	return c.Value
}

// code is the session's join code from the request's path, in capitals.
func code(r *http.Request) string {
	return store.NormalCode(r.PathValue("code"))
}

// asset serves the embedded file name as a page's style or script.
func (s *Server) asset(name, contentType string) http.HandlerFunc {
	data, err := pageFiles.ReadFile(name)
	if err != nil {
		panic(err) // embedded with the program: a missing one is a bug the tests catch
	}
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", contentType)
		w.Write(data)
	}
}

// chart draws the session's alignment so far, for its instructor and
// its students.
func (s *Server) chart(w http.ResponseWriter, r *http.Request) {
	c := code(r)
	if !s.participant(r, c) {
		s.fail(w, r, http.StatusForbidden, "The chart is for the session's instructor and students.")
		return
	}
	seat, _ := s.hub.SeatOf(c, token(r, "player", c))
	var buf strings.Builder
	err := s.hub.Read(c, func(g *classroom.Session) error {
		sc := g.Config().Scenario
		if seat != "" && sc.Focal != seat {
			// A student's chart draws their own state as the focal one.
			own := *sc
			own.Focal = seat
			sc = &own
		}
		rep := &output.Report{Scenario: sc, Name: sc.Name, Seed: g.Config().Seed, Runs: 1,
			Collectors: []*output.Collector{g.Collector()}}
		p, err := output.PlotAlignment(rep)
		if err != nil {
			return err
		}
		return output.Render(&buf, p, output.AlignmentWidth, output.AlignmentHeight, "svg")
	})
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "image/svg+xml")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Security-Policy", svgPolicy)
	io.WriteString(w, buf.String())
}

// participant reports whether the request comes from the instructor or
// a student of session c.
func (s *Server) participant(r *http.Request, c string) bool {
	if s.hub.IsInstructor(c, token(r, "teacher", c)) {
		return true
	}
	_, err := s.hub.SeatOf(c, token(r, "player", c))
	return err == nil
}

// version tells a page polling its session how many changes it has
// seen, so that the page reloads only when something happened.
func (s *Server) version(w http.ResponseWriter, r *http.Request) {
	c := code(r)
	v, err := s.hub.Version(c)
	if err != nil {
		http.Error(w, "unknown session", http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	fmt.Fprintf(w, "{\"version\":%d}\n", v)
}
