// Package atomicwrite writes a set of files into a folder all or nothing: a
// reader, or a user opening the folder after a failure, sees either every
// new file or the folder as it was, never a mixture and never half a file.
//
// It is for folders that may hold the user's own files besides ours (a
// played game's save beside its debrief, notes beside a worksheet), where
// swapping the whole folder, as output.WriteDir does for a run's results,
// would be wrong.
package atomicwrite
