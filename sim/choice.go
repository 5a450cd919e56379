package sim

import "math"

// decide lets every agent choose, in each area of policy, one action or
// nothing, and returns the choices, in agent order, in w.picks.
//
// Each agent scores its menu by the expected gain less the action's cost,
// drops bilateral actions its counterparty would refuse (a loss larger
// than consent_tolerance), and in each area picks among doing nothing
// (net 0) and the options that beat it (choose). One uniform number is
// drawn per agent and area every turn, used or not, so that two variants
// of a scenario see the same random stream.
func (w *World) decide(forced []pick) {
	w.picks = w.picks[:0]
	for a := range w.agents {
		var u [numTracks]float64
		for k := range u {
			u[k] = w.rng.Float64()
		}
		if p, ok := findPick(forced, a); ok {
			if p.option.kind >= 0 {
				w.picks = append(w.picks, p)
			}
			continue
		}
		// A state that does not reconsider this turn keeps to what it
		// does; the draw is made only when revision is on, so that the
		// model itself (revision 1) uses the stream as before.
		if w.p.Revision < 1 && w.rng.Float64() >= w.p.Revision {
			continue
		}
		opts := w.menu(&w.st, a, w.menuBuf[:0])
		w.menuBuf = opts
		w.valued += len(opts)
		kept := opts[:0]
		for i := range opts {
			if w.value(a, &opts[i]) {
				kept = append(kept, opts[i])
			}
		}
		// One choice in each area of policy, among its options and doing
		// nothing there.
		for tr := range numTracks {
			area := w.trackBuf[:0]
			for _, o := range kept {
				if kinds[o.kind].track == track(tr) {
					area = append(area, o)
				}
			}
			w.trackBuf = area
			choice, prob := w.choose(area, w.agents[a].temperature, u[tr])
			if choice >= 0 {
				w.picks = append(w.picks, pick{actor: a, option: area[choice], prob: prob})
			}
		}
	}
}

// oneDealPerBuyer keeps, of the arms sales offered to one buyer this
// turn, the one the buyer values most (ties to the first seller in id
// order): a state buys from one supplier at a time, and sellers compete
// for it. The other offers lapse.
func (w *World) oneDealPerBuyer() {
	kept := w.picks[:0]
	for i, p := range w.picks {
		if p.option.kind == kArmsDeal && !p.player {
			best := true
			for j, q := range w.picks {
				if j == i || q.option.kind != kArmsDeal || q.option.target != p.option.target {
					continue
				}
				if q.option.theirs > p.option.theirs || (q.option.theirs == p.option.theirs && j < i) || q.player {
					best = false
					break
				}
			}
			if !best {
				continue
			}
		}
		kept = append(kept, p)
	}
	w.picks = kept
}

// choose applies the logit rule to doing nothing (option -1, net gain 0)
// and the options that beat it: an option whose net gain is not positive
// is never taken, whatever the temperature, since an agent does not act
// against its own interests; the temperature spreads the choice among
// the options worth taking and doing nothing. It returns the index chosen
// and its probability.
func (w *World) choose(opts []option, temp, u float64) (int, float64) {
	best, bestV := -1, 0.0
	for i := range opts {
		if v := opts[i].net(); v > bestV {
			best, bestV = i, v
		}
	}
	if temp <= 0 || best < 0 {
		return best, 1
	}
	// exp((v−max)/T) keeps the largest term at 1, so nothing overflows.
	weight := func(v float64) float64 {
		if v <= 0 {
			return 0
		}
		return math.Exp((v - bestV) / temp)
	}
	nothing := math.Exp(-bestV / temp)
	total := nothing
	for i := range opts {
		total += weight(opts[i].net())
	}
	target := u * total
	acc := nothing
	if target < acc {
		return -1, acc / total
	}
	last := -1
	for i := range opts {
		p := weight(opts[i].net())
		if p == 0 {
			continue
		}
		acc += p
		last = i
		if target < acc {
			return i, p / total
		}
	}
	return last, weight(opts[last].net()) / total
}

// pick is an action chosen this turn.
type pick struct {
	actor   int
	option  option
	prob    float64
	player  bool // given as a Move
	refused bool // a player's bilateral move the counterparty turned down
}

func findPick(ps []pick, a int) (pick, bool) {
	for _, p := range ps {
		if p.actor == a {
			return p, true
		}
	}
	return pick{}, false
}
