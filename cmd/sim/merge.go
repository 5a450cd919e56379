package main

import (
	"caspian/internal/cli"
	"caspian/internal/jobs"
	"flag"
)

// mergeOptions are the flags of sim merge.
type mergeOptions struct {
	out    string
	limits jobs.Limits
}

func mergeFlags(o *mergeOptions) *flag.FlagSet {
	fs := newFlagSet("merge")
	fs.StringVar(&o.out, "out", "", "save the joined sweep (or analysis) in folder `DIR` (required)")
	limitVar(fs, &o.limits, limitUsage)
	return fs
}

func mergeCommand() *cli.Command {
	return helpText.Command("merge", &cli.Command{
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
	m := jobs.Merge{Dirs: dirs, Out: o.out, Limits: o.limits}
	if m.AnalysisShards() {
		res, err := jobs.MergeAnalysis(m)
		if err != nil {
			return err
		}
		res.Write(e.Out)
		return nil
	}
	// A signal stops the merge before it writes, and never in the middle
	// of writing.
	ctx := cli.Interruptible()
	defer ctx.Stop()
	res, err := jobs.MergeSweep(ctx, m)
	if err != nil {
		return failed(e, ctx, err, o.out)
	}
	res.Write(e.Out)
	return nil
}
