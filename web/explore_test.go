package web

import (
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"caspian/scenarios"
)

// An ensemble from the Explore page: its notes, its progress, then its
// plots, summary and files, the same that sim run writes; only the files
// it wrote can be fetched.
func TestExplore(t *testing.T) {
	s := newSite(t, filepath.Join(t.TempDir(), DatabaseName))
	defer s.close()
	b := s.browser()
	code, body := b.get("/explore?scenario=moscow-pressure")
	if code != 200 || !strings.Contains(body, `value="moscow-pressure" selected`) || !strings.Contains(body, "<h3>") {
		t.Fatalf("explore page: %d, want the scenario's notes:\n%.500s", code, body)
	}
	code, body = b.post("/explore/runs", url.Values{"scenario": {scenarios.Default}, "runs": {"4"}, "seed": {"2"}})
	path := regexp.MustCompile(`/explore/runs/(\d+)/version`).FindStringSubmatch(body)
	if code != 200 || (path == nil && !strings.Contains(body, "alignment.svg")) {
		t.Fatalf("starting an ensemble: %d\n%s", code, body)
	}
	deadline := time.Now().Add(60 * time.Second)
	for !strings.Contains(body, `files/alignment.svg"`) {
		if time.Now().After(deadline) {
			t.Fatalf("the ensemble did not finish:\n%s", body)
		}
		time.Sleep(50 * time.Millisecond)
		_, body = b.get("/explore/runs/1")
	}
	if !strings.Contains(body, "Azerbaijan") || !strings.Contains(body, "quantiles.csv") {
		t.Errorf("the finished page lacks the summary or the files:\n%s", body)
	}
	for name, want := range map[string]string{"alignment.svg": "<svg", "interests.svg": "<svg", "timeseries.csv": "run,turn", "summary.json": `"seed": 2`} {
		code, got := b.get("/explore/runs/1/files/" + name)
		if code != 200 || !strings.Contains(got, want) {
			t.Errorf("%s: %d, want it to contain %q", name, code, want)
		}
	}
	for _, bad := range []string{"/explore/runs/1/files/..%2f..%2fsessions.db", "/explore/runs/1/files/notes.txt", "/explore/runs/9", "/explore/runs/x/files/summary.json"} {
		if code, _ := b.get(bad); code != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", bad, code)
		}
	}
	for _, form := range []url.Values{
		{"scenario": {"/etc/passwd"}, "runs": {"2"}, "seed": {"1"}},
		{"scenario": {scenarios.Default}, "runs": {"100000"}, "seed": {"1"}},
		{"scenario": {scenarios.Default}, "runs": {"0"}, "seed": {"1"}},
		{"scenario": {scenarios.Default}, "runs": {"2"}, "seed": {"x"}},
	} {
		if code, _ := b.post("/explore/runs", form); code != http.StatusBadRequest {
			t.Errorf("%v: status %d, want 400", form, code)
		}
	}
}
