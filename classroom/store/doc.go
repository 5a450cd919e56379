// Package store keeps the lasting record of class sessions, so that a
// server can be stopped and started again in the middle of a class and
// lose nothing.
//
// A classroom.Session is its configuration and the moves made in it:
// classroom.Replay rebuilds it from them exactly. The store therefore
// keeps only those, never the engine's state: a session's scenario file
// as it was given, its seed and seats (the configuration), and every
// accepted move in the order it was made, appended as it is made. A
// student's move is stored when Submit accepts it, even if its turn has
// not happened yet; when the instructor ends a turn, an Auto move is
// stored for each seat that was still waiting. After a restart, Load
// gives back the configuration and the moves, and Replay resumes the
// session at the same turn with the same seats still waiting.
//
// Besides the game, the store keeps what a class needs to meet: a short
// join code that students type, the seats students hold and who holds
// them. Players and the instructor prove who they are with tokens that
// are given out once and kept only as SHA-256 hashes, so that a copy of
// the database cannot be used to act for anyone.
//
// The store is a SQLite database, through the pure-Go driver
// modernc.org/sqlite: the server stays one file, built without a C
// compiler, and every write is committed to disk before it is
// acknowledged. The database runs in WAL mode so that readers do not
// wait for a writer, and with a busy timeout so that concurrent writers
// wait their turn instead of failing.
package store
