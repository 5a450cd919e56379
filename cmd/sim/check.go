package main

import (
	"caspian/internal/cli"
	"caspian/internal/jobs"
	"flag"
	"fmt"
)

func checkCommand() *cli.Command {
	return helpText.Command("check", &cli.Command{
		Sections: []cli.Section{limitSection(true)},
		Flags:    func() *flag.FlagSet { return checkFlags(new(jobs.Limits)) },
		Exec:     execCheck,
	})
}

func checkFlags(l *jobs.Limits) *flag.FlagSet {
	fs := newFlagSet("check")
	limitVar(fs, l, limitUsage)
	return fs
}

func execCheck(e *cli.Env, args []string) error {
	var l jobs.Limits
	files, err := cli.ParseArgs("check", checkFlags(&l), args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return cli.Usagef("check", "check needs at least one scenario file, e.g. 'sim check my.toml'")
	}
	bad, problems := 0, 0
	for _, f := range files {
		c := jobs.Check(f, l)
		c.Write(e.Out, e.Err)
		if c.Problems > 0 {
			bad++
			problems += c.Problems
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
