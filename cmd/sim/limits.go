package main

import (
	"caspian/internal/cli"
	"caspian/internal/suggest"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"caspian/exercises"
	"caspian/scenarios"
)

// Limits on what a command's input may hold or ask for. Scenario,
// exercise and saved-game files come from strangers, and a slip of the
// keyboard can ask for a million runs: every limit turns what would be
// an exhausted computer or a run that never ends into a clear message
// saying how to raise it with --limit NAME=N. The scenario limits are
// scenarios.Limits; these are the command's own.
var commandLimits = []scenarios.LimitInfo{
	{Name: "runs", Default: 100000, About: "--runs of run, compare and sweep"},
	{Name: "kept-runs", Default: 2000, About: "runs kept whole in memory: run --keep-runs, play's debrief, and an exercise's variants together (about a third of a megabyte each for azerbaijan-1991)"},
	{Name: "points", Default: 100000, About: "points of a sweep: a grid's levels multiplied, or --points"},
	{Name: "measures", Default: 200, About: "[[measures]] in an exercise file"},
	{Name: "changes", Default: 1000, About: "set and remove entries of an exercise's variants, together"},
	{Name: "shard-bytes", Default: 1 << 30, About: "size of each sweep.csv and summary.json that merge reads (a number of bytes, or with KiB, MiB, GiB)"},
}

// limits are the limits a command applies: the defaults, raised (or
// lowered) by --limit.
type limits struct {
	scenario   scenarios.Limits
	runs       int
	keptRuns   int
	points     int
	measures   int
	changes    int
	shardBytes int64
	// given lists the NAME=N as typed, for summaries and messages.
	given []string
}

// defaultLimits are the limits without any --limit.
func defaultLimits() limits {
	l := limits{scenario: scenarios.DefaultLimits()}
	for _, c := range commandLimits {
		l.set(c.Name, c.Default)
	}
	return l
}

// set changes the limit called name; it reports false for an unknown
// name.
func (l *limits) set(name string, v int64) bool {
	n := int(min(v, 1<<31-1))
	switch name {
	case "runs":
		l.runs = n
	case "kept-runs":
		l.keptRuns = n
	case "points":
		l.points = n
	case "measures":
		l.measures = n
	case "changes":
		l.changes = n
	case "shard-bytes":
		l.shardBytes = v
	default:
		return l.scenario.Set(name, v)
	}
	return true
}

// exercise is the limits an exercise is loaded and run with.
func (l limits) exercise() exercises.Limits {
	return exercises.Limits{Scenario: l.scenario, KeptRuns: l.keptRuns, Measures: l.measures, Changes: l.changes}
}

// limitNames lists every limit's name.
func limitNames() []string {
	var names []string
	for _, x := range scenarios.LimitInfos() {
		names = append(names, x.Name)
	}
	for _, x := range commandLimits {
		names = append(names, x.Name)
	}
	return names
}

// limitFlag is the repeatable --limit NAME=N flag. The zero value holds
// the defaults once get is called.
type limitFlag struct {
	l   limits
	set bool
}

// get returns the limits: the defaults with every --limit applied.
func (f *limitFlag) get() limits {
	if !f.set {
		f.l = defaultLimits()
		f.set = true
	}
	return f.l
}

func (f *limitFlag) String() string {
	if f == nil || !f.set {
		return ""
	}
	return strings.Join(f.l.given, " ")
}

// Set implements flag.Value: each --limit changes one limit.
func (f *limitFlag) Set(v string) error {
	name, value, ok := strings.Cut(v, "=")
	name, value = strings.ToLower(strings.TrimSpace(name)), strings.TrimSpace(value)
	if !ok || name == "" || value == "" {
		return fmt.Errorf("%q: want NAME=N, e.g. --limit agents=500; the limits are %s", v, strings.Join(limitNames(), ", "))
	}
	if !slices.Contains(limitNames(), name) {
		if best, ok := suggest.Guess(name, limitNames()); ok {
			return fmt.Errorf("%q: there is no limit %q; did you mean %q?", v, name, best)
		}
		return fmt.Errorf("%q: there is no limit %q; the limits are %s", v, name, strings.Join(limitNames(), ", "))
	}
	kind := name
	if name == "shard-bytes" {
		kind = "bytes" // sizes take the same units
	}
	n, err := scenarios.ParseLimit(kind, value)
	if err != nil {
		return fmt.Errorf("%s: %v", name, err)
	}
	l := f.get()
	l.set(name, n)
	l.given = append(l.given, name+"="+value)
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
		for _, x := range commandLimits {
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

// overLimit is the message for a count n above the limit called name.
func overLimit(what string, n int, name string, limit int) string {
	return fmt.Sprintf("%d %s is more than the limit of %d (raise it with --limit %s=%d)", n, what, limit, name, n)
}
