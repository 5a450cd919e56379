package jobs

import (
	"caspian/exercises"
	"caspian/internal/suggest"
	"caspian/scenarios"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Limits on what a command's input may hold or ask for. Scenario,
// exercise and saved-game files come from strangers, and a slip of the
// keyboard can ask for a million runs: every limit turns what would be
// an exhausted computer or a run that never ends into a clear message
// saying how to raise it with --limit NAME=N. The scenario limits are
// scenarios.Limits; these are the command's own.
var CommandLimits = []scenarios.LimitInfo{
	{Name: "runs", Default: 100000, About: "--runs of run, compare and sweep"},
	{Name: "kept-runs", Default: 2000, About: "runs kept whole in memory: run --keep-runs, play's debrief, and an exercise's variants together (about a third of a megabyte each for azerbaijan-1991)"},
	{Name: "points", Default: 100000, About: "points of a sweep: a grid's levels multiplied, or --points"},
	{Name: "measures", Default: 200, About: "[[measures]] in an exercise file"},
	{Name: "changes", Default: 1000, About: "set and remove entries of an exercise's variants, together"},
	{Name: "shard-bytes", Default: 1 << 30, About: "size of each sweep.csv and summary.json that merge reads (a number of bytes, or with KiB, MiB, GiB)"},
}

// Limits are the limits a command applies: the defaults, raised (or
// lowered) by --limit.
type Limits struct {
	Scenario   scenarios.Limits
	Runs       int
	KeptRuns   int
	Points     int
	Measures   int
	Changes    int
	ShardBytes int64
	// Given lists the NAME=N as typed, for summaries and messages.
	Given []string
}

// DefaultLimits are the limits without any --limit.
func DefaultLimits() Limits {
	l := Limits{Scenario: scenarios.DefaultLimits()}
	for _, c := range CommandLimits {
		l.SetNamed(c.Name, c.Default)
	}
	return l
}

// SetNamed changes the limit called name; it reports false for an unknown
// name.
func (l *Limits) SetNamed(name string, v int64) bool {
	n := int(min(v, 1<<31-1))
	switch name {
	case "runs":
		l.Runs = n
	case "kept-runs":
		l.KeptRuns = n
	case "points":
		l.Points = n
	case "measures":
		l.Measures = n
	case "changes":
		l.Changes = n
	case "shard-bytes":
		l.ShardBytes = v
	default:
		return l.Scenario.Set(name, v)
	}
	return true
}

// Exercise is the limits an Exercise is loaded and run with.
func (l Limits) Exercise() exercises.Limits {
	return exercises.Limits{Scenario: l.Scenario, KeptRuns: l.KeptRuns, Measures: l.Measures, Changes: l.Changes}
}

// LimitNames lists every limit's name.
func LimitNames() []string {
	var names []string
	for _, x := range scenarios.LimitInfos() {
		names = append(names, x.Name)
	}
	for _, x := range CommandLimits {
		names = append(names, x.Name)
	}
	return names
}

// OverLimit is the message for a count n above the limit called name.
func OverLimit(what string, n int, name string, limit int) string {
	return fmt.Sprintf("%d %s is more than the limit of %d (raise it with --limit %s=%d)", n, what, limit, name, n)
}

// Parse applies one limit written NAME=N, as --limit takes it: NAME is
// any of LimitNames, N a count or, for sizes, a number of bytes with
// KiB, MiB or GiB.
func (l *Limits) Parse(v string) error {
	name, value, ok := strings.Cut(v, "=")
	name, value = strings.ToLower(strings.TrimSpace(name)), strings.TrimSpace(value)
	if !ok || name == "" || value == "" {
		return fmt.Errorf("%q: want NAME=N, e.g. --limit agents=500; the limits are %s", v, strings.Join(LimitNames(), ", "))
	}
	if !slices.Contains(LimitNames(), name) {
		if best, ok := suggest.Guess(name, LimitNames()); ok {
			return fmt.Errorf("%q: there is no limit %q; did you mean %q?", v, name, best)
		}
		return fmt.Errorf("%q: there is no limit %q; the limits are %s", v, name, strings.Join(LimitNames(), ", "))
	}
	kind := name
	if name == "shard-bytes" {
		kind = "bytes" // sizes take the same units
	}
	n, err := scenarios.ParseLimit(kind, value)
	if err != nil {
		return fmt.Errorf("%s: %v", name, err)
	}
	l.SetNamed(name, n)
	l.Given = append(l.Given, name+"="+value)
	return nil
}

// DescribeLimits lists limits with their defaults, as help shows them:
// those on scenario files in one entry if scenario is set, then the
// command limits called names.
func DescribeLimits(scenario bool, names ...string) [][2]string {
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
		for _, x := range CommandLimits {
			if x.Name == name {
				items = append(items, [2]string{x.Name, fmt.Sprintf("%s (default %s)", x.About, formatLimit(x))})
			}
		}
	}
	return items
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

// String lists the limits given, as typed, so that *Limits is the value
// of a repeatable --limit flag.
func (l *Limits) String() string {
	if l == nil {
		return ""
	}
	return strings.Join(l.Given, " ")
}

// Set applies one --limit NAME=N (see Parse).
func (l *Limits) Set(v string) error { return l.Parse(v) }

// Explains marks the errors of Set as saying in full what is wrong.
func (l *Limits) Explains() {}
