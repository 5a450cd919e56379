package sweep_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"caspian/internal/journal"
	"caspian/output"
	"caspian/sweep"
)

// FuzzJournal feeds arbitrary journals to the reader that sim sweep
// --resume uses, with the sweep's check of a point's rows: nothing may
// panic or allocate without bound, a journal of another sweep or a
// damaged one is refused, and every point read back has rows that match
// the design.
func FuzzJournal(f *testing.F) {
	params := []sweep.Param{
		{Path: "agents.AZE.stability", Lo: 0.2, Hi: 0.8, Levels: 3},
		{Path: "agents.ARM.stability", Lo: 0.3, Hi: 0.9, Levels: 2},
	}
	d, err := sweep.Grid(params)
	if err != nil {
		f.Fatal(err)
	}
	h := &journal.Header{Format: journal.Format, Scenario: "small.toml", SHA256: "abc", Version: "v", Seed: 1, Design: "grid",
		Params: []output.SweepParam{{Path: params[0].Path, Lo: 0.2, Hi: 0.8, Levels: 3}, {Path: params[1].Path, Lo: 0.3, Hi: 0.9, Levels: 2}},
		Points: len(d.Points), RunsPerPoint: 2,
		Overrides: []string{}, Header: output.SweepHeader(d.Paths()), Values: d.Points}
	const agents = 4
	valid := func(e journal.Entry) error {
		if e.Point < 0 || e.Point >= len(d.Points) {
			return errors.New("not a point")
		}
		return d.CheckRows(e.Point, e.Rows, agents)
	}
	// A journal made of the rows of a real sweep's shards.
	var buf bytes.Buffer
	hb, _ := json.Marshal(h)
	buf.Write(append(hb, '\n'))
	for _, shard := range []string{"shard-0", "shard-1"} {
		fh, err := os.Open(filepath.Join("testdata", "grid", shard, "sweep.csv"))
		if err != nil {
			f.Fatal(err)
		}
		t, err := output.ReadSweepTable(fh)
		fh.Close()
		if err != nil {
			f.Fatal(err)
		}
		byPoint := map[int][][]string{}
		var order []int
		for _, rec := range t.Rows {
			r, err := output.ParseSweepRow(rec, len(params))
			if err != nil {
				f.Fatal(err)
			}
			if byPoint[r.Point] == nil {
				order = append(order, r.Point)
			}
			byPoint[r.Point] = append(byPoint[r.Point], rec)
		}
		for _, k := range order {
			b, _ := json.Marshal(journal.Entry{Point: k, Rows: byPoint[k]})
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
