package play

import (
	"cmp"
	"slices"

	"caspian/output"
	"caspian/patterns"
	"caspian/sim"
)

// milestone is a dated decision of the scenario's own record after its
// forced history (calendar.history_until): the engine does not apply it,
// so whether and when it happens in a game is up to the player and the
// other states.
type milestone struct {
	Date string // the turn's label, "1999-Q2"
	Text string
	rec  patterns.Record
}

// applicable lists the record of sc after its forced history that a
// debrief shows: the labelled events and every decision of the player's
// own, in date order (file order within a turn). The unlabelled rest are
// mostly each party's part in a project the record labels once.
func applicable(sc *sim.Scenario, player string) ([]milestone, error) {
	c, err := patterns.Compile(sc)
	if err != nil {
		return nil, err
	}
	var out []milestone
	for _, r := range c.Records() {
		if r.Label == "" && r.Actor != player {
			continue
		}
		text := r.Label
		if text == "" {
			text = Describe(sc, r.Action, r.Target) // the player's own
		}
		out = append(out, milestone{Date: sc.Calendar.Label(r.Turn), Text: text, rec: r})
	}
	slices.SortStableFunc(out, func(a, b milestone) int { return cmp.Compare(a.rec.Turn, b.rec.Turn) })
	return out, nil
}

// when returns the label of the first turn in which m happened in run c
// by a state's own choice (a coup by chance), or "" if it never did.
func (m milestone) when(c *output.Collector) string {
	for _, d := range c.Decisions() {
		if d.Action != m.rec.Action || d.Target != m.rec.Target || (m.rec.Actor != "" && d.Actor != m.rec.Actor) {
			continue
		}
		switch {
		case m.rec.Action == "coup":
			if d.Source == sim.ByChance && (m.rec.Outcome == "" || d.Outcome == m.rec.Outcome) {
				return d.Label
			}
		case (d.Source == sim.ByAgent || d.Source == sim.ByPlayer) && d.Outcome != "refused":
			return d.Label
		}
	}
	return ""
}

// unga is Azerbaijan's agreement with Russia and with the United States
// in UN General Assembly roll calls, in percent of the votes both cast,
// 1992-2013: data/unga_agreement_by_year.csv, computed from Voeten's UN
// roll-call data (UNVotes 2021 release, as packaged in the R package
// unvotes). Agreement is an identical vote (yes, abstain or no).
var unga = []struct {
	year       int
	russia, us float64
}{
	{1992, 58.5, 25.8}, {1993, 52.7, 21.8}, {1994, 51.7, 28.3}, {1995, 64.3, 25.7},
	{1996, 73.8, 28.8}, {1997, 76.3, 35.5}, {1998, 73, 29.3}, {1999, 67.1, 28.9},
	{2000, 79.2, 31.5}, {2001, 78.9, 15.5}, {2002, 73.7, 11.9}, {2003, 80, 15.3},
	{2004, 81.9, 12}, {2005, 81.5, 14}, {2006, 78.6, 13.3}, {2007, 82.7, 6.1},
	{2008, 76, 14.6}, {2009, 80.3, 25}, {2010, 77.4, 25.3}, {2011, 80.2, 36.5},
	{2012, 70.5, 28.2}, {2013, 67.9, 14.3},
}

// ungaIndex is the relative index (US − Russia) / (US + Russia) of
// Azerbaijan's UN votes by mid-year: a signal of direction over time,
// not a value on the model's axis (the US votes against the majority on
// many recurring resolutions, so agreement with it is low for most
// states).
func ungaIndex() (years, values []float64) {
	for _, u := range unga {
		years = append(years, float64(u.year)+0.5)
		values = append(values, (u.us-u.russia)/(u.us+u.russia))
	}
	return years, values
}
