// Package ensemble runs many replicates of a scenario and summarises them
// as they finish, so that memory does not grow with the number of runs.
//
// Run hands run indices to a pool of workers. Each run records only what
// the statistics need, one float per series (an agent's metric, a
// conflict's intensity, a route's flow) and turn, plus the kind of every
// action taken; runs kept in full for the output files (run 0 always, every
// run with --keep-runs) also feed a recorder of the caller's choice.
// Finished runs go through a reorder buffer to the aggregator, which
// takes them strictly in run order. The buffer holds at most twice as many
// runs as there are workers, so memory is flat in the number of runs. The
// aggregator folds each run's values over as many ranges of cells (turns
// × series) as there are workers, one goroutine each, so that the
// statistics keep up with the runs on many cores; every range takes every
// run in run order. Since each cell sees the runs in the same order
// whatever the number of workers, ranges or the scheduling, the
// statistics are the same bytes for any --workers.
//
// Every run draws from the random stream sim.RunSeed(seed, run), so run i
// is the same in an ensemble of 10 or of 10 000 and in every scenario of a
// comparison (common random numbers).
//
// # Statistics
//
// For every aggregated turn and series the aggregator keeps the count, the
// mean and standard deviation (Welford's update, in run order), the
// minimum and maximum, and the 5, 25, 50, 75 and 95 % quantiles. Quantiles
// are exact up to Options.ExactRuns runs (1000 by default): the values are
// kept and the quantiles are computed at the end by linear interpolation
// between order statistics (R type 7), the rule of R, NumPy and
// spreadsheets. Beyond that every quantile switches to the P² estimator of
// Jain and Chlamtac (1985): five markers per quantile, started from the
// exact order statistics of the first ExactRuns values and then updated
// run by run, so memory no longer depends on the number of runs. P² is
// deterministic: the same runs in the same order give the same estimate.
// The five estimates are made non-decreasing in p and kept within the
// observed minimum and maximum.
//
// Measured error beyond the switch, as the rank of the estimate among
// the exact values against its target p: on 20 000 values from a normal,
// a log-normal and a two-humped mixture (TestSketchAccuracy, switching
// at 500) the worst of the five quantiles is 0.0008, 0.0010 and 0.0014;
// on a quantity with four values, 0.004. On the model's own outputs
// (TestSketchOnModel: 3000 runs of the default scenario, switching at
// 200, the alignment, security and energy of Azerbaijan, Georgia and
// Armenia in 2006 and 2025) the worst is 0.012, and no estimate is off
// by more than 3 % of the distance between the exact 5 % and 95 %
// quantiles. Ties are common there (many runs end in the same state), so
// ranks are counted with a slack of 0.1 % of the range of the values.
// The tests hold the error to 0.02: the 5 % quantile lies between the 3rd
// and the 7th percentile.
//
// # Comparisons
//
// A Comparison sets ensembles of several scenarios, run with the same
// seed, against the first, the baseline: for each metric and date, the
// two medians and their difference, each with a percentile bootstrap
// interval (Bootstrap), and a verdict (Verdict). The difference resamples
// runs in pairs, run i of one scenario with run i of the other, since
// they drew the same random numbers. Every row resamples from its own
// stream (BootstrapSeed), apart from the runs' streams, so the rows are
// the same bytes whatever the workers.
//
// # Cost
//
// Aggregation allocates nothing per run once the buffers exist: the
// per-run records are reused, the exact values go into one preallocated
// block (turn × series × ExactRuns floats, freed once every series has
// switched to P²) and the P² state is allocated once, up front when there
// are more runs than ExactRuns (allocating it at the first switch would
// race with the ranges folding at once). BenchmarkEnsemble measures runs
// per second of the default scenario, BenchmarkAggregate the aggregation
// alone, BenchmarkFoldRanges the same over one range and over two.
package ensemble
