package main

import (
	"caspian/internal/cli"
	"caspian/internal/jobs"
	"fmt"
	"strconv"
	"strings"

	"caspian/scenarios"
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
// applies, with their defaults: those on scenario files in one entry if
// scenario is set, then the command limits called names.
func limitSection(scenario bool, names ...string) cli.Section {
	var items [][2]string
	if scenario {
		var parts []string
		for _, x := range scenarios.LimitInfos() {
			parts = append(parts, x.Name+" "+formatLimit(x))
		}
		items = append(items, [2]string{"scenario files", "a file's size, the nesting of its values, how many of each list it holds and how many turns it runs: " +
			strings.Join(parts, ", ") + " (see docs/scenarios.md)"})
	}
	for _, name := range names {
		for _, x := range jobs.CommandLimits {
			if x.Name == name {
				items = append(items, [2]string{x.Name, fmt.Sprintf("%s (default %s)", x.About, formatLimit(x))})
			}
		}
	}
	return cli.Section{Title: "Limits (raise one with --limit NAME=N)", Items: items}
}

// formatLimit writes a default as it would be typed.
func formatLimit(x scenarios.LimitInfo) string {
	if strings.HasSuffix(x.Name, "bytes") {
		switch {
		case x.Default%(1<<30) == 0:
			return strconv.FormatInt(x.Default>>30, 10) + "GiB"
		case x.Default%(1<<20) == 0:
			return strconv.FormatInt(x.Default>>20, 10) + "MiB"
		}
	}
	return strconv.FormatInt(x.Default, 10)
}
