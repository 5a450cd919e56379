package scenarios

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
		lines := strings.Count(string(data), "\n") + 1
		for _, e := range list {
			if e.File != "fuzz.toml" || e.Line < 0 || e.Line > lines || e.Col < 0 {
				t.Fatalf("bad position in %q (file has %d lines)", e.Error(), lines)
			}
		}
	})
}
