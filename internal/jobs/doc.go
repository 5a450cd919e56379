// Package jobs is what sim does for a user, apart from how it was asked:
// opening a scenario with its overrides within the limits, choosing and
// checking the folder the results go to, and saying why a job failed.
// The command line parses flags and prints; the work it asks for, and
// the rules every command shares, live here, so that another front end
// runs the same jobs by the same rules.
package jobs
