package main

import (
	"caspian/internal/cli"
	"caspian/internal/jobs"
	_ "embed"
	"strings"
)

//go:embed starter/starter.toml
var starter string

// schemaFile is the name sim new gives the schema beside a new scenario.
const schemaFile = "scenario.schema.json"

func newCommand() *cli.Command {
	return helpText.Command("new", &cli.Command{
		Exec: execNew,
	})
}

func execNew(e *cli.Env, args []string) error {
	pos, err := cli.ParseArgs("new", newFlagSet("new"), args)
	if err != nil {
		return err
	}
	switch len(pos) {
	case 0:
		return cli.Usagef("new", "new needs a name for the scenario, e.g. 'sim new my-world'")
	case 1:
	default:
		return cli.Usagef("new", "new takes one name, but got %d: %s", len(pos), strings.Join(pos, " "))
	}
	s, ok := jobs.NewStarter(pos[0], starter, schemaFile)
	if !ok {
		return cli.Usagef("new", "%q is not a usable scenario name", pos[0])
	}
	return s.Write(e.Out)
}
