package study

import (
	"errors"
	"strconv"

	"caspian/calibrate"
	"caspian/output"
	"caspian/scenarios"
	"caspian/sim"
	"caspian/sweep"
)

// Sets are the overrides of a point: the common ones, then the values x
// of params, written in full so that the run gets exactly the value the
// study tried.
func Sets(params []sweep.Param, x []float64, common []scenarios.Set) []scenarios.Set {
	sets := append([]scenarios.Set(nil), common...)
	for i, p := range params {
		sets = append(sets, scenarios.Set{Path: p.Path, Value: strconv.FormatFloat(x[i], 'g', -1, 64)})
	}
	return sets
}

// BoxOf is the box the ranges of params span. calibrate.Box and
// sensitivity.Problem have the same fields, so it converts to either.
func BoxOf(params []sweep.Param) calibrate.Box {
	var b calibrate.Box
	for _, p := range params {
		b.Names = append(b.Names, p.Path)
		b.Lo, b.Hi = append(b.Lo, p.Lo), append(b.Hi, p.Hi)
	}
	return b
}

// Ranges are the ranges of params as summaries and journals record them.
func Ranges(params []sweep.Param) []output.SweepParam {
	var out []output.SweepParam
	for _, p := range params {
		out = append(out, output.SweepParam{Path: p.Path, Lo: p.Lo, Hi: p.Hi})
	}
	return out
}

// Opener opens the scenario with the values x of a study's box.
type Opener func(x []float64) (*sim.Scenario, error)

// CheckCorners opens the scenario at the lower and the upper corner of
// box: every point is a scenario checked like a file, so a range the
// model refuses stops a study before anything runs.
func CheckCorners(box calibrate.Box, open Opener) error {
	for _, corner := range [][]float64{box.Lo, box.Hi} {
		if _, err := open(corner); err != nil {
			return err
		}
	}
	return nil
}

// Start is where a calibration starts one value.
type Start struct {
	Param sweep.Param
	Value float64
	// Unset: the scenario leaves the value unset, so it starts at the
	// middle of its range. Outside: the scenario's value lies outside the
	// range; the search starts inside it all the same.
	Unset, Outside bool
}

// FindStarts finds where each value of params starts: where the scenario
// sc (read from data, with the overrides sets) has it, or the middle of
// its range if the scenario leaves it unset. On an error it returns the
// starts found before it.
func FindStarts(params []sweep.Param, sc *sim.Scenario, data []byte, sets []scenarios.Set) ([]Start, error) {
	var starts []Start
	for _, p := range params {
		v, err := scenarios.NumberAt(sc, data, sets, p.Path)
		s := Start{Param: p, Value: v}
		switch {
		case errors.Is(err, scenarios.ErrNotSet):
			s.Value, s.Unset = (p.Lo+p.Hi)/2, true
		case err != nil:
			return starts, err
		case v < p.Lo || v > p.Hi:
			s.Outside = true
		}
		starts = append(starts, s)
	}
	return starts, nil
}
