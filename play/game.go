package play

import (
	"cmp"
	"fmt"
	"slices"

	"caspian/output"
	"caspian/sim"
)

// Config is what fixes a game: the scenario, the seed and the agent the
// player governs. A game is a pure function of its Config and its moves.
type Config struct {
	Scenario *sim.Scenario
	// Name is the scenario as the player named it: a built-in name or a
	// file path. Saves record it to find the scenario again.
	Name string
	// SaveName, if set, is how saves name the scenario instead of Name:
	// a file by its path relative to the save's folder.
	SaveName string
	// SHA256 is the hex digest of the scenario file, recorded in saves so
	// that a replay on a changed file can be noticed.
	SHA256 string
	Seed   uint64
	Agent  string
	// Overrides are the --set and --overlay changes the scenario was
	// opened with, as PATH=VALUE; saves record them to open it the same
	// way again.
	Overrides []string
	// Others are moves of other states, each played in its turn as given
	// whatever the game's player does: the other students of a class
	// session. A replay that reaches a turn in which such a move is no
	// longer on offer (a path that differs) plays that state doing
	// nothing instead; Dropped counts those.
	Others []Fixed
}

// Fixed is another state's move in one turn.
type Fixed struct {
	Turn int
	sim.Move
}

// The special actions a move may name besides the scenario's kinds.
const (
	None = "none" // do nothing this turn
	Auto = "auto" // let the model choose for the player this turn
)

// Record is one turn the player decided (or left to the model).
type Record struct {
	Turn  int
	Label string
	// Action and Target are the move as given: a kind and its target,
	// None or Auto.
	Action, Target string
	// Demand is what a pressure or cut-off asks of its target, as the
	// option words it; empty for none.
	Demand string
	// Done is what the player's state did: for Auto the model's pick, for
	// a refused bilateral move the move itself with Outcome "refused";
	// Action "" when nothing was done.
	Done sim.Decision
	// Net is the expected net gain of what was done (0 for nothing), Best
	// the best on offer, and Rank its place among the options sorted by
	// net gain (1 is the best; doing nothing counts as an option).
	// Options is how many were on offer. They are zero when the game
	// was not scored (a counterfactual replay).
	Net, Best     float64
	Rank, Options int
}

// Game is a game in progress. It always rests at a turn in which the
// player decides, or at the end.
type Game struct {
	cfg     Config
	w       *sim.World
	rec     *output.Collector
	records []Record
	// choices are the current turn's options, best first.
	choices []sim.Choice
	done    bool
	score   bool
	// seen is how many of the recorded decisions the player has been
	// shown.
	seen int
	// ids numbers every option the player has been offered, for the
	// whole game: a number always means the same action (names holds
	// them in order, names[n-1] for number n).
	ids   map[option]int
	names []option
	// dropped counts the moves of Config.Others not on offer when their
	// turn came.
	dropped int
}

// option is an action and its target, as a number stands for.
type option struct{ action, target string }

// New starts a game: it builds the world, plays the forced history and
// stops at the first turn in which the player decides.
func New(cfg Config) (*Game, error) {
	return newGame(cfg, true)
}

func newGame(cfg Config, score bool) (*Game, error) {
	return newGameRun(cfg, score, 0)
}

// newGameRun is newGame under the random draws of run run of the game's
// seed (0: the game's own).
func newGameRun(cfg Config, score bool, run int) (*Game, error) {
	if cfg.Scenario == nil {
		return nil, fmt.Errorf("no scenario")
	}
	if cfg.Scenario.Agent(cfg.Agent) == nil {
		return nil, fmt.Errorf("%q is not a state of %s; choose one of %s", cfg.Agent, cfg.Scenario.Name, agentList(cfg.Scenario))
	}
	w, err := sim.New(cfg.Scenario, sim.Options{Seed: cfg.Seed, Run: run})
	if err != nil {
		return nil, err
	}
	g := &Game{cfg: cfg, w: w, rec: output.NewCollector(cfg.Scenario, run), score: score}
	w.Start(g.rec)
	g.advance()
	if err := g.Err(); err != nil {
		return nil, err
	}
	return g, nil
}

// Err returns the numerical fault (a *sim.FaultError) that ended the
// game early, or nil. A game that ends this way is over but has no
// meaning after the fault, so it must not be saved or debriefed as if it
// had been played to the end.
func (g *Game) Err() error { return g.w.Err() }

// advance plays the turns in which nobody decides and opens the next
// turn in which the player does.
func (g *Game) advance() {
	g.choices = nil
	for g.w.BeginTurn(g.rec) {
		// The player takes over where forced history ends; before that
		// the model plays the player's state too.
		if g.w.Deciding() && !g.w.History() {
			if g.score {
				g.choices = g.sortedChoices()
			}
			return
		}
		_ = g.w.EndTurn(g.rec) // cannot fail without moves
	}
	g.done = true
}

// sortedChoices lists the options of the open turn, best net gain first,
// ties in menu order.
func (g *Game) sortedChoices() []sim.Choice {
	cs, err := g.w.Choices(g.cfg.Agent)
	if err != nil {
		return nil
	}
	slices.SortStableFunc(cs, func(a, b sim.Choice) int { return cmp.Compare(b.Net(), a.Net()) })
	for _, c := range cs {
		g.number(c.Action, c.Target)
	}
	return cs
}

// number returns the number of an option, giving a new one the next
// number: the first turn's options are numbered 1, 2, … best first, and
// each option keeps its number for the rest of the game.
func (g *Game) number(action, target string) int {
	o := option{action, target}
	if n, ok := g.ids[o]; ok {
		return n
	}
	if g.ids == nil {
		g.ids = map[option]int{}
	}
	g.names = append(g.names, o)
	g.ids[o] = len(g.names)
	return len(g.names)
}

// Number is the number the game gives the option (action, target), 0 if
// it has not been offered.
func (g *Game) Number(action, target string) int { return g.ids[option{action, target}] }

// Numbered returns the option with number n: whether the game has ever
// offered it, and its choice in the open turn if it is on offer now.
func (g *Game) Numbered(n int) (action, target string, c sim.Choice, open, known bool) {
	if n < 1 || n > len(g.names) {
		return "", "", sim.Choice{}, false, false
	}
	o := g.names[n-1]
	for _, c := range g.Choices() {
		if c.Action == o.action && c.Target == o.target {
			return o.action, o.target, c, true, true
		}
	}
	return o.action, o.target, sim.Choice{}, false, true
}

// Done reports whether the game is over.
func (g *Game) Done() bool { return g.done }

// Config returns the game's configuration.
func (g *Game) Config() Config { return g.cfg }

// SetSaveName sets how saves name the scenario (Config.SaveName).
func (g *Game) SetSaveName(name string) { g.cfg.SaveName = name }

// Turn is the open turn's number and label ("1994-Q3").
func (g *Game) Turn() (int, string) {
	snaps := g.rec.Snapshots()
	t := snaps[len(snaps)-1].Turn
	if g.done {
		return t, snaps[len(snaps)-1].Label
	}
	return t + 1, g.cfg.Scenario.Calendar.Label(t + 1)
}

// Choices are the open turn's options for the player, best first.
func (g *Game) Choices() []sim.Choice {
	if g.choices == nil && !g.done {
		g.choices = g.sortedChoices()
	}
	return g.choices
}

// Records are the turns played so far.
func (g *Game) Records() []Record { return g.records }

// Collector holds everything the game recorded.
func (g *Game) Collector() *output.Collector { return g.rec }

// Move plays the open turn with the player's move: action is a kind with
// its target, None or Auto. A move that is not on offer is an error and
// leaves the turn open.
func (g *Game) Move(action, target string) error {
	return g.MoveDemand(action, target, "")
}

// MoveDemand is Move for a pressure or cut-off that asks something of
// its target: demand as the option words it ("" for nothing).
func (g *Game) MoveDemand(action, target, demand string) error {
	if g.done {
		return fmt.Errorf("the game is over")
	}
	turn, label := g.Turn()
	r := Record{Turn: turn, Label: label, Action: action, Target: target, Demand: demand}
	var moves []sim.Move
	switch action {
	case Auto:
		r.Target, r.Demand = "", ""
	case None, "":
		r.Action, r.Target, r.Demand = None, "", ""
		moves = []sim.Move{{Agent: g.cfg.Agent, Action: None}}
	default:
		moves = []sim.Move{{Agent: g.cfg.Agent, Action: action, Target: target, Demand: demand}}
	}
	choices := g.choices
	from := len(g.rec.Decisions())
	if err := g.w.EndTurn(g.rec, append(moves, g.others(turn)...)...); err != nil {
		return err
	}
	sc := ScoreMove(g.cfg.Agent, turn, g.rec.Decisions()[from:], choices)
	r.Done = sc.Done
	if choices != nil {
		r.Net, r.Best, r.Rank, r.Options = sc.Net, sc.Best, sc.Rank, sc.Options
	}
	g.records = append(g.records, r)
	g.advance()
	return g.Err()
}

// others are the moves of Config.Others for turn, those no longer on
// offer left out (their states do nothing instead).
func (g *Game) others(turn int) []sim.Move {
	var out []sim.Move
	for _, f := range g.cfg.Others {
		if f.Turn != turn || f.Agent == g.cfg.Agent {
			continue
		}
		m := f.Move
		if !g.w.Offered(m) {
			g.dropped++
			m = sim.Move{Agent: m.Agent, Action: None}
		}
		out = append(out, m)
	}
	return out
}

// Dropped is how many moves of Config.Others were not on offer when
// their turn came and were played as doing nothing: none when the game
// follows the session they come from.
func (g *Game) Dropped() int { return g.dropped }

func isPole(sc *sim.Scenario, id string) bool {
	return slices.Contains(sc.Axis.NegativePoles, id) || slices.Contains(sc.Axis.PositivePoles, id)
}

func agentList(sc *sim.Scenario) string {
	var ids []string
	for _, a := range sc.Agents {
		ids = append(ids, a.ID)
	}
	return joinOr(ids)
}

func joinOr(xs []string) string {
	switch len(xs) {
	case 0:
		return "(none)"
	case 1:
		return xs[0]
	}
	s := ""
	for i, x := range xs {
		switch {
		case i == 0:
		case i == len(xs)-1:
			s += " or "
		default:
			s += ", "
		}
		s += x
	}
	return s
}
