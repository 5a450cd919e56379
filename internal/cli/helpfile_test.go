package cli

import (
	"bytes"
	"io"
	"strings"
	"testing"
)

// TestReadHelpRejects checks that ReadHelp refuses a file that is not
// TOML or has a key it does not know, naming the key.
func TestReadHelpRejects(t *testing.T) {
	tests := []struct{ text, want string }{
		{"[run]\nsumary = \"x\"\n", "unknown keys: run.sumary"},
		{"[run]\nexamples = [{ cmd = \"sim run\", wat = \"x\" }]\n", "run.examples.wat"},
		{"[overview]\nsummary = \"x\"\n", "unknown keys: overview.summary"},
		{"[run]\nabout = '''x\n", "help.toml: toml:"},
		{"[run]\nargs = 3\n", "help.toml: [run]:"},
	}
	for _, tt := range tests {
		_, err := ReadHelp("help.toml", tt.text)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ReadHelp(%q): error %v, want one containing %q", tt.text, err, tt.want)
		}
	}
}

// TestHelpAndVersionCommands runs the help and version commands of a
// program whose prose comes from a help file.
func TestHelpAndVersionCommands(t *testing.T) {
	text, err := ReadHelp("test.toml", `
[overview]
about = "prog does things."
args = "COMMAND"
examples = [{ cmd = "prog open x", what = "open x" }]
footer = "Run 'prog help COMMAND'."
[open]
summary = "open a file"
about = "Opens a file."
[help]
summary = "explain prog"
about = "Explains prog."
[version]
summary = "print the version"
about = "Prints the version."
`)
	if err != nil {
		t.Fatal(err)
	}
	var p *Program
	p = &Program{Name: "prog",
		Overview: func(w io.Writer) { p.WriteOverview(w, text.Overview) },
		Commands: func() []*Command {
			return []*Command{text.Command("open", &Command{Exec: func(*Env, []string) error { return nil }}),
				p.HelpCommand(text), p.VersionCommand(text, func() string { return "v9" })}
		}}
	tests := []struct {
		args     []string
		code     int
		out, err string
	}{
		{[]string{"help"}, ExitOK, "prog does things.\n\nUsage:\n  prog COMMAND\n\nCommands:\n  open      open a file\n  help      explain prog\n", ""},
		{[]string{"help"}, ExitOK, "Examples:\n  prog open x", ""},
		{[]string{"help", "open"}, ExitOK, "Usage:\n  prog open\n\nOpens a file.", ""},
		{[]string{"help", "opne"}, ExitUsage, "", `did you mean "open"?`},
		{[]string{"help", "open", "help"}, ExitUsage, "", "help takes one command name, but got 2"},
		{[]string{"version"}, ExitOK, "prog v9 (go", ""},
		{[]string{"version", "now"}, ExitUsage, "", `version takes no arguments, but got "now"`},
	}
	for _, tt := range tests {
		var out, errs bytes.Buffer
		code := p.Run(tt.args, &out, &errs)
		if code != tt.code || !strings.Contains(out.String(), tt.out) || !strings.Contains(errs.String(), tt.err) {
			t.Errorf("%v: exit %d, out %q, err %q; want %d, %q, %q", tt.args, code, out.String(), errs.String(), tt.code, tt.out, tt.err)
		}
	}
}
