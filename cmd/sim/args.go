package main

import (
	"caspian/internal/suggest"
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
)

// errHelp reports that the user asked for a command's help with -h or
// --help; the caller prints it and exits 0.
var errHelp = errors.New("help requested")

// usageError is a mistake in how a command was typed: an unknown flag, a
// missing or extra argument, a value out of range. It exits with status 2
// and points at the help of the command it belongs to.
type usageError struct {
	cmd string // the command whose help explains the fix; "" for the overview
	msg string
}

func (e *usageError) Error() string { return e.msg }

// usagef builds a usageError for command cmd.
func usagef(cmd, format string, a ...any) error {
	return &usageError{cmd: cmd, msg: fmt.Sprintf(format, a...)}
}

// newFlagSet returns an empty flag set for command cmd. It never prints
// or exits on its own: parseArgs reports every problem itself, in words
// written for people who do not use command lines every day.
func newFlagSet(cmd string) *flag.FlagSet {
	fs := flag.NewFlagSet("sim "+cmd, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// parseArgs sets the flags of fs from args and returns the remaining
// (positional) arguments in order. Unlike flag.FlagSet.Parse it lets
// flags and positional arguments come in any order, because users copy a
// command and add a flag at the end. It accepts -name and --name, with the
// value either after '=' or as the next argument; "--" ends the flags.
func parseArgs(cmd string, fs *flag.FlagSet, args []string) ([]string, error) {
	if wantsHelp(args) {
		return nil, errHelp
	}
	var pos []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return append(pos, args[i+1:]...), nil
		}
		if a == "-" || !strings.HasPrefix(a, "-") {
			pos = append(pos, a)
			continue
		}
		name, value, hasValue := strings.Cut(trimDashes(a), "=")
		if name == "" || strings.HasPrefix(name, "-") {
			return nil, usagef(cmd, "%q is not a valid flag; flags look like --name or --name=value", a)
		}
		f := fs.Lookup(name)
		if f == nil {
			return nil, unknownFlag(cmd, name, fs)
		}
		if !hasValue {
			if isSwitch(f) {
				value = "true"
			} else if i+1 < len(args) {
				i++
				value = args[i]
			} else {
				return nil, usagef(cmd, "--%s needs a value: --%s %s", name, name, placeholder(f))
			}
		}
		if err := fs.Set(name, value); err != nil {
			if _, ok := f.Value.(explainer); ok {
				return nil, usagef(cmd, "--%s %v", name, err)
			}
			return nil, usagef(cmd, "--%s: %q is not %s", name, value, wanted(f))
		}
	}
	return pos, nil
}

// explainer is a flag value whose errors say in full what is wrong with
// the value, so they are shown as they are.
type explainer interface{ explains() }

// wantsHelp reports whether -h or --help appears among the flags, so help
// wins over any other mistake on the same line.
func wantsHelp(args []string) bool {
	for _, a := range args {
		if a == "--" {
			return false
		}
		switch a {
		case "-h", "--h", "-help", "--help":
			return true
		}
	}
	return false
}

// trimDashes removes the one or two dashes that start a flag.
func trimDashes(a string) string {
	return strings.TrimPrefix(strings.TrimPrefix(a, "-"), "-")
}

// isSwitch reports whether f is an on/off flag that takes no value.
func isSwitch(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// wanted describes the values flag f accepts, for error messages.
func wanted(f *flag.Flag) string {
	g, ok := f.Value.(flag.Getter)
	if !ok {
		return "a valid value"
	}
	switch g.Get().(type) {
	case int, int64:
		return "a whole number"
	case uint, uint64:
		return "a whole number (0 or more)"
	case bool:
		return "true or false"
	}
	return "a valid value"
}

// placeholder is a sample value for flag f, taken from the placeholder its
// usage text names.
func placeholder(f *flag.Flag) string {
	name, _ := flag.UnquoteUsage(f)
	return name
}

// unknownFlag explains a flag that cmd does not have, suggesting the
// nearest one or else listing them all.
func unknownFlag(cmd, name string, fs *flag.FlagSet) error {
	names := []string{"help"}
	fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	if best, ok := suggest.Guess(name, names); ok {
		return usagef(cmd, "unknown flag --%s; did you mean --%s?", name, best)
	}
	if len(names) == 1 {
		return usagef(cmd, "unknown flag --%s; 'sim %s' takes no flags", name, cmd)
	}
	slices.Sort(names)
	return usagef(cmd, "unknown flag --%s; the flags of 'sim %s' are --%s", name, cmd, strings.Join(names, ", --"))
}
