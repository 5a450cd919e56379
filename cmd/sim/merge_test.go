package main

import (
	"caspian/internal/cli"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// makeShards runs a small sweep in two shards under dir.
func makeShards(t *testing.T, dir string) {
	t.Helper()
	f := filepath.Join(dir, "small.toml")
	if err := os.WriteFile(f, []byte(small), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"0/2", "1/2"} {
		if code, _, stderr := runSim(t, "sweep", f, "--param", "agents.AZE.stability=0.2:0.8:3", "--runs", "2",
			"--shard", s, "--out", filepath.Join(dir, "shard-"+s[:1])); code != 0 {
			t.Fatal(stderr)
		}
	}
}

// withField replaces field i of a CSV row without quotes.
func withField(row string, i int, v string) string {
	f := strings.Split(row, ",")
	f[i] = v
	return strings.Join(f, ",")
}

// Shards are checked row by row, and a shard that claims a huge sweep is
// refused before anything is allocated for it.
func TestMergeRefusesDamagedShards(t *testing.T) {
	dir := t.TempDir()
	makeShards(t, dir)
	s0, s1 := filepath.Join(dir, "shard-0"), filepath.Join(dir, "shard-1")
	csv0, _ := os.ReadFile(filepath.Join(s0, "sweep.csv"))
	sum0, _ := os.ReadFile(filepath.Join(s0, "summary.json"))
	restore := func() {
		os.WriteFile(filepath.Join(s0, "sweep.csv"), csv0, 0o644)
		os.WriteFile(filepath.Join(s0, "summary.json"), sum0, 0o644)
	}
	rows := strings.Split(string(csv0), "\n")
	tests := []struct {
		name, file, text string
		args             []string
		want             string
	}{
		{"huge sweep", "summary.json", strings.Replace(strings.Replace(string(sum0), `"points": 3`, `"points": 99999999999`, 1), `"shard": "0/2"`, `"shard": "0/99999999999"`, 1), nil,
			"summary.json: 99999999999 points is more than the limit of 100000 (raise it with --limit points=99999999999)"},
		{"wrong point", "sweep.csv", strings.Replace(string(csv0), "\n0,0.2,", "\n1,0.2,", 1), nil, "sweep.csv:2: a row for point \"1\", which is not one of this shard's"},
		{"wrong value", "sweep.csv", strings.Replace(string(csv0), "\n0,0.2,", "\n0,0.25,", 1), nil, "sweep.csv:2: point 0 has agents.AZE.stability=0.25, but the design puts it at 0.2"},
		{"not a number", "sweep.csv", rows[0] + "\n" + withField(rows[1], 5, "NaN") + "\n", nil, `sweep.csv:2: mean is "NaN", not a number`},
		{"syntax", "sweep.csv", rows[0] + "\n0,0.2,\"AZE\n", nil, "sweep.csv:2:"},
		{"short row", "sweep.csv", rows[0] + "\n0,0.2,AZE\n", nil, "sweep.csv:2:1: wrong number of fields"},
		{"too large", "sweep.csv", string(csv0), []string{"--limit", "shard-bytes=100"}, "summary.json: the file is 1.1 KiB, more than the limit of 100 bytes (raise it with --limit shard-bytes=1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer restore()
			if err := os.WriteFile(filepath.Join(s0, tt.file), []byte(tt.text), 0o644); err != nil {
				t.Fatal(err)
			}
			start := time.Now()
			args := append([]string{"merge", s0, s1, "--out", filepath.Join(dir, "merged")}, tt.args...)
			code, _, stderr := runSim(t, args...)
			if code != cli.ExitError || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit status %d, stderr:\n%s\nwant %q", code, stderr, tt.want)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %v", d)
			}
			if _, err := os.Stat(filepath.Join(dir, "merged")); err == nil {
				t.Error("a refused merge wrote output")
			}
		})
	}
	if code, _, stderr := runSim(t, "merge", s0, s1, "--out", filepath.Join(dir, "merged")); code != 0 {
		t.Fatalf("the restored shards do not merge: %s", stderr)
	}
}
