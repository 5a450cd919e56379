package jobs

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"caspian/scenarios"
)

func TestCheck(t *testing.T) {
	dir := t.TempDir()
	source, err := scenarios.Source(scenarios.Default)
	if err != nil {
		t.Fatal(err)
	}
	broken := filepath.Join(dir, "broken.toml")
	bad := strings.Replace(string(source), "[model]", "[model]\nno_such_key = 1", 1)
	if err := os.WriteFile(broken, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name         string
		arg          string
		wantProblems int
		wantOut      string
		wantErr      string
	}{
		{name: "a built-in scenario", arg: scenarios.Default, wantOut: "azerbaijan-1991: ok ("},
		{name: "a misspelt key", arg: broken, wantProblems: 1, wantErr: broken + ":"},
		{name: "a file that is not there", arg: filepath.Join(dir, "none.toml"), wantProblems: 1, wantErr: "no scenario file or built-in scenario named"},
		{name: "a folder", arg: dir, wantProblems: 1, wantErr: dir + ": "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Check(tt.arg, DefaultLimits())
			var out, errs bytes.Buffer
			c.Write(&out, &errs)
			if c.Problems != tt.wantProblems {
				t.Errorf("Check(%s) found %d problems, want %d: %v", tt.arg, c.Problems, tt.wantProblems, c.Err)
			}
			if !strings.HasPrefix(out.String(), tt.wantOut) || !strings.HasPrefix(errs.String(), tt.wantErr) {
				t.Errorf("Check(%s) wrote %q and %q, want them to start with %q and %q", tt.arg, out.String(), errs.String(), tt.wantOut, tt.wantErr)
			}
		})
	}
}

// A problem that no file or line can be pinned on says it comes from sim.
func TestCheckedWriteUnplaced(t *testing.T) {
	var out, errs bytes.Buffer
	Checked{Name: "x.toml", Err: errors.New("permission denied"), Problems: 1}.Write(&out, &errs)
	if out.Len() != 0 || errs.String() != "sim: permission denied\n" {
		t.Errorf("Write wrote %q and %q", out.String(), errs.String())
	}
}
