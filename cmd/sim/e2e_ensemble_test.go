package main

import (
	"bufio"
	"bytes"
	"caspian/internal/cli"
	"errors"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// smallFile writes the small scenario into dir and returns its name.
func smallFile(t *testing.T, dir string) string {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, "small.toml"), []byte(small), 0o644); err != nil {
		t.Fatal(err)
	}
	return "small.toml"
}

// lines reads a file's lines.
func lines(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSpace(string(b)), "\n")
}

func TestE2ERunEnsembleFiles(t *testing.T) {
	dir := t.TempDir()
	f := smallFile(t, dir)
	code, stdout, stderr := execSim(t, dir, "run", f, "--runs", "25", "--out", "res")
	if code != 0 {
		t.Fatalf("exit status %d:\n%s", code, stderr)
	}
	if !strings.Contains(stdout, "saved 6 files") || !strings.Contains(stderr, "Running") {
		t.Errorf("stdout:\n%s\nstderr:\n%s", stdout, stderr)
	}
	q := lines(t, filepath.Join(dir, "res", "quantiles.csv"))
	if q[0] != "turn,time,agent,metric,mean,p05,p25,p50,p75,p95" {
		t.Errorf("quantiles.csv header %q", q[0])
	}
	// Without --keep-runs timeseries.csv and events.csv hold run 0 only.
	for _, name := range []string{"timeseries.csv", "events.csv"} {
		for _, l := range lines(t, filepath.Join(dir, "res", name))[1:] {
			if !strings.HasPrefix(l, "0,") {
				t.Fatalf("%s holds another run than 0: %q", name, l)
			}
		}
	}
	if code, _, stderr := execSim(t, dir, "run", f, "--runs", "3", "--keep-runs", "--out", "kept"); code != 0 {
		t.Fatalf("--keep-runs: exit status %d:\n%s", code, stderr)
	}
	runs := map[string]bool{}
	for _, l := range lines(t, filepath.Join(dir, "kept", "timeseries.csv"))[1:] {
		runs[strings.SplitN(l, ",", 2)[0]] = true
	}
	if !maps.Equal(runs, map[string]bool{"0": true, "1": true, "2": true}) {
		t.Errorf("--keep-runs kept runs %v", slices.Sorted(maps.Keys(runs)))
	}
	sum, _ := os.ReadFile(filepath.Join(dir, "kept", "summary.json"))
	if !bytes.Contains(sum, []byte(`"run_seeds": [`)) || !bytes.Contains(sum, []byte(`"action_counts"`)) {
		t.Error("summary.json lacks run_seeds or action_counts")
	}
}

func TestE2EEnsembleWorkerInvariance(t *testing.T) {
	dir := t.TempDir()
	f := smallFile(t, dir)
	for _, w := range []string{"1", "3"} {
		if code, _, stderr := execSim(t, dir, "run", f, "--runs", "40", "--workers", w, "--out", "w"+w); code != 0 {
			t.Fatalf("--workers %s: exit status %d:\n%s", w, code, stderr)
		}
		if code, _, stderr := execSim(t, dir, "compare", f, f, "--set", "agents.AZE.stability=0.6",
			"--runs", "12", "--workers", w, "--at", "1995", "--out", "c"+w); code != 0 {
			t.Fatalf("compare --workers %s: exit status %d:\n%s", w, code, stderr)
		}
	}
	compareDirs(t, filepath.Join(dir, "w1"), filepath.Join(dir, "w3"))
	compareDirs(t, filepath.Join(dir, "c1"), filepath.Join(dir, "c3"))
}

func TestE2ESetOverride(t *testing.T) {
	dir := t.TempDir()
	f := smallFile(t, dir)
	code, stdout, stderr := execSim(t, dir, "run", f, "--set", "agents.AZX.weights.security=0.6", "--out", "res")
	if code != 1 || stdout != "" {
		t.Errorf("exit status %d, stdout %q", code, stdout)
	}
	if want := `--set agents.AZX.weights.security=0.6: no agent "AZX" (did you mean "AZE"?)`; !strings.Contains(stderr, want) {
		t.Errorf("stderr lacks %q:\n%s", want, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "res")); !errors.Is(err, os.ErrNotExist) {
		t.Error("a refused override left an output folder")
	}
	if code, _, stderr := execSim(t, dir, "run", f, "--set", "agents.AZE.weights.security=0.9", "--set", "model.temperature=0.001", "--out", "ok"); code != 0 {
		t.Fatalf("exit status %d:\n%s", code, stderr)
	}
	sum, _ := os.ReadFile(filepath.Join(dir, "ok", "summary.json"))
	if !bytes.Contains(sum, []byte(`"agents.AZE.weights.security=0.9"`)) {
		t.Error("summary.json does not list the overrides")
	}
}

func TestE2ECompare(t *testing.T) {
	dir := t.TempDir()
	f := smallFile(t, dir)
	alt := strings.Replace(small, "capacity = 100", "capacity = 400", 1)
	if err := os.WriteFile(filepath.Join(dir, "big-pipe.toml"), []byte(alt), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := execSim(t, dir, "compare", f, "big-pipe.toml", "--runs", "20", "--at", "1995,1998", "--out", "cmp")
	if code != 0 {
		t.Fatalf("exit status %d:\n%s", code, stderr)
	}
	c := lines(t, filepath.Join(dir, "cmp", "comparison.csv"))
	if !strings.HasPrefix(c[0], "metric,agent,date,scenario,baseline,median,baseline_median,difference,ci_low,ci_high") {
		t.Errorf("comparison.csv header %q", c[0])
	}
	// 3 metrics × 3 dates (1995, 1998 and the end).
	if len(c) != 1+9 {
		t.Errorf("comparison.csv has %d rows, want 9", len(c)-1)
	}
	for _, want := range []string{"By 1995 Azerbaijan's alignment", "By 2000 Azerbaijan's energy income", "in big-pipe.toml", "(95 % interval"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("summary lacks %q:\n%s", want, stdout)
		}
	}
	for _, name := range []string{"comparison.png", "summary.json"} {
		if _, err := os.Stat(filepath.Join(dir, "cmp", name)); err != nil {
			t.Error(err)
		}
	}
}

func TestE2ESweepShardsMergeToTheSame(t *testing.T) {
	dir := t.TempDir()
	f := smallFile(t, dir)
	args := []string{"sweep", f, "--param", "agents.AZE.stability=0.2:0.8:3", "--param", "agents.ARM.stability=0.3:0.9:2", "--runs", "3"}
	if code, stdout, stderr := execSim(t, dir, append(args, "--out", "whole")...); code != 0 || !strings.Contains(stdout, "6 points") {
		t.Fatalf("exit status %d:\n%s\n%s", code, stdout, stderr)
	}
	if code, _, stderr := execSim(t, dir, append(args, "--out", "whole1", "--workers", "1")...); code != 0 {
		t.Fatalf("exit status %d:\n%s", code, stderr)
	}
	compareDirs(t, filepath.Join(dir, "whole"), filepath.Join(dir, "whole1"))
	var shards []string
	for _, s := range []string{"0/4", "1/4", "2/4", "3/4"} {
		out := "shard-" + s[:1]
		if code, _, stderr := execSim(t, dir, append(args, "--shard", s, "--out", out)...); code != 0 {
			t.Fatalf("--shard %s: exit status %d:\n%s", s, code, stderr)
		}
		shards = append(shards, out)
	}
	// The order the shards are named in does not matter.
	slices.Reverse(shards)
	code, _, stderr := execSim(t, dir, append(append([]string{"merge"}, shards...), "--out", "merged")...)
	if code != 0 {
		t.Fatalf("merge: exit status %d:\n%s", code, stderr)
	}
	compareDirs(t, filepath.Join(dir, "whole"), filepath.Join(dir, "merged"))
	if _, err := os.Stat(filepath.Join(dir, "merged", "heatmap.png")); err != nil {
		t.Error(err)
	}
	// A missing shard is refused.
	code, _, stderr = execSim(t, dir, "merge", "shard-0", "shard-1", "shard-3", "--out", "partial")
	if code != 1 || !strings.Contains(stderr, "shard 2/4 is missing") {
		t.Errorf("merge without shard 2: exit status %d:\n%s", code, stderr)
	}
}

func TestE2ESweepLHS(t *testing.T) {
	dir := t.TempDir()
	f := smallFile(t, dir)
	code, stdout, stderr := execSim(t, dir, "sweep", f, "--param", "agents.AZE.stability=0.2:0.8", "--design", "lhs", "--points", "5", "--runs", "2", "--out", "lhs")
	if code != 0 {
		t.Fatalf("exit status %d:\n%s", code, stderr)
	}
	rows := lines(t, filepath.Join(dir, "lhs", "sweep.csv"))
	if rows[0] != "point,agents.AZE.stability,agent,metric,runs,mean,sd,p05,p25,p50,p75,p95" {
		t.Errorf("header %q", rows[0])
	}
	// 5 points × 4 agents × 3 metrics.
	if len(rows) != 1+5*4*3 {
		t.Errorf("%d rows", len(rows)-1)
	}
	if !strings.Contains(stdout, "response.png") {
		t.Errorf("stdout:\n%s", stdout)
	}
}

func TestEnsembleUsageErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"compare", "a"}, "compare needs at least two scenarios"},
		{[]string{"compare", "a", "b", "--at", "2008-Q5"}, "--at: "},
		{[]string{"sweep"}, "name at least one parameter"},
		{[]string{"sweep", "--param", "x=1"}, "the range must be lo:hi"},
		{[]string{"sweep", "--param", "x=0:1", "--shard", "3/3"}, "--shard"},
		{[]string{"sweep", "--param", "x=0:1", "--points", "4"}, "--points is for --design lhs"},
		{[]string{"sweep", "--param", "x=0:1", "--design", "random"}, "--design must be grid or lhs"},
		{[]string{"merge", "a"}, "merge needs --out"},
		{[]string{"run", "--runs", "5000", "--keep-runs"}, "--keep-runs keeps every run in memory"},
		{[]string{"run", "--set", "novalue"}, "want path=value"},
	}
	for _, tt := range tests {
		code, _, stderr := runSim(t, tt.args...)
		if code != cli.ExitUsage || !strings.Contains(stderr, tt.want) {
			t.Errorf("sim %v: exit status %d, stderr:\n%s", tt.args, code, stderr)
		}
	}
}

func TestE2EInterruptLeavesResults(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the full scenario")
	}
	dir := t.TempDir()
	f := smallFile(t, dir)
	if code, _, stderr := execSim(t, dir, "run", f, "--out", "res"); code != 0 {
		t.Fatalf("exit status %d:\n%s", code, stderr)
	}
	before := snapshotDir(t, dir)
	cmd := exec.Command(simBinary(t), "run", "--runs", "5000", "--out", "res")
	cmd.Dir = dir
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stdout bytes.Buffer
	cmd.Stdout = &stdout
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Wait until the ensemble has started, then press Ctrl-C.
	rd := bufio.NewReader(stderr)
	first, err := rd.ReadString('\n')
	if err != nil || !strings.HasPrefix(first, "Running") {
		cmd.Process.Kill()
		t.Fatalf("first line %q, %v", first, err)
	}
	time.Sleep(300 * time.Millisecond)
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	rest, _ := rd.ReadString(0)
	err = cmd.Wait()
	var exitErr *exec.ExitError
	if !errors.As(err, &exitErr) || exitErr.ExitCode() != cli.ExitInterrupted {
		t.Fatalf("exit: %v, want status %d; stderr:\n%s%s", err, cli.ExitInterrupted, first, rest)
	}
	if !strings.Contains(rest, "interrupted; nothing was saved, and res was left as it was") || stdout.Len() != 0 {
		t.Errorf("stdout %q, stderr:\n%s", stdout.String(), rest)
	}
	if after := snapshotDir(t, dir); !maps.Equal(before, after) {
		t.Errorf("the interrupted run changed the folder:\nbefore %v\nafter  %v",
			slices.Sorted(maps.Keys(before)), slices.Sorted(maps.Keys(after)))
	}
}
