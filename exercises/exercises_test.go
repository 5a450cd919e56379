package exercises

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"caspian/scenarios"
)

func TestShippedExercises(t *testing.T) {
	list, err := List()
	if err != nil {
		t.Fatal(err)
	}
	if len(list) < 5 {
		t.Fatalf("%d exercises, want at least 5", len(list))
	}
	for _, e := range list {
		ex, err := Load(e.Name)
		if err != nil {
			t.Fatal(err)
		}
		if len(ex.Objectives) == 0 || ex.Background == "" || len(ex.Questions) == 0 || ex.InstructorNotes == "" {
			t.Errorf("%s lacks objectives, background, questions or instructor notes", e.Name)
		}
		for _, q := range ex.Questions {
			if strings.TrimSpace(q.Discussion) == "" {
				t.Errorf("%s: a question has no discussion points for the key", e.Name)
			}
		}
		for i := range ex.Variants {
			if _, _, err := ex.Variants[i].Build(""); err != nil {
				t.Errorf("%s: variant %s: %v", e.Name, ex.Variants[i].Name, err)
			}
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"syntax", "title = \n", "x.toml:1: "},
		{"unknown key", "title = \"t\"\nlevel = \"advanced\"\ntitel = \"t\"\n[[variants]]\nname = \"a\"\nscenario = \"s\"\n", `x.toml:3: unknown key "titel"`},
		{"level", "title = \"t\"\nlevel = \"hard\"\n[[variants]]\nname = \"a\"\nscenario = \"s\"\n", `x.toml:2: level: "hard"`},
		{"no variants", "title = \"t\"\nlevel = \"advanced\"\n", "at least one [[variants]]"},
		{"duplicate variant", "title = \"t\"\nlevel = \"advanced\"\n[[variants]]\nname = \"a\"\nscenario = \"s\"\n[[variants]]\nname = \"a\"\nscenario = \"s\"\n", `x.toml:6: variants[2].name: "a" is used twice`},
		{"measure kind", "title = \"t\"\nlevel = \"advanced\"\n[[variants]]\nname = \"a\"\nscenario = \"s\"\n[[measures]]\nlabel = \"m\"\nagent = \"AZE\"\nmetric = \"mood\"\n", `x.toml:6: measures[1]: metric "mood"`},
		{"wrong type", "title = \"t\"\nlevel = \"advanced\"\nruns = \"many\"\n", "x.toml:3: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("x.toml", []byte(tt.text))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want %q", err, tt.want)
			}
		})
	}
}

func TestVariantChanges(t *testing.T) {
	tests := []struct {
		name   string
		v      Variant
		check  func(t *testing.T, v *Variant)
		errMsg string
	}{
		{"set a number in a list entry", Variant{Scenario: scenarios.Default, Set: []Change{{"agents[AZE].threat_response", -0.6}}}, func(t *testing.T, v *Variant) {
			sc, _, _ := v.Build("")
			for _, a := range sc.Agents {
				if a.ID == "AZE" && a.ThreatResponse != -0.6 {
					t.Fatal("threat_response not set")
				}
			}
		}, ""},
		{"set a nested entry and a pair", Variant{Scenario: scenarios.Default, Set: []Change{
			{"conflicts[karabakh].patrons[RUS].support", int64(0)}, {"culture[RUS,AZE].language", 1.0}}}, func(t *testing.T, v *Variant) {
			sc, _, _ := v.Build("")
			if sc.Conflicts[0].Patrons[0].Support != 0 {
				t.Fatal("support not set")
			}
		}, ""},
		{"set a list and a flag", Variant{Scenario: scenarios.Default, Set: []Change{
			{"agents[RUS].roles", []any{"great_power"}}, {"actions.mediate.disabled", true}, {"calendar.history_until", "1995-Q1"}}}, func(t *testing.T, v *Variant) {
			sc, _, _ := v.Build("")
			if !sc.Actions.Mediate.Disabled || sc.Calendar.HistoryUntil.Year != 1995 {
				t.Fatal("not set")
			}
		}, ""},
		{"remove an event", Variant{Scenario: scenarios.Default, Remove: []string{"events[Crimea annexed]"}}, func(t *testing.T, v *Variant) {
			sc, _, _ := v.Build("")
			for _, e := range sc.Events {
				if e.Label == "Crimea annexed" {
					t.Fatal("not removed")
				}
			}
		}, ""},
		{"unknown key", Variant{Scenario: scenarios.Default, Set: []Change{{"agents[AZE].mood", 1.0}}}, nil, `no key "mood"`},
		{"unknown entry", Variant{Scenario: scenarios.Default, Set: []Change{{"agents[XYZ].alignment", 1.0}}}, nil, "[XYZ]: no entry"},
		{"wrong type", Variant{Scenario: scenarios.Default, Set: []Change{{"agents[AZE].alignment", "west"}}}, nil, "want a number"},
		{"unknown scenario", Variant{Scenario: "nowhere"}, nil, "nowhere"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := tt.v.Build("")
			if tt.errMsg != "" {
				if err == nil || !strings.Contains(err.Error(), tt.errMsg) {
					t.Fatalf("error %v, want %q", err, tt.errMsg)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, &tt.v)
		})
	}
}

func TestWorksheet(t *testing.T) {
	ex, err := Load("pipeline-politics")
	if err != nil {
		t.Fatal(err)
	}
	res, err := Run(ex, Options{Runs: 2, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	files, err := res.WriteDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 4+len(ex.Agents)+len(ex.Variants) {
		t.Fatalf("files %v", files)
	}
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	ws, key := read("worksheet.md"), read("key.md")
	for _, want := range []string{"## Learning objectives", "## Background", "## What is compared", "## Results", "## Questions", "![", "compare-aze.png", "| measure |"} {
		if !strings.Contains(ws, want) {
			t.Errorf("worksheet.md lacks %q", want)
		}
	}
	if strings.Contains(ws, "discussion") || strings.Contains(ws, ex.Questions[0].Discussion[:30]) {
		t.Error("the worksheet gives away the key")
	}
	for _, want := range []string{"## Notes for the instructor", "## Questions and discussion points", "What the numbers say", strings.Fields(ex.Questions[0].Discussion)[0]} {
		if !strings.Contains(key, want) {
			t.Errorf("key.md lacks %q", want)
		}
	}
	for _, name := range []string{"worksheet.html", "key.html"} {
		html := read(name)
		if n := strings.Count(html, `src="data:image/png;base64,`); n != len(ex.Agents)+len(ex.Variants) {
			t.Errorf("%s has %d inline images", name, n)
		}
		// Self-contained: nothing is loaded from outside the page.
		if m := regexp.MustCompile(`(?i)(src|href)="(https?:|//|[^"#d][^"]*\.(png|css|js))`).FindString(html); m != "" {
			t.Errorf("%s refers outside itself: %s", name, m)
		}
		if strings.Contains(html, "<script") || strings.Contains(html, "<link") {
			t.Errorf("%s loads scripts or styles", name)
		}
	}
}
