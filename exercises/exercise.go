package exercises

import (
	"caspian/internal/suggest"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"caspian/scenarios"
	"caspian/sim"

	"github.com/BurntSushi/toml"
)

// files holds the exercises built into the program.
//
//go:embed *.toml
var files embed.FS

// Exercise is one class exercise: what students learn, the scenarios or
// variants it compares, what it measures in them, the questions students
// answer and the notes for the instructor.
type Exercise struct {
	// Name is the file name without .toml: what the user types.
	Name  string `toml:"-"`
	Title string `toml:"title"`
	// Level is introductory, intermediate or advanced.
	Level string `toml:"level"`
	// Minutes is the class time the exercise takes.
	Minutes    int      `toml:"minutes"`
	Objectives []string `toml:"objectives"`
	Background string   `toml:"background"`
	// Agents are the states the comparison figures follow (default: the
	// first variant's focal state).
	Agents []string `toml:"agents"`
	// Runs and Seed fix the ensembles (defaults 20 and 1).
	Runs      int        `toml:"runs"`
	Seed      uint64     `toml:"seed"`
	Variants  []Variant  `toml:"variants"`
	Measures  []Measure  `toml:"measures"`
	Questions []Question `toml:"questions"`
	// Extensions are things to try after class.
	Extensions      []string `toml:"extensions"`
	InstructorNotes string   `toml:"instructor_notes"`
	file            string
	lines           scenarios.LineIndex
	limits          Limits
	// builtin is set for an exercise built into the program, whose
	// variants may name built-in scenarios only.
	builtin bool
}

// Variant is one scenario the exercise runs: a built-in scenario or a
// file, with changes made to it.
type Variant struct {
	Name     string `toml:"name"`
	Label    string `toml:"label"`
	Scenario string `toml:"scenario"`
	// Set changes values ("agents[AZE].threat_response"); Remove deletes
	// entries of lists ("events[Crimea annexed]").
	Set    []Change `toml:"set"`
	Remove []string `toml:"remove"`
	line   int
}

// Change is one value a variant changes.
type Change struct {
	Key   string `toml:"key"`
	Value any    `toml:"value"`
}

// Measure is a number the exercise reads off every run of every variant.
// Exactly one of Agent+Metric, Route, Actor+Action, Member or Conflict
// says what it is.
type Measure struct {
	Label string `toml:"label"`
	// An agent's interest at a date (or at the end): metric is
	// alignment, security, energy, revenue, stability, arms or utility.
	Agent  string `toml:"agent"`
	Metric string `toml:"metric"`
	At     string `toml:"at"`
	// A route: the share of runs in which it is open by the end, and
	// when it opens.
	Route string `toml:"route"`
	// An action: how often actor takes it (at target, if given) per run.
	Actor  string `toml:"actor"`
	Action string `toml:"action"`
	Target string `toml:"target"`
	// Membership of Agent in an institution at the end.
	Member string `toml:"member"`
	// A conflict: the share of runs in which it ends in victory, and
	// who wins.
	Conflict string `toml:"conflict"`
	line     int
}

// Question is a question for students, with the discussion points the
// instructor's key gives.
//
// A discussion quotes results as {VARIANT: MEASURE LABEL}, replaced in the
// key by that measure's cell in that variant, so that no number in it is
// typed by hand. Its claims are the statements about the results it rests
// on; the key says of each whether it holds in the runs beside it, and the
// tests run every built-in exercise and require all of its claims to hold.
type Question struct {
	Text       string  `toml:"text"`
	Discussion string  `toml:"discussion"`
	Claims     []Claim `toml:"claims"`
}

// Claim states that a measure, in one variant, is above or below a
// number, or above, below or near the same measure in another variant. The
// value compared is the median for numbers and for how many times a run
// takes an action, and the share of runs for a route open, a membership
// at the end or a victory.
type Claim struct {
	Measure      string   `toml:"measure"` // a measure's label
	Variant      string   `toml:"variant"`
	Above        *float64 `toml:"above"`
	Below        *float64 `toml:"below"`
	AboveVariant string   `toml:"above_variant"`
	BelowVariant string   `toml:"below_variant"`
	// NearVariant with Within: no further than Within from the same
	// measure in that variant.
	NearVariant string   `toml:"near_variant"`
	Within      *float64 `toml:"within"`
	line        int
}

// quote matches a result quoted in a discussion: {VARIANT: MEASURE LABEL}.
var quote = regexp.MustCompile(`\{([A-Za-z0-9_-]+): ([^{}]+)\}`)

// Entry is one built-in exercise, as List shows it.
type Entry struct {
	Name, Title, Level string
	Minutes            int
}

// List returns the built-in exercises, sorted by name.
func List() ([]Entry, error) {
	names, err := fs.Glob(files, "*.toml")
	if err != nil {
		return nil, err
	}
	slices.Sort(names)
	var out []Entry
	for _, n := range names {
		ex, err := Load(n)
		if err != nil {
			return nil, err
		}
		out = append(out, Entry{Name: ex.Name, Title: ex.Title, Level: ex.Level, Minutes: ex.Minutes})
	}
	return out, nil
}

// Limits bound what an exercise file may hold and ask for. Exercise files
// are shared between strangers like scenario files; a zero field takes
// its default.
type Limits struct {
	// Scenario bounds the variants' scenarios; its Bytes and Depth bound
	// the exercise file too.
	Scenario scenarios.Limits
	// KeptRuns bounds the runs kept whole in memory: runs × variants
	// (default 2000).
	KeptRuns int
	// Measures bounds the [[measures]] (default 200).
	Measures int
	// Changes bounds the set and remove entries of all the variants
	// together (default 1000).
	Changes int
}

// DefaultLimits are the limits Load and Parse apply.
func DefaultLimits() Limits {
	return Limits{Scenario: scenarios.DefaultLimits(), KeptRuns: 2000, Measures: 200, Changes: 1000}
}

func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	if l.KeptRuns <= 0 {
		l.KeptRuns = d.KeptRuns
	}
	if l.Measures <= 0 {
		l.Measures = d.Measures
	}
	if l.Changes <= 0 {
		l.Changes = d.Changes
	}
	return l
}

// Load reads an exercise: the path of a file, or the name of a built-in
// exercise ("pipeline-politics"), with the DefaultLimits.
func Load(arg string) (*Exercise, error) { return LoadWith(arg, Limits{}) }

// LoadWith is Load with other limits.
func LoadWith(arg string, l Limits) (*Exercise, error) {
	if info, err := os.Stat(arg); err == nil && !info.IsDir() {
		bytes, _ := l.Scenario.Get("bytes")
		data, err := scenarios.ReadFile(arg, bytes)
		if err != nil {
			var se *scenarios.Error
			if errors.As(err, &se) {
				return nil, scenarios.ErrorList{{File: arg, Line: 0, Problem: problem(se)}}
			}
			return nil, err
		}
		return ParseWith(arg, data, l)
	}
	file := strings.TrimSuffix(path.Base(arg), ".toml") + ".toml"
	data, err := files.ReadFile(file)
	if errors.Is(err, fs.ErrNotExist) || strings.Contains(arg, "/") {
		names, _ := fs.Glob(files, "*.toml")
		for i := range names {
			names[i] = strings.TrimSuffix(names[i], ".toml")
		}
		slices.Sort(names)
		hint := ""
		if best, ok := suggest.Nearest(strings.TrimSuffix(path.Base(arg), ".toml"), names); ok {
			hint = fmt.Sprintf("; did you mean %q?", best)
		}
		return nil, fmt.Errorf("no exercise file or built-in exercise named %q%s (built-in exercises: %s)", arg, hint, strings.Join(names, ", "))
	}
	if err != nil {
		return nil, err
	}
	ex, err := ParseWith(file, data, l)
	if ex != nil {
		ex.builtin = true
	}
	return ex, err
}

// problem writes a scenarios.Error without its file, for an Error that
// names the file itself.
func problem(e *scenarios.Error) string {
	s := e.Problem
	if e.Field != "" {
		s = e.Field + ": " + s
	}
	if e.Hint != "" {
		s += " (" + e.Hint + ")"
	}
	return s
}

// Parse decodes an exercise file and checks it with the DefaultLimits;
// filename is used in messages, which are FILE:LINE: problem.
func Parse(filename string, data []byte) (*Exercise, error) {
	return ParseWith(filename, data, Limits{})
}

// ParseWith is Parse with other limits.
func ParseWith(filename string, data []byte, l Limits) (*Exercise, error) {
	l = l.withDefaults()
	if err := scenarios.PreScan(filename, string(data), l.Scenario); err != nil {
		var se *scenarios.Error
		if errors.As(err, &se) {
			return nil, scenarios.ErrorList{{File: filename, Line: se.Line, Problem: problem(se)}}
		}
		return nil, err
	}
	ex := &Exercise{file: filename, lines: scenarios.IndexLines(string(data)), limits: l}
	md, err := toml.Decode(string(data), ex)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, scenarios.ErrorList{{File: filename, Line: pe.Position.Line, Problem: pe.Message}}
		}
		line, msg := lineOf(err.Error())
		return nil, scenarios.ErrorList{{File: filename, Line: line, Problem: msg}}
	}
	ex.Name = strings.TrimSuffix(path.Base(filename), ".toml")
	var errs scenarios.ErrorList
	add := func(line int, format string, a ...any) {
		errs = append(errs, &scenarios.Error{File: filename, Line: line, Problem: fmt.Sprintf(format, a...)})
	}
	for _, k := range md.Undecoded() {
		msg := fmt.Sprintf("unknown key %q", k.String())
		if best, ok := suggest.Nearest(k[len(k)-1], knownKeys()); ok {
			msg += fmt.Sprintf(" (did you mean %q?)", best)
		}
		add(ex.lines.First(k...), "%s", msg)
	}
	if strings.TrimSpace(ex.Title) == "" {
		add(0, "title: missing")
	}
	switch ex.Level {
	case "introductory", "intermediate", "advanced":
	default:
		msg := fmt.Sprintf("level: %q is not one of introductory, intermediate, advanced", ex.Level)
		if best, ok := suggest.Nearest(ex.Level, []string{"introductory", "intermediate", "advanced"}); ok {
			msg += fmt.Sprintf(" (did you mean %q?)", best)
		}
		add(ex.lines.Line("level"), "%s", msg)
	}
	if ex.Runs == 0 {
		ex.Runs = 20
	}
	if ex.Runs < 1 {
		add(ex.lines.Line("runs"), "runs: %d is not a number of runs, 1 or more", ex.Runs)
	} else if msg := keptRuns(ex.Runs, len(ex.Variants), l.KeptRuns); msg != "" {
		add(ex.lines.Line("runs"), "runs: %s", msg)
	}
	if ex.Seed == 0 && !md.IsDefined("seed") {
		ex.Seed = 1
	}
	if len(ex.Variants) == 0 {
		add(0, "variants: an exercise needs at least one [[variants]] block")
	}
	if n := len(ex.Measures); n > l.Measures {
		add(0, "measures: %d measures is more than the limit of %d (raise it with --limit measures=%d)", n, l.Measures, n)
	}
	changes := 0
	for _, v := range ex.Variants {
		changes += len(v.Set) + len(v.Remove)
	}
	if changes > l.Changes {
		add(0, "variants: %d set and remove entries is more than the limit of %d (raise it with --limit changes=%d)", changes, l.Changes, changes)
	}
	seen := map[string]bool{}
	for i := range ex.Variants {
		v := &ex.Variants[i]
		v.line = ex.lines[fmt.Sprintf("variants[%d]", i+1)]
		switch {
		case v.Name == "":
			add(v.line, "variants[%d].name: missing", i+1)
		case seen[v.Name]:
			add(v.line, "variants[%d].name: %q is used twice", i+1, v.Name)
		}
		seen[v.Name] = true
		if v.Scenario == "" {
			add(v.line, "variants[%d].scenario: missing (a built-in scenario name or a file)", i+1)
		}
		if v.Label == "" {
			v.Label = v.Name
		}
	}
	for i := range ex.Measures {
		m := &ex.Measures[i]
		m.line = ex.lines[fmt.Sprintf("measures[%d]", i+1)]
		if msg := m.check(); msg != "" {
			add(m.line, "measures[%d]: %s", i+1, msg)
		}
	}
	variant := func(name string) bool {
		return slices.ContainsFunc(ex.Variants, func(v Variant) bool { return v.Name == name })
	}
	measure := func(label string) bool {
		return slices.ContainsFunc(ex.Measures, func(m Measure) bool { return m.Label == label })
	}
	for i := range ex.Questions {
		q := &ex.Questions[i]
		line := ex.lines[fmt.Sprintf("questions[%d]", i+1)]
		if strings.TrimSpace(q.Text) == "" {
			add(line, "questions[%d].text: missing", i+1)
		}
		for _, m := range quote.FindAllStringSubmatch(q.Discussion, -1) {
			switch {
			case !variant(m[1]):
				add(line, "questions[%d].discussion: %s quotes variant %q, which is not one of the exercise's variants", i+1, m[0], m[1])
			case !measure(strings.TrimSpace(m[2])):
				add(line, "questions[%d].discussion: %s quotes measure %q, which is no measure's label", i+1, m[0], strings.TrimSpace(m[2]))
			}
		}
		for k := range q.Claims {
			c := &q.Claims[k]
			c.line = ex.lines[fmt.Sprintf("questions[%d].claims[%d]", i+1, k+1)]
			if msg := c.check(variant, measure); msg != "" {
				add(c.line, "questions[%d].claims[%d]: %s", i+1, k+1, msg)
			}
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return ex, nil
}

// keptRuns says what is wrong with keeping runs runs of each of variants
// variants in memory, or "".
func keptRuns(runs, variants, limit int) string {
	v := max(1, variants)
	switch {
	case runs > limit:
		need := runs
		if runs <= math.MaxInt/v {
			need = runs * v
		}
		return fmt.Sprintf("%d runs is more than the limit of %d runs kept in memory (raise it with --limit kept-runs=%d)", runs, limit, need)
	case runs*v > limit:
		return fmt.Sprintf("%d variants × %d runs keep %d runs in memory, more than the limit of %d (raise it with --limit kept-runs=%d)",
			v, runs, runs*v, limit, runs*v)
	}
	return ""
}

// knownKeys are every key an exercise file may use, for suggestions.
func knownKeys() []string {
	var out []string
	for _, t := range []reflect.Type{reflect.TypeFor[Exercise](), reflect.TypeFor[Variant](), reflect.TypeFor[Change](),
		reflect.TypeFor[Measure](), reflect.TypeFor[Question](), reflect.TypeFor[Claim]()} {
		for i := range t.NumField() {
			tag, _, _ := strings.Cut(t.Field(i).Tag.Get("toml"), ",")
			if tag != "" && tag != "-" && !slices.Contains(out, tag) {
				out = append(out, tag)
			}
		}
	}
	return out
}

// metrics are the agent quantities a measure may read.
var metrics = sim.AgentMetricNames()

// check says what is wrong with a claim, or "".
func (c *Claim) check(variant, measure func(string) bool) string {
	kinds := 0
	for _, set := range []bool{c.Above != nil, c.Below != nil, c.AboveVariant != "", c.BelowVariant != "", c.NearVariant != ""} {
		if set {
			kinds++
		}
	}
	switch {
	case !measure(c.Measure):
		return fmt.Sprintf("measure %q is no measure's label", c.Measure)
	case !variant(c.Variant):
		return fmt.Sprintf("variant %q is not one of the exercise's variants", c.Variant)
	case kinds != 1:
		return "give exactly one of above, below, above_variant, below_variant or near_variant (with within)"
	case (c.NearVariant != "") != (c.Within != nil):
		return "near_variant and within go together: near_variant = \"NAME\" with within = the largest difference"
	case c.NearVariant != "" && !variant(c.NearVariant):
		return fmt.Sprintf("near_variant %q is not one of the exercise's variants", c.NearVariant)
	case c.AboveVariant != "" && !variant(c.AboveVariant):
		return fmt.Sprintf("above_variant %q is not one of the exercise's variants", c.AboveVariant)
	case c.BelowVariant != "" && !variant(c.BelowVariant):
		return fmt.Sprintf("below_variant %q is not one of the exercise's variants", c.BelowVariant)
	}
	return ""
}

// check says what is wrong with a measure, or "".
func (m *Measure) check() string {
	kinds := 0
	for _, set := range []bool{m.Metric != "" && m.Member == "", m.Route != "", m.Action != "", m.Member != "", m.Conflict != ""} {
		if set {
			kinds++
		}
	}
	switch {
	case m.Label == "":
		return "label: missing"
	case kinds != 1:
		return "give exactly one of metric (with agent), route, action (with actor), member (with agent) or conflict"
	case m.Metric != "" && !slices.Contains(metrics, m.Metric):
		return fmt.Sprintf("metric %q is not one of %s", m.Metric, strings.Join(metrics, ", "))
	case (m.Metric != "" || m.Member != "") && m.Agent == "":
		return "agent: missing"
	case m.Action != "" && m.Actor == "":
		return "actor: missing"
	}
	return ""
}

// decodeLine finds "line N (last key K): " in a decoder message.
var decodeLine = regexp.MustCompile(`^(?:toml: )?line (\d+) \(last key "([^"]*)"\): `)

// lineOf takes the line out of a decoder message.
func lineOf(msg string) (int, string) {
	m := decodeLine.FindStringSubmatch(msg)
	if m == nil {
		return 0, strings.TrimPrefix(msg, "toml: ")
	}
	n, _ := strconv.Atoi(m[1])
	return n, m[2] + ": " + msg[len(m[0]):]
}
