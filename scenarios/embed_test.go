package scenarios

import (
	"bytes"
	"caspian/internal/suggest"
	"os"
	"slices"
	"strings"
	"testing"
)

// TestEmbeddedScenariosParse checks that every shipped scenario is valid,
// by name and through the text Source returns.
func TestEmbeddedScenariosParse(t *testing.T) {
	entries, err := List()
	if err != nil {
		t.Fatal(err)
	}
	names := make([]string, len(entries))
	for i, e := range entries {
		names[i] = e.Name
	}
	if !slices.IsSorted(names) {
		t.Errorf("List is not sorted by name: %v", names)
	}
	if !slices.Contains(names, Default) {
		t.Errorf("the default scenario %q is not embedded: %v", Default, names)
	}
	for _, e := range entries {
		t.Run(e.Name, func(t *testing.T) {
			if e.Title == "" {
				t.Errorf("%s has no title", e.Name)
			}
			src, err := Source(e.Name)
			if err != nil {
				t.Fatal(err)
			}
			sc, err := Parse(e.Name+".toml", src)
			if err != nil {
				t.Fatalf("embedded scenario does not parse:\n%v", err)
			}
			if sc.Title != e.Title || sc.Description != e.Description {
				t.Errorf("List entry %+v disagrees with the parsed file", e)
			}
			sc2, raw, shown, err := Open(e.Name)
			if err != nil || sc2 == nil {
				t.Fatalf("Open(%q): %v", e.Name, err)
			}
			if shown != e.Name || !bytes.Equal(raw, src) {
				t.Errorf("Open(%q) shows %q and %d bytes, want the name and the %d bytes of Source", e.Name, shown, len(raw), len(src))
			}
		})
	}
}

func TestSourceIsParseable(t *testing.T) {
	src, err := Source(Default)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Parse(Default+".toml", src); err != nil {
		t.Fatal(err)
	}
	if withSuffix, err := Source(Default + ".toml"); err != nil || !bytes.Equal(withSuffix, src) {
		t.Errorf("Source with .toml: %v", err)
	}
}

func TestOpenFile(t *testing.T) {
	sc, raw, shown, err := Open("testdata/full.toml")
	if err != nil {
		t.Fatal(err)
	}
	want, _ := os.ReadFile("testdata/full.toml")
	if sc == nil || shown != "testdata/full.toml" || !bytes.Equal(raw, want) {
		t.Errorf("Open of a file: shown %q, %d bytes", shown, len(raw))
	}
}

func TestOpenBadFileReportsItsPath(t *testing.T) {
	dir := t.TempDir()
	path := dir + "/mine.toml"
	if err := os.WriteFile(path, []byte("name = \"mine\"\nfocal = 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	sc, _, shown, err := Open(path)
	if err == nil || sc != nil || shown != path || !strings.Contains(err.Error(), path+":2:") {
		t.Fatalf("want an error at %s:2, got %v", path, err)
	}
}

func TestOpenUnknownName(t *testing.T) {
	for _, arg := range []string{"azerbaijan-1919", "azerbaijan-1919.toml"} {
		sc, _, _, err := Open(arg)
		if err == nil || sc != nil {
			t.Fatalf("Open(%q): want an error", arg)
		}
		msg := err.Error()
		for _, want := range []string{arg, `did you mean "` + Default + `"?`, "built-in scenarios: ", Default} {
			if !strings.Contains(msg, want) {
				t.Errorf("Open(%q): message lacks %q: %s", arg, want, msg)
			}
		}
	}
	if _, _, _, err := Open("azerbaijan"); err == nil || !strings.Contains(err.Error(), `did you mean "`+Default+`"?`) {
		t.Errorf("a prefix should suggest the full name: %v", err)
	}
	_, _, _, err := Open("zzz")
	if err == nil || strings.Contains(err.Error(), "did you mean") {
		t.Errorf("a name close to nothing should get no guess: %v", err)
	}
}

func TestOpenFolder(t *testing.T) {
	if _, _, _, err := Open("testdata"); err == nil || !strings.Contains(err.Error(), "folder") {
		t.Errorf("want a folder error, got %v", err)
	}
}

func TestSourceRejectsPaths(t *testing.T) {
	for _, name := range []string{"../parse.go", "/etc/passwd", "", ".", "testdata/base"} {
		if _, err := Source(name); err == nil {
			t.Errorf("Source(%q): want an error", name)
		}
	}
}

// TestOpenMisspeltName checks that a built-in name typed with a slip gets
// the intended name as a hint: long names allow more slips than short ones.
func TestOpenMisspeltName(t *testing.T) {
	cases := []struct{ typed, want string }{
		{"azerbajan-1991", "azerbaijan-1991"},      // a letter left out
		{"azerbajan-1991.toml", "azerbaijan-1991"}, // with the extension
		{"azrebaijan-1991", "azerbaijan-1991"},     // two letters swapped
		{"Azerbaijan-1991", "azerbaijan-1991"},     // case
		{"azerbaijan1991", "azerbaijan-1991"},      // the hyphen left out
		{"azarbaycan-1991", "azerbaijan-1991"},     // spelt as in Azerbaijani
		{"moscow-presure", "moscow-pressure"},      // a letter left out
		{"no-southern-coridor", "no-southern-corridor"},
		{"no-southren-corridor", "no-southern-corridor"},
		{"no_southern_corridor", "no-southern-corridor"}, // underscores for hyphens
	}
	for _, c := range cases {
		sc, _, _, err := Open(c.typed)
		if err == nil || sc != nil {
			t.Fatalf("Open(%q): want an error", c.typed)
		}
		if want := `did you mean "` + c.want + `"?`; !strings.Contains(err.Error(), want) {
			t.Errorf("Open(%q): message lacks %q: %v", c.typed, want, err)
		}
		if _, err := Source(c.typed); err == nil || !strings.Contains(err.Error(), `did you mean "`+c.want+`"?`) {
			t.Errorf("Source(%q): no hint for %q: %v", c.typed, c.want, err)
		}
	}
}

func TestNearestName(t *testing.T) {
	names := []string{"azerbaijan-1991", "moscow-pressure", "no-southern-corridor"}
	cases := []struct{ typed, want string }{
		{"azerbajan-1991", "azerbaijan-1991"},
		{"moscow", "moscow-pressure"}, // a prefix
		{"no", "no-southern-corridor"},
		{"", ""},
		{"zzz", ""},
		{"georgia-2008", ""},
	}
	for _, c := range cases {
		got, ok := suggest.Guess(c.typed, names)
		if got != c.want || ok != (c.want != "") {
			t.Errorf("nearestName(%q) = %q, %v; want %q", c.typed, got, ok, c.want)
		}
	}
}
