package scenarios_test

import (
	"fmt"

	"caspian/scenarios"
)

const tiny = `
name = "tiny"
title = "Two poles and a hedger"
focal = "AZE"

[calendar]
start = "1991"
end = "1995"
step = "year"

[axis]
negative_poles = ["RUS"]
positive_poles = ["USA"]

[model]
temperature = 0.1

[[agents]]
id = "AZE"
capability = 1
weights = { security = 0.6, alignment = 0.4 }

[[agents]]
id = "RUS"
capability = 20
weights = { security = 1 }
alignment = -1

[[agents]]
id = "USA"
capability = 60
weights = { security = 1 }
alignment = 1
`

func ExampleParse() {
	sc, err := scenarios.Parse("tiny.toml", []byte(tiny))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(sc.Title)
	fmt.Println(len(sc.Agents), "agents,", sc.Calendar.Turns(), "turns")
	// The file sets the temperature; the other coefficients keep their defaults.
	fmt.Println(sc.Model.Temperature, sc.Model.InfluenceSelf)
	// Output:
	// Two poles and a hedger
	// 3 agents, 5 turns
	// 0.1 1
}

func ExampleError() {
	bad := `
name = "typos"
focal = "AZR"

[calendar]
start = "1991"
end = "1995"
step = "year"

[axis]
negative_poles = ["RUS"]
positive_poles = ["USA"]

[[agents]]
id = "AZE"
capability = 1
weights = { secruity = 0.6, alignment = 0.4 }

[[agents]]
id = "RUS"
capability = 20
weights = { security = 1 }

[[agents]]
id = "USA"
capability = 60
weights = { security = 1 }
`
	_, err := scenarios.Parse("typos.toml", []byte(bad))
	fmt.Println(err)
	// Output:
	// typos.toml:3: focal: unknown agent "AZR" (did you mean "AZE"?)
	// typos.toml:17: agents.AZE.weights.secruity: unknown key "secruity" (did you mean "security"?)
}
