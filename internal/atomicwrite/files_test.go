package atomicwrite

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func read(t *testing.T, dir string) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = string(b)
	}
	return out
}

func TestAllWritesEveryFileAndKeepsOthers(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new", "folder")
	if _, err := All(dir, []File{{"a.md", []byte("old a")}}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	paths, err := All(dir, []File{{"a.md", []byte("new a")}, {"b.png", []byte("new b")}})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{filepath.Join(dir, "a.md"), filepath.Join(dir, "b.png")}; !slices.Equal(paths, want) {
		t.Errorf("paths %v, want %v", paths, want)
	}
	got := read(t, dir)
	want := map[string]string{"a.md": "new a", "b.png": "new b", "notes.txt": "mine"}
	if len(got) != len(want) {
		t.Fatalf("folder holds %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}
}

// A file that cannot be written (its name is taken by a folder) leaves
// every other file as it was and no temporary behind.
func TestAllFailureChangesNothing(t *testing.T) {
	dir := t.TempDir()
	if _, err := All(dir, []File{{"a.md", []byte("old a")}, {"c.md", []byte("old c")}}); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "b.png"), 0o755); err != nil {
		t.Fatal(err)
	}
	_, err := All(dir, []File{{"a.md", []byte("new a")}, {"b.png", []byte("new b")}, {"c.md", []byte("new c")}})
	if err == nil || !strings.Contains(err.Error(), "b.png") {
		t.Fatalf("error %v, want one naming b.png", err)
	}
	got := read(t, dir)
	if got["a.md"] != "old a" || got["c.md"] != "old c" {
		t.Errorf("files changed by a failed write: %v", got)
	}
	for name := range got {
		if strings.HasPrefix(name, ".") {
			t.Errorf("temporary %s left behind", name)
		}
	}
}

func TestAllOnAFileWhereTheFolderShouldBe(t *testing.T) {
	file := filepath.Join(t.TempDir(), "taken")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := All(file, []File{{"a.md", []byte("x")}}); err == nil {
		t.Fatal("no error writing into a file")
	}
}
