package main

import (
	"caspian/schema"
)

func schemaCommand() *command {
	return &command{
		name:    "schema",
		summary: "print the JSON Schema of scenario files, for editors",
		about: `Prints a JSON Schema (draft 2020-12) of the scenario format: every table
and key, its type, which keys are required, the allowed values and ranges.
Editors use it to check and complete scenario files as you type. In VS Code
with the Even Better TOML extension (or any editor with the Taplo language
server), save it next to your scenarios and put this line first in a
scenario file:

#:schema ./scenario.schema.json

The schema is made from the same definitions as the checks 'sim check'
makes, so the two agree; 'sim check' also checks what a schema cannot,
such as references to states and dates inside the calendar.`,
		examples: []example{
			{"sim schema > scenario.schema.json", "save the schema next to your scenario files"},
		},
		exec: execSchema,
	}
}

func execSchema(e *env, args []string) error {
	pos, err := parseArgs("schema", newFlagSet("schema"), args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("schema", "schema takes no arguments, but got %q", pos[0])
	}
	data, err := schema.JSON()
	if err != nil {
		return err
	}
	_, err = e.out.Write(data)
	return err
}
