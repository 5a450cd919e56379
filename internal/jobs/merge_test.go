package jobs

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"caspian/scenarios"
)

func TestLimitHint(t *testing.T) {
	other := errors.New("other")
	for _, tt := range []struct {
		err  error
		want string
	}{
		{&scenarios.Error{Hint: "raise it with --limit bytes=2000"}, "raise it with --limit shard-bytes=2000"},
		{&scenarios.Error{Hint: "check the file"}, "check the file"},
	} {
		var se *scenarios.Error
		if !errors.As(limitHint(tt.err, "shard-bytes"), &se) || se.Hint != tt.want {
			t.Errorf("limitHint(%v) hint = %v, want %q", tt.err, se, tt.want)
		}
	}
	if limitHint(other, "shard-bytes") != other || limitHint(nil, "shard-bytes") != nil {
		t.Error("limitHint changed an error that is not about a size")
	}
}

func TestMergeAnalysisRefuses(t *testing.T) {
	dir := t.TempDir()
	exists := filepath.Join(dir, "exists")
	busy := filepath.Join(dir, "busy")
	for _, d := range []string{exists, filepath.Join(dir, ".busy.partial")} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, tt := range []struct{ out, want string }{
		{exists, "exists: join the shards into a new folder"},
		{busy, "already holds unfinished work"},
	} {
		_, err := MergeAnalysis(Merge{Dirs: []string{dir}, Out: tt.out})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("MergeAnalysis into %s = %v, want %q", tt.out, err, tt.want)
		}
	}
	if (Merge{Dirs: []string{dir}}).AnalysisShards() {
		t.Error("a folder without " + ShardJournal + " counts as an analysis's shard")
	}
}
