package web

import (
	"cmp"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"caspian/classroom"
	"caspian/classroom/hub"
	"caspian/classroom/store"
	"caspian/play"
	"caspian/scenarios"
	"caspian/sim"
)

// homePage is what the first page offers: the built-in scenarios, the
// states of the chosen one as seats, and the form to join a session.
type homePage struct {
	Scenarios []scenarios.Entry
	Chosen    string
	Agents    []seatChoice
	Poles     string // the poles' names, which the model always plays
	Focal     string // the state a game offers first
}

type seatChoice struct {
	ID, Name string
	Pole     bool
}

func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	list, chosen, err := chosenScenario(r)
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, "The built-in scenarios cannot be listed.")
		return
	}
	sc, _, _, err := scenarios.Open(chosen)
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, "The scenario "+chosen+" cannot be opened.")
		return
	}
	page := homePage{Scenarios: list, Chosen: chosen, Focal: sc.Focal}
	for _, a := range sc.Agents {
		page.Agents = append(page.Agents, seatChoice{ID: a.ID, Name: a.Name,
			Pole: slices.Contains(sc.Axis.NegativePoles, a.ID) || slices.Contains(sc.Axis.PositivePoles, a.ID)})
	}
	var poles []string
	for _, a := range page.Agents {
		if a.Pole {
			poles = append(poles, a.Name)
		}
	}
	page.Poles = strings.Join(poles, ", ")
	s.render(w, "home.html", page)
}

// chosenScenario lists the built-in scenarios and the one the request's
// query names, or the default if it names none of them.
func chosenScenario(r *http.Request) ([]scenarios.Entry, string, error) {
	list, err := scenarios.List()
	if err != nil {
		return nil, "", err
	}
	chosen := r.URL.Query().Get("scenario")
	if !slices.ContainsFunc(list, func(e scenarios.Entry) bool { return e.Name == chosen }) {
		chosen = scenarios.Default
	}
	return list, chosen, nil
}

// create opens a session on a built-in scenario from the home page's
// form and takes the instructor to its page.
func (s *Server) create(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, http.StatusBadRequest, "The form could not be read.")
		return
	}
	name := r.PostForm.Get("scenario")
	data, err := scenarios.Source(name)
	if err != nil {
		s.fail(w, r, http.StatusBadRequest, fmt.Sprintf("%q is not a built-in scenario.", name))
		return
	}
	s.open(w, r, name, data, r.PostForm["seat"])
}

// createUploaded opens a session on a scenario file the instructor
// uploads, checked like a file on disk and within the same limits; its
// seats are typed as ids.
func (s *Server) createUploaded(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseMultipartForm(scenarios.DefaultLimits().Bytes); err != nil {
		s.fail(w, r, http.StatusBadRequest, fmt.Sprintf("The upload could not be read; a scenario file may be at most %s.",
			scenarios.FormatBytes(scenarios.DefaultLimits().Bytes)))
		return
	}
	f, head, err := r.FormFile("file")
	if err != nil {
		s.fail(w, r, http.StatusBadRequest, "Choose a scenario file (.toml) to upload.")
		return
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		s.fail(w, r, http.StatusBadRequest, "The upload could not be read.")
		return
	}
	var seats []string
	for _, id := range strings.FieldsFunc(r.PostForm.Get("seats"), func(r rune) bool { return r == ',' || r == ' ' }) {
		seats = append(seats, strings.ToUpper(id))
	}
	s.open(w, r, uploadName(head.Filename), data, seats)
}

// uploadName is the name an uploaded file is shown by: its base name
// without .toml, in letters, digits, dots, dashes and underscores only.
func uploadName(file string) string {
	base := strings.TrimSuffix(filepath.Base(strings.ReplaceAll(file, "\\", "/")), ".toml")
	base = strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-' || r == '_' {
			return r
		}
		return '-'
	}, base)
	if len(base) > 60 {
		base = base[:60]
	}
	if strings.Trim(base, ".-_") == "" {
		return "uploaded"
	}
	return base
}

// open opens a session on the scenario file data called name, with the
// rest of the form, and takes the instructor to its page.
func (s *Server) open(w http.ResponseWriter, r *http.Request, name string, data []byte, seats []string) {
	seed, err := strconv.ParseUint(strings.TrimSpace(r.PostForm.Get("seed")), 10, 64)
	if err != nil {
		s.fail(w, r, http.StatusBadRequest, "The seed must be a whole number, 0 or more.")
		return
	}
	minutes, err := strconv.ParseFloat(strings.TrimSpace(r.PostForm.Get("pace")), 64)
	if err != nil || minutes < 0 || minutes > 24*60 {
		s.fail(w, r, http.StatusBadRequest, "The minutes per quarter must be a number from 0 (no clock) to 1440.")
		return
	}
	if len(seats) == 0 {
		s.fail(w, r, http.StatusBadRequest, "Choose at least one state for the students.")
		return
	}
	title := strings.TrimSpace(r.PostForm.Get("title"))
	if title == "" {
		title = "Class session"
	}
	rec, tok, err := s.hub.Create(store.NewSession{Title: title, ScenarioName: name, Scenario: data, Seed: seed,
		Seats: seats, Pace: time.Duration(minutes * float64(time.Minute))})
	if err != nil {
		s.fail(w, r, http.StatusBadRequest, err.Error())
		return
	}
	s.setToken(w, "teacher", rec.Code, tok)
	http.Redirect(w, r, "/s/"+rec.Code+"/teacher", http.StatusSeeOther)
}

// solo starts a game of one state for one person: a session with one
// seat and no clock, whose student is also its instructor, so that they
// can end it early.
func (s *Server) solo(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, http.StatusBadRequest, "The form could not be read.")
		return
	}
	name, seat := r.PostForm.Get("scenario"), r.PostForm.Get("seat")
	data, err := scenarios.Source(name)
	if err != nil {
		s.fail(w, r, http.StatusBadRequest, fmt.Sprintf("%q is not a built-in scenario.", name))
		return
	}
	seed, err := strconv.ParseUint(strings.TrimSpace(r.PostForm.Get("seed")), 10, 64)
	if err != nil {
		s.fail(w, r, http.StatusBadRequest, "The seed must be a whole number, 0 or more.")
		return
	}
	rec, teacher, err := s.hub.Create(store.NewSession{Title: "Game", ScenarioName: name, Scenario: data, Seed: seed, Seats: []string{seat}})
	if err != nil {
		s.fail(w, r, http.StatusBadRequest, err.Error())
		return
	}
	player, err := s.hub.Join(rec.Code, seat, "you")
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	s.setToken(w, "teacher", rec.Code, teacher)
	s.setToken(w, "player", rec.Code, player)
	http.Redirect(w, r, "/s/"+rec.Code+"/play", http.StatusSeeOther)
}

// gameOfOne reports whether session c is a game of one played from this
// browser: one seat, whose student is also the instructor. Only then
// does the student's page offer the instructor's controls.
func (s *Server) gameOfOne(c string, r *http.Request) bool {
	seats, err := s.hub.Seats(c)
	return err == nil && len(seats) == 1 && s.hub.IsInstructor(c, token(r, "teacher", c))
}

// findSession takes a student from the join form to their session.
func (s *Server) findSession(w http.ResponseWriter, r *http.Request) {
	c := store.NormalCode(r.URL.Query().Get("code"))
	if c == "" || strings.ContainsFunc(c, func(r rune) bool { return !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') }) {
		s.fail(w, r, http.StatusBadRequest, "Type the join code your instructor gave, such as K7QX2M.")
		return
	}
	http.Redirect(w, r, "/s/"+c, http.StatusSeeOther)
}

// joinPage lets a student take a free seat, or sends one who has
// already joined from this browser back to their game.
func (s *Server) joinPage(w http.ResponseWriter, r *http.Request) {
	c := code(r)
	if _, err := s.hub.SeatOf(c, token(r, "player", c)); err == nil {
		http.Redirect(w, r, "/s/"+c+"/play", http.StatusSeeOther)
		return
	}
	seats, err := s.hub.Seats(c)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	s.render(w, "join.html", map[string]any{"Code": c, "Seats": seats})
}

func (s *Server) join(w http.ResponseWriter, r *http.Request) {
	c := code(r)
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, http.StatusBadRequest, "The form could not be read.")
		return
	}
	tok, err := s.hub.Join(c, r.PostForm.Get("seat"), r.PostForm.Get("name"))
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	s.setToken(w, "player", c, tok)
	http.Redirect(w, r, "/s/"+c+"/play", http.StatusSeeOther)
}

// option is one of a student's choices as the page offers it: its value
// in the form names action, target and demand; gains are in points, as
// sim play shows them.
type option struct {
	Value, Text, Refusal                       string
	Net, Security, Energy, Alignment, Conflict float64
}

func (s *Server) playPage(w http.ResponseWriter, r *http.Request) {
	c := code(r)
	v, err := s.hub.Student(c, token(r, "player", c))
	if errors.Is(err, store.ErrWrongToken) {
		http.Redirect(w, r, "/s/"+c, http.StatusSeeOther) // not joined from this browser yet
		return
	}
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	var sc *sim.Scenario
	s.hub.Read(c, func(g *classroom.Session) error { sc = g.Config().Scenario; return nil })
	choices := slices.Clone(v.Choices)
	slices.SortStableFunc(choices, func(a, b sim.Choice) int { return cmp.Compare(b.Net(), a.Net()) })
	var opts []option
	for _, ch := range choices {
		o := option{Value: ch.Action + "|" + ch.Target + "|" + ch.Demand, Text: play.Describe(sc, ch.Action, ch.Target),
			Net: ch.Net() * play.Points, Security: ch.Gain.Security * play.Points, Energy: ch.Gain.Energy * play.Points,
			Alignment: ch.Gain.Alignment * play.Points, Conflict: ch.Gain.Conflict * play.Points}
		if ch.Demand != "" {
			o.Text += ", asking it to " + ch.Demand
		}
		if !ch.Acceptable {
			o.Refusal = sc.AgentName(ch.With) + " would refuse"
		}
		opts = append(opts, o)
	}
	neg, pos := sc.Axis.Labels()
	energy := "Energy supply security (0 to 1)"
	if spec := sc.Agent(v.Seat); spec != nil && spec.EarnsIncome() {
		energy = "Energy income (bn US$ a year)"
	}
	var waiting []string
	for _, id := range v.Waiting {
		waiting = append(waiting, sc.AgentName(id))
	}
	s.render(w, "play.html", map[string]any{"V": v, "Options": opts, "Name": sc.AgentName(v.Seat), "Over": over(v),
		"Solo":   s.gameOfOne(c, r),
		"Energy": energy, "Negative": neg, "Positive": pos, "Waiting": strings.Join(waiting, ", ")})
}

func (s *Server) move(w http.ResponseWriter, r *http.Request) {
	c := code(r)
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, http.StatusBadRequest, "The form could not be read.")
		return
	}
	m := classroom.Move{Action: r.PostForm.Get("do")}
	if m.Action == "option" {
		parts := strings.SplitN(r.PostForm.Get("option"), "|", 3)
		if len(parts) != 3 {
			s.fail(w, r, http.StatusBadRequest, "Choose one of your options first.")
			return
		}
		m.Action, m.Target, m.Demand = parts[0], parts[1], parts[2]
	}
	if err := s.hub.Move(c, token(r, "player", c), m); err != nil {
		s.failErr(w, r, err)
		return
	}
	http.Redirect(w, r, "/s/"+c+"/play", http.StatusSeeOther)
}

func (s *Server) teacherPage(w http.ResponseWriter, r *http.Request) {
	c := code(r)
	v, rec, err := s.hub.Instructor(c, token(r, "teacher", c))
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	seats, err := s.hub.Seats(c)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	s.render(w, "teacher.html", map[string]any{"V": v, "Rec": rec, "Seats": seats, "Over": over(v)})
}

// over reports whether a session is over: played to its end or ended
// by its instructor. Its debriefs can then be written.
func over(v hub.View) bool { return v.Done || v.State == store.StateEnded }

// instructorAction is a form of the instructor's page: act does it
// with the session's join code, the instructor's token and the form, and
// the instructor goes back to the page.
func (s *Server) instructorAction(act func(code, token string, form url.Values) error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c := code(r)
		if err := r.ParseForm(); err != nil {
			s.fail(w, r, http.StatusBadRequest, "The form could not be read.")
			return
		}
		if err := act(c, token(r, "teacher", c), r.PostForm); err != nil {
			s.failErr(w, r, err)
			return
		}
		back := "/s/" + c + "/teacher"
		if r.PostForm.Get("back") == "play" { // a game of one, played from its student's page
			back = "/s/" + c + "/play"
		}
		http.Redirect(w, r, back, http.StatusSeeOther)
	}
}

func (s *Server) endTurn(c, token string, _ url.Values) error { return s.hub.EndTurn(c, token) }

func (s *Server) setState(c, token string, form url.Values) error {
	return s.hub.SetState(c, token, store.State(form.Get("state")))
}

// fastForward plays the next quarters for everyone, at the instructor's
// word.
func (s *Server) fastForward(c, token string, form url.Values) error {
	n, err := strconv.Atoi(strings.TrimSpace(form.Get("quarters")))
	if err != nil {
		return errors.New("The number of quarters must be a whole number.")
	}
	return s.hub.FastForward(c, token, n)
}

// movesCSV gives the instructor every move of the session, for grading:
// each student's move of each quarter, what their state did, and how it
// ranked among their options by the state's own rule.
func (s *Server) movesCSV(w http.ResponseWriter, r *http.Request) {
	c := code(r)
	_, rec, err := s.hub.Instructor(c, token(r, "teacher", c))
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	seats, err := s.hub.Seats(c)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	players := map[string]string{}
	for _, st := range seats {
		players[st.Seat] = st.Player
	}
	var buf strings.Builder
	cw := csv.NewWriter(&buf)
	cw.Write([]string{"session", "seat", "student", "turn", "quarter", "move", "action", "target", "demand", "done", "net", "best", "rank", "options"})
	err = s.hub.Read(c, func(g *classroom.Session) error {
		cal := g.Config().Scenario.Calendar
		scores := g.Scores()
		for i, m := range g.Log() {
			sc := scores[i]
			f := func(x float64) string { return strconv.FormatFloat(x*play.Points, 'f', 2, 64) }
			done := play.Describe(g.Config().Scenario, sc.Done.Action, sc.Done.Target)
			cw.Write([]string{rec.Code, m.Seat, players[m.Seat], strconv.Itoa(m.Turn), cal.Label(m.Turn), m.Action, sc.Done.Action,
				sc.Done.Target, m.Demand, done, f(sc.Net), f(sc.Best), strconv.Itoa(sc.Rank), strconv.Itoa(sc.Options)})
		}
		return nil
	})
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	cw.Flush()
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", "attachment; filename="+strconv.Quote("moves-"+rec.Code+".csv"))
	io.WriteString(w, buf.String())
}
