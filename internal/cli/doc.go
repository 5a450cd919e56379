// Package cli is the machinery of a command line with subcommands, as
// sim's: commands with their help (usage, a paragraph, headed lists,
// flags, examples), flags parsed in any order among the arguments with
// mistakes explained in words for people who rarely use a terminal, usage
// errors that point at the right help, exit statuses, a context that
// Ctrl-C and SIGTERM cancel, and a progress bar that shows only on a
// terminal. It knows nothing of scenarios or runs: the commands of
// package main say what each does.
package cli
