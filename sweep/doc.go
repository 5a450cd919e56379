// Package sweep lays out the designs of parameter sweeps: which values
// of which scenario parameters each point of a sweep takes, and which
// points each shard of a sweep split over many machines runs.
//
// A parameter is a scenario key path (as for --set) with a range,
// "agents.AZE.threat_response=-1:1:5". A full grid takes n evenly spaced
// levels of every parameter, lo and hi included, and every combination
// of them, the last parameter varying fastest. A Latin hypercube
// (gonum's samplemv.LatinHypercube) takes k points: each parameter's
// range is cut into k equal strata and every stratum is used exactly
// once, at a random place within it; the draws come from a PCG stream
// derived from the sweep's seed, so a design is the same on every
// machine.
//
// Shard i of n runs the points whose index is i modulo n, so shards get
// about the same mix of points whatever the design's order, and the
// union of the shards is the whole design, each point once.
package sweep
