// Package classroom is the crisis game of a class: several students each
// hold a state of a scenario, each quarter every student chooses their
// state's move, and the model plays every state no student holds, as it
// plays them all in a run.
//
// A Session rests at a turn in which the students decide. A student's
// move waits until every seat has moved, or until the instructor ends
// the turn (a timer ran out, a student is absent): the seats that have
// not moved are then played by the model, as "auto". Only then does the
// turn happen, with all the moves at once, so that no student sees
// another's move before making their own.
//
// A session is its configuration and the moves made: Replay rebuilds it
// from them exactly, decision for decision, because the engine draws its
// random numbers in the same order for the same moves. A server keeps a
// session by storing its moves as they are made, and after a restart
// replays them to resume where it was.
package classroom
