package study

import (
	"fmt"
	"strconv"

	"caspian/calibrate"
	"caspian/output"
	"caspian/scenarios"
)

// FittedOverlay is fitted.set: the fitted values of res, six digits
// each, with comments that say how they were fitted and how well (check,
// the misfits of the start and the fit).
func (c *Calibration) FittedOverlay(res *calibrate.Result, check []output.MisfitRow) []byte {
	comments := []string{
		fmt.Sprintf("Values fitted by sim calibrate to the patterns of %s that end by %s", c.Scenario, c.Split.Until),
		fmt.Sprintf("(%d candidates of %d runs each, seed %d). Misfit, start -> fit:", len(res.Trace), c.Runs, c.Seed),
	}
	for _, m := range check {
		comments = append(comments, "  "+m.Sentence())
	}
	comments = append(comments, "Apply with: sim run --overlay fitted.set (or compare, sweep, validate).")
	var sets []scenarios.Set
	for i, p := range c.Params {
		sets = append(sets, scenarios.Set{Path: p.Path, Value: strconv.FormatFloat(res.Best.X[i], 'g', 6, 64)})
	}
	return scenarios.WriteOverlay(comments, sets)
}
