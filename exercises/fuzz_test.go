package exercises

import (
	"errors"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"caspian/scenarios"
)

// FuzzExercise feeds arbitrary exercise files to the loader, builds the
// variants of those it accepts (with their set and remove changes) from
// the files in testdata and the built-in scenarios, and runs those on
// the small scenario: nothing may panic or hang, a file is either read
// or refused with problems placed on its lines, a variant either builds
// into a scenario that passes every check of a scenario file or says why
// not, and a variant never reads a file outside testdata.
func FuzzExercise(f *testing.F) {
	names, err := fs.Glob(files, "*.toml")
	if err != nil {
		f.Fatal(err)
	}
	for _, n := range names {
		b, err := files.ReadFile(n)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, s := range []string{
		`title = "t"
level = "advanced"
runs = 2
[[variants]]
name = "a"
scenario = "small.toml"
set = [{ key = "agents[AZE].threat_response", value = -0.6 }, { key = "calendar.history_until", value = "1993" }]
[[variants]]
name = "b"
scenario = "small.toml"
remove = ["events[1]", "hazards[1]"]
[[measures]]
label = "m"
agent = "AZE"
metric = "alignment"
at = "1995"
[[measures]]
label = "r"
route = "btc"
[[measures]]
label = "j"
actor = "AZE"
action = "security_coop"
`,
		"title = \"t\"\nlevel = \"advanced\"\n[[variants]]\nname = \"a\"\nscenario = \"../exercise.go\"\n",
		"title = \"t\"\nlevel = \"advanced\"\n[[variants]]\nname = \"a\"\nscenario = \"/etc/passwd\"\n",
		"title = \"t\"\nlevel = \"advanced\"\nruns = 100000\n[[variants]]\nname = \"a\"\nscenario = \"small.toml\"\nset = [{ key = \"agents\", value = [] }]\n",
		"title = \"t\"\nlevel = \"advanced\"\n[[variants]]\nname = \"a\"\nscenario = \"small.toml\"\nset = [{ key = \"agents[1].alignment\", value = nan }, { key = \"calendar.end\", value = \"9999\" }]\n",
		"titel = \"t\"\nlevel = \"advnced\"\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ex, err := ParseWith("testdata/x.toml", data, Limits{Measures: 10, Changes: 10, KeptRuns: 10})
		if err != nil {
			var list scenarios.ErrorList
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("want a scenarios.ErrorList, got %T: %v", err, err)
			}
			lines := strings.Count(string(data), "\n") + 1
			for _, e := range list {
				if e.File != "testdata/x.toml" || e.Line < 0 || e.Line > lines {
					t.Fatalf("problem off the file: %v", e)
				}
			}
			return
		}
		if len(ex.Variants) > 3 {
			return
		}
		small := true
		for i := range ex.Variants {
			v := &ex.Variants[i]
			small = small && v.Scenario == "small.toml"
			sc, _, err := v.BuildWith("testdata", scenarios.Limits{})
			if err != nil {
				if err.Error() == "" {
					t.Fatal("empty error")
				}
				continue
			}
			if err := scenarios.Check("built", sc, scenarios.Limits{}); err != nil {
				t.Fatalf("variant %q built into a scenario that fails its checks: %v", v.Name, err)
			}
			if p, err := scenarios.ResolveIn("testdata", v.Scenario); err == nil && p != "" {
				if rel, err := filepath.Rel("testdata", p); err != nil || strings.HasPrefix(rel, "..") {
					t.Fatalf("variant %q read %s, outside testdata", v.Name, p)
				}
			}
		}
		if !small || len(ex.Variants) == 0 {
			return
		}
		res, err := Run(ex, Options{Runs: 1, Workers: 1})
		if err != nil {
			return
		}
		for i := range ex.Measures {
			for k := range res.Variants {
				_ = ex.Measures[i].Value(&res.Variants[k])
			}
		}
	})
}
