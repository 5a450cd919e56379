package jobs

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadOverlay(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	tests := []struct {
		name     string
		path     string
		wantSets []string
		wantErr  string
	}{
		{name: "two overrides and a comment", path: write("fit.set", "# fitted\nagents.AZE.stability = 0.3\n\nmodel.temperature=0.002\n"),
			wantSets: []string{"agents.AZE.stability=0.3", "model.temperature=0.002"}},
		{name: "a line that is not an override", path: write("bad.set", "agents.AZE.stability\n"),
			wantErr: "has problems, so nothing was run:\n  "},
		{name: "a file that is not there", path: filepath.Join(dir, "none.set"), wantErr: "none.set: "},
	}
	for _, tt := range tests {
		sets, err := ReadOverlay(tt.path)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%s: ReadOverlay = %v, want an error containing %q", tt.name, err, tt.wantErr)
			}
			continue
		}
		if got := Overrides(sets); err != nil || strings.Join(got, " ") != strings.Join(tt.wantSets, " ") {
			t.Errorf("%s: ReadOverlay = %q, %v; want %q", tt.name, got, err, tt.wantSets)
		}
	}
}
