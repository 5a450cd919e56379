package sim

import (
	"fmt"
	"reflect"
)

// decisionPhases runs w to the end with its agents deciding and calls
// phase in every decision phase, before the agents choose; its first
// error stops the run.
func decisionPhases(w *World, phase func() error) error {
	for w.BeginTurn(nil) {
		if w.Deciding() {
			if err := phase(); err != nil {
				return err
			}
		}
		if err := w.EndTurn(nil); err != nil {
			return err
		}
	}
	return nil
}

// eachOption calls fn for every option on every agent's menu in the
// current turn; its first error stops it.
func (w *World) eachOption(fn func(a int, o option) error) error {
	for a := range w.agents {
		for _, o := range w.menu(&w.st, a, nil) {
			if err := fn(a, o); err != nil {
				return err
			}
		}
	}
	return nil
}

// CheckSharedBaselines runs w to the end with its agents deciding and, in
// every decision phase, values each option that a counterfactual values
// twice: with the baselines this phase has shared so far, and with none.
// It returns how many options it checked, how many of them found their
// baseline shared, and the first difference.
func CheckSharedBaselines(w *World) (checked, shared int, err error) {
	err = decisionPhases(w, func() error {
		return w.eachOption(func(a int, o option) error {
			switch o.kind {
			case kCommitRoute, kRivalRoute, kSignAgreement, kBackCoup:
			default:
				return nil
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
				return fmt.Errorf("%s: %s by %s on %d: with shared baselines %v, without %v",
					w.label(), kindNames[o.kind], w.agents[a].id, o.target, cached.gain, fresh.gain)
			}
			checked++
			return nil
		})
	})
	return checked, shared, err
}

// CheckValuingLeavesState runs w to the end with its agents deciding and,
// in every decision phase, values every option of every agent, checking
// that the state is exactly as it was afterwards. It returns how many
// options it valued.
func CheckValuingLeavesState(w *World) (valued int, err error) {
	before := &state{}
	before.alloc(len(w.agents), len(w.routes), len(w.conflicts), len(w.insts), len(w.agrs))
	err = decisionPhases(w, func() error {
		before.copyFrom(&w.st)
		w.eachOption(func(a int, o option) error {
			w.value(a, &o)
			valued++
			return nil
		})
		if !reflect.DeepEqual(before, &w.st) {
			return fmt.Errorf("%s: valuing the options changed the state", w.label())
		}
		return nil
	})
	return valued, err
}
