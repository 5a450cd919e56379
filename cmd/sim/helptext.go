package main

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

	"caspian/internal/cli"
)

// helpTOML is the prose of sim's help: the overview, and each command's
// usage, summary, opening paragraphs and examples. It lives in a text file
// so that writers and translators can edit it without reading Go; the file
// explains its own layout.
//
//go:embed help.toml
var helpTOML string

// helpText is help.toml, read once. The file is part of the program, so a
// mistake in it is a bug: reading panics, and the tests catch it first.
var helpText = mustReadHelp(helpTOML)

// commandHelp is a command's table in help.toml.
type commandHelp struct {
	Args     string
	Summary  string
	About    string
	Examples []cli.Example
}

// overviewHelp is the [overview] table of help.toml.
type overviewHelp struct {
	About    string
	Args     string
	Examples []cli.Example
	Footer   string
}

// helpFile is the whole of help.toml.
type helpFile struct {
	overview overviewHelp
	commands map[string]commandHelp // by command name
}

// readHelp reads the text of help.toml: the [overview] table and one table
// per command. A key it does not know is an error, so that a misspelt key
// is not silently ignored. Each about loses the blank lines and spaces
// around it, such as the line break before its closing quotes.
func readHelp(text string) (*helpFile, error) {
	var tables map[string]toml.Primitive
	md, err := toml.Decode(text, &tables)
	if err != nil {
		return nil, fmt.Errorf("help.toml: %w", err)
	}
	h := &helpFile{commands: make(map[string]commandHelp)}
	for name, p := range tables {
		if name == "overview" {
			err = md.PrimitiveDecode(p, &h.overview)
			h.overview.About = strings.TrimSpace(h.overview.About)
		} else {
			var c commandHelp
			err = md.PrimitiveDecode(p, &c)
			c.About = strings.TrimSpace(c.About)
			h.commands[name] = c
		}
		if err != nil {
			return nil, fmt.Errorf("help.toml: [%s]: %w", name, err)
		}
	}
	if keys := md.Undecoded(); len(keys) > 0 {
		names := make([]string, len(keys))
		for i, k := range keys {
			names[i] = k.String()
		}
		slices.Sort(names)
		return nil, fmt.Errorf("help.toml: unknown keys: %s", strings.Join(names, ", "))
	}
	return h, nil
}

// mustReadHelp is readHelp for the embedded file, which must be right.
func mustReadHelp(text string) *helpFile {
	h, err := readHelp(text)
	if err != nil {
		panic(err)
	}
	return h
}

// command returns c named name, with its usage, summary, opening
// paragraphs and examples from the [name] table of help.toml. c holds what
// Go computes: the sections (files saved, limits), the flags and what the
// command does.
func (h *helpFile) command(name string, c *cli.Command) *cli.Command {
	t := h.commands[name]
	c.Name, c.Args, c.Summary, c.About, c.Examples = name, t.Args, t.Summary, t.About, t.Examples
	return c
}
