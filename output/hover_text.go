package output

import (
	"fmt"
	"math"
	"strings"

	"caspian/sim"
)

// The texts of the tooltips an SVG chart shows (see hotspot). They are
// plain text: line breaks separate lines, and the SVG writer escapes them.

// eventTitle is the tooltip of key event m: its number, date and label,
// who did what to whom, and on an ensemble's chart in how many runs it
// happened.
func eventTitle(sc *sim.Scenario, m marker) string {
	d := m.d
	lines := []string{fmt.Sprintf("Key event %d · %s", m.number, d.Label), eventLabel(d)}
	// The label is the note when there is one; a "note" event says
	// nothing more than its note.
	if strings.TrimSpace(d.Note) != "" && d.Actor != "" && d.Action != "note" {
		lines = append(lines, actionPhrase(sc, d))
	}
	if m.runs > 1 {
		s := fmt.Sprintf("Happened in %d of %d runs (%.0f %%)", m.happened, m.runs, 100*float64(m.happened)/float64(m.runs))
		if d.Source != sim.Scheduled {
			// Such events come at different dates in different runs.
			s += "; the date is run 0's"
		}
		lines = append(lines, s)
	}
	return strings.Join(lines, "\n")
}

// numbersTitle is the tooltip of a label of event numbers, which may
// stand for several events ("12–13"): each event's tooltip.
func numbersTitle(ms []marker, nums []int) string {
	var parts []string
	for _, n := range nums {
		for _, m := range ms {
			if m.number == n {
				parts = append(parts, m.title)
			}
		}
	}
	return strings.Join(parts, "\n\n")
}

// actionPhrase says what d did, with the scenario's names:
// "Azerbaijan: energy coop → United States", ", refused" added when it
// was not done.
func actionPhrase(sc *sim.Scenario, d *sim.Decision) string {
	s := strings.ReplaceAll(d.Action, "_", " ")
	if d.Target != "" {
		s += " → " + entityName(sc, d.Target)
	}
	if d.With != "" && d.With != d.Target {
		s += " (with " + entityName(sc, d.With) + ")"
	}
	if d.Actor != "" {
		s = sc.AgentName(d.Actor) + ": " + s
	}
	if d.Outcome != "" && d.Outcome != sim.Done {
		s += ", " + string(d.Outcome)
	}
	return s
}

// entityName is the display name of an agent, route, conflict,
// institution or agreement id, or the id itself.
func entityName(sc *sim.Scenario, id string) string {
	if sc.Agent(id) != nil {
		return sc.AgentName(id)
	}
	for _, r := range sc.Routes {
		if r.ID == id && r.Name != "" {
			return r.Name
		}
	}
	for _, c := range sc.Conflicts {
		if c.ID == id && c.Name != "" {
			return c.Name
		}
	}
	for _, in := range sc.Institutions {
		if in.ID == id && in.Name != "" {
			return in.Name
		}
	}
	for _, a := range sc.Agreements {
		if a.ID == id && a.Name != "" {
			return a.Name
		}
	}
	return id
}

// points turns a utility gain into the points the game shows (1 point is
// 0.001 of utility), so that tooltips and the game speak alike.
const points = 1000

// decisionText is what a state did and why, in at most two lines: the
// action, then where it came from or, for a choice, the gains by
// interest the state expected (as events.csv lists them) and the chance
// the choice rule gave it.
func decisionText(sc *sim.Scenario, d *sim.Decision) string {
	s := actionPhrase(sc, d)
	if n := strings.TrimSpace(d.Note); n != "" {
		s += " — " + n
	}
	switch d.Source {
	case sim.Scheduled:
		return s + "\n  why: a dated event of the scenario"
	case sim.ByChance:
		return s + "\n  why: drawn by chance (a hazard of the scenario)"
	case sim.ByRule:
		return s + "\n  why: a rule of the model"
	}
	why := fmt.Sprintf("expected gain %s points", signedPoints(d.Gain()))
	var terms []string
	for _, t := range []struct {
		name string
		v    float64
	}{{"security", d.Security}, {"energy", d.Energy}, {"alignment", d.Alignment}, {"conflict", d.Conflict}, {"cost", -d.Cost}} {
		if math.Abs(t.v*points) >= 0.05 {
			terms = append(terms, t.name+" "+signedPoints(t.v))
		}
	}
	if len(terms) > 0 {
		why += " (" + strings.Join(terms, ", ") + ")"
	}
	if d.Source == sim.ByAgent && d.Probability > 0 && d.Probability < 1 {
		why += fmt.Sprintf("; chosen with probability %.0f %%", 100*d.Probability)
	}
	if d.Source == sim.ByPlayer {
		why += "; a player's move"
	}
	return s + "\n  why: " + why
}

// signedPoints writes a utility gain in points with its sign.
func signedPoints(v float64) string {
	return signedText(v*points, 1)
}

// signedText writes v with digits decimals and a sign, the minus a true
// minus as on the axes; zero has no sign.
func signedText(v float64, digits int) string {
	s := fmt.Sprintf("%+.*f", digits, v)
	if strings.Trim(s[1:], "0.") == "" {
		return s[1:]
	}
	return strings.Replace(s, "-", "−", 1)
}
