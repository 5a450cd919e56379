package main

import (
	"bytes"
	"caspian/internal/cli"
	"caspian/internal/suggest"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"caspian/scenarios"
)

// small is a valid scenario that runs in a fraction of a second: four
// agents, ten yearly turns, one of each kind of reference.
const small = `name = "small"
title = "Small test scenario"
description = "Four agents, one route, one conflict."
focal = "AZE"

[calendar]
start = "1991"
end = "2000"
step = "year"

[prices]
oil = 20

[axis]
negative_label = "Russia"
positive_label = "the West"
negative_poles = ["RUS"]
positive_poles = ["USA"]

[[agents]]
id = "AZE"
name = "Azerbaijan"
capability = 1
roles = ["producer"]
weights = { security = 0.5, energy = 0.3, alignment = 0.2 }
stability = 0.5
production = { oil = 100 }

[[agents]]
id = "ARM"
capability = 0.8
weights = { security = 0.7, alignment = 0.3 }
stability = 0.6

[[agents]]
id = "RUS"
capability = 20
roles = ["great_power"]
weights = { security = 0.4, energy = 0.3, alignment = 0.3 }
alignment = -1
stability = 0.7

[[agents]]
id = "USA"
capability = 60
roles = ["great_power"]
weights = { security = 0.3, energy = 0.3, alignment = 0.4 }
alignment = 1
stability = 1

[[routes]]
id = "btc"
commodity = "oil"
producer = "AZE"
transit = ["ARM"]
market = "USA"
capacity = 100
status = "open"

[[conflicts]]
id = "karabakh"
parties = ["ARM", "AZE"]
intensity = 0.5
victory = 0.8
`

// runSim calls run in-process and returns its exit status and output.
func runSim(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

// writeFile writes content into a new file in a test's temporary folder
// and returns its path.
func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string // in stderr
	}{
		{nil, "Commands:"},
		{[]string{"rn"}, `unknown command "rn"; did you mean "run"?`},
		{[]string{"chekc", "x.toml"}, `did you mean "check"?`},
		{[]string{"my.toml"}, "sim run my.toml"},
		{[]string{"--seed", "3", "run"}, "flags go after the command"},
		{[]string{"run", "--seeds", "3"}, "unknown flag --seeds; did you mean --seed?"},
		{[]string{"run", "--wokrers=2"}, "did you mean --workers?"},
		{[]string{"run", "--output", "x"}, "did you mean --out?"},
		{[]string{"run", "--zzz"}, "the flags of 'sim run' are --format, --help, --keep-runs, --limit, --out, --overlay, --runs, --seed, --set, --workers"},
		{[]string{"run", "--runs", "0"}, "--runs must be at least 1, not 0"},
		{[]string{"run", "--runs=100001"}, "--runs 100001 is more than the limit of 100000 runs (raise it with --limit runs=100001)"},
		{[]string{"run", "--limit", "agentz=5"}, `there is no limit "agentz"; did you mean "agents"?`},
		{[]string{"run", "--limit", "agents"}, "want NAME=N"},
		{[]string{"run", "--limit", "agents=-3"}, "agents: \"-3\" is not a whole number above zero"},
		{[]string{"run", "--limit", "bytes=lots"}, "is not a size"},
		{[]string{"sweep", "--param", "x=0:1:1000000000000"}, "the sweep has 1000000000000 points, more than the limit of 100000 (raise it with --limit points=1000000000000)"},
		{[]string{"sweep", "--param", "x=0:1:400", "--param", "y=0:1:400"}, "the sweep has 160000 points, more than the limit of 100000"},
		{[]string{"sweep", "--param", "x=0:1", "--design", "lhs", "--points", "200000"}, "--limit points=200000"},
		{[]string{"run", "--runs", "many"}, `--runs: "many" is not a whole number`},
		{[]string{"run", "--seed", "-1"}, `--seed: "-1" is not a whole number (0 or more)`},
		{[]string{"run", "--workers", "0"}, "--workers must be at least 1"},
		{[]string{"run", "--format", "jpg"}, "--format must be one of png, svg, pdf"},
		{[]string{"run", "--out="}, "--out needs a folder name"},
		{[]string{"run", "--seed"}, "--seed needs a value"},
		{[]string{"run", "a.toml", "b.toml"}, "run takes one scenario"},
		{[]string{"run", "---seed", "3"}, "not a valid flag"},
		{[]string{"check"}, "check needs at least one scenario file"},
		{[]string{"check", "--strict", "x.toml"}, "unknown flag --strict; the flags of 'sim check' are --help, --limit"},
		{[]string{"list", "extra"}, "list takes no arguments"},
		{[]string{"show"}, "show needs the name of a built-in scenario"},
		{[]string{"show", "a", "b"}, "show takes one scenario name"},
		{[]string{"version", "now"}, "version takes no arguments"},
		{[]string{"help", "rnu"}, `did you mean "run"?`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, stdout, stderr := runSim(t, tt.args...)
			if code != cli.ExitUsage {
				t.Errorf("exit status %d, want %d", code, cli.ExitUsage)
			}
			if !strings.Contains(stderr, tt.want) {
				t.Errorf("stderr does not say %q:\n%s", tt.want, stderr)
			}
			if !strings.HasPrefix(stderr, "sim: ") && len(tt.args) > 0 {
				t.Errorf("stderr does not start with 'sim: ':\n%s", stderr)
			}
			if stdout != "" {
				t.Errorf("a usage error printed results:\n%s", stdout)
			}
		})
	}
}

func TestHelp(t *testing.T) {
	for _, c := range commands() {
		for _, args := range [][]string{{"help", c.Name}, {c.Name, "--help"}, {c.Name, "-h"}, {c.Name, "--bogus", "-h"}} {
			t.Run(strings.Join(args, " "), func(t *testing.T) {
				code, stdout, stderr := runSim(t, args...)
				if code != cli.ExitOK || stderr != "" {
					t.Fatalf("exit status %d, stderr %q", code, stderr)
				}
				for _, want := range []string{"Usage:\n  sim " + c.Name, "Flags:", "--help", "Examples:"} {
					if !strings.Contains(stdout, want) {
						t.Errorf("help lacks %q:\n%s", want, stdout)
					}
				}
				for i, line := range strings.Split(stdout, "\n") {
					if n := len([]rune(line)); n > cli.HelpWidth {
						t.Errorf("line %d is %d characters wide: %q", i+1, n, line)
					}
				}
			})
		}
	}
	for _, args := range [][]string{{"--help"}, {"-h"}, {"help"}} {
		code, stdout, _ := runSim(t, args...)
		if code != cli.ExitOK || !strings.Contains(stdout, "Commands:") {
			t.Errorf("sim %s: exit status %d, output:\n%s", args[0], code, stdout)
		}
	}
}

func TestRunHelpListsEveryFlag(t *testing.T) {
	_, stdout, _ := runSim(t, "run", "--help")
	runFlags(new(runOptions)).VisitAll(func(f *flag.Flag) {
		if !strings.Contains(stdout, "--"+f.Name+" ") {
			t.Errorf("run --help does not explain --%s", f.Name)
		}
	})
}

func TestUnknownScenario(t *testing.T) {
	for _, args := range [][]string{{"run", "no-such-scenario"}, {"show", "no-such-scenario"}} {
		code, stdout, stderr := runSim(t, args...)
		if code != cli.ExitError {
			t.Errorf("%v: exit status %d, want %d", args, code, cli.ExitError)
		}
		if !strings.HasPrefix(stderr, "sim: ") || !strings.Contains(stderr, scenarios.Default) {
			t.Errorf("%v: stderr does not list the built-in scenarios:\n%s", args, stderr)
		}
		if stdout != "" {
			t.Errorf("%v: printed results: %s", args, stdout)
		}
	}
	// A near miss names the scenario the user probably meant.
	_, _, stderr := runSim(t, "show", strings.TrimSuffix(scenarios.Default, "-1991"))
	if !strings.Contains(stderr, `did you mean "`+scenarios.Default+`"?`) {
		t.Errorf("no suggestion for a near miss:\n%s", stderr)
	}
}

// badCases are one-line edits of small, each with the line it breaks.
var badCases = []struct {
	name, from, to, want string
}{
	{"unknown key", "stability = 0.5", "stabilty = 0.5", "stabilty"},
	{"wrong type", "capability = 0.8", `capability = "high"`, "capability"},
	{"bad reference", `transit = ["ARM"]`, `transit = ["ARN"]`, `"ARN"`},
}

func TestCheck(t *testing.T) {
	good := writeFile(t, "good.toml", small)
	code, stdout, stderr := runSim(t, "check", good)
	if code != cli.ExitOK || stderr != "" {
		t.Fatalf("check of a good file: exit status %d, stderr:\n%s", code, stderr)
	}
	if want := good + ": ok (4 agents, 10 turns)\n"; stdout != want {
		t.Errorf("check printed %q, want %q", stdout, want)
	}
	// A setting that does nothing is accepted with a warning on its line.
	idle := writeFile(t, "idle.toml", strings.Replace(small, "alignment = -1\n", "alignment = -1\nideal = 0.2\n", 1))
	code, stdout, stderr = runSim(t, "check", idle)
	at := fmt.Sprintf("warning: %s:%d: agents.RUS.ideal", idle, lineOf(t, small, "alignment = -1")+1)
	if code != cli.ExitOK || stderr != "" || !strings.Contains(stdout, ": ok (") || !strings.Contains(stdout, at) ||
		!strings.Contains(stdout, "has no effect") {
		t.Errorf("check of a file with an idle setting: exit status %d, stdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	for _, bc := range badCases {
		t.Run(bc.name, func(t *testing.T) {
			line := lineOf(t, small, bc.from)
			bad := writeFile(t, "bad.toml", strings.Replace(small, bc.from, bc.to, 1))
			code, _, stderr := runSim(t, "check", bad)
			if code != cli.ExitError {
				t.Errorf("exit status %d, want %d", code, cli.ExitError)
			}
			at := fmt.Sprintf("%s:%d:", bad, line)
			if !strings.Contains(stderr, at) || !strings.Contains(stderr, bc.want) {
				t.Errorf("stderr does not point at %s about %s:\n%s", at, bc.want, stderr)
			}
			if !strings.Contains(stderr, "sim: found 1 problem in "+bad) {
				t.Errorf("stderr lacks the count of problems:\n%s", stderr)
			}
		})
	}
}

func TestCheckSeveralFiles(t *testing.T) {
	good := writeFile(t, "good.toml", small)
	bad := writeFile(t, "bad.toml", strings.Replace(small, "stability = 0.5", "stabilty = 0.5", 1))
	code, stdout, stderr := runSim(t, "check", good, bad, scenarios.Default)
	if code != cli.ExitError {
		t.Errorf("exit status %d, want %d", code, cli.ExitError)
	}
	for _, want := range []string{good + ": ok", scenarios.Default + ": ok"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	if !strings.Contains(stderr, "sim: 1 of 3 files have problems") {
		t.Errorf("stderr lacks the tally:\n%s", stderr)
	}
}

// lineOf returns the 1-based line of text that s starts.
func lineOf(t *testing.T, text, s string) int {
	t.Helper()
	i := strings.Index(text, s)
	if i < 0 {
		t.Fatalf("%q not in the test scenario", s)
	}
	return strings.Count(text[:i], "\n") + 1
}

func TestRunReportsEveryProblem(t *testing.T) {
	text := strings.Replace(small, "stability = 0.5", "stabilty = 0.5", 1)
	text = strings.Replace(text, "capability = 0.8", `capability = "high"`, 1)
	bad := writeFile(t, "bad.toml", text)
	out := filepath.Join(t.TempDir(), "out")
	code, stdout, stderr := runSim(t, "run", bad, "--out", out)
	if code != cli.ExitError || stdout != "" {
		t.Fatalf("exit status %d, stdout %q", code, stdout)
	}
	want := fmt.Sprintf("sim: %s has 2 problems, so nothing was run:\n  %s:%d:", bad, bad, lineOf(t, small, "stability = 0.5"))
	if !strings.HasPrefix(stderr, want) {
		t.Errorf("stderr does not start %q:\n%s", want, stderr)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a failed run created %s", out)
	}
}

func TestRunFlagsInAnyOrder(t *testing.T) {
	file := writeFile(t, "small.toml", small)
	dir := t.TempDir()
	orders := [][]string{
		{"run", file, "--out", filepath.Join(dir, "a"), "--seed", "3"},
		{"run", "--out=" + filepath.Join(dir, "b"), "--seed=3", file},
		{"run", "-seed", "3", file, "-out", filepath.Join(dir, "c")},
	}
	for _, args := range orders {
		code, stdout, stderr := runSim(t, args...)
		if code != cli.ExitOK {
			t.Fatalf("%v: exit status %d:\n%s", args, code, stderr)
		}
		if !strings.Contains(stdout, "Azerbaijan, 1991 → 2000:") || !strings.Contains(stdout, "(-1 = Russia, +1 = the West)") {
			t.Errorf("%v: summary lacks the focal agent:\n%s", args, stdout)
		}
	}
	for _, name := range []string{"b", "c"} {
		compareDirs(t, filepath.Join(dir, "a"), filepath.Join(dir, name))
	}
}

func TestRunSummary(t *testing.T) {
	file := writeFile(t, "small.toml", small)
	out := filepath.Join(t.TempDir(), "results")
	code, stdout, stderr := runSim(t, "run", file, "--out", out, "--runs", "2", "--format", "SVG")
	if code != cli.ExitOK {
		t.Fatalf("exit status %d:\n%s", code, stderr)
	}
	for _, want := range []string{
		"Ran " + file + " (2 runs, seed 1) and saved 6 files in " + out + ":",
		"\n  quantiles.csv ",
		"\n  timeseries.csv ", "\n  alignment.svg ",
		"Azerbaijan, 1991 → 2000, mean of 2 runs:",
		"alignment ", "security ", "energy ", "billion US dollars a year",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("summary lacks %q:\n%s", want, stdout)
		}
	}
}

func TestRefusesForeignFolder(t *testing.T) {
	file := writeFile(t, "small.toml", small)
	out := t.TempDir()
	notes := filepath.Join(out, "notes.txt")
	if err := os.WriteFile(notes, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runSim(t, "run", file, "--out", out)
	if code != cli.ExitError || !strings.Contains(stderr, `"notes.txt", which sim did not write`) {
		t.Errorf("exit status %d, stderr:\n%s", code, stderr)
	}
	if b, err := os.ReadFile(notes); err != nil || string(b) != "mine" {
		t.Errorf("notes.txt was touched: %q, %v", b, err)
	}
}

func TestList(t *testing.T) {
	code, stdout, stderr := runSim(t, "list")
	if code != cli.ExitOK || stderr != "" {
		t.Fatalf("exit status %d, stderr %q", code, stderr)
	}
	entries, err := scenarios.List()
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	if len(lines) != len(entries) {
		t.Fatalf("%d lines for %d scenarios:\n%s", len(lines), len(entries), stdout)
	}
	for i, e := range entries {
		if f := strings.Fields(lines[i]); len(f) == 0 || f[0] != e.Name || !strings.Contains(lines[i], e.Title) {
			t.Errorf("line %q, want %s and %q", lines[i], e.Name, e.Title)
		}
	}
}

func TestShowRoundTrip(t *testing.T) {
	code, stdout, stderr := runSim(t, "show", scenarios.Default)
	if code != cli.ExitOK || stderr != "" {
		t.Fatalf("exit status %d, stderr %q", code, stderr)
	}
	want, err := scenarios.Source(scenarios.Default)
	if err != nil {
		t.Fatal(err)
	}
	if stdout != string(want) {
		t.Fatal("show does not print the scenario as shipped")
	}
	if _, err := scenarios.Parse("shown.toml", []byte(stdout)); err != nil {
		t.Fatalf("what show prints does not parse: %v", err)
	}
	if testing.Short() {
		t.Skip("running the full scenario is skipped in -short mode")
	}
	file := writeFile(t, "mine.toml", stdout)
	out := filepath.Join(t.TempDir(), "mine")
	if code, _, stderr := runSim(t, "run", file, "--out", out); code != cli.ExitOK {
		t.Fatalf("running what show printed: exit status %d:\n%s", code, stderr)
	}
}

func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}} {
		code, stdout, _ := runSim(t, args...)
		if code != cli.ExitOK || !strings.HasPrefix(stdout, "sim ") {
			t.Errorf("%v: exit status %d, output %q", args, code, stdout)
		}
	}
}

func TestNearest(t *testing.T) {
	names := []string{"format", "help", "out", "runs", "seed", "workers"}
	tests := []struct{ typed, want string }{
		{"seeds", "seed"},
		{"sede", "seed"},
		{"run", "runs"},
		{"wokrers", "workers"},
		{"output", "out"},
		{"fromat", "format"},
		{"xyz", ""},
		{"verbose", ""},
	}
	for _, tt := range tests {
		if got, _ := suggest.Guess(tt.typed, names); got != tt.want {
			t.Errorf("nearest(%q) = %q, want %q", tt.typed, got, tt.want)
		}
	}
}

// compareDirs fails the test unless a and b hold the same files with the
// same bytes.
func compareDirs(t *testing.T, a, b string) {
	t.Helper()
	names := func(dir string) []string {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, e := range entries {
			out = append(out, e.Name())
		}
		return out
	}
	na, nb := names(a), names(b)
	if !reflect.DeepEqual(na, nb) {
		t.Fatalf("%s holds %v but %s holds %v", a, na, b, nb)
	}
	for _, n := range na {
		x, err := os.ReadFile(filepath.Join(a, n))
		if err != nil {
			t.Fatal(err)
		}
		y, err := os.ReadFile(filepath.Join(b, n))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between %s and %s", n, a, b)
		}
	}
}

// TestOverlay checks that --overlay FILE does what the same --set flags
// do, byte for byte, that a later --set wins over it, and that a problem
// in the file is reported on its line.
func TestOverlay(t *testing.T) {
	file := writeFile(t, "small.toml", small)
	overlay := writeFile(t, "fit.set", "# fitted\nagents.AZE.stability = 0.3\n\nagents.ARM.weights.security = 0.9\n")
	timeseries := func(args ...string) string {
		t.Helper()
		out := filepath.Join(t.TempDir(), "o")
		code, _, stderr := runSim(t, append([]string{"run", file, "--runs", "3", "--out", out}, args...)...)
		if code != cli.ExitOK {
			t.Fatalf("%v: exit status %d:\n%s", args, code, stderr)
		}
		data, err := os.ReadFile(filepath.Join(out, "quantiles.csv"))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	plain := timeseries()
	viaSet := timeseries("--set", "agents.AZE.stability=0.3", "--set", "agents.ARM.weights.security=0.9")
	viaOverlay := timeseries("--overlay", overlay)
	if viaSet == plain {
		t.Fatal("the overrides change nothing; pick others")
	}
	if viaOverlay != viaSet {
		t.Error("--overlay and the same --set flags give different results")
	}
	if timeseries("--overlay", overlay, "--set", "agents.AZE.stability=0.5", "--set", "agents.ARM.weights.security=0.7") != plain {
		t.Error("a --set after --overlay does not win")
	}
	bad := writeFile(t, "bad.set", "agents.AZE.stability = 0.3\nagents.AZE.stability = 3\n")
	code, _, stderr := runSim(t, "run", file, "--overlay", bad, "--out", filepath.Join(t.TempDir(), "o"))
	if code != cli.ExitError || !strings.Contains(stderr, bad+":2: agents.AZE.stability: 3 is outside the range 0 to 1") {
		t.Errorf("exit status %d, stderr:\n%s", code, stderr)
	}
}
