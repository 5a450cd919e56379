package main

import (
	"caspian/internal/cli"
	"caspian/internal/jobs"
	"errors"
	"flag"
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

// validateOptions are the flags of sim validate.
type validateOptions struct {
	batchFlags
	require  string
	until    string
	observed string
	robust   bool
}

func validateFlags(o *validateOptions) *flag.FlagSet {
	fs := newFlagSet("validate")
	o.bind(fs, batchHelp{
		seed:        "random seed `N` (default 1)",
		runs:        "run the scenario `N` times, 2 or more (at most the runs limit) (default 200)",
		runsDefault: 200,
		out:         "save the validation in folder `DIR` (default: out/validate- and the scenario's name)",
		format:      "draw the plots as `FORMAT`: png, svg or pdf (default png)",
	})
	fs.StringVar(&o.require, "require", "", "exit with status 1 when fewer than `SCORE` of the scored patterns hold: a share (0.8) or a percentage (80%)")
	fs.StringVar(&o.until, "until", "", "end the sample at `DATE`: patterns whose window ends later are shown but not scored (default 2013-12, the end of the record used to build the patterns)")
	fs.StringVar(&o.observed, "observed", "", "also set the observed yearly series in CSV `FILE` against the model: columns agent, metric, year, observed (the layout of series.csv)")
	fs.BoolVar(&o.robust, "robustness", false, "also run the ensemble with the choice temperature halved and doubled, and report how far each pattern's share of runs moves (3 times the runs)")
	return fs
}

func validateCommand() *cli.Command {
	return helpText.Command("validate", &cli.Command{
		Sections: []cli.Section{{Title: "Files saved", Items: output.WithPNG(output.ValidationFileNotes())}, limitSection(true, "runs")},
		Flags:    func() *flag.FlagSet { return validateFlags(new(validateOptions)) },
		Exec:     execValidate,
	})
}

func execValidate(e *cli.Env, args []string) error {
	var o validateOptions
	fs := validateFlags(&o)
	pos, err := cli.ParseArgs("validate", fs, args)
	if err != nil {
		return err
	}
	if err := o.check("validate", fs, 2, "shares of runs need several runs"); err != nil {
		return err
	}
	require := math.NaN()
	if o.require != "" {
		if require, err = parseShare(o.require); err != nil {
			return cli.Usagef("validate", "--require %q: %v", o.require, err)
		}
	}
	var until sim.Date
	if o.until != "" {
		if until, err = sim.ParseDate(o.until); err != nil {
			return cli.Usagef("validate", "--until: %v", err)
		}
	}
	arg, err := scenarioArg("validate", pos, scenarios.Default)
	if err != nil {
		return err
	}
	return validateScenario(e, arg, o, require, until)
}

// parseShare reads a share written as 0.8 or 80%.
func parseShare(s string) (float64, error) {
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

// belowRequired is the failure of a validation whose score is below
// --require; its message is the last line the command prints.
type belowRequired struct{ score, require float64 }

func (b belowRequired) Error() string {
	return fmt.Sprintf("the score, %s, is below the %s required", output.Percent(b.score), output.Percent(b.require))
}

// validateScenario runs the scenario named by arg, scores it against its
// record and saves the validation.
func validateScenario(e *cli.Env, arg string, o validateOptions, require float64, until sim.Date) error {
	s, err := jobs.Open(arg, o.sets, o.limits.get())
	if err != nil {
		return err
	}
	var extra []sim.PatternSpec
	if o.observed != "" {
		if extra, err = readObservedFile(o.observed); err != nil {
			return err
		}
	}
	if len(s.Sc.Patterns) == 0 && len(extra) == 0 {
		return fmt.Errorf("%s has no [[patterns]] to validate against: add some (see docs/scenarios.md, Patterns) or pass --observed FILE", s.Name)
	}
	if o.out == "" {
		o.out = filepath.Join("out", "validate-"+jobs.OutName(arg, s.Name, s.Sc))
	}
	if err := jobs.CheckOut(o.out); err != nil {
		return err
	}
	ctx := cli.Interruptible()
	defer ctx.Stop()
	vo := validation.Options{Until: until, Extra: extra}
	rep, rob, err := runValidation(e, ctx, s, o, vo)
	if err != nil {
		return err
	}
	run := output.ValidationRun{Scenario: s.Name, SHA256: s.SHA, Seed: o.seed, Runs: o.runs, Version: version(),
		Overrides: o.sets.strings(), Observed: o.observed}
	names, err := output.WriteFiles(o.out, output.ValidationFiles(rep, rob, run, s.Sc, o.format))
	if err != nil {
		return fmt.Errorf("could not save the validation, and %s was left as it was: %w", o.out, err)
	}
	fmt.Fprintf(e.Out, "Validated %s against its record (%s, seed %d; history forced until %s) and saved %d files in %s:\n",
		s.Name, plural(o.runs, "run"), o.seed, rep.HistoryUntil, len(names), o.out)
	output.WriteFileList(e.Out, names, output.ValidationFileNotes())
	fmt.Fprintln(e.Out)
	output.WriteValidationText(e.Out, rep)
	if rob != nil {
		output.WriteRobustnessText(e.Out, rob)
	}
	if !math.IsNaN(require) && !(rep.Score.Share() >= require) {
		fmt.Fprintf(e.Err, "sim: %s\n", belowRequired{rep.Score.Share(), require})
		return cli.Reported{Code: cli.ExitError}
	}
	return nil
}

// runValidation runs the ensemble of s, and with --robustness those at
// the other temperatures, and scores them; rob is nil without
// --robustness.
func runValidation(e *cli.Env, ctx *cli.Interruption, s jobs.Scenario, o validateOptions, vo validation.Options) (rep *validation.Report, rob *validation.Robustness, err error) {
	total := o.runs
	if o.robust {
		total *= 1 + len(validation.TemperatureFactors)
	}
	bar := cli.NewProgress(e, total, "Validating "+s.Name)
	announce(e, bar, total, "Running %s %d times on %d cores; this may take a while...", s.Name, total, min(o.workers, o.runs))
	cnt := &cli.Counter{P: bar}
	vo.Ensemble = ensemble.Options{Seed: o.seed, Runs: o.runs, Workers: o.workers, Turns: []int{-1}, Progress: cnt.Step(total)}
	if o.robust {
		rep, rob, err = validation.ValidateTemperatures(ctx, s.Sc, vo)
	} else {
		rep, _, err = validation.Validate(ctx, s.Sc, vo)
	}
	bar.Close()
	if jobs.Interrupted(err) {
		return nil, nil, stopped(e, ctx, o.out)
	}
	if err != nil {
		return nil, nil, jobs.RunFailed(s.Name, err, jobs.Existing(o.out))
	}
	return rep, rob, nil
}
