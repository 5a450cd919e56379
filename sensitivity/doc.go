// Package sensitivity estimates how much a model's output depends on each
// of its uncertain inputs, by the two methods modelling practice relies
// on: Morris elementary effects, a cheap screening that ranks inputs by
// the mean absolute change one step in an input makes (μ*) and flags
// inputs whose effect depends on the others (σ); and Sobol indices, which
// split the output's variance into the share each input explains alone
// (first order, S) and with all its interactions (total, ST).
//
// The package knows nothing of the simulation: a caller draws a design
// (MorrisDesign, SaltelliDesign), evaluates the model at each of its
// points in any order and on any number of machines, and hands the
// outputs back in design order (MorrisEffects, SobolIndices). Designs are
// drawn from an explicit random stream, so the same seed gives the same
// points. A Problem has the fields of a calibrate.Box, so the box of a
// study converts to either; the package still imports nothing of the
// project. Running a scenario at the points is package study's.
//
// The estimators are Saltelli et al. (2010) for first-order indices and
// Jansen (1999) for total indices, with percentile bootstrap intervals,
// and Morris (1991) with the absolute mean of Campolongo et al. (2007).
// The tests check them against the Ishigami function and a linear model,
// whose indices are known exactly.
package sensitivity
