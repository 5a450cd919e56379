package scenarios

import (
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"caspian/patterns"
	"caspian/sim"
)

// isAgentID reports whether id has the form of an agent id: a capital
// letter, then capitals and digits, as in the ISO 3166 alpha-3 codes
// ("AZE") or "EU".
func isAgentID(id string) bool {
	for i, r := range id {
		letter := r >= 'A' && r <= 'Z'
		digit := r >= '0' && r <= '9'
		if !letter && (i == 0 || !digit) {
			return false
		}
	}
	return id != ""
}

// validator holds what the checks of one scenario share: where to report,
// and the ids each kind of object defines, for resolving references.
type validator struct {
	r  *report
	sc *sim.Scenario
	// limits bound the calendar and the series.
	limits Limits
	// calendarOK says start, end and step are usable, so dates can be
	// placed on turns.
	calendarOK   bool
	agents       *idSet
	routes       *idSet
	conflicts    *idSet
	institutions *idSet
	agreements   *idSet
}

// validate runs every semantic check on a decoded scenario and reports
// what fails to r.
func validate(r *report, sc *sim.Scenario, l Limits) {
	v := &validator{r: r, sc: sc, limits: l}
	v.numbers("", reflect.ValueOf(sc).Elem())
	v.header()
	v.calendar()
	v.collectIDs()
	v.axis()
	v.prices()
	v.model()
	v.actions()
	for i := range sc.Agents {
		v.agent(indexPath("agents", i+1), &sc.Agents[i])
	}
	v.culture()
	v.relations()
	for i := range sc.Routes {
		v.route(indexPath("routes", i+1), &sc.Routes[i])
	}
	for i := range sc.Conflicts {
		v.conflict(indexPath("conflicts", i+1), &sc.Conflicts[i])
	}
	for i := range sc.Institutions {
		v.institution(indexPath("institutions", i+1), &sc.Institutions[i])
	}
	for i := range sc.Agreements {
		v.agreement(indexPath("agreements", i+1), &sc.Agreements[i])
	}
	for i := range sc.Embargoes {
		v.embargo(indexPath("embargoes", i+1), &sc.Embargoes[i])
	}
	for i := range sc.Events {
		v.event(indexPath("events", i+1), &sc.Events[i])
	}
	for i := range sc.Hazards {
		v.hazard(indexPath("hazards", i+1), &sc.Hazards[i])
	}
	v.patterns()
}

// patterns checks the observed facts the scenario carries. Their rules
// live with the validation that reads them (package patterns), so the
// loader asks it rather than restating them.
func (v *validator) patterns() {
	if !v.calendarOK || len(v.sc.Patterns) == 0 {
		return
	}
	for _, p := range patterns.Problems(v.sc) {
		v.r.add(indexPath("patterns", p.Pattern)+"."+p.Key, p.Problem, p.Hint)
	}
}

// --- numbers -------------------------------------------------------------

// numbers reports every NaN or infinite number anywhere in the scenario,
// every number above its ceiling (see ceilings) and every series longer
// than the limit. TOML allows nan and inf, but no quantity of the model
// can take them.
func (v *validator) numbers(path string, rv reflect.Value) {
	switch rv.Kind() {
	case reflect.Float64:
		if f := rv.Float(); math.IsNaN(f) || math.IsInf(f, 0) {
			v.r.add(path, "must be an ordinary number, not "+formatNum(f), "nan and inf are valid TOML but mean nothing to the model")
		} else if c, ok := ceilingOf(path); ok {
			v.atMost(path, f, c)
		}
	case reflect.Pointer:
		if !rv.IsNil() {
			v.numbers(path, rv.Elem())
		}
	case reflect.Slice:
		for i := range rv.Len() {
			v.numbers(indexPath(path, i+1), rv.Index(i))
		}
	case reflect.Struct:
		if rv.Type() == reflect.TypeFor[sim.Series]() {
			// The series decoder already refuses nan and inf.
			s := rv.Interface().(sim.Series)
			if n := len(s.Points); n > v.limits.SeriesPoints {
				problem, hint := overLimit("years", "series", n, v.limits.SeriesPoints)
				v.r.add(path, problem, hint)
			} else if c, ok := ceilingOf(path); ok {
				v.seriesAtMost(path, s, c)
			}
			return
		}
		for _, f := range tomlFields(rv.Type()) {
			v.numbers(joinPath(path, f.name), rv.FieldByIndex(f.Index))
		}
	}
}

// finite reports whether x is an ordinary number.
func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// between reports x outside [lo, hi]. Non-finite values were reported by
// finite already.
func (v *validator) between(path string, x, lo, hi float64, hint string) {
	if !finite(x) {
		return
	}
	if x < lo || x > hi {
		v.r.add(path, formatNum(x)+" is outside the range "+formatNum(lo)+" to "+formatNum(hi), hint)
	}
}

// inRange reports x outside the range sim.Ranges gives the number at
// path, with the range's hint.
func (v *validator) inRange(path string, x float64) {
	r, ok := sim.RangeOf(path)
	if !ok {
		// Every number inRange is called for has a range: a test sets
		// each one out of its range and looks for this check's message.
		v.r.add(path, "has no range to check", "report this as a bug in sim")
		return
	}
	if !finite(x) || r.Contains(x) {
		return
	}
	switch {
	case r.Above && x <= r.Min:
		v.r.add(path, "must be above "+formatNum(r.Min)+", got "+formatNum(x), r.Hint)
	case math.IsInf(r.Max, 1):
		v.r.add(path, formatNum(x)+" is below "+formatNum(r.Min), r.Hint)
	default:
		v.r.add(path, formatNum(x)+" is outside the range "+formatNum(r.Min)+" to "+formatNum(r.Max), r.Hint)
	}
}

// atLeast reports x below lo.
func (v *validator) atLeast(path string, x, lo float64, hint string) {
	if !finite(x) {
		return
	}
	if x < lo {
		v.r.add(path, formatNum(x)+" is below "+formatNum(lo), hint)
	}
}

// positive reports x that is zero or negative.
func (v *validator) positive(path string, x float64, hint string) {
	if !finite(x) {
		return
	}
	if x <= 0 {
		v.r.add(path, "must be above zero, got "+formatNum(x), hint)
	}
}

// count reports a number of turns that is negative, or longer than the
// longest calendar the turns limit allows: a duration past the end of the
// calendar already lasts the rest of the run, so a longer one can only be
// a slip (and would overflow the turn counter).
func (v *validator) count(path string, n int, hint string) {
	switch {
	case n < 0:
		v.r.add(path, "must not be negative, got "+strconv.Itoa(n), hint)
	case n > v.limits.Turns:
		v.r.add(path, strconv.Itoa(n)+" turns is more than the limit of "+strconv.Itoa(v.limits.Turns),
			"no calendar may be longer, and a duration that outlasts the calendar already lasts the rest of the run")
	}
}

// seriesInRange reports the values of a yearly series outside the
// range sim.Ranges gives it, each on the line where its year is written.
// Series are amounts and prices, bounded only below.
func (v *validator) seriesInRange(path string, s sim.Series) {
	r, ok := sim.RangeOf(path)
	if !ok {
		v.r.add(path, "has no range to check", "report this as a bug in sim")
		return
	}
	for _, p := range s.Points {
		if p.Value < r.Min {
			v.yearProblem(path, p, "is negative", r.Hint)
		}
	}
}

// yearProblem reports a problem with one year's value of the series at
// path, on the line where that year is written: "year 1995: -3 is
// negative".
func (v *validator) yearProblem(path string, p sim.Point, problem, hint string) {
	if p.Year == 0 {
		// A series written as one number, for every year.
		v.r.add(path, formatNum(p.Value)+" "+problem, hint)
		return
	}
	year := strconv.Itoa(p.Year)
	v.r.addAt(joinPath(path, year), path, "year "+year+": "+formatNum(p.Value)+" "+problem, hint)
}

// formatNum writes a number as a reader would, and as TOML reads it:
// whole numbers below a thousand million in full, others in the shortest
// form, with exponents written plainly ("1e308", "2.5e-5").
func formatNum(x float64) string {
	if x == math.Trunc(x) && math.Abs(x) < 1e9 {
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	s := strconv.FormatFloat(x, 'g', -1, 64)
	mant, exp, ok := strings.Cut(s, "e")
	if !ok {
		return s
	}
	sign := ""
	if exp[0] == '-' {
		sign = "-"
	}
	return mant + "e" + sign + strings.TrimLeft(exp[1:], "0")
}

const (
	turnsHint     = "a number of turns, 0 or more"
	dateRangeHint = "dated items must fall between calendar.start and calendar.end"
)

// --- top level -----------------------------------------------------------

func (v *validator) header() {
	if strings.TrimSpace(v.sc.Name) == "" {
		v.r.add("name", "missing", `add name = "my-scenario" at the top of the file`)
	}
}

func (v *validator) calendar() {
	c := v.sc.Calendar
	if c.Start.IsZero() {
		v.r.add("calendar.start", "missing", `add start = "1991" (or "1991-Q4", "1991-10") under [calendar]`)
	}
	if c.End.IsZero() {
		v.r.add("calendar.end", "missing", `add end = "2025" under [calendar]`)
	}
	stepOK := false
	switch c.Step {
	case sim.Month, sim.Quarter, sim.Year:
		stepOK = true
	case "":
		v.r.add("calendar.step", "missing", `add step = "quarter" under [calendar] (or "month", "year")`)
	default:
		v.r.add("calendar.step", "unknown step "+quote(string(c.Step)),
			didYouMean(string(c.Step), sim.AllowedValues["calendar.step"], "choose one of"))
	}
	if c.Start.IsZero() || c.End.IsZero() {
		return
	}
	if !c.Start.Before(c.End) {
		v.r.add("calendar.end", c.End.String()+" does not come after calendar.start ("+c.Start.String()+")", "check the years")
		return
	}
	if h := c.HistoryUntil; !h.IsZero() && (h.Before(c.Start) || c.End.Before(h)) {
		v.r.add("calendar.history_until", h.String()+" is outside the calendar ("+c.Start.String()+" to "+c.End.String()+")",
			"history_until must lie between start and end; leave it out to let agents decide from the first turn")
	}
	if !stepOK {
		return
	}
	if n := c.Turns(); n > v.limits.Turns {
		v.r.add("calendar.end", "the calendar has "+strconv.Itoa(n)+" turns, more than the limit of "+strconv.Itoa(v.limits.Turns),
			"check the years, or use a longer step; to run it as it is, raise the limit with --limit turns="+strconv.Itoa(n))
		return
	}
	v.calendarOK = true
}

// inCalendar reports a date that falls outside the turns of the calendar.
func (v *validator) inCalendar(path string, d sim.Date) {
	if !v.calendarOK || d.IsZero() {
		return
	}
	c := v.sc.Calendar
	if t := c.TurnOf(d); t < 0 || t >= c.Turns() {
		v.r.add(path, d.String()+" is outside the calendar (its turns run from "+c.Label(0)+" to "+c.Label(c.Turns()-1)+")", dateRangeHint)
	}
}

// exampleDate is a date of the file's own calendar for hints: its middle
// turn, or the calendar's start while the calendar is unusable.
func (v *validator) exampleDate() string {
	c := v.sc.Calendar
	if !v.calendarOK {
		if c.Start.IsZero() {
			return "2000-Q1"
		}
		return c.Start.String()
	}
	return c.Label(c.Turns() / 2)
}

// exampleParties is a parties list of the file's own agents for hints.
func (v *validator) exampleParties() string {
	var ids []string
	for _, a := range v.sc.Agents {
		if a.ID != "" && len(ids) < 2 {
			ids = append(ids, quote(a.ID))
		}
	}
	for len(ids) < 2 {
		ids = append(ids, quote([]string{"AAA", "BBB"}[len(ids)]))
	}
	return "[" + strings.Join(ids, ", ") + "]"
}

// notAfterEnd reports a date from which something becomes possible (a
// route on the table, an institution founded, a treaty open for
// signature) that falls after the calendar's last turn, so that it could
// never happen in the run. A date before the start is fine: the thing is
// possible from the first turn.
func (v *validator) notAfterEnd(path string, d sim.Date, hint string) {
	if !v.calendarOK || d.IsZero() {
		return
	}
	c := v.sc.Calendar
	if c.TurnOf(d) >= c.Turns() {
		v.r.add(path, d.String()+" is after calendar.end ("+c.End.String()+")", hint)
	}
}

// --- ids and references --------------------------------------------------

// idSet is the ids one kind of object defines.
type idSet struct {
	kind string // "agent", "route"...
	ids  map[string]bool
}

func newIDSet(kind string) *idSet { return &idSet{kind: kind, ids: map[string]bool{}} }

func (s *idSet) has(id string) bool { return s.ids[id] }

func (s *idSet) list() []string {
	out := make([]string, 0, len(s.ids))
	for id := range s.ids {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

// collectIDs gathers the ids of every kind, reporting missing, malformed
// and repeated ones. References are resolved against these sets.
func (v *validator) collectIDs() {
	sc := v.sc
	v.agents = newIDSet("agent")
	for i, a := range sc.Agents {
		path := indexPath("agents", i+1) + ".id"
		v.define(v.agents, path, a.ID)
		if a.ID != "" && !isAgentID(a.ID) {
			hint := `use the ISO 3166 alpha-3 code in capitals, e.g. "AZE", or "EU"`
			if up := strings.ToUpper(a.ID); isAgentID(up) {
				hint = "write it in capitals: " + quote(up)
			}
			v.r.add(path, "agent id "+quote(a.ID)+" must be capital letters and digits", hint)
		}
	}
	if len(sc.Agents) < 2 {
		v.r.add("agents", "a scenario needs at least 2 agents, found "+strconv.Itoa(len(sc.Agents)),
			"add an [[agents]] block for each state or bloc")
	}
	v.routes = newIDSet("route")
	for i, x := range sc.Routes {
		v.define(v.routes, indexPath("routes", i+1)+".id", x.ID)
	}
	v.conflicts = newIDSet("conflict")
	for i, x := range sc.Conflicts {
		v.define(v.conflicts, indexPath("conflicts", i+1)+".id", x.ID)
	}
	v.institutions = newIDSet("institution")
	for i, x := range sc.Institutions {
		v.define(v.institutions, indexPath("institutions", i+1)+".id", x.ID)
	}
	v.agreements = newIDSet("agreement")
	for i, x := range sc.Agreements {
		v.define(v.agreements, indexPath("agreements", i+1)+".id", x.ID)
	}
}

// define adds id to set, reporting an empty or repeated id.
func (v *validator) define(set *idSet, path, id string) {
	switch {
	case strings.TrimSpace(id) == "":
		v.r.add(path, "missing", "every "+set.kind+" needs an id that other entries can refer to")
	case set.has(id):
		v.r.add(path, "duplicate "+set.kind+" id "+quote(id), "each "+set.kind+" needs its own id")
	default:
		set.ids[id] = true
	}
}

// ref reports a reference that names no object of set's kind. An empty
// reference is reported only if required.
func (v *validator) ref(path, id string, set *idSet, required bool) {
	if id == "" {
		if required {
			v.r.add(path, "missing", "name the "+set.kind+" by its id")
		}
		return
	}
	if !set.has(id) {
		v.r.add(path, "unknown "+set.kind+" "+quote(id), didYouMean(id, set.list(), "known "+set.kind+"s"))
	}
}

// refs checks a list of references and that none is repeated.
func (v *validator) refs(path string, ids []string, set *idSet) {
	seen := map[string]bool{}
	for i, id := range ids {
		p := indexPath(path, i+1)
		if id == "" {
			v.r.add(p, "empty "+set.kind+" id", "remove the empty entry or name the "+set.kind)
			continue
		}
		v.ref(p, id, set, true)
		if seen[id] {
			v.r.add(p, quote(id)+" is listed twice", "list each "+set.kind+" once")
		}
		seen[id] = true
	}
}

// targetSet returns the ids that a target of type t must be one of.
func (v *validator) targetSet(t sim.TargetType) *idSet {
	switch t {
	case sim.AgentTarget:
		return v.agents
	case sim.RouteTarget:
		return v.routes
	case sim.ConflictTarget:
		return v.conflicts
	case sim.InstitutionTarget:
		return v.institutions
	case sim.AgreementTarget:
		return v.agreements
	}
	return nil
}

// withArticle puts "a" or "an" before a noun.
func withArticle(noun string) string {
	if noun != "" && strings.ContainsRune("aeiou", rune(noun[0])) {
		return "an " + noun
	}
	return "a " + noun
}
