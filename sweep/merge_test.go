package sweep

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"caspian/output"
)

// The shards in testdata are what 'sim sweep --shard 0/2' and '--shard
// 1/2' wrote for a grid and a Latin hypercube, and whole is what the same
// sweep wrote on one machine.
var testLimits = Limits{Points: 1000, ShardBytes: 1 << 20}

// writeSweep is what a sweep's summary.json and sweep.csv hold.
func writeSweep(t *testing.T, s *output.SweepSummary, tab *output.SweepTable) (summary, table string) {
	t.Helper()
	var a, b bytes.Buffer
	if err := output.WriteSweepSummary(&a, s); err != nil {
		t.Fatal(err)
	}
	if err := output.WriteSweepTable(&b, tab); err != nil {
		t.Fatal(err)
	}
	return a.String(), b.String()
}

func readTestFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestMergeEqualsTheWholeSweep(t *testing.T) {
	for _, design := range []string{"grid", "lhs"} {
		for _, order := range [][]string{{"shard-0", "shard-1"}, {"shard-1", "shard-0"}} {
			t.Run(design+"/"+strings.Join(order, "+"), func(t *testing.T) {
				dir := filepath.Join("testdata", design)
				sum, tab, err := Merge([]string{filepath.Join(dir, order[0]), filepath.Join(dir, order[1])}, testLimits)
				if err != nil {
					t.Fatal(err)
				}
				gotSum, gotTab := writeSweep(t, sum, tab)
				if want := readTestFile(t, filepath.Join(dir, "whole", "summary.json")); gotSum != want {
					t.Errorf("summary.json:\n%s\nwant\n%s", gotSum, want)
				}
				if want := readTestFile(t, filepath.Join(dir, "whole", "sweep.csv")); gotTab != want {
					t.Errorf("sweep.csv:\n%s\nwant\n%s", gotTab, want)
				}
			})
		}
	}
}

func TestMergeRefuses(t *testing.T) {
	grid := func(s string) string { return filepath.Join("testdata", "grid", s) }
	lhs := func(s string) string { return filepath.Join("testdata", "lhs", s) }
	tests := []struct {
		name string
		dirs []string
		l    Limits
		want string
	}{
		{"a missing shard", []string{grid("shard-0")}, testLimits, "shard 1/2 is missing; every shard from 0/2 to 1/2 is needed"},
		{"a shard twice", []string{grid("shard-1"), grid("shard-1")}, testLimits, "shard 1/2 is given twice: " + grid("shard-1") + " and " + grid("shard-1")},
		{"a whole sweep", []string{grid("whole")}, testLimits, grid("whole") + " holds a whole sweep, not a shard (run with --shard I/N)"},
		{"another sweep", []string{grid("shard-0"), lhs("shard-1")}, testLimits, " come from different sweeps"},
		{"no folder", []string{grid("nothing")}, testLimits, grid("nothing") + " is not the output of a sweep shard: it has no summary.json"},
		{"too many points", []string{grid("shard-0")}, Limits{Points: 5, ShardBytes: 1 << 20}, "a sweep of 6 points, more than the limit of 5"},
		{"too large a file", []string{grid("shard-0")}, Limits{Points: 1000, ShardBytes: 2000}, "sweep.csv"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Merge(tt.dirs, tt.l)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want %q", err, tt.want)
			}
		})
	}
}

// Every row of a shard is checked, and the message names its line.
func TestDecodeShardNamesTheLine(t *testing.T) {
	dir := filepath.Join("testdata", "grid", "shard-0")
	summary := []byte(readTestFile(t, filepath.Join(dir, "summary.json")))
	table := readTestFile(t, filepath.Join(dir, "sweep.csv"))
	rows := strings.Split(table, "\n")
	tests := []struct {
		name, table, want string
	}{
		{"as written", table, ""},
		{"a row of another shard", strings.Replace(table, "\n0,0.2,", "\n1,0.2,", 1), `sweep.csv:2: a row for point "1", which is not one of this shard's`},
		{"a point that is not a number", strings.Replace(table, "\n0,0.2,", "\nx,0.2,", 1), `sweep.csv:2: a row for point "x", which is not one of this shard's`},
		{"a value off the design", strings.Replace(table, "\n0,0.2,", "\n0,0.25,", 1), "sweep.csv:2: point 0 has agents.AZE.stability=0.25, but the design puts it at 0.2"},
		{"no agent", rows[0] + "\n" + strings.Replace(rows[1], ",ARM,", ",,", 1) + "\n", "sweep.csv:2: a row without an agent or a metric"},
		{"a statistic that is not a number", rows[0] + "\n" + rows[1] + "\n" + strings.Replace(rows[2], ",security,2,", ",security,2,x", 1) + "\n", `sweep.csv:3: mean is "x`},
		{"other columns", strings.Replace(table, "point,", "pt,", 1), "sweep.csv:1: the columns are pt,"},
		{"empty", "", "sweep.csv: empty file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := decodeShard(dir, summary, strings.NewReader(tt.table), testLimits)
			switch {
			case tt.want == "" && err != nil:
				t.Fatal(err)
			case tt.want == "" && len(s.Table.Rows) != strings.Count(table, "\n")-1:
				t.Errorf("read %d rows", len(s.Table.Rows))
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("got %v, want %q", err, tt.want)
			}
		})
	}
}
