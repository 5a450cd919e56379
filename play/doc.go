// Package play is the game of caspian: a player governs one state of a
// scenario, turn by turn, while the model plays all the others, and a
// debrief then holds the player's path against the model's own play and
// against history.
//
// A Game wraps a sim.World through its open turns (BeginTurn, Choices,
// EndTurn with the player's move). It is a pure function of its Config
// (scenario, seed, agent) and its moves, so a game can be saved as a
// list of moves (Save, a small TOML file), loaded and replayed exactly,
// which is how instructors grade: Replay plays a saved game without
// asking anything. A move is an action kind with its target, None (do
// nothing) or Auto (let the model choose for the player this turn); the
// options the player sees are those of sim.World.Choices, valued by the
// same rule the model's agents use, so looking at them changes nothing.
//
// Play runs the interactive game on an io.Reader and an io.Writer, a line
// at a time: numbered choices and single-letter commands, so it works in
// any terminal, over SSH and from a pipe (no raw mode, no arrow keys).
// Screens are plain text 80 columns wide with small charts (sparklines of
// the player's interests, the position on the axis, bars for relations),
// in Unicode or, with Options.ASCII, in plain ASCII.
//
// Saved games are read as untrusted input (ReadSaveWith applies the
// scenario limits on size and nesting), and a game whose run hits a
// numerical fault stops with it (Game.Err) rather than ending early. A
// saved game names its scenario as a built-in name or a file relative to
// its own folder (SaveName), and OpenSaved opens only such a file, never
// one outside that folder.
//
// NewDebrief runs the model playing the same state with the same seed
// (an ensemble through ensemble.Run; its run 0 has exactly the game's
// random draws), compares the end states, finds the turning points (the
// turns in which the player's path and run 0's moved apart most) and
// replays the game with each of a few of the player's moves left to the
// model, under several sets of random draws, to show which decisions
// mattered and how much of it was chance. It holds the game against the
// scenario's own dated record after its forced history, and, for
// Azerbaijan, plots its UN General Assembly voting record
// as a reference. Debrief.WriteFiles writes the debrief as Markdown, a
// self-contained HTML page and a PNG figure.
package play
