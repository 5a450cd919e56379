package scenarios

import (
	"bytes"
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
