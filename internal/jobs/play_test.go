package jobs

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"caspian/play"
	"caspian/scenarios"
)

func TestPlaceFiles(t *testing.T) {
	sc, _, _, err := scenarios.OpenWith(scenarios.Default, scenarios.Options{})
	if err != nil {
		t.Fatal(err)
	}
	cfg := play.Config{Scenario: sc, Agent: "AZE"}
	tests := []struct {
		name              string
		give              Game
		wantOut, wantSave string
	}{
		{name: "a new game", give: Game{},
			wantOut: filepath.Join("out", "play-"+play.FolderName(sc.Name)+"-AZE"), wantSave: filepath.Join("out", "play-"+play.FolderName(sc.Name)+"-AZE", "game.toml")},
		{name: "a replay is named after its moves", give: Game{Moves: filepath.Join("class", "alice.toml")},
			wantOut: filepath.Join("out", "alice"), wantSave: filepath.Join("out", "alice", "game.toml")},
		{name: "a loaded game is saved where it was", give: Game{Load: "g.toml", Out: "d"}, wantOut: "d", wantSave: "g.toml"},
		{name: "both given", give: Game{Out: "d", Save: "s.toml", Load: "g.toml"}, wantOut: "d", wantSave: "s.toml"},
	}
	for _, tt := range tests {
		out, save := tt.give.PlaceFiles(cfg)
		if out != tt.wantOut || save != tt.wantSave {
			t.Errorf("%s: PlaceFiles = %s, %s; want %s, %s", tt.name, out, save, tt.wantOut, tt.wantSave)
		}
	}
}

func TestGameStart(t *testing.T) {
	source, err := scenarios.Source(scenarios.Default)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		give      Game
		wantAgent string
		wantErr   string
		agentErr  bool
	}{
		{name: "the focal state by default", give: Game{}, wantAgent: "AZE"},
		{name: "a state in lower case", give: Game{As: "geo"}, wantAgent: "GEO"},
		{name: "an uploaded scenario", give: Game{Scenario: "upload.toml", Data: source}, wantAgent: "AZE"},
		{name: "an upload over the size limit", give: Game{Scenario: "upload.toml", Data: source,
			Limits: Limits{Scenario: scenarios.Limits{Bytes: 10}}}, wantErr: "more than the limit"},
		{name: "a state the scenario lacks", give: Game{As: "XXX"}, agentErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.give.Limits.Scenario == (scenarios.Limits{}) {
				tt.give.Limits = DefaultLimits()
			}
			s, err := tt.give.Start(new(bytes.Buffer))
			var bad *AgentError
			switch {
			case tt.agentErr:
				if !errors.As(err, &bad) {
					t.Fatalf("Start() = %v, want an AgentError", err)
				}
				return
			case tt.wantErr != "":
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Start() = %v, want an error containing %q", err, tt.wantErr)
				}
				return
			case err != nil:
				t.Fatal(err)
			}
			if got := s.Game.Config().Agent; got != tt.wantAgent {
				t.Errorf("Start() plays %s, want %s", got, tt.wantAgent)
			}
		})
	}
}

// A saved game is replayed to the same point, notes say where the
// request differs from it, and the finished game gets a debrief.
func TestGameResumeAndDebrief(t *testing.T) {
	dir := t.TempDir()
	s, err := Game{Limits: DefaultLimits(), Seed: 5, Out: dir}.Start(new(bytes.Buffer))
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if err := s.Game.Move(play.Auto, ""); err != nil {
			t.Fatal(err)
		}
	}
	if err := play.WriteSave(s.Save, s.Game); err != nil {
		t.Fatal(err)
	}
	var notes bytes.Buffer
	r, err := Game{Limits: DefaultLimits(), Seed: 6, SeedGiven: true, Load: s.Save}.Start(&notes)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Game.Records()) != 3 || r.Save != s.Save {
		t.Errorf("the resumed game has %d moves and saves in %s; want 3 and %s", len(r.Game.Records()), r.Save, s.Save)
	}
	if !strings.Contains(notes.String(), "was played with seed 5; using --seed 6 instead") {
		t.Errorf("no note of the other seed: %q", notes.String())
	}
	if err := play.Finish(s.Game); err != nil {
		t.Fatal(err)
	}
	d, err := s.Debrief(context.Background(), 2)
	if err != nil {
		t.Fatal(err)
	}
	files, err := s.WriteDebrief(d)
	if err != nil || len(files) != 3 || filepath.Dir(files[0]) != dir {
		t.Fatalf("WriteDebrief = %q, %v; want three files in %s", files, err, dir)
	}
	var saved bytes.Buffer
	s.WriteSaved(&saved, files)
	if !strings.Contains(saved.String(), "replay with: sim play --moves "+s.Save+"\n") || !strings.Contains(saved.String(), "with debrief.png") {
		t.Errorf("WriteSaved wrote:\n%s", saved.String())
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.Debrief(ctx, 2); !Interrupted(err) {
		t.Errorf("Debrief with a cancelled context = %v, want an interruption", err)
	}
}
