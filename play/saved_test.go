package play

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"caspian/scenarios"
)

func TestOpenSaved(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "class")
	_, data, _, err := scenarios.OpenBuiltin(scenarios.Default, scenarios.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{filepath.Join(dir, "sub", "mine.toml"), filepath.Join(root, "secret.toml")} {
		if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	save := filepath.Join(dir, "game.toml")
	for _, c := range []struct{ ref, want string }{
		{"sub/mine.toml", ""},
		{scenarios.Default, ""},
		{"../secret.toml", "its scenario \"../secret.toml\" leads out of the folder"},
		{filepath.Join(root, "secret.toml"), "is an absolute path"},
		{"elsewhere.toml", "which is neither a file in its folder (" + dir + ") nor a built-in scenario"},
	} {
		sc, _, _, err := OpenSaved(save, c.ref, scenarios.Options{})
		switch {
		case c.want == "" && (err != nil || sc == nil):
			t.Errorf("OpenSaved(%q): %v", c.ref, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "sim play SCENARIO --moves "+save)):
			t.Errorf("OpenSaved(%q) = %v, want an error saying %q and how to name the scenario", c.ref, err, c.want)
		}
	}
}

func TestSaveName(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	for _, c := range []struct{ name, save, want string }{
		{scenarios.Default, "out/game.toml", scenarios.Default},
		{"games/my.toml", "games/game.toml", "my.toml"},
		{"games/sub/my.toml", "games/game.toml", "sub/my.toml"},
		{"other/my.toml", "games/game.toml", "other/my.toml"},
		{filepath.Join(dir, "games", "my.toml"), "games/game.toml", "my.toml"},
	} {
		if got := SaveName(c.name, c.save); got != c.want {
			t.Errorf("SaveName(%q, %q) = %q, want %q", c.name, c.save, got, c.want)
		}
	}
}

func TestFolderName(t *testing.T) {
	for in, want := range map[string]string{
		"azerbaijan-1991": "azerbaijan-1991", "a/b": "a-b", `..\x`: "..-x", "my war: 1": "my-war--1",
		"": "scenario", ".": "scenario", "..": "scenario",
	} {
		if got := FolderName(in); got != want {
			t.Errorf("FolderName(%q) = %q, want %q", in, got, want)
		}
	}
}
