package sim

import (
	"fmt"
	"reflect"
)

// CheckSharedBaselines runs w to the end with its agents deciding and, in
// every decision phase, values each option that a counterfactual values
// twice: with the baselines this phase has shared so far, and with none.
// It returns how many options it checked, how many of them found their
// baseline shared, and the first difference.
func CheckSharedBaselines(w *World) (checked, shared int, err error) {
	for w.BeginTurn(nil) {
		if w.Deciding() {
			for a := range w.agents {
				for _, o := range w.menu(&w.st, a, nil) {
					switch o.kind {
					case kCommitRoute, kRivalRoute, kSignAgreement, kBackCoup:
					default:
						continue
					}
					cached := o
					before := len(w.baselines)
					w.value(a, &cached)
					if len(w.baselines) == before {
						shared++
					}
					kept := w.baselines
					w.baselines = nil
					fresh := o
					w.value(a, &fresh)
					w.baselines = kept
					if cached.gain != fresh.gain {
						return checked, shared, fmt.Errorf("%s: %s by %s on %d: with shared baselines %v, without %v",
							w.label(), kindNames[o.kind], w.agents[a].id, o.target, cached.gain, fresh.gain)
					}
					checked++
				}
			}
		}
		if err := w.EndTurn(nil); err != nil {
			return checked, shared, err
		}
	}
	return checked, shared, nil
}

// CheckValuingLeavesState runs w to the end with its agents deciding and,
// in every decision phase, values every option of every agent, checking
// that the state is exactly as it was afterwards. It returns how many
// options it valued.
func CheckValuingLeavesState(w *World) (valued int, err error) {
	n := len(w.agents)
	before := &state{}
	before.alloc(n, len(w.routes), len(w.conflicts), len(w.insts), len(w.agrs))
	for w.BeginTurn(nil) {
		if w.Deciding() {
			before.copyFrom(&w.st)
			for a := range w.agents {
				for _, o := range w.menu(&w.st, a, nil) {
					w.value(a, &o)
					valued++
				}
			}
			if !reflect.DeepEqual(before, &w.st) {
				return valued, fmt.Errorf("%s: valuing the options changed the state", w.label())
			}
		}
		if err := w.EndTurn(nil); err != nil {
			return valued, err
		}
	}
	return valued, nil
}
