package main

import (
	"fmt"

	"caspian/scenarios"
)

func showCommand() *command {
	return &command{
		name:    "show",
		args:    "NAME",
		summary: "print a built-in scenario, to read it or copy it into a file",
		about: `Prints the file of a built-in scenario exactly as it ships with sim:
every state, pipeline, conflict, institution and dated event, with
comments on where the numbers come from. Save it into a file to make
your own version of the scenario, edit the file, check it with
'sim check' and run it with 'sim run'. 'sim list' shows the names.`,
		examples: []example{
			{"sim show azerbaijan-1991", "read the built-in scenario"},
			{"sim show azerbaijan-1991 > my.toml", "copy it into my.toml to edit"},
			{"sim run my.toml", "then run your copy"},
		},
		exec: execShow,
	}
}

func execShow(e *env, args []string) error {
	pos, err := parseArgs("show", newFlagSet("show"), args)
	if err != nil {
		return err
	}
	switch len(pos) {
	case 0:
		return usagef("show", "show needs the name of a built-in scenario, e.g. 'sim show %s' ('sim list' shows them all)", scenarios.Default)
	case 1:
	default:
		return usagef("show", "show takes one scenario name, but got %d", len(pos))
	}
	data, err := scenarios.Source(pos[0])
	if err != nil {
		return err
	}
	if _, err := e.out.Write(data); err != nil {
		return fmt.Errorf("cannot print %s: %w", pos[0], err)
	}
	return nil
}
