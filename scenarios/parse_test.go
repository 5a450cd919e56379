package scenarios

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"caspian/sim"

	"github.com/BurntSushi/toml"
)

// readBase returns the text of the valid scenario every bad case edits.
func readBase(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("testdata/base.toml")
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// lineOf returns the 1-based line of the first occurrence of marker.
func lineOf(t *testing.T, text, marker string) int {
	t.Helper()
	i := strings.Index(text, marker)
	if i < 0 {
		t.Fatalf("marker %q not in text", marker)
	}
	return strings.Count(text[:i], "\n") + 1
}

func TestBaseIsValid(t *testing.T) {
	sc, err := Parse("base.toml", []byte(readBase(t)))
	if err != nil {
		t.Fatalf("base scenario: %v", err)
	}
	if sc == nil || len(sc.Agents) != 4 {
		t.Fatalf("base scenario decoded wrongly: %+v", sc)
	}
}

// TestBadInput edits the base scenario in one place each and checks that
// the message names the file, the line, the field and gives a hint.
func TestBadInput(t *testing.T) {
	cases := []struct {
		name     string
		old, new string // replace the first old with new; old "" appends new
		at       string // text on the line the error must point at
		field    string
		problem  string
		hint     string
	}{
		{name: "unknown key", old: "stability = 0.5", new: "stabilty = 0.5",
			at: "stabilty", field: "agents[1].stabilty", problem: `unknown key "stabilty"`, hint: `did you mean "stability"?`},
		{name: "unknown key in inline table", old: "security = 0.5", new: "secruity = 0.5",
			at: "secruity", field: "agents[1].weights.secruity", problem: "unknown key", hint: `did you mean "security"?`},
		{name: "unknown key in sub-table", old: "", new: "[agents.imports]\noli = 1\n",
			at: "oli", field: "agents[4].imports.oli", problem: "unknown key", hint: `did you mean "oil"?`},
		{name: "unknown key wrong case", old: `focal = "AZE"`, new: `Focal = "AZE"`,
			at: "Focal", field: "Focal", problem: "unknown key", hint: `did you mean "focal"?`},
		{name: "unknown table", old: "[axis]", new: "[axes]",
			at: "[axes]", field: "axes", problem: "unknown key", hint: `did you mean "axis"?`},
		{name: "number in quotes", old: "capability = 1\n", new: "capability = \"1\"\n",
			at: `capability = "1"`, field: "agents[1].capability", problem: "want a number", hint: "remove the quotes: 1"},
		{name: "text without list", old: `roles = ["producer"]`, new: `roles = "producer"`,
			at: `roles = "producer"`, field: "agents[1].roles", problem: "want a list", hint: `["producer"]`},
		{name: "fraction for a count", old: `target = "karabakh"`, new: "target = \"karabakh\"\nturns = 2.5",
			at: "turns = 2.5", field: "events[1].turns", problem: "want a whole number", hint: "whole number"},
		{name: "text for a flag", old: "", new: "[[events]]\ndate = \"1995\"\nkind = \"coup\"\ntarget = \"ARM\"\nsuccess = \"yes\"\n",
			at: `success = "yes"`, field: "events[2].success", problem: "want true or false", hint: "true or false"},
		{name: "bad month", old: `start = "1991"`, new: `start = "1991-13"`,
			at: "1991-13", field: "calendar.start", problem: "month must be 01 to 12", hint: "YYYY-MM"},
		{name: "unquoted date", old: `date = "1994"`, new: "date = 1994-05-01",
			at: "1994-05-01", field: "events[1].date", problem: "want a date in quotes", hint: `"1994-05"`},
		{name: "bad series year", old: "", new: "[prices]\noil = { 91 = 20.0 }\n",
			at: "oil = { 91", field: "prices.oil.91", problem: "not a four-digit year", hint: "year = value"},
		{name: "key below a series header", old: "", new: "[agents.production.oil]\n1991 = 1\nstability = 0.4\n",
			at: "stability = 0.4", field: "agents[4].production.oil.stability", problem: "not a four-digit year",
			hint: "stability belongs to the [[agents]] entry: keys below a [agents.production.oil] header go into that table"},
		{name: "key below a sub-table header", old: "", new: "[agents.imports]\noil = 1\ncapability = 3\n",
			at: "capability = 3", field: "agents[4].imports.capability", problem: "unknown key", hint: "belongs to the [[agents]] entry"},
		{name: "top-level key below a header", old: `positive_poles = ["USA"]`, new: "positive_poles = [\"USA\"]\ntitle = \"x\"",
			at: `title = "x"`, field: "axis.title", problem: "unknown key", hint: "title belongs to the top level"},
		{name: "negative series value", old: "", new: "[prices]\noil = { 1991 = -5 }\n",
			at: "oil = { 1991", field: "prices.oil", problem: "negative", hint: "cannot be negative"},
		{name: "nan", old: "intensity = 0.5", new: "intensity = nan",
			at: "intensity = nan", field: "conflicts[1].intensity", problem: "not NaN", hint: "nan and inf"},
		{name: "inf in model", old: "", new: "[model]\ntemperature = inf\n",
			at: "temperature = inf", field: "model.temperature", problem: "not +Inf", hint: "nan and inf"},
		{name: "alignment out of range", old: `id = "AZE"`, new: "id = \"AZE\"\nalignment = 1.5",
			at: "alignment = 1.5", field: "agents[1].alignment", problem: "outside the range -1 to 1", hint: "-1"},
		{name: "ideal out of range", old: `id = "AZE"`, new: "id = \"AZE\"\nideal = -2",
			at: "ideal = -2", field: "agents[1].ideal", problem: "outside the range", hint: "axis"},
		{name: "zero capability", old: "capability = 60", new: "capability = 0",
			at: "capability = 0\n", field: "agents[4].capability", problem: "above zero", hint: "capability"},
		{name: "all weights zero", old: "weights = { security = 0.7, alignment = 0.3 }", new: "weights = { security = 0 }",
			at: "weights = { security = 0 }", field: "agents[2].weights", problem: "all weights are zero", hint: "positive weight"},
		{name: "negative weight", old: "energy = 0.3, alignment = 0.3 }", new: "energy = -0.3, alignment = 0.3 }",
			at: "energy = -0.3", field: "agents[3].weights.energy", problem: "below 0", hint: "weights"},
		{name: "unknown role", old: `roles = ["producer"]`, new: `roles = ["producr"]`,
			at: "producr", field: "agents[1].roles[1]", problem: `unknown role "producr"`, hint: `did you mean "producer"?`},
		{name: "lower-case id", old: `id = "ARM"`, new: `id = "arm"`,
			at: `id = "arm"`, field: "agents[2].id", problem: "capital letters", hint: `"ARM"`},
		{name: "duplicate agent", old: `id = "USA"`, new: `id = "RUS"`,
			at: "id = \"RUS\"\ncapability = 60", field: "agents[4].id", problem: `duplicate agent id "RUS"`, hint: "its own id"},
		{name: "unknown focal", old: `focal = "AZE"`, new: `focal = "AZ"`,
			at: `focal = "AZ"`, field: "focal", problem: `unknown agent "AZ"`, hint: `did you mean "AZE"?`},
		{name: "empty pole", old: `positive_poles = ["USA"]`, new: `positive_poles = []`,
			at: "positive_poles", field: "axis.positive_poles", problem: "missing", hint: "each pole"},
		{name: "unknown pole", old: `negative_poles = ["RUS"]`, new: `negative_poles = ["RU"]`,
			at: "negative_poles", field: "axis.negative_poles[1]", problem: `unknown agent "RU"`, hint: `did you mean "RUS"?`},
		{name: "missing step", old: `step = "year"`, new: "",
			at: "[calendar]", field: "calendar.step", problem: "missing", hint: `step = "quarter"`},
		{name: "bad step", old: `step = "year"`, new: `step = "years"`,
			at: "years", field: "calendar.step", problem: `unknown step "years"`, hint: `did you mean "year"?`},
		{name: "end before start", old: `end = "2000"`, new: `end = "1990"`,
			at: `end = "1990"`, field: "calendar.end", problem: "does not come after", hint: "years"},
		{name: "too many turns", old: "start = \"1991\"\nend = \"2000\"\nstep = \"year\"", new: "start = \"1000\"\nend = \"9999\"\nstep = \"month\"",
			at: `end = "9999"`, field: "calendar.end", problem: "more than the limit", hint: "longer step"},
		{name: "history outside calendar", old: `step = "year"`, new: "step = \"year\"\nhistory_until = \"2010\"",
			at: "history_until", field: "calendar.history_until", problem: "outside the calendar", hint: "between start and end"},
		{name: "missing name", old: `name = "test"`, new: "",
			at: "", field: "name", problem: "missing", hint: "name ="},
		{name: "unknown producer", old: `producer = "AZE"`, new: `producer = "AZR"`,
			at: "AZR", field: "routes[1].producer", problem: `unknown agent "AZR"`, hint: `did you mean "AZE"?`},
		{name: "producer without role", old: `producer = "AZE"`, new: `producer = "ARM"`,
			at: `producer = "ARM"`, field: "routes[1].producer", problem: `does not have the role "producer"`, hint: "roles"},
		{name: "unknown transit", old: `transit = ["ARM"]`, new: `transit = ["ARM", "GEO"]`,
			at: "GEO", field: "routes[1].transit[2]", problem: `unknown agent "GEO"`, hint: "known agents: ARM, AZE, RUS, USA"},
		{name: "bad commodity", old: `commodity = "oil"`, new: `commodity = "coal"`,
			at: "coal", field: "routes[1].commodity", problem: "unknown commodity", hint: `"oil" or "gas"`},
		{name: "bad status", old: `status = "open"`, new: `status = "opne"`,
			at: "opne", field: "routes[1].status", problem: "unknown status", hint: `did you mean "open"?`},
		{name: "building without opens", old: `status = "open"`, new: `status = "building"`,
			at: "[[routes]]", field: "routes[1].opens", problem: "needs an opening date", hint: `opens = "1996"`},
		{name: "negative capacity", old: "capacity = 100", new: "capacity = -1",
			at: "capacity = -1", field: "routes[1].capacity", problem: "above zero", hint: "capacity"},
		{name: "one party", old: `parties = ["ARM", "AZE"]`, new: `parties = ["ARM"]`,
			at: `parties = ["ARM"]`, field: "conflicts[1].parties", problem: "exactly 2 parties", hint: `parties = ["AZE", "ARM"]`},
		{name: "same party twice", old: `parties = ["ARM", "AZE"]`, new: `parties = ["ARM", "ARM"]`,
			at: `parties = ["ARM", "ARM"]`, field: "conflicts[1].parties", problem: "same agent", hint: "two different"},
		{name: "three stakes", old: "intensity = 0.5", new: "intensity = 0.5\nstakes = [1, 2, 3]",
			at: "stakes", field: "conflicts[1].stakes", problem: "one stake per party", hint: "stakes ="},
		{name: "patron side", old: "", new: "[[conflicts.patrons]]\nagent = \"RUS\"\nside = \"USA\"\n",
			at: `side = "USA"`, field: "conflicts[1].patrons[1].side", problem: "not a party", hint: "ARM"},
		{name: "bad victory", old: "victory = 0.8", new: "victory = 0.4",
			at: "victory = 0.4", field: "conflicts[1].victory", problem: "must be above 0.5", hint: "above 0.5"},
		{name: "unknown member", old: `members = ["RUS", "ARM"]`, new: `members = ["RUS", "AMR"]`,
			at: "AMR", field: "institutions[1].members[2]", problem: `unknown agent "AMR"`, hint: `did you mean "ARM"?`},
		{name: "member twice", old: `members = ["RUS", "ARM"]`, new: `members = ["RUS", "RUS"]`,
			at: `members = ["RUS", "RUS"]`, field: "institutions[1].members[2]", problem: "listed twice", hint: "once"},
		{name: "pole out of range", old: "pole = -0.8", new: "pole = -8",
			at: "pole = -8", field: "institutions[1].pole", problem: "outside the range", hint: "axis"},
		{name: "duplicate institution", old: "", new: "[[institutions]]\nid = 'cis'\n",
			at: "id = 'cis'", field: "institutions[2].id", problem: "duplicate institution", hint: "own id"},
		{name: "agreement party", old: `parties = ["AZE", "RUS"]`, new: `parties = ["AZE", "IRN"]`,
			at: "IRN", field: "agreements[1].parties[2]", problem: `unknown agent "IRN"`, hint: "known agents"},
		{name: "culture self", old: "", new: "[[culture]]\na = \"AZE\"\nb = \"AZE\"\nlanguage = 1\n",
			at: "b = \"AZE\"", field: "culture[1].b", problem: "paired with itself", hint: "two different"},
		{name: "culture range", old: "", new: "[[culture]]\na = \"AZE\"\nb = \"RUS\"\nkinship = 1.5\n",
			at: "kinship", field: "culture[1].kinship", problem: "outside the range 0 to 1", hint: "0 to 1"},
		{name: "relation range", old: "", new: "[[relations]]\na = \"AZE\"\nb = \"ARM\"\naffinity = -3\n",
			at: "affinity", field: "relations[1].affinity", problem: "outside the range -1 to 1", hint: "affinity"},
		{name: "relation twice", old: "", new: "[[relations]]\na = \"AZE\"\nb = \"ARM\"\n[[relations]]\na = \"ARM\"\nb = \"AZE\"\n",
			at: "[[relations]]\na = \"ARM\"", field: "relations[2]", problem: "given twice", hint: "one"},
		{name: "unknown event kind", old: `kind = "ceasefire"`, new: `kind = "ceasfire"`,
			at: "ceasfire", field: "events[1].kind", problem: `unknown event kind "ceasfire"`, hint: `did you mean "ceasefire"?`},
		{name: "event target of wrong type", old: `target = "karabakh"`, new: `target = "AZE"`,
			at: `target = "AZE"`, field: "events[1].target", problem: `unknown conflict "AZE"`, hint: "karabakh"},
		{name: "event without actor", old: `actor = "ARM"`, new: "",
			at: "[[events]]", field: "events[1].actor", problem: "missing", hint: "agent"},
		{name: "event actor unknown", old: `actor = "ARM"`, new: `actor = "ARN"`,
			at: "ARN", field: "events[1].actor", problem: `unknown agent "ARN"`, hint: `did you mean "ARM"?`},
		{name: "event outside calendar", old: `date = "1994"`, new: `date = "2005-Q2"`,
			at: "2005-Q2", field: "events[1].date", problem: "outside the calendar (its turns run from 1991 to 2000)", hint: "calendar.start"},
		{name: "event without date", old: `date = "1994"`, new: "",
			at: "[[events]]", field: "events[1].date", problem: "missing", hint: "date ="},
		{name: "event needs value", old: "", new: "[[events]]\ndate = \"1995\"\nkind = \"conflict_intensity\"\ntarget = \"karabakh\"\n",
			at: "[[events]]\ndate = \"1995\"", field: "events[2].value", problem: "need a value", hint: "intensity"},
		{name: "note with target", old: "", new: "[[events]]\ndate = \"1995\"\nkind = \"note\"\ntarget = \"AZE\"\n",
			at: "target = \"AZE\"\n", field: "events[2].target", problem: "takes no target", hint: "remove"},
		{name: "unknown hazard kind", old: `kind = "flare"`, new: `kind = "flair"`,
			at: "flair", field: "hazards[1].kind", problem: "unknown hazard kind", hint: `did you mean "flare"?`},
		{name: "hazard target type", old: "rate = 0.1", new: "rate = 0.1\n[[hazards]]\nkind = \"coup\"\ntarget = 'karabakh'",
			at: "target = 'karabakh'", field: "hazards[2].target", problem: `unknown agent "karabakh"`, hint: "known agents"},
		{name: "negative rate", old: "rate = 0.1", new: "rate = -0.1",
			at: "rate = -0.1", field: "hazards[1].rate", problem: "below 0", hint: "0 or more"},
		{name: "model range", old: "", new: "[model]\nrelation_decay = 2\n",
			at: "relation_decay", field: "model.relation_decay", problem: "outside the range 0 to 1", hint: "rate"},
		{name: "revision of none", old: "", new: "[model]\nrevision = 0\n",
			at: "revision", field: "model.revision", problem: "must be above 0", hint: "at 1 every state reconsiders every turn"},
		{name: "model order", old: "", new: "[model]\nwar_above = 0.1\n",
			at: "war_above", field: "model.war_above", problem: "below model.frozen_below", hint: "larger"},
		{name: "action effect", old: "", new: "[actions.pressure]\nturns = -1\n",
			at: "turns = -1", field: "actions.pressure.turns", problem: "must not be negative", hint: "turns"},
		{name: "unknown action", old: "", new: "[actions.presure]\ncost = 0.1\n",
			at: "[actions.presure]", field: "actions.presure", problem: "unknown key", hint: `did you mean "pressure"?`},
		{name: "sphere", old: "sphere = []", new: `sphere = ["ZZZ"]`,
			at: "ZZZ", field: "agents[1].sphere[1]", problem: `unknown agent "ZZZ"`, hint: "known agents"},
		{name: "table expected", old: `name = "test"`, new: "name = \"test\"\ninfo = \"notes\"",
			at: `info = "notes"`, field: "info", problem: "want a table", hint: "[info] header"},
		{name: "unknown top-level key", old: `name = "test"`, new: "name = \"test\"\ncalendar2 = 1",
			at: "calendar2", field: "calendar2", problem: "unknown key", hint: `did you mean "calendar"?`},
		{name: "negative arms budget", old: `id = "AZE"`, new: "id = \"AZE\"\narms_budget = -0.1",
			at: "arms_budget = -0.1", field: "agents[1].arms_budget", problem: "-0.1 is below 0", hint: "per USD bn a year of energy revenue"},
		{name: "infinite arms budget", old: `id = "AZE"`, new: "id = \"AZE\"\narms_budget = inf",
			at: "arms_budget = inf", field: "agents[1].arms_budget", problem: "not +Inf", hint: "nan and inf"},
		{name: "arms budget as text", old: `id = "AZE"`, new: "id = \"AZE\"\narms_budget = \"0.01\"",
			at: "arms_budget", field: "agents[1].arms_budget", problem: "want a number", hint: "remove the quotes: 0.01"},
		{name: "unknown eligible agent", old: `members = ["RUS", "ARM"]`, new: "members = [\"RUS\", \"ARM\"]\neligible = [\"ARM\", \"AZR\"]",
			at: "eligible", field: "institutions[1].eligible[2]", problem: `unknown agent "AZR"`, hint: `did you mean "AZE"?`},
		{name: "unknown eligible agent on its own line", old: `members = ["RUS", "ARM"]`, new: "members = [\"RUS\", \"ARM\"]\neligible = [\n  \"ARM\",\n  \"USSR\",\n]",
			at: `"USSR"`, field: "institutions[1].eligible[2]", problem: `unknown agent "USSR"`, hint: "known agents: ARM, AZE, RUS, USA"},
		{name: "eligible twice", old: `members = ["RUS", "ARM"]`, new: "members = [\"RUS\", \"ARM\"]\neligible = [\"AZE\", \"ARM\", \"AZE\"]",
			at: "eligible", field: "institutions[1].eligible[3]", problem: `"AZE" is listed twice`, hint: "list each agent once"},
		{name: "empty eligible entry", old: `members = ["RUS", "ARM"]`, new: "members = [\"RUS\", \"ARM\"]\neligible = [\"\"]",
			at: "eligible", field: "institutions[1].eligible[1]", problem: "empty agent id", hint: "remove the empty entry"},
		{name: "eligible not a list", old: `members = ["RUS", "ARM"]`, new: "members = [\"RUS\", \"ARM\"]\neligible = \"AZE\"",
			at: "eligible", field: "institutions[1].eligible", problem: "want a list", hint: `["AZE"]`},
		{name: "institution founded after the end", old: `leader = "RUS"`, new: "leader = \"RUS\"\nfrom = \"2001\"",
			at: `from = "2001"`, field: "institutions[1].from", problem: "2001-01 is after calendar.end (2000-01)", hint: "nobody could ever join"},
		{name: "institution from not a date", old: `leader = "RUS"`, new: "leader = \"RUS\"\nfrom = \"spring 1992\"",
			at: "spring 1992", field: "institutions[1].from", problem: "want YYYY, YYYY-Qn or YYYY-MM", hint: "YYYY-MM"},
		{name: "institution from year zero", old: `leader = "RUS"`, new: "leader = \"RUS\"\nfrom = \"0000\"",
			at: `from = "0000"`, field: "institutions[1].from", problem: "year 0000", hint: "YYYY-MM"},
		{name: "negative institution revenue", old: `leader = "RUS"`, new: "leader = \"RUS\"\nrevenue = -0.2",
			at: "revenue = -0.2", field: "institutions[1].revenue", problem: "below 0", hint: "benefit to each member"},
		{name: "route on the table after the end", old: `status = "open"`, new: "status = \"proposed\"\nfrom = \"2003-Q2\"",
			at: `from = "2003-Q2"`, field: "routes[1].from", problem: "2003-04 is after calendar.end (2000-01)", hint: "nobody could ever commit"},
		{name: "route from as a TOML date", old: `status = "open"`, new: "status = \"proposed\"\nfrom = 1995-01-01",
			at: "from = 1995", field: "routes[1].from", problem: "want a date in quotes", hint: `"1995-01"`},
		{name: "agreement open after the end", old: `parties = ["AZE", "RUS"]`, new: "parties = [\"AZE\", \"RUS\"]\nfrom = \"2001-06\"",
			at: `from = "2001-06"`, field: "agreements[1].from", problem: "2001-06 is after calendar.end", hint: "nobody could ever sign"},
		{name: "agreement from bad month", old: `parties = ["AZE", "RUS"]`, new: "parties = [\"AZE\", \"RUS\"]\nfrom = \"1995-00\"",
			at: "1995-00", field: "agreements[1].from", problem: "month must be 01 to 12", hint: "YYYY-MM"},
		{name: "negative agreement revenue", old: `parties = ["AZE", "RUS"]`, new: "parties = [\"AZE\", \"RUS\"]\nrevenue = -1",
			at: "revenue = -1", field: "agreements[1].revenue", problem: "below 0", hint: "gain to each party"},
		{name: "cooperation floor too low", old: "", new: "[model]\ncooperation_floor = -1.5\n",
			at: "cooperation_floor", field: "model.cooperation_floor", problem: "-1.5 is outside the range -1 to 1", hint: "affinity"},
		{name: "cooperation floor too high", old: "", new: "[model]\ncooperation_floor = 2\n",
			at: "cooperation_floor", field: "model.cooperation_floor", problem: "2 is outside the range -1 to 1", hint: "cooperate"},
		{name: "cooperation floor nan", old: "", new: "[model]\ncooperation_floor = nan\n",
			at: "cooperation_floor", field: "model.cooperation_floor", problem: "not NaN", hint: "nan and inf"},
		{name: "negative effect revenue", old: "", new: "[actions.energy_coop]\nrevenue = -0.2\n",
			at: "revenue = -0.2", field: "actions.energy_coop.revenue", problem: "below 0", hint: "USD bn"},
		{name: "syntax: unquoted text", old: `title = "Test scenario"`, new: "title = Test scenario",
			at: "title = Test", field: "", problem: "TOML syntax", hint: "quotes"},
		{name: "syntax: unclosed header", old: "[axis]", new: "[axis",
			at: "[axis", field: "", problem: "to end table name", hint: "close the table header with ]: [axis]"},
		{name: "syntax: unclosed array-of-tables header", old: "[[routes]]", new: "[[routes]",
			at: "[[routes]", field: "", problem: "table array name delimiter", hint: "[[routes]]"},
		{name: "syntax: unclosed string", old: `title = "Test scenario"`, new: `title = "Test scenario`,
			at: "title =", field: "", problem: "strings cannot contain newlines", hint: "the text of title starts here"},
		{name: "syntax: unclosed multi-line string", old: `description = "Four`, new: `description = """Four`,
			at: "description =", field: "", problem: `expected '"""'`, hint: `end it with """`},
		{name: "syntax: unclosed list", old: `transit = ["ARM"]`, new: `transit = ["ARM"`,
			at: "transit", field: "", problem: "array terminator", hint: "the list that starts on line 51"},
		{name: "syntax: key twice", old: `title = "Test scenario"`, new: "title = \"Test scenario\"\nname = \"again\"",
			at: "name = \"again\"", field: "", problem: "already been defined", hint: "once"},
	}
	base := readBase(t)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			text := base
			if c.old == "" {
				text += "\n" + c.new
			} else {
				if !strings.Contains(text, c.old) {
					t.Fatalf("base has no %q", c.old)
				}
				text = strings.Replace(text, c.old, c.new, 1)
			}
			wantLine := 0
			if c.at != "" {
				wantLine = lineOf(t, text, c.at)
			}
			sc, err := Parse("bad.toml", []byte(text))
			if err == nil || sc != nil {
				t.Fatalf("want an error and no scenario, got %v, %v", sc, err)
			}
			e := findField(err, text, c.field)
			if e == nil {
				t.Fatalf("no error for field %q in:\n%v", c.field, err)
			}
			msg := e.Error()
			if e.File != "bad.toml" || e.Line != wantLine {
				t.Errorf("at %s:%d, want bad.toml:%d: %s", e.File, e.Line, wantLine, msg)
			}
			prefix := "bad.toml: "
			if wantLine > 0 {
				prefix = fmt.Sprintf("bad.toml:%d:", wantLine)
			}
			for _, want := range []string{prefix, e.Field, c.problem, c.hint} {
				if !strings.Contains(msg, want) {
					t.Errorf("message lacks %q: %s", want, msg)
				}
			}
			if !strings.Contains(err.Error(), msg) {
				t.Errorf("list message lacks %q:\n%s", msg, err)
			}
		})
	}
}

// findField returns the first reported error about field.
// findField returns the problem of err found at field, a path that counts
// list entries by place ("agents[1].ideal"): the problem's own path, as
// shown to users ("agents.AZE.ideal"), must name the same value in text.
func findField(err error, text, field string) *Error {
	var list ErrorList
	if !errors.As(err, &list) {
		return nil
	}
	var tree map[string]any
	if _, err := toml.Decode(text, &tree); err != nil {
		tree = nil
	}
	for _, e := range list {
		if e.Field == field || placePath(tree, e.Field) == field {
			return e
		}
	}
	return nil
}

// TestManyErrorsAtOnce checks that independent problems are all reported
// in one go, in file order.
func TestManyErrorsAtOnce(t *testing.T) {
	text := readBase(t)
	for _, edit := range [][2]string{
		{`focal = "AZE"`, `focal = "AZX"`},
		{"stability = 0.5", "stability = 1.5"},
		{`roles = ["producer"]`, `roles = ["producer", "seller"]`},
		{"capacity = 100", "capacity = 0"},
		{`kind = "ceasefire"`, `kind = "truce"`},
		{"rate = 0.1", "rate = -1"},
	} {
		text = strings.Replace(text, edit[0], edit[1], 1)
	}
	text += "\n[model]\ntemprature = 0.1\n"
	_, err := Parse("many.toml", []byte(text))
	var list ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("want an ErrorList, got %T: %v", err, err)
	}
	if len(list) != 7 {
		t.Errorf("want 7 errors, got %d:\n%v", len(list), err)
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != len(list) {
		t.Errorf("want one message per line, got %d lines for %d errors", len(lines), len(list))
	}
	for i := 1; i < len(list); i++ {
		if list[i].Line < list[i-1].Line {
			t.Errorf("errors not in line order: %d after %d", list[i].Line, list[i-1].Line)
		}
	}
}

// TestTypeErrorsAtOnce checks that values of the wrong type are all
// reported, though the decoder itself stops at the first.
func TestTypeErrorsAtOnce(t *testing.T) {
	text := readBase(t)
	text = strings.Replace(text, "capability = 20", `capability = "20"`, 1)
	text = strings.Replace(text, `end = "2000"`, "end = 2000.5", 1)
	text = strings.Replace(text, `members = ["RUS", "ARM"]`, `members = "RUS"`, 1)
	_, err := Parse("types.toml", []byte(text))
	var list ErrorList
	if !errors.As(err, &list) || len(list) != 3 {
		t.Fatalf("want 3 errors, got:\n%v", err)
	}
}

// TestDefaultsKept checks that a file overrides only the coefficients and
// effect fields it names, keeping the defaults of the others.
func TestDefaultsKept(t *testing.T) {
	sc, err := Load("testdata/full.toml")
	if err != nil {
		t.Fatal(err)
	}
	wantModel := sim.DefaultParams()
	wantModel.Temperature = 0.05
	wantModel.WarAbove = 0.7
	if sc.Model != wantModel {
		t.Errorf("model:\n got %+v\nwant %+v", sc.Model, wantModel)
	}
	wantActions := sim.DefaultActions()
	wantActions.Pressure.Cost = 0.01
	wantActions.Mediate.Disabled = true
	if sc.Actions != wantActions {
		t.Errorf("actions:\n got %+v\nwant %+v", sc.Actions, wantActions)
	}
}

// TestFullDecodes spot-checks values written in each TOML style.
func TestFullDecodes(t *testing.T) {
	sc, err := Load("testdata/full.toml")
	if err != nil {
		t.Fatal(err)
	}
	aze, arm := sc.Agents[0], sc.Agents[1]
	checks := []struct {
		name      string
		got, want any
	}{
		{"sub-table weight", aze.Weights.Energy, 0.3},
		{"dotted weight", arm.Weights.Security, 0.7},
		{"inline shares", aze.Domestic.Gas, 0.8},
		{"series", aze.Production.Oil.At(1991), 240.0},
		{"ideal", *aze.Ideal, 0.1},
		{"patron", sc.Conflicts[0].Patrons[0].Side, "ARM"},
		{"broker", sc.Conflicts[0].Brokers[0].Agent, "RUS"},
		{"quarter date", sc.Calendar.Start, sim.Date{Year: 1991, Month: 10}},
		{"history", sc.Calendar.HistoryUntil, sim.Date{Year: 1994, Month: 4}},
		{"event value", *sc.Events[0].Value, 0.9},
		{"coup success", *sc.Events[1].Success, true},
		{"multi-line text", strings.Contains(sc.Description, "inside a string"), true},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: got %v, want %v", c.name, c.got, c.want)
		}
	}
}

func TestLoadMissingFile(t *testing.T) {
	_, err := Load("testdata/no-such-file.toml")
	if err == nil || !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("want a not-exist error, got %v", err)
	}
}

func TestManyErrorsFile(t *testing.T) {
	_, err := Load("testdata/many-errors.toml")
	var list ErrorList
	if !errors.As(err, &list) || len(list) < 8 {
		t.Fatalf("want at least 8 errors, got:\n%v", err)
	}
}

// TestReportUndecoded checks the decoder's own list of skipped keys is
// reported only where the shape walk has not already spoken.
func TestReportUndecoded(t *testing.T) {
	r := &report{file: "f", lines: LineIndex{"extra": 4}}
	r.add("agents[1].bogus", "unknown key", "")
	reportUndecoded(r, []toml.Key{{"agents", "bogus"}, {"agents", "bogus", "deeper"}, {"extra"}, {"extra", "x"}, {}})
	if len(r.errs) != 2 || r.errs[1].Field != "extra" || r.errs[1].Line != 4 {
		t.Fatalf("got %v", r.errs)
	}
}

// TestNewKeysAccepted checks values at the edges of what the newer keys
// allow: a from date before the start (on offer from the first turn) or
// inside the last turn, a cooperation floor at either end of its range.
func TestNewKeysAccepted(t *testing.T) {
	text := readBase(t)
	for _, edit := range [][2]string{
		{`id = "AZE"`, "id = \"AZE\"\narms_budget = 0.015"},
		{`id = "ARM"`, "id = \"ARM\"\narms_budget = 0"},
		{`members = ["RUS", "ARM"]`, "members = [\"RUS\", \"ARM\"]\neligible = [\"AZE\", \"ARM\"]\nfrom = \"1990-06\"\nrevenue = 0.2"},
		{`status = "open"`, "status = \"proposed\"\nfrom = \"2000-Q4\""},
		{`parties = ["AZE", "RUS"]`, "parties = [\"AZE\", \"RUS\"]\nfrom = \"2000-12\"\nrevenue = 0"},
	} {
		if !strings.Contains(text, edit[0]) {
			t.Fatalf("base has no %q", edit[0])
		}
		text = strings.Replace(text, edit[0], edit[1], 1)
	}
	for _, floor := range []string{"-1", "1", "0"} {
		sc, err := Parse("new.toml", []byte(text+"\n[model]\ncooperation_floor = "+floor+"\n"))
		if err != nil {
			t.Fatalf("cooperation_floor = %s: %v", floor, err)
		}
		in := sc.Institutions[0]
		if sc.Agents[0].ArmsBudget != 0.015 || len(in.Eligible) != 2 || in.From != (sim.Date{Year: 1990, Month: 6}) ||
			sc.Routes[0].From != (sim.Date{Year: 2000, Month: 10}) || sc.Agreements[0].From != (sim.Date{Year: 2000, Month: 12}) {
			t.Errorf("new keys decoded wrongly: %+v %+v", sc.Agents[0], in)
		}
	}
}
