package jobs

import (
	"errors"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"caspian/scenarios"
	"caspian/validation"
)

func TestParseShare(t *testing.T) {
	tests := []struct {
		give    string
		want    float64
		wantErr string
	}{
		{give: "0.8", want: 0.8},
		{give: " 80% ", want: 0.8},
		{give: "80", want: 0.8},
		{give: "1", want: 1},
		{give: "0%", want: 0},
		{give: "most", wantErr: "want a share such as 0.8"},
		{give: "120%", wantErr: "from 0% to 100%"},
		{give: "-0.1", wantErr: "from 0 to 1"},
	}
	for _, tt := range tests {
		got, err := ParseShare(tt.give)
		switch {
		case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
			t.Errorf("ParseShare(%q) = %v, %v; want an error containing %q", tt.give, got, err, tt.wantErr)
		case tt.wantErr == "" && (err != nil || math.Abs(got-tt.want) > 1e-12):
			t.Errorf("ParseShare(%q) = %v, %v; want %v", tt.give, got, err, tt.want)
		}
	}
}

func TestMeets(t *testing.T) {
	r := &ValidateResult{Report: &validation.Report{Score: validation.Score{Held: 3, Scored: 4}}}
	tests := []struct {
		require float64
		below   bool
	}{
		{math.NaN(), false},
		{0.75, false},
		{0.5, false},
		{0.8, true},
	}
	for _, tt := range tests {
		err := r.Meets(tt.require)
		var b BelowRequired
		if errors.As(err, &b) != tt.below {
			t.Errorf("Meets(%v) with a score of 3 in 4 = %v; want below: %v", tt.require, err, tt.below)
		}
		if tt.below && err.Error() != "the score, 75 %, is below the 80 % required" {
			t.Errorf("Meets(%v) says %q", tt.require, err)
		}
	}
}

func TestValidateOpen(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name     string
		v        Validate
		wantOut  string
		wantRuns int
		wantErr  string
	}{
		{name: "default folder", v: Validate{Scenario: scenarios.Default, Runs: 10},
			wantOut: filepath.Join("out", "validate-azerbaijan-1991"), wantRuns: 10},
		{name: "robustness runs three temperatures", v: Validate{Scenario: scenarios.Default, Runs: 10, Robust: true, Out: dir},
			wantOut: dir, wantRuns: 30},
		{name: "observed file missing", v: Validate{Scenario: scenarios.Default, Runs: 10, Observed: filepath.Join(dir, "none.csv")},
			wantErr: "--observed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.v.Limits = DefaultLimits()
			j, err := tt.v.Open()
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Open() = %v, want an error containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if j.Out != tt.wantOut || j.Total() != tt.wantRuns {
				t.Errorf("Open() chose %s and %d runs, want %s and %d", j.Out, j.Total(), tt.wantOut, tt.wantRuns)
			}
		})
	}
}
