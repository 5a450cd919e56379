package scenarios

import (
	"fmt"

	"caspian/sim"
)

// OpenBeside opens the scenario that a file in folder dir names as ref,
// as an exercise's variant or a saved game names its scenario: the
// scenario file ref in dir or a folder below it if there is one, else
// the built-in scenario ref. It refuses a ref that leads outside dir
// (ResolveIn) with a *RefusedError, and a ref that is neither a file
// there nor a built-in scenario with a *MissingError, so that the caller
// can say what its own file should have named; other errors are those of
// opening the scenario. The name it returns is ref when the scenario
// could not be found.
func OpenBeside(dir, ref string, o Options) (*sim.Scenario, []byte, string, error) {
	path, err := ResolveIn(dir, ref)
	if err != nil {
		return nil, nil, ref, &RefusedError{Ref: ref, Err: err}
	}
	if path != "" {
		return OpenWith(path, o)
	}
	if !IsBuiltin(ref) {
		return nil, nil, ref, &MissingError{Dir: dir, Ref: ref}
	}
	return OpenBuiltin(ref, o)
}

// RefusedError is OpenBeside's answer to a name that leads outside the
// folder: an absolute path, one that climbs out with "..", or a link to
// a file elsewhere. Its message is Err's, which says which.
type RefusedError struct {
	Ref string
	Err error
}

// Error is Err's message, so that the caller can set it in its own
// sentence.
func (e *RefusedError) Error() string { return e.Err.Error() }

// Unwrap returns Err.
func (e *RefusedError) Unwrap() error { return e.Err }

// MissingError is OpenBeside's answer to a name that is neither a file in
// the folder Dir (or below it) nor a built-in scenario.
type MissingError struct {
	Dir, Ref string
}

// Error says what the name is not; callers usually say instead what the
// file that names it should have named.
func (e *MissingError) Error() string {
	return fmt.Sprintf("%q is neither a file in %s nor a built-in scenario", e.Ref, e.Dir)
}
