package exercises

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

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
	lines           lineIndex
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
type Question struct {
	Text       string `toml:"text"`
	Discussion string `toml:"discussion"`
}

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

// Load reads an exercise: the path of a file, or the name of a built-in
// exercise ("pipeline-politics").
func Load(arg string) (*Exercise, error) {
	if info, err := os.Stat(arg); err == nil && !info.IsDir() {
		data, err := os.ReadFile(arg)
		if err != nil {
			return nil, err
		}
		return Parse(arg, data)
	}
	file := strings.TrimSuffix(path.Base(arg), ".toml") + ".toml"
	data, err := files.ReadFile(file)
	if errors.Is(err, fs.ErrNotExist) || strings.Contains(arg, "/") {
		names, _ := fs.Glob(files, "*.toml")
		for i := range names {
			names[i] = strings.TrimSuffix(names[i], ".toml")
		}
		slices.Sort(names)
		return nil, fmt.Errorf("no exercise file or built-in exercise named %q (built-in exercises: %s)", arg, strings.Join(names, ", "))
	}
	if err != nil {
		return nil, err
	}
	return Parse(file, data)
}

// Parse decodes an exercise file and checks it; filename is used in
// messages, which are FILE:LINE: problem.
func Parse(filename string, data []byte) (*Exercise, error) {
	ex := &Exercise{file: filename, lines: indexLines(string(data))}
	md, err := toml.Decode(string(data), ex)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, Errors{{filename, pe.Position.Line, pe.Message}}
		}
		line, msg := lineOf(err.Error())
		return nil, Errors{{filename, line, msg}}
	}
	ex.Name = strings.TrimSuffix(path.Base(filename), ".toml")
	var errs Errors
	add := func(line int, format string, a ...any) {
		errs = append(errs, &Error{filename, line, fmt.Sprintf(format, a...)})
	}
	for _, k := range md.Undecoded() {
		add(ex.lines.find(k[len(k)-1]), "unknown key %q", k.String())
	}
	if strings.TrimSpace(ex.Title) == "" {
		add(0, "title: missing")
	}
	switch ex.Level {
	case "introductory", "intermediate", "advanced":
	default:
		add(ex.lines.find("level"), "level: %q is not one of introductory, intermediate, advanced", ex.Level)
	}
	if ex.Runs == 0 {
		ex.Runs = 20
	}
	if ex.Runs < 1 || ex.Runs > 1000 {
		add(ex.lines.find("runs"), "runs: %d is not between 1 and 1000", ex.Runs)
	}
	if ex.Seed == 0 && !md.IsDefined("seed") {
		ex.Seed = 1
	}
	if len(ex.Variants) == 0 {
		add(0, "variants: an exercise needs at least one [[variants]] block")
	}
	seen := map[string]bool{}
	vline := ex.lines.all("[[variants]]")
	for i := range ex.Variants {
		v := &ex.Variants[i]
		if i < len(vline) {
			v.line = vline[i]
		}
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
	mline := ex.lines.all("[[measures]]")
	for i := range ex.Measures {
		m := &ex.Measures[i]
		if i < len(mline) {
			m.line = mline[i]
		}
		if msg := m.check(); msg != "" {
			add(m.line, "measures[%d]: %s", i+1, msg)
		}
	}
	for i, q := range ex.Questions {
		if strings.TrimSpace(q.Text) == "" {
			add(0, "questions[%d].text: missing", i+1)
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return ex, nil
}

// metrics are the agent quantities a measure may read.
var metrics = []string{"alignment", "security", "energy", "revenue", "stability", "arms", "utility"}

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

// Error is a problem in an exercise file, placed on its line.
type Error struct {
	File    string
	Line    int
	Problem string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Problem)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Problem)
}

// Errors are all the problems found in a file.
type Errors []*Error

func (l Errors) Error() string {
	s := make([]string, len(l))
	for i, e := range l {
		s[i] = e.Error()
	}
	return strings.Join(s, "\n")
}

// lineIndex finds keys and headers in the text of a file.
type lineIndex []string

func indexLines(text string) lineIndex { return strings.Split(text, "\n") }

// find returns the first line that sets key, or 0.
func (ix lineIndex) find(key string) int {
	for i, l := range ix {
		t := strings.TrimSpace(l)
		if rest, ok := strings.CutPrefix(t, key); ok && strings.HasPrefix(strings.TrimSpace(rest), "=") {
			return i + 1
		}
	}
	return 0
}

// all returns every line that is exactly header.
func (ix lineIndex) all(header string) []int {
	var out []int
	for i, l := range ix {
		if strings.TrimSpace(l) == header {
			out = append(out, i+1)
		}
	}
	return out
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
