package main

import (
	"caspian/internal/suggest"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
)

// Exit statuses.
const (
	exitOK    = 0
	exitError = 1 // the command was understood but failed
	exitUsage = 2 // the command line itself was wrong
)

// command is one subcommand of sim: what it is called, how its help
// reads and what it does.
type command struct {
	name    string
	args    string // what follows the name in the usage line
	summary string // one line for the command list
	about   string // the paragraph that opens its help
	// sections are further headed lists in the help, such as the files a
	// run saves.
	sections []section
	examples []example
	// flags returns the command's flags bound to throwaway values, for the
	// help text; nil for a command without flags.
	flags func() *flag.FlagSet
	exec  func(e *env, args []string) error
}

// example is one line of a help text's EXAMPLES section.
type example struct{ cmd, what string }

// section is a headed list of terms and what they mean.
type section struct {
	title string
	items [][2]string
}

// env is where a command writes: results to out, messages to err.
type env struct {
	out, err io.Writer
}

// reported means the command has already told the user what went wrong;
// the dispatcher only sets the exit status.
type reported struct{ code int }

func (r reported) Error() string { return fmt.Sprintf("exit status %d", r.code) }

// commands lists the subcommands in the order the overview shows them.
// It is a function, not a variable, because help refers back to it.
func commands() []*command {
	return []*command{runCommand(), validateCommand(), compareCommand(), sweepCommand(), calibrateCommand(), sensitivityCommand(), mergeCommand(), checkCommand(), listCommand(), showCommand(), playCommand(), exerciseCommand(), newCommand(), schemaCommand(), versionCommand(), helpCommand()}
}

// lookup returns the command called name, or nil.
func lookup(name string) *command {
	for _, c := range commands() {
		if c.name == name {
			return c
		}
	}
	return nil
}

func main() {
	tuneMemory()
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is the whole program: it dispatches args to a command and turns the
// outcome into an exit status. It writes only to stdout and stderr, so
// tests call it in-process.
func run(args []string, stdout, stderr io.Writer) (code int) {
	e := &env{out: stdout, err: stderr}
	defer func() {
		// An engine bug must not greet the user with a Go stack trace
		// alone; say what happened, then give developers the details.
		if p := recover(); p != nil {
			fmt.Fprintf(stderr, "sim: internal error: %v\n", p)
			fmt.Fprintln(stderr, "sim: this is a bug in sim; please report it with the command you ran and these details:")
			stderr.Write(debug.Stack())
			code = exitError
		}
	}()
	if len(args) == 0 {
		writeOverview(stderr)
		return exitUsage
	}
	name := args[0]
	switch name {
	case "-h", "--help", "-help":
		writeOverview(stdout)
		return exitOK
	case "--version", "-version":
		name = "version"
	}
	c := lookup(name)
	if c == nil {
		return finish(e, nil, unknownCommand(name))
	}
	return finish(e, c, c.exec(e, args[1:]))
}

// finish prints err, if any, and returns the exit status it calls for.
func finish(e *env, c *command, err error) int {
	var (
		rep   reported
		usage *usageError
	)
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errHelp):
		writeHelp(e.out, c)
		return exitOK
	case errors.As(err, &rep):
		return rep.code
	case errors.As(err, &usage):
		fmt.Fprintf(e.err, "sim: %s\n", usage.msg)
		if usage.cmd != "" {
			fmt.Fprintf(e.err, "Run 'sim help %s' to see how to use it.\n", usage.cmd)
		} else {
			fmt.Fprintln(e.err, "Run 'sim help' to see the commands.")
		}
		return exitUsage
	default:
		fmt.Fprintf(e.err, "sim: %s\n", err)
		return exitError
	}
}

// unknownCommand explains a first word that is not a command. People
// often type a scenario straight after sim, so that gets its own hint.
func unknownCommand(name string) error {
	if strings.HasPrefix(name, "-") {
		return usagef("", "%s: flags go after the command, e.g. 'sim run %s ...'", name, name)
	}
	var names []string
	for _, c := range commands() {
		names = append(names, c.name)
	}
	if best, ok := suggest.Guess(name, names); ok {
		return usagef("", "unknown command %q; did you mean %q?", name, best)
	}
	if strings.HasSuffix(name, ".toml") || strings.ContainsAny(name, `/\`) {
		return usagef("", "unknown command %q; to run a scenario file, type 'sim run %s'", name, name)
	}
	return usagef("", "unknown command %q; the commands are %s", name, strings.Join(names, ", "))
}
