package main

import (
	"caspian/internal/cli"
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// synthetic writes the yearly median of AZE's alignment in the small
// scenario with the given overrides, as an observed series file: data
// the model itself made, from other random draws (seed 7) than the fit's.
func synthetic(t *testing.T, dir string, sets ...string) string {
	t.Helper()
	file := writeFile(t, "small.toml", small)
	out := filepath.Join(t.TempDir(), "truth")
	args := []string{"run", file, "--runs", "20", "--seed", "7", "--out", out}
	for _, s := range sets {
		args = append(args, "--set", s)
	}
	if code, _, stderr := runSim(t, args...); code != cli.ExitOK {
		t.Fatalf("exit status %d:\n%s", code, stderr)
	}
	rows := readCSVFile(t, filepath.Join(out, "quantiles.csv"))
	var b strings.Builder
	b.WriteString("agent,metric,year,observed\n")
	for _, r := range rows[1:] {
		if r[2] == "AZE" && r[3] == "alignment" {
			fmt.Fprintf(&b, "AZE,alignment,%s,%s\n", r[1], r[7])
		}
	}
	path := filepath.Join(dir, "observed.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// readCSVFile reads a whole CSV file written by a command.
func readCSVFile(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return rows
}

// fitted reads the fitted values of fit.csv.
func fitted(t *testing.T, dir string) map[string]float64 {
	t.Helper()
	rows := readCSVFile(t, filepath.Join(dir, "fit.csv"))
	out := map[string]float64{}
	for _, r := range rows[1:] {
		v, err := strconv.ParseFloat(r[4], 64)
		if err != nil {
			t.Fatal(err)
		}
		out[r[0]] = v
	}
	return out
}

// TestCalibrateRecoversKnownValues fits values to series the model made
// with known values, and checks that the fit finds them again.
func TestCalibrateRecoversKnownValues(t *testing.T) {
	for _, truth := range []float64{0.5, 0.8} {
		t.Run(fmt.Sprint(truth), func(t *testing.T) {
			dir := t.TempDir()
			obs := synthetic(t, dir, fmt.Sprintf("agents.AZE.ideal=%v", truth))
			out := filepath.Join(dir, "fit")
			code, stdout, stderr := runSim(t, "calibrate", writeFile(t, "small.toml", small), "--observed", obs,
				"--param", "agents.AZE.ideal=-1:1", "--runs", "20", "--budget", "25", "--out", out)
			if code != cli.ExitOK {
				t.Fatalf("exit status %d:\n%s", code, stderr)
			}
			got := fitted(t, out)["agents.AZE.ideal"]
			if math.Abs(got-truth) > 0.1 {
				t.Errorf("fitted %v, made with %v:\n%s", got, truth, stdout)
			}
			if !strings.Contains(stderr, "small.toml, so the search starts it at the middle of its range, 0\n") {
				t.Errorf("stderr:\n%s", stderr)
			}
			// The overlay carries the fit: run with it equals run with --set.
			data, err := os.ReadFile(filepath.Join(out, "fitted.set"))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(data), "agents.AZE.ideal = "+strconv.FormatFloat(got, 'g', 6, 64)+"\n") {
				t.Errorf("fitted.set:\n%s", data)
			}
		})
	}
}

func TestCalibrateUsage(t *testing.T) {
	file := writeFile(t, "small.toml", small)
	tests := []struct {
		args []string
		want string
	}{
		{nil, "name at least one value to fit"},
		{[]string{"--param", "agents.AZE.ideal=-1:1:5"}, "give a range, PATH=LO:HI, without a number of levels"},
		{[]string{"--param", "agents.AZE.ideal=1:-1"}, "hi (-1) is below lo (1)"},
		{[]string{"--param", "agents.AZE.ideal=-1:1", "--until", "2016"}, "--until and --test-until end by 2013-12"},
		{[]string{"--param", "agents.AZE.ideal=-1:1", "--until", "2005", "--test-until", "2001"}, "--test-until (2001-12) comes before --until (2005-12)"},
		{[]string{"--param", "agents.AZE.ideal=-1:1", "--budget", "2"}, "--budget 2 is too small to fit 1 values: give at least 3"},
		{[]string{"--param", "agents.AZE.ideal=-1:1", "--param", "agents.AZE.ideal=0:1"}, "--param agents.AZE.ideal is given twice"},
		{[]string{"--param", "agents.AZE.nothing=0:1"}, `no key "nothing"`},
	}
	for _, tt := range tests {
		code, _, stderr := runSim(t, append([]string{"calibrate", file}, tt.args...)...)
		if code != cli.ExitUsage || !strings.Contains(stderr, tt.want) {
			t.Errorf("%v: exit status %d, stderr:\n%s\nwant %q", tt.args, code, stderr, tt.want)
		}
	}
	// A scenario without patterns has nothing to fit to.
	code, _, stderr := runSim(t, "calibrate", file, "--param", "agents.AZE.ideal=-1:1", "--out", filepath.Join(t.TempDir(), "o"))
	if code != cli.ExitError || !strings.Contains(stderr, "nothing to fit to") {
		t.Errorf("no patterns: exit status %d, stderr:\n%s", code, stderr)
	}
}

// An interrupted calibration resumed with --resume ends exactly where an
// uninterrupted one does, byte for byte.
func TestE2ECalibrateResume(t *testing.T) {
	if testing.Short() {
		t.Skip("runs two calibrations")
	}
	dir := t.TempDir()
	obs := synthetic(t, dir, "agents.AZE.ideal=0.5")
	smallFile(t, dir)
	args := []string{"calibrate", "small.toml", "--observed", filepath.Base(obs), "--param", "agents.AZE.ideal=-1:1",
		"--param", "agents.AZE.stubbornness=0:0.8", "--runs", "300", "--budget", "14", "--workers", "1"}
	if code, _, stderr := execSim(t, dir, append(args, "--out", "whole")...); code != 0 {
		t.Fatalf("exit status %d:\n%s", code, stderr)
	}
	journal := filepath.Join(dir, ".part.partial", "sweep.journal")
	code, rest := stopOnceKept(t, dir, append(args, "--out", "part"), journal, 3, syscall.SIGINT)
	if code != 130 {
		t.Fatalf("exit status %d:\n%s", code, rest)
	}
	n := journalPoints(journal)
	if n < 3 || n >= 14 || !strings.Contains(rest, fmt.Sprintf("%d candidates are kept in .part.partial: run the same command with --resume", n)) {
		t.Fatalf("%d kept; stderr:\n%s", n, rest)
	}
	code, _, serr := execSim(t, dir, append(args, "--out", "part")...)
	if code != 1 || !strings.Contains(serr, "add --resume") {
		t.Errorf("without --resume: exit status %d:\n%s", code, serr)
	}
	code, stdout, serr := execSim(t, dir, append(args, "--out", "part", "--resume")...)
	if code != 0 || !strings.Contains(serr, fmt.Sprintf("Resuming: %d candidates were tried before", n)) {
		t.Fatalf("resume: exit status %d:\n%s\n%s", code, stdout, serr)
	}
	compareDirs(t, filepath.Join(dir, "whole"), filepath.Join(dir, "part"))
	noTemporaries(t, dir)
}
