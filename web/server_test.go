package web

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"caspian/classroom/hub"
	"caspian/classroom/store"
	"caspian/scenarios"
)

// site is a server on a database file, which a test can restart.
type site struct {
	t   *testing.T
	db  string
	st  *store.Store
	hub *hub.Hub
	srv *httptest.Server
}

func newSite(t *testing.T, db string) *site {
	t.Helper()
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	h, err := hub.New(st, scenarios.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(h, filepath.Join(filepath.Dir(db), "runs"), "test", io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	return &site{t: t, db: db, st: st, hub: h, srv: httptest.NewServer(s)}
}

func (s *site) close() { s.srv.Close(); s.st.Close() }

// sessionID is the store's ID of the session with join code code.
func (s *site) sessionID(t *testing.T, code string) int64 {
	t.Helper()
	all, err := s.st.Sessions()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range all {
		if r.Code == code {
			return r.ID
		}
	}
	t.Fatalf("no session %s in the store", code)
	return 0
}

// browser is one person's browser: its own cookies, never following a
// redirect by itself, so that a test sees where each form leads.
type browser struct {
	t      *testing.T
	client *http.Client
	site   *site
}

func (s *site) browser() *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{t: s.t, site: s, client: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// get fetches path, following redirects, and returns the status and body.
func (b *browser) get(path string) (int, string) {
	b.t.Helper()
	for range 5 {
		resp, err := b.client.Get(b.site.srv.URL + path)
		if err != nil {
			b.t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode == http.StatusSeeOther {
			path = resp.Header.Get("Location")
			continue
		}
		return resp.StatusCode, string(body)
	}
	b.t.Fatalf("too many redirects from %s", path)
	return 0, ""
}

// post sends a form and follows where it leads.
func (b *browser) post(path string, form url.Values) (int, string) {
	b.t.Helper()
	resp, err := b.client.PostForm(b.site.srv.URL+path, form)
	if err != nil {
		b.t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode == http.StatusSeeOther {
		return b.get(resp.Header.Get("Location"))
	}
	return resp.StatusCode, string(body)
}

// moveTo points the browser at another site, keeping its cookies for
// session code, as a browser does when the server restarts on the same
// address.
func (b *browser) moveTo(s *site, code string) {
	from, _ := url.Parse(b.site.srv.URL)
	to, _ := url.Parse(s.srv.URL)
	for _, c := range b.client.Jar.Cookies(from.JoinPath("/s/" + code)) {
		c.Path = "/s/" + code
		b.client.Jar.SetCookies(to.JoinPath("/s/"+code), []*http.Cookie{c})
	}
	b.site = s
}

var codeRE = regexp.MustCompile(`<span class="code">([A-Z0-9]+)</span>`)

// A class session through the pages: the instructor opens it, two
// students join and move, the instructor ends a quarter, and after the
// server restarts everyone carries on where they were.
func TestClassSession(t *testing.T) {
	db := filepath.Join(t.TempDir(), DatabaseName)
	s := newSite(t, db)
	teacher := s.browser()
	code, body := teacher.get("/")
	if code != 200 || !strings.Contains(body, `value="AZE"`) || strings.Contains(body, `name="seat" value="RUS"`) {
		t.Fatalf("home page: %d; the poles must not be offered as seats:\n%s", code, body)
	}
	code, body = teacher.post("/sessions", url.Values{"scenario": {scenarios.Default}, "title": {"Week 3"},
		"seat": {"AZE", "ARM"}, "pace": {"0"}, "seed": {"4"}})
	m := codeRE.FindStringSubmatch(body)
	if code != 200 || m == nil {
		t.Fatalf("opening a session: %d\n%s", code, body)
	}
	join := m[1]
	if !strings.Contains(body, "1994-Q3") || !strings.Contains(body, "<em>free</em>") {
		t.Errorf("the instructor's page does not show the first quarter and the free seats:\n%s", body)
	}

	leyla, armen := s.browser(), s.browser()
	code, body = leyla.get("/join?code=" + strings.ToLower(join))
	if code != 200 || !strings.Contains(body, `value="AZE"`) {
		t.Fatalf("join page: %d\n%s", code, body)
	}
	if code, body = leyla.post("/s/"+join+"/join", url.Values{"seat": {"AZE"}, "name": {"Leyla"}}); code != 200 || !strings.Contains(body, "Your move") {
		t.Fatalf("Leyla joining: %d\n%s", code, body)
	}
	if code, _ = armen.post("/s/"+join+"/join", url.Values{"seat": {"AZE"}, "name": {"Armen"}}); code != http.StatusBadRequest {
		t.Errorf("a taken seat: status %d", code)
	}
	if code, _ = armen.post("/s/"+join+"/join", url.Values{"seat": {"ARM"}, "name": {"Armen"}}); code != 200 {
		t.Fatalf("Armen joining: %d", code)
	}
	// Leyla picks her first option; Armen's page still waits for him.
	_, body = leyla.get("/s/" + join + "/play")
	opt := regexp.MustCompile(`name="option" value="([^"]+)"`).FindStringSubmatch(body)
	if opt == nil {
		t.Fatalf("Leyla has no options:\n%s", body)
	}
	if code, body = leyla.post("/s/"+join+"/move", url.Values{"do": {"option"}, "option": {opt[1]}}); code != 200 || !strings.Contains(body, "Your move is in") || !strings.Contains(body, "Waiting for: Armenia") {
		t.Fatalf("Leyla's move: %d\n%s", code, body)
	}
	if code, _ = leyla.post("/s/"+join+"/move", url.Values{"do": {"none"}}); code != http.StatusBadRequest {
		t.Errorf("a second move in a quarter: status %d", code)
	}
	_, body = teacher.get("/s/" + join + "/teacher")
	if !strings.Contains(body, "Leyla") || !strings.Contains(body, "moved") || !strings.Contains(body, "waiting") {
		t.Errorf("the instructor does not see who moved:\n%s", body)
	}
	// A student cannot end the quarter; the instructor can.
	if code, _ = armen.post("/s/"+join+"/end-turn", nil); code != http.StatusForbidden {
		t.Errorf("a student ending the quarter: status %d", code)
	}
	if code, body = teacher.post("/s/"+join+"/end-turn", nil); code != 200 || !strings.Contains(body, "1994-Q4") {
		t.Fatalf("ending the quarter: %d\n%s", code, body)
	}
	code, body = teacher.get("/s/" + join + "/chart.svg")
	if code != 200 || !strings.HasPrefix(body, "<?xml") || !strings.Contains(body, "<svg") {
		t.Errorf("the chart: %d %.80s", code, body)
	}
	// Pointing at Azerbaijan's line in the quarter Leyla moved tells what
	// Azerbaijan did and why.
	if !regexp.MustCompile(`<title>Azerbaijan · 1994-Q3[^<]*why: `).MatchString(body) {
		t.Errorf("the chart has no hover details of Leyla's move")
	}
	if code, _ = s.browser().get("/s/" + join + "/chart.svg"); code != http.StatusForbidden {
		t.Errorf("the chart for a stranger: status %d", code)
	}

	// Armen moves, and the server restarts before Leyla has.
	if code, _ = armen.post("/s/"+join+"/move", url.Values{"do": {"auto"}}); code != 200 {
		t.Fatalf("Armen's move: %d", code)
	}
	s.close()
	s2 := newSite(t, db)
	defer s2.close()
	for _, b := range []*browser{teacher, leyla, armen} {
		b.moveTo(s2, join)
	}
	if _, body = armen.get("/s/" + join + "/play"); !strings.Contains(body, "Your move is in") {
		t.Errorf("after the restart Armen's move is lost:\n%s", body)
	}
	if _, body = leyla.get("/s/" + join + "/play"); !strings.Contains(body, "Your move") || !strings.Contains(body, "1994-Q4") {
		t.Errorf("after the restart Leyla is not back at her move:\n%s", body)
	}
	if code, body = leyla.post("/s/"+join+"/move", url.Values{"do": {"none"}}); code != 200 || !strings.Contains(body, "1995-Q1") {
		t.Errorf("the quarter after the restart: %d\n%s", code, body)
	}
	// The instructor gets every move so far; a student does not.
	code, body = teacher.get("/s/" + join + "/moves.csv")
	lines := strings.Split(strings.TrimSpace(body), "\n")
	if code != 200 || len(lines) != 1+4 || !strings.HasPrefix(lines[0], "session,seat,student,turn,quarter,move") ||
		!strings.Contains(body, ",AZE,Leyla,11,1994-Q3,") || !strings.Contains(body, ",ARM,Armen,11,1994-Q3,auto,") || !strings.Contains(body, ",ARM,Armen,12,1994-Q4,auto,") {
		t.Errorf("moves.csv: %d\n%s", code, body)
	}
	if code, _ = leyla.get("/s/" + join + "/moves.csv"); code != http.StatusForbidden {
		t.Errorf("moves.csv for a student: status %d", code)
	}
	// The instructor skips a year; a student cannot.
	if code, _ = leyla.post("/s/"+join+"/fast-forward", url.Values{"quarters": {"4"}}); code != http.StatusForbidden {
		t.Errorf("a student fast-forwarding: status %d", code)
	}
	if code, body = teacher.post("/s/"+join+"/fast-forward", url.Values{"quarters": {"4"}}); code != 200 || !strings.Contains(body, "1996-Q1") {
		t.Errorf("fast-forwarding a year: %d\n%s", code, body)
	}
}

// Bad requests get an error page that says what is wrong, with the
// right status, and never a stack trace.
func TestErrors(t *testing.T) {
	s := newSite(t, filepath.Join(t.TempDir(), DatabaseName))
	defer s.close()
	b := s.browser()
	tests := []struct {
		method, path string
		form         url.Values
		status       int
		want         string
	}{
		{"GET", "/s/NOSUCH", nil, 404, "no session with that join code"},
		{"GET", "/join?code=" + url.QueryEscape("../etc"), nil, 400, "Type the join code"},
		{"POST", "/sessions", url.Values{"scenario": {"../../etc/passwd"}, "seed": {"1"}, "pace": {"0"}, "seat": {"AZE"}}, 400, "is not a built-in scenario"},
		{"POST", "/sessions", url.Values{"scenario": {scenarios.Default}, "seed": {"-1"}, "pace": {"0"}, "seat": {"AZE"}}, 400, "seed must be a whole number"},
		{"POST", "/sessions", url.Values{"scenario": {scenarios.Default}, "seed": {"1"}, "pace": {"soon"}, "seat": {"AZE"}}, 400, "minutes per quarter"},
		{"POST", "/sessions", url.Values{"scenario": {scenarios.Default}, "seed": {"1"}, "pace": {"0"}}, 400, "at least one state"},
		{"POST", "/sessions", url.Values{"scenario": {scenarios.Default}, "seed": {"1"}, "pace": {"0"}, "seat": {"ZZZ"}}, 400, "ZZZ"},
		{"POST", "/sessions", url.Values{"scenario": {scenarios.Default}, "seed": {"1"}, "pace": {"0"}, "seat": {strings.Repeat("x", 70000)}}, 400, "could not be read"},
		{"GET", "/nowhere", nil, 404, ""},
	}
	for _, tt := range tests {
		var code int
		var body string
		if tt.method == "GET" {
			code, body = b.get(tt.path)
		} else {
			code, body = b.post(tt.path, tt.form)
		}
		if code != tt.status || !strings.Contains(body, tt.want) || strings.Contains(body, "goroutine") {
			t.Errorf("%s %s: %d, want %d with %q:\n%.300s", tt.method, tt.path, code, tt.status, tt.want, body)
		}
	}
}

// upload posts a scenario file with the rest of the session's upload
// form.
func (b *browser) upload(file string, data []byte, seats string) (int, string) {
	b.t.Helper()
	return b.postFile("/sessions/upload", file, data, map[string]string{"seats": seats, "seed": "1", "pace": "0", "title": "Own scenario"})
}

// postFile sends a form with a file (none if file is "") and fields to
// path, and follows where it leads.
func (b *browser) postFile(path, file string, data []byte, fields map[string]string) (int, string) {
	b.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	if file != "" {
		fw, _ := mw.CreateFormFile("file", file)
		fw.Write(data)
	}
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	mw.Close()
	resp, err := b.client.Post(b.site.srv.URL+path, mw.FormDataContentType(), &body)
	if err != nil {
		b.t.Fatal(err)
	}
	got, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode == http.StatusSeeOther {
		return b.get(resp.Header.Get("Location"))
	}
	return resp.StatusCode, string(got)
}

// A session on an uploaded scenario: a good file opens one, a file with
// mistakes is refused with its problems placed on their lines, as sim
// check places them, and a file over the size limit is refused.
func TestUploadedScenario(t *testing.T) {
	s := newSite(t, filepath.Join(t.TempDir(), DatabaseName))
	defer s.close()
	data, err := scenarios.Source("moscow-pressure")
	if err != nil {
		t.Fatal(err)
	}
	b := s.browser()
	code, body := b.upload("../../my scenario.toml", data, "aze, arm")
	if code != 200 || !codeRE.MatchString(body) || !strings.Contains(body, "Scenario my-scenario,") || !strings.Contains(body, "Armenia") {
		t.Fatalf("a good upload: %d\n%s", code, body)
	}
	bad := strings.Replace(string(data), "threat_response = ", "threat_response = 7 # ", 1)
	code, body = b.upload("mine.toml", []byte(bad), "AZE")
	if code != http.StatusBadRequest || !regexp.MustCompile(`mine\.toml:\d+`).MatchString(body) || !strings.Contains(body, "threat_response") {
		t.Errorf("a file with a mistake: %d\n%s", code, body)
	}
	if code, body = b.upload("mine.toml", data, "XXX"); code != http.StatusBadRequest || !strings.Contains(body, "XXX") {
		t.Errorf("an unknown seat: %d\n%s", code, body)
	}
	big := bytes.Repeat([]byte("# a comment line to make the file too big\n"), int(scenarios.DefaultLimits().Bytes/40))
	if code, body = b.upload("big.toml", big, "AZE"); code != http.StatusBadRequest || !strings.Contains(body, "at most") {
		t.Errorf("a file over the limit: %d\n%.300s", code, body)
	}
}
