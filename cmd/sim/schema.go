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
	if err := cli.NoArgs("schema", newFlagSet("schema"), args); err != nil {
		return err
	}
	data, err := schema.JSON()
	if err != nil {
		return err
	}
	_, err = e.Out.Write(data)
	return err
}
