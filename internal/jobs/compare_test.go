package jobs

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"caspian/scenarios"
)

func TestParseDates(t *testing.T) {
	tests := []struct {
		give    string
		want    []string
		wantErr bool
	}{
		{give: "", want: nil},
		{give: "2008", want: []string{"2008"}},
		{give: " 2008 , ,2014-Q3", want: []string{"2008", "2014-Q3"}},
		{give: "2008,soon", wantErr: true},
	}
	for _, tt := range tests {
		got, err := ParseDates(tt.give)
		if (err != nil) != tt.wantErr || !slices.Equal(got, tt.want) {
			t.Errorf("ParseDates(%q) = %q, %v; want %q, error %v", tt.give, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestCompareOpen(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name      string
		scenarios []string
		dates     []string
		out       string
		wantOut   string
		wantTurns int // turns compared in the baseline
		wantErr   string
	}{
		{name: "default folder", scenarios: []string{scenarios.Default, "no-southern-corridor"},
			wantOut: filepath.Join("out", "compare-azerbaijan-1991-no-southern-corridor"), wantTurns: 1},
		{name: "dates and the end, once each", scenarios: []string{scenarios.Default, "moscow-pressure"},
			dates: []string{"2008", "2014", "2008"}, out: filepath.Join(dir, "o"), wantOut: filepath.Join(dir, "o"), wantTurns: 3},
		{name: "date outside the calendar", scenarios: []string{scenarios.Default, "moscow-pressure"},
			dates: []string{"1900"}, wantErr: "--at 1900: azerbaijan-1991 runs from"},
		{name: "unknown scenario", scenarios: []string{scenarios.Default, "atlantis"}, wantErr: "atlantis"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			j, err := Compare{Scenarios: tt.scenarios, Limits: DefaultLimits(), Runs: 2, Dates: tt.dates, Out: tt.out}.Open()
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Open() = %v, want an error containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if j.Out != tt.wantOut || len(j.turns[0]) != tt.wantTurns || j.Total() != 2*len(tt.scenarios) {
				t.Errorf("Open() chose %s, turns %v, total %d; want %s, %d turns, %d runs", j.Out, j.turns[0], j.Total(), tt.wantOut, tt.wantTurns, 2*len(tt.scenarios))
			}
			if last := j.turns[0][len(j.turns[0])-1]; last != j.S[0].Sc.Calendar.Turns()-1 {
				t.Errorf("the end is not compared: turns %v", j.turns[0])
			}
		})
	}
}

// Scenarios given by their contents are opened from them, never from a
// file of their name, and each needs its contents.
func TestCompareSources(t *testing.T) {
	dir := t.TempDir()
	base, err := scenarios.Source(scenarios.Default)
	if err != nil {
		t.Fatal(err)
	}
	alt, err := scenarios.Source("moscow-pressure")
	if err != nil {
		t.Fatal(err)
	}
	// A name that is no file and no built-in scenario still opens from
	// its contents.
	j, err := Compare{Scenarios: []string{"first", "second"}, Sources: [][]byte{base, alt}, Limits: DefaultLimits(), Runs: 2,
		Out: filepath.Join(dir, "o")}.Open()
	if err != nil {
		t.Fatal(err)
	}
	if j.S[1].Name != "second" || j.S[1].SHA != SHA256(alt) {
		t.Errorf("the alternative opened as %q, SHA %s", j.S[1].Name, j.S[1].SHA)
	}
	_, err = Compare{Scenarios: []string{"first", "second"}, Sources: [][]byte{base}, Limits: DefaultLimits(), Runs: 2, Out: filepath.Join(dir, "p")}.Open()
	if err == nil {
		t.Error("Open with a source missing succeeded")
	}
}
