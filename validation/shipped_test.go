package validation_test

import (
	"context"
	"math"
	"testing"

	"caspian/ensemble"
	"caspian/scenarios"
	"caspian/validation"
)

// The reference validation of the shipped scenario: seed 1, referenceRuns
// runs at its own temperature, at half and at double. Its figures are
// floors: a change to the model or the scenario that breaks the history
// the scenario depicts fails here, and must say so by lowering them.
const (
	referenceRuns = 60
	// scoreFloor is the least share of scored patterns that must hold.
	scoreFloor = 0.80
)

func TestShippedReferenceValidation(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the shipped scenario 180 times")
	}
	sc, _, _, err := scenarios.Open(scenarios.Default)
	if err != nil {
		t.Fatal(err)
	}
	rep, rob, err := validation.ValidateTemperatures(context.Background(), sc, validation.Options{
		Ensemble: ensemble.Options{Seed: 1, Runs: referenceRuns, Workers: 2, Turns: []int{-1}},
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("score %d of %d; largest change with the temperature %.2f (%s)", rep.Score.Held, rep.Score.Scored, rob.Largest, rob.LargestID)
	if got := rep.Score.Share(); !(got >= scoreFloor) {
		var failing []string
		for _, p := range rep.Patterns {
			if p.Scored() && !p.Holds {
				failing = append(failing, p.ID)
			}
		}
		t.Errorf("score %d of %d (%.0f %%), below the floor of %.0f %%; failing: %v",
			rep.Score.Held, rep.Score.Scored, 100*got, 100*scoreFloor, failing)
	}
	if rep.Score.Scored < 25 {
		t.Errorf("%d scored patterns: the record of 1991-2013 needs at least 25", rep.Score.Scored)
	}
	if !rob.Holds() {
		t.Errorf("halving or doubling the temperature moves %s's share of runs by %.0f points, more than %.0f",
			rob.LargestID, 100*rob.Largest, 100*validation.RobustnessLimit)
	}
	for _, m := range rep.Mechanisms {
		if m.PerRun == 0 {
			t.Errorf("mechanism %d (%s) never acted in %d runs", m.Number, m.Name, referenceRuns)
		}
	}
}

// TestPublishedValidationIsCurrent runs the validation that
// docs/validation/default/ holds (200 runs, seed 1) and checks that every
// pattern's share of runs is the one published: the page reports the model
// as it is. scripts/validation rewrites the files after a change.
func TestPublishedValidationIsCurrent(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the shipped scenario 200 times")
	}
	sc, _, _, err := scenarios.Open(scenarios.Default)
	if err != nil {
		t.Fatal(err)
	}
	rep, _, err := validation.Validate(context.Background(), sc, validation.Options{
		Ensemble: ensemble.Options{Seed: 1, Runs: 200, Workers: 2, Turns: []int{-1}},
	})
	if err != nil {
		t.Fatal(err)
	}
	published := map[string]float64{}
	for _, r := range table(t, "default/validation.csv") {
		published[r["id"]] = num(t, r["share_of_runs"])
	}
	if len(published) != len(rep.Patterns) {
		t.Errorf("%d patterns published, %d in the scenario: run scripts/validation", len(published), len(rep.Patterns))
	}
	for _, p := range rep.Patterns {
		want, ok := published[p.ID]
		if !ok {
			t.Errorf("%s is not in docs/validation/default/validation.csv: run scripts/validation", p.ID)
			continue
		}
		if p.Series == nil && math.Abs(p.Share-want) > 1e-9 {
			t.Errorf("%s holds in %v of the runs, the published figure is %v: run scripts/validation", p.ID, p.Share, want)
		}
	}
}
