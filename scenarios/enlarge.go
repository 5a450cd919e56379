package scenarios

import (
	"bytes"
	"fmt"
	"slices"

	"github.com/BurntSushi/toml"
)

// Enlarge returns the scenario src grown to n agents by cloning its minor
// agents (neither the focal state, nor a pole, nor a great power) in
// turn: Georgia's first copy is GEO2, "Georgia (2)". A copy has its
// original's interests, capabilities, roles, production and demand, its
// cultural ties and relations to every original agent, and its
// memberships; it is party to no route, conflict, treaty or dated event,
// so the record and the patterns stay as they are. Enlarged scenarios
// measure how the engine's cost grows with the number of agents
// (scripts/bench); they are not regions anyone has modelled.
//
// Comments are not kept. src must hold at least one minor agent and
// n must be at least its number of agents.
func Enlarge(src []byte, n int) ([]byte, error) {
	var tree map[string]any
	if _, err := toml.Decode(string(src), &tree); err != nil {
		return nil, fmt.Errorf("enlarging: %w", err)
	}
	agents := tables(tree["agents"])
	if n < len(agents) {
		return nil, fmt.Errorf("enlarging to %d agents: the scenario has %d already", n, len(agents))
	}
	focal, _ := tree["focal"].(string)
	axis, _ := tree["axis"].(map[string]any)
	var poles []any
	for _, k := range []string{"negative_poles", "positive_poles"} {
		if p, ok := axis[k].([]any); ok {
			poles = append(poles, p...)
		}
	}
	var minor []map[string]any
	for _, a := range agents {
		roles, _ := a["roles"].([]any)
		if a["id"] == focal || slices.Contains(poles, a["id"]) || slices.Contains(roles, any("great_power")) {
			continue
		}
		minor = append(minor, a)
	}
	if len(minor) == 0 && n > len(agents) {
		return nil, fmt.Errorf("enlarging: the scenario has no minor agent to copy")
	}
	culture, relations := tables(tree["culture"]), tables(tree["relations"])
	insts := tables(tree["institutions"])
	for copyNo := 2; len(agents) < n; copyNo++ {
		for _, orig := range minor {
			if len(agents) == n {
				break
			}
			id := orig["id"].(string)
			cid := fmt.Sprintf("%s%d", id, copyNo)
			c := clone(orig)
			c["id"] = cid
			c["name"] = fmt.Sprintf("%v (%d)", orig["name"], copyNo)
			agents = append(agents, c)
			culture = append(culture, pairsOf(culture, id, cid)...)
			relations = append(relations, pairsOf(relations, id, cid)...)
			for _, in := range insts {
				if members, ok := in["members"].([]any); ok && slices.Contains(members, any(id)) {
					in["members"] = append(members, cid)
				}
			}
		}
	}
	tree["agents"], tree["culture"], tree["relations"] = agents, culture, relations
	var out bytes.Buffer
	if err := toml.NewEncoder(&out).Encode(tree); err != nil {
		return nil, fmt.Errorf("enlarging: %w", err)
	}
	return out.Bytes(), nil
}

// tables reads an array of tables from a decoded tree.
func tables(v any) []map[string]any {
	switch t := v.(type) {
	case []map[string]any:
		return t
	case []any:
		var out []map[string]any
		for _, e := range t {
			if m, ok := e.(map[string]any); ok {
				out = append(out, m)
			}
		}
		return out
	}
	return nil
}

// pairsOf copies every pair table (a, b) that involves id with an
// original agent, with id replaced by cid.
func pairsOf(pairs []map[string]any, id, cid string) []map[string]any {
	var out []map[string]any
	for _, p := range pairs {
		a, b := p["a"], p["b"]
		if a != id && b != id {
			continue
		}
		c := clone(p)
		if a == id {
			c["a"] = cid
		} else {
			c["b"] = cid
		}
		out = append(out, c)
	}
	return out
}

// clone copies a table one level deep; nested values are shared, which is
// safe because they are only encoded.
func clone(m map[string]any) map[string]any {
	c := make(map[string]any, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}
