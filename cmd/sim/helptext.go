package main

import (
	_ "embed"

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
var helpText = cli.MustReadHelp("help.toml", helpTOML)
