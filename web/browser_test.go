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

// do runs steps in ctx, failing the test if one fails.
func (c *chrome) do(ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	c.t.Helper()
	c.must(chromedp.Do(ctx, steps...))
}

// text is the text of the first element sel matches.
func (c *chrome) text(ctx context.Context, sel string) string {
	c.t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(sel))
	c.must(err)
	return s
}

// A class session in a real browser: the instructor opens it from the
// start page, a student joins in another browser with the join code and
// takes an option, the instructor sees the move and ends the quarter,
// and the student's page moves on to the next quarter by itself. With
// SIM_SCREENSHOTS=DIR the pages are saved there as PNG files.
func TestBrowserClassSession(t *testing.T) {
	c := newChrome(t)
	s := newSite(t, filepath.Join(t.TempDir(), DatabaseName))
	defer s.close()
	shot, must, text := c.shot, c.must, c.text
	teacher := c.tab(90 * time.Second)
	must(chromedp.Do(teacher, chromedp.Navigate(s.srv.URL+"/")))
	shot(teacher, "home")
	must(chromedp.Do(teacher,
		chromedp.Click(`input[value="AZE"]`),
		chromedp.Click(`input[value="ARM"]`),
		chromedp.SetValue(`input[name="pace"]`, "0"),
		chromedp.Click(`button.primary`),
		chromedp.WaitVisible(`span.code`)))
	code := text(teacher, `span.code`)
	if len(code) != 6 {
		t.Fatalf("join code %q", code)
	}
	shot(teacher, "teacher")

	student := c.tab(90 * time.Second)
	must(chromedp.Do(student, chromedp.Navigate(s.srv.URL+"/"),
		chromedp.SendKeys(`input[name="code"]`, strings.ToLower(code)),
		chromedp.Submit(`input[name="code"]`),
		chromedp.WaitVisible(`input[name="name"]`)))
	shot(student, "join")
	must(chromedp.Do(student,
		chromedp.SendKeys(`input[name="name"]`, "Leyla"),
		chromedp.Click(`input[value="AZE"]`),
		chromedp.Click(`button.primary`),
		chromedp.WaitVisible(`table.options`)))
	if h := text(student, `h1`); !strings.Contains(h, "Azerbaijan") || !strings.Contains(h, "1994-Q3") {
		t.Errorf("the student's heading is %q", h)
	}
	shot(student, "play")
	must(chromedp.Do(student,
		chromedp.Click(`input[name="option"]`),
		chromedp.Click(`button[value="option"]`),
		chromedp.WaitVisible(`//h2[contains(., "Your move is in")]`)))
	shot(student, "moved")

	// The instructor's page reloads itself when the student joins and
	// when they move.
	must(chromedp.Do(teacher, chromedp.WaitVisible(`//td[contains(., "moved")]`)))
	if rows := text(teacher, `table.seats-table`); !strings.Contains(rows, "Leyla") {
		t.Errorf("the instructor's page does not show who holds Azerbaijan: %q", rows)
	}
	must(chromedp.Do(teacher, chromedp.Click(`form[action$="end-turn"] button`),
		chromedp.WaitVisible(`//p[contains(., "1994-Q4")]`)))
	shot(teacher, "teacher-next")
	// The student's page moves on by itself to the next quarter.
	must(chromedp.Do(student, chromedp.WaitVisible(`//h1[contains(., "1994-Q4")]`)))
	shot(student, "play-next")
}
