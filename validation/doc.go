// Package validation scores an ensemble of runs of a scenario against the
// record of the period it depicts, the way pattern-oriented modelling
// checks a model against several observed patterns at once rather than
// against one number.
//
// The scenario's [[patterns]] are compiled and evaluated run by run by
// package patterns; Summarise gathers the runs into a Report: the share of
// runs in which each pattern holds, its timing error, the fit of a
// series' median path, the scenario's recorded decisions after
// history_until set against the agents' own choices, every kind of
// decision per run (who did what to whom), and how often each mechanism
// of the domain acted. Validate runs an ensemble and does all of that.
//
// The Report's score counts the in-sample patterns (those whose window
// ends by the sample's end, the end of 2013 for the shipped scenario) that
// the agents decided: a pattern whose window lies wholly in forced history
// (before calendar.history_until) holds by construction and is shown but
// not scored, and one that ends after the sample is shown as out of
// sample, so that the model is also tested on years it was not built on.
package validation
