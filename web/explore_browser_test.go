package web

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"caspian/scenarios"
)

// Exploring in a real browser: read a scenario, change one of its values,
// run a small ensemble and wait on its page until the results show; then
// upload a scenario file, good and bad; then compare two scenarios. With
// SIM_SCREENSHOTS=DIR the pages are saved there as PNG files.
func TestBrowserExplore(t *testing.T) {
	c := newChrome(t)
	s := newSite(t, filepath.Join(t.TempDir(), DatabaseName))
	defer s.close()
	tab := c.tab(120 * time.Second)
	c.do(tab, chromedp.Navigate(s.srv.URL+"/explore?scenario="+scenarios.Default), chromedp.WaitVisible(`details.controls`))
	c.shot(tab, "explore")
	ideal := `input[name="v:agents.AZE.ideal"]`
	c.do(tab, chromedp.Click(`//summary[contains(., "(AZE)")]`), chromedp.WaitVisible(ideal),
		chromedp.Clear(ideal), chromedp.SendKeys(ideal, "0.6"), chromedp.SetValue(`input[name="runs"]`, "4"))
	c.shot(tab, "explore-changed")
	c.do(tab, chromedp.Click(`form[action="/explore/runs"] button.primary`), chromedp.WaitVisible(`pre.focal`),
		chromedp.WaitVisible(`object.chart`), chromedp.Sleep(300*time.Millisecond))
	if got := c.text(tab, `.changed`); !strings.Contains(got, "agents.AZE.ideal=0.6") {
		t.Errorf("the ensemble's page lists the changed values as %q", got)
	}
	if got := c.text(tab, `pre.focal`); !strings.Contains(got, "Azerbaijan") {
		t.Errorf("the ensemble's summary is %q", got)
	}
	c.shot(tab, "ensemble")

	file := filepath.Join(t.TempDir(), "my-scenario.toml")
	data, err := scenarios.Source("moscow-pressure")
	c.must(err)
	c.must(os.WriteFile(file, data, 0o644))
	c.do(tab, chromedp.Navigate(s.srv.URL+"/explore"), chromedp.SetUploadFiles(`input[type="file"]`, []string{file}),
		chromedp.Click(`form[action="/explore/upload"] button`), chromedp.WaitVisible(`p.ok`))
	if got := c.text(tab, `p.ok`); !strings.Contains(got, "my-scenario.toml") {
		t.Errorf("the uploaded file's page says %q", got)
	}
	c.shot(tab, "upload")
	c.must(os.WriteFile(file, []byte(strings.Replace(string(data), "threat_response = ", "threat_response = 7 # ", 1)), 0o644))
	c.do(tab, chromedp.Navigate(s.srv.URL+"/explore"), chromedp.SetUploadFiles(`input[type="file"]`, []string{file}),
		chromedp.Click(`form[action="/explore/upload"] button`), chromedp.WaitVisible(`p.error`))
	if got := c.text(tab, `p.error`); !strings.Contains(got, "my-scenario.toml:") {
		t.Errorf("the bad file's problems are %q", got)
	}
	c.shot(tab, "upload-bad")

	c.do(tab, chromedp.Navigate(s.srv.URL+"/explore"), chromedp.Click(`header a[href="/compare"]`), chromedp.WaitVisible(`select[name="alternative"]`),
		chromedp.SetValue(`select[name="alternative"]`, "no-southern-corridor"), chromedp.SetValue(`input[name="runs"]`, "4"))
	c.shot(tab, "compare")
	c.do(tab, chromedp.Click(`button.primary`), chromedp.WaitVisible(`pre.focal`), chromedp.WaitVisible(`object.chart`),
		chromedp.Sleep(300*time.Millisecond))
	if got := c.text(tab, `pre.focal`); !strings.Contains(got, "no-southern-corridor compared with azerbaijan-1991") {
		t.Errorf("the comparison says %q", got)
	}
	c.shot(tab, "comparison")
}
