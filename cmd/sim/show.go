package main

import (
	"flag"
	"fmt"
	"strings"

	"caspian/scenarios"
)

func showCommand() *command {
	return &command{
		name:    "show",
		args:    "NAME [--info]",
		summary: "print a built-in scenario, to read it or copy it into a file",
		about: `Prints the file of a built-in scenario exactly as it ships with sim:
every state, pipeline, conflict, institution and dated event, with
comments on where the numbers come from. Save it into a file to make
your own version of the scenario, edit the file, check it with
'sim check' and run it with 'sim run'. 'sim list' shows the names.

With --info, prints the scenario's teaching notes instead: what it is, how
it works, things to notice and things to try (the layout of NetLogo's Info
tab). --info also reads scenario files.`,
		examples: []example{
			{"sim show azerbaijan-1991", "read the built-in scenario"},
			{"sim show azerbaijan-1991 > my.toml", "copy it into my.toml to edit"},
			{"sim run my.toml", "then run your copy"},
			{"sim show moscow-pressure --info", "read what a scenario is for and what to try with it"},
		},
		flags: func() *flag.FlagSet { return showFlags(new(bool), new(limitFlag)) },
		exec:  execShow,
	}
}

func showFlags(info *bool, l *limitFlag) *flag.FlagSet {
	fs := newFlagSet("show")
	fs.BoolVar(info, "info", false, "print the scenario's teaching notes (what it is, how it works, things to notice, things to try) instead of its file")
	fs.Var(l, "limit", "with --info and a scenario file: "+strings.TrimSuffix(limitUsage, " (see Limits above)")+" (see 'sim help check')")
	return fs
}

func execShow(e *env, args []string) error {
	var info bool
	var l limitFlag
	pos, err := parseArgs("show", showFlags(&info, &l), args)
	if err != nil {
		return err
	}
	switch len(pos) {
	case 0:
		return usagef("show", "show needs the name of a built-in scenario, e.g. 'sim show %s' ('sim list' shows them all)", scenarios.Default)
	case 1:
	default:
		return usagef("show", "show takes one scenario name, but got %d", len(pos))
	}
	if info {
		return showInfo(e, pos[0], l.get())
	}
	data, err := scenarios.Source(pos[0])
	if err != nil {
		return err
	}
	if _, err := e.out.Write(data); err != nil {
		return fmt.Errorf("cannot print %s: %w", pos[0], err)
	}
	return nil
}

// showInfo prints a scenario's teaching notes, wrapped for a terminal.
func showInfo(e *env, arg string, l limits) error {
	s, err := openScenario(arg, nil, l)
	if err != nil {
		return err
	}
	sc, name := s.sc, s.name
	title := sc.Title
	if title == "" {
		title = sc.Name
	}
	fmt.Fprintf(e.out, "%s\n%s\n", title, strings.Repeat("=", min(helpWidth, len([]rune(title)))))
	if d := strings.TrimSpace(sc.Description); d != "" {
		fmt.Fprintf(e.out, "\n%s\n", wrap(d, helpWidth))
	}
	notes := []struct{ head, text string }{
		{"WHAT IS IT?", sc.Info.WhatIsIt},
		{"HOW IT WORKS", sc.Info.HowItWorks},
		{"THINGS TO NOTICE", sc.Info.ThingsToNotice},
		{"THINGS TO TRY", sc.Info.ThingsToTry},
		{"SOURCES", sc.Info.Sources},
	}
	shown := 0
	for _, n := range notes {
		if strings.TrimSpace(n.text) == "" {
			continue
		}
		shown++
		fmt.Fprintf(e.out, "\n%s\n%s\n", n.head, wrap(n.text, helpWidth))
	}
	if shown == 0 {
		fmt.Fprintf(e.out, "\n%s has no teaching notes: add an [info] table with what_is_it, how_it_works,\nthings_to_notice and things_to_try (see docs/scenarios.md).\n", name)
	}
	fmt.Fprintf(e.out, "\nRun it with 'sim run %s'; play it with 'sim play %s'.\n", name, name)
	return nil
}
