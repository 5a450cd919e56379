// Package patterns states observed facts about the period a scenario
// depicts as checks on a run's outputs, and evaluates them on one run.
//
// A scenario's [[patterns]] (sim.PatternSpec) each give a fact, the window
// in which a run must show it and its source. Six kinds cover what the
// record of a period offers: an action taken within a window (Azerbaijan
// leaves the Collective Security Treaty, 1998-2000), a condition on a
// recorded quantity (the Baku-Tbilisi-Ceyhan pipeline first carries oil in
// 2005-06; Karabakh never reaches war in 1995-2013), a change between two
// dates (the oil-funded build-up), one actor's share of some actions
// (Russia as Baku's main arms supplier), an order between two patterns,
// and an observed yearly series set against a model metric through a
// stated mapping (the UN-vote index against alignment).
//
// Compile checks the patterns against the scenario and compiles them;
// Problems lists the mistakes without compiling, for the scenario loader,
// which reports each on its line. Check.Recorder gives a sim.Recorder that
// evaluates every pattern on one run as it is played, keeping a few
// numbers per pattern, and returns a RunResult. Package validation gathers
// the results of an ensemble into a report.
//
// The scenario's own record also becomes a check: its dated decisions
// after calendar.history_until are not applied by the engine, and each
// RunResult says how close the agents' own choices came to them.
package patterns
