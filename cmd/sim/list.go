package main

import (
	"fmt"
	"text/tabwriter"

	"caspian/scenarios"
)

func listCommand() *command {
	return &command{
		name:    "list",
		summary: "list the scenarios built into sim",
		about: `Lists the scenarios that come with sim, one per line: the name to type
and the title. Run one with 'sim run NAME', or copy it into a file to
edit with 'sim show NAME > FILE'.`,
		examples: []example{
			{"sim list", "list the built-in scenarios"},
		},
		exec: execList,
	}
}

func execList(e *env, args []string) error {
	pos, err := parseArgs("list", newFlagSet("list"), args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("list", "list takes no arguments, but got %q", pos[0])
	}
	entries, err := scenarios.List()
	if err != nil {
		return fmt.Errorf("cannot list the built-in scenarios: %w", err)
	}
	tw := tabwriter.NewWriter(e.out, 0, 0, 3, ' ', 0)
	for _, en := range entries {
		fmt.Fprintf(tw, "%s\t%s\n", en.Name, en.Title)
	}
	return tw.Flush()
}
