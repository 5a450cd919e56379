package web

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// chromium finds a Chromium or Chrome to drive. Without one the browser
// test is skipped, unless SIM_BROWSER=required (as .ci/run sets it),
// when it fails.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	if os.Getenv("SIM_BROWSER") == "required" {
		t.Fatal("no Chromium found: install it (apt-get install chromium) to run the browser test")
	}
	t.Skip("no Chromium found; set SIM_BROWSER=required to make this a failure")
	return ""
}

// chrome drives a headless Chromium for one test: each tab is a
// separate browser context (its own cookies), as two people on two
// machines would be.
type chrome struct {
	t     *testing.T
	alloc context.Context
	shots string
}

// newChrome starts the browser, or skips the test without one (see
// chromium); it is closed when the test ends.
func newChrome(t *testing.T) *chrome {
	t.Helper()
	if testing.Short() {
		t.Skip("drives a browser")
	}
	exe := chromium(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(exe), chromedp.NoSandbox, chromedp.WindowSize(1100, 900))
	alloc, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	return &chrome{t: t, alloc: alloc, shots: os.Getenv("SIM_SCREENSHOTS")}
}

// tab opens a new browser with its own cookies, given limit to do its
// part of the test.
func (c *chrome) tab(limit time.Duration) context.Context {
	ctx, cancel := chromedp.NewContext(c.alloc)
	c.t.Cleanup(cancel)
	ctx, stop := context.WithTimeout(ctx, limit)
	c.t.Cleanup(stop)
	return ctx
}

// shot saves the page of ctx as name.png when SIM_SCREENSHOTS is set.
func (c *chrome) shot(ctx context.Context, name string) {
	c.t.Helper()
	if c.shots == "" {
		return
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	c.must(err)
	c.must(os.WriteFile(filepath.Join(c.shots, name+".png"), png, 0o644))
}

func (c *chrome) must(err error) {
	c.t.Helper()
	if err != nil {
		c.t.Fatal(err)
	}
}

// do runs steps in ctx one after the other, failing the test if one
// fails.
func (c *chrome) do(ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	c.t.Helper()
	for _, step := range steps {
		_, err := settled(ctx, step)
		c.must(err)
	}
}

// text is the text of the first element sel matches.
func (c *chrome) text(ctx context.Context, sel string) string {
	c.t.Helper()
	s, err := settled(ctx, chromedp.Text(sel))
	c.must(err)
	return s
}

// settled runs a in ctx, again if it failed only because the page was
// being replaced: the pages reload themselves when their session
// changes, and a step that reads the page as one document goes and the
// next comes fails through no fault of either (the browser no longer
// knows the document it was asked about).
func settled[T any](ctx context.Context, a chromedp.Action[T]) (T, error) {
	for {
		v, err := chromedp.Run(ctx, a)
		if err == nil || !reloading(err) || ctx.Err() != nil {
			return v, err
		}
		select {
		case <-ctx.Done():
			return v, err
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// reloading tells whether err is the browser's word for a page that was
// replaced while a step ran.
func reloading(err error) bool {
	msg := err.Error()
	for _, s := range []string{"Cannot find context with specified id", "Execution context was destroyed", "Inspected target navigated or closed", "Node with given id does not belong to the document", "Could not find node with given id"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

// A class session in a real browser, with two students: the instructor
// opens it from the start page; Leyla (Azerbaijan) and Aram (Armenia)
// join from their own browsers with the join code; the quarter plays as
// soon as both have moved, and their pages move on by themselves; the
// instructor ends the next quarter with Aram still thinking, then the
// session, and reads Leyla's debrief, which Leyla can read too. With
// SIM_SCREENSHOTS=DIR the pages are saved there as PNG files.
func TestBrowserClassSession(t *testing.T) {
	c := newChrome(t)
	s := newSite(t, filepath.Join(t.TempDir(), DatabaseName))
	defer s.close()
	shot, text := c.shot, c.text
	teacher := c.tab(3 * time.Minute)
	c.do(teacher, chromedp.Navigate(s.srv.URL+"/"))
	shot(teacher, "home")
	c.do(teacher,
		chromedp.Click(`input[value="AZE"]`),
		chromedp.Click(`input[value="ARM"]`),
		chromedp.SetValue(`form[action="/sessions"] input[name="pace"]`, "0"),
		chromedp.Click(`form[action="/sessions"] button.primary`),
		chromedp.WaitVisible(`span.code`))
	code := text(teacher, `span.code`)
	if len(code) != 6 {
		t.Fatalf("join code %q", code)
	}
	shot(teacher, "teacher")

	join := func(name, seat string) context.Context {
		student := c.tab(3 * time.Minute)
		c.do(student, chromedp.Navigate(s.srv.URL+"/"),
			chromedp.SendKeys(`input[name="code"]`, strings.ToLower(code)),
			chromedp.Submit(`input[name="code"]`),
			chromedp.WaitVisible(`input[name="name"]`))
		if seat == "AZE" {
			shot(student, "join")
		}
		c.do(student,
			chromedp.SendKeys(`input[name="name"]`, name),
			chromedp.Click(`input[value="`+seat+`"]`),
			chromedp.Click(`button.primary`),
			chromedp.WaitVisible(`table.options`))
		return student
	}
	leyla, aram := join("Leyla", "AZE"), join("Aram", "ARM")
	if h := text(leyla, `h1`); !strings.Contains(h, "Azerbaijan") || !strings.Contains(h, "1994-Q3") {
		t.Errorf("Leyla's heading is %q", h)
	}
	if h := text(aram, `h1`); !strings.Contains(h, "Armenia") {
		t.Errorf("Aram's heading is %q", h)
	}
	shot(leyla, "play")
	c.do(leyla,
		chromedp.Click(`input[name="option"]`),
		chromedp.Click(`button[value="option"]`),
		chromedp.WaitVisible(`//h2[contains(., "Your move is in")]`))
	shot(leyla, "moved")
	// It says whom the quarter waits for.
	c.do(leyla, chromedp.WaitVisible(`//p[contains(., "Waiting for: Armenia")]`))
	// The instructor's page reloads itself when a student moves.
	c.do(teacher, chromedp.WaitVisible(`//td[contains(., "moved")]`))
	if rows := text(teacher, `table.seats-table`); !strings.Contains(rows, "Leyla") || !strings.Contains(rows, "Aram") {
		t.Errorf("the instructor's page does not show who holds which state: %q", rows)
	}
	shot(teacher, "teacher-moved")

	// Aram's move is the last: the quarter plays, and both pages move on.
	c.do(aram, chromedp.Click(`button[value="none"]`), chromedp.WaitVisible(`//h1[contains(., "1994-Q4")]`))
	c.do(leyla, chromedp.WaitVisible(`//h1[contains(., "1994-Q4")]`))
	shot(leyla, "play-next")

	// Next quarter Leyla leaves it to the model and the instructor ends
	// it without Aram; then the session.
	c.do(leyla, chromedp.Click(`button[value="auto"]`), chromedp.WaitVisible(`//h2[contains(., "Your move is in")]`))
	c.do(teacher, chromedp.Click(`form[action$="end-turn"] button`), chromedp.WaitVisible(`//p[contains(., "1995-Q1")]`))
	shot(teacher, "teacher-next")
	// The chart inside the page carries its hover details: what Leyla's
	// Azerbaijan did in 1994-Q3 and why.
	hover, err := settled(teacher, chromedp.Poll[string](`(() => {
		const d = document.querySelector("object.chart").contentDocument;
		if (!d) return null;
		const t = [...d.querySelectorAll("title")].find(t => t.textContent.startsWith("Azerbaijan · 1994-Q3"));
		return t ? t.textContent : null;
	})()`))
	c.must(err)
	if !strings.Contains(hover, "why: ") {
		t.Errorf("the chart's hover details of Azerbaijan in 1994-Q3: %q", hover)
	}
	c.do(aram, chromedp.WaitVisible(`//h1[contains(., "1995-Q1")]`))
	c.do(teacher, chromedp.Click(`button.danger`), chromedp.WaitVisible(`//a[contains(., "debrief")]`))
	shot(teacher, "teacher-over")

	c.do(teacher, chromedp.Click(`//tr[contains(., "Leyla")]//a[contains(., "debrief")]`),
		chromedp.WaitVisible(`//h1[contains(., "Debrief: Azerbaijan")]`))
	if p := text(teacher, `main`); !strings.Contains(p, "Armenia made their own moves") || !strings.Contains(p, "The session ended in 1994-Q4") {
		t.Errorf("Leyla's debrief does not say how it was made: %.600q", p)
	}
	shot(teacher, "debrief")
	c.do(leyla, chromedp.WaitVisible(`//a[contains(., "Read your debrief")]`),
		chromedp.Click(`//a[contains(., "Read your debrief")]`),
		chromedp.WaitVisible(`//h1[contains(., "Debrief: Azerbaijan")]`))
	// Aram may not read Leyla's.
	c.do(aram, chromedp.Navigate(s.srv.URL+"/s/"+code+"/debrief/AZE"), chromedp.WaitVisible(`//h1[contains(., "Not yours")]`))
}

// A game of one state in a real browser, as sim play: three quarters
// (an option, nothing, the model's choice), four more left to the model,
// then the game ended and its debrief read.
func TestBrowserGame(t *testing.T) {
	c := newChrome(t)
	s := newSite(t, filepath.Join(t.TempDir(), DatabaseName))
	defer s.close()
	tab := c.tab(3 * time.Minute)
	c.do(tab, chromedp.Navigate(s.srv.URL+"/"),
		chromedp.SetValue(`form[action="/play"] select[name="seat"]`, "GEO"),
		chromedp.Click(`form[action="/play"] button`),
		chromedp.WaitVisible(`table.options`))
	if h := c.text(tab, `h1`); !strings.Contains(h, "Georgia") || !strings.Contains(h, "1994-Q3") {
		t.Fatalf("the game's heading is %q", h)
	}
	c.shot(tab, "game")
	c.do(tab, chromedp.Click(`input[name="option"]`), chromedp.Click(`button[value="option"]`),
		chromedp.WaitVisible(`//h1[contains(., "1994-Q4")]`))
	c.do(tab, chromedp.Click(`button[value="none"]`), chromedp.WaitVisible(`//h1[contains(., "1995-Q1")]`))
	c.do(tab, chromedp.Click(`button[value="auto"]`), chromedp.WaitVisible(`//h1[contains(., "1995-Q2")]`))
	c.do(tab, chromedp.Click(`form[action$="fast-forward"] button`), chromedp.WaitVisible(`//h1[contains(., "1996-Q2")]`))
	c.shot(tab, "game-later")
	c.do(tab, chromedp.Click(`button.danger`), chromedp.WaitVisible(`//a[contains(., "Read your debrief")]`),
		chromedp.Click(`//a[contains(., "Read your debrief")]`),
		chromedp.WaitVisible(`//h1[contains(., "Debrief: Georgia")]`))
	if p := c.text(tab, `main`); !strings.Contains(p, "The session ended in 1996-Q1") || strings.Contains(p, "made their own moves") {
		t.Errorf("the debrief does not say how it was made: %.600q", p)
	}
	c.shot(tab, "game-debrief")
}
