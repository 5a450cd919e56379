// Package sweep runs a scenario over many points of its parameters and
// joins a sweep that was split over many machines.
//
// A sweep has three parts, each here:
//
//   - The design: which values of which scenario parameters each point
//     takes. A parameter is a scenario key path (as for --set) with a
//     range, "agents.AZE.threat_response=-1:1:5". A full grid (Grid)
//     takes n evenly spaced levels of every parameter, lo and hi
//     included, and every combination of them, the last parameter
//     varying fastest. A Latin hypercube (LHS, gonum's
//     samplemv.LatinHypercube) takes k points: each parameter's range is
//     cut into k equal strata and every stratum is used exactly once, at
//     a random place within it; the draws come from a PCG stream derived
//     from the sweep's seed, so a design is the same on every machine.
//
//   - The runs: a Job runs the ensemble of each of its points with the
//     same seed, so that every point sees the same random draws and
//     points differ only by their values. Several points run at once
//     when there are more cores than runs per point. Each finished point
//     is handed over as its rows of sweep.csv, as text, the moment it is
//     done, so that the caller can keep it on disk (internal/journal)
//     and an interrupted sweep loses nothing. The rows do not depend on
//     the number of workers or the order the points finish in.
//
//   - The shards: shard i of n runs the points whose index is i modulo
//     n, so shards get about the same mix of points whatever the
//     design's order, and the union of the shards is the whole design,
//     each point once. Merge reads the shards' output folders, checks
//     every file and row against the design the summaries describe, and
//     joins them into the summary and table of the whole sweep. Because
//     rows stay the text a sweep writes, a merged sweep is byte for byte
//     what one machine would have written.
//
// The package computes and checks; it prints nothing. What the command
// line says about a sweep, and how it is stopped and resumed, is left
// to cmd/sim.
package sweep
