// Command sim runs caspian, an agent-based simulation of how Azerbaijan
// balances between Russia and the West, and of how states with interests
// in security, energy and alignment choose between two poles.
//
// Usage:
//
//	sim run [SCENARIO] [--seed N] [--runs N] [--keep-runs] [--set PATH=VALUE]... [--workers N] [--out DIR] [--format png|svg|pdf]
//	sim compare SCENARIO SCENARIO... [--runs N] [--at DATES] [--set PATH=VALUE]... [--seed N] [--out DIR]
//	sim sweep [SCENARIO] --param PATH=LO:HI[:N]... [--design grid|lhs] [--points K] [--runs N] [--shard I/N] [--out DIR]
//	sim merge DIR... --out DIR
//	sim check FILE...
//	sim list
//	sim show NAME [--info]
//	sim play [SCENARIO] [--as ID] [--seed N] [--moves FILE | --load FILE] [--save FILE] [--out DIR]
//	sim exercise list | NAME [--out DIR]
//	sim new NAME
//	sim schema
//	sim version
//	sim help [COMMAND]
//
// run plays a scenario (a TOML file, or the name of one built into the
// program; azerbaijan-1991 by default) from start to end, runs times with
// random streams derived from seed, and saves timeseries.csv, events.csv,
// summary.json and the alignment and interests plots into DIR (by default
// out/ followed by the scenario's name). The folder is replaced as a
// whole only once every file is written, so a failed run leaves it as it
// was. The results depend on the scenario, seed and runs alone, never on
// workers. With more than one run, quantiles.csv holds the statistics of
// every value across runs, computed as the runs finish (package ensemble),
// and timeseries.csv and events.csv hold run 0 unless --keep-runs is given.
//
// compare runs several scenarios with the same seeds and tabulates how the
// focal state differs from the first, with bootstrap intervals; sweep runs
// a scenario over a grid or Latin hypercube of parameter values, whole or
// one shard of it, and merge joins the shards (docs/cluster.md). --set
// overrides any scenario value by its TOML path and is checked like the
// file. On a terminal, long commands show a progress bar; Ctrl-C stops
// them with exit status 130 and leaves the output folder as it was.
//
// check reports every problem in each scenario file as
// FILE:LINE: field: problem (hint). list prints the built-in scenarios
// and show prints one exactly as shipped, so that
//
//	sim show azerbaijan-1991 > my.toml
//	sim run my.toml
//
// runs an editable copy.
//
// Flags may come before or after the other arguments, as --flag value or
// --flag=value; -h or --help explains any command. The exit status is 0
// on success, 1 when a command fails (a bad scenario, a failed run) and 2
// when the command line itself is wrong (an unknown command or flag, a
// value out of range). Errors go to standard error, prefixed "sim: ".
package main
