package validation

import (
	"slices"

	"caspian/patterns"
	"caspian/sim"
)

// MechanismResult says how often one of the domain's mechanisms acted.
type MechanismResult struct {
	// Number and Name are the mechanism's in the domain brief and in
	// docs/model.md, section 4.
	Number int
	Name   string
	// Measure says what is counted.
	Measure string
	// PerRun is the count per run on average; Runs the share of runs in
	// which it acted at least once.
	PerRun float64
	Runs   float64
}

// mechanism is how a mechanism shows in a run's decisions.
type mechanism struct {
	name, measure string
	// counts reports whether a decision is one of the mechanism's acts.
	counts func(k patterns.ActionKey, sc *sim.Scenario) bool
}

// choices are the sources of decisions a government or chance makes,
// as against the dated record.
func chosen(k patterns.ActionKey) bool {
	return k.Source == sim.ByAgent || k.Source == sim.ByPlayer || k.Source == sim.ByChance || k.Source == sim.ByRule
}

func kindIn(kinds ...string) func(patterns.ActionKey, *sim.Scenario) bool {
	return func(k patterns.ActionKey, _ *sim.Scenario) bool { return chosen(k) && slices.Contains(kinds, k.Action) }
}

// mechanismTable lists the thirteen mechanisms of the domain brief with
// the decisions that show each in a run. Mechanism 1 is counted from the
// reasons of the focal state's choices, so it is filled in separately.
var mechanismTable = []mechanism{
	{"Independence and national security first", "the focal state's choices whose largest expected gain is security", nil},
	{"War over a contested territory", "escalations, ceasefires, flare-ups and victories", kindIn("escalate", "ceasefire", "flare", "victory")},
	{"A patron of one side arming the other; a broker preferring a frozen conflict", "arms deals by a patron of one party with the other party, and mediation by a broker", patronOrBroker},
	{"Coup attempts, some with foreign backing", "coups backed, and coup attempts", kindIn("back_coup", "coup")},
	{"Coercion: pressure and cut-offs", "pressure and cut-offs", kindIn("pressure", "cutoff")},
	{"Confrontation mixed with pragmatic cooperation", "arms deals, security and energy cooperation and partnerships between a party and a patron of its adversary", crossCooperation},
	{"Equilibrium between the poles", "the focal state's steps along the axis: joining, leaving, partnerships", focalSteps},
	{"Western partnership against the Russian-led bloc", "institutions joined and left", kindIn("join", "leave")},
	{"Oil and gas as instruments", "route commitments and energy cooperation", kindIn("commit_route", "energy_coop")},
	{"Rival pipeline projects", "rival routes pushed", kindIn("rival_route")},
	{"Treaties such as the Caspian seabed deal", "treaty signatures", kindIn("sign_agreement")},
	{"Security cooperation between rivals", "security cooperation", kindIn("security_coop")},
	{"Cultural pull: language, religion, kinship", "cultural outreach", kindIn("outreach")},
}

// patronOrBroker counts a patron's arms deals with the other side of its
// client's conflict, and a broker's mediation.
func patronOrBroker(k patterns.ActionKey, sc *sim.Scenario) bool {
	if !chosen(k) {
		return false
	}
	for _, c := range sc.Conflicts {
		switch k.Action {
		case "arms_deal":
			for _, p := range c.Patrons {
				if p.Agent == k.Actor && slices.Contains(c.Parties, k.Target) && k.Target != p.Side {
					return true
				}
			}
		case "mediate":
			if k.Target != c.ID {
				continue
			}
			for _, b := range c.Brokers {
				if b.Agent == k.Actor {
					return true
				}
			}
		}
	}
	return false
}

// crossCooperation counts cooperation between a conflict party and a
// patron of its adversary, either way round.
func crossCooperation(k patterns.ActionKey, sc *sim.Scenario) bool {
	if !chosen(k) || !slices.Contains([]string{"arms_deal", "security_coop", "energy_coop", "partnership"}, k.Action) {
		return false
	}
	for _, c := range sc.Conflicts {
		for _, p := range c.Patrons {
			for _, party := range c.Parties {
				if party == p.Side {
					continue
				}
				if (k.Actor == p.Agent && k.Target == party) || (k.Actor == party && k.Target == p.Agent) {
					return true
				}
			}
		}
	}
	return false
}

func focalSteps(k patterns.ActionKey, sc *sim.Scenario) bool {
	return chosen(k) && k.Actor == sc.Focal && slices.Contains([]string{"join", "leave", "partnership"}, k.Action)
}

// mechanisms counts each mechanism's acts per run.
func mechanisms(sc *sim.Scenario, runs []patterns.RunResult) []MechanismResult {
	out := make([]MechanismResult, len(mechanismTable))
	n := float64(max(1, len(runs)))
	for m, mech := range mechanismTable {
		total, acted := 0, 0
		for _, r := range runs {
			c := 0
			if mech.counts == nil {
				c = r.SecurityLed
			} else {
				for k, v := range r.Actions {
					if mech.counts(k, sc) {
						c += v
					}
				}
			}
			total += c
			if c > 0 {
				acted++
			}
		}
		out[m] = MechanismResult{Number: m + 1, Name: mech.name, Measure: mech.measure, PerRun: float64(total) / n, Runs: float64(acted) / n}
	}
	return out
}
