package output

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"caspian/sim"
)

// maxMarkers is how many key events a plot labels; more would crowd a
// 30-year axis. The rest stay listed in summary.json and events.csv.
const maxMarkers = 12

// marker is a key event as the plots and summary.json number it.
type marker struct {
	number int // 1-based, in order of occurrence in run 0
	d      *sim.Decision
	year   float64 // x position on the plots
	label  string
	shown  bool // labelled on the plots
	// happened is in how many of runs runs the event came about, for an
	// ensemble's tooltips; both are 0 for a single run.
	happened, runs int
	title          string // the tooltip of an SVG chart
}

// keyMarkers numbers the decisions of run 0 marked Key and picks at most
// maxMarkers of them to label on the plots: those that moved the focal
// state most (its alignment from the turn before the event to the turn
// after), ties to the earlier. Run 0 stands for the ensemble because
// dated events happen the same way in every run.
func keyMarkers(r *Report) []marker {
	c := r.Collectors[0]
	years := make(map[int]float64, len(c.snapshots))
	for _, s := range c.snapshots {
		years[s.Turn] = s.Year
	}
	var out []marker
	for i := range c.decisions {
		d := &c.decisions[i]
		if !d.Key {
			continue
		}
		y, ok := years[d.Turn]
		if !ok {
			y = r.Scenario.Calendar.YearFraction(d.Turn)
		}
		m := marker{d: d, year: y, label: r.share(d) + eventLabel(d)}
		if r.Runs > 1 {
			m.happened, m.runs = r.runsWith(d)
		}
		out = append(out, m)
	}
	// The engine reports in time order; sorting anyway keeps the numbers
	// running left to right on the plots whatever the order received.
	slices.SortStableFunc(out, func(a, b marker) int { return cmp.Compare(a.d.Turn, b.d.Turn) })
	for i := range out {
		out[i].number = i + 1
		out[i].title = eventTitle(r.Scenario, out[i])
	}
	focal := focalAlignments(r, c)
	moved := make([]float64, len(out))
	for i := range out {
		moved[i] = focalMove(focal, out[i].d.Turn)
	}
	rank := make([]int, len(out))
	for i := range rank {
		rank[i] = i
	}
	slices.SortStableFunc(rank, func(a, b int) int { return cmp.Compare(moved[b], moved[a]) })
	for _, i := range rank[:min(len(rank), maxMarkers)] {
		out[i].shown = true
	}
	return out
}

// share says, on an ensemble's plots, in how many of its runs a key
// event that is not scheduled happened (a war won): the marker shows run
// 0's, which the other runs may not share. It is "" for a single run and
// for dated events, which happen the same way in every run.
func (r *Report) share(d *sim.Decision) string {
	if r.Runs <= 1 || d.Source == sim.Scheduled {
		return ""
	}
	n, runs := r.runsWith(d)
	if runs == 0 {
		return ""
	}
	// First, so that a label cut short on a crowded plot keeps it.
	return fmt.Sprintf("in %.0f %% of runs: ", 100*float64(n)/float64(runs))
}

// runsWith counts the runs in which the same actor took the same action
// on the same target, from the same source and with the same outcome, as
// in d, and the runs summarised; 0, 0 when the statistics are missing.
func (r *Report) runsWith(d *sim.Decision) (n, runs int) {
	st, err := r.stats()
	if err != nil || st.Runs == 0 {
		return 0, 0
	}
	for _, a := range st.Actions {
		if a.Actor == d.Actor && a.Action == d.Action && a.Target == d.Target && a.Source == d.Source && a.Outcome == d.Outcome {
			n += a.Runs
		}
	}
	return min(n, st.Runs), st.Runs
}

// focalAlignments maps each recorded turn of run c to the focal state's
// alignment.
func focalAlignments(r *Report, c *Collector) map[int]float64 {
	out := make(map[int]float64, len(c.snapshots))
	for i := range c.snapshots {
		s := &c.snapshots[i]
		for _, a := range s.Agents {
			if a.ID == r.Scenario.Focal {
				out[s.Turn] = a.Alignment
			}
		}
	}
	return out
}

// focalMove is how far the focal state's alignment (by turn, focal)
// moved from the turn before turn (or turn itself, for the first) to the
// turn after it (0 where that is missing).
func focalMove(focal map[int]float64, turn int) float64 {
	before, ok1 := focal[turn-1]
	if !ok1 {
		before, ok1 = focal[turn]
	}
	after, ok2 := focal[turn+1]
	if !ok1 || !ok2 {
		return 0
	}
	return math.Abs(after - before)
}

// spread returns up to k indices out of n, evenly spaced and including
// the first and the last.
func spread(n, k int) []int {
	if n <= k {
		idx := make([]int, n)
		for i := range idx {
			idx[i] = i
		}
		return idx
	}
	idx := make([]int, 0, k)
	for i := range k {
		j := (i*(n-1) + (k-1)/2) / (k - 1)
		if len(idx) == 0 || idx[len(idx)-1] != j {
			idx = append(idx, j)
		}
	}
	return idx
}

// eventLabel is the short text a plot shows for d: its note, or else
// "actor action target".
func eventLabel(d *sim.Decision) string {
	if s := strings.TrimSpace(d.Note); s != "" {
		return s
	}
	parts := make([]string, 0, 3)
	for _, p := range []string{d.Actor, strings.ReplaceAll(d.Action, "_", " "), d.Target} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, " ")
}

// shownMarkers returns the markers labelled on the plots.
func shownMarkers(ms []marker) []marker {
	var out []marker
	for _, m := range ms {
		if m.shown {
			out = append(out, m)
		}
	}
	return out
}
