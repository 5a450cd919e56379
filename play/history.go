package play

import (
	"caspian/output"
	"caspian/sim"
)

// milestone is a dated fact of history that a game can be held against:
// an action a state took, a route opening, a war ending.
type milestone struct {
	Date   string // "1999-04"
	Text   string
	Source string // the row of data/events.csv it comes from
	// What to look for in a run: an action (Actor, Action, Target), a
	// route opening (Action "open", Target the route) or the end of a
	// conflict in victory (Action "victory", Actor the winner).
	Actor, Action, Target string
}

// milestones are the facts of data/events.csv after the forced history
// of azerbaijan-1991 that the model has a counterpart for. The model
// does not force any of them after history_until: whether and when they
// happen in a game is up to the player and the other states. Each is
// used only if the scenario has the states, routes, institutions and
// agreements it names.
var milestones = []milestone{
	{"1994-09", "Azerbaijan signs the Contract of the Century", "data/events.csv, 1994-09-20",
		"AZE", "sign_agreement", "contract-of-century"},
	{"1997-10", "Azerbaijan joins GUAM at its founding", "data/events.csv, 1997-10-10",
		"AZE", "join", "guam"},
	{"1999-04", "Azerbaijan leaves the Collective Security Treaty", "data/events.csv, 1999-04-02/20",
		"AZE", "leave", "cst"},
	{"2002-01", "Azerbaijan leases the Gabala radar to Russia", "data/events.csv, 2002-01",
		"AZE", "sign_agreement", "gabala-lease"},
	{"2002-09", "Russia-Azerbaijan Caspian seabed delimitation", "data/events.csv, 2002-09-23",
		"AZE", "sign_agreement", "caspian-seabed-rus"},
	{"2006-06", "Baku-Tbilisi-Ceyhan carries oil to Ceyhan", "data/events.csv, 2006-06-04",
		"", "open", "btc"},
	{"2007-01", "South Caucasus Pipeline: Shah Deniz gas reaches Georgia", "data/events.csv, 2007-01-15",
		"", "open", "scp-georgia"},
	{"2009-05", "Azerbaijan joins the EU's Eastern Partnership", "data/events.csv, 2009-05-07",
		"AZE", "join", "eap"},
	{"2011-05", "Azerbaijan joins the Non-Aligned Movement", "data/events.csv, 2011-05-25",
		"AZE", "join", "nam"},
	{"2018-06", "TANAP opens to Turkey", "data/events.csv, 2018-06-12",
		"", "open", "tanap-turkey"},
	{"2018-08", "Convention on the Legal Status of the Caspian Sea signed", "data/events.csv, 2018-08-12",
		"AZE", "sign_agreement", "caspian-convention"},
	{"2020-11", "Azerbaijan wins the second Karabakh war", "data/events.csv, 2020-11-09/10",
		"AZE", "victory", "karabakh"},
	{"2020-12", "TAP: first Azerbaijani gas reaches Europe", "data/events.csv, 2020-12-31",
		"", "open", "tanap-tap"},
}

// applicable lists the milestones sc can show: every id they name
// exists, and an action milestone is by the player (only Azerbaijan's
// own choices are recorded here, so another player sees the routes and
// wars only).
func applicable(sc *sim.Scenario, player string) []milestone {
	has := map[string]bool{}
	for _, a := range sc.Agents {
		has[a.ID] = true
	}
	for _, r := range sc.Routes {
		has["route:"+r.ID] = true
	}
	for _, c := range sc.Conflicts {
		has["conflict:"+c.ID] = true
	}
	for _, in := range sc.Institutions {
		has["institution:"+in.ID] = true
	}
	for _, a := range sc.Agreements {
		has["agreement:"+a.ID] = true
	}
	var out []milestone
	for _, m := range milestones {
		ok := true
		switch m.Action {
		case "open":
			ok = has["route:"+m.Target]
		case "victory":
			ok = has[m.Actor] && has["conflict:"+m.Target]
		case "join", "leave":
			ok = m.Actor == player && has["institution:"+m.Target]
		case "sign_agreement":
			ok = m.Actor == player && has["agreement:"+m.Target]
		}
		if ok {
			out = append(out, m)
		}
	}
	return out
}

// when returns the label of the first turn in which m happened in run c,
// or "" if it never did.
func (m milestone) when(c *output.Collector) string {
	switch m.Action {
	case "open":
		for _, s := range c.Snapshots() {
			for _, r := range s.Routes {
				if r.ID == m.Target && r.Status == sim.Open {
					return s.Label
				}
			}
		}
		return ""
	}
	for _, d := range c.Decisions() {
		if d.Actor == m.Actor && d.Action == m.Action && d.Target == m.Target && (d.Outcome == "done" || d.Outcome == "ended") {
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
