package main

import (
	"caspian/internal/cli"
	"caspian/internal/jobs"
	"flag"
	"fmt"
	"strings"

	"caspian/scenarios"
)

func showCommand() *cli.Command {
	return helpText.Command("show", &cli.Command{
		Flags: func() *flag.FlagSet { return showFlags(new(bool), new(limitFlag)) },
		Exec:  execShow,
	})
}

func showFlags(info *bool, l *limitFlag) *flag.FlagSet {
	fs := newFlagSet("show")
	fs.BoolVar(info, "info", false, "print the scenario's teaching notes (what it is, how it works, things to notice, things to try) instead of its file")
	fs.Var(l, "limit", "with --info and a scenario file: "+strings.TrimSuffix(limitUsage, " (see Limits above)")+" (see 'sim help check')")
	return fs
}

func execShow(e *cli.Env, args []string) error {
	var info bool
	var l limitFlag
	pos, err := cli.ParseArgs("show", showFlags(&info, &l), args)
	if err != nil {
		return err
	}
	switch len(pos) {
	case 0:
		return cli.Usagef("show", "show needs the name of a built-in scenario, e.g. 'sim show %s' ('sim list' shows them all)", scenarios.Default)
	case 1:
	default:
		return cli.Usagef("show", "show takes one scenario name, but got %d", len(pos))
	}
	if info {
		return showInfo(e, pos[0], l.get())
	}
	data, err := scenarios.Source(pos[0])
	if err != nil {
		return err
	}
	if _, err := e.Out.Write(data); err != nil {
		return fmt.Errorf("cannot print %s: %w", pos[0], err)
	}
	return nil
}

// showInfo prints a scenario's teaching notes, wrapped for a terminal.
func showInfo(e *cli.Env, arg string, l jobs.Limits) error {
	s, err := jobs.Open(arg, nil, l)
	if err != nil {
		return err
	}
	sc, name := s.Sc, s.Name
	title := sc.Title
	if title == "" {
		title = sc.Name
	}
	fmt.Fprintf(e.Out, "%s\n%s\n", title, strings.Repeat("=", min(cli.HelpWidth, len([]rune(title)))))
	if d := strings.TrimSpace(sc.Description); d != "" {
		fmt.Fprintf(e.Out, "\n%s\n", cli.Wrap(d, cli.HelpWidth))
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
		fmt.Fprintf(e.Out, "\n%s\n%s\n", n.head, cli.Wrap(n.text, cli.HelpWidth))
	}
	if shown == 0 {
		fmt.Fprintf(e.Out, "\n%s has no teaching notes: add an [info] table with what_is_it, how_it_works,\nthings_to_notice and things_to_try (see docs/scenarios.md).\n", name)
	}
	fmt.Fprintf(e.Out, "\nRun it with 'sim run %s'; play it with 'sim play %s'.\n", name, name)
	return nil
}
