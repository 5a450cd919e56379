package scenarios

import (
	"fmt"
	"slices"

	"caspian/sim"

	"github.com/BurntSushi/toml"
)

// Warnings lists the settings of a scenario that passed its checks but
// cannot affect a run, each placed on its line like an error: a sphere on
// a state that is not a pole (only a pole's is read), an ideal on a pole
// (a pole's alignment is fixed), and a dated leave during the forced
// history by a state that is not a member then (it does nothing). A
// setting that does nothing is almost always a mistake in the file: the
// author meant something else.
func Warnings(filename string, data []byte, sc *sim.Scenario) []*Error {
	ix := IndexLines(string(data))
	var tree map[string]any
	if _, err := toml.Decode(string(data), &tree); err != nil {
		tree = nil // the paths then keep their places
	}
	var out []*Error
	add := func(path, problem, hint string) {
		out = append(out, &Error{File: filename, Line: ix.Line(path), Field: displayPath(tree, path), Problem: problem, Hint: hint})
	}
	poles := append(slices.Clone(sc.Axis.NegativePoles), sc.Axis.PositivePoles...)
	for i, a := range sc.Agents {
		path := fmt.Sprintf("agents[%d]", i+1)
		pole := slices.Contains(poles, a.ID)
		if len(a.Sphere) > 0 && !pole {
			add(path+".sphere", fmt.Sprintf("has no effect: only a pole's sphere is read, and %s is not a pole", a.ID),
				"list "+a.ID+" in axis.negative_poles or axis.positive_poles, or delete sphere")
		}
		if a.Ideal != nil && pole {
			add(path+".ideal", fmt.Sprintf("has no effect: %s is a pole, whose alignment is fixed at its end of the axis", a.ID),
				"delete ideal")
		}
	}
	// Memberships through the forced history, event by event in date
	// order: a leave by a state that is not a member then does nothing.
	member := map[[2]string]bool{}
	for _, in := range sc.Institutions {
		for _, id := range in.Members {
			member[[2]string{in.ID, id}] = true
		}
	}
	order := make([]int, len(sc.Events))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		da, db := sc.Events[a].Date, sc.Events[b].Date
		switch {
		case da.Before(db):
			return -1
		case db.Before(da):
			return 1
		}
		return 0
	})
	cal := sc.Calendar
	decideFrom := cal.DecideFrom()
	for _, i := range order {
		e := &sc.Events[i]
		// As the engine does: the record is applied before history_until
		// and in the first turn; later, only events marked always.
		t := cal.TurnOf(e.Date)
		if !e.Always && t != 0 && t >= decideFrom {
			continue
		}
		key := [2]string{e.Target, e.Actor}
		switch e.Kind {
		case "join":
			member[key] = true
		case "leave":
			if !member[key] {
				add(fmt.Sprintf("events[%d]", i+1), fmt.Sprintf("has no effect: %s is not a member of %s on %s", e.Actor, e.Target, e.Date),
					"check the date, or the join that should come before it")
			}
			member[key] = false
		}
	}
	return out
}
