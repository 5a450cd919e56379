package main

import (
	"caspian/internal/cli"
	"caspian/internal/jobs"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"caspian/internal/journal"
	"caspian/output"
	"caspian/scenarios"
	"caspian/sweep"
)

// mergeOptions are the flags of sim merge.
type mergeOptions struct {
	out    string
	limits limitFlag
}

func mergeFlags(o *mergeOptions) *flag.FlagSet {
	fs := newFlagSet("merge")
	fs.StringVar(&o.out, "out", "", "save the joined sweep (or analysis) in folder `DIR` (required)")
	fs.Var(&o.limits, "limit", limitUsage)
	return fs
}

func mergeCommand() *cli.Command {
	return helpText.command("merge", &cli.Command{
		Sections: []cli.Section{limitSection(false, "shard-bytes", "points")},
		Flags:    func() *flag.FlagSet { return mergeFlags(new(mergeOptions)) },
		Exec:     execMerge,
	})
}

func execMerge(e *cli.Env, args []string) error {
	var o mergeOptions
	fs := mergeFlags(&o)
	dirs, err := cli.ParseArgs("merge", fs, args)
	if err != nil {
		return err
	}
	switch {
	case o.out == "":
		return cli.Usagef("merge", "merge needs --out DIR, the folder to write the joined sweep into")
	case len(dirs) == 0:
		return cli.Usagef("merge", "name the shards' folders, e.g. 'sim merge shard-0 shard-1 --out sweep'")
	}
	if _, err := os.Stat(filepath.Join(dirs[0], shardJournal)); err == nil {
		return mergeJournals(e, dirs, o.out)
	}
	// A signal stops the merge before it writes, and never in the middle
	// of writing.
	ctx := cli.Interruptible()
	defer ctx.Stop()
	sum, table, err := mergeShards(dirs, o.limits.get())
	if err != nil {
		return err
	}
	if err := jobs.CheckOut(o.out); err != nil {
		return err
	}
	if ctx.Err() != nil {
		return stopped(e, ctx, jobs.Existing(o.out))
	}
	files, err := output.WriteFiles(o.out, output.SweepFiles(sum, table))
	if err != nil {
		return fmt.Errorf("could not save the joined sweep, and %s was left as it was: %w", o.out, err)
	}
	fmt.Fprintf(e.Out, "Joined %d shards of the sweep of %s (%d points) and saved %d files in %s:\n",
		len(dirs), sum.Scenario, sum.Points, len(files), o.out)
	output.WriteFileList(e.Out, files, sweepFileNotes)
	writeSweepRange(e.Out, sum, table)
	return nil
}

// mergeShards reads, checks and joins the shards of a sweep, naming
// the --limit that refused one.
func mergeShards(dirs []string, l jobs.Limits) (*output.SweepSummary, *output.SweepTable, error) {
	sum, table, err := sweep.Merge(dirs, sweep.Limits{Points: l.Points, ShardBytes: l.ShardBytes})
	var over *sweep.ShardOverLimit
	if errors.As(err, &over) {
		return nil, nil, fmt.Errorf("%s: %s", over.Path, jobs.OverLimit("points", over.Points, "points", over.Limit))
	}
	return sum, table, limitHint(err, "shard-bytes")
}

// limitHint makes a size error name the limit that applies.
func limitHint(err error, name string) error {
	var se *scenarios.Error
	if errors.As(err, &se) && strings.HasPrefix(se.Hint, "raise it with --limit bytes=") {
		c := *se
		c.Hint = strings.Replace(c.Hint, "--limit bytes=", "--limit "+name+"=", 1)
		return &c
	}
	return err
}

// mergeJournals joins the shards of an analysis (sim sensitivity
// --shard), each a points.journal, into the work folder of out, where
// the same command without --shard, with --out out --resume, finds every
// point finished and writes the analysis.
func mergeJournals(e *cli.Env, dirs []string, out string) error {
	wd := journal.WorkDir(out)
	if _, err := os.Stat(wd); err == nil {
		return fmt.Errorf("%s already holds unfinished work: finish it with --resume, or delete it to join the shards again", wd)
	}
	if jobs.Existing(out) != "" {
		return fmt.Errorf("%s exists: join the shards into a new folder", out)
	}
	h, shards, err := journal.JoinShards(dirs, shardJournal, wd)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.Out, "Joined %d shards of the analysis of %s (%d points) into %s.\n", shards, h.Scenario, h.Points, wd)
	fmt.Fprintf(e.Out, "Write the analysis with the same command as the shards, without --shard, with: --out %s --resume\n", out)
	return nil
}
