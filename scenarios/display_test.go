package scenarios

import (
	"testing"

	"github.com/BurntSushi/toml"
)

// placePath resolves a path as a user types it, the way --set does, into
// the path that counts list entries by place: the inverse of displayPath.
// A path it cannot resolve is returned as it is.
func placePath(tree map[string]any, path string) string {
	segs, err := splitPath(path)
	if err != nil {
		return path
	}
	var out []string
	table := tree
	for i := 0; i < len(segs); i++ {
		seg := segs[i]
		list := tableList(table[seg.key])
		_, byID := idLists[seg.key]
		if table != nil && list != nil && (seg.index > 0 || seg.sel != "" || byID && i+1 < len(segs)) {
			n, err := pickEntry(list, seg, segs, &i)
			if err != nil {
				return path
			}
			out = append(out, indexPath(seg.key, n))
			table = list[n-1]
			continue
		}
		out = append(out, rawSegment(seg))
		table = subTable(table, seg)
	}
	return joinAll(out)
}

func joinAll(parts []string) string {
	s := ""
	for _, p := range parts {
		s = joinPath(s, p)
	}
	return s
}

func treeOf(t *testing.T, text string) map[string]any {
	t.Helper()
	var tree map[string]any
	if _, err := toml.Decode(text, &tree); err != nil {
		t.Fatal(err)
	}
	return tree
}

func TestDisplayPath(t *testing.T) {
	tree := treeOf(t, `
[[agents]]
id = "AZE"
[[agents]]
id = "RUS"
[[agents]]
id = "RUS"
[[agents]]
id = "A.B"
[[conflicts]]
id = "karabakh"
patrons = [{ agent = "RUS", support = 0.5 }, { agent = "IRN" }]
[[events]]
label = "Crimea annexed"
[[events]]
label = "2008"
[[culture]]
a = "AZE"
b = "TUR"
[[routes]]
id = "btc"
`)
	tests := []struct{ place, shown string }{
		{"agents[1].threat_response", "agents.AZE.threat_response"},
		{"agents[2].weights.security", "agents.RUS.weights.security"},
		{"agents[3].weights.security", "agents[3].weights.security"}, // a second RUS: only its place names it
		{"agents[4].ideal", "agents[A.B].ideal"},                     // an id that is not a plain name goes in brackets
		{"agents[1]", "agents.AZE"},
		{"agents[9].ideal", "agents[9].ideal"}, // no such entry
		{"agents", "agents"},
		{"conflicts[1].patrons[2].support", "conflicts.karabakh.patrons[IRN].support"},
		{"events[1].date", "events[Crimea annexed].date"},
		{"events[2].date", "events[2].date"}, // a number in brackets counts by place
		{"culture[1].weight", "culture[AZE,TUR].weight"},
		{"routes[1].capacity", "routes.btc.capacity"},
		{"routes[1].sphere[2]", "routes.btc.sphere[2]"},
		{"model.temperature", "model.temperature"},
		{"focal", "focal"},
	}
	for _, tt := range tests {
		got := displayPath(tree, tt.place)
		if got != tt.shown {
			t.Errorf("displayPath(%q) = %q, want %q", tt.place, got, tt.shown)
		}
		if back := placePath(tree, got); back != tt.place && tt.place != "agents[9].ideal" {
			t.Errorf("%q reads back as %q, want %q", got, back, tt.place)
		}
	}
}

// TestDisplayPathsOfShippedScenarios checks on every list entry of the
// shipped scenarios that the path shown for it names it again: what a
// message prints, --set finds.
func TestDisplayPathsOfShippedScenarios(t *testing.T) {
	for _, name := range []string{Default, "moscow-pressure", "no-southern-corridor"} {
		_, data, _, err := Open(name)
		if err != nil {
			t.Fatal(err)
		}
		tree := treeOf(t, string(data))
		var walk func(path string, table map[string]any)
		n := 0
		walk = func(path string, table map[string]any) {
			for k, v := range table {
				list := tableList(v)
				if list == nil {
					if m, ok := v.(map[string]any); ok {
						walk(joinPath(path, k), m)
					}
					continue
				}
				for i, m := range list {
					place := indexPath(joinPath(path, k), i+1) + ".x"
					shown := displayPath(tree, place)
					if back := placePath(tree, shown); back != place {
						t.Errorf("%s: %s is shown as %s, which names %s", name, place, shown, back)
					}
					n++
					walk(indexPath(joinPath(path, k), i+1), m)
				}
			}
		}
		walk("", tree)
		if n < 50 {
			t.Errorf("%s: only %d list entries walked", name, n)
		}
	}
}
