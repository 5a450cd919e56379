package main

import (
	"flag"
	"io"
	"os"

	"caspian/internal/cli"
)

// program is sim's command line.
var program = &cli.Program{Name: "sim", FileCommand: "run", FileNoun: "scenario file"}

// The commands and the overview refer back to program (help lists the
// commands), so they join it once the package is initialised.
func init() {
	program.Commands = commands
	program.Overview = func(w io.Writer) { program.WriteOverview(w, helpText.Overview) }
}

// commands lists the subcommands in the order the overview shows them.
// It is a function, not a variable, because help refers back to it.
func commands() []*cli.Command {
	return []*cli.Command{runCommand(), validateCommand(), compareCommand(), sweepCommand(), calibrateCommand(), sensitivityCommand(), mergeCommand(), checkCommand(), listCommand(), showCommand(), playCommand(), serveCommand(), exerciseCommand(), newCommand(), schemaCommand(), program.VersionCommand(helpText, version), program.HelpCommand(helpText)}
}

func main() {
	tuneMemory()
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is the whole program; tests call it in-process.
func run(args []string, stdout, stderr io.Writer) int { return program.Run(args, stdout, stderr) }

// newFlagSet returns an empty flag set for sim's command cmd.
func newFlagSet(cmd string) *flag.FlagSet { return cli.NewFlagSet(program.Name + " " + cmd) }
