package scenarios

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestOpenBeside(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "class")
	_, data, _, err := OpenBuiltin(Default, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{filepath.Join(dir, "mine.toml"), filepath.Join(root, "secret.toml")} {
		if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(filepath.Join(root, "secret.toml"), filepath.Join(dir, "link.toml")); err != nil {
		t.Fatal(err)
	}
	var refused *RefusedError
	var missing *MissingError
	for _, c := range []struct {
		ref      string
		wantName string
		wantErr  any
	}{
		{"mine.toml", filepath.Join(dir, "mine.toml"), nil},
		{Default, Default, nil},
		{"../secret.toml", "../secret.toml", &refused},
		{filepath.Join(root, "secret.toml"), filepath.Join(root, "secret.toml"), &refused},
		{"link.toml", "link.toml", &refused},
		{"nowhere.toml", "nowhere.toml", &missing},
	} {
		sc, _, name, err := OpenBeside(dir, c.ref, Options{})
		switch {
		case c.wantErr == nil && (err != nil || sc == nil):
			t.Errorf("OpenBeside(%q): %v", c.ref, err)
		case c.wantErr != nil && (err == nil || !errors.As(err, c.wantErr)):
			t.Errorf("OpenBeside(%q) = %v, want a %T", c.ref, err, c.wantErr)
		case name != c.wantName:
			t.Errorf("OpenBeside(%q) names it %q, want %q", c.ref, name, c.wantName)
		}
	}
}
