package scenarios

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"caspian/sim"
)

// Limits bound what a scenario file may hold. Scenario files are written
// by students and shared between strangers, so the loader treats them as
// untrusted: nothing a file says may make the program allocate without
// bound or run for ever. Each limit has a default far above what any
// real scenario needs (the shipped azerbaijan-1991 has 11 agents, 19
// routes, about 80 events, 137 turns and is 60 KB); a field left at zero
// takes its default.
//
// The size of the file and the nesting of its values are checked before
// the file is parsed at all, and the number of [[agents]], [[routes]]...
// tables is counted before anything is decoded, so a file over a limit
// costs next to nothing to refuse.
type Limits struct {
	// Bytes is the largest file, in bytes.
	Bytes int64
	// Depth is how deeply arrays and tables may nest, and how many parts
	// a dotted key ("a.b.c") may have. The format itself never needs
	// more than 5.
	Depth int
	// The most entries of each list.
	Agents, Routes, Conflicts, Institutions, Agreements, Events, Hazards, Culture, Relations int
	// Turns is the most turns the calendar may have.
	Turns int
	// SeriesPoints is the most years one yearly series may list.
	SeriesPoints int
}

// DefaultLimits are the limits Parse and Open apply.
func DefaultLimits() Limits {
	var l Limits
	for _, d := range limitTable {
		d.set(&l, d.Default)
	}
	return l
}

// LimitInfo describes one limit for help texts and for --limit.
type LimitInfo struct {
	Name    string // as typed after --limit: "agents"
	Default int64
	About   string // what it bounds, for help texts
}

// limitDef is one field of Limits: its name, default and how to reach it.
type limitDef struct {
	LimitInfo
	get func(Limits) int64
	set func(*Limits, int64)
}

// count builds the limitDef of an int field.
func count(name string, def int64, about string, f func(*Limits) *int) limitDef {
	return limitDef{LimitInfo{name, def, about},
		func(l Limits) int64 { return int64(*f(&l)) },
		func(l *Limits, v int64) { *f(l) = int(min(v, math.MaxInt32)) }}
}

// limitTable lists every limit, in the order help shows them.
var limitTable = []limitDef{
	{LimitInfo{"bytes", 4 << 20, "size of a scenario, exercise or saved-game file (a number of bytes, or with KiB, MiB, GiB)"},
		func(l Limits) int64 { return l.Bytes }, func(l *Limits, v int64) { l.Bytes = v }},
	count("depth", 32, "how deeply lists and tables may nest in a file, and how many parts a dotted key may have", func(l *Limits) *int { return &l.Depth }),
	count("agents", 200, "[[agents]] in a scenario", func(l *Limits) *int { return &l.Agents }),
	count("routes", 2000, "[[routes]] in a scenario", func(l *Limits) *int { return &l.Routes }),
	count("conflicts", 200, "[[conflicts]] in a scenario", func(l *Limits) *int { return &l.Conflicts }),
	count("institutions", 200, "[[institutions]] in a scenario", func(l *Limits) *int { return &l.Institutions }),
	count("agreements", 500, "[[agreements]] in a scenario", func(l *Limits) *int { return &l.Agreements }),
	count("events", 100000, "[[events]] in a scenario", func(l *Limits) *int { return &l.Events }),
	count("hazards", 1000, "[[hazards]] in a scenario", func(l *Limits) *int { return &l.Hazards }),
	count("culture", 20000, "[[culture]] ties in a scenario", func(l *Limits) *int { return &l.Culture }),
	count("relations", 20000, "[[relations]] in a scenario", func(l *Limits) *int { return &l.Relations }),
	count("turns", 10000, "turns of a scenario's calendar", func(l *Limits) *int { return &l.Turns }),
	count("series", 1000, "years listed in one yearly series", func(l *Limits) *int { return &l.SeriesPoints }),
}

// LimitInfos lists the scenario limits in the order help shows them.
func LimitInfos() []LimitInfo {
	out := make([]LimitInfo, len(limitTable))
	for i, d := range limitTable {
		out[i] = d.LimitInfo
	}
	return out
}

// Get returns the limit called name, its default if unset, and whether
// there is a limit of that name.
func (l Limits) Get(name string) (int64, bool) {
	l = l.withDefaults()
	for _, d := range limitTable {
		if d.Name == name {
			return d.get(l), true
		}
	}
	return 0, false
}

// Set changes the limit called name; it reports false for a name that is
// not a scenario limit.
func (l *Limits) Set(name string, v int64) bool {
	for _, d := range limitTable {
		if d.Name == name {
			d.set(l, v)
			return true
		}
	}
	return false
}

// withDefaults fills the fields left at zero (or below) with their
// defaults.
func (l Limits) withDefaults() Limits {
	for _, d := range limitTable {
		if d.get(l) <= 0 {
			d.set(&l, d.Default)
		}
	}
	return l
}

// lists are the top-level lists of tables a scenario has, with the limit
// on each.
func (l Limits) lists() []struct {
	name  string
	limit int
} {
	return []struct {
		name  string
		limit int
	}{
		{"agents", l.Agents}, {"routes", l.Routes}, {"conflicts", l.Conflicts},
		{"institutions", l.Institutions}, {"agreements", l.Agreements}, {"events", l.Events},
		{"hazards", l.Hazards}, {"culture", l.Culture}, {"relations", l.Relations},
	}
}

// listLimit is the limit on the top-level list name, or 0 for a name that
// is not a limited list.
func (l Limits) listLimit(name string) int {
	for _, x := range l.lists() {
		if x.name == name {
			return x.limit
		}
	}
	return 0
}

// listLen is the length of sc's list called name.
func listLen(sc *sim.Scenario, name string) int {
	switch name {
	case "agents":
		return len(sc.Agents)
	case "routes":
		return len(sc.Routes)
	case "conflicts":
		return len(sc.Conflicts)
	case "institutions":
		return len(sc.Institutions)
	case "agreements":
		return len(sc.Agreements)
	case "events":
		return len(sc.Events)
	case "hazards":
		return len(sc.Hazards)
	case "culture":
		return len(sc.Culture)
	case "relations":
		return len(sc.Relations)
	}
	return 0
}

// ParseLimit reads the value of --limit NAME=VALUE: a whole number, above
// zero, for bytes with an optional KiB, MiB or GiB (or K, M, G) after it.
func ParseLimit(name, value string) (int64, error) {
	s := strings.TrimSpace(value)
	mult := int64(1)
	if name == "bytes" {
		up := strings.ToUpper(s)
		for _, u := range []struct {
			suffix string
			mult   int64
		}{{"KIB", 1 << 10}, {"MIB", 1 << 20}, {"GIB", 1 << 30}, {"KB", 1 << 10}, {"MB", 1 << 20}, {"GB", 1 << 30},
			{"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}, {"B", 1}} {
			if strings.HasSuffix(up, u.suffix) {
				s, mult = strings.TrimSpace(s[:len(s)-len(u.suffix)]), u.mult
				break
			}
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 1 {
		if name == "bytes" {
			return 0, fmt.Errorf("%q is not a size: write a whole number of bytes, or one with KiB, MiB or GiB (8MiB)", value)
		}
		return 0, fmt.Errorf("%q is not a whole number above zero", value)
	}
	if n > math.MaxInt64/mult {
		return 0, fmt.Errorf("%q is too large", value)
	}
	return n * mult, nil
}

// FormatBytes writes a size for messages: "812 bytes", "60.4 KiB",
// "4 MiB".
func FormatBytes(n int64) string {
	switch {
	case n < 1<<10:
		return strconv.FormatInt(n, 10) + " bytes"
	case n < 1<<20:
		return trimZero(float64(n)/(1<<10)) + " KiB"
	case n < 1<<30:
		return trimZero(float64(n)/(1<<20)) + " MiB"
	}
	return trimZero(float64(n)/(1<<30)) + " GiB"
}

func trimZero(x float64) string {
	return strings.TrimSuffix(strconv.FormatFloat(x, 'f', 1, 64), ".0")
}

// raiseBytes is the --limit bytes value that admits n bytes: whole MiB
// above a MiB, so the hint is easy to type.
func raiseBytes(n int64) string {
	if n > 1<<20 {
		return strconv.FormatInt((n+1<<20-1)>>20, 10) + "MiB"
	}
	return strconv.FormatInt(n, 10)
}

// TooLarge is the problem with a file over the size limit; the caller
// knows the size before reading the file.
func TooLarge(file string, size, limit int64) *Error {
	return &Error{File: file,
		Problem: fmt.Sprintf("the file is %s, more than the limit of %s", FormatBytes(size), FormatBytes(limit)),
		Hint:    "raise it with --limit bytes=" + raiseBytes(size)}
}

// overLimit is the problem with n things where limit are allowed.
func overLimit(what, name string, n, limit int) (problem, hint string) {
	return fmt.Sprintf("%d %s is more than the limit of %d", n, what, limit),
		fmt.Sprintf("raise it with --limit %s=%d", name, n)
}
