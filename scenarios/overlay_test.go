package scenarios

import (
	"errors"
	"os"
	"strings"
	"testing"
)

func TestReadOverlay(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // PATH=VALUE, in order
		errs       []string // every message, in order
	}{
		{"empty", "", nil, nil},
		{"comments and blanks", "# fitted\n\n  # indented\n", nil, nil},
		{"two", "model.temperature = 0.001\nagents.AZE.threat_response=0.4\n", []string{"model.temperature=0.001", "agents.AZE.threat_response=0.4"}, nil},
		{"no value", "model.temperature = 0.001\nagents.AZE.ideal =\n", nil, []string{"o.set:2: the value after = is empty"}},
		{"no equals", "model.temperature 0.001\n# ok\nx =\n", nil, []string{"o.set:1: want path=value", "o.set:3: the value after = is empty"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sets, err := ReadOverlay("o.set", []byte(tt.text))
			if len(tt.errs) > 0 {
				if err == nil {
					t.Fatalf("no error, sets %v", sets)
				}
				lines := strings.Split(err.Error(), "\n")
				if len(lines) != len(tt.errs) {
					t.Fatalf("errors:\n%v\nwant %d", err, len(tt.errs))
				}
				for i, w := range tt.errs {
					if !strings.HasPrefix(lines[i], w) {
						t.Errorf("error %q, want it to start %q", lines[i], w)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, s := range sets {
				got = append(got, s.String())
			}
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("sets %v, want %v", got, tt.want)
			}
		})
	}
}

// TestOverlayRoundTrip checks that what WriteOverlay writes reads back
// as the same overrides, and that a problem with an override from a file
// is reported on its line there.
func TestOverlayRoundTrip(t *testing.T) {
	sets := []Set{{Path: "model.temperature", Value: "0.0012"}, {Path: "agents.AZE.threat_response", Value: "0.45"}}
	data := WriteOverlay([]string{"fitted by a test", "two lines"}, sets)
	back, err := ReadOverlay("fit.set", data)
	if err != nil {
		t.Fatal(err)
	}
	if len(back) != 2 || back[0].String() != sets[0].String() || back[1].String() != sets[1].String() || back[1].Line != 4 {
		t.Fatalf("read back %+v from:\n%s", back, data)
	}
	base := readBase(t)
	if _, err := Parse("base.toml", []byte(base), back...); err != nil {
		t.Fatal(err)
	}
	bad, _ := ReadOverlay("fit.set", []byte("# c\nagents.AZE.threat_response = 7\n"))
	_, err = Parse("base.toml", []byte(base), bad...)
	if err == nil || !strings.HasPrefix(err.Error(), "fit.set:2: agents.AZE.threat_response: 7 is outside the range") {
		t.Errorf("error %v, want it on fit.set:2", err)
	}
	bad, _ = ReadOverlay("fit.set", []byte("agents.AZX.ideal = 0\n"))
	_, err = Parse("base.toml", []byte(base), bad...)
	if err == nil || !strings.HasPrefix(err.Error(), `fit.set:1: agents.AZX.ideal: no agent "AZX"`) {
		t.Errorf("error %v, want it on fit.set:1", err)
	}
}

// FuzzReadOverlay feeds arbitrary text to ReadOverlay and applies what it
// reads to a small scenario: nothing panics, every problem names the
// overlay's file and a line that exists, and every override read writes
// back as a line that reads the same.
func FuzzReadOverlay(f *testing.F) {
	for _, seed := range []string{
		"", "# c\nmodel.temperature = 0.001\n", "agents.AZE.threat_response = -0.6\nroutes.btc.status = \"cancelled\"\n",
		"agents[AZE].ideal=0.2\nevents[1].date = 1995\n", "x\n=\n= 1\nconflicts.karabakh.patrons[RUS].support = [1, {a = 2}]\n",
		"\ufeffagents.AZE.weights = { security = 2 }\n",
	} {
		f.Add(seed)
	}
	base, err := os.ReadFile("testdata/base.toml")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 1<<14 {
			return
		}
		lines := strings.Count(text, "\n") + 1
		sets, err := ReadOverlay("o.set", []byte(text))
		var list ErrorList
		if err != nil {
			if !errors.As(err, &list) {
				t.Fatalf("error %T: %v", err, err)
			}
			for _, e := range list {
				if e.File != "o.set" || e.Line < 1 || e.Line > lines {
					t.Fatalf("problem placed at %s:%d of %d lines: %v", e.File, e.Line, lines, e)
				}
			}
			return
		}
		for _, s := range sets {
			again, err := ReadOverlay("o.set", WriteOverlay(nil, []Set{s}))
			if err != nil || len(again) != 1 || again[0].String() != s.String() {
				t.Fatalf("%q writes back as %v, %v", s.String(), again, err)
			}
		}
		sc, err := Parse("base.toml", base, sets...)
		if (sc == nil) == (err == nil) {
			t.Fatalf("Parse gave %v and %v", sc, err)
		}
		if errors.As(err, &list) {
			for _, e := range list {
				if e.File == "o.set" && (e.Line < 1 || e.Line > lines) {
					t.Fatalf("problem placed at line %d of %d: %v", e.Line, lines, e)
				}
			}
		}
	})
}
