// Command sim runs caspian, an agent-based simulation of how Azerbaijan
// balances between Russia and the West, and of how states with interests
// in security, energy and alignment choose between two poles.
//
// 'sim help' lists the commands and 'sim help COMMAND' explains one; the
// texts live in help.toml. The package parses each command's flags,
// hands the work to package jobs (which the other front ends share) and
// prints what it did: results to standard output, messages to standard
// error prefixed "sim: ". Long commands show a progress bar on a
// terminal, and a signal stops them cleanly, leaving the output folder
// as it was, with exit status 130 (Ctrl-C) or 143 (SIGTERM). The exit
// status is otherwise 0 on success, 1 when a command fails (a bad
// scenario, a failed run) and 2 when the command line itself is wrong.
package main
