package main

import (
	"caspian/internal/cli"
	"caspian/internal/jobs"
	"flag"
)

// limitVar defines --limit on fs, starting from the default limits.
func limitVar(fs *flag.FlagSet, l *jobs.Limits, usage string) {
	*l = jobs.DefaultLimits()
	fs.Var(l, "limit", usage)
}

// limitUsage is the help text of --limit.
const limitUsage = "raise a limit on what the input may hold or ask for, as `NAME=N`: --limit agents=500, --limit bytes=16MiB; repeat for more (see Limits above)"

// limitSection is the help section listing the limits a command
// applies, with their defaults (see jobs.DescribeLimits).
func limitSection(scenario bool, names ...string) cli.Section {
	return cli.Section{Title: "Limits (raise one with --limit NAME=N)", Items: jobs.DescribeLimits(scenario, names...)}
}
