package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadmeRunSummary runs the README's main job, sim run on the default
// scenario, and checks that the summary the README quotes is the one it
// prints.
func TestReadmeRunSummary(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runSim(t, "run", "--out", filepath.Join(t.TempDir(), "out"))
	if code != 0 {
		t.Fatalf("sim run: status %d: %s", code, errOut)
	}
	i := strings.Index(out, "Azerbaijan, ")
	if i < 0 {
		t.Fatalf("no summary in the output of sim run:\n%s", out)
	}
	summary := strings.TrimSpace(out[i:])
	if !strings.Contains(string(readme), "```\n"+summary+"\n```") {
		t.Errorf("README.md does not quote the summary sim run prints:\n%s", summary)
	}
}
