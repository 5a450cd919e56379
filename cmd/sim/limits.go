package main

import (
	"caspian/internal/cli"
	"caspian/internal/jobs"
	"strings"
)

// limitFlag is the repeatable --limit NAME=N flag. The zero value holds
// the defaults once get is called.
type limitFlag struct {
	l   jobs.Limits
	set bool
}

// get returns the limits: the defaults with every --limit applied.
func (f *limitFlag) get() jobs.Limits {
	if !f.set {
		f.l = jobs.DefaultLimits()
		f.set = true
	}
	return f.l
}

func (f *limitFlag) String() string {
	if f == nil || !f.set {
		return ""
	}
	return strings.Join(f.l.Given, " ")
}

// Set implements flag.Value: each --limit changes one limit.
func (f *limitFlag) Set(v string) error {
	l := f.get()
	if err := l.Parse(v); err != nil {
		return err
	}
	f.l = l
	return nil
}

func (f *limitFlag) Explains() {}

// limitUsage is the help text of --limit.
const limitUsage = "raise a limit on what the input may hold or ask for, as `NAME=N`: --limit agents=500, --limit bytes=16MiB; repeat for more (see Limits above)"

// limitSection is the help section listing the limits a command
// applies, with their defaults (see jobs.DescribeLimits).
func limitSection(scenario bool, names ...string) cli.Section {
	return cli.Section{Title: "Limits (raise one with --limit NAME=N)", Items: jobs.DescribeLimits(scenario, names...)}
}
