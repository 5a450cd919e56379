package jobs

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"caspian/scenarios"
)

func TestScenarioInfo(t *testing.T) {
	dir := t.TempDir()
	source, err := scenarios.Source(scenarios.Default)
	if err != nil {
		t.Fatal(err)
	}
	// A copy without its [info] table has no teaching notes.
	text := string(source)
	if i := strings.Index(text, "\n[info]"); i >= 0 {
		j := strings.Index(text[i+1:], "\n[")
		text = text[:i+1] + text[i+1+j+1:]
	}
	bare := filepath.Join(dir, "bare.toml")
	if err := os.WriteFile(bare, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	upper := func(s string, _ int) string { return strings.ToUpper(s) }
	tests := []struct {
		arg       string
		wantNotes bool
		want      string
	}{
		{arg: scenarios.Default, wantNotes: true, want: "\nWHAT IS IT?\n"},
		{arg: bare, wantNotes: false, want: "has no teaching notes"},
	}
	for _, tt := range tests {
		info, err := ScenarioInfo(tt.arg, DefaultLimits())
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		info.Write(&b, 5, upper)
		lines := strings.Split(b.String(), "\n")
		if (len(info.Notes) > 0) != tt.wantNotes || !strings.Contains(b.String(), tt.want) {
			t.Errorf("%s: %d notes, wrote:\n%s\nwant notes: %v and %q", tt.arg, len(info.Notes), b.String(), tt.wantNotes, tt.want)
		}
		if lines[1] != "=====" {
			t.Errorf("%s: the title's rule is %q, want it held to the width", tt.arg, lines[1])
		}
		if !strings.HasSuffix(b.String(), "play it with 'sim play "+info.Name+"'.\n") {
			t.Errorf("%s: the notes do not end by saying how to play it", tt.arg)
		}
	}
}

func TestStarterWrite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sub", "w.toml")
	s := Starter{Path: path, Name: "w", Text: "# {{FILE}}\nname = \"{{NAME}}\"\n", SchemaFile: "s.json"}
	var b bytes.Buffer
	if err := s.Write(&b); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil || string(got) != "# "+path+"\nname = \"w\"\n" {
		t.Errorf("the starter reads %q, %v", got, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "sub", "s.json")); err != nil || !strings.Contains(b.String(), "so that editors check") {
		t.Errorf("no schema beside the starter: %v\n%s", err, b.String())
	}
	// A second time the scenario exists: it is never replaced.
	if err := s.Write(&b); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("writing over a starter = %v, want a refusal", err)
	}
	// Another file in the same folder keeps the schema that is there.
	b.Reset()
	if err := (Starter{Path: filepath.Join(dir, "sub", "v.toml"), Name: "v", Text: "x", SchemaFile: "s.json"}).Write(&b); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "s.json") {
		t.Errorf("the schema was written again:\n%s", b.String())
	}
}

func TestNewStarter(t *testing.T) {
	tests := []struct {
		arg, wantPath, wantName string
		ok                      bool
	}{
		{arg: "my-world", wantPath: "my-world.toml", wantName: "my-world", ok: true},
		{arg: "my-world.toml", wantPath: "my-world.toml", wantName: "my-world", ok: true},
		{arg: filepath.Join("class", "w"), wantPath: filepath.Join("class", "w.toml"), wantName: "w", ok: true},
		{arg: ".toml", ok: false},
		{arg: `say"hi`, ok: false},
	}
	for _, tt := range tests {
		s, ok := NewStarter(tt.arg, "text", "s.json")
		if ok != tt.ok || (ok && (s.Path != tt.wantPath || s.Name != tt.wantName || s.Text != "text" || s.SchemaFile != "s.json")) {
			t.Errorf("NewStarter(%q) = %+v, %v; want %s named %s, %v", tt.arg, s, ok, tt.wantPath, tt.wantName, tt.ok)
		}
	}
}
