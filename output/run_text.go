package output

import (
	"fmt"
	"io"

	"caspian/sim"
)

// WriteFocal tells in plain words how the focal state of r fared: its
// alignment, security and energy at the start and at the end, averaged
// over runs, each with what its scale means. It writes nothing when r
// has no statistics of the focal state.
func WriteFocal(w io.Writer, r *Report) {
	sc := r.Scenario
	first, last, ok := focalStates(r)
	if !ok {
		return
	}
	cal := r.Stats.Calendar
	mean := ""
	if r.Runs > 1 {
		mean = fmt.Sprintf(", mean of %d runs", r.Runs)
	}
	neg, pos := sc.Axis.Labels()
	energyNote := "supply security: 0 = none, 1 = fully secure"
	if sc.Agent(sc.Focal).EarnsIncome() {
		energyNote = "energy income, billion US dollars a year"
	}
	fmt.Fprintf(w, "\n%s, %s → %s%s:\n", sc.AgentName(sc.Focal), cal[0].Label, cal[len(cal)-1].Label, mean)
	writeRows(w, [][4]string{
		{"alignment", fmt.Sprintf("%+.2f", first.Alignment), fmt.Sprintf("%+.2f", last.Alignment),
			fmt.Sprintf("-1 = %s, +1 = %s", neg, pos)},
		{"security", fmt.Sprintf("%.2f", first.Security), fmt.Sprintf("%.2f", last.Security),
			"0 = defenceless, 1 = fully secure"},
		{"energy", fmt.Sprintf("%.2f", first.Energy), fmt.Sprintf("%.2f", last.Energy), energyNote},
	})
}

// writeRows prints "name  start → end  (note)" rows with the numbers
// right-aligned, so the arrows line up.
func writeRows(w io.Writer, rows [][4]string) {
	var wName, wFrom, wTo int
	for _, r := range rows {
		wName, wFrom, wTo = max(wName, len(r[0])), max(wFrom, len(r[1])), max(wTo, len(r[2]))
	}
	for _, r := range rows {
		fmt.Fprintf(w, "  %-*s  %*s → %*s   (%s)\n", wName, r[0], wFrom, r[1], wTo, r[2], r[3])
	}
}

// focalStates are the focal agent's interests at the first and the last
// recorded turn, averaged over runs.
func focalStates(r *Report) (first, last sim.Interests, ok bool) {
	st := r.Stats
	if st == nil || len(st.Calendar) == 0 {
		return first, last, false
	}
	at := func(turn int) (sim.Interests, bool) {
		var in sim.Interests
		for _, m := range []struct {
			name string
			dst  *float64
		}{{"security", &in.Security}, {"energy", &in.Energy}, {"alignment", &in.Alignment}} {
			c, ok := st.At(turn, r.Scenario.Focal, m.name)
			if !ok || c.N == 0 {
				return in, false
			}
			*m.dst = c.Mean
		}
		return in, true
	}
	first, okA := at(0)
	last, okB := at(len(st.Calendar) - 1)
	return first, last, okA && okB
}
