package scenarios

import (
	"testing"

	"github.com/BurntSushi/toml"
)

const indexText = `# comment = not a key
name = "x" # trailing comment
description = """
[calendar]
fake = "inside a multi-line string"
"""
notes = '''
[[agents]]
'''

[calendar]
start = "1991"

[[agents]]
id = "AZE"
weights = { security = 0.5,
  energy = 0.3 }

[agents.production]
oil = { 1991 = 240 }

[[agents]]
id = "RUS"
weights.alignment = 0.3
"quoted key" = 1

[[conflicts]]
id = "k"
stakes = [
  0.3,
  0.3,
]

[[conflicts.patrons]]
agent = "RUS"

[[conflicts]]
id = "m"
patrons = [
  { agent = "AZE", side = "ARM" },
  { agent = "USA",
    side = "GEO" },
]

[[conflicts.brokers]]
agent = "IRN"
`

func TestIndexLines(t *testing.T) {
	var tree map[string]any
	if _, err := toml.Decode(indexText, &tree); err != nil {
		t.Fatalf("the test text should be valid TOML: %v", err)
	}
	ix := IndexLines(indexText)
	cases := []struct {
		path string
		want int
	}{
		{"name", 2},
		{"description", 3},
		{"fake", 0},      // inside a string
		{"calendar", 11}, // the real header, not the one in the string
		{"calendar.start", 12},
		{"agents[1]", 14},
		{"agents[1].id", 15},
		{"agents[1].weights.security", 16},
		{"agents[1].weights.energy", 17},
		{"agents[1].production", 19},
		{"agents[1].production.oil", 20},
		{"agents[2]", 22},
		{"agents[2].weights", 24},
		{"agents[2].weights.alignment", 24},
		{"agents[2].quoted key", 25},
		{"conflicts[1].stakes", 29},
		{"conflicts[1].stakes[2]", 31},
		{"conflicts[1].patrons[1]", 34},
		{"conflicts[1].patrons[1].agent", 35},
		{"conflicts[2].patrons[1].side", 40},
		{"conflicts[2].patrons[2]", 41},
		{"conflicts[2].patrons[2].side", 42},
		{"conflicts[2].brokers[1].agent", 46},
	}
	for _, c := range cases {
		if got := ix[c.path]; got != c.want {
			t.Errorf("%s: line %d, want %d", c.path, got, c.want)
		}
	}
}

func TestLineFallsBackToEnclosingTable(t *testing.T) {
	ix := IndexLines(indexText)
	cases := []struct {
		path string
		want int
	}{
		{"agents[2].weights.security", 24}, // not written: the dotted key's line
		{"agents[2].stability", 22},        // not written: the [[agents]] header
		{"conflicts[2].patrons[2].support", 41},
		{"calendar.step", 11},
		{"focal", 0},
		{"", 0},
	}
	for _, c := range cases {
		if got := ix.Line(c.path); got != c.want {
			t.Errorf("%s: line %d, want %d", c.path, got, c.want)
		}
	}
}

func TestIndexLinesAfterByteOrderMark(t *testing.T) {
	if got := IndexLines("\ufeffname = \"x\"\nfocal = \"AZE\"\n"); got["name"] != 1 || got["focal"] != 2 {
		t.Errorf("got %v", got)
	}
}

func TestParentPath(t *testing.T) {
	for path, want := range map[string]string{
		"agents[2].weights.security": "agents[2].weights",
		"agents[2].weights":          "agents[2]",
		"agents[2]":                  "agents",
		"agents":                     "",
		"a.b[3]":                     "a.b",
	} {
		if got := parentPath(path); got != want {
			t.Errorf("parentPath(%q) = %q, want %q", path, got, want)
		}
	}
}

func TestIndexLinesOnBrokenText(t *testing.T) {
	// None of these is valid TOML; the scanner must simply finish.
	for _, text := range []string{
		"[", "[[", "[a", "a = [", "a = {", `a = "`, `a = """`, "a = '''", "= 1", "a.", `"`,
		"a = [{b = [{c = ", "]]]]", "}}}", "a = 1 b = 2", "\x00\xff",
	} {
		IndexLines(text)
	}
}

func TestFirst(t *testing.T) {
	ix := IndexLines(indexText)
	cases := []struct {
		key  []string
		want int
	}{
		{[]string{"name"}, 2},
		{[]string{"agents", "id"}, 15},
		{[]string{"agents", "weights", "alignment"}, 24},
		{[]string{"conflicts", "patrons", "side"}, 40},
		{[]string{"conflicts", "brokers"}, 45},
		{[]string{"focal"}, 0},
		{nil, 0},
	}
	for _, c := range cases {
		if got := ix.First(c.key...); got != c.want {
			t.Errorf("%v: line %d, want %d", c.key, got, c.want)
		}
	}
}
