package main

import (
	"bytes"
	"caspian/internal/journal"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"caspian/output"
	"caspian/sweep"
)

// fuzzSweep runs a small sweep in two shards in a temporary folder and
// returns the shards' folders, for seeding the fuzz targets with files
// the program itself writes.
func fuzzSweep(f *testing.F, args ...string) []string {
	dir := f.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "small.toml"), []byte(small), 0o644); err != nil {
		f.Fatal(err)
	}
	var outs []string
	for _, s := range []string{"0/2", "1/2"} {
		out := filepath.Join(dir, "shard-"+s[:1])
		a := append([]string{"sweep", filepath.Join(dir, "small.toml"), "--runs", "2", "--shard", s, "--out", out}, args...)
		var stdout, stderr bytes.Buffer
		if code := run(a, &stdout, &stderr); code != 0 {
			f.Fatalf("sim %v: %s", a, stderr.String())
		}
		outs = append(outs, out)
	}
	return outs
}

func readAll(f *testing.F, path string) []byte {
	b, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	return b
}

// FuzzShard feeds arbitrary summary.json and sweep.csv files to the
// reader of sim merge, then joins what it accepts as a sweep of one
// shard and builds its plots: nothing may panic or allocate without
// bound, a shard is either read or refused with a message that names
// its file, and a joined table holds only rows of the design's points.
func FuzzShard(f *testing.F) {
	for _, params := range [][]string{
		{"--param", "agents.AZE.stability=0.2:0.8:3", "--param", "agents.ARM.stability=0.3:0.9:2"},
		{"--param", "agents.AZE.stability=0.2:0.8", "--design", "lhs", "--points", "4"},
	} {
		for _, out := range fuzzSweep(f, params...) {
			f.Add(readAll(f, filepath.Join(out, "summary.json")), readAll(f, filepath.Join(out, "sweep.csv")))
		}
	}
	f.Add([]byte(`{"command":"sweep","design":"grid","points":99999999999,"shard":"0/99999999999","params":[{"path":"x","lo":0,"hi":1}]}`), []byte("point\n"))
	f.Add([]byte(`{"command":"sweep","design":"lhs","points":3,"shard":"0/1","shard_points":[0,1,2],"params":[{"path":"x","lo":0,"hi":1e308}]}`), []byte("point,x,agent,metric,runs,mean,sd,p05,p25,p50,p75,p95\n0,1,A,alignment,1,NaN,,,,,,\n"))
	l := defaultLimits()
	l.points, l.shardBytes = 1000, 1<<20
	f.Fuzz(func(t *testing.T, summary, table []byte) {
		s, err := decodeShard("shard", summary, bytes.NewReader(table), l)
		if err != nil {
			if !strings.Contains(err.Error(), "shard") {
				t.Fatalf("an error that names no file: %v", err)
			}
			return
		}
		for _, r := range s.table.Rows {
			if len(r) != len(s.table.Header) {
				t.Fatalf("a row of %d fields under %d columns", len(r), len(s.table.Header))
			}
		}
		// Claim the shard is the whole sweep, 0/1, to reach the join.
		whole := *s.sum
		whole.Shard = "0/1"
		whole.ShardPoints = nil
		for k := range whole.Points {
			whole.ShardPoints = append(whole.ShardPoints, k)
		}
		s.sum = &whole
		sum, t2, err := joinShards([]shardOut{s}, l)
		if err != nil {
			return
		}
		if sum.Shard != "" || sum.ShardPoints != nil {
			t.Fatal("the joined summary is still a shard's")
		}
		for _, r := range t2.Rows {
			if k, ok := pointOf(r); !ok || k < 0 || k >= sum.Points {
				t.Fatalf("a joined row of point %q", r[0])
			}
		}
		switch len(sum.Params) {
		case 1:
			_, _ = output.PlotResponse(sum, t2)
		case 2:
			_, _ = output.PlotHeatmap(sum, t2)
		}
	})
}

// FuzzJournal feeds arbitrary journals to the reader of sim sweep
// --resume: nothing may panic or allocate without bound, a journal of
// another sweep or a damaged one is refused, and every point read back
// has rows that match the design.
func FuzzJournal(f *testing.F) {
	params := []sweep.Param{{Path: "agents.AZE.stability", Lo: 0.2, Hi: 0.8, Levels: 3}}
	d, err := sweep.Grid(params)
	if err != nil {
		f.Fatal(err)
	}
	header := output.SweepHeader([]string{params[0].Path})
	h := &journal.Header{Format: journal.Format, Scenario: "small.toml", SHA256: "abc", Version: "v", Seed: 1, Design: "grid",
		Params: []output.SweepParam{{Path: params[0].Path, Lo: 0.2, Hi: 0.8, Levels: 3}}, Points: 3, RunsPerPoint: 2,
		Overrides: []string{}, Header: header, Values: d.Points}
	const agents = 4
	valid := func(e journal.Entry) error {
		if e.Point < 0 || e.Point >= len(d.Points) {
			return errors.New("not a point")
		}
		return checkRows(d, e.Point, e.Rows, len(header), agents*len(sweepMetrics))
	}
	// A journal made of a real sweep's rows.
	outs := fuzzSweep(f, "--param", "agents.AZE.stability=0.2:0.8:3")
	var buf bytes.Buffer
	hb, _ := json.Marshal(h)
	buf.Write(append(hb, '\n'))
	for _, out := range outs {
		fh, err := os.Open(filepath.Join(out, "sweep.csv"))
		if err != nil {
			f.Fatal(err)
		}
		t, err := output.ReadSweepTable(fh)
		fh.Close()
		if err != nil {
			f.Fatal(err)
		}
		byPoint := map[string][][]string{}
		var order []string
		for _, r := range t.Rows {
			if byPoint[r[0]] == nil {
				order = append(order, r[0])
			}
			byPoint[r[0]] = append(byPoint[r[0]], r)
		}
		for _, k := range order {
			p, _ := pointOf(byPoint[k][0])
			b, _ := json.Marshal(journal.Entry{Point: p, Rows: byPoint[k]})
			buf.Write(append(b, '\n'))
		}
	}
	full := buf.Bytes()
	f.Add(full)
	f.Add(full[:len(full)-40]) // the last line cut short by a crash
	f.Add(append([]byte(nil), full[:len(hb)+1]...))
	f.Add([]byte(strings.Replace(string(full), `"seed":1`, `"seed":2`, 1)))
	f.Add([]byte("{}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		good, done, err := journal.Read(data, h, valid)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error")
			}
			return
		}
		if good < 0 || good > len(data) || (good < len(data) && bytes.IndexByte(data[good:], '\n') >= 0) {
			t.Fatalf("kept %d of %d bytes, dropping more than a last line", good, len(data))
		}
		for k, rows := range done {
			if err := valid(journal.Entry{Point: k, Rows: rows}); err != nil {
				t.Fatalf("point %d read back invalid: %v", k, err)
			}
		}
		// Reading the kept part again gives the same points.
		if _, again, err := journal.Read(data[:good], h, valid); err != nil || len(again) != len(done) {
			t.Fatalf("the kept part reads back differently: %v", err)
		}
	})
}
