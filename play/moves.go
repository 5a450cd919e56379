package play

import (
	"bytes"
	"caspian/internal/atomicwrite"
	"caspian/internal/suggest"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"caspian/scenarios"
	"caspian/sim"

	"github.com/BurntSushi/toml"
)

// Save is a game written to a file: enough to play it again exactly.
// It is a TOML file:
//
//	scenario = "azerbaijan-1991"
//	sha256 = "…"
//	seed = 1
//	agent = "AZE"
//	moves = [
//	  "1994-Q3 security_coop TUR",
//	  "1994-Q4 none",
//	  "1995-Q1 auto",   # the model chose: sign_agreement contract-of-century
//	]
//
// Each move is "TURN ACTION [TARGET]": the turn as the game labels it,
// an action kind with its target, none (do nothing) or auto (let the
// model choose). A plain text file with one such move a line (and #
// comments) is accepted too, for lists of moves written by hand; its
// scenario, seed and agent then come from the command line.
type Save struct {
	Scenario string `toml:"scenario"`
	SHA256   string `toml:"sha256"`
	Seed     uint64 `toml:"seed"`
	Agent    string `toml:"agent"`
	// Overrides change the scenario as --set does, PATH=VALUE, in order.
	Overrides []string `toml:"overrides"`
	Moves     []Step   `toml:"-"`
	// Others are other states' moves held as they were made (a class
	// session's other students): "TURN AGENT ACTION [TARGET]".
	Others []Step `toml:"-"`
	// Plain is true for a plain list of moves, which names no scenario,
	// seed or agent.
	Plain bool `toml:"-"`
}

// Step is one move of a saved game.
type Step struct {
	Label string // the turn, "1994-Q3"
	// Agent is the state that moves, in the others of a saved game only
	// (moves are the player's).
	Agent          string
	Action, Target string
	// Demand is what a pressure or cut-off asks, written after a slash:
	// "1995-Q2 pressure GEO / stay in cis".
	Demand string
	Line   int // where it is in its file, for messages
	// Note is written after the move as a comment (what auto chose).
	Note string
}

// String writes the move as a saved game lists it.
func (s Step) String() string {
	out := s.Label
	for _, w := range []string{s.Agent, s.Action, s.Target} {
		if w != "" {
			out += " " + w
		}
	}
	if s.Demand != "" {
		out += " / " + s.Demand
	}
	return out
}

// ReadSave reads a saved game or a plain list of moves, with the default
// limits.
func ReadSave(path string) (*Save, error) {
	return ReadSaveWith(path, scenarios.Limits{})
}

// ReadSaveWith reads a saved game or a plain list of moves no larger than
// the limits allow. Saved games pass from students to instructors, so
// they are read as carefully as scenario files.
func ReadSaveWith(path string, l scenarios.Limits) (*Save, error) {
	size, _ := l.Get("bytes")
	data, err := scenarios.ReadFile(path, size)
	if err != nil {
		var se *scenarios.Error
		if errors.As(err, &se) {
			return nil, fileError(se)
		}
		return nil, fmt.Errorf("cannot read the moves: %w", err)
	}
	return parseSave(path, data, l)
}

// fileError turns a problem the scenario reader found into one placed in
// the moves file.
func fileError(se *scenarios.Error) *scenarios.Error {
	p := se.Problem
	if se.Hint != "" {
		p += " (" + se.Hint + ")"
	}
	return &scenarios.Error{File: se.File, Line: se.Line, Problem: p}
}

// ParseSave reads a saved game (TOML) or a plain list of moves from
// data; filename is used in messages.
func ParseSave(filename string, data []byte) (*Save, error) {
	return parseSave(filename, data, scenarios.Limits{})
}

func parseSave(filename string, data []byte, l scenarios.Limits) (*Save, error) {
	if err := scenarios.PreScan(filename, string(data), l); err != nil {
		var se *scenarios.Error
		if errors.As(err, &se) {
			return nil, fileError(se)
		}
		return nil, err
	}
	if looksPlain(data) {
		return parsePlain(filename, data)
	}
	var raw struct {
		Scenario  string   `toml:"scenario"`
		SHA256    string   `toml:"sha256"`
		Seed      uint64   `toml:"seed"`
		Agent     string   `toml:"agent"`
		Overrides []string `toml:"overrides"`
		Moves     []string `toml:"moves"`
		Others    []string `toml:"others"`
	}
	md, err := toml.Decode(string(data), &raw)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, &scenarios.Error{File: filename, Line: pe.Position.Line, Problem: pe.Message}
		}
		return nil, &scenarios.Error{File: filename, Problem: strings.TrimPrefix(err.Error(), "toml: ")}
	}
	lines := scenarios.IndexLines(string(data))
	for _, k := range md.Undecoded() {
		hint := "a saved game has scenario, sha256, seed, agent, overrides, moves and others"
		if best, ok := suggest.Nearest(k.String(), []string{"scenario", "sha256", "seed", "agent", "overrides", "moves", "others"}); ok {
			hint = fmt.Sprintf("did you mean %q?", best)
		}
		return nil, &scenarios.Error{File: filename, Line: lines.First(k...), Problem: fmt.Sprintf("unknown key %q (%s)", k.String(), hint)}
	}
	if !md.IsDefined("moves") {
		return nil, &scenarios.Error{File: filename, Problem: `no moves: a saved game lists them as moves = ["1994-Q3 security_coop TUR", ...]`}
	}
	s := &Save{Scenario: raw.Scenario, SHA256: raw.SHA256, Seed: raw.Seed, Agent: raw.Agent, Overrides: raw.Overrides}
	if s.Moves, err = placeSteps(filename, string(data), lines.Line("moves"), raw.Moves, parseStep); err != nil {
		return nil, err
	}
	if s.Others, err = placeSteps(filename, string(data), lines.Line("others"), raw.Others, parseOther); err != nil {
		return nil, err
	}
	return s, nil
}

// placeSteps parses the steps of a list that starts on line at of text,
// placing each on its line. Each is looked for in the text after the
// one before, so that the steps are placed in one pass; once one is not
// found as written (a move in single quotes, say), the rest are left
// without a line rather than searched for again and again.
func placeSteps(filename, text string, at int, list []string, parse func(string) (Step, error)) ([]Step, error) {
	off, line := 0, 1
	for line < at {
		i := strings.IndexByte(text[off:], '\n')
		if i < 0 {
			break
		}
		off += i + 1
		line++
	}
	lost := false
	var out []Step
	for _, m := range list {
		n := 0
		if !lost {
			quoted := strconv.Quote(m)
			if i := strings.Index(text[off:], quoted); i >= 0 {
				line += strings.Count(text[off:off+i], "\n")
				off += i + len(quoted)
				n = line
			} else {
				lost = true
			}
		}
		st, err := parse(m)
		if err != nil {
			return nil, &scenarios.Error{File: filename, Line: n, Problem: err.Error()}
		}
		st.Line = n
		out = append(out, st)
	}
	return out, nil
}

// looksPlain reports whether data is a plain list of moves: its first
// line that is not blank or a comment starts with a turn label rather
// than a TOML key.
func looksPlain(data []byte) bool {
	for _, l := range strings.Split(string(data), "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		return len(l) >= 4 && l[0] >= '0' && l[0] <= '9' && !strings.Contains(l, "=")
	}
	return false
}

func parsePlain(filename string, data []byte) (*Save, error) {
	s := &Save{Plain: true}
	for i, l := range strings.Split(string(data), "\n") {
		if j := strings.Index(l, "#"); j >= 0 {
			l = l[:j]
		}
		if strings.TrimSpace(l) == "" {
			continue
		}
		st, err := parseStep(l)
		if err != nil {
			return nil, &scenarios.Error{File: filename, Line: i + 1, Problem: err.Error()}
		}
		st.Line = i + 1
		s.Moves = append(s.Moves, st)
	}
	return s, nil
}

// parseStep reads "TURN ACTION [TARGET] [/ DEMAND]".
func parseStep(s string) (Step, error) {
	s, demand, _ := strings.Cut(s, "/")
	f := strings.Fields(s)
	switch {
	case len(f) < 2:
		return Step{}, fmt.Errorf("%q: a move is TURN ACTION [TARGET], e.g. \"1994-Q3 security_coop TUR\" or \"1994-Q4 none\"", strings.TrimSpace(s))
	case len(f) > 3:
		return Step{}, fmt.Errorf("%q: too many words; a move is TURN ACTION [TARGET]", strings.TrimSpace(s))
	}
	st := Step{Label: f[0], Action: f[1], Demand: strings.Join(strings.Fields(demand), " ")}
	if len(f) == 3 {
		st.Target = f[2]
	}
	if (st.Action == None || st.Action == Auto) && (st.Target != "" || st.Demand != "") {
		return Step{}, fmt.Errorf("%q: %s takes no target", strings.TrimSpace(s), st.Action)
	}
	return st, nil
}

// parseOther reads another state's move, "TURN AGENT ACTION [TARGET]
// [/ DEMAND]"; the model plays the others' turns it does not list.
func parseOther(s string) (Step, error) {
	f := strings.Fields(s)
	if len(f) < 3 {
		return Step{}, fmt.Errorf("%q: another state's move is TURN AGENT ACTION [TARGET], e.g. \"1994-Q3 ARM security_coop EU\"", strings.TrimSpace(s))
	}
	st, err := parseStep(f[0] + " " + strings.Join(f[2:], " "))
	if err != nil {
		return Step{}, err
	}
	if st.Action == Auto {
		return Step{}, fmt.Errorf("%q: leave out the turns the model played; auto is for the player's moves", strings.TrimSpace(s))
	}
	st.Agent = strings.ToUpper(f[1])
	return st, nil
}

// Marshal writes the save as TOML, with a comment on how to use it.
func (s *Save) Marshal() []byte {
	var b bytes.Buffer
	b.WriteString("# A game of caspian.\n")
	b.WriteString("#   sim play --load FILE    goes on playing it\n")
	b.WriteString("#   sim play --moves FILE   replays it without questions and writes the debrief\n")
	b.WriteString("# Moves are TURN ACTION [TARGET]; none = do nothing, auto = the model chooses.\n")
	fmt.Fprintf(&b, "scenario = %s\n", strconv.Quote(s.Scenario))
	fmt.Fprintf(&b, "sha256 = %s\n", strconv.Quote(s.SHA256))
	fmt.Fprintf(&b, "seed = %d\n", s.Seed)
	fmt.Fprintf(&b, "agent = %s\n", strconv.Quote(s.Agent))
	if len(s.Overrides) > 0 {
		b.WriteString("# The scenario as changed by sim play --set or --overlay, in order:\n")
		b.WriteString("overrides = [\n")
		for _, o := range s.Overrides {
			fmt.Fprintf(&b, "  %s,\n", strconv.Quote(o))
		}
		b.WriteString("]\n")
	}
	b.WriteString("moves = [\n")
	for _, m := range s.Moves {
		fmt.Fprintf(&b, "  %s,", strconv.Quote(m.String()))
		if m.Note != "" {
			fmt.Fprintf(&b, "  # %s", m.Note)
		}
		b.WriteByte('\n')
	}
	b.WriteString("]\n")
	if len(s.Others) > 0 {
		b.WriteString("# Other states' moves, as other players made them: TURN STATE ACTION [TARGET].\n")
		b.WriteString("others = [\n")
		for _, m := range s.Others {
			fmt.Fprintf(&b, "  %s,\n", strconv.Quote(m.String()))
		}
		b.WriteString("]\n")
	}
	return b.Bytes()
}

// SaveOf is the save of game g as it stands.
func SaveOf(g *Game) *Save {
	cfg := g.Config()
	name := cfg.Name
	if cfg.SaveName != "" {
		name = cfg.SaveName
	}
	s := &Save{Scenario: name, SHA256: cfg.SHA256, Seed: cfg.Seed, Agent: cfg.Agent, Overrides: cfg.Overrides}
	for _, r := range g.Records() {
		st := Step{Label: r.Label, Action: r.Action, Target: r.Target, Demand: r.Demand}
		if r.Action == Auto {
			if r.Done.Action == "" {
				st.Note = "the model chose to do nothing"
			} else {
				st.Note = "the model chose " + strings.TrimSpace(r.Done.Action+" "+r.Done.Target)
			}
		} else if r.Done.Outcome == "refused" {
			st.Note = "refused by " + r.Done.With
		}
		s.Moves = append(s.Moves, st)
	}
	for _, f := range cfg.Others {
		s.Others = append(s.Others, Step{Label: cfg.Scenario.Calendar.Label(f.Turn), Agent: f.Agent, Action: f.Action,
			Target: f.Target, Demand: f.Demand})
	}
	return s
}

// FixedMoves turns a saved game's others into the moves of Config.Others
// for scenario sc: each in the turn its label names. file names the
// saved game in messages.
func FixedMoves(sc *sim.Scenario, file string, others []Step) ([]Fixed, error) {
	labels := map[string]int{}
	for t := range sc.Calendar.Turns() {
		labels[sc.Calendar.Label(t)] = t
	}
	var out []Fixed
	for _, st := range others {
		t, ok := labels[st.Label]
		if !ok {
			return nil, &scenarios.Error{File: file, Line: st.Line, Problem: fmt.Sprintf("%q is not a turn of %s (turns are labelled like %q)", st.Label, sc.Name, sc.Calendar.Label(0))}
		}
		if sc.Agent(st.Agent) == nil {
			return nil, &scenarios.Error{File: file, Line: st.Line, Problem: fmt.Sprintf("%q is not a state of %s", st.Agent, sc.Name)}
		}
		out = append(out, Fixed{Turn: t, Move: sim.Move{Agent: st.Agent, Action: st.Action, Target: st.Target, Demand: st.Demand}})
	}
	return out, nil
}

// WriteSave writes the save of g to path, replacing the file whole, so
// that an interrupted write never leaves half a game.
func WriteSave(path string, g *Game) error {
	return atomicwrite.One(path, SaveOf(g).Marshal())
}

// Replay plays the steps in order on g. Turns the steps skip are left to
// the model (auto); a step for a turn already played, or for no turn of
// the game, is an error placed on its line. file names the steps' file
// in messages. When the steps run out, the game stays at the next open
// turn.
func Replay(g *Game, file string, steps []Step) error {
	cal := g.cfg.Scenario.Calendar
	labels := map[string]int{}
	for t := range cal.Turns() {
		labels[cal.Label(t)] = t
	}
	for _, st := range steps {
		want, ok := labels[st.Label]
		if !ok {
			return &scenarios.Error{File: file, Line: st.Line, Problem: fmt.Sprintf("%q is not a turn of %s (turns are labelled like %q)", st.Label, g.cfg.Scenario.Name, cal.Label(0))}
		}
		for !g.Done() {
			t, _ := g.Turn()
			if t >= want {
				break
			}
			if err := g.Move(Auto, ""); err != nil {
				return err
			}
		}
		if st.Action != None && st.Action != Auto {
			if info, ok := sim.Kinds[st.Action]; !ok || info.Exogenous {
				return &scenarios.Error{File: file, Line: st.Line, Problem: unknownAction(st.Action)}
			}
		}
		t, label := g.Turn()
		switch {
		case g.Done():
			return &scenarios.Error{File: file, Line: st.Line, Problem: fmt.Sprintf("%s: the game is already over", st.Label)}
		case t > want:
			return &scenarios.Error{File: file, Line: st.Line, Problem: fmt.Sprintf("%s: the player does not decide in that turn (the first turn to decide is %s, and each turn takes one move, in order)", st.Label, label)}
		}
		if err := g.MoveDemand(st.Action, st.Target, st.Demand); err != nil {
			if g.Err() != nil {
				return err // a numerical fault, not a wrong move
			}
			return &scenarios.Error{File: file, Line: st.Line, Problem: fmt.Sprintf("%s: %s", st.Label, moveError(g, st, err))}
		}
	}
	return nil
}

// unknownAction explains a move whose action is not one an agent can
// choose, suggesting the nearest that is.
func unknownAction(action string) string {
	names := []string{None, Auto}
	for k, info := range sim.Kinds {
		if !info.Exogenous {
			names = append(names, k)
		}
	}
	slices.Sort(names)
	msg := fmt.Sprintf("%q is not an action", action)
	if best, ok := suggest.Nearest(action, names); ok {
		return msg + fmt.Sprintf(" (did you mean %q?)", best)
	}
	return msg + " (the actions are " + strings.Join(names, ", ") + ")"
}

// moveError explains a move the engine refused.
func moveError(g *Game, st Step, err error) string {
	if strings.Contains(err.Error(), "not among its options") {
		return fmt.Sprintf("%s cannot %s %s in that turn: it is not among the options then ('sim play' lists them)",
			g.cfg.Scenario.AgentName(g.cfg.Agent), st.Action, st.Target)
	}
	return err.Error()
}

// Finish lets the model play every remaining turn.
func Finish(g *Game) error {
	for !g.Done() {
		if err := g.Move(Auto, ""); err != nil {
			return err
		}
	}
	return nil
}
