package scenarios

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"caspian/sim"
)

// ceilingCase is one edit of the base scenario that gives a number a
// value over its ceiling.
type ceilingCase struct {
	name     string
	old, new string // replace the first old with new, %s standing for the value; old "" appends new
	at       string // text on the line the error must point at
	field    string
	over     string // the value refused; "1e308" if empty
	max      string // the ceiling, which must be accepted; "" for none
	problem  string
	hint     string
}

// TestCeilings edits the base scenario in one place each, giving a number
// that has no natural upper bound a value over its ceiling, and checks
// that the message names the file, the line, the field and gives a hint
// that says what the number is; then it gives the number its ceiling
// itself, and checks that the file is accepted.
func TestCeilings(t *testing.T) {
	cases := []ceilingCase{
		// [prices]
		{name: "oil price", new: "[prices]\noil = { 1991 = 20, 1995 = %s }\n", at: "oil = {",
			field: "prices.oil", max: "1e4", problem: "year 1995: 1e308 is more than 10000", hint: "USD a barrel"},
		{name: "gas price on its own line", new: "[prices.gas]\n1991 = 80\n1995 = %s\n", at: "1995 = ",
			field: "prices.gas", max: "1e5", problem: "year 1995: 1e308 is more than 100000", hint: "USD per thousand cubic metres"},
		{name: "gas-oil ratio", new: "[prices]\ngas_oil_ratio = %s\n", at: "gas_oil_ratio",
			field: "prices.gas_oil_ratio", max: "1e3", problem: "1e308 is more than 1000", hint: "thermal parity"},
		// [model]
		{name: "temperature", new: "[model]\ntemperature = %s\n", at: "temperature",
			field: "model.temperature", max: "1e3", problem: "1e308 is more than 1000", hint: "close to random"},
		{name: "consent tolerance", new: "[model]\nconsent_tolerance = %s\n", at: "consent_tolerance",
			field: "model.consent_tolerance", max: "1e3", problem: "is more than 1000", hint: "utility units"},
		{name: "default energy scale", new: "[model]\ndefault_energy_scale = %s\n", at: "default_energy_scale",
			field: "model.default_energy_scale", max: "1e6", problem: "1e308 is more than 1000000", hint: "world GDP"},
		{name: "security weight", new: "[model]\nsecurity_balance = %s\n", at: "security_balance",
			field: "model.security_balance", over: "1000.5", max: "1000", problem: "1000.5 is more than 1000", hint: "a weight"},
		{name: "war penalty", new: "[model]\nwar_penalty = %s\n", at: "war_penalty",
			field: "model.war_penalty", max: "1e3", problem: "is more than 1000", hint: "a weight"},
		{name: "own influence", new: "[model]\ninfluence_self = %s\n", at: "influence_self",
			field: "model.influence_self", max: "1e3", problem: "is more than 1000", hint: "a weight"},
		{name: "influence of threats", new: "[model]\ninfluence_threat = %s\n", at: "influence_threat",
			field: "model.influence_threat", max: "1e3", problem: "is more than 1000", hint: "a weight"},
		{name: "culture weight", new: "[model]\nculture_kinship = %s\n", at: "culture_kinship",
			field: "model.culture_kinship", max: "1e3", problem: "is more than 1000", hint: "a weight"},
		// [actions.<kind>]
		{name: "action cost", new: "[actions.escalate]\ncost = %s\n", at: "cost",
			field: "actions.escalate.cost", max: "1e3", problem: "is more than 1000", hint: "utility units"},
		{name: "arms of a deal", new: "[actions.arms_deal]\narms = %s\n", at: "arms = ",
			field: "actions.arms_deal.arms", max: "1e6", problem: "is more than 1000000", hint: "capability units"},
		{name: "revenue of a stake", new: "[actions.energy_coop]\nrevenue = %s\n", at: "revenue",
			field: "actions.energy_coop.revenue", max: "1e6", problem: "is more than 1000000", hint: "USD bn"},
		{name: "influence of outreach", new: "[actions.outreach]\ninfluence = %s\n", at: "influence",
			field: "actions.outreach.influence", max: "1e3", problem: "is more than 1000", hint: "a weight"},
		{name: "duration of a cut-off", new: "[actions.cutoff]\nturns = %s\n", at: "turns",
			field: "actions.cutoff.turns", over: "10001", max: "10000", problem: "10001 turns is more than the limit of 10000", hint: "rest of the run"},
		// [[agents]]
		{name: "capability", old: "capability = 60", new: "capability = %s", at: "capability = 1e308",
			field: "agents[4].capability", max: "1e6", problem: "1e308 is more than 1000000", hint: "capability units"},
		{name: "arms", old: `id = "AZE"`, new: "id = \"AZE\"\narms = %s", at: "arms = ",
			field: "agents[1].arms", max: "1e6", problem: "is more than 1000000", hint: "capability units"},
		{name: "arms per sale", old: `id = "AZE"`, new: "id = \"AZE\"\narms_per_sale = %s", at: "arms_per_sale",
			field: "agents[1].arms_per_sale", max: "1e6", problem: "is more than 1000000", hint: "capability units"},
		{name: "arms budget", old: `id = "AZE"`, new: "id = \"AZE\"\narms_budget = %s", at: "arms_budget",
			field: "agents[1].arms_budget", max: "1e6", problem: "1e308 is more than 1000000", hint: "per USD bn a year"},
		{name: "arms budget just over", old: `id = "AZE"`, new: "id = \"AZE\"\narms_budget = %s", at: "arms_budget",
			field: "agents[1].arms_budget", over: "1000000.0000000001", max: "1000000", problem: "is more than 1000000", hint: "per USD bn a year"},
		{name: "security weight of an agent", old: "weights = { security = 0.5,", new: "weights = { security = %s,", at: "weights = { security = 1e308",
			field: "agents[1].weights.security", max: "1e3", problem: "is more than 1000", hint: "a weight"},
		{name: "energy weight", old: "energy = 0.3, alignment = 0.3 }", new: "energy = %s, alignment = 0.3 }", at: "energy = 1e308",
			field: "agents[3].weights.energy", max: "1e3", problem: "is more than 1000", hint: "a weight"},
		{name: "alignment weight", old: "weights = { security = 0.7, alignment = 0.3 }", new: "weights = { security = 0.7, alignment = %s }", at: "alignment = 1e308",
			field: "agents[2].weights.alignment", max: "1e3", problem: "is more than 1000", hint: "a weight"},
		{name: "energy scale", old: `id = "AZE"`, new: "id = \"AZE\"\nenergy_scale = %s", at: "energy_scale",
			field: "agents[1].energy_scale", max: "1e6", problem: "is more than 1000000", hint: "USD bn"},
		{name: "oil production", new: "[agents.production.oil]\n1991 = 100\n1995 = %s\n", at: "1995 = ",
			field: "agents[4].production.oil", max: "1e6", problem: "year 1995: 1e308 is more than 1000000", hint: "thousand barrels a day"},
		{name: "gas production inline", old: `id = "AZE"`, new: "id = \"AZE\"\nproduction = { gas = { 1991 = 8, 2000 = %s } }", at: "production = ",
			field: "agents[1].production.gas", max: "1e5", problem: "year 2000: 1e308 is more than 100000", hint: "bcm a year"},
		{name: "oil imports", new: "[agents.imports]\noil = %s\n", at: "oil = ",
			field: "agents[4].imports.oil", max: "1e6", problem: "is more than 1000000", hint: "thousand barrels a day"},
		{name: "gas imports", new: "[agents.imports]\ngas = %s\n", at: "gas = ",
			field: "agents[4].imports.gas", max: "1e5", problem: "is more than 100000", hint: "bcm a year"},
		{name: "agent temperature", old: `id = "ARM"`, new: "id = \"ARM\"\ntemperature = %s", at: "temperature",
			field: "agents[2].temperature", max: "1e3", problem: "is more than 1000", hint: "close to random"},
		// [[routes]]
		{name: "capacity", old: "capacity = 100", new: "capacity = %s", at: "capacity = ",
			field: "routes[1].capacity", max: "1e6", problem: "1e308 is more than 1000000", hint: "kb/d of oil or bcm a year of gas"},
		{name: "tariff", old: "capacity = 100", new: "capacity = 100\ntariff = %s", at: "tariff",
			field: "routes[1].tariff", max: "1e5", problem: "is more than 100000", hint: "no fee"},
		{name: "transit fee", old: "capacity = 100", new: "capacity = 100\ntransit_fee = %s", at: "transit_fee",
			field: "routes[1].transit_fee", max: "1e5", problem: "is more than 100000", hint: "no fee"},
		{name: "contract", old: "capacity = 100", new: "capacity = 100\ncontract = %s", at: "contract",
			field: "routes[1].contract", max: "1e6", problem: "is more than 1000000", hint: "kb/d of oil"},
		{name: "build time", old: `status = "open"`, new: "status = \"open\"\nbuild_turns = %s", at: "build_turns",
			field: "routes[1].build_turns", over: "9223372036854775807", max: "10000", problem: "is more than the limit of 10000", hint: "outlasts the calendar"},
		// [[conflicts]]
		{name: "stake", old: "intensity = 0.5", new: "intensity = 0.5\nstakes = [0.3, %s]", at: "stakes",
			field: "conflicts[1].stakes[2]", max: "1e3", problem: "1e308 is outside the range -1000 to 1000", hint: "utility units"},
		{name: "negative stake", old: "intensity = 0.5", new: "intensity = 0.5\nstakes = [%s, 0.3]", at: "stakes",
			field: "conflicts[1].stakes[1]", over: "-1e308", max: "-1e3", problem: "-1e308 is outside the range -1000 to 1000", hint: "either way"},
		{name: "broker preference", old: "intensity = 0.5", new: "intensity = 0.5\nbrokers = [{ agent = \"RUS\", preference = %s }]", at: "brokers",
			field: "conflicts[1].brokers[1].preference", max: "1e3", problem: "is outside the range -1000 to 1000", hint: "utility units"},
		// [[institutions]], [[agreements]]
		{name: "membership revenue", old: `leader = "RUS"`, new: "leader = \"RUS\"\nrevenue = %s", at: "revenue",
			field: "institutions[1].revenue", max: "1e6", problem: "is more than 1000000", hint: "USD bn"},
		{name: "institution influence", old: `leader = "RUS"`, new: "leader = \"RUS\"\ninfluence = %s", at: "influence",
			field: "institutions[1].influence", max: "1e3", problem: "is more than 1000", hint: "a weight"},
		{name: "institution leverage", old: `leader = "RUS"`, new: "leader = \"RUS\"\nleverage = %s", at: "leverage",
			field: "institutions[1].leverage", max: "1e3", problem: "is more than 1000", hint: "a weight"},
		{name: "treaty revenue", old: `parties = ["AZE", "RUS"]`, new: "parties = [\"AZE\", \"RUS\"]\nrevenue = %s", at: "revenue",
			field: "agreements[1].revenue", max: "1e6", problem: "is more than 1000000", hint: "USD bn"},
		// [[events]]
		{name: "closure", new: "[[events]]\ndate = \"1995\"\nkind = \"route_close\"\ntarget = \"btc\"\nturns = %s\n", at: "turns = ",
			field: "events[2].turns", over: "10001", max: "10000", problem: "10001 turns is more than the limit of 10000", hint: "rest of the run"},
		{name: "stability lost in a coup", new: "[[events]]\ndate = \"1995\"\nkind = \"coup\"\ntarget = \"AZE\"\nvalue = %s\n", at: "value",
			field: "events[2].value", max: "1", problem: "1e308 is outside the range 0 to 1", hint: "stability lost"},
		{name: "value of a note", new: "[[events]]\ndate = \"1995\"\nkind = \"note\"\nvalue = %s\n", at: "value",
			field: "events[2].value", problem: "note events take no value", hint: "remove the value line"},
		// [[hazards]]
		{name: "hazard rate", old: "rate = 0.1", new: "rate = %s", at: "rate",
			field: "hazards[1].rate", max: "1e3", problem: "is more than 1000", hint: "occurrences a year"},
		{name: "hazard magnitude", old: "magnitude = 0.2", new: "magnitude = %s", at: "magnitude",
			field: "hazards[1].magnitude", max: "5", problem: "1e308 is more than 5", hint: "price shock"},
		{name: "price shock duration", new: "[[hazards]]\nkind = \"price_shock\"\nrate = 0.1\nturns = %s\n", at: "turns = ",
			field: "hazards[2].turns", over: "10001", max: "10000", problem: "more than the limit of 10000", hint: "rest of the run"},
	}
	// [[patterns]]
	pattern := "[[patterns]]\nid = \"p\"\nname = \"a fact\"\nsource = \"a book\"\nkind = \"state\"\nentity = \"AZE\"\nmetric = \"alignment\"\n"
	for _, key := range []string{"above", "below", "scale", "offset", "min_range"} {
		p := pattern
		if key != "above" {
			p += "above = 0\n"
		}
		c := ceilings["patterns[]."+key]
		problem := "1e308 is more than " + formatNum(c.max)
		if c.signed {
			problem = "1e308 is outside the range"
		}
		cases = append(cases, ceilingCase{name: "pattern " + key, new: p + key + " = %s\n", at: key + " = ",
			field: "patterns[1]." + key, max: formatNum(c.max), problem: problem, hint: c.why})
	}
	cases = append(cases, ceilingCase{name: "observed series", new: pattern + "above = 0\nobserved = { 1995 = %s }\n", at: "observed = ",
		field: "patterns[1].observed", max: "1e6", problem: "is outside the range -1000000 to 1000000", hint: ceilings["patterns[].observed"].why})
	// Every coefficient of the model and every effect size of every action
	// kind that has a ceiling, in the same form as the cases above.
	for _, p := range slices.Sorted(maps.Keys(ceilings)) {
		table, key, ok := strings.Cut(p, ".")
		if table == "actions" {
			var kind string
			kind, key, ok = strings.Cut(key, ".")
			table = "actions." + kind
		}
		if !ok || (table != "model" && !strings.HasPrefix(table, "actions.")) {
			continue
		}
		c := ceilings[p]
		cases = append(cases, ceilingCase{name: p, new: "[" + table + "]\n" + key + " = %s\n", at: key + " = ", field: p,
			max: formatNum(c.max), problem: "1e308 is more than " + formatNum(c.max), hint: c.why})
	}
	base := readBase(t)
	edit := func(t *testing.T, old, new, value string) string {
		t.Helper()
		if old == "" {
			return base + "\n" + fmt.Sprintf(new, value)
		}
		if !strings.Contains(base, old) {
			t.Fatalf("base has no %q", old)
		}
		return strings.Replace(base, old, fmt.Sprintf(new, value), 1)
	}
	covered := map[string]bool{}
	for _, c := range cases {
		covered[keyPath(c.field)] = true
		t.Run(c.name, func(t *testing.T) {
			over := c.over
			if over == "" {
				over = "1e308"
			}
			text := edit(t, c.old, c.new, over)
			sc, err := Parse("big.toml", []byte(text))
			if err == nil || sc != nil {
				t.Fatalf("%s = %s is accepted", c.field, over)
			}
			e := findField(err, text, c.field)
			if e == nil {
				t.Fatalf("no error for field %q in:\n%v", c.field, err)
			}
			msg := e.Error()
			wantLine := lineOf(t, text, c.at)
			for _, want := range []string{"big.toml:" + strconv.Itoa(wantLine) + ": ", e.Field + ": ", c.problem, " (", c.hint} {
				if !strings.Contains(msg, want) {
					t.Errorf("message lacks %q: %s", want, msg)
				}
			}
			if c.max == "" {
				return
			}
			if _, err := Parse("big.toml", []byte(edit(t, c.old, c.new, c.max))); err != nil {
				t.Errorf("%s = %s, the ceiling, is refused: %v", c.field, c.max, err)
			}
		})
	}
	for p := range ceilings {
		if !covered[p] {
			t.Errorf("no case tries the ceiling of %s", p)
		}
	}
}

// TestCeilingsReportedTogether checks that numbers over their ceilings in
// several sections are all reported in one go, with the other problems of
// the file, in file order.
func TestCeilingsReportedTogether(t *testing.T) {
	text := strings.NewReplacer(
		"capability = 1\n", "capability = 1e300\n",
		"stability = 0.6", "stability = 1.5",
		"capacity = 100", "capacity = 1e300",
		"rate = 0.1", "rate = 1e300",
	).Replace(readBase(t))
	_, err := Parse("big.toml", []byte(text))
	var list ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("want an ErrorList, got %v", err)
	}
	var fields []string
	for _, e := range list {
		fields = append(fields, e.Field)
	}
	want := []string{"agents.AZE.capability", "agents.ARM.stability", "routes.btc.capacity", "hazards[1].rate"}
	if !reflect.DeepEqual(fields, want) {
		t.Errorf("fields %v, want %v:\n%v", fields, want, err)
	}
}

func TestFormatNum(t *testing.T) {
	for x, want := range map[float64]string{
		1e308: "1e308", -1e308: "-1e308", 1e6: "1000000", 1e9: "1e9", 123456789012: "1.23456789012e11",
		2.5e-5: "2.5e-5", 0.0003: "0.0003", 1.5: "1.5", -0.1: "-0.1", 0: "0", math.Inf(1): "+Inf",
	} {
		if got := formatNum(x); got != want {
			t.Errorf("formatNum(%g) = %q, want %q", x, got, want)
		}
	}
	if got := formatNum(math.NaN()); got != "NaN" {
		t.Errorf("formatNum(NaN) = %q", got)
	}
}

// aNumber is one number of a scenario: where an override reaches it, and
// the field path of the ceilings.
type aNumber struct {
	set   string // the --set path: "agents[3].capability", "prices.oil.1992"
	key   string // "agents[].capability", "prices.oil"
	whole bool   // a whole number (of turns)
	list  bool   // a list of numbers (stakes), set whole with the value twice
}

// everyNumber lists every number of sc, in every entry of every list,
// with one year of each yearly series (the first listed, or 2000 for an
// empty series).
func everyNumber(path string, rv reflect.Value, t reflect.Type, out []aNumber) []aNumber {
	switch {
	case t == reflect.TypeFor[sim.Date]():
	case t == reflect.TypeFor[sim.Series]():
		year := 2000
		s := rv.Interface().(sim.Series)
		if s.IsConstant() {
			// Written as one number: set the number.
			out = append(out, aNumber{set: path, key: keyPath(path)})
			break
		}
		if len(s.Points) > 0 {
			year = s.Points[0].Year
		}
		out = append(out, aNumber{set: joinPath(path, strconv.Itoa(year)), key: keyPath(path)})
	case t.Kind() == reflect.Pointer:
		out = everyNumber(path, reflect.Zero(t.Elem()), t.Elem(), out)
	case t.Kind() == reflect.Float64:
		out = append(out, aNumber{set: path, key: keyPath(path)})
	case t.Kind() == reflect.Int:
		out = append(out, aNumber{set: path, key: keyPath(path), whole: true})
	case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Float64:
		out = append(out, aNumber{set: path, key: keyPath(indexPath(path, 1)), list: true})
	case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Struct:
		for i := range rv.Len() {
			out = everyNumber(indexPath(path, i+1), rv.Index(i), t.Elem(), out)
		}
	case t.Kind() == reflect.Struct:
		for _, f := range tomlFields(t) {
			out = everyNumber(joinPath(path, f.name), rv.FieldByIndex(f.Index), f.Type, out)
		}
	}
	return out
}

// nop is a Recorder that keeps nothing.
type nop struct{}

func (nop) Turn(*sim.Snapshot)     {}
func (nop) Decision(*sim.Decision) {}

// TestNoMagnitudeFaults sets every number of the default scenario, one at
// a time, through --set, to a huge value and to the largest its ceiling
// allows, and holds the loader and the engine to one promise: a value is
// either refused when the file is loaded, or the run ends without a
// numerical fault. Huge values must all be refused.
//
// Every entry of every list is tried, except that of the dated events,
// which read their numbers by kind, only the first of each kind is. Runs
// use yearly turns, a quarter of the default's, to keep the test short;
// with -short only the first entry of each list is tried.
func TestNoMagnitudeFaults(t *testing.T) {
	src, err := Source(Default)
	if err != nil {
		t.Fatal(err)
	}
	sc, err := Parse("d.toml", src)
	if err != nil {
		t.Fatal(err)
	}
	firstOfKind := map[string]bool{}
	seen := map[string]bool{}
	for i, e := range sc.Events {
		if !seen[e.Kind] {
			seen[e.Kind] = true
			firstOfKind[indexPath("events", i+1)] = true
		}
	}
	groups := map[string][]aNumber{}
	for _, n := range everyNumber("", reflect.ValueOf(sc).Elem(), reflect.TypeFor[sim.Scenario](), nil) {
		entry, _, _ := strings.Cut(n.set, ".")
		if strings.HasPrefix(entry, "events[") && !firstOfKind[entry] {
			continue
		}
		if testing.Short() && strings.Contains(strings.ReplaceAll(n.set, "[1]", ""), "[") {
			continue
		}
		group, _, _ := strings.Cut(entry, "[")
		groups[group] = append(groups[group], n)
	}
	yearly := Set{Path: "calendar.step", Value: "year"}
	var tried, runs atomic.Int64
	// try loads the scenario with n set to value and, if it loads, runs
	// it. It reports whether the value was refused.
	try := func(t *testing.T, n aNumber, value string) (refused bool) {
		t.Helper()
		if n.list {
			value = "[" + value + ", " + value + "]"
		}
		set := Set{Path: n.set, Value: value}
		sc, err := Parse("d.toml", src, set, yearly)
		if err != nil {
			return true
		}
		runs.Add(1)
		err = sim.Run(sc, sim.Options{Seed: 1}, nop{})
		var fe *sim.FaultError
		if errors.As(err, &fe) {
			t.Errorf("--set %s passes the checks, then the run faults: %v", set, err)
		} else if err != nil {
			t.Errorf("--set %s: %v", set, err)
		}
		return false
	}
	t.Run("sections", func(t *testing.T) {
		for group, numbers := range groups {
			t.Run(group, func(t *testing.T) {
				t.Parallel()
				for _, n := range numbers {
					tried.Add(1)
					huge := []string{"1e308"}
					var top []string
					if c, ok := ceilings[n.key]; ok {
						top = append(top, formatNum(c.max))
						if c.signed {
							huge = append(huge, "-1e308")
							top = append(top, formatNum(-c.max))
						}
					}
					if n.whole {
						huge = []string{strconv.FormatInt(math.MaxInt64, 10)}
						top = append(top, strconv.Itoa(DefaultLimits().Turns))
					}
					for _, v := range huge {
						if !try(t, n, v) {
							t.Errorf("--set %s=%s is accepted", n.set, v)
						}
					}
					for _, v := range top {
						try(t, n, v)
					}
				}
			})
		}
	})
	if runs.Load() == 0 {
		t.Fatal("no value at a ceiling was accepted, so nothing ran")
	}
	t.Logf("%d numbers tried, %d runs", tried.Load(), runs.Load())
}

// TestCeilingsTogether puts every number of the default scenario that has
// a ceiling at its ceiling at once, and runs the whole calendar with a few
// seeds: the ceilings are low enough that even all of them together leave
// every quantity of the model finite (revenues reach some 1e10 USD bn a
// year and arms some 1e16 units, far from overflowing).
func TestCeilingsTogether(t *testing.T) {
	src, err := Source(Default)
	if err != nil {
		t.Fatal(err)
	}
	sc, err := Parse("d.toml", src)
	if err != nil {
		t.Fatal(err)
	}
	var sets []Set
	for _, n := range everyNumber("", reflect.ValueOf(sc).Elem(), reflect.TypeFor[sim.Scenario](), nil) {
		c, ok := ceilings[n.key]
		if !ok {
			continue
		}
		value := formatNum(c.max)
		if n.list {
			value = "[" + value + ", " + value + "]"
		}
		sets = append(sets, Set{Path: n.set, Value: value})
	}
	sc, err = Parse("d.toml", src, sets...)
	if err != nil {
		t.Fatal(err)
	}
	for seed := range uint64(3) {
		if err := sim.Run(sc, sim.Options{Seed: seed}, nop{}); err != nil {
			t.Errorf("seed %d: %v", seed, err)
		}
	}
}
