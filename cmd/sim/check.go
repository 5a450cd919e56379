package main

import (
	"caspian/internal/cli"
	"caspian/internal/jobs"
	"errors"
	"flag"
	"fmt"

	"caspian/scenarios"
)

func checkCommand() *cli.Command {
	return helpText.Command("check", &cli.Command{
		Sections: []cli.Section{limitSection(true)},
		Flags:    func() *flag.FlagSet { return checkFlags(new(limitFlag)) },
		Exec:     execCheck,
	})
}

func checkFlags(l *limitFlag) *flag.FlagSet {
	fs := newFlagSet("check")
	fs.Var(l, "limit", limitUsage)
	return fs
}

func execCheck(e *cli.Env, args []string) error {
	var l limitFlag
	files, err := cli.ParseArgs("check", checkFlags(&l), args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return cli.Usagef("check", "check needs at least one scenario file, e.g. 'sim check my.toml'")
	}
	bad, problems := 0, 0
	for _, f := range files {
		if n := checkFile(e, f, l.get()); n > 0 {
			bad++
			problems += n
		}
	}
	switch {
	case bad == 0:
		return nil
	case len(files) == 1 && problems == 1:
		fmt.Fprintf(e.Err, "sim: found 1 problem in %s\n", files[0])
	case len(files) == 1:
		fmt.Fprintf(e.Err, "sim: found %d problems in %s\n", problems, files[0])
	default:
		fmt.Fprintf(e.Err, "sim: %d of %d files have problems\n", bad, len(files))
	}
	return cli.Reported{Code: cli.ExitError}
}

// checkFile reports on one file and returns how many problems it has.
func checkFile(e *cli.Env, arg string, l jobs.Limits) int {
	sc, data, name, err := scenarios.OpenWith(arg, scenarios.Options{Limits: l.Scenario})
	if err == nil {
		fmt.Fprintf(e.Out, "%s: ok (%d agents, %d turns)\n", name, len(sc.Agents), sc.Calendar.Turns())
		// Settings that are valid but do nothing: almost always a slip.
		for _, w := range scenarios.Warnings(name, data, sc) {
			fmt.Fprintf(e.Out, "warning: %s\n", w.Error())
		}
		return 0
	}
	var list scenarios.ErrorList
	if !errors.As(err, &list) {
		var one *scenarios.Error
		if errors.As(err, &one) && one.File != "" {
			// A file too large to read, or not a file: FILE: problem.
			fmt.Fprintln(e.Err, one.Error())
			return 1
		}
		// A file that cannot be read or found has no line to point at.
		fmt.Fprintf(e.Err, "sim: %s\n", err)
		return 1
	}
	// The messages already start with FILE:LINE, the form editors and
	// instructors' handouts recognise, so they are printed as they are.
	fmt.Fprintln(e.Err, list.Error())
	return len(list.Unwrap())
}
