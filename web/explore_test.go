package web

import (
	"bytes"
	"html"
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"strconv"
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
	if code != 200 {
		t.Fatalf("starting an ensemble: %d\n%s", code, body)
	}
	body = waitFor(t, b, "/explore/runs/1", `files/alignment.svg"`)
	if !strings.Contains(body, "Azerbaijan") || !strings.Contains(body, "quantiles.csv") || !strings.Contains(body, "none changed") {
		t.Errorf("the finished page lacks the summary, the files or the note that nothing was changed:\n%s", body)
	}
	if !strings.Contains(body, `<object type="image/svg+xml" data="/explore/runs/1/files/alignment.svg"`) || strings.Contains(body, "<img") {
		t.Errorf("the charts should be SVG objects, so that their titles show on hover:\n%s", body)
	}
	for name, want := range map[string]string{"alignment.svg": "<svg", "interests.svg": "<svg", "timeseries.csv": "run,turn", "summary.json": `"seed": 2`} {
		code, got := b.get("/explore/runs/1/files/" + name)
		if code != 200 || !strings.Contains(got, want) {
			t.Errorf("%s: %d, want it to contain %q", name, code, want)
		}
	}
	for _, bad := range []string{"/explore/runs/1/files/..%2f..%2fsessions.db", "/explore/runs/1/files/notes.txt", "/explore/runs/9",
		"/explore/runs/x/files/summary.json", "/explore/runs/1/files/%2e%2e", "/compare/runs/1", "/compare/runs/1/files/summary.json"} {
		if code, _ := b.get(bad); code != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", bad, code)
		}
	}
	for _, form := range []url.Values{
		{"scenario": {"/etc/passwd"}, "runs": {"2"}, "seed": {"1"}},
		{"scenario": {"../scenarios/azerbaijan-1991.toml"}, "runs": {"2"}, "seed": {"1"}},
		{"scenario": {scenarios.Default}, "runs": {"100000"}, "seed": {"1"}},
		{"scenario": {scenarios.Default}, "runs": {"0"}, "seed": {"1"}},
		{"scenario": {scenarios.Default}, "runs": {"2"}, "seed": {"x"}},
		{"upload": {"7"}, "runs": {"2"}, "seed": {"1"}},
	} {
		if code, _ := b.post("/explore/runs", form); code != http.StatusBadRequest {
			t.Errorf("%v: status %d, want 400", form, code)
		}
	}
}

// waitFor fetches path until it holds want, as the page's script would
// reload it, and returns it.
func waitFor(t *testing.T, b *browser, path, want string) string {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		_, body := b.get(path)
		if strings.Contains(body, want) {
			return body
		}
		if strings.Contains(body, `class="error"`) || time.Now().After(deadline) {
			t.Fatalf("%s did not come to show %q:\n%s", path, want, body)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// The Explore page offers the scenario's numbers with their ranges and
// hints, each holding the scenario's own value.
func TestExploreControls(t *testing.T) {
	s := newSite(t, filepath.Join(t.TempDir(), DatabaseName))
	defer s.close()
	sc, _, _, err := scenarios.Open(scenarios.Default)
	if err != nil {
		t.Fatal(err)
	}
	_, body := s.browser().get("/explore")
	aze := sc.Agent("AZE")
	for _, want := range []string{
		`name="v:agents.AZE.stubbornness" value="` + strconv.FormatFloat(aze.Stubbornness, 'g', -1, 64) + `" min="0" max="1"`,
		`name="v:agents.AZE.ideal"`, `name="v:agents.RUS.threat_response"`, `name="v:agents.AZE.weights.energy"`,
		`name="v:model.temperature" value="` + strconv.FormatFloat(sc.Model.Temperature, 'g', -1, 64) + `" min="0">`,
		`name="v:agents.AZE.capability"`, "above 0", html.EscapeString(scenarios.Default), "<details",
		html.EscapeString("positions on the axis run from -1"), "-1 to 1",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the Explore page lacks %s", want)
		}
	}
	if strings.Contains(body, "alternative_upload") {
		t.Error("a built-in scenario's page offers to compare an upload")
	}
	if strings.Contains(body, `name="v:agents.AZE.capability" value="`+strconv.FormatFloat(aze.Capability, 'g', -1, 64)+`" min=`) {
		t.Error("capability must be above 0, so 0 may not be its input's minimum")
	}
}

// Changed values reach the run as sim run --set overrides, listed on the
// results and in summary.json; values left as they were are not
// overrides; a value sim run would refuse is refused with its words.
func TestExploreChangedValues(t *testing.T) {
	s := newSite(t, filepath.Join(t.TempDir(), DatabaseName))
	defer s.close()
	b := s.browser()
	sc, _, _, err := scenarios.Open(scenarios.Default)
	if err != nil {
		t.Fatal(err)
	}
	form := url.Values{"scenario": {scenarios.Default}, "runs": {"3"}, "seed": {"1"},
		"v:agents.AZE.ideal": {"0.5"}, "v:model.temperature": {strconv.FormatFloat(sc.Model.Temperature, 'f', 6, 64)},
		"v:agents.AZE.name": {"Atlantis"}, "v:agents.RUS.stubbornness": {""}}
	if code, body := b.post("/explore/runs", form); code != 200 {
		t.Fatalf("a changed value: %d\n%s", code, body)
	}
	body := waitFor(t, b, "/explore/runs/1", `files/alignment.svg"`)
	if !strings.Contains(body, "<code>agents.AZE.ideal=0.5</code>") || strings.Contains(body, "model.temperature=") || strings.Contains(body, "Atlantis") {
		t.Errorf("the results should list the one value changed:\n%s", body)
	}
	_, summary := b.get("/explore/runs/1/files/summary.json")
	if !regexp.MustCompile(`"overrides": \[\s*"agents.AZE.ideal=0.5"\s*\]`).MatchString(summary) {
		t.Errorf("summary.json should list the override as sim run does:\n%.2000s", summary)
	}
	for value, want := range map[string]string{
		"5":   "--set agents.AZE.ideal=5: 5 is outside the range -1 to 1",
		"abc": "--set agents.AZE.ideal=abc: cannot read the value",
	} {
		form.Set("v:agents.AZE.ideal", value)
		code, body := b.post("/explore/runs", form)
		if code != http.StatusBadRequest || !strings.Contains(html.UnescapeString(body), want) ||
			!strings.Contains(body, scenarios.Default+" has a problem, so nothing was run") || !strings.Contains(body, `<a href="/explore">`) {
			t.Errorf("ideal=%s: %d, want 400 with %q:\n%s", value, code, want, body)
		}
	}
}

// postFile uploads a scenario file to the Explore page and follows
// where it leads.
func postFile(b *browser, file string, data []byte) (int, string) {
	b.t.Helper()
	return b.postFile("/explore/upload", file, data, nil)
}

// An uploaded scenario is checked as sim check checks it: a good one
// shows its notes and values and runs; a bad one's problems are shown
// at their lines; one too big or missing is refused.
func TestExploreUpload(t *testing.T) {
	s := newSite(t, filepath.Join(t.TempDir(), DatabaseName))
	defer s.close()
	b := s.browser()
	data, err := scenarios.Source("moscow-pressure")
	if err != nil {
		t.Fatal(err)
	}
	code, body := postFile(b, "../../my scenario.toml", data)
	if code != 200 || !strings.Contains(body, "<code>my-scenario.toml</code> was checked") || !strings.Contains(body, `name="upload" value="1"`) ||
		!strings.Contains(body, `name="v:agents.ARM.ideal"`) || !strings.Contains(body, "<h3>") ||
		!strings.Contains(body, `name="alternative_upload" value="1"`) {
		t.Fatalf("a good upload: %d\n%s", code, body)
	}
	form := url.Values{"upload": {"1"}, "runs": {"2"}, "seed": {"1"}, "v:agents.ARM.stubbornness": {"0.9"}}
	if code, body = b.post("/explore/runs", form); code != 200 {
		t.Fatalf("running an upload: %d\n%s", code, body)
	}
	body = waitFor(t, b, "/explore/runs/1", `files/alignment.svg"`)
	if !strings.Contains(body, "my-scenario.toml (your file)") || !strings.Contains(body, "agents.ARM.stubbornness=0.9") ||
		!strings.Contains(body, `href="/explore/uploads/1"`) {
		t.Errorf("the upload's results:\n%s", body)
	}
	cmp := url.Values{"baseline": {scenarios.Default}, "alternative_upload": {"1"}, "runs": {"2"}, "seed": {"1"}}
	if code, body = b.post("/compare/runs", cmp); code != 200 {
		t.Fatalf("comparing an upload: %d\n%s", code, body)
	}
	body = html.UnescapeString(waitFor(t, b, "/compare/runs/2", `files/comparison.svg"`))
	if !strings.Contains(body, "my-scenario.toml compared with azerbaijan-1991 (medians of 2 runs each") || !strings.Contains(body, "(your file)") ||
		!strings.Contains(body, `href="/explore/uploads/1#compare"`) {
		t.Errorf("the upload's comparison:\n%s", body)
	}
	cmp.Set("alternative_upload", "99")
	if code, body = b.post("/compare/runs", cmp); code != http.StatusBadRequest || !strings.Contains(body, "upload it again") {
		t.Errorf("comparing an upload never made: %d\n%s", code, body)
	}
	bad := strings.Replace(string(data), "threat_response = ", "threat_response = 7 # ", 1)
	code, body = postFile(b, "mine.toml", []byte(bad))
	if code != http.StatusBadRequest || !regexp.MustCompile(`mine\.toml:\d+`).MatchString(body) || !strings.Contains(body, "threat_response") {
		t.Errorf("a file with a mistake: %d\n%s", code, body)
	}
	big := bytes.Repeat([]byte("# a comment line to make the file too big\n"), int(scenarios.DefaultLimits().Bytes/40))
	if code, body = postFile(b, "big.toml", big); code != http.StatusBadRequest || !strings.Contains(body, "at most") {
		t.Errorf("a file over the limit: %d\n%.300s", code, body)
	}
	if code, body = postFile(b, "", nil); code != http.StatusBadRequest || !strings.Contains(body, "Choose a scenario file") {
		t.Errorf("no file: %d\n%.300s", code, body)
	}
	if code, _ = b.get("/explore/uploads/2"); code != http.StatusNotFound {
		t.Errorf("an upload never made: %d, want 404", code)
	}
}

// A comparison from the Compare page runs in the queue and shows what
// sim compare says, its plot and its files; bad forms are refused.
func TestCompare(t *testing.T) {
	s := newSite(t, filepath.Join(t.TempDir(), DatabaseName))
	defer s.close()
	b := s.browser()
	if code, body := b.get("/compare"); code != 200 || !strings.Contains(body, `name="alternative"`) {
		t.Fatalf("compare page: %d\n%s", code, body)
	}
	form := url.Values{"baseline": {scenarios.Default}, "alternative": {"no-southern-corridor"}, "runs": {"4"}, "seed": {"1"}, "at": {"2008"}}
	if code, body := b.post("/compare/runs", form); code != 200 {
		t.Fatalf("starting a comparison: %d\n%s", code, body)
	}
	body := waitFor(t, b, "/compare/runs/1", `files/comparison.svg"`)
	text := html.UnescapeString(body)
	for _, want := range []string{"no-southern-corridor compared with azerbaijan-1991 (medians of 4 runs each, same random draws):",
		"Azerbaijan's", "(95 %", "intervals are rough", "comparison.csv", `<object type="image/svg+xml" data="/compare/runs/1/files/comparison.svg"`} {
		if !strings.Contains(text, want) {
			t.Errorf("the comparison's page lacks %q:\n%s", want, body)
		}
	}
	resp, err := http.Get(s.srv.URL + "/compare/runs/1/files/comparison.svg")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Content-Security-Policy") != svgPolicy {
		t.Errorf("the plot: %d, policy %q; want it drawn with its own styles and no scripts", resp.StatusCode, resp.Header.Get("Content-Security-Policy"))
	}
	if code, csv := b.get("/compare/runs/1/files/comparison.csv"); code != 200 || !strings.HasPrefix(csv, "metric,agent,date") {
		t.Errorf("comparison.csv: %d\n%.200s", code, csv)
	}
	for _, bad := range []string{"/compare/runs/1/files/alignment.svg", "/compare/runs/1/files/..%2f..%2fsessions.db", "/explore/runs/1", "/compare/runs/2"} {
		if code, _ := b.get(bad); code != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", bad, code)
		}
	}
	for field, value := range map[string]string{"runs": "1", "baseline": "/etc/passwd", "alternative": "atlantis", "at": "20x8", "seed": "-1"} {
		bad := url.Values{}
		for k, v := range form {
			bad[k] = v
		}
		bad.Set(field, value)
		if code, _ := b.post("/compare/runs", bad); code != http.StatusBadRequest {
			t.Errorf("%s=%s: status %d, want 400", field, value, code)
		}
	}
}
