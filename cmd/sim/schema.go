package main

import (
	"caspian/internal/cli"
	"caspian/schema"
)

func schemaCommand() *cli.Command {
	return helpText.Command("schema", &cli.Command{
		Exec: execSchema,
	})
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
