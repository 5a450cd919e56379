package exercises

import (
	"math"
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

// Every key's claims hold in the results it is printed beside: each
// built-in exercise is run as a class would run it (its own runs and
// seed), every question rests on at least one claim, every claim holds,
// and every result the discussions quote is filled in. A change to the
// model that falsifies a key fails here, not in a classroom.
func TestShippedKeysHold(t *testing.T) {
	if testing.Short() {
		t.Skip("runs every exercise in full")
	}
	list, err := List()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range list {
		ex, err := Load(e.Name)
		if err != nil {
			t.Fatal(err)
		}
		res, err := Run(ex, Options{})
		if err != nil {
			t.Fatal(err)
		}
		for i, q := range ex.Questions {
			if len(q.Claims) == 0 {
				t.Errorf("%s: question %d rests on no claim", e.Name, i+1)
			}
			if left := quote.FindString(res.Quote(q.Discussion)); left != "" {
				t.Errorf("%s: question %d quotes %s, which the results do not fill", e.Name, i+1, left)
			}
		}
		for _, v := range res.Verdicts() {
			if !v.Holds {
				t.Errorf("%s: the key claims %q and it does not hold: %s", e.Name, v.Claim.Measure, v.Text)
			}
		}
		// A claim the results contradict is reported as such.
		c := ex.Questions[0].Claims[0]
		huge, minus := 1e9, -1.0
		for _, wrong := range []Claim{
			{Measure: c.Measure, Variant: c.Variant, Above: &huge},
			{Measure: c.Measure, Variant: c.Variant, NearVariant: c.Variant, Within: &minus},
		} {
			if v := res.Check(&wrong); v.Holds {
				t.Errorf("%s: a false claim holds: %s", e.Name, v.Text)
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
		{"duplicate variant under commented headers", "title = \"t\"\nlevel = \"advanced\"\n[[variants]] # one\nname = \"a\"\nscenario = \"s\"\n[[variants]] # two\nname = \"a\"\nscenario = \"s\"\n", `x.toml:6: variants[2].name: "a" is used twice`},
		{"unknown key in a list", "title = \"t\"\nlevel = \"advanced\"\n[[variants]]\nname = \"a\"\nscenario = \"s\"\n[[variants]]\nname = \"b\"\nscenario = \"s\"\nlable = \"B\"\n", `x.toml:9: unknown key "variants.lable" (did you mean "label"?)`},
		{"measure kind", "title = \"t\"\nlevel = \"advanced\"\n[[variants]]\nname = \"a\"\nscenario = \"s\"\n[[measures]]\nlabel = \"m\"\nagent = \"AZE\"\nmetric = \"mood\"\n", `x.toml:6: measures[1]: metric "mood"`},
		{"wrong type", "title = \"t\"\nlevel = \"advanced\"\nruns = \"many\"\n", "x.toml:3: "},
		{"claim measure", claimed("measure = \"nothing\"\nvariant = \"a\"\nabove = 0.5\n"), `x.toml:13: questions[1].claims[1]: measure "nothing" is no measure's label`},
		{"claim variant", claimed("measure = \"m\"\nvariant = \"b\"\nabove = 0.5\n"), `questions[1].claims[1]: variant "b" is not one of`},
		{"claim kind", claimed("measure = \"m\"\nvariant = \"a\"\nabove = 0.5\nbelow = 0.7\n"), "give exactly one of above"},
		{"claim within", claimed("measure = \"m\"\nvariant = \"a\"\nnear_variant = \"a\"\n"), "near_variant and within go together"},
		{"quote", strings.Replace(claimed("measure = \"m\"\nvariant = \"a\"\nabove = 0.5\n"), "see", "see {a: nothing}", 1), `x.toml:10: questions[1].discussion: {a: nothing} quotes measure "nothing"`},
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

// claimed is a small exercise whose one question has the claim given.
func claimed(claim string) string {
	return "title = \"t\"\nlevel = \"advanced\"\n[[variants]]\nname = \"a\"\nscenario = \"s\"\n" +
		"[[measures]]\nlabel = \"m\"\nagent = \"AZE\"\nmetric = \"alignment\"\n" +
		"[[questions]]\ntext = \"q\"\ndiscussion = \"see\"\n[[questions.claims]]\n" + claim
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
		{"set a value by --set's dotted path", Variant{Scenario: scenarios.Default, Set: []Change{
			{"agents.AZE.threat_response", -0.6}, {"conflicts.karabakh.patrons[RUS].support", 0.01}}}, func(t *testing.T, v *Variant) {
			sc, _, _ := v.Build("")
			for _, a := range sc.Agents {
				if a.ID == "AZE" && a.ThreatResponse != -0.6 {
					t.Fatal("threat_response not set")
				}
			}
			if sc.Conflicts[0].Patrons[0].Support != 0.01 {
				t.Fatal("support not set")
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
			{"agents[USA].roles", []any{"great_power"}}, {"actions.mediate.disabled", true}, {"calendar.history_until", "1995-Q1"}}}, func(t *testing.T, v *Variant) {
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
		{"unknown key", Variant{Scenario: scenarios.Default, Set: []Change{{"agents[AZE].mood", 1.0}}}, nil, `set agents[AZE].mood: unknown key "mood"`},
		{"unknown entry", Variant{Scenario: scenarios.Default, Set: []Change{{"agents[XYZ].alignment", 1.0}}}, nil, `set agents[XYZ].alignment: no agents entry "XYZ"`},
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

func TestExerciseLimitsAndSuggestions(t *testing.T) {
	head := "title = \"t\"\nlevel = \"advanced\"\n"
	variant := "[[variants]]\nname = \"%s\"\nscenario = \"azerbaijan-1991\"\n"
	tests := []struct {
		name, text string
		l          Limits
		want       string
	}{
		{"near-miss key", "titel = \"t\"\nlevel = \"advanced\"\n" + strings.ReplaceAll(variant, "%s", "a"), Limits{}, `x.toml:1: unknown key "titel" (did you mean "title"?)`},
		{"near-miss level", "title = \"t\"\nlevel = \"advnced\"\n" + strings.ReplaceAll(variant, "%s", "a"), Limits{}, `(did you mean "advanced"?)`},
		{"kept runs", head + "runs = 600\n" + strings.ReplaceAll(variant, "%s", "a") + strings.ReplaceAll(variant, "%s", "b") + strings.ReplaceAll(variant, "%s", "c") + strings.ReplaceAll(variant, "%s", "d"),
			Limits{}, "x.toml:3: runs: 4 variants × 600 runs keep 2400 runs in memory, more than the limit of 2000 (raise it with --limit kept-runs=2400)"},
		{"huge runs", head + "runs = 9000000000000000000\n" + strings.ReplaceAll(variant, "%s", "a"), Limits{}, "runs: 9000000000000000000 runs is more than the limit of 2000 runs kept in memory"},
		{"measures", head + strings.ReplaceAll(variant, "%s", "a") + strings.Repeat("[[measures]]\nlabel = \"m\"\nroute = \"btc\"\n", 3), Limits{Measures: 2}, "measures: 3 measures is more than the limit of 2 (raise it with --limit measures=3)"},
		{"changes", head + "[[variants]]\nname = \"a\"\nscenario = \"s\"\nremove = [\"events[1]\", \"events[2]\"]\n", Limits{Changes: 1}, "variants: 2 set and remove entries is more than the limit of 1 (raise it with --limit changes=2)"},
		{"nesting", head + "x = " + strings.Repeat("[", 40) + "\n", Limits{}, "x.toml:3: lists and tables are nested more than 32 deep"},
		{"size", head + strings.Repeat("# padding\n", 100), Limits{Scenario: scenarios.Limits{Bytes: 100}}, "x.toml: the file is 1 KiB, more than the limit of 100 bytes (raise it with --limit bytes=1031)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseWith("x.toml", []byte(tt.text), tt.l)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v\nwant %q", err, tt.want)
			}
		})
	}
}

// A variant names files only inside the exercise's folder, and the
// scenario its changes make is checked like a file.
func TestVariantPathsAndChecks(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "class")
	if err := os.MkdirAll(filepath.Join(dir, "w"), 0o755); err != nil {
		t.Fatal(err)
	}
	small, err := os.ReadFile("testdata/small.toml")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{filepath.Join(root, "secret.toml"), filepath.Join(dir, "w", "mine.toml")} {
		if err := os.WriteFile(p, small, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(filepath.Join(root, "secret.toml"), filepath.Join(dir, "link.toml")); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		v    Variant
		dir  string
		want string
	}{
		{Variant{Scenario: "w/mine.toml"}, dir, ""},
		{Variant{Scenario: "azerbaijan-1991"}, dir, ""},
		{Variant{Scenario: "../secret.toml"}, dir, "leads out of the folder"},
		{Variant{Scenario: filepath.Join(root, "secret.toml")}, dir, "is an absolute path"},
		{Variant{Scenario: "link.toml"}, dir, "is a link to a file outside the folder"},
		{Variant{Scenario: "w/missing.toml"}, dir, "there is no such file in"},
		{Variant{Scenario: "w/mine.toml"}, "", "no scenario file or built-in scenario"}, // built-in exercises read no files
		{Variant{Scenario: "w/mine.toml", Set: []Change{{"agents[AZE].alignment", 5.0}}}, dir, "set agents[AZE].alignment: 5 is outside the range -1 to 1"},
		{Variant{Scenario: "w/mine.toml", Set: []Change{{"calendar.step", "month"}, {"calendar.end", "9999"}}}, dir, "more than the limit of 10000"},
		{Variant{Scenario: "w/mine.toml", Set: []Change{{"agents[AZE].alignment", math.NaN()}}}, dir, "must be an ordinary number, not NaN"},
	} {
		_, _, err := tt.v.Build(tt.dir)
		if (tt.want == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), tt.want)) {
			t.Errorf("%+v: error %v, want %q", tt.v, err, tt.want)
		}
	}
}
