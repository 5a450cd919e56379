package classroom_test

import (
	"fmt"

	"caspian/classroom"
	"caspian/scenarios"
)

// Two students hold Azerbaijan and Armenia; the model plays the rest.
// The first turn they decide is the first after the record's forced
// history; a turn happens once both have moved.
func ExampleSession() {
	sc, _, _, err := scenarios.Open("azerbaijan-1991")
	if err != nil {
		panic(err)
	}
	s, err := classroom.Open(classroom.Config{Scenario: sc, Seed: 1, Seats: []string{"AZE", "ARM"}})
	if err != nil {
		panic(err)
	}
	_, label := s.Turn()
	fmt.Println("first turn:", label, "waiting for", s.Waiting())
	s.Submit("AZE", classroom.None, "", "")
	fmt.Println("waiting for", s.Waiting())
	played, _ := s.Submit("ARM", classroom.Auto, "", "")
	_, label = s.Turn()
	fmt.Println("played:", played, "now:", label)
	fmt.Println("moves logged:", len(s.Log()))
	// Output:
	// first turn: 1994-Q3 waiting for [AZE ARM]
	// waiting for [ARM]
	// played: true now: 1994-Q4
	// moves logged: 2
}
