package main

import (
	"caspian/internal/cli"
	_ "embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"caspian/schema"
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
	text := strings.NewReplacer("{{NAME}}", name, "{{FILE}}", path).Replace(starter)
	if err := writeNew(path, []byte(text)); err != nil {
		return err
	}
	fmt.Fprintf(e.Out, "Wrote %s, a starter scenario.\n", path)
	sp := filepath.Join(filepath.Dir(path), schemaFile)
	if _, err := os.Stat(sp); errors.Is(err, fs.ErrNotExist) {
		data, err := schema.JSON()
		if err != nil {
			return err
		}
		if err := writeNew(sp, data); err != nil {
			return err
		}
		fmt.Fprintf(e.Out, "Wrote %s, so that editors check the file as you type.\n", sp)
	}
	fmt.Fprintf(e.Out, "Next: edit it, then 'sim check %s', 'sim run %s' or 'sim play %s'.\n", path, path, path)
	return nil
}

// writeNew creates path with data, refusing to replace a file.
func writeNew(path string, data []byte) error {
	if dir := filepath.Dir(path); dir != "." {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("cannot write %s: %w", path, err)
		}
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s already exists; choose another name (sim new never overwrites a file)", path)
	}
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	return nil
}
