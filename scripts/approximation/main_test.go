package main

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestPerformancePageQuotesTheFiles holds docs/performance.md to the
// figures of the files this command wrote beside it: the share of
// comparisons that differ by chance and under each approximation.
func TestPerformancePageQuotesTheFiles(t *testing.T) {
	page, err := os.ReadFile("../../docs/performance.md")
	if err != nil {
		t.Fatal(err)
	}
	all := regexp.MustCompile(`(?m)^all\s+(\d+)\s+([\d.]+) %\s+([\d.]+) %$`)
	for _, name := range []string{"revision-0.5.txt", "revision-0.25.txt"} {
		data, err := os.ReadFile("../../docs/approximation/" + name)
		if err != nil {
			t.Fatal(err)
		}
		m := all.FindStringSubmatch(string(data))
		if m == nil {
			t.Fatalf("%s has no line for all comparisons", name)
		}
		for _, figure := range []string{m[1] + " comparisons", m[2] + " %", m[3] + " %"} {
			if !strings.Contains(string(page), figure) {
				t.Errorf("docs/performance.md does not quote %q from %s", figure, name)
			}
		}
	}
	// The dated flows the page names, as the file for 0.5 gives them.
	data, _ := os.ReadFile("../../docs/approximation/revision-0.5.txt")
	for _, line := range []string{`btc\s+flow\s+2005-Q3\s+-184.044`, `baku-novorossiysk\s+flow\s+2005-Q3\s+\+100.000`} {
		if !regexp.MustCompile(line).Match(data) {
			t.Errorf("revision-0.5.txt has no line %s, which docs/performance.md quotes", line)
		}
	}
}

// TestComparesEverySeries runs the command on a few runs: it compares
// every series once a year and reports the shares.
func TestComparesEverySeries(t *testing.T) {
	if testing.Short() {
		t.Skip("runs three small ensembles")
	}
	var out strings.Builder
	if err := run([]string{"--runs", "6", "model.revision=0.5"}, &out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"116 series at 31 dates", "3596 comparisons", "\nalignment ", "\nflow ", "\nall "} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	if err := run([]string{"model.revision=2"}, &out); err == nil {
		t.Error("a revision above 1 was accepted")
	}
}
