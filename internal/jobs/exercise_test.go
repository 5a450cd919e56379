package jobs

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

func TestExerciseOpen(t *testing.T) {
	small := DefaultLimits()
	small.KeptRuns = 10
	tests := []struct {
		name     string
		give     Exercise
		wantOut  string
		wantEach int // 0: the exercise's own
		wantErr  string
	}{
		{name: "the exercise's own runs", give: Exercise{Name: "shocks", Limits: DefaultLimits()},
			wantOut: filepath.Join("out", "exercise-shocks")},
		{name: "runs given", give: Exercise{Name: "shocks", Limits: DefaultLimits(), Runs: 3, Out: "d"}, wantOut: "d", wantEach: 3},
		{name: "more runs than the limit", give: Exercise{Name: "shocks", Limits: small, Runs: 9}, wantErr: "kept-runs"},
		{name: "no such exercise", give: Exercise{Name: "no-such-exercise", Limits: DefaultLimits()}, wantErr: "no-such-exercise"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			j, err := tt.give.Open()
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Open() = %v, want an error containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			want := tt.wantEach
			if want == 0 {
				want = j.Ex.Runs
			}
			if j.Out != tt.wantOut || j.Each != want {
				t.Errorf("Open() chose %s and %d runs each, want %s and %d", j.Out, j.Each, tt.wantOut, want)
			}
		})
	}
}

func TestWriteExerciseList(t *testing.T) {
	var b bytes.Buffer
	if err := WriteExerciseList(&b); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"NAME", "pipeline-politics", "shocks", "sim exercise NAME --out DIR"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("the list lacks %q:\n%s", want, b.String())
		}
	}
}

func TestWriteExerciseSaved(t *testing.T) {
	var b bytes.Buffer
	if err := WriteExerciseSaved(&b, "shocks", "d", []string{filepath.Join("d", "key.html"), filepath.Join("d", "worksheet.md")}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != 3 || lines[0] != "Ran shocks and saved 2 files in d:" || !strings.HasPrefix(lines[1], "  key.html   ") {
		t.Errorf("WriteExerciseSaved wrote:\n%s", b.String())
	}
}
