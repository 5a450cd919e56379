package play

import "caspian/sim"

// Score is how a move did by its state's own rule: Done is what the state
// did (for a move left to the model, the model's pick; Action "" for
// nothing), Net the expected net gain of it (0 for nothing), Best the
// best on offer (doing nothing, 0, counts as an option), Rank its place
// among the options by net gain (1 is the best) and Options how many
// there were, doing nothing included.
type Score struct {
	Done          sim.Decision
	Net, Best     float64
	Rank, Options int
}

// ScoreMove scores agent's move in turn from the decisions of the turn
// and the options the agent had before it.
func ScoreMove(agent string, turn int, decisions []sim.Decision, choices []sim.Choice) Score {
	var sc Score
	for _, d := range decisions {
		if d.Actor == agent && d.Turn == turn && (d.Source == sim.ByAgent || d.Source == sim.ByPlayer) {
			sc.Done = d
		}
	}
	if sc.Done.Action != "" {
		sc.Net = sc.Done.Gain()
	}
	sc.Options, sc.Rank = len(choices)+1, 1
	for _, c := range choices {
		sc.Best = max(sc.Best, c.Net())
		if c.Net() > sc.Net+1e-12 {
			sc.Rank++
		}
	}
	return sc
}
