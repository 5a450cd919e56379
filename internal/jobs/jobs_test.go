package jobs

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLimitsParse(t *testing.T) {
	tests := []struct {
		give    string
		check   func(Limits) bool
		wantErr string
	}{
		{give: "runs=5", check: func(l Limits) bool { return l.Runs == 5 }},
		{give: " Kept-Runs = 7 ", check: func(l Limits) bool { return l.KeptRuns == 7 }},
		{give: "shard-bytes=2MiB", check: func(l Limits) bool { return l.ShardBytes == 2<<20 }},
		{give: "agents=500", check: func(l Limits) bool { return l.Scenario != DefaultLimits().Scenario }},
		{give: "runs", wantErr: "want NAME=N"},
		{give: "rnus=5", wantErr: `did you mean "runs"`},
		{give: "zzzzzzzz=5", wantErr: "the limits are"},
		{give: "runs=lots", wantErr: "runs: "},
	}
	for _, tt := range tests {
		l := DefaultLimits()
		err := l.Parse(tt.give)
		switch {
		case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
			t.Errorf("Parse(%q) = %v, want an error containing %q", tt.give, err, tt.wantErr)
		case tt.wantErr == "" && err != nil:
			t.Errorf("Parse(%q): %v", tt.give, err)
		case tt.wantErr == "" && !tt.check(l):
			t.Errorf("Parse(%q) did not set the limit: %+v", tt.give, l)
		case tt.wantErr == "" && len(l.Given) != 1:
			t.Errorf("Parse(%q) recorded %v as given", tt.give, l.Given)
		}
	}
}

func TestCheckOut(t *testing.T) {
	dir := t.TempDir()
	ours := filepath.Join(dir, "ours")
	theirs := filepath.Join(dir, "theirs")
	file := filepath.Join(dir, "file")
	for _, d := range []string{ours, theirs} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for path, data := range map[string]string{
		filepath.Join(ours, "summary.json"): "{}", filepath.Join(theirs, "thesis.docx"): "x", file: "x",
	} {
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, tt := range []struct {
		dir, wantErr string
	}{
		{filepath.Join(dir, "new"), ""},
		{ours, ""},
		{theirs, `"thesis.docx", which sim did not write`},
		{file, "it is a file, not a folder"},
	} {
		err := CheckOut(tt.dir)
		if (err == nil) != (tt.wantErr == "") || err != nil && !strings.Contains(err.Error(), tt.wantErr) {
			t.Errorf("CheckOut(%s) = %v, want %q", tt.dir, err, tt.wantErr)
		}
	}
	if Existing(filepath.Join(dir, "new")) != "" || Existing(ours) != ours {
		t.Error("Existing does not tell folders that exist from those that do not")
	}
}

func TestDescribeLimits(t *testing.T) {
	items := DescribeLimits(true, "shard-bytes", "runs")
	if len(items) != 3 || items[0][0] != "scenario files" || items[1][0] != "shard-bytes" || items[2][0] != "runs" {
		t.Fatalf("DescribeLimits(true, shard-bytes, runs) = %v", items)
	}
	if !strings.Contains(items[1][1], "(default 1GiB)") || !strings.Contains(items[2][1], "(default 100000)") {
		t.Errorf("defaults are not written as they would be typed: %v", items)
	}
	if got := DescribeLimits(false); len(got) != 0 {
		t.Errorf("DescribeLimits(false) = %v, want nothing", got)
	}
}
