package main

import (
	"caspian/internal/cli"
	"fmt"
	"io"
	"text/tabwriter"
)

func helpCommand() *cli.Command {
	return &cli.Command{
		Name:    "help",
		Args:    "[COMMAND]",
		Summary: "explain sim or one of its commands",
		About: `Without a command, explains what sim does and lists its commands. With
one, explains that command, its flags and gives examples; 'sim help run'
is the same as 'sim run --help'.`,
		Examples: []cli.Example{
			{Cmd: "sim help", What: "the list of commands"},
			{Cmd: "sim help run", What: "how to run a scenario"},
		},
		Exec: execHelp,
	}
}

func execHelp(e *cli.Env, args []string) error {
	pos, err := cli.ParseArgs("help", newFlagSet("help"), args)
	if err != nil {
		return err
	}
	switch len(pos) {
	case 0:
		writeOverview(e.Out)
		return nil
	case 1:
	default:
		return cli.Usagef("help", "help takes one command name, but got %d", len(pos))
	}
	c := program.Lookup(pos[0])
	if c == nil {
		return program.UnknownCommand(pos[0])
	}
	program.WriteHelp(e.Out, c)
	return nil
}

// writeOverview prints the program's help: what it is, its commands and
// a few examples to start from.
func writeOverview(w io.Writer) {
	fmt.Fprint(w, `sim simulates how Azerbaijan balances between Russia and the West.

In a scenario, each state weighs its security, its energy income and its
alignment between the two poles, and every turn chooses an action such as
joining an alliance, backing a pipeline or pressuring a neighbour. sim
runs a scenario and saves tables and plots of how the states' alignments
and interests change.

Usage:
  sim COMMAND [ARGUMENTS] [FLAGS]

Commands:
`)
	tw := tabwriter.NewWriter(w, 0, 0, 3, ' ', 0)
	for _, c := range commands() {
		fmt.Fprintf(tw, "  %s\t%s\n", c.Name, c.Summary)
	}
	tw.Flush()
	fmt.Fprint(w, `
Examples:
`)
	cli.WriteExamples(w, []cli.Example{
		{Cmd: "sim run", What: "run the built-in scenario and save the results in out/"},
		{Cmd: "sim list", What: "see which scenarios come with sim"},
		{Cmd: "sim show azerbaijan-1991 > my.toml", What: "copy a scenario into a file to edit"},
		{Cmd: "sim check my.toml", What: "check your edited file for mistakes"},
		{Cmd: "sim run my.toml --runs 50", What: "run it 50 times with different random draws"},
	})
	fmt.Fprint(w, "\nRun 'sim help COMMAND' (or 'sim COMMAND --help') to learn more about a command.\n")
}
