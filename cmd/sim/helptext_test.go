package main

import (
	"strings"
	"testing"

	"caspian/internal/cli"
)

// TestHelpFile checks help.toml against the commands: every command has
// its table with a summary, an about and examples, and every table but
// [overview] belongs to a command, so that a misspelt or forgotten table
// fails here rather than printing an empty help.
func TestHelpFile(t *testing.T) {
	h, err := cli.ReadHelp("help.toml", helpTOML)
	if err != nil {
		t.Fatal(err)
	}
	o := h.Overview
	if o.About == "" || o.Args == "" || o.Footer == "" || len(o.Examples) == 0 {
		t.Errorf("help.toml: [overview] needs about, args, examples and footer")
	}
	checkExamples(t, "overview", o.Examples)
	known := make(map[string]bool)
	for _, c := range commands() {
		known[c.Name] = true
		e, ok := h.Commands[c.Name]
		switch {
		case !ok:
			t.Errorf("help.toml has no [%s] table for the command %s", c.Name, c.Name)
			continue
		case e.Summary == "" || e.About == "":
			t.Errorf("help.toml: [%s] needs a summary and an about", c.Name)
		case strings.Contains(e.Summary, "\n") || strings.Contains(e.Args, "\n"):
			t.Errorf("help.toml: [%s]: args and summary must be one line", c.Name)
		case len(e.Examples) == 0:
			t.Errorf("help.toml: [%s] has no examples", c.Name)
		}
		checkExamples(t, c.Name, e.Examples)
	}
	for name := range h.Commands {
		if !known[name] {
			t.Errorf("help.toml: [%s] is not a command of sim (misspelt?)", name)
		}
	}
}

// checkExamples checks that every example is a sim command that says what
// it does.
func checkExamples(t *testing.T, table string, examples []cli.Example) {
	t.Helper()
	for _, ex := range examples {
		if !strings.HasPrefix(ex.Cmd, "sim ") && ex.Cmd != "sim" || ex.What == "" {
			t.Errorf("help.toml: [%s]: example %q: cmd must be a sim command and what must say what it does", table, ex.Cmd)
		}
	}
}
