package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

	"caspian/internal/suggest"
)

// ErrHelp reports that the user asked for a command's help with -h or
// --help; the caller prints it and exits 0.
var ErrHelp = errors.New("help requested")

// UsageError is a mistake in how a command was typed: an unknown flag, a
// missing or extra argument, a value out of range. It exits with status 2
// and points at the help of the command it belongs to.
type UsageError struct {
	Cmd string // the command whose help explains the fix; "" for the overview
	Msg string
}

func (e *UsageError) Error() string { return e.Msg }

// usagef builds a UsageError for command cmd.
func Usagef(cmd, format string, a ...any) error {
	return &UsageError{Cmd: cmd, Msg: fmt.Sprintf(format, a...)}
}

// NewFlagSet returns an empty flag set for the command typed as name
// ("sim sweep"). It never prints
// or exits on its own: ParseArgs reports every problem itself, in words
// written for people who do not use command lines every day.
func NewFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// ParseArgs sets the flags of fs from args and returns the remaining
// (positional) arguments in order. Unlike flag.FlagSet.Parse it lets
// flags and positional arguments come in any order, because users copy a
// command and add a flag at the end. It accepts -name and --name, with the
// value either after '=' or as the next argument; "--" ends the flags.
func ParseArgs(cmd string, fs *flag.FlagSet, args []string) ([]string, error) {
	if WantsHelp(args) {
		return nil, ErrHelp
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
			return nil, Usagef(cmd, "%q is not a valid flag; flags look like --name or --name=value", a)
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
				return nil, Usagef(cmd, "--%s needs a value: --%s %s", name, name, placeholder(f))
			}
		}
		if err := fs.Set(name, value); err != nil {
			if _, ok := f.Value.(Explainer); ok {
				return nil, Usagef(cmd, "--%s %v", name, err)
			}
			return nil, Usagef(cmd, "--%s: %q is not %s", name, value, wanted(f))
		}
	}
	return pos, nil
}

// Explainer is a flag value whose errors say in full what is wrong with
// the value, so they are shown as they are.
type Explainer interface{ Explains() }

// WantsHelp reports whether -h or --help appears among the flags, so help
// wins over any other mistake on the same line.
func WantsHelp(args []string) bool {
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
		return Usagef(cmd, "unknown flag --%s; did you mean --%s?", name, best)
	}
	if len(names) == 1 {
		return Usagef(cmd, "unknown flag --%s; '%s' takes no flags", name, fs.Name())
	}
	slices.Sort(names)
	return Usagef(cmd, "unknown flag --%s; the flags of '%s' are --%s", name, fs.Name(), strings.Join(names, ", --"))
}

// NoArgs parses the flags of command cmd, which takes no other
// arguments, and refuses any.
func NoArgs(cmd string, fs *flag.FlagSet, args []string) error {
	pos, err := ParseArgs(cmd, fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return Usagef(cmd, "%s takes no arguments, but got %q", cmd, pos[0])
	}
	return nil
}

// Repeated defines a flag that may be given many times: parse reads each
// value, which is added to *list. Its errors say in full what is wrong
// (see Explainer).
func Repeated[T any](fs *flag.FlagSet, list *[]T, name, usage string, parse func(string) (T, error)) {
	fs.Var(&repeated[T]{list: list, parse: parse}, name, usage)
}

// repeated is the value of a Repeated flag.
type repeated[T any] struct {
	list  *[]T
	parse func(string) (T, error)
}

func (r *repeated[T]) String() string {
	if r == nil || r.list == nil {
		return ""
	}
	parts := make([]string, len(*r.list))
	for i, x := range *r.list {
		parts[i] = fmt.Sprint(x)
	}
	return strings.Join(parts, " ")
}

func (r *repeated[T]) Set(v string) error {
	x, err := r.parse(v)
	if err != nil {
		return err
	}
	*r.list = append(*r.list, x)
	return nil
}

func (r *repeated[T]) Explains() {}
