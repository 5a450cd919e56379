package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"

	"caspian/output"
	"caspian/sweep"
)

// sha is the hex SHA-256 of data.
func sha(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// mergeOptions are the flags of sim merge.
type mergeOptions struct{ out string }

func mergeFlags(o *mergeOptions) *flag.FlagSet {
	fs := newFlagSet("merge")
	fs.StringVar(&o.out, "out", "", "save the joined sweep in folder `DIR` (required)")
	return fs
}

func mergeCommand() *command {
	return &command{
		name:    "merge",
		args:    "DIR... --out DIR",
		summary: "join the shards of a sweep run on several machines",
		about: `Joins the output folders of 'sim sweep --shard I/N', one for each of the
N shards, into one folder that is byte for byte what 'sim sweep' would
have written on one machine: sweep.csv with every point in order,
summary.json and the plot. It checks that the shards come from the same
sweep (scenario, design, seed, runs and version) and that none is
missing or given twice.`,
		examples: []example{
			{"sim merge shard-0 shard-1 shard-2 shard-3 --out sweep", "join four shards"},
			{"sim merge results/shard-* --out results/sweep", "the same, with the shell listing the folders"},
		},
		flags: func() *flag.FlagSet { return mergeFlags(new(mergeOptions)) },
		exec:  execMerge,
	}
}

func execMerge(e *env, args []string) error {
	var o mergeOptions
	fs := mergeFlags(&o)
	dirs, err := parseArgs("merge", fs, args)
	if err != nil {
		return err
	}
	switch {
	case o.out == "":
		return usagef("merge", "merge needs --out DIR, the folder to write the joined sweep into")
	case len(dirs) == 0:
		return usagef("merge", "name the shards' folders, e.g. 'sim merge shard-0 shard-1 --out sweep'")
	}
	sum, table, err := mergeShards(dirs)
	if err != nil {
		return err
	}
	if err := checkOut(o.out); err != nil {
		return err
	}
	files, err := output.WriteFiles(o.out, output.SweepFiles(sum, table))
	if err != nil {
		return fmt.Errorf("could not save the joined sweep, and %s was left as it was: %w", o.out, err)
	}
	fmt.Fprintf(e.out, "Joined %d shards of the sweep of %s (%d points) and saved %d files in %s:\n",
		len(dirs), sum.Scenario, sum.Points, len(files), o.out)
	writeFileList(e.out, files, sweepFileNotes)
	writeSweepRange(e.out, sum, table)
	return nil
}

// shardOut is one shard's output.
type shardOut struct {
	dir   string
	sum   *output.SweepSummary
	table *output.SweepTable
	index int
}

// mergeShards reads and checks the shards and joins their tables.
func mergeShards(dirs []string) (*output.SweepSummary, *output.SweepTable, error) {
	var shards []shardOut
	for _, dir := range dirs {
		b, err := os.ReadFile(filepath.Join(dir, "summary.json"))
		if err != nil {
			return nil, nil, fmt.Errorf("%s is not the output of a sweep shard: %w", dir, err)
		}
		sum, err := output.DecodeSweepSummary(b)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: summary.json: %w", dir, err)
		}
		if sum.Shard == "" {
			return nil, nil, fmt.Errorf("%s holds a whole sweep, not a shard (run with --shard I/N)", dir)
		}
		f, err := os.Open(filepath.Join(dir, "sweep.csv"))
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", dir, err)
		}
		table, err := output.ReadSweepTable(f)
		f.Close()
		if err != nil {
			return nil, nil, fmt.Errorf("%s: sweep.csv: %w", dir, err)
		}
		shards = append(shards, shardOut{dir: dir, sum: sum, table: table})
	}
	// Every shard must describe the same sweep but for its slice.
	whole := func(s *output.SweepSummary) []byte {
		c := *s
		c.Shard, c.ShardPoints = "", nil
		b, _ := json.Marshal(c)
		return b
	}
	first := shards[0]
	_, n, err := sweep.ParseShard(first.sum.Shard)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: summary.json: shard %v", first.dir, err)
	}
	seen := make([]string, n)
	for i := range shards {
		s := &shards[i]
		if !bytes.Equal(whole(s.sum), whole(first.sum)) {
			return nil, nil, fmt.Errorf("%s and %s come from different sweeps (scenario, design, seed, runs, settings or version differ)", first.dir, s.dir)
		}
		if !slices.Equal(s.table.Header, first.table.Header) {
			return nil, nil, fmt.Errorf("%s and %s have different sweep.csv columns", first.dir, s.dir)
		}
		idx, m, err := sweep.ParseShard(s.sum.Shard)
		if err != nil || m != n {
			return nil, nil, fmt.Errorf("%s is shard %s, but %s is one of %d", s.dir, s.sum.Shard, first.dir, n)
		}
		if seen[idx] != "" {
			return nil, nil, fmt.Errorf("shard %d/%d is given twice: %s and %s", idx, n, seen[idx], s.dir)
		}
		seen[idx] = s.dir
		s.index = idx
	}
	for idx, dir := range seen {
		if dir == "" {
			return nil, nil, fmt.Errorf("shard %d/%d is missing; every shard from 0/%d to %d/%d is needed", idx, n, n, n-1, n)
		}
	}
	// Each point must come from the shard that owns it, exactly once.
	owner := make([]int, first.sum.Points)
	for k := range owner {
		owner[k] = -1
	}
	type row struct {
		point int
		rec   []string
	}
	var rows []row
	for _, s := range shards {
		for _, k := range s.sum.ShardPoints {
			if k < 0 || k >= len(owner) || k%n != s.index {
				return nil, nil, fmt.Errorf("%s: point %d does not belong to shard %s", s.dir, k, s.sum.Shard)
			}
			owner[k] = s.index
		}
		for _, rec := range s.table.Rows {
			k, err := strconv.Atoi(rec[0])
			if err != nil || k < 0 || k >= len(owner) || owner[k] != s.index {
				return nil, nil, fmt.Errorf("%s: sweep.csv has a row for point %q, which is not this shard's", s.dir, rec[0])
			}
			rows = append(rows, row{k, rec})
		}
	}
	for k, o := range owner {
		if o < 0 {
			return nil, nil, fmt.Errorf("point %d is in no shard's results", k)
		}
	}
	slices.SortStableFunc(rows, func(a, b row) int { return a.point - b.point })
	table := &output.SweepTable{Header: first.table.Header}
	for _, r := range rows {
		table.Rows = append(table.Rows, r.rec)
	}
	sum := *first.sum
	sum.Shard, sum.ShardPoints = "", nil
	return &sum, table, nil
}
