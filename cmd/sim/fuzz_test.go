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
