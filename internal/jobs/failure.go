package jobs

import (
	"caspian/sim"
	"context"
	"errors"
	"fmt"
)

// Interrupted reports whether err is the cancellation a signal caused.
func Interrupted(err error) bool { return errors.Is(err, context.Canceled) }

// RunFailed explains why running what failed, saving nothing: a
// numerical fault of the engine (a value that became NaN or infinite)
// with the turn, quantity, agent and rule that produced it, anything else
// as it is. kept, if not "", says what was left as it was.
func RunFailed(what string, err error, kept string) error {
	tail := "nothing was saved"
	if kept != "" {
		tail += ", and " + kept + " was left as it was"
	}
	var fe *sim.FaultError
	if errors.As(err, &fe) {
		return fmt.Errorf("%s: %v (the scenario passed every check, so this is a bug in the model; please report it with the scenario and the command); %s", what, err, tail)
	}
	return fmt.Errorf("running %s failed, so %s: %w", what, tail, err)
}
