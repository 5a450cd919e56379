// Package sim is the engine of caspian: an agent-based model of states
// that balance between two poles, built to study how Azerbaijan keeps its
// independence between Russia and the West.
//
// A Scenario (plain data, usually decoded from a TOML file by package
// scenarios) lists agents with interest weights, their cultural ties and
// relations, energy routes, conflicts, institutions, treaties, dated
// events and hazards. New compiles it into a World; Step plays one turn:
// exogenous events, then every agent scores its feasible actions by their
// one-turn effect on its weighted interests (security, energy, alignment)
// and picks one by a logit rule, bilateral actions need the counterparty's
// consent, all effects apply at once, and alignments move by a
// Friedkin–Johnsen update whose weights come from energy, security,
// cultural and institutional ties. A Recorder receives every turn's
// Snapshot and every Decision with the utility terms that made it win.
//
// The engine does no I/O, reads no clock and keeps no global state: a
// run is a pure function of its scenario, options and seed, and Ensemble
// gives the same results for any number of workers. docs/model.md states
// every equation.
package sim
