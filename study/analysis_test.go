package study

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"caspian/internal/journal"
	"caspian/sweep"
)

// TestShardsShareTheDesign draws the same design on every shard and
// gives each point to exactly one of them.
func TestShardsShareTheDesign(t *testing.T) {
	params := []sweep.Param{{Path: "a", Lo: -1, Hi: 1}, {Path: "b", Lo: 0, Hi: 2}}
	for _, method := range []string{"morris", "sobol"} {
		t.Run(method, func(t *testing.T) {
			whole := &Analysis{Params: params, Method: method, Samples: DefaultSamples(method), Seed: 3, Labels: []string{"score"}}
			if err := whole.Design(); err != nil {
				t.Fatal(err)
			}
			if whole.Mine() != len(whole.Points) {
				t.Fatalf("unsharded, %d of %d points are this machine's", whole.Mine(), len(whole.Points))
			}
			owners := make([]int, len(whole.Points))
			total := 0
			for i := range 3 {
				shard := *whole
				shard.Shard = fmt.Sprintf("%d/3", i)
				if err := shard.Design(); err != nil {
					t.Fatal(err)
				}
				if !slices.EqualFunc(shard.Points, whole.Points, slices.Equal[[]float64]) {
					t.Fatalf("shard %d drew another design", i)
				}
				for k := range shard.Points {
					row := [][]string{make([]string, len(shard.Header()))}
					if shard.ValidEntry(journal.Entry{Point: k, Rows: row}) == nil {
						owners[k]++
					}
				}
				total += shard.Mine()
			}
			for k, n := range owners {
				if n != 1 {
					t.Errorf("point %d belongs to %d shards", k, n)
				}
			}
			if total != len(whole.Points) {
				t.Errorf("the shards run %d points, the design has %d", total, len(whole.Points))
			}
		})
	}
}

// TestDesignRefusesAnEmptyRange passes the design's own complaint on.
func TestDesignRefusesAnEmptyRange(t *testing.T) {
	a := &Analysis{Params: []sweep.Param{{Path: "a", Lo: 1, Hi: 1}}, Method: "morris", Samples: 4}
	if err := a.Design(); err == nil || !strings.Contains(err.Error(), "empty") {
		t.Errorf("error %v, want one about the empty range", err)
	}
}
