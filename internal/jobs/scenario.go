package jobs

import (
	"caspian/scenarios"
	"caspian/sim"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
)

// Scenario is a scenario as a job opened it.
type Scenario struct {
	// Arg is the file or built-in name as typed; Name is how messages
	// call the scenario.
	Arg, Name string
	Sc        *sim.Scenario
	// Data is the scenario's file as read; SHA its hex SHA-256, for
	// summaries.
	Data []byte
	SHA  string
}

// Open opens the scenario file or built-in scenario arg, with the
// overrides sets applied, within the limits l.
func Open(arg string, sets []scenarios.Set, l Limits) (Scenario, error) {
	sc, data, name, err := scenarios.OpenWith(arg, scenarios.Options{Limits: l.Scenario, Sets: sets})
	if err != nil {
		return Scenario{}, ScenarioError(name, err)
	}
	return Scenario{Arg: arg, Name: name, Sc: sc, Data: data, SHA: SHA256(data)}, nil
}

// OpenSource opens a scenario file's contents data, called name in
// messages, as Open opens a file on disk: for a file that is not on disk,
// such as one uploaded to sim serve.
func OpenSource(name string, data []byte, sets []scenarios.Set, l Limits) (Scenario, error) {
	sc, err := scenarios.ParseWith(name, data, scenarios.Options{Limits: l.Scenario, Sets: sets})
	if err != nil {
		return Scenario{}, ScenarioError(name, err)
	}
	return Scenario{Arg: name, Name: name, Sc: sc, Data: data, SHA: SHA256(data)}, nil
}

// SHA256 is the hex SHA-256 of data.
func SHA256(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// ScenarioError presents a scenario that could not be opened. A file's
// problems come one per line, indented under a headline, so that every
// FILE:LINE stays easy to spot.
func ScenarioError(name string, err error) error {
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
