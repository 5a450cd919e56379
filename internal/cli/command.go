package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime/debug"
	"strings"

	"caspian/internal/suggest"
)

// Exit statuses.
const (
	ExitOK    = 0
	ExitError = 1 // the command was understood but failed
	ExitUsage = 2 // the command line itself was wrong
	// After a signal, as shells report a program stopped by SIGINT
	// (128 + 2) or SIGTERM (128 + 15).
	ExitInterrupted = 130
	ExitTerminated  = 143
)

// Command is one subcommand: what it is called, how its help reads and
// what it does.
type Command struct {
	Name    string
	Args    string // what follows the name in the usage line
	Summary string // one line for the command list
	About   string // the paragraph that opens its help
	// Sections are further headed lists in the help, such as the files a
	// run saves.
	Sections []Section
	Examples []Example
	// Flags returns the command's flags bound to throwaway values, for the
	// help text; nil for a command without flags.
	Flags func() *flag.FlagSet
	Exec  func(e *Env, args []string) error
}

// Example is one line of a help text's Examples section.
type Example struct{ Cmd, What string }

// Section is a headed list of terms and what they mean.
type Section struct {
	Title string
	Items [][2]string
}

// Env is where a command writes: results to Out, messages to Err.
type Env struct {
	Out, Err io.Writer
}

// Reported means the command has already told the user what went wrong;
// the dispatcher only sets the exit status.
type Reported struct{ Code int }

func (r Reported) Error() string { return fmt.Sprintf("exit status %d", r.Code) }

// Program is a command line: its name, its commands and its overview.
type Program struct {
	Name string
	// Commands lists the subcommands in the order the overview shows
	// them. It is a function because a help command refers back to it.
	Commands func() []*Command
	// Overview writes the program's help: what it is and its commands.
	Overview func(io.Writer)
	// FileCommand is the command that takes a file, and FileNoun what
	// such a file is, for the hint when someone types a file name where
	// a command belongs: "to run a scenario file, type 'sim run x.toml'".
	FileCommand, FileNoun string
}

// Lookup returns the command called name, or nil.
func (p *Program) Lookup(name string) *Command {
	for _, c := range p.Commands() {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// Run is the whole program: it dispatches args to a command and turns
// the outcome into an exit status. It writes only to stdout and stderr,
// so tests call it in-process.
func (p *Program) Run(args []string, stdout, stderr io.Writer) (code int) {
	e := &Env{Out: stdout, Err: stderr}
	defer func() {
		// A bug must not greet the user with a Go stack trace alone; say
		// what happened, then give developers the details.
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "%s: internal error: %v\n", p.Name, r)
			fmt.Fprintf(stderr, "%s: this is a bug in %s; please report it with the command you ran and these details:\n", p.Name, p.Name)
			stderr.Write(debug.Stack())
			code = ExitError
		}
	}()
	if len(args) == 0 {
		p.Overview(stderr)
		return ExitUsage
	}
	name := args[0]
	switch name {
	case "-h", "--help", "-help":
		p.Overview(stdout)
		return ExitOK
	case "--version", "-version":
		name = "version"
	}
	c := p.Lookup(name)
	if c == nil {
		return p.Finish(e, nil, p.UnknownCommand(name))
	}
	return p.Finish(e, c, c.Exec(e, args[1:]))
}

// Finish prints err, if any, and returns the exit status it calls for.
func (p *Program) Finish(e *Env, c *Command, err error) int {
	var (
		rep   Reported
		usage *UsageError
	)
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, ErrHelp):
		p.WriteHelp(e.Out, c)
		return ExitOK
	case errors.As(err, &rep):
		return rep.Code
	case errors.As(err, &usage):
		fmt.Fprintf(e.Err, "%s: %s\n", p.Name, usage.Msg)
		if usage.Cmd != "" {
			fmt.Fprintf(e.Err, "Run '%s help %s' to see how to use it.\n", p.Name, usage.Cmd)
		} else {
			fmt.Fprintf(e.Err, "Run '%s help' to see the commands.\n", p.Name)
		}
		return ExitUsage
	default:
		fmt.Fprintf(e.Err, "%s: %s\n", p.Name, err)
		return ExitError
	}
}

// UnknownCommand explains a first word that is not a command. People
// often type a file straight after the program's name, so that gets its
// own hint.
func (p *Program) UnknownCommand(name string) error {
	if strings.HasPrefix(name, "-") {
		return Usagef("", "%s: flags go after the command, e.g. '%s run %s ...'", name, p.Name, name)
	}
	var names []string
	for _, c := range p.Commands() {
		names = append(names, c.Name)
	}
	if best, ok := suggest.Guess(name, names); ok {
		return Usagef("", "unknown command %q; did you mean %q?", name, best)
	}
	if p.FileCommand != "" && (strings.HasSuffix(name, ".toml") || strings.ContainsAny(name, `/\`)) {
		return Usagef("", "unknown command %q; to %s a %s, type '%s %s %s'", name, p.FileCommand, p.FileNoun, p.Name, p.FileCommand, name)
	}
	return Usagef("", "unknown command %q; the commands are %s", name, strings.Join(names, ", "))
}
