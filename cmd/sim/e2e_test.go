package main

import (
	"bufio"
	"bytes"
	"errors"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"caspian/scenarios"
)

// These tests run the built program as a user would, through os/exec, so
// they cover what in-process tests cannot: exit statuses as the shell
// sees them, shell redirection, and the binary's own build.

// builds holds the binaries built for the tests, by build tags.
var builds struct {
	sync.Mutex
	dir  string
	bins map[string]string
}

func TestMain(m *testing.M) {
	code := m.Run()
	if builds.dir != "" {
		os.RemoveAll(builds.dir)
	}
	os.Exit(code)
}

// simBinary builds the command once per test binary and returns its path.
func simBinary(t *testing.T) string { return simBinaryTagged(t, "") }

// simBinaryTagged builds the command with the build tags tags (comma
// separated; "" for none), once per test binary, and returns its path.
func simBinaryTagged(t *testing.T, tags string) string {
	t.Helper()
	builds.Lock()
	defer builds.Unlock()
	if bin, ok := builds.bins[tags]; ok {
		return bin
	}
	if builds.dir == "" {
		dir, err := os.MkdirTemp("", "sim-e2e-")
		if err != nil {
			t.Fatal(err)
		}
		builds.dir, builds.bins = dir, map[string]string{}
	}
	bin := filepath.Join(builds.dir, "sim"+strings.ReplaceAll(tags, ",", "-"))
	out, err := exec.Command("go", "build", "-tags", tags, "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build -tags %q: %v\n%s", tags, err, out)
	}
	builds.bins[tags] = bin
	return bin
}

// execSim runs the built binary in dir and returns its exit status and
// output.
func execSim(t *testing.T, dir string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	return execBinary(t, simBinary(t), dir, args...)
}

// execBinary runs bin in dir and returns its exit status and output.
func execBinary(t *testing.T, bin, dir string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var exitErr *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exitErr):
		code = exitErr.ExitCode()
	default:
		t.Fatalf("sim %v: %v", args, err)
	}
	return code, out.String(), errb.String()
}

func TestE2ERunDefault(t *testing.T) {
	dir := t.TempDir()
	code, stdout, stderr := execSim(t, dir, "run", "--out", "res", "--seed", "3")
	if code != 0 {
		t.Fatalf("exit status %d:\n%s", code, stderr)
	}
	for _, name := range []string{"timeseries.csv", "events.csv", "summary.json", "alignment.png", "interests.png"} {
		if _, err := os.Stat(filepath.Join(dir, "res", name)); err != nil {
			t.Errorf("missing output: %v", err)
		}
		if !strings.Contains(stdout, "\n  "+name+" ") {
			t.Errorf("summary does not list %s:\n%s", name, stdout)
		}
	}
	if h := firstLine(t, filepath.Join(dir, "res", "timeseries.csv")); !strings.HasPrefix(h, "run,turn,time,agent,metric,value") {
		t.Errorf("timeseries.csv header is %q", h)
	}
	if !strings.Contains(stdout, "saved 5 files in res:") || !strings.Contains(stdout, "alignment ") || !strings.Contains(stdout, " → ") {
		t.Errorf("summary lacks the focal agent's alignment:\n%s", stdout)
	}
}

func TestE2EDefaultOutFolder(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "my-case.toml"), []byte(small), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := execSim(t, dir, "run", "my-case.toml"); code != 0 {
		t.Fatalf("exit status %d:\n%s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "out", "my-case", "summary.json")); err != nil {
		t.Errorf("a file's results do not go to out/<file name>: %v", err)
	}
}

func TestE2EDeterministicAcrossWorkers(t *testing.T) {
	if testing.Short() {
		t.Skip("ensembles of the full scenario are skipped in -short mode")
	}
	dir := t.TempDir()
	for _, w := range []string{"1", "3"} {
		code, _, stderr := execSim(t, dir, "run", "--runs", "4", "--workers", w, "--out", "w"+w)
		if code != 0 {
			t.Fatalf("--workers %s: exit status %d:\n%s", w, code, stderr)
		}
	}
	compareDirs(t, filepath.Join(dir, "w1"), filepath.Join(dir, "w3"))
}

func TestE2EFailedRunLeavesOutputAlone(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("good.toml", small)
	write("bad.toml", strings.Replace(small, `transit = ["ARM"]`, `transit = ["ARN"]`, 1))
	if code, _, stderr := execSim(t, dir, "run", "good.toml", "--out", "res"); code != 0 {
		t.Fatalf("first run: exit status %d:\n%s", code, stderr)
	}
	before := snapshotDir(t, dir)
	code, stdout, stderr := execSim(t, dir, "run", "bad.toml", "--out", "res", "--seed", "9")
	if code != 1 {
		t.Errorf("bad run: exit status %d, want 1", code)
	}
	if stdout != "" || !strings.HasPrefix(stderr, "sim: bad.toml has a problem") || !strings.Contains(stderr, "bad.toml:") {
		t.Errorf("bad run: stdout %q, stderr:\n%s", stdout, stderr)
	}
	if after := snapshotDir(t, dir); !maps.Equal(before, after) {
		t.Errorf("a failed run changed the folder:\nbefore %v\nafter  %v", slices.Sorted(maps.Keys(before)), slices.Sorted(maps.Keys(after)))
	}
}

func TestE2EShowThenRun(t *testing.T) {
	if testing.Short() {
		t.Skip("running the full scenario is skipped in -short mode")
	}
	dir := t.TempDir()
	f, err := os.Create(filepath.Join(dir, "f.toml"))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(simBinary(t), "show", scenarios.Default)
	cmd.Stdout = f
	if err := cmd.Run(); err != nil {
		t.Fatalf("sim show: %v", err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := execSim(t, dir, "check", "f.toml"); code != 0 {
		t.Fatalf("sim check f.toml: exit status %d:\n%s", code, stderr)
	}
	if code, _, stderr := execSim(t, dir, "run", "f.toml", "--out", "d2"); code != 0 {
		t.Fatalf("sim run f.toml: exit status %d:\n%s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "d2", "timeseries.csv")); err != nil {
		t.Error(err)
	}
}

func TestE2EExitStatuses(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		args []string
		code int
	}{
		{[]string{"version"}, 0},
		{[]string{"list"}, 0},
		{[]string{"run", "--help"}, 0},
		{[]string{"run", "nowhere.toml"}, 1},
		{[]string{"run", "--seeds", "3"}, 2},
		{[]string{"frobnicate"}, 2},
		{nil, 2},
	}
	for _, tt := range tests {
		code, _, stderr := execSim(t, dir, tt.args...)
		if code != tt.code {
			t.Errorf("sim %v: exit status %d, want %d", tt.args, code, tt.code)
		}
		if code != 0 && !strings.HasPrefix(stderr, "sim") {
			t.Errorf("sim %v: stderr %q", tt.args, stderr)
		}
	}
}

// firstLine returns the first line of a file.
func firstLine(t *testing.T, path string) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	s.Scan()
	return s.Text()
}

// snapshotDir maps every path under dir to its contents ("/" for a
// folder), so a test can tell whether anything was added, removed or
// changed.
func snapshotDir(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		if d.IsDir() {
			m[rel] = "/"
			return nil
		}
		b, err := os.ReadFile(path)
		m[rel] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}
