package main

import (
	"caspian/internal/cli"
	"caspian/internal/jobs"
	"errors"

	"caspian/sweep"
)

// asUsage presents a job's jobs.UsageError as a mistake in how command
// cmd was typed, and any other error as it is.
func asUsage(cmd string, err error) error {
	var u *jobs.UsageError
	if errors.As(err, &u) {
		return cli.Usagef(cmd, "%s", u.Msg)
	}
	return err
}

// checkRanges checks the --param ranges of a fit or an analysis: a range
// without levels, not empty, each path once.
func checkRanges(cmd string, params []sweep.Param) error {
	for i, p := range params {
		if p.Levels != 0 {
			return cli.Usagef(cmd, "--param %s: give a range, PATH=LO:HI, without a number of levels", p.Path)
		}
		if !(p.Lo < p.Hi) {
			return cli.Usagef(cmd, "--param %s: the range %s to %s is empty; write the lower end first", p.Path, sweep.Format(p.Lo), sweep.Format(p.Hi))
		}
		if err := checkTwice(cmd, params[:i+1]); err != nil {
			return err
		}
	}
	return nil
}

// checkTwice refuses a --param path given twice.
func checkTwice(cmd string, params []sweep.Param) error {
	for i, p := range params {
		for _, q := range params[:i] {
			if p.Path == q.Path {
				return cli.Usagef(cmd, "--param %s is given twice", p.Path)
			}
		}
	}
	return nil
}
