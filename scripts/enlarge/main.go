// Command enlarge writes a scenario grown to more agents by copying its
// minor agents (scenarios.Enlarge), for measuring how the engine's cost
// grows with the number of agents:
//
//	go run ./scripts/enlarge 40 > region-40.toml
//	go run ./scripts/enlarge 20 my-scenario.toml > my-20.toml
package main

import (
	"fmt"
	"os"
	"strconv"

	"caspian/scenarios"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "enlarge:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) < 1 || len(args) > 2 {
		return fmt.Errorf("usage: enlarge AGENTS [SCENARIO.toml]")
	}
	n, err := strconv.Atoi(args[0])
	if err != nil {
		return fmt.Errorf("agents %q: not a number", args[0])
	}
	var src []byte
	if len(args) == 2 {
		src, err = os.ReadFile(args[1])
	} else {
		src, err = scenarios.Source(scenarios.Default)
	}
	if err != nil {
		return err
	}
	out, err := scenarios.Enlarge(src, n)
	if err != nil {
		return err
	}
	_, err = os.Stdout.Write(out)
	return err
}
