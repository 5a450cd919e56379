package sim

import (
	"fmt"
	"math"
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

// CheckWorlds runs w to the end with its agents deciding and, in every
// decision phase, values every option of every agent twice: as the
// engine does, with the counterfactual worlds and rows the phase has
// shared so far (worlds.go), and with every world computed from nothing.
// It returns how many options it checked, how many worlds the phase
// solved, and the first option whose valuations differ by more than tol.
func CheckWorlds(w *World, tol float64) (checked, solved int, err error) {
	err = decisionPhases(w, func() error {
		err := w.eachOption(func(a int, o option) error {
			shared, fresh := w.valueTwice(a, o, &w.fresh)
			if !shared.agrees(fresh, tol) {
				return fmt.Errorf("%s: %s by %s on %d: with shared worlds %v, from nothing %v",
					w.label(), kinds[o.kind].name, w.agents[a].id, o.target, shared, fresh)
			}
			checked++
			return nil
		})
		solved += len(w.worlds.entries)
		return err
	})
	return checked, solved, err
}

// valuation is one valuation of an option: the option as valued and
// whether it was open.
type valuation struct {
	o  option
	ok bool
}

func (v valuation) String() string {
	return fmt.Sprintf("%+v (%v, theirs %v)", v.o.gain, v.ok, v.o.theirs)
}

// agrees reports whether v and u agree to tol in every term and in the
// counterparty's gain, and exactly in whether the option is open and
// whether a target gives in.
func (v valuation) agrees(u valuation, tol float64) bool {
	a, b := v.o.gain, u.o.gain
	return v.ok == u.ok && math.Abs(a.Security-b.Security) <= tol && math.Abs(a.Energy-b.Energy) <= tol &&
		math.Abs(a.Alignment-b.Alignment) <= tol && math.Abs(a.Conflict-b.Conflict) <= tol &&
		math.Abs(v.o.theirs-u.o.theirs) <= tol && v.o.complies == u.o.complies
}

// valueTwice values agent a's option o as the engine does, and then by
// the reference procedure that *reference selects, with the mutual
// valuations kept so far set aside so that it reuses none of them.
func (w *World) valueTwice(a int, o option, reference *bool) (engine, ref valuation) {
	engine.o = o
	engine.ok = w.value(a, &engine.o)
	kept := w.nets
	w.nets, *reference = nil, true
	ref.o = o
	ref.ok = w.value(a, &ref.o)
	w.nets, *reference = kept, false
	return engine, ref
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

// CheckKept runs w to the end and checks, after every turn, that each
// agent's kept arms stock equals the sum of its parts and that the kept
// opposition matches the conflicts. It returns how many turns it checked.
func CheckKept(w *World) (turns int, err error) {
	for !w.Done() {
		w.Step(nil)
		n := len(w.agents)
		for i := range w.agents {
			for j := range w.agents {
				if w.st.opp[i*n+j] != w.opposes(&w.st, j, i) {
					return turns, fmt.Errorf("%s: kept opposition of %s to %s is out of date", w.label(), w.agents[j].id, w.agents[i].id)
				}
			}
			if got, want := w.st.stock[i], w.stockOf(&w.st, i); got != want {
				return turns, fmt.Errorf("%s: %s's kept arms stock %v, its parts add up to %v", w.label(), w.agents[i].id, got, want)
			}
			if got, want := w.st.instRev[i], w.instRevenueOf(&w.st, i); got != want {
				return turns, fmt.Errorf("%s: %s's kept institution revenue %v, its memberships add up to %v", w.label(), w.agents[i].id, got, want)
			}
		}
		turns++
	}
	return turns, nil
}

// CheckMenus runs w to the end with its agents deciding and checks every
// option on every menu against the table of action kinds: only a
// bilateral kind asks anyone's consent, and never its own actor's; the
// target is one of the kind's target type (another agent, for an agent
// target); no governed kind is open during forced history; no disabled
// kind is open at all. It returns how often each kind was on a menu.
func CheckMenus(w *World) (map[string]int, error) {
	counts := map[string]int{}
	err := decisionPhases(w, func() error {
		return w.eachOption(func(a int, o option) error {
			spec := kinds[o.kind]
			counts[spec.name]++
			targets := map[TargetType]int{AgentTarget: len(w.agents), RouteTarget: len(w.routes),
				InstitutionTarget: len(w.insts), AgreementTarget: len(w.agrs), ConflictTarget: len(w.conflicts)}
			switch {
			case o.consent >= 0 && !spec.bilateral:
				return fmt.Errorf("turn %d: %s by %s asks the consent of %d, but the kind is not bilateral", w.turn, spec.name, w.agents[a].id, o.consent)
			case o.consent == a:
				return fmt.Errorf("turn %d: %s by %s asks its own consent", w.turn, spec.name, w.agents[a].id)
			case o.target < 0 || o.target >= targets[spec.target]:
				return fmt.Errorf("turn %d: %s by %s targets %d, not a %s", w.turn, spec.name, w.agents[a].id, o.target, spec.target)
			case spec.target == AgentTarget && o.target == a:
				return fmt.Errorf("turn %d: %s by %s targets itself", w.turn, spec.name, w.agents[a].id)
			case w.History() && spec.governed:
				return fmt.Errorf("turn %d: %s is open to %s during forced history", w.turn, spec.name, w.agents[a].id)
			case w.effect(o.kind).Disabled:
				return fmt.Errorf("turn %d: %s is disabled but open to %s", w.turn, spec.name, w.agents[a].id)
			}
			return nil
		})
	})
	return counts, err
}

// DeltaCheck counts what CheckDeltas compared: every option valued, those
// valued by local deltas, and of those the ones whose valuation was bit
// for bit the look-ahead's.
type DeltaCheck struct {
	Options, ByDelta, Identical int
}

// CheckDeltas runs w to the end with its agents deciding and, in every
// decision phase, values every option of every agent twice: as the
// engine does, with local deltas (deltas.go), and by the look-ahead
// alone. It returns the counts and the first option whose valuations
// differ by more than tol, in any term, in the counterparty's gain, in
// consent or in whether a target gives in.
func CheckDeltas(w *World, tol float64) (c DeltaCheck, err error) {
	err = decisionPhases(w, func() error {
		return w.eachOption(func(a int, o option) error {
			was := w.byDelta
			fast, full := w.valueTwice(a, o, &w.lookaheadOnly)
			// A mutual option may take the other party's valuation, made
			// by deltas; the look-ahead alone makes none.
			byDelta := w.byDelta > was || kinds[o.kind].local
			if !fast.agrees(full, tol) {
				return fmt.Errorf("%s: %s by %s on %d: by local deltas %v, by the look-ahead %v",
					w.label(), kinds[o.kind].name, w.agents[a].id, o.target, fast, full)
			}
			c.Options++
			if byDelta {
				c.ByDelta++
				if fast.o.gain == full.o.gain && fast.o.theirs == full.o.theirs {
					c.Identical++
				}
			}
			return nil
		})
	})
	return c, err
}
