// Package sim is the engine of caspian: an agent-based model of states
// that balance between two poles, built to study how Azerbaijan keeps its
// independence between Russia and the West.
//
// A Scenario (plain data, usually decoded from a TOML file by package
// scenarios) lists agents with interest weights, their cultural ties and
// relations, energy routes, conflicts, institutions, treaties, dated
// events and hazards. New compiles it into a World; Step plays one turn:
// exogenous events, then every agent values its feasible actions by their
// effect on its weighted interests (security, energy, alignment, its
// conflicts) — a lasting commitment where the alignments would settle
// with it, over the years it would serve — and in each area of policy
// sets them against doing nothing, acting only where an action is worth
// more than its cost (a logit rule spreads the choice among those); a
// bilateral action needs the counterparty's consent and a route or treaty
// every party's; all effects apply at once, and alignments move by a
// Friedkin–Johnsen update whose weights come from energy, security,
// cultural and institutional ties. Coercion carries a demand the target
// meets or resists by its own valuation. A Recorder receives every turn's
// Snapshot and every Decision with the utility terms that made it win.
//
// The action kinds are one table (kinds, in actions.go): each kind's name,
// target type, area of policy, whether it needs consent, whether the
// dated record governs it during forced history, its entry in a
// scenario's [actions] table with its default sizes, its description,
// its effect on the state (effects.go), how an agent values it (value.go)
// and what its look-ahead must recompute. A new kind is a constant, a
// row of that table, a field of ActionTable and its offer in menu, which
// decides who may do what to whom; TestKindTable and
// TestShippedMenusFollowKindTable check that they agree.
//
// A World has three parts, kept apart because what they hold lasts for
// different spans: its model, the scenario as compile indexes it, which
// no run changes (model.go, build.go); its turn state, all that a run
// carries from one turn to the next; and its decision scratch, the
// working memory of one turn's choices, sized once and then overwritten.
// The choices are made by valuing every option (value.go) by its effect
// one turn ahead (lookahead.go; from the decision phase's sums for a
// change confined to two agents, deltas.go) or, for a lasting
// commitment, where the alignments would settle (counterfactual.go,
// worlds.go), then drawing by the logit rule (choice.go) unless a player
// moves (player.go).
//
// The engine does no I/O, reads no clock and keeps no global state: a
// run is a pure function of its scenario, options and seed, and Ensemble
// gives the same results for any number of workers. docs/model.md states
// every equation.
package sim
