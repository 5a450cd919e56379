package journal

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeShard writes the journal of shard of a job of 4 points into a
// folder of dir, holding the given points.
func writeShard(t *testing.T, dir, name, shard string, points ...int) string {
	t.Helper()
	h := Header{Format: Format, Scenario: "s", Points: 4, Shard: shard}
	b, _ := json.Marshal(h)
	text := string(b) + "\n"
	for _, k := range points {
		e, _ := json.Marshal(Entry{Point: k, Rows: [][]string{{strings.Repeat("x", k)}}})
		text += string(e) + "\n"
	}
	d := filepath.Join(dir, name)
	if err := os.MkdirAll(d, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(d, "points.journal"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return d
}

func TestJoinShards(t *testing.T) {
	dir := t.TempDir()
	s0 := writeShard(t, dir, "s0", "0/2", 0, 2)
	s1 := writeShard(t, dir, "s1", "1/2", 1, 3)
	part := writeShard(t, dir, "part", "1/2", 1)
	odd := writeShard(t, dir, "odd", "1/2", 1, 2)
	tests := []struct {
		name string
		dirs []string
		want string // part of the error, "" for none
	}{
		{"whole", []string{s0, s1}, ""},
		{"in any order", []string{s1, s0}, ""},
		{"a shard missing", []string{s0}, "shards 1/2 are missing"},
		{"a shard twice", []string{s0, s0}, "shard 0/2 is given twice"},
		{"a point missing", []string{s0, part}, "the shards hold 3 of the 4 points"},
		{"a point of another shard", []string{s0, odd}, "odd/points.journal:3: point 2 is not one of shard 1/2"},
		{"not a shard", []string{s0, dir}, " is not a shard of an analysis"},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wd := filepath.Join(dir, "work", string(rune('a'+i)))
			h, n, err := JoinShards(tt.dirs, "points.journal", wd)
			if tt.want != "" {
				if err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Errorf("got %v, want %q", err, tt.want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if n != 2 || h.Shard != "" || h.Points != 4 {
				t.Errorf("joined %d shards into %+v", n, h)
			}
			j, fresh, err := Open(wd, "analysis", h, func(Entry) error { return nil })
			if err != nil || fresh {
				t.Fatalf("the joined journal does not open as the whole job's: %v", err)
			}
			defer j.Close()
			for k := range 4 {
				if rows := j.Rows(k); len(rows) != 1 || rows[0][0] != strings.Repeat("x", k) {
					t.Errorf("point %d has %v", k, rows)
				}
			}
		})
	}
}
