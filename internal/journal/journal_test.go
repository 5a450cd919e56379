package journal

import (
	"errors"
	"os"
	"strings"
	"syscall"
	"testing"
)

// A point whose line cannot be written (a full disk) fails the job
// with the journal's path, and nothing more is written after it.
func TestJournalWriteFails(t *testing.T) {
	f, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skip("no /dev/full here")
	}
	j := &Journal{Path: "x/.out.partial/sweep.journal", f: f, done: map[int][][]string{}}
	defer j.Close()
	err = j.Add(3, [][]string{{"3", "0.5"}})
	if err == nil || err.Error() != "write x/.out.partial/sweep.journal: no space left on device" || !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("error %v", err)
	}
	if err2 := j.Add(4, nil); err2 != err {
		t.Errorf("a write after the failure: %v", err2)
	}
	if len(j.done) != 0 {
		t.Error("a point that was not written counts as done")
	}
}

// A journal is read back only by the job that wrote it, and only its
// whole lines.
func TestReadJournal(t *testing.T) {
	h := &Header{Format: Format, Scenario: "s", SHA256: "a", Seed: 1, Design: "grid", Points: 2, RunsPerPoint: 3, Overrides: []string{}, Header: []string{"point"}}
	ok := func(e Entry) error { return nil }
	text := `{"format":"caspian sweep journal 1","scenario":"s","sha256":"a","version":"","seed":1,"design":"grid","params":null,"points":2,"runs_per_point":3,"overrides":[],"shard":"","header":["point"],"values":null}` + "\n" +
		`{"point":0,"rows":[["0"]]}` + "\n"
	done := map[int][][]string{}
	good, err := read([]byte(text+`{"point":1,"ro`), h, ok, done)
	if err != nil || good != len(text) || len(done) != 1 {
		t.Fatalf("good %d of %d, %d points, %v", good, len(text), len(done), err)
	}
	other := *h
	other.RunsPerPoint = 5
	if _, err := read([]byte(text), &other, ok, map[int][][]string{}); err == nil || !strings.Contains(err.Error(), "different --runs (3 then, 5 now)") {
		t.Errorf("another sweep: %v", err)
	}
	if _, err := read([]byte(text+"garbage\n"+`{"point":1,"rows":[]}`+"\n"), h, ok, map[int][][]string{}); err == nil || !strings.Contains(err.Error(), "sweep.journal line 3 is damaged") {
		t.Errorf("damaged: %v", err)
	}
}
