package sweep

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"caspian/output"
)

// FuzzShard feeds arbitrary summary.json and sweep.csv files to the
// reader of shards, then joins what it accepts as a sweep of one shard
// and builds its plots: nothing may panic or allocate without bound, a
// shard is either read or refused with a message that names its file,
// and a joined table holds only rows of the design's points.
func FuzzShard(f *testing.F) {
	for _, design := range []string{"grid", "lhs"} {
		for _, shard := range []string{"shard-0", "shard-1"} {
			dir := filepath.Join("testdata", design, shard)
			summary, err1 := os.ReadFile(filepath.Join(dir, "summary.json"))
			table, err2 := os.ReadFile(filepath.Join(dir, "sweep.csv"))
			if err1 != nil || err2 != nil {
				f.Fatal(err1, err2)
			}
			f.Add(summary, table)
		}
	}
	f.Add([]byte(`{"command":"sweep","design":"grid","points":99999999999,"shard":"0/99999999999","params":[{"path":"x","lo":0,"hi":1}]}`), []byte("point\n"))
	f.Add([]byte(`{"command":"sweep","design":"lhs","points":3,"shard":"0/1","shard_points":[0,1,2],"params":[{"path":"x","lo":0,"hi":1e308}]}`), []byte("point,x,agent,metric,runs,mean,sd,p05,p25,p50,p75,p95\n0,1,A,alignment,1,NaN,,,,,,\n"))
	l := Limits{Points: 1000, ShardBytes: 1 << 20}
	f.Fuzz(func(t *testing.T, summary, table []byte) {
		s, err := decodeShard("shard", summary, bytes.NewReader(table), l)
		if err != nil {
			if !strings.Contains(err.Error(), "shard") {
				t.Fatalf("an error that names no file: %v", err)
			}
			return
		}
		for _, r := range s.Table.Rows {
			if len(r) != len(s.Table.Header) {
				t.Fatalf("a row of %d fields under %d columns", len(r), len(s.Table.Header))
			}
		}
		// Claim the shard is the whole sweep, 0/1, to reach the join.
		whole := *s.Summary
		whole.Shard = "0/1"
		whole.ShardPoints = nil
		for k := range whole.Points {
			whole.ShardPoints = append(whole.ShardPoints, k)
		}
		s.Summary = &whole
		sum, t2, err := join([]*shard{s}, l)
		if err != nil {
			return
		}
		if sum.Shard != "" || sum.ShardPoints != nil {
			t.Fatal("the joined summary is still a shard's")
		}
		for _, rec := range t2.Rows {
			r, err := output.ParseSweepRow(rec, len(sum.Params))
			if err != nil || r.Point < 0 || r.Point >= sum.Points {
				t.Fatalf("a joined row of point %d (%v)", r.Point, err)
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
