package main

import (
	"flag"
	"fmt"
	"runtime"
	"slices"
	"strings"

	"caspian/internal/cli"
	"caspian/internal/jobs"
	"caspian/output"
	"caspian/scenarios"
)

// batchFlags are the flags of the commands that run a scenario many
// times: the seed, the runs, the cores, the output folder and format, the
// overrides and the limits. Each command words their help for what it
// runs; the rules that check them are the same for all.
type batchFlags struct {
	seed    uint64
	runs    int
	workers int
	out     string
	format  string
	sets    []scenarios.Set
	limits  jobs.Limits
}

// batchHelp is how a command words its batch flags; an empty text takes
// the common wording.
type batchHelp struct {
	seed, runs, workers, out, format, set string
	runsDefault                           int
}

// bind defines the batch flags on fs.
func (b *batchFlags) bind(fs *flag.FlagSet, h batchHelp) {
	or := func(s, common string) string {
		if s == "" {
			return common
		}
		return s
	}
	fs.Uint64Var(&b.seed, "seed", 1, h.seed)
	fs.IntVar(&b.runs, "runs", h.runsDefault, h.runs)
	fs.IntVar(&b.workers, "workers", runtime.NumCPU(), or(h.workers,
		fmt.Sprintf("use `N` processor cores at once; this changes the speed, never the results (default %d)", runtime.NumCPU())))
	fs.StringVar(&b.out, "out", "", h.out)
	fs.StringVar(&b.format, "format", "png", or(h.format, "draw the plot as `FORMAT`: png, svg or pdf (default png)"))
	cli.Repeated(fs, &b.sets, "set", or(h.set, setUsage), scenarios.ParseSet)
	fs.Var(&overlayFlag{sets: &b.sets}, "overlay", overlayUsage)
	limitVar(fs, &b.limits, limitUsage)
}

// check checks command cmd's batch flags as parsed into fs: at least
// minRuns runs (why, if given, says why more than one), no more than the
// runs limit, a core at least, a named --out folder; and it reads the
// format in lower case and checks it.
func (b *batchFlags) check(cmd string, fs *flag.FlagSet, minRuns int, why string) error {
	if err := b.checkCounts(cmd, fs, minRuns, why); err != nil {
		return err
	}
	return b.checkFormat(cmd)
}

// checkCounts is check without the format, for a command with checks of
// its own between the two.
func (b *batchFlags) checkCounts(cmd string, fs *flag.FlagSet, minRuns int, why string) error {
	if why != "" {
		why = ": " + why
	}
	switch limit := b.limits.Runs; {
	case b.runs < minRuns:
		return cli.Usagef(cmd, "--runs must be at least %d, not %d%s", minRuns, b.runs, why)
	case b.runs > limit:
		return cli.Usagef(cmd, "--runs %d is more than the limit of %d runs (raise it with --limit runs=%d)", b.runs, limit, b.runs)
	case b.workers < 1:
		return cli.Usagef(cmd, "--workers must be at least 1, not %d", b.workers)
	case b.out == "" && isSet(fs, "out"):
		return cli.Usagef(cmd, "--out needs a folder name")
	}
	return nil
}

// checkFormat reads the format in lower case and checks it.
func (b *batchFlags) checkFormat(cmd string) error {
	b.format = strings.ToLower(b.format)
	if !slices.Contains(output.Formats(), b.format) {
		return cli.Usagef(cmd, "--format must be one of %s, not %q", strings.Join(output.Formats(), ", "), b.format)
	}
	return nil
}
