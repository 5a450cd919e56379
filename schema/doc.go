// Package schema generates the JSON Schema (draft 2020-12) of caspian's
// scenario files, so that editors check and complete a scenario as it is
// typed: VS Code with the Even Better TOML extension, or any editor
// using the Taplo language server, validates a TOML file against a JSON
// Schema named on its first line (#:schema ./scenario.schema.json).
//
// The schema is built by reflection from the same Go types the loader
// decodes into (sim.Scenario and the types it holds), under the same
// toml keys, so the two cannot drift apart: a key added to the engine
// appears in the schema with its type, and its description is the doc
// comment of its Go field (copied into docs.go by a test that fails when
// the copy is stale). On top of the types, the schema states what the
// loader demands that a type cannot say: the required keys, the values
// of enumerated keys (calendar steps, route statuses and commodities,
// roles, event and hazard kinds, taken from package sim) and the ranges
// of numbers, whose ceilings come from the loader itself
// (scenarios.Ceilings).
//
// The loader (package scenarios) remains the authority: it also checks
// what a schema cannot, such as references between entries and dates
// inside the calendar. Every file the loader accepts is valid against
// the schema; the tests check this for every shipped scenario.
package schema
