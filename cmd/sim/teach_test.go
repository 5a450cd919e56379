package main

import (
	"bufio"
	"caspian/internal/cli"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"caspian/scenarios"
	"caspian/sim"

	"github.com/creack/pty"
)

// withStdin runs f with sim play reading text as its input.
func withStdin(t *testing.T, text string, f func()) {
	t.Helper()
	old := stdin
	stdin = strings.NewReader(text)
	defer func() { stdin = old }()
	f()
}

func TestPlayMovesIsDeterministic(t *testing.T) {
	dir := t.TempDir()
	moves := writeFile(t, "alice.txt", "# Alice's game\n1994-Q3 security_coop TUR\n1994-Q4 none\n1995-Q1 sign_agreement contract-of-century\n")
	var debriefs []string
	for i := range 2 {
		out := filepath.Join(dir, "run"+string(rune('a'+i)))
		code, stdout, stderr := runSim(t, "play", "--moves", moves, "--out", out, "--runs", "2")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		for _, want := range []string{"Debrief: Azerbaijan", "Where you ended", "Turning points", "debrief.html"} {
			if !strings.Contains(stdout, want) {
				t.Errorf("stdout lacks %q", want)
			}
		}
		b, err := os.ReadFile(filepath.Join(out, "debrief.md"))
		if err != nil {
			t.Fatal(err)
		}
		debriefs = append(debriefs, string(b))
		game, err := os.ReadFile(filepath.Join(out, "game.toml"))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(game), `"1994-Q3 security_coop TUR"`) || !strings.Contains(string(game), `"1995-Q2 auto",  # the model chose`) {
			t.Fatalf("game.toml:\n%s", game)
		}
	}
	if debriefs[0] != debriefs[1] {
		t.Fatal("the same moves gave two different debriefs")
	}
	// The saved game replays to the same debrief too.
	out := filepath.Join(dir, "again")
	if code, _, stderr := runSim(t, "play", "--moves", filepath.Join(dir, "runa", "game.toml"), "--out", out, "--runs", "2"); code != 0 {
		t.Fatal(stderr)
	}
	b, _ := os.ReadFile(filepath.Join(out, "debrief.md"))
	if string(b) != debriefs[0] {
		t.Fatal("replaying game.toml gave another debrief")
	}
}

func TestPlayMovesErrors(t *testing.T) {
	tests := []struct {
		moves, want string
	}{
		{"1994-Q3 commit_route btc\n", "bad.txt:1: 1994-Q3: Azerbaijan cannot commit_route btc"},
		{"1994-Q3 none\n2030-Q1 none\n", `bad.txt:2: "2030-Q1" is not a turn`},
		{"1994-Q3\n", "bad.txt:1:"},
	}
	for _, tt := range tests {
		path := writeFile(t, "bad.txt", tt.moves)
		code, _, stderr := runSim(t, "play", "--moves", path, "--out", t.TempDir())
		if code != cli.ExitError || !strings.Contains(stderr, tt.want) {
			t.Errorf("exit %d, stderr %q, want %q", code, stderr, tt.want)
		}
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"play", "--moves", "a", "--load", "b"}, "not both"},
		{[]string{"play", "--as", "XYZ", "--out", "x"}, `"XYZ" is not a state`},
		{[]string{"play", "--runs", "0"}, "--runs must be at least 1"},
		{[]string{"play", "--runs", "5000"}, "--runs 5000 is more than the limit of 2000 runs kept in memory (raise it with --limit kept-runs=5000)"},
		{[]string{"play", "a", "b"}, "play takes one scenario"},
	} {
		code, _, stderr := runSim(t, tt.args...)
		if code != cli.ExitUsage || !strings.Contains(stderr, tt.want) {
			t.Errorf("%v: exit %d, stderr %q", tt.args, code, stderr)
		}
	}
}

// A game saved on quitting goes on with --load and ends in a debrief.
func TestPlaySaveAndLoad(t *testing.T) {
	dir := t.TempDir()
	save := filepath.Join(dir, "g.toml")
	var stdout string
	withStdin(t, "\n1\n0\nq\n", func() {
		var code int
		code, stdout, _ = runSim(t, "play", "--save", save, "--out", dir, "--ascii")
		if code != 0 {
			t.Fatal("exit", code)
		}
	})
	if !strings.Contains(stdout, "Game saved in "+save) {
		t.Fatalf("stdout:\n%s", stdout)
	}
	data, err := os.ReadFile(save)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `"1994-Q4 none"`) {
		t.Fatalf("save:\n%s", data)
	}
	withStdin(t, "\n2\na end\n", func() {
		code, out, stderr := runSim(t, "play", "--load", save, "--out", dir, "--runs", "2")
		if code != 0 {
			t.Fatal(stderr)
		}
		if !strings.Contains(out, "Welcome back") || !strings.Contains(out, "Debrief") {
			t.Fatalf("stdout:\n%s", out)
		}
	})
	data, _ = os.ReadFile(save)
	if !strings.Contains(string(data), `"1994-Q4 none"`) || !strings.Contains(string(data), `"2025-Q4 auto"`) {
		t.Fatalf("the loaded game was not saved whole:\n%s", data)
	}
}

// The game works on a real terminal: the binary runs in a
// pseudo-terminal, reads what is typed and clears the screen each turn.
func TestPlayOnTerminal(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	dir := t.TempDir()
	cmd := exec.Command(simBinary(t), "play", "--out", "res", "--runs", "2")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "TERM=xterm")
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 50, Cols: 80})
	if err != nil {
		t.Skipf("no pseudo-terminal here: %v", err)
	}
	defer f.Close()
	screen := make(chan string, 1024)
	go func() {
		r := bufio.NewReader(f)
		buf := make([]byte, 4096)
		for {
			n, err := r.Read(buf)
			if n > 0 {
				screen <- string(buf[:n])
			}
			if err != nil {
				close(screen)
				return
			}
		}
	}()
	var seen strings.Builder
	waitFor := func(want string) {
		t.Helper()
		deadline := time.After(30 * time.Second)
		for !strings.Contains(seen.String(), want) {
			select {
			case s, ok := <-screen:
				if !ok {
					t.Fatalf("the game ended before showing %q:\n%s", want, seen.String())
				}
				seen.WriteString(s)
			case <-deadline:
				t.Fatalf("no %q after 30 s:\n%s", want, seen.String())
			}
		}
	}
	send := func(line string) {
		if _, err := f.Write([]byte(line + "\r")); err != nil {
			t.Fatal(err)
		}
	}
	waitFor("Press Enter to begin")
	send("")
	waitFor("Your move")
	if !strings.Contains(seen.String(), "\x1b[2J") {
		t.Error("the screen was not cleared on a terminal")
	}
	send("1")
	waitFor("1994-Q4")
	send("a end")
	waitFor("Where you ended")
	waitFor("debrief.html")
	if err := cmd.Wait(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "res", "debrief.html")); err != nil {
		t.Fatal(err)
	}
}

func TestNewScenarioRuns(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "my-world")
	code, stdout, stderr := runSim(t, "new", path)
	if code != 0 {
		t.Fatal(stderr)
	}
	if !strings.Contains(stdout, "my-world.toml") || !strings.Contains(stdout, schemaFile) {
		t.Fatalf("stdout:\n%s", stdout)
	}
	data, err := os.ReadFile(path + ".toml")
	if err != nil {
		t.Fatal(err)
	}
	sc, err := scenarios.Parse("my-world.toml", data)
	if err != nil {
		t.Fatal(err)
	}
	if sc.Name != "my-world" || sc.Info.WhatIsIt == "" {
		t.Fatalf("name %q, info %+v", sc.Name, sc.Info)
	}
	if err := sim.Run(sc, sim.Options{Seed: 1}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, schemaFile)); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runSim(t, "new", path); code != cli.ExitError || !strings.Contains(stderr, "already exists") {
		t.Fatalf("overwrote a file: %d %s", code, stderr)
	}
	if code, stdout, _ := runSim(t, "check", path+".toml"); code != 0 || !strings.Contains(stdout, "ok") {
		t.Fatal("sim check refuses the starter")
	}
}

func TestSchemaCommand(t *testing.T) {
	code, stdout, _ := runSim(t, "schema")
	if code != 0 {
		t.Fatal(code)
	}
	var s map[string]any
	if err := json.Unmarshal([]byte(stdout), &s); err != nil {
		t.Fatal(err)
	}
	if s["$schema"] != "https://json-schema.org/draft/2020-12/schema" {
		t.Fatalf("$schema %v", s["$schema"])
	}
}

func TestShowInfo(t *testing.T) {
	entries, err := scenarios.List()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		code, stdout, stderr := runSim(t, "show", e.Name, "--info")
		if code != 0 {
			t.Fatal(stderr)
		}
		for _, want := range []string{"WHAT IS IT?", "HOW IT WORKS", "THINGS TO NOTICE", "THINGS TO TRY"} {
			if !strings.Contains(stdout, want) {
				t.Errorf("%s --info lacks %s", e.Name, want)
			}
		}
	}
}

func TestExerciseCommand(t *testing.T) {
	code, stdout, _ := runSim(t, "exercise", "list")
	if code != 0 || !strings.Contains(stdout, "pipeline-politics") {
		t.Fatalf("list: %d\n%s", code, stdout)
	}
	dir := t.TempDir()
	code, stdout, stderr := runSim(t, "exercise", "culture", "--out", dir, "--runs", "2")
	if code != 0 {
		t.Fatal(stderr)
	}
	for _, f := range []string{"worksheet.html", "worksheet.md", "key.html", "key.md", "compare-aze.png"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Error(err)
		}
		if !strings.Contains(stdout, f) {
			t.Errorf("stdout does not list %s", f)
		}
	}
	if code, _, stderr := runSim(t, "exercise", "pipelines"); code != cli.ExitError || !strings.Contains(stderr, "pipeline-politics") {
		t.Fatalf("unknown exercise: %d %s", code, stderr)
	}
	if code, _, _ := runSim(t, "exercise"); code != cli.ExitUsage {
		t.Fatal("no argument accepted")
	}
}

// TestPlayWithOverrides checks that a game played on a changed scenario
// (--set, --overlay) records the changes in its save, replays on the same
// scenario without them on the command line, and differs from the game
// on the scenario as shipped.
func TestPlayWithOverrides(t *testing.T) {
	dir := t.TempDir()
	moves := writeFile(t, "m.txt", "1994-Q3 none\n")
	overlay := writeFile(t, "fit.set", "agents.AZE.threat_response = -0.6\n")
	debrief := func(out string, args ...string) string {
		t.Helper()
		code, _, stderr := runSim(t, append([]string{"play", "--out", out, "--runs", "2"}, args...)...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, stderr)
		}
		b, err := os.ReadFile(filepath.Join(out, "debrief.md"))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	plain := debrief(filepath.Join(dir, "plain"), "--moves", moves)
	changed := debrief(filepath.Join(dir, "changed"), "--moves", moves, "--overlay", overlay)
	if changed == plain {
		t.Fatal("the overlay changed nothing in the game")
	}
	game := filepath.Join(dir, "changed", "game.toml")
	data, err := os.ReadFile(game)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "overrides = [\n  \"agents.AZE.threat_response=-0.6\",\n]") {
		t.Fatalf("game.toml:\n%s", data)
	}
	if again := debrief(filepath.Join(dir, "again"), "--moves", game); again != changed {
		t.Error("the saved game replays to another debrief")
	}
}
