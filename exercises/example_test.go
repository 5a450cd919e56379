package exercises_test

import (
	"fmt"

	"caspian/exercises"
)

// The built-in exercises, as 'sim exercise list' shows them.
func ExampleList() {
	list, err := exercises.List()
	if err != nil {
		panic(err)
	}
	for _, e := range list {
		fmt.Println(e.Name, e.Level)
	}
	// Output:
	// cis-or-west intermediate
	// culture introductory
	// karabakh-double-role intermediate
	// pipeline-politics introductory
	// shocks advanced
}
