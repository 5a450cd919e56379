package web

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"caspian/classroom"
	"caspian/scenarios"
)

// A class at once: four sessions of eight students each (every state
// but the poles of the default scenario) join over the loopback address
// and play three quarters, each student moving as soon as their page
// asks for a move. No move may be lost: each session's log holds every
// student's move of every quarter. The response times are reported, not
// asserted (go test -run Load -v shows them).
func TestLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("a class of 32 students")
	}
	s := newSite(t, filepath.Join(t.TempDir(), DatabaseName))
	defer s.close()
	seats := []string{"AZE", "TUR", "GEO", "ARM", "IRN", "TKM", "KAZ", "ISR"}
	const sessions, quarters = 4, 3
	var codes []string
	for i := range sessions {
		_, body := s.browser().post("/sessions", url.Values{"scenario": {scenarios.Default}, "title": {fmt.Sprint("Class ", i)},
			"seat": seats, "pace": {"0"}, "seed": {fmt.Sprint(i + 1)}})
		m := codeRE.FindStringSubmatch(body)
		if m == nil {
			t.Fatalf("opening session %d:\n%s", i, body)
		}
		codes = append(codes, m[1])
	}
	var (
		mu    sync.Mutex
		times []time.Duration
		wg    sync.WaitGroup
		errs  = make(chan error, sessions*len(seats))
	)
	timed := func(c *http.Client, req func(*http.Client) (*http.Response, error)) (string, error) {
		start := time.Now()
		resp, err := req(c)
		if err != nil {
			return "", err
		}
		defer resp.Body.Close()
		var b strings.Builder
		_, err = io.Copy(&b, resp.Body)
		mu.Lock()
		times = append(times, time.Since(start))
		mu.Unlock()
		if resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusSeeOther {
			return "", fmt.Errorf("%s: status %d", resp.Request.URL.Path, resp.StatusCode)
		}
		return b.String(), err
	}
	option := regexp.MustCompile(`name="option" value="([^"]+)"`)
	label := regexp.MustCompile(`· (\d{4}-Q\d)</h1>`)
	for _, code := range codes {
		for i, seat := range seats {
			wg.Add(1)
			go func() {
				defer wg.Done()
				b := s.browser()
				c := b.client
				base := s.srv.URL + "/s/" + code
				if _, err := timed(c, func(c *http.Client) (*http.Response, error) {
					return c.PostForm(base+"/join", url.Values{"seat": {seat}, "name": {"student " + seat}})
				}); err != nil {
					errs <- err
					return
				}
				played := 0
				last := ""
				for played < quarters {
					page, err := timed(c, func(c *http.Client) (*http.Response, error) { return c.Get(base + "/play") })
					if err != nil {
						errs <- err
						return
					}
					m := label.FindStringSubmatch(page)
					if m == nil || !strings.Contains(page, "Your move</h2>") || m[1] == last {
						time.Sleep(5 * time.Millisecond) // waiting for the others
						continue
					}
					last = m[1]
					form := url.Values{"do": {"none"}}
					if o := option.FindAllStringSubmatch(page, -1); len(o) > 0 && (i+played)%3 != 0 {
						form = url.Values{"do": {"option"}, "option": {o[(i+played)%len(o)][1]}}
					}
					if _, err := timed(c, func(c *http.Client) (*http.Response, error) { return c.PostForm(base+"/move", form) }); err != nil {
						errs <- fmt.Errorf("%s %s: %w", code, seat, err)
						return
					}
					played++
				}
			}()
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	for _, code := range codes {
		var log []classroom.Move
		if err := s.hub.Read(code, func(g *classroom.Session) error { log = g.Log(); return nil }); err != nil {
			t.Fatal(err)
		}
		stored, err := s.st.Moves(s.sessionID(t, code))
		if err != nil {
			t.Fatal(err)
		}
		if len(log) != quarters*len(seats) || len(stored) != len(log) {
			t.Errorf("session %s: %d moves played and %d stored, want %d", code, len(log), len(stored), quarters*len(seats))
		}
		for _, m := range log {
			if m.Action == classroom.Auto {
				t.Errorf("session %s: %s's move in turn %d was left to the model", code, m.Seat, m.Turn)
			}
		}
	}
	slices.Sort(times)
	q := func(p float64) time.Duration { return times[int(p*float64(len(times)-1))] }
	t.Logf("%d students in %d sessions, %d quarters: %d requests; response time median %v, 90%% %v, 99%% %v, max %v",
		sessions*len(seats), sessions, quarters, len(times), q(0.5), q(0.9), q(0.99), times[len(times)-1])
}
