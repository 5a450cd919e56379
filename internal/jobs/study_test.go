package jobs

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"caspian/internal/journal"
)

// TestResumeWork checks the one rule of the work folder, with the words
// each job uses.
func TestResumeWork(t *testing.T) {
	h := &journal.Header{Format: journal.Format, Scenario: "s", Overrides: []string{}, Header: []string{"point"}}
	tests := []struct {
		name         string
		left, resume bool
		what, fresh  string
		done         func(string) string
		wantNote     string
		wantErr      string
		wantJournal  bool
	}{
		{name: "nothing left, nothing asked", what: "analysis"},
		{name: "nothing left, --resume", resume: true, what: "sweep", fresh: "the sweep starts from its first point",
			wantNote: "sim: note: there is no unfinished sweep in DIR/.o.partial, so the sweep starts from its first point\n"},
		{name: "work left without --resume", left: true, what: "calibration",
			wantErr: "DIR/.o.partial holds an unfinished calibration into DIR/o: add --resume to the command to finish it, or delete DIR/.o.partial to start again"},
		{name: "a sweep's message counts its points", left: true, what: "sweep", done: func(string) string { return " (1 of 2 points finished)" },
			wantErr: "unfinished sweep into DIR/o (1 of 2 points finished): add --resume"},
		{name: "work left, --resume", left: true, resume: true, what: "analysis", wantJournal: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "o")
			if tt.left {
				j, _, err := journal.Open(journal.WorkDir(out), tt.what, h, nil)
				if err != nil {
					t.Fatal(err)
				}
				j.Close()
			}
			var notes bytes.Buffer
			j, err := resumeWork(&notes, work{out: out, what: tt.what, fresh: tt.fresh, header: h, resume: tt.resume, done: tt.done})
			if j != nil {
				defer j.Close()
			}
			got := func(s string) string { return strings.ReplaceAll(s, dir, "DIR") }
			if got(notes.String()) != tt.wantNote {
				t.Errorf("notes = %q, want %q", got(notes.String()), tt.wantNote)
			}
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("error: %v", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(got(err.Error()), tt.wantErr)):
				t.Errorf("error = %v, want one containing %q", err, tt.wantErr)
			case (j != nil) != tt.wantJournal:
				t.Errorf("journal = %v, want one: %v", j, tt.wantJournal)
			}
			if _, err := os.Stat(journal.WorkDir(out)); !tt.left && err == nil {
				t.Error("resumeWork made a work folder; the job makes it once every point is checked")
			}
		})
	}
}

func TestKept(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct {
		out, want string
	}{
		{dir, "3 of 9 points are kept in W: run it again; " + dir + " was left as it was"},
		{filepath.Join(dir, "new"), "3 of 9 points are kept in W: run it again; nothing was written to " + filepath.Join(dir, "new")},
	} {
		var err error = &Kept{What: "3 of 9 points are kept in W", Then: "run it again", Out: tt.out, Err: context.Canceled}
		if err.Error() != tt.want {
			t.Errorf("Error() = %q, want %q", err, tt.want)
		}
		if !Interrupted(err) {
			t.Error("a Kept error does not count as interrupted")
		}
		var k *Kept
		if !errors.As(err, &k) {
			t.Error("errors.As does not find the Kept")
		}
	}
}

// TestSteps checks that the progress of each ensemble in turn adds up
// over the job, as one bar shows it.
func TestSteps(t *testing.T) {
	var seen []int
	next := steps(func(n int) { seen = append(seen, n) })
	a, b := next(4), next(4)
	a(1)
	a(4)
	b(2)
	if want := []int{1, 4, 6}; !slicesEqual(seen, want) {
		t.Errorf("progress saw %v, want %v", seen, want)
	}
	steps(nil)(3)(1) // no progress to tell: nothing happens
}

func slicesEqual(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
