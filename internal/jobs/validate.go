package jobs

import (
	"context"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"strconv"
	"strings"

	"caspian/ensemble"
	"caspian/output"
	"caspian/scenarios"
	"caspian/sim"
	"caspian/validation"
)

// Validate is the job of running a scenario many times and scoring it
// against the record it depicts, its [[patterns]] and any observed
// series given besides: what 'sim validate' does.
type Validate struct {
	// Scenario is a scenario file or built-in name; Sets are the
	// overrides applied to it, within Limits.
	Scenario string
	Sets     []scenarios.Set
	Limits   Limits
	Seed     uint64
	Runs     int
	Workers  int
	// Until ends the sample; zero means the end of the record the
	// patterns were built from.
	Until sim.Date
	// Observed is a CSV file of observed yearly series to set against
	// the model too, or "".
	Observed string
	// Robust also runs the ensemble at the other choice temperatures,
	// to show how far each verdict moves with it.
	Robust bool
	// Out is the folder; "" means out/validate- and the scenario's name.
	Out     string
	Format  string
	Version string
}

// ValidateJob is a Validate whose scenario is open, with patterns to
// score and its folder chosen and checked.
type ValidateJob struct {
	Validate
	S     Scenario
	extra []sim.PatternSpec
}

// ValidateResult is what a validation found and saved; Robustness is nil
// unless the job was Robust.
type ValidateResult struct {
	Report     *validation.Report
	Robustness *validation.Robustness
	Run        output.ValidationRun
	Files      []string
}

// Open opens the scenario and the observed series and settles the
// output folder, failing before anything is run when there is nothing
// to score.
func (v Validate) Open() (*ValidateJob, error) {
	s, err := Open(v.Scenario, v.Sets, v.Limits)
	if err != nil {
		return nil, err
	}
	var extra []sim.PatternSpec
	if v.Observed != "" {
		if extra, err = ReadObserved(v.Observed); err != nil {
			return nil, err
		}
	}
	if len(s.Sc.Patterns) == 0 && len(extra) == 0 {
		return nil, fmt.Errorf("%s has no [[patterns]] to validate against: add some (see docs/scenarios.md, Patterns) or pass --observed FILE", s.Name)
	}
	if v.Out == "" {
		v.Out = filepath.Join("out", "validate-"+OutName(v.Scenario, s.Name, s.Sc))
	}
	if err := CheckOut(v.Out); err != nil {
		return nil, err
	}
	return &ValidateJob{Validate: v, S: s, extra: extra}, nil
}

// Total is the number of runs the validation makes, for a progress bar.
func (j *ValidateJob) Total() int {
	if j.Robust {
		return j.Runs * (1 + len(validation.TemperatureFactors))
	}
	return j.Runs
}

// Plan is what the validation is about to do, for a front end's
// progress.
func (j *ValidateJob) Plan() Plan {
	return Plan{Title: "Validating " + j.S.Name, Runs: j.Total(), Todo: j.Total(),
		Say: fmt.Sprintf("Running %s %d times on %d cores; this may take a while...", j.S.Name, j.Total(), min(j.Workers, j.Runs))}
}

// Do runs the ensemble (and with Robust those at the other
// temperatures), telling progress the runs done, scores it and saves the
// validation in j.Out. A cancelled ctx returns an error Interrupted
// recognises and saves nothing.
func (j *ValidateJob) Do(ctx context.Context, progress func(done int)) (*ValidateResult, error) {
	vo := validation.Options{Until: j.Until, Extra: j.extra,
		Ensemble: ensemble.Options{Seed: j.Seed, Runs: j.Runs, Workers: j.Workers, Turns: []int{-1}, Progress: progress}}
	var (
		rep *validation.Report
		rob *validation.Robustness
		err error
	)
	if j.Robust {
		rep, rob, err = validation.ValidateTemperatures(ctx, j.S.Sc, vo)
	} else {
		rep, _, err = validation.Validate(ctx, j.S.Sc, vo)
	}
	if Interrupted(err) {
		return nil, err
	}
	if err != nil {
		return nil, RunFailed(j.S.Name, err, Existing(j.Out))
	}
	run := output.ValidationRun{Scenario: j.S.Name, SHA256: j.S.SHA, Seed: j.Seed, Runs: j.Runs, Version: j.Version,
		Overrides: Overrides(j.Sets), Observed: j.Observed}
	files, err := output.WriteFiles(j.Out, output.ValidationFiles(rep, rob, run, j.S.Sc, j.Format))
	if err != nil {
		return nil, fmt.Errorf("could not save the validation, and %s was left as it was: %w", j.Out, err)
	}
	return &ValidateResult{Report: rep, Robustness: rob, Run: run, Files: files}, nil
}

// ParseShare reads a required score written as a share (0.8) or a
// percentage (80%); a number above 1 is taken as a percentage too.
func ParseShare(s string) (float64, error) {
	pct := strings.HasSuffix(strings.TrimSpace(s), "%")
	v, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(s), "%"), 64)
	if err != nil {
		return 0, errors.New("want a share such as 0.8 or a percentage such as 80%")
	}
	if pct || v > 1 {
		v /= 100
	}
	if !(v >= 0 && v <= 1) {
		return 0, errors.New("want a share from 0 to 1, or a percentage from 0% to 100%")
	}
	return v, nil
}

// BelowRequired is a validation whose score fell below the share
// required of it, so that scripts and continuous integration can fail.
type BelowRequired struct{ Score, Require float64 }

// Error gives both as percentages, as the report shows the score.
func (b BelowRequired) Error() string {
	return fmt.Sprintf("the score, %s, is below the %s required", output.Percent(b.Score), output.Percent(b.Require))
}

// Meets checks the score against require, a share from 0 to 1 or NaN
// for none; it returns a BelowRequired when the score falls short.
func (r *ValidateResult) Meets(require float64) error {
	if score := r.Report.Score.Share(); !math.IsNaN(require) && !(score >= require) {
		return BelowRequired{score, require}
	}
	return nil
}
