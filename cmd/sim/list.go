package main

import (
	"caspian/internal/cli"
	"fmt"
	"text/tabwriter"

	"caspian/scenarios"
)

func listCommand() *cli.Command {
	return helpText.Command("list", &cli.Command{
		Exec: execList,
	})
}

func execList(e *cli.Env, args []string) error {
	if err := cli.NoArgs("list", newFlagSet("list"), args); err != nil {
		return err
	}
	entries, err := scenarios.List()
	if err != nil {
		return fmt.Errorf("cannot list the built-in scenarios: %w", err)
	}
	tw := tabwriter.NewWriter(e.Out, 0, 0, 3, ' ', 0)
	for _, en := range entries {
		fmt.Fprintf(tw, "%s\t%s\n", en.Name, en.Title)
	}
	return tw.Flush()
}
