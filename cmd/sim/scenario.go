package main

import (
	"caspian/internal/cli"
	"strings"
)

// scenarioArg is the one scenario that the positional arguments pos of
// command cmd name, or dflt when they name none.
func scenarioArg(cmd string, pos []string, dflt string) (string, error) {
	switch len(pos) {
	case 0:
		return dflt, nil
	case 1:
		return pos[0], nil
	}
	return "", cli.Usagef(cmd, "%s takes one scenario, but got %d: %s", cmd, len(pos), strings.Join(pos, " "))
}
