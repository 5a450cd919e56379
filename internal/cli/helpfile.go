package cli

import (
	"fmt"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
)

// CommandHelp is a command's table in a help file.
type CommandHelp struct {
	Args     string
	Summary  string
	About    string
	Examples []Example
}

// OverviewHelp is the [overview] table of a help file: what the program
// is, its usage, examples to start from and a closing line.
type OverviewHelp struct {
	About    string
	Args     string
	Examples []Example
	Footer   string
}

// HelpFile is a program's help prose, kept in a TOML file so that
// writers and translators can edit it without reading Go: an [overview]
// table and one table per command, with its usage, summary, opening
// paragraphs and examples.
type HelpFile struct {
	Overview OverviewHelp
	Commands map[string]CommandHelp // by command name
}

// ReadHelp reads the help file called name: the [overview] table and one
// table per command. A key it does not know is an error, so that a misspelt key
// is not silently ignored. Each about loses the blank lines and spaces
// around it, such as the line break before its closing quotes.
func ReadHelp(name, text string) (*HelpFile, error) {
	var tables map[string]toml.Primitive
	md, err := toml.Decode(text, &tables)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	h := &HelpFile{Commands: make(map[string]CommandHelp)}
	for table, p := range tables {
		if table == "overview" {
			err = md.PrimitiveDecode(p, &h.Overview)
			h.Overview.About = strings.TrimSpace(h.Overview.About)
		} else {
			var c CommandHelp
			err = md.PrimitiveDecode(p, &c)
			c.About = strings.TrimSpace(c.About)
			h.Commands[table] = c
		}
		if err != nil {
			return nil, fmt.Errorf("%s: [%s]: %w", name, table, err)
		}
	}
	if keys := md.Undecoded(); len(keys) > 0 {
		names := make([]string, len(keys))
		for i, k := range keys {
			names[i] = k.String()
		}
		slices.Sort(names)
		return nil, fmt.Errorf("%s: unknown keys: %s", name, strings.Join(names, ", "))
	}
	return h, nil
}

// MustReadHelp is ReadHelp for a file embedded in the program, which must
// be right: a mistake in it is a bug, which the program's tests catch.
func MustReadHelp(name, text string) *HelpFile {
	h, err := ReadHelp(name, text)
	if err != nil {
		panic(err)
	}
	return h
}

// Command returns c named name, with its usage, summary, opening
// paragraphs and examples from the file's [name] table. c holds what
// Go computes: the sections (files saved, limits), the flags and what the
// command does.
func (h *HelpFile) Command(name string, c *Command) *Command {
	t := h.Commands[name]
	c.Name, c.Args, c.Summary, c.About, c.Examples = name, t.Args, t.Summary, t.About, t.Examples
	return c
}
