package schema_test

import (
	"fmt"

	"caspian/schema"
)

// The schema describes every table of a scenario file; the calendar's
// step may take three values.
func ExampleScenario() {
	s := schema.Scenario()
	props := s["properties"].(map[string]any)
	calendar := props["calendar"].(map[string]any)
	step := calendar["properties"].(map[string]any)["step"].(map[string]any)
	fmt.Println(s["$schema"])
	fmt.Println(calendar["required"])
	fmt.Println(step["enum"])
	// Output:
	// https://json-schema.org/draft/2020-12/schema
	// [start end step]
	// [month quarter year]
}
