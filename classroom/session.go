package classroom

import (
	"fmt"
	"slices"
	"strings"

	"caspian/output"
	"caspian/play"
	"caspian/sim"
)

// The actions a move may name besides the scenario's kinds.
const (
	None = "none" // the state does nothing this turn
	Auto = "auto" // the model chooses for the state this turn
)

// Config is what a session is played on: a scenario, the seed of its
// random draws and the seats, the states students hold.
type Config struct {
	Scenario *sim.Scenario
	Seed     uint64
	Seats    []string
}

// Move is one seat's move in one turn, as the session's log keeps it:
// Action is a kind, None or Auto; Target and Demand as sim.Move has
// them.
type Move struct {
	Turn                   int
	Seat                   string
	Action, Target, Demand string
}

// Session is a class's game in progress.
type Session struct {
	cfg Config
	w   *sim.World
	rec *output.Collector
	// pending holds the open turn's moves by seat, until every seat has
	// moved or the turn is ended.
	pending map[string]Move
	log     []Move
	scores  []Score // one per move of log
	// choices are the open turn's options by seat, once valued.
	choices map[string][]sim.Choice
	done    bool
}

// Score is how a move did by its state's own rule, as sim play scores
// a player's move.
type Score = play.Score

// Open starts a session and plays the turns until the first in which
// the students decide: forced history, when the scenario's dated record
// makes the decisions, is played by the model.
func Open(cfg Config) (*Session, error) {
	if cfg.Scenario == nil {
		return nil, fmt.Errorf("a session needs a scenario")
	}
	for i, seat := range cfg.Seats {
		if cfg.Scenario.Agent(seat) == nil {
			return nil, fmt.Errorf("seat %q is not a state of %s", seat, cfg.Scenario.Name)
		}
		if slices.Contains(cfg.Seats[:i], seat) {
			return nil, fmt.Errorf("seat %q is given twice", seat)
		}
	}
	w, err := sim.New(cfg.Scenario, sim.Options{Seed: cfg.Seed})
	if err != nil {
		return nil, err
	}
	s := &Session{cfg: cfg, w: w, rec: output.NewCollector(cfg.Scenario, 0), pending: map[string]Move{}, choices: map[string][]sim.Choice{}}
	w.Start(s.rec)
	if err := s.advance(); err != nil {
		return nil, err
	}
	return s, nil
}

// Replay rebuilds the session cfg whose log is log: the same moves in the
// same turns give the same decisions and the same state. A log that does
// not fit the session (a move in the wrong turn, or not on offer) is an
// error naming the move.
func Replay(cfg Config, log []Move) (*Session, error) {
	s, err := Open(cfg)
	if err != nil {
		return nil, err
	}
	for i, m := range log {
		if turn, _ := s.Turn(); m.Turn != turn {
			return nil, fmt.Errorf("move %d (%s in turn %d) does not fit: the session is at turn %d", i+1, m.Seat, m.Turn, turn)
		}
		if _, err := s.Submit(m.Seat, m.Action, m.Target, m.Demand); err != nil {
			return nil, fmt.Errorf("move %d: %w", i+1, err)
		}
	}
	return s, nil
}

// advance plays the turns in which no student decides and opens the
// next turn in which they do.
func (s *Session) advance() error {
	clear(s.choices)
	for s.w.BeginTurn(s.rec) {
		if len(s.cfg.Seats) > 0 && s.w.Deciding() && !s.w.History() {
			return nil
		}
		if err := s.w.EndTurn(s.rec); err != nil {
			return err
		}
	}
	s.done = true
	return s.w.Err()
}

// Config is the session's configuration.
func (s *Session) Config() Config { return s.cfg }

// Done reports whether the session has played its last turn.
func (s *Session) Done() bool { return s.done }

// Turn is the open turn's number and label ("1994-Q3"), or the last
// turn's once the session is done.
func (s *Session) Turn() (int, string) {
	return s.w.Turn(), s.cfg.Scenario.Calendar.Label(s.w.Turn())
}

// Choices are the options open to seat in the open turn, in the
// engine's menu order, each valued by the state's own rule: what the
// model would weigh in the student's place.
func (s *Session) Choices(seat string) ([]sim.Choice, error) {
	if err := s.seat(seat); err != nil {
		return nil, err
	}
	if s.done {
		return nil, nil
	}
	choices, err := s.options(seat)
	return slices.Clone(choices), err
}

// options are seat's options in the open turn, valued once a turn: the
// students' pages, the check of a move and its score all read them.
func (s *Session) options(seat string) ([]sim.Choice, error) {
	if c, ok := s.choices[seat]; ok {
		return c, nil
	}
	c, err := s.w.Choices(seat)
	if err != nil {
		return nil, err
	}
	s.choices[seat] = c
	return c, nil
}

// Waiting lists the seats that have not moved in the open turn, in the
// order of the configuration.
func (s *Session) Waiting() []string {
	if s.done {
		return nil
	}
	var out []string
	for _, seat := range s.cfg.Seats {
		if _, ok := s.pending[seat]; !ok {
			out = append(out, seat)
		}
	}
	return out
}

// Submit makes seat's move in the open turn: action is a kind the seat
// has on offer with its target and demand, None or Auto. A move that is
// not on offer is an error and changes nothing. The turn happens once
// every seat has moved; played reports whether it did.
func (s *Session) Submit(seat, action, target, demand string) (played bool, err error) {
	if err := s.seat(seat); err != nil {
		return false, err
	}
	if s.done {
		return false, fmt.Errorf("the session is over")
	}
	turn, label := s.Turn()
	if _, ok := s.pending[seat]; ok {
		return false, fmt.Errorf("%s has already moved in %s", seat, label)
	}
	m := Move{Turn: turn, Seat: seat, Action: action, Target: target, Demand: demand}
	switch action {
	case Auto, None:
		m.Target, m.Demand = "", ""
	case "":
		return false, fmt.Errorf("%s's move names no action; choose one of its options, %s or %s", seat, None, Auto)
	default:
		if err := s.onOffer(m); err != nil {
			return false, err
		}
	}
	s.pending[seat] = m
	if len(s.pending) < len(s.cfg.Seats) {
		return false, nil
	}
	return true, s.play()
}

// EndTurn plays the open turn now: the seats that have not moved are
// played by the model, as if they had chosen Auto.
func (s *Session) EndTurn() error {
	if s.done {
		return fmt.Errorf("the session is over")
	}
	turn, _ := s.Turn()
	for _, seat := range s.Waiting() {
		s.pending[seat] = Move{Turn: turn, Seat: seat, Action: Auto}
	}
	return s.play()
}

// play ends the open turn with the pending moves, logged in the order of
// the seats so that a replay submits them in the same order, and opens
// the next turn in which the students decide.
func (s *Session) play() error {
	var moves []sim.Move
	options := make([][]sim.Choice, len(s.cfg.Seats))
	for i, seat := range s.cfg.Seats {
		m := s.pending[seat]
		s.log = append(s.log, m)
		if m.Action != Auto {
			moves = append(moves, sim.Move{Agent: seat, Action: m.Action, Target: m.Target, Demand: m.Demand})
		}
		var err error
		if options[i], err = s.options(seat); err != nil {
			return err
		}
	}
	clear(s.pending)
	turn := s.w.Turn()
	from := len(s.rec.Decisions())
	if err := s.w.EndTurn(s.rec, moves...); err != nil {
		return err
	}
	for i, seat := range s.cfg.Seats {
		s.scores = append(s.scores, play.ScoreMove(seat, turn, s.rec.Decisions()[from:], options[i]))
	}
	return s.advance()
}

// Scores are the scores of the moves of Log, one for each.
func (s *Session) Scores() []Score { return slices.Clone(s.scores) }

// onOffer checks that m is among its seat's options in the open turn.
func (s *Session) onOffer(m Move) error {
	choices, err := s.options(m.Seat)
	if err != nil {
		return err
	}
	for _, c := range choices {
		if c.Action == m.Action && c.Target == m.Target && c.Demand == m.Demand {
			return nil
		}
	}
	_, label := s.Turn()
	what := strings.TrimSpace(strings.Join([]string{m.Action, m.Target, m.Demand}, " "))
	return fmt.Errorf("%s cannot %s in %s: it is not among its options", m.Seat, what, label)
}

// seat checks that seat is one of the session's.
func (s *Session) seat(seat string) error {
	if !slices.Contains(s.cfg.Seats, seat) {
		return fmt.Errorf("%q is not a seat of this session; the seats are %s", seat, strings.Join(s.cfg.Seats, ", "))
	}
	return nil
}

// Log is every move made so far, turn by turn, each turn's in the order
// of the seats: with the configuration, all that Replay needs.
func (s *Session) Log() []Move { return slices.Clone(s.log) }

// Collector holds the session's snapshots and decisions so far, for
// tables, plots and debriefs.
func (s *Session) Collector() *output.Collector { return s.rec }
