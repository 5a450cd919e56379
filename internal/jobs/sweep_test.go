package jobs

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"caspian/internal/journal"
	"caspian/sweep"
)

func params(t *testing.T, specs ...string) []sweep.Param {
	t.Helper()
	var ps []sweep.Param
	for _, s := range specs {
		p, err := sweep.ParseParam(s)
		if err != nil {
			t.Fatal(err)
		}
		ps = append(ps, p)
	}
	return ps
}

func TestSweepDesign(t *testing.T) {
	tests := []struct {
		name       string
		kind       string
		params     []string
		points     int
		limit      int
		wantPoints int
		wantErr    string
	}{
		{name: "a grid multiplies the levels", kind: "grid", params: []string{"a.b=0:1:3", "a.c=0:1:4"}, limit: 100, wantPoints: 12},
		{name: "a hypercube takes 10 points per value by default", kind: "lhs", params: []string{"a.b=0:1", "a.c=0:1"}, limit: 100, wantPoints: 20},
		{name: "or as many as asked", kind: "lhs", params: []string{"a.b=0:1"}, points: 7, limit: 100, wantPoints: 7},
		{name: "over the limit", kind: "grid", params: []string{"a.b=0:1:30", "a.c=0:1:30"}, limit: 100,
			wantErr: "the sweep has 900 points, more than the limit of 100 (raise it with --limit points=900)"},
	}
	for _, tt := range tests {
		d, err := SweepDesign(tt.kind, params(t, tt.params...), tt.points, 1, tt.limit)
		if tt.wantErr != "" {
			var ue *UsageError
			if !errors.As(err, &ue) || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%s: error %v, want a usage error containing %q", tt.name, err, tt.wantErr)
			}
			continue
		}
		if err != nil || len(d.Points) != tt.wantPoints {
			t.Errorf("%s: %v, %v; want %d points", tt.name, d, err, tt.wantPoints)
		}
	}
}

func TestUnfinished(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct {
		text string
		want string
	}{
		{"", ""},
		{"{}\n", " (0 of 5 points finished)"},
		{"{}\n1\n2\n", " (2 of 5 points finished)"},
		{"{}\n1\n2\n3\n4\n5\n6\n7\n", " (5 of 5 points finished)"},
	} {
		os.Remove(filepath.Join(dir, journal.FileName))
		if tt.text != "" {
			if err := os.WriteFile(filepath.Join(dir, journal.FileName), []byte(tt.text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if got := unfinished(dir, 5); got != tt.want {
			t.Errorf("unfinished with %q = %q, want %q", tt.text, got, tt.want)
		}
	}
}
