package main

import (
	"caspian/internal/cli"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"caspian/scenarios"
	"caspian/sim"
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

// opened is a scenario as a command opened it.
type opened struct {
	// arg is the file or built-in name as typed; name is how messages
	// call the scenario.
	arg, name string
	sc        *sim.Scenario
	// data is the scenario's file as read; sha its hex SHA-256, for
	// summaries.
	data []byte
	sha  string
}

// openScenario opens the scenario file or built-in scenario arg, with the
// overrides sets applied, within the limits l.
func openScenario(arg string, sets setList, l limits) (opened, error) {
	sc, data, name, err := scenarios.OpenWith(arg, scenarios.Options{Limits: l.scenario, Sets: sets})
	if err != nil {
		return opened{}, scenarioError(name, err)
	}
	return opened{arg: arg, name: name, sc: sc, data: data, sha: sha(data)}, nil
}

// sha is the hex SHA-256 of data.
func sha(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// scenarioError presents a scenario that could not be opened. A file's
// problems come one per line, indented under a headline, so that every
// FILE:LINE stays easy to spot.
func scenarioError(name string, err error) error {
	var list scenarios.ErrorList
	if !errors.As(err, &list) {
		return err
	}
	lines := strings.Split(list.Error(), "\n")
	head := fmt.Sprintf("%s has %d problems, so nothing was run:", name, len(lines))
	if len(lines) == 1 {
		head = fmt.Sprintf("%s has a problem, so nothing was run:", name)
	}
	return errors.New(head + "\n  " + strings.Join(lines, "\n  "))
}
