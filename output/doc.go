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
// As SVG, both figures show details when the pointer rests on them, by
// the browser's own tooltips (SVG <title> elements, no script): a key
// event's line, number or sidebar entry gives its date, label and, for
// an ensemble, in how many runs it happened; a state's line gives the
// date and its value (median and middle 50 % and 90 % of runs for an
// ensemble) and, for a single run, what the state did that turn and the
// expected gains it chose for. PNG and PDF files are unchanged by them.
//   - quantiles.csv, with more than one run: the mean and the 5, 25, 50,
//     75 and 95 % quantiles of every agent's metrics, conflict
//     intensities and route flows across runs, turn by turn.
//
// A Report's Stats, when set, are the statistics of every run, summarised
// as the runs finished by package ensemble; the Collectors then hold only
// the runs kept in full (run 0, for the event markers, events.csv and
// timeseries.csv). Without Stats they are computed from the Collectors,
// which must then hold every run. With more than one run the figures are
// fan charts: the median across runs, and bands holding the middle 50 %
// and 90 % of runs. Each writer is exported on its own (WriteTimeseries,
// WriteEvents, WriteSummary, WriteQuantiles, PlotAlignment, PlotInterests,
// Render) for other commands, and so are the outputs of sim compare
// (Comparison, WriteComparison, PlotComparison) and sim sweep
// (SweepSummary, SweepTable, SweepFiles, PlotResponse, PlotHeatmap);
// WriteFiles writes any set of them atomically, as WriteDir does.
// ComparisonFiles and ValidationFiles are the sets of sim compare and sim
// validate.
//
// The reports the commands print are here too, beside the files they
// sum up: WriteFocal (how the focal state fared in a run),
// WriteComparisonText, and WriteValidationText with WriteRobustnessText,
// each in plain words; and the notes the commands print beside the files
// they saved (RunFileNotes, ComparisonFileNotes, ValidationFileNotes).
//
// Every output is deterministic: the same runs give the same bytes,
// whatever the number of workers that produced them, so outputs can be
// compared with diff and checked into course materials. Numbers in the
// CSV and JSON files have ten significant digits; the summary holds no
// timestamp; PDF creation dates are fixed.
package output
