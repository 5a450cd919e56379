package scenarios

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// TestMain caps the time the fuzzer spends shrinking each new input,
// unless the caller sets -test.fuzzminimizetime. The seeds are whole
// scenario files of some 60 KB, and with the default budget of a minute
// per input a short run such as -fuzztime=60s would do little but shrink
// its first find.
func TestMain(m *testing.M) {
	flag.Parse()
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == "test.fuzzminimizetime" })
	if !set {
		if err := flag.Set("test.fuzzminimizetime", "100x"); err != nil {
			fmt.Fprintln(os.Stderr, "setting the minimize budget:", err)
			os.Exit(2)
		}
	}
	os.Exit(m.Run())
}

// FuzzParse feeds arbitrary text to Parse: it must never panic, must return
// either a scenario or an error (never both, never neither), and every
// error must name the file and a line that exists. With tight limits the
// same holds, and the pre-scan refuses as too deep only text the TOML
// parser also reads as deeper than the limit.
func FuzzParse(f *testing.F) {
	names, err := embeddedNames()
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range names {
		src, err := Source(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	files, err := filepath.Glob("testdata/*.toml")
	if err != nil {
		f.Fatal(err)
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	// Small broken files steer the fuzzer toward the placing of syntax
	// errors.
	for _, s := range []string{
		"a = 1\n[calendar\nstart = \"1991\"\n",
		"\ufeff[[agents]\nid = \"AZE\"\n",
		"a = 1\r\ntitle = \"Test\r\nb = 2\r\n",
		"[info]\nsources = \"\"\"\nOne \\\"\"\"\n",
		"b = '''x\n",
		"roles = [\n  \"producer\" # main\n  \"transit\",\n]\n",
		"weights = { security = 0.5\nb = 2\n",
		"[\"a]\" \nx = 1\n",
	} {
		f.Add([]byte(s))
	}
	// Files that lean on the limits and the pre-scan: nesting, dotted
	// keys, long lists written both ways, strings that look like nesting.
	for _, s := range []string{
		"a = [[[[[[[[[[1]]]]]]]]]]\n",
		"a = {b={c={d={e={f=1}}}}}\n",
		"a.b.c.d.e.f.g = 1\n[x.y.z.w]\nq = 1\n",
		"[[agents]]\n[[agents]]\n[[agents]]\n[[agents]]\n[[ 'agents' ]]\n",
		"agents = [{}, {}, {}, {}, {}]\nevents = [{date = \"1992\", kind = \"note\"}]\n",
		"title = \"[[{{\"\ndescription = '''\n[[[\n'''\n# [[[[\n",
		"a = \"\"\"\n[[[ \\\"\"\" ]]]\n\"\"\"\n",
	} {
		f.Add([]byte(s))
	}
	small := Limits{Depth: 4, Agents: 3, Routes: 2, Events: 2, Hazards: 1, Turns: 20, SeriesPoints: 3, Bytes: 32 << 10}
	f.Fuzz(func(t *testing.T, data []byte) {
		IndexLines(string(data)) // also on text the TOML parser refuses
		// The pre-scan refuses for nesting only what really nests: text
		// the TOML parser reads as shallow must pass it.
		if e := prescan("fuzz.toml", string(data), small.withDefaults()); e != nil && strings.Contains(e.Problem, "nested") || e != nil && strings.Contains(e.Problem, "dotted parts") {
			var top map[string]any
			if _, err := toml.Decode(string(data), &top); err == nil {
				if d := treeDepth(top); d <= small.Depth {
					t.Fatalf("refused as too deep (%s), but the parser reads it %d deep", e, d)
				}
			}
		}
		// Tight limits must only ever turn a scenario into an error.
		if sc, err := ParseWith("fuzz.toml", data, Options{Limits: small}); (sc == nil) == (err == nil) {
			t.Fatalf("with small limits: scenario %v, error %v", sc != nil, err)
		}
		sc, err := Parse("fuzz.toml", data)
		if err == nil {
			if sc == nil {
				t.Fatal("no error and no scenario")
			}
			return
		}

		if sc != nil {
			t.Fatal("a scenario returned together with an error")
		}
		if err.Error() == "" {
			t.Fatal("empty error message")
		}
		var list ErrorList
		if !errors.As(err, &list) {
			t.Fatalf("want an ErrorList, got %T: %v", err, err)
		}
		lines := strings.Split(string(data), "\n")
		for _, e := range list {
			if e.File != "fuzz.toml" || e.Line < 0 || e.Line > len(lines) || e.Col < 0 {
				t.Fatalf("bad position in %q (file has %d lines)", e.Error(), len(lines))
			}
			if !strings.HasPrefix(e.Problem, "TOML syntax: ") {
				continue
			}
			// A syntax error is placed on a character of its line, or
			// just after the last one.
			if e.Line < 1 || e.Col < 1 || e.Col > utf8.RuneCountInString(lines[e.Line-1])+1 {
				t.Fatalf("syntax error off its line in %q", e.Error())
			}
		}
	})
}

// FuzzOverride feeds arbitrary --set overrides to a valid scenario: an
// override must never panic, and must give either a scenario that passed
// every check or an error naming the override or a place in the file.
func FuzzOverride(f *testing.F) {
	data, err := os.ReadFile("testdata/base.toml")
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{
		"agents.AZE.weights.security=0.6", "model.temperature=0.001", "routes.btc.capacity=500",
		"calendar.history_until=1995", "agents[2].stability=0.4", `axis.negative_label="Moscow"`,
		"focal=ARM", "calendar.end=2000-Q3", "events[1].date=1993", "agents.AZE.production.oil={ 1991 = 1, 1995 = 2 }",
		`agents.AZE.roles=["producer", "transit"]`, "agents.AZX.weights.security=0.6", "agents[9].id=X",
		"agents.AZE=1", "hazards=[]", "model.temperature=nan", "agents.AZE.capability=1e308", "a..b=1",
		"agents[0].x=1", "routes.btc=[1]", "calendar.step=decade",
		"x=[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		set, err := ParseSet(s)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error")
			}
			return
		}
		sc, err := Parse("base.toml", data, set)
		if (sc == nil) == (err == nil) {
			t.Fatalf("scenario %v, error %v", sc != nil, err)
		}
		if err == nil {
			return
		}
		var list ErrorList
		if !errors.As(err, &list) {
			t.Fatalf("want an ErrorList, got %T: %v", err, err)
		}
		for _, e := range list {
			if e.File != "base.toml" && !strings.HasPrefix(e.Field, "--set ") {
				t.Fatalf("a problem that names neither the file nor the override: %q", e.Error())
			}
		}
	})
}

// treeDepth is how deeply tables and lists nest in a parsed value.
func treeDepth(v any) int {
	deepest := 0
	switch x := v.(type) {
	case map[string]any:
		for _, y := range x {
			deepest = max(deepest, 1+treeDepth(y))
		}
	case []any:
		for _, y := range x {
			deepest = max(deepest, 1+treeDepth(y))
		}
	case []map[string]any:
		for _, y := range x {
			deepest = max(deepest, 1+treeDepth(y))
		}
	}
	return deepest
}
