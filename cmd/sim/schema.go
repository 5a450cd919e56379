package main

import (
	"caspian/internal/cli"
	"caspian/schema"
)

func schemaCommand() *cli.Command {
	return &cli.Command{
		Name:    "schema",
		Summary: "print the JSON Schema of scenario files, for editors",
		About: `Prints a JSON Schema (draft 2020-12) of the scenario format: every table
and key, its type, which keys are required, the allowed values and ranges.
Editors use it to check and complete scenario files as you type. In VS Code
with the Even Better TOML extension (or any editor with the Taplo language
server), save it next to your scenarios and put this line first in a
scenario file:

#:schema ./scenario.schema.json

The schema is made from the same definitions as the checks 'sim check'
makes, so the two agree; 'sim check' also checks what a schema cannot,
such as references to states and dates inside the calendar.`,
		Examples: []cli.Example{
			{Cmd: "sim schema > scenario.schema.json", What: "save the schema next to your scenario files"},
		},
		Exec: execSchema,
	}
}

func execSchema(e *cli.Env, args []string) error {
	pos, err := cli.ParseArgs("schema", newFlagSet("schema"), args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return cli.Usagef("schema", "schema takes no arguments, but got %q", pos[0])
	}
	data, err := schema.JSON()
	if err != nil {
		return err
	}
	_, err = e.Out.Write(data)
	return err
}
