package classroom

import (
	"fmt"

	"caspian/play"
	"caspian/sim"
)

// Game rebuilds seat's part of the session as a game of sim play: the
// seat's moves as its student made them (the model's where they left
// it), every other seat's moves held fixed as Config.Others, the rest
// played by the model. It is what a student's debrief compares with the
// model playing their state in their place. A session that ended before
// the scenario's last quarter is played on to the end by the model, for
// every seat; Played says how many of the game's turns the session
// itself played.
func (s *Session) Game(seat string) (g *play.Game, played int, err error) {
	if err := s.seat(seat); err != nil {
		return nil, 0, err
	}
	cfg := play.Config{Scenario: s.cfg.Scenario, Name: s.cfg.Scenario.Name, Seed: s.cfg.Seed, Agent: seat}
	var own []Move
	for _, m := range s.log {
		switch {
		case m.Seat == seat:
			own = append(own, m)
		case m.Action != Auto:
			cfg.Others = append(cfg.Others, play.Fixed{Turn: m.Turn,
				Move: sim.Move{Agent: m.Seat, Action: m.Action, Target: m.Target, Demand: m.Demand}})
		}
	}
	if g, err = play.New(cfg); err != nil {
		return nil, 0, err
	}
	for _, m := range own {
		if turn, label := g.Turn(); turn != m.Turn {
			return nil, 0, fmt.Errorf("%s's move of turn %d does not fit: the game is at %s", seat, m.Turn, label)
		}
		if err := g.MoveDemand(m.Action, m.Target, m.Demand); err != nil {
			return nil, 0, fmt.Errorf("%s's move of turn %d: %w", seat, m.Turn, err)
		}
	}
	if n := g.Dropped(); n > 0 {
		return nil, 0, fmt.Errorf("%d moves of other seats were not on offer when rebuilding %s's game", n, seat)
	}
	played = len(g.Records())
	if err := play.Finish(g); err != nil {
		return nil, 0, err
	}
	return g, played, nil
}
