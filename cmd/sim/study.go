package main

import (
	"caspian/internal/cli"
	"caspian/internal/jobs"
	"caspian/internal/journal"
	"caspian/scenarios"
	"fmt"
	"io"
	"os"

	"caspian/patterns"
	"caspian/sim"
	"caspian/study"
	"caspian/sweep"
)

// openPoint opens the scenario s with the values x of params, after the
// common overrides: one point of a calibration or an analysis.
func openPoint(s jobs.Scenario, l jobs.Limits, params paramList, x []float64, common setList) (*sim.Scenario, error) {
	sc, _, _, err := scenarios.OpenWith(s.Arg, scenarios.Options{Limits: l.Scenario, Sets: study.Sets(params, x, common)})
	if err != nil {
		return nil, jobs.ScenarioError(s.Name, err)
	}
	return sc, nil
}

// readObservedFile reads the observed series of --observed FILE.
func readObservedFile(path string) ([]sim.PatternSpec, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("--observed: %w", err)
	}
	defer f.Close()
	return patterns.ReadObserved(io.LimitReader(f, 64<<20), path)
}

// checkRanges checks the --param ranges of a fit or an analysis: a range
// without levels, not empty, each path once.
func checkRanges(cmd string, params paramList) error {
	for i, p := range params {
		if p.Levels != 0 {
			return cli.Usagef(cmd, "--param %s: give a range, PATH=LO:HI, without a number of levels", p.Path)
		}
		if !(p.Lo < p.Hi) {
			return cli.Usagef(cmd, "--param %s: the range %s to %s is empty; write the lower end first", p.Path, sweep.Format(p.Lo), sweep.Format(p.Hi))
		}
		for _, q := range params[:i] {
			if p.Path == q.Path {
				return cli.Usagef(cmd, "--param %s is given twice", p.Path)
			}
		}
	}
	return nil
}

// openWork opens the journal of a long job writing into out: a job
// stopped before is resumed only with --resume, and a --resume with
// nothing to resume says so. what names the job in messages ("analysis").
func openWork(e *cli.Env, out string, h *journal.Header, valid func(journal.Entry) error, resume bool, what string) (*journal.Journal, error) {
	wd := journal.WorkDir(out)
	if _, err := os.Stat(wd); err == nil {
		if !resume {
			return nil, fmt.Errorf("%s holds an unfinished %s into %s: add --resume to the command to finish it, or delete %s to start again", wd, what, out, wd)
		}
		j, _, err := journal.Open(wd, what, h, valid)
		return j, err
	}
	if resume {
		fmt.Fprintf(e.Err, "sim: note: there is no unfinished %s in %s, so it starts from the beginning\n", what, wd)
	}
	j, _, err := journal.Open(wd, what, h, valid)
	return j, err
}
