package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
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

// These tests hold the program to its promises about untrusted files,
// signals, numerical faults and failed writes, through the built binary.

// faultSet is an override that makes the engine overflow: a budget of
// 1e308 buys infinitely many arms within a few turns. The checks refuse
// it (every number has a ceiling), so the fault tests run a binary built
// with the faultprobe tag, whose checks let it through; the engine's
// guard then stops the run where the overflow happens.
const faultSet = "agents.AZE.arms_budget=1e308"

// faultMessage is what every command says about that fault.
const faultMessage = "turn 3 (1994): arms of AZE became +Inf after arms purchases and fading (the scenario passed every check, so this is a bug in the model; please report it"

// noTemporaries fails if dir holds a temporary or holding folder of an
// atomic write.
func noTemporaries(t *testing.T, dir string) {
	t.Helper()
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && (strings.Contains(d.Name(), ".tmp-") || strings.Contains(d.Name(), ".old-")) {
			t.Errorf("left behind: %s", path)
		}
		return nil
	})
}

// sameDir fails if dir changed since before was taken.
func sameDir(t *testing.T, dir string, before map[string]string) {
	t.Helper()
	if after := snapshotDir(t, dir); !maps.Equal(before, after) {
		t.Errorf("the folder changed:\nbefore %v\nafter  %v", slices.Sorted(maps.Keys(before)), slices.Sorted(maps.Keys(after)))
	}
}

func TestE2ELimits(t *testing.T) {
	dir := t.TempDir()
	f := smallFile(t, dir)
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("big.toml", small+strings.Repeat("# a comment to make the file big\n", 160000))
	write("deep.toml", small+"x = "+strings.Repeat("[", 100000)+strings.Repeat("]", 100000)+"\n")
	write("deep40.toml", small+"x = "+strings.Repeat("[", 40)+strings.Repeat("]", 40)+"\n")
	write("moves.txt", "1992 none\n")
	write("ex.toml", "title = \"t\"\nlevel = \"advanced\"\n[[variants]]\nname = \"a\"\nscenario = \"small.toml\"\n"+
		strings.Repeat("[[measures]]\nlabel = \"m\"\nagent = \"AZE\"\nmetric = \"security\"\n", 201))
	before := snapshotDir(t, dir)
	agentsLine := 0 // the line of the fourth [[agents]]
	for i, l := range strings.Split(small, "\n") {
		if l == "[[agents]]" {
			agentsLine++
			if agentsLine == 4 {
				agentsLine = 100 + i + 1
				break
			}
		}
	}
	agentsLine -= 100
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"check", "big.toml"}, 1, "big.toml: the file is 5 MiB, more than the limit of 4 MiB (raise it with --limit bytes=6MiB)"},
		{[]string{"run", "big.toml", "--out", "res"}, 1, "big.toml: the file is 5 MiB, more than the limit of 4 MiB (raise it with --limit bytes=6MiB)"},
		{[]string{"check", "deep.toml"}, 1, "deep.toml:" + fmt.Sprint(strings.Count(small, "\n")+1) + ":37: lists and tables are nested more than 32 deep"},
		{[]string{"run", f, "--limit", "agents=3", "--out", "res"}, 1, fmt.Sprintf("small.toml:%d: agents: 4 agents is more than the limit of 3 (raise it with --limit agents=4)", agentsLine)},
		{[]string{"compare", f, f, "--limit", "agents=3", "--out", "res"}, 1, "4 agents is more than the limit of 3"},
		{[]string{"sweep", f, "--param", "agents.AZE.stability=0:1:2", "--limit", "agents=3", "--out", "res"}, 1, "4 agents is more than the limit of 3"},
		{[]string{"play", f, "--moves", "moves.txt", "--limit", "agents=3"}, 1, "4 agents is more than the limit of 3"},
		{[]string{"check", f, "--limit", "turns=5"}, 1, "calendar.end: the calendar has 10 turns, more than the limit of 5 (check the years, or use a longer step; to run it as it is, raise the limit with --limit turns=10)"},
		{[]string{"run", f, "--runs", "6", "--limit", "runs=5"}, 2, "--runs 6 is more than the limit of 5 runs (raise it with --limit runs=6)"},
		{[]string{"run", f, "--runs", "100001"}, 2, "--runs 100001 is more than the limit of 100000 runs (raise it with --limit runs=100001)"},
		{[]string{"run", f, "--runs", "3", "--keep-runs", "--limit", "kept-runs=2"}, 2, "(raise the limit with --limit kept-runs=3)"},
		{[]string{"sweep", f, "--param", "agents.AZE.stability=0:1:5", "--limit", "points=4"}, 2, "the sweep has 5 points, more than the limit of 4 (raise it with --limit points=5)"},
		{[]string{"sweep", f, "--param", "agents.AZE.stability=0:1:100000000000000000"}, 2, "the sweep has 100000000000000000 points, more than the limit of 100000"},
		{[]string{"play", f, "--runs", "9", "--limit", "kept-runs=8"}, 2, "--runs 9 is more than the limit of 8 runs kept in memory (raise it with --limit kept-runs=9)"},
		{[]string{"exercise", "ex.toml", "--out", "res"}, 1, "measures: 201 measures is more than the limit of 200 (raise it with --limit measures=201)"},
		{[]string{"exercise", "ex.toml", "--out", "res", "--runs", "30", "--limit", "measures=300", "--limit", "kept-runs=20"}, 2, "--runs 30 is more than the limit of 20 runs kept in memory"},
		{[]string{"check", f, "--limit", "agnets=3"}, 2, `there is no limit "agnets"; did you mean "agents"?`},
		{[]string{"check", f, "--limit", "bytes=lots"}, 2, "is not a size"},
	}
	for _, tt := range tests {
		start := time.Now()
		code, stdout, stderr := execSim(t, dir, tt.args...)
		if code != tt.code || !strings.Contains(stderr, tt.want) {
			t.Errorf("sim %s: exit status %d (want %d), stderr:\n%s", strings.Join(tt.args, " "), code, tt.code, stderr)
		}
		if code != 0 && stdout != "" && tt.args[0] != "check" {
			t.Errorf("sim %s: stdout %q", strings.Join(tt.args, " "), stdout)
		}
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("sim %s took %v", strings.Join(tt.args, " "), d)
		}
	}
	sameDir(t, dir, before)
	// Raised, the limits let the same files through.
	for _, args := range [][]string{
		{"check", "big.toml", "--limit", "bytes=6MiB"},
		{"check", f, "--limit", "turns=10", "--limit", "agents=4"},
	} {
		if code, _, stderr := execSim(t, dir, args...); code != 0 {
			t.Errorf("sim %s: exit status %d:\n%s", strings.Join(args, " "), code, stderr)
		}
	}
	// Nested 40 deep, the file reaches the parser, which finds the key x
	// unknown.
	if code, _, stderr := execSim(t, dir, "check", "deep40.toml", "--limit", "depth=64"); code != 1 || !strings.Contains(stderr, `unknown key "x"`) {
		t.Errorf("depth=64: exit status %d:\n%s", code, stderr)
	}
	// Every command that reads scenarios lists its limits in its help.
	for _, c := range []string{"run", "check", "compare", "sweep", "play", "exercise", "merge"} {
		_, stdout, _ := execSim(t, dir, c, "--help")
		if !strings.Contains(stdout, "--limit NAME=N") || !strings.Contains(stdout, "Limits (raise one with --limit NAME=N)") {
			t.Errorf("sim %s --help does not document --limit", c)
		}
	}
}

func TestE2EPathsStayInTheirFolder(t *testing.T) {
	root := t.TempDir()
	class := filepath.Join(root, "class")
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.MkdirAll(filepath.Join(class, "worlds"), 0o755))
	must(os.WriteFile(filepath.Join(root, "secret.toml"), []byte(small), 0o644))
	must(os.WriteFile(filepath.Join(class, "worlds", "small.toml"), []byte(small), 0o644))
	must(os.Symlink(filepath.Join(root, "secret.toml"), filepath.Join(class, "link.toml")))
	exercise := func(name, scenario string) {
		text := "title = \"t\"\nlevel = \"advanced\"\nruns = 2\n[[variants]]\nname = \"a\"\nscenario = \"" + scenario + "\"\n" +
			"[[measures]]\nlabel = \"m\"\nagent = \"AZE\"\nmetric = \"security\"\n"
		must(os.WriteFile(filepath.Join(class, name), []byte(text), 0o644))
	}
	exercise("up.toml", "../secret.toml")
	exercise("abs.toml", filepath.Join(root, "secret.toml"))
	exercise("link.toml.ex", "link.toml")
	exercise("ok.toml", "worlds/small.toml")
	exercise("builtin.toml", "azerbaijan-1991")
	save := func(name, scenario string) {
		text := "scenario = \"" + scenario + "\"\nseed = 1\nagent = \"AZE\"\nmoves = [\"1992 none\"]\n"
		must(os.WriteFile(filepath.Join(class, name), []byte(text), 0o644))
	}
	save("game-up.toml", "../secret.toml")
	save("game-abs.toml", filepath.Join(root, "secret.toml"))
	save("game-link.toml", "link.toml")
	save("game-ok.toml", "worlds/small.toml")
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"exercise", "class/up.toml", "--out", "r"}, `scenario "../secret.toml" leads out of the folder`},
		{[]string{"exercise", "class/abs.toml", "--out", "r"}, "is an absolute path"},
		{[]string{"exercise", "class/link.toml.ex", "--out", "r"}, `scenario "link.toml" is a link to a file outside the folder`},
		{[]string{"play", "--moves", "class/game-up.toml", "--out", "r"}, `class/game-up.toml: its scenario "../secret.toml" leads out of the folder`},
		{[]string{"play", "--moves", "class/game-abs.toml", "--out", "r"}, "is an absolute path"},
		{[]string{"play", "--moves", "class/game-link.toml", "--out", "r"}, "is a link to a file outside the folder"},
	} {
		code, _, stderr := execSim(t, root, tt.args...)
		if code != 1 || !strings.Contains(stderr, tt.want) {
			t.Errorf("sim %s: exit status %d, stderr:\n%s", strings.Join(tt.args, " "), code, stderr)
		}
		if _, err := os.Stat(filepath.Join(root, "r")); err == nil {
			t.Errorf("sim %s wrote output", strings.Join(tt.args, " "))
		}
	}
	// Files inside the folder are found relative to it, whatever the
	// current folder; the user may still name any scenario on the command
	// line.
	before := snapshotDir(t, root)
	for _, args := range [][]string{
		{"exercise", "class/ok.toml", "--out", "r1"},
		{"play", "--moves", "class/game-ok.toml", "--out", "r2", "--runs", "2"},
		{"play", "secret.toml", "--moves", "class/game-up.toml", "--out", "r3", "--runs", "2"},
	} {
		if code, _, stderr := execSim(t, root, args...); code != 0 {
			t.Fatalf("sim %s: exit status %d:\n%s", strings.Join(args, " "), code, stderr)
		}
	}
	// Output goes under --out only.
	after := snapshotDir(t, root)
	for p := range after {
		if _, ok := before[p]; !ok && !strings.HasPrefix(p, "r1") && !strings.HasPrefix(p, "r2") && !strings.HasPrefix(p, "r3") {
			t.Errorf("written outside --out: %s", p)
		}
	}
	// A saved game names a scenario file beside it by its relative path,
	// so the two can be handed on together.
	must(os.MkdirAll(filepath.Join(root, "pack"), 0o755))
	must(os.WriteFile(filepath.Join(root, "pack", "my.toml"), []byte(small), 0o644))
	if code, _, stderr := execSim(t, root, "play", "pack/my.toml", "--moves", "class/game-ok.toml", "--out", "r4", "--save", "pack/game.toml", "--runs", "2"); code != 0 {
		t.Fatalf("exit status %d:\n%s", code, stderr)
	}
	game, _ := os.ReadFile(filepath.Join(root, "pack", "game.toml"))
	if !strings.Contains(string(game), `scenario = "my.toml"`) {
		t.Errorf("the save does not name the scenario beside it by its relative path:\n%s", game)
	}
	if code, _, stderr := execSim(t, filepath.Join(root, "class"), "play", "--moves", "../pack/game.toml", "--out", "r5", "--runs", "2"); code != 0 {
		t.Errorf("the saved game does not replay from another folder: %d\n%s", code, stderr)
	}
}

func TestE2EFaultsStopEveryCommand(t *testing.T) {
	probe := simBinaryTagged(t, "faultprobe")
	dir := t.TempDir()
	f := smallFile(t, dir)
	// The released program refuses the number before anything runs.
	code, stdout, stderr := execSim(t, dir, "run", f, "--set", faultSet, "--out", "res")
	if code != 1 || stdout != "" || !strings.Contains(stderr, "arms_budget=1e308: 1e308 is more than") {
		t.Fatalf("sim run --set %s: exit status %d, stdout %q, stderr:\n%s", faultSet, code, stdout, stderr)
	}
	fault := strings.Replace(small, "stability = 0.5\n", "stability = 0.5\narms_budget = 1e308\n", 1)
	if err := os.WriteFile(filepath.Join(dir, "fault.toml"), []byte(fault), 0o644); err != nil {
		t.Fatal(err)
	}
	ex := "title = \"t\"\nlevel = \"advanced\"\nruns = 2\n[[variants]]\nname = \"a\"\nscenario = \"fault.toml\"\n"
	if err := os.WriteFile(filepath.Join(dir, "ex.toml"), []byte(ex), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "moves.txt"), []byte("1992 none\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// Earlier results in the output folder must survive.
	if code, _, stderr := execSim(t, dir, "run", f, "--out", "res"); code != 0 {
		t.Fatal(stderr)
	}
	before := snapshotDir(t, dir)
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"run", f, "--set", faultSet, "--out", "res"}, "sim: small.toml: run 0: " + faultMessage},
		{[]string{"run", f, "--set", faultSet, "--runs", "20", "--out", "res"}, "sim: small.toml: run 0: " + faultMessage},
		{[]string{"compare", f, f, "--set", faultSet, "--runs", "4", "--out", "res"}, "sim: small.toml: run 0: " + faultMessage},
		{[]string{"sweep", f, "--param", "agents.AZE.stability=0.2:0.8:3", "--set", faultSet, "--runs", "2", "--out", "res"}, "sim: small.toml: point 0 (agents.AZE.stability=0.2): run 0: " + faultMessage},
		{[]string{"play", "fault.toml", "--moves", "moves.txt", "--out", "res"}, "sim: fault.toml: " + faultMessage},
		{[]string{"exercise", "ex.toml", "--out", "res"}, "sim: ex: variant \"a\": run 0: " + faultMessage},
	} {
		code, stdout, stderr := execBinary(t, probe, dir, tt.args...)
		if code != 1 || !strings.Contains(stderr, tt.want) || stdout != "" {
			t.Errorf("sim %s: exit status %d, stdout %q, stderr:\n%s", strings.Join(tt.args, " "), code, stdout, stderr)
		}
		if !strings.Contains(stderr, "nothing was saved") && !strings.Contains(stderr, "its debrief was not written") {
			t.Errorf("sim %s does not say that nothing was saved:\n%s", strings.Join(tt.args, " "), stderr)
		}
	}
	// No output, no half-written folder, no sweep work folder.
	sameDir(t, dir, before)
}

// startSim starts the built binary in dir and returns it with readers of
// its output.
func startSim(t *testing.T, dir string, args ...string) (*exec.Cmd, *bufio.Reader, *bufio.Reader) {
	t.Helper()
	cmd := exec.Command(simBinary(t), args...)
	cmd.Dir = dir
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill() })
	return cmd, bufio.NewReader(stdout), bufio.NewReader(stderr)
}

// waitLine reads r until a line that contains s, and fails after a
// minute.
func waitLine(t *testing.T, r *bufio.Reader, s string) {
	t.Helper()
	found := make(chan error, 1)
	go func() {
		for {
			l, err := r.ReadString('\n')
			if strings.Contains(l, s) {
				found <- nil
				return
			}
			if err != nil {
				found <- fmt.Errorf("no line with %q: %v", s, err)
				return
			}
		}
	}()
	select {
	case err := <-found:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(time.Minute):
		t.Fatalf("no line with %q within a minute", s)
	}
}

// exitStatus waits for cmd and returns its exit status, failing if it
// takes more than 20 seconds after the signal.
func exitStatus(t *testing.T, cmd *exec.Cmd) int {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return ee.ExitCode()
		}
		if err != nil {
			t.Fatal(err)
		}
		return 0
	case <-time.After(20 * time.Second):
		t.Fatal("the program did not stop within 20 seconds of the signal")
	}
	return -1
}

// A signal during a long command stops it promptly with a message and
// exit status 130 (SIGINT) or 143 (SIGTERM), keeps the previous results
// and leaves no partial files.
func TestE2ESignals(t *testing.T) {
	if testing.Short() {
		t.Skip("runs long ensembles of the full scenario")
	}
	dir := t.TempDir()
	f := smallFile(t, dir)
	tests := []struct {
		name   string
		first  []string // makes the previous results
		long   []string // is interrupted
		ready  string   // the line after which the signal is sent
		stdout bool     // ready is on stdout
		sig    syscall.Signal
		want   string
	}{
		{"run/SIGINT", []string{"run", f, "--out", "run"}, []string{"run", "--runs", "5000", "--out", "run"},
			"Running", false, syscall.SIGINT, "sim: interrupted; nothing was saved, and run was left as it was"},
		{"run/SIGTERM", []string{"run", f, "--out", "run2"}, []string{"run", "--runs", "5000", "--out", "run2"},
			"Running", false, syscall.SIGTERM, "sim: terminated; nothing was saved, and run2 was left as it was"},
		{"compare/SIGTERM", []string{"compare", f, f, "--runs", "2", "--out", "cmp"}, []string{"compare", "azerbaijan-1991", "moscow-pressure", "--runs", "3000", "--out", "cmp"},
			"Running", false, syscall.SIGTERM, "sim: terminated; nothing was saved, and cmp was left as it was"},
		{"compare/SIGINT", nil, []string{"compare", "azerbaijan-1991", "moscow-pressure", "--runs", "3000", "--out", "cmp2"},
			"Running", false, syscall.SIGINT, "sim: interrupted; nothing was saved"},
		{"sweep/SIGINT", []string{"sweep", f, "--param", "agents.AZE.ideal=-1:1:2", "--runs", "2", "--out", "swp"}, []string{"sweep", "--param", "agents.AZE.ideal=-1:1:40", "--runs", "40", "--out", "swp"},
			"Running", false, syscall.SIGINT, "points are kept in .swp.partial: run the same command with --resume to finish the sweep; swp was left as it was"},
		{"sweep/SIGTERM", nil, []string{"sweep", "--param", "agents.AZE.ideal=-1:1:40", "--runs", "40", "--out", "swp2"},
			"Running", false, syscall.SIGTERM, "sim: terminated; "},
		{"exercise/SIGTERM", []string{"exercise", "culture", "--runs", "2", "--out", "ex"}, []string{"exercise", "culture", "--runs", "450", "--out", "ex"},
			"Running", false, syscall.SIGTERM, "sim: terminated; nothing was saved, and ex was left as it was"},
		{"play/SIGINT", []string{"play", "--moves", "moves.txt", "--runs", "2", "--out", "game"}, []string{"play", "--moves", "moves.txt", "--runs", "2000", "--out", "game"},
			"Working out your debrief", true, syscall.SIGINT, "sim: interrupted; nothing was saved, and game was left as it was"},
	}
	if err := os.WriteFile(filepath.Join(dir, "moves.txt"), []byte("1994-Q3 none\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.first != nil {
				if code, _, stderr := execSim(t, dir, tt.first...); code != 0 {
					t.Fatalf("exit status %d:\n%s", code, stderr)
				}
			}
			before := snapshotDir(t, dir)
			cmd, stdout, stderr := startSim(t, dir, tt.long...)
			if tt.stdout {
				waitLine(t, stdout, tt.ready)
			} else {
				waitLine(t, stderr, tt.ready)
			}
			time.Sleep(300 * time.Millisecond)
			sent := time.Now()
			if err := cmd.Process.Signal(tt.sig); err != nil {
				t.Fatal(err)
			}
			rest, _ := io.ReadAll(stderr)
			io.Copy(io.Discard, stdout)
			code := exitStatus(t, cmd)
			want := 130
			if tt.sig == syscall.SIGTERM {
				want = 143
			}
			if code != want || !strings.Contains(string(rest), tt.want) {
				t.Errorf("exit status %d (want %d), stderr:\n%s", code, want, rest)
			}
			if d := time.Since(sent); d > 5*time.Second {
				t.Errorf("took %v to stop", d)
			}
			after := snapshotDir(t, dir)
			for p, v := range after {
				if strings.HasPrefix(p, ".swp") {
					continue // the sweep's kept points
				}
				if w, ok := before[p]; !ok || w != v {
					t.Errorf("%s was added or changed", p)
				}
			}
			for p := range before {
				if _, ok := after[p]; !ok {
					t.Errorf("%s was removed", p)
				}
			}
			noTemporaries(t, dir)
		})
	}
}

// stopOnceKept starts sim in dir with args, waits until the journal
// holds at least points points (for at most a minute), sends sig and
// returns the exit status and what sim wrote to stderr.
func stopOnceKept(t *testing.T, dir string, args []string, journal string, points int, sig syscall.Signal) (int, string) {
	t.Helper()
	cmd, _, stderr := startSim(t, dir, args...)
	deadline := time.Now().Add(time.Minute)
	for journalPoints(journal) < points && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if err := cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
	rest, _ := io.ReadAll(stderr)
	return exitStatus(t, cmd), string(rest)
}

// journalPoints is the number of finished points in a sweep's journal.
func journalPoints(path string) int {
	b, err := os.ReadFile(path)
	if err != nil {
		return -1
	}
	return bytes.Count(b, []byte("\n")) - 1
}

// An interrupted sweep resumed with --resume writes exactly the bytes an
// uninterrupted sweep writes.
func TestE2ESweepResume(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a sweep of the full scenario")
	}
	dir := t.TempDir()
	args := []string{"sweep", "--param", "agents.AZE.ideal=-1:1:4", "--param", "agents.GEO.ideal=-1:1:3", "--runs", "3", "--workers", "2"}
	if code, _, stderr := execSim(t, dir, append(args, "--out", "whole")...); code != 0 {
		t.Fatalf("exit status %d:\n%s", code, stderr)
	}
	// Stop the sweep once a few points are kept.
	journal := filepath.Join(dir, ".part.partial", "sweep.journal")
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		code, rest := stopOnceKept(t, dir, append(args, "--out", "part", "--resume"), journal, journalPoints(journal)+3, sig)
		if code != 130 && code != 143 {
			t.Fatalf("exit status %d:\n%s", code, rest)
		}
		if !strings.Contains(rest, "of 12 points are kept in .part.partial") {
			t.Fatalf("stderr:\n%s", rest)
		}
	}
	n := journalPoints(journal)
	if n < 1 || n >= 12 {
		t.Fatalf("%d points kept", n)
	}
	if _, err := os.Stat(filepath.Join(dir, "part")); err == nil {
		t.Fatal("an interrupted sweep wrote its output folder")
	}
	// Without --resume, or with other settings, the kept points are
	// neither lost nor mixed up.
	code, _, stderr := execSim(t, dir, append(args, "--out", "part")...)
	if code != 1 || !strings.Contains(stderr, "holds an unfinished sweep into part") || !strings.Contains(stderr, "add --resume") {
		t.Errorf("without --resume: exit status %d:\n%s", code, stderr)
	}
	code, _, stderr = execSim(t, dir, append(args, "--out", "part", "--resume", "--seed", "2")...)
	if code != 1 || !strings.Contains(stderr, "it was started with a different --seed (1 then, 2 now)") {
		t.Errorf("another seed: exit status %d:\n%s", code, stderr)
	}
	if journalPoints(journal) != n {
		t.Fatal("a refused resume changed the kept points")
	}
	// A crash in the middle of writing a point leaves half a line: it is
	// dropped and the point run again.
	fj, err := os.OpenFile(journal, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	fj.WriteString(`{"point":11,"rows":[["11","1","ARM","alig`)
	fj.Close()
	code, stdout, stderr := execSim(t, dir, append(args, "--out", "part", "--resume", "--workers", "1")...)
	if code != 0 {
		t.Fatalf("resume: exit status %d:\n%s", code, stderr)
	}
	if !strings.Contains(stderr, fmt.Sprintf("Resuming: %d of 12 points were finished before", n)) || !strings.Contains(stdout, "Swept azerbaijan-1991 (12 points") {
		t.Errorf("stdout:\n%s\nstderr:\n%s", stdout, stderr)
	}
	compareDirs(t, filepath.Join(dir, "whole"), filepath.Join(dir, "part"))
	if _, err := os.Stat(filepath.Dir(journal)); err == nil {
		t.Error("the work folder is left after the sweep finished")
	}
	noTemporaries(t, dir)
}

// A write that fails names the path and leaves nothing half-written.
func TestE2EWriteErrors(t *testing.T) {
	dir := t.TempDir()
	f := smallFile(t, dir)
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("precious"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := execSim(t, dir, "run", f, "--out", "res"); code != 0 {
		t.Fatal(stderr)
	}
	before := snapshotDir(t, dir)
	// A file where a folder should be fails for root too, which writes
	// into read-only folders.
	for _, args := range [][]string{
		{"run", f, "--out", "notes.txt/res"},
		{"compare", f, f, "--runs", "2", "--out", "notes.txt/cmp"},
		{"sweep", f, "--param", "agents.AZE.stability=0:1:2", "--runs", "2", "--out", "notes.txt/swp"},
		{"exercise", "culture", "--runs", "2", "--out", "notes.txt/ex"},
	} {
		code, _, stderr := execSim(t, dir, args...)
		if code != 1 || !strings.Contains(stderr, "notes.txt/") || !strings.Contains(stderr, "not a directory") {
			t.Errorf("sim %s: exit status %d:\n%s", strings.Join(args, " "), code, stderr)
		}
	}
	if os.Geteuid() != 0 {
		ro := filepath.Join(dir, "ro")
		if err := os.Mkdir(ro, 0o555); err != nil {
			t.Fatal(err)
		}
		defer os.Chmod(ro, 0o755)
		code, _, stderr := execSim(t, dir, "run", f, "--out", "ro/res")
		if code != 1 || !strings.Contains(stderr, "ro/res") || !strings.Contains(stderr, "permission denied") {
			t.Errorf("read-only folder: exit status %d:\n%s", code, stderr)
		}
		os.Chmod(ro, 0o755)
		os.Remove(ro)
	}
	sameDir(t, dir, before)
	noTemporaries(t, dir)
}
