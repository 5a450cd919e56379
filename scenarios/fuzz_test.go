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
// error must name the file and a line that exists.
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
	f.Fuzz(func(t *testing.T, data []byte) {
		indexLines(string(data)) // also on text the TOML parser refuses
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
