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
		Flags: func() *flag.FlagSet { return showFlags(new(bool), new(jobs.Limits)) },
		Exec:  execShow,
	})
}

func showFlags(info *bool, l *jobs.Limits) *flag.FlagSet {
	fs := newFlagSet("show")
	fs.BoolVar(info, "info", false, "print the scenario's teaching notes (what it is, how it works, things to notice, things to try) instead of its file")
	limitVar(fs, l, "with --info and a scenario file: "+strings.TrimSuffix(limitUsage, " (see Limits above)")+" (see 'sim help check')")
	return fs
}

func execShow(e *cli.Env, args []string) error {
	var info bool
	var l jobs.Limits
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
		notes, err := jobs.ScenarioInfo(pos[0], l)
		if err != nil {
			return err
		}
		notes.Write(e.Out, cli.HelpWidth, cli.Wrap)
		return nil
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
