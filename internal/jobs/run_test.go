package jobs

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"caspian/scenarios"
)

func TestRunOpenRefusesFolders(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, scenario, out, wantErr string
	}{
		{name: "a file for a folder", scenario: scenarios.Default, out: file, wantErr: "it is a file"},
		{name: "a scenario that is not there", scenario: "atlantis", out: filepath.Join(dir, "o"), wantErr: "atlantis"},
	}
	for _, tt := range tests {
		_, err := Run{Scenario: tt.scenario, Limits: DefaultLimits(), Runs: 1, Workers: 1, Out: tt.out}.Open()
		if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
			t.Errorf("%s: Open() = %v, want an error containing %q", tt.name, err, tt.wantErr)
		}
	}
}

func TestRunDo(t *testing.T) {
	out := filepath.Join(t.TempDir(), "o")
	set, err := scenarios.ParseSet("agents.AZE.threat_response=-0.4")
	if err != nil {
		t.Fatal(err)
	}
	j, err := Run{Scenario: scenarios.Default, Sets: []scenarios.Set{set}, Limits: DefaultLimits(),
		Seed: 3, Runs: 2, Workers: 1, KeepRuns: true, Out: out, Format: "svg", Version: "test"}.Open()
	if err != nil {
		t.Fatal(err)
	}
	last := 0
	res, err := j.Do(context.Background(), func(done int) { last = done })
	if err != nil {
		t.Fatal(err)
	}
	if last != 2 || len(res.Report.Collectors) != 2 || len(res.Files) == 0 {
		t.Errorf("Do: progress reached %d, kept %d runs, saved %d files; want 2, 2 and some", last, len(res.Report.Collectors), len(res.Files))
	}
	if got := res.Report.Overrides; len(got) != 1 || got[0] != "agents.AZE.threat_response=-0.4" {
		t.Errorf("the report records the overrides %q", got)
	}
	if _, err := os.Stat(filepath.Join(out, "summary.json")); err != nil {
		t.Errorf("Do did not save summary.json: %v", err)
	}
}

func TestRunDoCancelled(t *testing.T) {
	out := filepath.Join(t.TempDir(), "o")
	j, err := Run{Scenario: scenarios.Default, Limits: DefaultLimits(), Seed: 1, Runs: 4, Workers: 1, Out: out, Format: "png"}.Open()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := j.Do(ctx, nil); !Interrupted(err) {
		t.Errorf("Do with a cancelled context = %v, want an interruption", err)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a cancelled run left %s: %v", out, err)
	}
}

func TestOverrides(t *testing.T) {
	if got := Overrides(nil); got != nil {
		t.Errorf("Overrides(nil) = %q, want nil, so that summaries stay as they were", got)
	}
}

// A scenario that is not on disk (uploaded to sim serve) runs from its
// contents, named in messages as given, with overrides as on a file.
func TestRunSource(t *testing.T) {
	data, err := scenarios.Source(scenarios.Default)
	if err != nil {
		t.Fatal(err)
	}
	set, _ := scenarios.ParseSet("agents.AZE.ideal=5")
	_, err = Run{Scenario: "mine.toml", Source: data, Sets: []scenarios.Set{set}, Limits: DefaultLimits(), Runs: 1, Workers: 1,
		Out: filepath.Join(t.TempDir(), "o")}.Open()
	if err == nil || !strings.Contains(err.Error(), "mine.toml has a problem") || !strings.Contains(err.Error(), "5 is outside the range") {
		t.Errorf("Open with an out-of-range override = %v, want the file named as given and the range", err)
	}
	bad := []byte(strings.Replace(string(data), "focal", "focal_state", 1))
	_, err = Run{Scenario: "mine.toml", Source: bad, Limits: DefaultLimits(), Runs: 1, Workers: 1, Out: filepath.Join(t.TempDir(), "o")}.Open()
	if err == nil || !strings.Contains(err.Error(), "mine.toml:") {
		t.Errorf("Open of a broken file = %v, want its problems at mine.toml:LINE", err)
	}
	j, err := Run{Scenario: "mine.toml", Source: data, Limits: DefaultLimits(), Runs: 1, Workers: 1, Out: filepath.Join(t.TempDir(), "o")}.Open()
	if err != nil || j.S.Name != "mine.toml" || j.S.SHA != SHA256(data) {
		t.Errorf("Open of a good file: %v, name %q", err, j.S.Name)
	}
}
