// Package jobs is what sim does for a user, apart from how it was asked.
//
// It holds the rules every command shares (opening a scenario with its
// overrides within the limits, choosing and checking the folder the
// results go to, saying why a job failed) and each command's work, as a
// typed description that is opened first and run after: Run, Compare,
// Validate, Sweep, Calibrate, Sensitivity, Merge, Game, Exercise, Check,
// ScenarioInfo and Starter. Opening checks everything a job can check
// before it runs (the scenario, the output folder, an unfinished job's
// work folder), so that a front end can refuse a bad request at once;
// running takes a context to stop it, a callback for progress and a
// writer for notes, and returns what it saved.
//
// The command line parses flags and prints; a signal's words and exit
// status are its own. Another front end (a server for a class) runs the
// same jobs by the same rules.
package jobs
