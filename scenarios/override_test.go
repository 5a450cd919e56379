package scenarios

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func mustSet(t *testing.T, s string) Set {
	t.Helper()
	set, err := ParseSet(s)
	if err != nil {
		t.Fatal(err)
	}
	return set
}

func TestSetOverridesValues(t *testing.T) {
	data, err := Source(Default)
	if err != nil {
		t.Fatal(err)
	}
	sc, err := Parse("a.toml", data,
		mustSet(t, "agents.AZE.weights.security=0.6"),
		mustSet(t, "agents.AZE.threat_response=-0.6"),
		mustSet(t, "model.temperature=0.001"),
		mustSet(t, "actions.pressure.cost=0.01"),
		mustSet(t, "calendar.history_until=2013"),
		mustSet(t, "routes.btc.capacity=500"),
		mustSet(t, "agents[2].stability=0.4"),
		mustSet(t, `axis.negative_label="Moscow"`),
	)
	if err != nil {
		t.Fatal(err)
	}
	var aze, second = -1, 1
	for i, a := range sc.Agents {
		if a.ID == "AZE" {
			aze = i
		}
	}
	if aze < 0 {
		t.Fatal("no AZE")
	}
	a := sc.Agents[aze]
	if a.Weights.Security != 0.6 || a.ThreatResponse != -0.6 {
		t.Errorf("AZE weights %+v threat %v", a.Weights, a.ThreatResponse)
	}
	if sc.Agents[second].Stability != 0.4 {
		t.Errorf("agents[2].stability = %v", sc.Agents[second].Stability)
	}
	if sc.Model.Temperature != 0.001 || sc.Actions.Pressure.Cost != 0.01 {
		t.Errorf("model %v actions %v", sc.Model.Temperature, sc.Actions.Pressure.Cost)
	}
	if sc.Calendar.HistoryUntil.Year != 2013 || sc.Axis.NegativeLabel != "Moscow" {
		t.Errorf("calendar %v axis %q", sc.Calendar.HistoryUntil, sc.Axis.NegativeLabel)
	}
	found := false
	for _, r := range sc.Routes {
		if r.ID == "btc" {
			found = r.Capacity == 500
		}
	}
	if !found {
		t.Error("routes.btc.capacity not set")
	}
	// Everything not overridden is as in the file.
	plain, err := Parse("a.toml", data)
	if err != nil {
		t.Fatal(err)
	}
	if plain.Agents[aze].Weights.Energy != a.Weights.Energy || len(plain.Events) != len(sc.Events) {
		t.Error("an override changed other values")
	}
}

func TestSetErrors(t *testing.T) {
	data, err := Source(Default)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ set, want string }{
		{"agents.AZX.weights.security=0.6", `--set agents.AZX.weights.security=0.6: no agent "AZX" (did you mean "AZE"?)`},
		{"agents.AZE.weights.security=-2", "--set agents.AZE.weights.security=-2: -2 is below 0"},
		{"agents.AZE.weights.secruity=0.5", `--set agents.AZE.weights.secruity=0.5: unknown key "secruity" (did you mean "security"?)`},
		{"agents.AZE.weights.security=high", `--set agents.AZE.weights.security=high: cannot read the value "high"`},
		{"agents.AZE.weights.security=\"0.5\"", "--set agents.AZE.weights.security=\"0.5\": want a number"},
		{"routes.nope.capacity=1", `--set routes.nope.capacity=1: no route "nope"`},
		{"modle.temperature=1", `--set modle.temperature=1: unknown key "modle" (did you mean "model"?)`},
		{"focal=XYZ", "--set focal=XYZ:"},
		{"calendar.end=20x", "--set calendar.end=20x:"},
		{"agents.AZE=1", "--set agents.AZE=1: names a whole agents entry"},
		{"events[999].date=2000", "--set events[999].date=2000: there is no events[999]"},
		{"agents.AZE.weights.security.x=1", "is the number"},
		// One year of a series: the problem is the override's, not the file's.
		{"prices.oil.2008=1e9", "--set prices.oil.2008=1e9: year 2008: 1e9 is more than 10000"},
		{"prices.oil.2008=-5", "--set prices.oil.2008=-5: year 2008: -5 is negative"},
	}
	for _, tt := range tests {
		_, err := Parse("a.toml", data, mustSet(t, tt.set))
		if err == nil {
			t.Errorf("%s: no error", tt.set)
			continue
		}
		if !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s:\n got %s\nwant %s", tt.set, err, tt.want)
		}
	}
}

func TestParseSet(t *testing.T) {
	for _, bad := range []string{"novalue", "=3", "a.b="} {
		if _, err := ParseSet(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
	s, err := ParseSet(" a.b = [1, 2] ")
	if err != nil || s.Path != "a.b" || s.Value != "[1, 2]" || s.String() != "a.b=[1, 2]" {
		t.Errorf("%+v %v", s, err)
	}
}

func TestSetOnFileKeepsOtherErrorsOnTheirLines(t *testing.T) {
	data, err := os.ReadFile("testdata/base.toml")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Parse("base.toml", data); err != nil {
		t.Fatal(err)
	}
	_, err = Parse("base.toml", data, mustSet(t, "model.temperature=-1"))
	if err == nil || !strings.HasPrefix(err.Error(), "--set model.temperature=-1: ") {
		t.Errorf("got %v", err)
	}
	// A bad year of a series in the file stays on its line when --set
	// changes another year of the same series.
	def, err := Source(Default)
	if err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(string(def), "oil = { 1991 = 20.1,", "oil = { 1991 = 1e9,", 1)
	if bad == string(def) {
		t.Fatal("the default scenario's oil prices no longer start at 1991 = 20.1")
	}
	line := strings.Count(bad[:strings.Index(bad, "oil = { 1991 = 1e9")], "\n") + 1
	_, err = Parse("a.toml", []byte(bad), mustSet(t, "prices.oil.2008=1e9"))
	if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("a.toml:%d: prices.oil: year 1991: 1e9", line)) ||
		!strings.Contains(err.Error(), "--set prices.oil.2008=1e9: year 2008: 1e9") {
		t.Errorf("got %v", err)
	}
}

func TestOpenWithSet(t *testing.T) {
	sc, _, _, err := Open(Default, mustSet(t, "focal=GEO"))
	if err != nil {
		t.Fatal(err)
	}
	if sc.Focal != "GEO" {
		t.Errorf("focal %q", sc.Focal)
	}
}

// The paths exercise pages print, with entries named in brackets by id,
// agent, label or pair, reach the same values as the dotted and numbered
// paths, and a selector that names nothing is an error with a suggestion.
func TestSetSelectors(t *testing.T) {
	data, err := Source(Default)
	if err != nil {
		t.Fatal(err)
	}
	sc, err := Parse("a.toml", data,
		mustSet(t, "agents[AZE].threat_response=-0.6"),
		mustSet(t, "conflicts.karabakh.patrons[RUS].support=0.01"),
		mustSet(t, "conflicts[karabakh].brokers[RUS].preference=0.02"),
		mustSet(t, "culture[RUS,AZE].language=0.9"),
		mustSet(t, "events[Crimea annexed].value=0.3"),
	)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range sc.Agents {
		if a.ID == "AZE" && a.ThreatResponse != -0.6 {
			t.Errorf("agents[AZE].threat_response = %v", a.ThreatResponse)
		}
	}
	for _, c := range sc.Conflicts {
		if c.ID != "karabakh" {
			continue
		}
		for _, p := range c.Patrons {
			if p.Agent == "RUS" && p.Support != 0.01 {
				t.Errorf("patrons[RUS].support = %v", p.Support)
			}
		}
		for _, b := range c.Brokers {
			if b.Agent == "RUS" && b.Preference != 0.02 {
				t.Errorf("brokers[RUS].preference = %v", b.Preference)
			}
		}
	}
	for _, c := range sc.Culture {
		if (c.A == "AZE" && c.B == "RUS") || (c.A == "RUS" && c.B == "AZE") {
			if c.Language != 0.9 {
				t.Errorf("culture[RUS,AZE].language = %v", c.Language)
			}
		}
	}
	found := false
	for _, e := range sc.Events {
		if e.Label == "Crimea annexed" {
			found = e.Value != nil && *e.Value == 0.3
		}
	}
	if !found {
		t.Error("events[Crimea annexed].value not set")
	}
	_, err = Parse("a.toml", data, mustSet(t, "conflicts.karabakh.patrons[RUZ].support=0"))
	if err == nil || !strings.Contains(err.Error(), `no patrons entry "RUZ"`) || !strings.Contains(err.Error(), "RUS") {
		t.Errorf("a selector naming nothing: %v", err)
	}
}

// TestRemove checks removal overrides: an entry goes, by any name the
// path language gives it, and a path that is not an entry is refused.
func TestRemove(t *testing.T) {
	base := readBase(t)
	sc, err := Parse("base.toml", []byte(base))
	if err != nil {
		t.Fatal(err)
	}
	n := len(sc.Events)
	if n == 0 {
		t.Fatal("the base has no events")
	}
	first := sc.Events[0]
	for _, path := range []string{"events[1]", "events[" + first.Label + "]"} {
		if first.Label == "" && path != "events[1]" {
			continue
		}
		got, err := Parse("base.toml", []byte(base), Set{Path: path, Remove: true, Origin: "remove " + path})
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if len(got.Events) != n-1 || (n > 1 && got.Events[0] != sc.Events[1]) {
			t.Errorf("%s: %d events left, the first %+v", path, len(got.Events), got.Events)
		}
	}
	for _, tt := range []struct{ path, want string }{
		{"events", "remove events: names the whole events list"},
		{"agents.AZE.ideal", "remove agents.AZE.ideal: is not a list entry"},
		{"events[99]", "remove events[99]: there is no events[99]"},
	} {
		_, err := Parse("base.toml", []byte(base), Set{Path: tt.path, Remove: true, Origin: "remove " + tt.path})
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want %q", tt.path, err, tt.want)
		}
	}
}
