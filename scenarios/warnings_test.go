package scenarios

import (
	"os"
	"strings"
	"testing"
)

// Settings that pass every check but cannot change a run are each
// warned of on their line; the shipped scenarios and the test base have
// none.
func TestWarnings(t *testing.T) {
	base, err := os.ReadFile("testdata/base.toml")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, old, new string
		want           []string // substrings of the one warning, "" for none
	}{
		{"none", "", "", nil},
		{"sphere on a non-pole", "stability = 0.5\nsphere = []", "stability = 0.5\nsphere = [\"ARM\"]",
			[]string{"b.toml:23: agents.AZE.sphere: has no effect: only a pole's sphere is read, and AZE is not a pole"}},
		{"ideal on a pole", "alignment = -1\n", "alignment = -1\nideal = 0.5\n",
			[]string{"agents.RUS.ideal: has no effect: RUS is a pole"}},
		{"leave by a non-member", "[[hazards]]", "[[events]]\ndate = \"1993\"\nkind = \"leave\"\nactor = \"AZE\"\ntarget = \"cis\"\nalways = true\n\n[[hazards]]",
			[]string{"events[2]: has no effect: AZE is not a member of cis"}},
		{"leave after a join", "[[hazards]]", "[[events]]\ndate = \"1992\"\nkind = \"join\"\nactor = \"AZE\"\ntarget = \"cis\"\nalways = true\n\n" +
			"[[events]]\ndate = \"1993\"\nkind = \"leave\"\nactor = \"AZE\"\ntarget = \"cis\"\nalways = true\n\n[[hazards]]", nil},
		{"a recorded leave is not applied", "[[hazards]]", "[[events]]\ndate = \"1993\"\nkind = \"leave\"\nactor = \"AZE\"\ntarget = \"cis\"\n\n[[hazards]]", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := strings.Replace(string(base), tt.old, tt.new, 1)
			if tt.old != "" && text == string(base) {
				t.Fatalf("the edit %q found nothing to change", tt.old)
			}
			sc, err := Parse("b.toml", []byte(text))
			if err != nil {
				t.Fatal(err)
			}
			ws := Warnings("b.toml", []byte(text), sc)
			if len(ws) != len(tt.want) {
				t.Fatalf("warnings %v, want %d", ws, len(tt.want))
			}
			for i, w := range tt.want {
				if !strings.Contains(ws[i].Error(), w) {
					t.Errorf("warning %q, want %q", ws[i].Error(), w)
				}
			}
		})
	}
	for _, name := range []string{Default, "moscow-pressure", "no-southern-corridor"} {
		sc, data, _, err := Open(name)
		if err != nil {
			t.Fatal(err)
		}
		if ws := Warnings(name, data, sc); len(ws) > 0 {
			t.Errorf("%s: %v", name, ws)
		}
	}
}
