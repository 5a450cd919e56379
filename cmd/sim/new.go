package main

import (
	"caspian/internal/cli"
	"caspian/internal/jobs"
	_ "embed"
	"path/filepath"
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
	path := pos[0]
	if !strings.HasSuffix(path, ".toml") {
		path += ".toml"
	}
	name := strings.TrimSuffix(filepath.Base(path), ".toml")
	if name == "" || strings.ContainsAny(name, `"\`) {
		return cli.Usagef("new", "%q is not a usable scenario name", pos[0])
	}
	return jobs.Starter{Path: path, Name: name, Text: starter, SchemaFile: schemaFile}.Write(e.Out)
}
