package main

import (
	"caspian/internal/cli"
	"fmt"
	"io"
	"text/tabwriter"
)

func helpCommand() *cli.Command {
	return helpText.command("help", &cli.Command{
		Exec: execHelp,
	})
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
	o := helpText.overview
	fmt.Fprintf(w, "%s\n\nUsage:\n  %s %s\n\nCommands:\n", o.About, program.Name, o.Args)
	tw := tabwriter.NewWriter(w, 0, 0, 3, ' ', 0)
	for _, c := range commands() {
		fmt.Fprintf(tw, "  %s\t%s\n", c.Name, c.Summary)
	}
	tw.Flush()
	fmt.Fprint(w, "\nExamples:\n")
	cli.WriteExamples(w, o.Examples)
	fmt.Fprintf(w, "\n%s\n", o.Footer)
}
