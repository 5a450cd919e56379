// Package calibrate fits a scenario's uncertain values to the record it
// depicts.
//
// The record is the scenario's [[patterns]]: dated facts ("Azerbaijan
// joins GUAM in 1997") and observed yearly series. A Split sorts them by
// the end of their window into the patterns a fit may use (up to a date,
// by default the end of 2013) and the ones held out to test the fit (from
// then to a later date), so that a fit to 2005 can be judged on
// 2006-2013, which it never saw. Patterns after the sample stay out of
// both.
//
// Misfit measures how far an ensemble is from the patterns of one part:
// for a fact, the share of runs in which it did not happen (1 minus the
// pattern's share), where a dated fact counts less the further it fell
// from its date, and not at all two years or more away; for a series, the root mean square distance of
// the ensemble's median path from the observed series, as a share of the
// observed range (at most 1). The misfit is the mean over the part's
// patterns, between 0 (every fact in every run, every series on its
// median) and 1. Unlike the validation score, which counts the patterns
// that hold in at least half the runs, it moves with every run, so a
// search can follow it.
//
// Search minimises a function of the values inside their ranges by the
// Nelder-Mead simplex method of gonum/optimize, with each range mapped
// onto the whole line by a logistic function, so that every point tried
// is inside the box. The function is called one point at a time, in an
// order fixed by the start and the function's values: a function that
// gives the same value at the same point (an ensemble with the same
// seeds, that is with common random numbers) gives the same search, so a
// search stopped half-way can be replayed from a journal of its
// evaluations and go on exactly as it would have.
//
// The package is the mathematics of a fit and nothing of a job: running
// the candidates, their journal and the files of a calibration are
// package study's, which also runs sensitivity analyses over the same
// kind of box (a Box converts to a sensitivity.Problem, whose fields are
// the same).
package calibrate
