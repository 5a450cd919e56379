// Package pool runs many independent jobs on a few goroutines and hands
// their results to the caller in job order, so that what the caller
// builds from them never depends on the number of workers or on which
// job finished first. Ensembles, sweeps and the debrief all run their
// simulations through it.
//
// It lives apart from the engine, package sim, because it is plumbing
// rather than model, and apart from package ensemble because sim's own
// Ensemble and packages that run no ensemble use it too. It does no I/O
// and keeps no global state, so the engine may import it and stay a pure
// function of its scenario, options and seed.
package pool
