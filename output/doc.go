// Package output turns the runs of a simulation into the files users read:
// tidy CSV tables, a JSON summary and two figures.
//
// A Collector records one run. It implements sim.Recorder and keeps deep
// copies, because the engine reuses its Snapshot from turn to turn; one
// Collector per run is created with NewCollector and handed to the engine
// (sim.Ensemble's newRecorder). A Report gathers the Collectors, indexed by
// run, with what identifies the run: scenario name and SHA-256, seed,
// program version and plot format.
//
// WriteDir writes a whole output directory atomically: the files go into a
// temporary sibling first, which then replaces the old directory in one
// rename, so a failed or interrupted run never leaves a half-written
// directory or destroys the previous one. It refuses to replace a
// directory holding files it did not write. The directory holds:
//
//   - timeseries.csv: one row per run, turn, entity and metric
//     (run,turn,time,agent,metric,value), for analysis in R, pandas or a
//     spreadsheet. Agents have security, energy, alignment, revenue,
//     supply_security, stability, arms, utility and affinity_<ID> toward
//     every other agent; conflicts have intensity and routes flow.
//   - events.csv: every decision, scheduled event and hazard, with the
//     expected gains that drove it.
//   - summary.json: the run's identity and statistics across runs of each
//     agent's final state, the focal agent's actions by kind, and the
//     numbered key events the figures mark.
//   - alignment.<fmt>: the alignment drift of every state between the
//     poles, with key events.
//   - interests.<fmt>: the focal agent's security, energy and alignment
//     in three stacked panels.
//
// With more than one run the figures draw the median across runs and a
// 5–95 % band. Each writer is exported on its own (WriteTimeseries,
// WriteEvents, WriteSummary, PlotAlignment, PlotInterests, Render) for
// other commands.
//
// Every output is deterministic: the same runs give the same bytes,
// whatever the number of workers that produced them, so outputs can be
// compared with diff and checked into course materials. Numbers in the
// CSV and JSON files have ten significant digits; the summary holds no
// timestamp; PDF creation dates are fixed.
package output
