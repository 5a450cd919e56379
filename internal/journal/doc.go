// Package journal keeps the finished points of a long job (a sweep, a
// calibration, a sensitivity analysis) on disk, so that none is lost to a
// Ctrl-C, a job scheduler's SIGTERM or a crash. As each point finishes,
// its rows go into a journal in a hidden work folder beside the output
// folder (".NAME.partial" for NAME), each line written whole and synced
// to disk before the point is reported done. The same command with
// --resume reads the journal back, runs only the points it lacks and
// writes the output exactly as an uninterrupted job would have; the work
// folder is removed once the output is in place.
//
// A journal is one JSON line of Header, everything that decides the
// job's rows, then one JSON line of Entry per finished point. It is
// resumed only by the same job: Open names the first setting that
// differs.
//
// A job split into shards over many machines leaves one journal per
// shard; JoinShards joins them into the journal of the whole job, which
// the same job then resumes as if one machine had run every point.
package journal
