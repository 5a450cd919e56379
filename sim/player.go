package sim

import "fmt"

// Move is an action imposed on an agent for one turn, as a human player
// chooses it: Action is a kind name (or "none" or "" for doing nothing)
// and Target the id its kind acts on. Demand, for pressure and cut-offs,
// is what the move asks of the target, as Choice.Demand words it; empty
// asks nothing.
type Move struct {
	Agent, Action, Target string
	Demand                string
}

// Choice is one action open to an agent in the current turn, with the
// gains the agent's own rule expects from it.
type Choice struct {
	Action, Target string
	// With is the counterparty whose consent the action needs, if any.
	With string
	// Demand is what a pressure or a cut-off asks of its target ("stay
	// in cst"), empty for none.
	Demand string
	Gain   Terms
	Cost   float64
	// Acceptable is false when With would refuse.
	Acceptable bool
	// WithGain is what With expects to gain from the action, by its own
	// rule: a buyer picks, of the arms offered to it, the one it values
	// most.
	WithGain float64
}

// Net is the expected gain less the cost.
func (c Choice) Net() float64 { return c.Gain.Sum() - c.Cost }

// Choices lists the actions agent id may take in the current turn (after
// BeginTurn), in menu order, each valued as the agent's rule values it.
// It is empty when agents do not choose in this turn.
func (w *World) Choices(id string) ([]Choice, error) {
	a, ok := w.index[id]
	if !ok {
		return nil, fmt.Errorf("no agent %q", id)
	}
	if !w.midTurn || !w.Deciding() {
		return nil, nil
	}
	opts := w.menu(&w.st, a, nil)
	out := make([]Choice, len(opts))
	for i := range opts {
		ok := w.value(a, &opts[i])
		o := &opts[i]
		out[i] = Choice{Action: kinds[o.kind].name, Target: w.targetName(o.kind, o.target), Gain: o.gain, Cost: o.cost, Acceptable: ok,
			Demand: w.demandName(o.demand)}
		if o.consent >= 0 {
			out[i].With = w.agents[o.consent].id
			out[i].WithGain = o.theirs
		}
	}
	return out, nil
}

// Offered reports whether m is on its agent's menu in the current turn
// (after BeginTurn, in a turn in which agents decide): a move EndTurn
// would take. Doing nothing is always offered. Unlike Choices it values
// nothing, so it is cheap.
func (w *World) Offered(m Move) bool {
	a, ok := w.index[m.Agent]
	if !ok || !w.midTurn || !w.Deciding() {
		return false
	}
	if m.Action == "" || m.Action == "none" {
		return true
	}
	opts := w.menu(&w.st, a, nil)
	for i := range opts {
		o := &opts[i]
		if kinds[o.kind].name == m.Action && w.targetName(o.kind, o.target) == m.Target && w.demandName(o.demand) == m.Demand {
			return true
		}
	}
	return false
}

// resolveMoves checks moves against the agents' menus and turns them
// into picks; a "none" move is a pick with kind -1.
func (w *World) resolveMoves(moves []Move) ([]pick, error) {
	var out []pick
	for _, m := range moves {
		a, ok := w.index[m.Agent]
		if !ok {
			return nil, fmt.Errorf("move for unknown agent %q", m.Agent)
		}
		if _, dup := findPick(out, a); dup {
			return nil, fmt.Errorf("two moves for %s in one turn", m.Agent)
		}
		if m.Action == "" || m.Action == "none" {
			out = append(out, pick{actor: a, option: option{kind: -1}, prob: 1, player: true})
			continue
		}
		found := false
		opts := w.menu(&w.st, a, nil)
		for i := range opts {
			o := &opts[i]
			if kinds[o.kind].name != m.Action || w.targetName(o.kind, o.target) != m.Target || w.demandName(o.demand) != m.Demand {
				continue
			}
			ok := w.value(a, o)
			out = append(out, pick{actor: a, option: *o, prob: 1, player: true, refused: !ok})
			found = true
			break
		}
		if !found {
			return nil, fmt.Errorf("%s cannot %s %s in %s: not among its options", m.Agent, m.Action, m.Target, w.label())
		}
	}
	return out, nil
}
