package main

import (
	"caspian/internal/cli"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// readSensitivity reads sensitivity.csv into column → output → value →
// number.
func readSensitivity(t *testing.T, dir string) map[string]map[string]map[string]float64 {
	t.Helper()
	rows := readCSVFile(t, filepath.Join(dir, "sensitivity.csv"))
	out := map[string]map[string]map[string]float64{}
	for _, r := range rows[1:] {
		for c := 4; c < len(r); c++ {
			col := rows[0][c]
			if out[col] == nil {
				out[col] = map[string]map[string]float64{}
			}
			if out[col][r[0]] == nil {
				out[col][r[0]] = map[string]float64{}
			}
			v, _ := strconv.ParseFloat(r[c], 64)
			out[col][r[0]][r[1]] = v
		}
	}
	return out
}

// TestSensitivityFindsWhatMatters varies a value the model reads and one
// it ignores (a pole's ideal: its alignment is fixed), and checks that
// both methods tell them apart: exactly no effect for the ignored one,
// with the same random draws at every point.
func TestSensitivityFindsWhatMatters(t *testing.T) {
	file := writeFile(t, "small.toml", small)
	for _, method := range []string{"morris", "sobol"} {
		t.Run(method, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "s")
			code, stdout, stderr := runSim(t, "sensitivity", file, "--method", method, "--samples", "8",
				"--param", "agents.AZE.ideal=-1:1", "--param", "agents.USA.ideal=-1:1",
				"--output", "alignment@2000", "--output", "ARM.security@1995", "--runs", "5", "--out", out)
			if code != cli.ExitOK {
				t.Fatalf("exit status %d:\n%s", code, stderr)
			}
			s := readSensitivity(t, out)
			col := "mu_star"
			if method == "sobol" {
				col = "total"
			}
			if v := s[col]["alignment@2000"]["agents.USA.ideal"]; v != 0 {
				t.Errorf("%s of a pole's ideal is %v, want 0", col, v)
			}
			if v := s[col]["alignment@2000"]["agents.AZE.ideal"]; v < 0.1 {
				t.Errorf("%s of Azerbaijan's ideal on its alignment is %v", col, v)
			}
			if !strings.Contains(stdout, "alignment@2000:\n  agents.AZE.ideal ") {
				t.Errorf("the most influential value is not listed first:\n%s", stdout)
			}
		})
	}
}

// TestSensitivitySameBytes checks that the files do not depend on the
// number of workers.
func TestSensitivitySameBytes(t *testing.T) {
	file := writeFile(t, "small.toml", small)
	var dirs []string
	for _, w := range []string{"1", "2"} {
		out := filepath.Join(t.TempDir(), "s")
		code, _, stderr := runSim(t, "sensitivity", file, "--method", "sobol", "--samples", "4", "--param", "agents.AZE.ideal=-1:1",
			"--param", "agents.AZE.stubbornness=0:0.8", "--output", "alignment@1999", "--runs", "6", "--workers", w, "--out", out)
		if code != cli.ExitOK {
			t.Fatalf("exit status %d:\n%s", code, stderr)
		}
		dirs = append(dirs, out)
	}
	compareDirs(t, dirs[0], dirs[1])
}

func TestSensitivityUsage(t *testing.T) {
	file := writeFile(t, "small.toml", small)
	tests := []struct {
		args []string
		want string
	}{
		{nil, "name at least one value to vary"},
		{[]string{"--param", "agents.AZE.ideal=-1:1", "--method", "fast"}, "--method must be morris or sobol"},
		{[]string{"--param", "agents.AZE.ideal=-1:1:3"}, "without a number of levels"},
		{[]string{"--param", "agents.AZE.ideal=-1:1", "--output", "alignment"}, "want METRIC@DATE"},
		{[]string{"--param", "agents.AZE.ideal=-1:1", "--output", "wealth@1995"}, "the metric is one of security, energy, alignment"},
		{[]string{"--param", "agents.AZE.ideal=-1:1", "--output", "XYZ.alignment@1995"}, `no agent "XYZ"`},
		{[]string{"--param", "agents.AZE.ideal=-1:1", "--output", "alignment@2030"}, "2030 is outside the calendar (1991 to 2000)"},
		{[]string{"--param", "agents.AZE.ideal=-1:1", "--output", "score"}, "need [[patterns]]"},
		{[]string{"--param", "agents.AZE.ideal=-1:1", "--samples", "1"}, "--samples must be at least 2"},
		{[]string{"--param", "agents.AZE.ideal=-1:1", "--samples", "100000", "--method", "sobol"}, "more than the limit"},
	}
	for _, tt := range tests {
		code, _, stderr := runSim(t, append([]string{"sensitivity", file, "--out", filepath.Join(t.TempDir(), "o")}, tt.args...)...)
		if code != cli.ExitUsage || !strings.Contains(stderr, tt.want) {
			t.Errorf("%v: exit status %d, stderr:\n%s\nwant %q", tt.args, code, stderr, tt.want)
		}
	}
	// A range the scenario refuses stops the analysis before it runs.
	code, _, stderr := runSim(t, "sensitivity", file, "--param", "agents.AZE.stability=0:2", "--output", "alignment@1995", "--out", filepath.Join(t.TempDir(), "o"))
	if code != cli.ExitError || !strings.Contains(stderr, "a --param range is outside what the scenario allows") || !strings.Contains(stderr, "--set agents.AZE.stability=2") {
		t.Errorf("a range out of bounds: exit status %d, stderr:\n%s", code, stderr)
	}
}

// An interrupted analysis resumed with --resume writes exactly the bytes
// an uninterrupted one writes.
func TestE2ESensitivityResume(t *testing.T) {
	if testing.Short() {
		t.Skip("runs two analyses")
	}
	dir := t.TempDir()
	smallFile(t, dir)
	args := []string{"sensitivity", "small.toml", "--param", "agents.AZE.ideal=-1:1", "--param", "agents.AZE.stubbornness=0:0.8",
		"--output", "alignment@2000", "--samples", "4", "--runs", "300", "--workers", "1"}
	if code, _, stderr := execSim(t, dir, append(args, "--out", "whole")...); code != 0 {
		t.Fatalf("exit status %d:\n%s", code, stderr)
	}
	journal := filepath.Join(dir, ".part.partial", "sweep.journal")
	code, rest := stopOnceKept(t, dir, append(args, "--out", "part"), journal, 3, syscall.SIGTERM)
	if code != 143 {
		t.Fatalf("exit status %d:\n%s", code, rest)
	}
	n := journalPoints(journal)
	if n < 3 || n >= 12 || !strings.Contains(rest, fmt.Sprintf("%d of 12 points are kept in .part.partial", n)) {
		t.Fatalf("%d kept; stderr:\n%s", n, rest)
	}
	code, _, serr := execSim(t, dir, append(args, "--out", "part", "--resume")...)
	if code != 0 || !strings.Contains(serr, fmt.Sprintf("Resuming: %d of 12 points were finished before", n)) {
		t.Fatalf("resume: exit status %d:\n%s", code, serr)
	}
	compareDirs(t, filepath.Join(dir, "whole"), filepath.Join(dir, "part"))
	noTemporaries(t, dir)
}

// TestSensitivityOfAnInertValue checks an output that no value moves: it
// is reported as such, in the table, the CSV and the plot.
func TestSensitivityOfAnInertValue(t *testing.T) {
	file := writeFile(t, "small.toml", small)
	for _, method := range []string{"morris", "sobol"} {
		out := filepath.Join(t.TempDir(), "s")
		code, stdout, stderr := runSim(t, "sensitivity", file, "--method", method, "--samples", "4", "--param", "agents.USA.ideal=-1:1",
			"--output", "alignment@2000", "--runs", "3", "--out", out)
		if code != cli.ExitOK || !strings.Contains(stdout, "alignment@2000:\n  the same at every point: none of the values moves it") {
			t.Errorf("%s: exit status %d:\n%s\n%s", method, code, stdout, stderr)
		}
	}
}

// TestSensitivityShards runs an analysis in three shards, joins them with
// sim merge and finishes it with --resume: the files are those of the
// analysis run whole. A missing or repeated shard is refused.
func TestSensitivityShards(t *testing.T) {
	dir := t.TempDir()
	file := writeFile(t, "small.toml", small)
	args := []string{"sensitivity", file, "--param", "agents.AZE.ideal=-1:1", "--param", "agents.AZE.stubbornness=0:0.8",
		"--output", "alignment@2000", "--samples", "4", "--runs", "4"}
	at := func(name string) string { return filepath.Join(dir, name) }
	if code, _, stderr := runSim(t, append(args, "--out", at("whole"))...); code != cli.ExitOK {
		t.Fatalf("exit status %d:\n%s", code, stderr)
	}
	for i := range 3 {
		code, stdout, stderr := runSim(t, append(args, "--shard", fmt.Sprintf("%d/3", i), "--out", at(fmt.Sprint("shard", i)))...)
		if code != cli.ExitOK || !strings.Contains(stdout, fmt.Sprintf("Ran shard %d/3 (4 points)", i)) {
			t.Fatalf("shard %d: exit status %d:\n%s%s", i, code, stdout, stderr)
		}
	}
	if code, _, stderr := runSim(t, "merge", at("shard0"), at("shard2"), "--out", at("joined")); code != cli.ExitError || !strings.Contains(stderr, "shards 1/3 are missing") {
		t.Errorf("a missing shard: exit status %d:\n%s", code, stderr)
	}
	if code, _, stderr := runSim(t, "merge", at("shard0"), at("shard0"), at("shard2"), "--out", at("joined")); code != cli.ExitError || !strings.Contains(stderr, "shard 0/3 is given twice") {
		t.Errorf("a repeated shard: exit status %d:\n%s", code, stderr)
	}
	if code, stdout, stderr := runSim(t, "merge", at("shard0"), at("shard1"), at("shard2"), "--out", at("joined")); code != cli.ExitOK || !strings.Contains(stdout, "Joined 3 shards") {
		t.Fatalf("merge: exit status %d:\n%s%s", code, stdout, stderr)
	}
	if code, _, stderr := runSim(t, append(args, "--out", at("joined"), "--resume")...); code != cli.ExitOK || !strings.Contains(stderr, "Resuming: 12 of 12 points") {
		t.Fatalf("resume: exit status %d:\n%s", code, stderr)
	}
	compareDirs(t, at("whole"), at("joined"))
}
