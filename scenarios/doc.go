// Package scenarios holds the scenario files built into the simulation and
// turns scenario files, built in or written by a user, into a checked
// sim.Scenario.
//
// A scenario is a TOML text file describing one run: the states and blocs
// (agents), what they care about, their cultural ties and relations, the
// pipelines they could build, the wars between them, the institutions and
// treaties on offer, the dated events of history, the random shocks, and
// any model coefficients that differ from the defaults. docs/scenarios.md
// documents every key.
//
// The files shipped with the program (azerbaijan-1991 and its what-ifs)
// are compiled into it: List names them, Source returns one's text as
// shipped, so that a user can copy it and edit the copy. Open accepts what
// a user types on the command line, a file path or a built-in name.
//
// # Checking
//
// Scenario files are written by instructors and students, so a mistake in
// one is an expected event, not a program failure. Parse checks the whole
// file and reports every problem it finds at once, each as an Error that
// names the file, the line, the value in the notation --set takes
// ("agents.AZE.weights.security": the security weight of the [[agents]]
// block whose id is AZE; see displayPath) and,
// where it can, a hint on how to fix it:
//
//	my.toml:266: agents.AZE.weights.secruity: unknown key "secruity" (did you mean "security"?)
//
// The checks go in three rounds, since each needs the one before to pass:
//
//  1. TOML syntax: the first syntax error stops everything, with its line
//     and column.
//  2. Shape: every key must be one the format knows (spelling counts, and
//     so does case), and every value must have the right type (a number,
//     a date in quotes, a list...). All such problems are listed together.
//  3. Meaning: required values present, numbers finite and within their
//     ranges (amounts with no natural upper end, such as money, volumes
//     or weights, below a ceiling far above any real figure), ids unique,
//     every reference to an agent, route, conflict, institution or
//     agreement naming one that exists, event kinds and their targets
//     matching, dates inside the calendar. Again all are listed together.
//
// The TOML decoder gives no key positions and places some syntax errors
// where it noticed them rather than where they are, so one small scanner
// reads the text into tokens with their lines and columns, knowing what
// is a string and what is a comment; the pre-scan, the index of the lines
// where fields are written and the placing of syntax errors all read it.
//
// Finally the engine builds a world from the scenario (sim.New), which
// checks it once more. Parse never returns a scenario together with an
// error, and a file that passes is safe to run.
//
// # Untrusted files
//
// Scenario files pass between strangers, so nothing a file says may make
// the program allocate without bound or run for ever, and no number it
// gives may be so large that the model overflows with it (see
// Ceilings). Limits (see Limits, DefaultLimits and ParseWith) bound the
// file's size, the nesting of its values, the length of each list, the
// calendar and the series; the size and nesting are checked before the
// TOML parser sees the text, and the lists are counted before anything
// is decoded. A scenario names no other file. Files that name scenario
// files (an exercise's variants, a saved game) open them with OpenBeside,
// which looks for the file with ResolveIn, keeping it inside the naming
// file's folder, and else for a built-in scenario of that name.
//
// Values a file leaves out keep their defaults: sim.DefaultParams for the
// model coefficients and sim.DefaultActions for the effect sizes of the
// actions, so a file names only what it changes.
package scenarios
