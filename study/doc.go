// Package study runs the two studies of a scenario over a box of its
// uncertain values: a calibration, which searches the box for the values
// that best fit the scenario's record, and a sensitivity analysis, which
// runs a design of points in the box and measures how much each output
// depends on each value.
//
// Both evaluate a point the same way: the scenario opened with the
// point's values as overrides, each written in full so that the run gets
// exactly the value tried (Sets), and run as an ensemble with the same
// random draws at every point, so that points differ only by their
// values. A point's outputs (Output) are read from that ensemble: a
// metric of an agent at a date, the validation score, the misfit as
// calibrate measures it, or a pattern's share of runs.
//
// Both are long jobs kept in a journal one row per point as soon as the
// point is evaluated, so that an interrupted study resumes and ends
// exactly where an uninterrupted one would have; the row formats are
// here (WriteCandidate, ReadCandidate, WriteOutputs, ReadOutputs), every
// number in full.
//
// The mathematics stays outside: calibrate holds the misfit, the split of
// the record and the search, sensitivity the designs and estimators and
// nothing of the simulation. This package joins them to the scenario and
// the ensemble, which is why it is one package for both studies rather
// than part of either: the sensitivity of the misfit needs calibrate, and
// sensitivity must stay free of the model. The command line only parses
// flags, opens the scenario, shows progress and prints.
package study
