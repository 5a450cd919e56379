package play_test

import (
	"fmt"

	"caspian/play"
	"caspian/scenarios"
)

// A game replays the same way from its moves: here Azerbaijan does
// nothing in its first turn and the model plays the next.
func ExampleReplay() {
	sc, _, name, err := scenarios.Open("azerbaijan-1991")
	if err != nil {
		panic(err)
	}
	g, err := play.New(play.Config{Scenario: sc, Name: name, Seed: 1, Agent: "AZE"})
	if err != nil {
		panic(err)
	}
	moves, err := play.ParseSave("moves.txt", []byte("1994-Q3 none\n1994-Q4 auto\n"))
	if err != nil {
		panic(err)
	}
	if err := play.Replay(g, "moves.txt", moves.Moves); err != nil {
		panic(err)
	}
	for _, r := range g.Records() {
		fmt.Println(r.Label, r.Action)
	}
	_, label := g.Turn()
	fmt.Println("next:", label)
	// Output:
	// 1994-Q3 none
	// 1994-Q4 auto
	// next: 1995-Q1
}
