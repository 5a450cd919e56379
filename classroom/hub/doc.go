// Package hub holds the class sessions a server is running: each one's
// game in memory, its record in a store. A change counts only once the
// store has it, so a server that restarts (a new Hub on the same store)
// resumes every unfinished session where it was, with the moves of a
// turn not yet played still waiting.
//
// Students act with the token Join gave them, and only for their own
// seat; the instructor acts with the token Create gave, and alone may
// end a turn, pause, resume or end the session. A session with a pace
// ends its turn when the pace runs out (Tick), as the instructor would.
package hub
