// Package exercises holds the class exercises built into caspian and
// runs them into documents for a class.
//
// An exercise is a TOML file (the built-in ones are embedded from this
// folder): a title, a level, the class time, learning objectives,
// background, the variants to compare, the measures to read off their
// runs, questions for students with discussion points for the
// instructor, things to try after class and instructor notes. A variant
// is a scenario (built in, or a file) with changes:
//
//	[[variants]]
//	name = "no-patron"
//	label = "Russia does not back Armenia"
//	scenario = "azerbaijan-1991"
//	set = [{ key = "conflicts[karabakh].patrons[RUS].support", value = 0.0 }]
//	remove = ["events[Crimea annexed]"]
//
// Keys name a value by the scenario's own keys; a [...] picks a list
// entry by its id, agent or label, by a pair of agents ("culture[AZE,RUS]")
// or by its number from 1. Parse checks a file strictly: unknown keys,
// wrong types and missing values are reported as FILE:LINE: problem.
//
// Exercise files pass between colleagues, so they are read as untrusted
// input: Limits bound their size and nesting, their measures and
// changes, and the runs kept in memory; a variant names a built-in
// scenario or a file in the exercise file's own folder or below it, never
// outside it (scenarios.OpenBeside, as a saved game names its scenario),
// and the scenario its changes make is checked like a scenario file
// (scenarios.Check).
//
// Run runs every variant as an ensemble (ensemble.Run, which a context
// can stop) and Result.WriteDir
// writes a worksheet for students and a key for the instructor, each as
// Markdown and as a self-contained HTML page with the plots inlined
// (package internal/page), together with the plots as PNG files: a
// comparison of the variants for each followed state (output.PlotPaths)
// and every variant's alignment plot. FileNote says what each file
// written holds.
package exercises
