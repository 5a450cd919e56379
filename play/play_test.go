package play

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"caspian/patterns"
	"caspian/scenarios"
	"caspian/sim"
)

func newTestGame(t *testing.T) *Game {
	t.Helper()
	sc, _, name, err := scenarios.Open(scenarios.Default)
	if err != nil {
		t.Fatal(err)
	}
	g, err := New(Config{Scenario: sc, Name: name, SHA256: "test", Seed: 3, Agent: "AZE"})
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// steps are the first moves of a game: the best option, nothing, the
// second best, the model's choice.
func playSome(t *testing.T, g *Game) {
	t.Helper()
	for i, pick := range []int{1, 0, 2, -1, 3} {
		var err error
		switch {
		case pick < 0:
			err = g.Move(Auto, "")
		case pick == 0:
			err = g.Move(None, "")
		default:
			c := g.Choices()[pick-1]
			err = g.Move(c.Action, c.Target)
		}
		if err != nil {
			t.Fatalf("move %d: %v", i, err)
		}
	}
}

func TestReplayIsDeterministic(t *testing.T) {
	a := newTestGame(t)
	playSome(t, a)
	if err := Finish(a); err != nil {
		t.Fatal(err)
	}
	// The same moves, replayed without scoring the options, give the
	// same game: looking at the options changes nothing.
	b, err := newGame(a.cfg, false)
	if err != nil {
		t.Fatal(err)
	}
	s := SaveOf(a)
	if err := Replay(b, "test", s.Moves); err != nil {
		t.Fatal(err)
	}
	if !b.Done() {
		t.Fatal("replay did not reach the end")
	}
	if !reflect.DeepEqual(a.rec.Decisions(), b.rec.Decisions()) {
		t.Fatal("the replay took other decisions")
	}
	if !reflect.DeepEqual(a.rec.Snapshots(), b.rec.Snapshots()) {
		t.Fatal("the replay reached other states")
	}
}

func TestSaveRoundTrip(t *testing.T) {
	g := newTestGame(t)
	playSome(t, g)
	data := SaveOf(g).Marshal()
	s, err := ParseSave("game.toml", data)
	if err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	if s.Scenario != scenarios.Default || s.Seed != 3 || s.Agent != "AZE" || s.SHA256 != "test" || len(s.Moves) != 5 {
		t.Fatalf("read back %+v", s)
	}
	if s.Moves[3].Action != Auto || s.Moves[1].Action != None {
		t.Fatalf("moves %+v", s.Moves)
	}
	h := newTestGame(t)
	if err := Replay(h, "game.toml", s.Moves); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(g.records, h.records) {
		t.Fatal("the loaded game differs")
	}
}

// A game with other states' moves held fixed, and moves that make
// demands, saves and loads as the same game.
func TestSaveRoundTripWithOthers(t *testing.T) {
	sc, _, _, err := scenarios.Open(scenarios.Default)
	if err != nil {
		t.Fatal(err)
	}
	t0 := sc.Calendar.DecideFrom()
	cfg := Config{Scenario: sc, Name: scenarios.Default, Seed: 4, Agent: "RUS", Others: []Fixed{
		{Turn: t0, Move: sim.Move{Agent: "ARM", Action: None}},
		{Turn: t0 + 1, Move: sim.Move{Agent: "GEO", Action: "security_coop", Target: "TUR"}},
	}}
	g, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	demands := 0
	for range 6 {
		c := g.Choices()[0]
		for _, o := range g.Choices() {
			if o.Demand != "" {
				c = o
				break
			}
		}
		if c.Demand != "" {
			demands++
		}
		if err := g.MoveDemand(c.Action, c.Target, c.Demand); err != nil {
			t.Fatal(err)
		}
	}
	if demands == 0 {
		t.Fatal("Russia made no demand to save")
	}
	if !slices.ContainsFunc(g.rec.Decisions(), func(d sim.Decision) bool {
		return d.Actor == "GEO" && d.Action == "security_coop" && d.Target == "TUR" && d.Turn == t0+1
	}) {
		t.Fatal("Georgia's fixed move was not played")
	}
	data := SaveOf(g).Marshal()
	s, err := ParseSave("game.toml", data)
	if err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	others, err := FixedMoves(sc, "game.toml", s.Others)
	if err != nil || !reflect.DeepEqual(others, cfg.Others) {
		t.Fatalf("others read back as %+v, %v\n%s", others, err, data)
	}
	cfg.Others = others
	h, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := Replay(h, "game.toml", s.Moves); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(g.records, h.records) || !reflect.DeepEqual(g.rec.Snapshots(), h.rec.Snapshots()) || h.Dropped() != 0 {
		t.Fatalf("the loaded game differs\n%s", data)
	}
}

func TestMoveFileErrors(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"plain, one word", "1994-Q3\n", "moves.txt:1: "},
		{"plain, too many words", "# c\n1994-Q3 join cis now\n", "moves.txt:2: "},
		{"plain, target on none", "1994-Q3 none USA\n", "none takes no target"},
		{"toml, unknown key", "scenario = \"x\"\nseeed = 2\nmoves = []\n", `moves.txt:2: unknown key "seeed"`},
		{"toml, no moves", "scenario = \"x\"\n", "no moves"},
		{"toml, bad move", "seed = 1\nmoves = [\n  \"1994-Q3 none\",\n  \"1994-Q4\",\n]\n", "moves.txt:4: "},
		{"toml, syntax", "seed = = 1\n", "moves.txt:1: "},
		{"toml, other without action", "seed = 1\nmoves = []\nothers = [\n  \"1994-Q3 ARM\",\n]\n", "moves.txt:4: "},
		{"toml, other on auto", "seed = 1\nmoves = []\nothers = [\"1994-Q3 ARM auto\"]\n", "leave out the turns the model played"},
		{"toml, demand on none", "seed = 1\nmoves = [\"1994-Q3 none / stay in cis\"]\n", "none takes no target"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseSave("moves.txt", []byte(tt.text))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want %q", err, tt.want)
			}
		})
	}
}

func TestReplayErrors(t *testing.T) {
	tests := []struct {
		name, moves, want string
	}{
		{"no such turn", "1994-Q5 none\n", `"1994-Q5" is not a turn`},
		{"during forced history", "1993-Q1 none\n", "does not decide in that turn"},
		{"twice the same turn", "1994-Q3 none\n1994-Q3 none\n", "moves.txt:2: "},
		{"not on offer", "1994-Q3 commit_route btc\n", "not among the options"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := ParseSave("moves.txt", []byte(tt.moves))
			if err != nil {
				t.Fatal(err)
			}
			err = Replay(newTestGame(t), "moves.txt", s.Moves)
			var fe *scenarios.Error
			if !errors.As(err, &fe) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want %q", err, tt.want)
			}
		})
	}
}

// Skipped turns are left to the model.
func TestReplaySkipsToTheModel(t *testing.T) {
	s, err := ParseSave("moves.txt", []byte("1995-Q2 none\n"))
	if err != nil {
		t.Fatal(err)
	}
	g := newTestGame(t)
	if err := Replay(g, "moves.txt", s.Moves); err != nil {
		t.Fatal(err)
	}
	rs := g.Records()
	if len(rs) != 4 || rs[0].Action != Auto || rs[3].Action != None {
		t.Fatalf("records %+v", rs)
	}
}

func TestPlayInteractive(t *testing.T) {
	g := newTestGame(t)
	saved := 0
	in := strings.NewReader("\n\nxyz\n99\n1\nm\n? 2\ne\n0\na 2\nq\n")
	var out bytes.Buffer
	finished, err := Play(in, &out, g, Options{ASCII: true, SavePath: "game.toml", Save: func(*Game) error { saved++; return nil }})
	if err != nil {
		t.Fatal(err)
	}
	if finished {
		t.Fatal("quitting finished the game")
	}
	text := out.String()
	for _, want := range []string{
		"You govern Azerbaijan from 1994-Q3",
		"Press Enter to begin",
		"caspian - you are Azerbaijan",
		"Your options",
		"Your projects (pipelines and treaties under way)",
		"being built, opens",
		"Type the number of an option",
		`"xyz" is not a command`,
		"There is no option 99",
		"More: all",
		"In a moves file:",
		"the model, for you:",
		"Game saved in game.toml",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the screens do not show %q", want)
		}
	}
	if strings.ContainsAny(text, "█▁●") {
		t.Error("ASCII screens hold other characters")
	}
	rs := g.Records()
	if len(rs) != 4 || rs[1].Action != None || rs[2].Action != Auto || rs[3].Action != Auto {
		t.Fatalf("records %+v", rs)
	}
	if saved < 4 {
		t.Fatalf("saved %d times", saved)
	}
}

func TestDebrief(t *testing.T) {
	g := newTestGame(t)
	playSome(t, g)
	if err := Finish(g); err != nil {
		t.Fatal(err)
	}
	d, err := NewDebrief(g, DebriefOptions{Runs: 3, Replays: 2, Draws: 3})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Mattered) == 0 {
		t.Fatal("no decision replayed")
	}
	for _, c := range d.Mattered {
		// The mean over the draws lies within their range, and a range
		// across zero is called chance.
		if c.Draws != 3 || c.Utility < c.UtilityLo-1e-9 || c.Utility > c.UtilityHi+1e-9 || c.Chance() != (c.UtilityLo <= -0.05 && c.UtilityHi >= 0.05) {
			t.Errorf("counterfactual %+v", c)
		}
	}
	if len(d.Model) != 3 || len(d.End) != 4 || d.Decided != 4 {
		t.Fatalf("debrief %+v", d)
	}
	// Run 0 of the model's ensemble has the game's random draws: with the
	// model's own moves it is the game the model would have played.
	h := newTestGame(t)
	if err := Finish(h); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(h.rec.Snapshots(), d.Model[0].Snapshots()) {
		t.Fatal("run 0 of the debrief is not the game the model would have played")
	}
	text := d.Text(true)
	for _, want := range []string{"Where you ended", "alignment", "Against history", "Contract of the Century"} {
		if !strings.Contains(text, want) {
			t.Errorf("debrief text lacks %q", want)
		}
	}
	if testing.Short() {
		return
	}
	doc, err := d.Document()
	if err != nil {
		t.Fatal(err)
	}
	var html bytes.Buffer
	if err := doc.HTML(&html); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(html.String(), "data:image/png;base64,") {
		t.Fatal("the debrief page has no inline plot")
	}
}

func TestNewGameErrors(t *testing.T) {
	sc, _, _, err := scenarios.Open(scenarios.Default)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := New(Config{Scenario: sc, Agent: "XYZ"}); err == nil || !strings.Contains(err.Error(), "AZE") {
		t.Fatalf("unknown agent: %v", err)
	}
	if _, err := New(Config{}); err == nil {
		t.Fatal("no scenario accepted")
	}
	_ = sim.Options{}
}

// A large saved game is read in one pass, even when its moves are not
// written the way the program writes them.
func TestParseSaveIsLinear(t *testing.T) {
	var b strings.Builder
	b.WriteString("scenario = \"azerbaijan-1991\"\nseed = 1\nagent = \"AZE\"\nmoves = [\n")
	for b.Len() < 3<<20 {
		b.WriteString("  '1994-Q3 none',\n")
	}
	b.WriteString("]\n")
	start := time.Now()
	s, err := ParseSave("big.toml", []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Moves) < 100000 {
		t.Fatalf("%d moves", len(s.Moves))
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v", d)
	}
}

func TestSaveErrorsSuggest(t *testing.T) {
	_, err := ParseSave("g.toml", []byte("scenario = \"x\"\nsede = 3\nmoves = []\n"))
	if err == nil || err.Error() != `g.toml:2: unknown key "sede" (did you mean "seed"?)` {
		t.Errorf("error %v", err)
	}
	g := newTestGame(t)
	err = Replay(g, "m.txt", []Step{{Label: "1994-Q3", Action: "securty_coop", Target: "TUR", Line: 4}})
	if err == nil || err.Error() != `m.txt:4: "securty_coop" is not an action (did you mean "security_coop"?)` {
		t.Errorf("error %v", err)
	}
}

// Random legal games, reversals included, never break the tool: each is
// saved, read back and replayed to the same records, and its debrief,
// counterfactual replays and all, is worked out. Moves are drawn from the
// options on screen, doing nothing and leaving the turn to the model;
// every fourth turn the player undoes its last action where the menu
// offers the reverse (a ceasefire after an escalation, leaving after
// joining, joining after leaving).
func TestRandomGamesDebrief(t *testing.T) {
	if testing.Short() {
		t.Skip("plays whole games")
	}
	reverse := map[string]string{"escalate": "ceasefire", "ceasefire": "escalate", "join": "leave", "leave": "join"}
	for seed := range uint64(6) {
		g := newTestGame(t)
		r := rand.New(rand.NewPCG(seed, 11))
		last, reversals := Record{}, 0
		for turn := 0; !g.Done(); turn++ {
			cs := g.Choices()
			action, target := Auto, ""
			if want, ok := reverse[last.Action]; ok && turn%4 == 0 {
				for _, c := range cs {
					if c.Action == want && c.Target == last.Target {
						action, target = c.Action, c.Target
						reversals++
					}
				}
			}
			if action == Auto {
				switch k := r.IntN(len(cs) + 2); {
				case k == len(cs):
					action = None
				case k < len(cs):
					action, target = cs[k].Action, cs[k].Target
				}
			}
			if err := g.Move(action, target); err != nil {
				t.Fatalf("seed %d: %v", seed, err)
			}
			if rs := g.Records(); rs[len(rs)-1].Action != Auto && rs[len(rs)-1].Action != None {
				last = rs[len(rs)-1]
			}
		}
		save := SaveOf(g)
		back, err := ParseSave("game.toml", save.Marshal())
		if err != nil {
			t.Fatalf("seed %d: the save does not read back: %v", seed, err)
		}
		h := newTestGame(t)
		if err := Replay(h, "game.toml", back.Moves); err != nil {
			t.Fatalf("seed %d: the save does not replay: %v", seed, err)
		}
		if err := Finish(h); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(g.Records(), h.Records()) {
			t.Fatalf("seed %d: the replayed game differs from the game played", seed)
		}
		if _, err := NewDebrief(g, DebriefOptions{Runs: 2, Replays: 4}); err != nil {
			t.Fatalf("seed %d (%d reversals): the debrief fails: %v", seed, reversals, err)
		}
		t.Logf("seed %d: %d moves, %d reversals", seed, len(g.Records()), reversals)
	}
}

// The debrief's history is the scenario's own record after its forced
// history: every labelled dated decision and every one of the player's
// from history_until on, and nothing when the record is forced to the end.
func TestDebriefHistoryIsTheScenarioRecord(t *testing.T) {
	sc, _, name, err := scenarios.Open(scenarios.Default)
	if err != nil {
		t.Fatal(err)
	}
	c, err := patterns.Compile(sc)
	if err != nil {
		t.Fatal(err)
	}
	var recs []patterns.Record
	for _, r := range c.Records() {
		if r.Label != "" || r.Actor == "AZE" {
			recs = append(recs, r)
		}
	}
	for _, forced := range []bool{false, true} {
		s := *sc
		if forced {
			s.Calendar.HistoryUntil = s.Calendar.End
		}
		g, err := New(Config{Scenario: &s, Name: name, SHA256: "test", Seed: 3, Agent: "AZE"})
		if err != nil {
			t.Fatal(err)
		}
		if err := Finish(g); err != nil {
			t.Fatal(err)
		}
		d, err := NewDebrief(g, DebriefOptions{Runs: 2, Replays: -1})
		if err != nil {
			t.Fatal(err)
		}
		want := len(recs)
		if forced {
			want = 0
		}
		if len(d.History) != want {
			t.Fatalf("forced %v: %d history rows, want the record's %d", forced, len(d.History), want)
		}
		for _, h := range d.History {
			if !slices.ContainsFunc(recs, func(r patterns.Record) bool {
				return r.Label == h.Text || (r.Label == "" && h.Text == Describe(sc, r.Action, r.Target))
			}) {
				t.Errorf("history row %q is not in the scenario's record", h.Text)
			}
		}
	}
}

// An option keeps its number all game: a number typed in a later turn
// means the action it meant when first shown, or is refused when that
// action is not open.
func TestOptionNumbersAreStable(t *testing.T) {
	g := newTestGame(t)
	seen := map[int]string{}
	for turn := 0; turn < 12 && !g.Done(); turn++ {
		for _, c := range g.Choices() {
			n := g.Number(c.Action, c.Target)
			key := c.Action + " " + c.Target
			if n == 0 {
				t.Fatalf("%s is on offer without a number", key)
			}
			if was, ok := seen[n]; ok && was != key {
				t.Fatalf("number %d meant %q and now %q", n, was, key)
			}
			seen[n] = key
		}
		if turn == 0 {
			// The first turn's options are numbered best first.
			for i, c := range g.Choices() {
				if g.Number(c.Action, c.Target) != i+1 {
					t.Fatalf("first turn: option %d numbered %d", i+1, g.Number(c.Action, c.Target))
				}
			}
		}
		if err := g.Move(Auto, ""); err != nil {
			t.Fatal(err)
		}
	}
	// A known number whose action is not open now is refused on screen.
	var closed int
	for n := 1; n <= len(seen); n++ {
		if _, _, _, open, known := g.Numbered(n); known && !open {
			closed = n
			break
		}
	}
	if closed == 0 {
		t.Skip("every option ever offered is still open")
	}
	var out bytes.Buffer
	in := strings.NewReader("\n" + strconv.Itoa(closed) + "\nq\n")
	if _, err := Play(in, &out, g, Options{ASCII: true}); err != nil {
		t.Fatal(err)
	}
	if want := fmt.Sprintf("Option %d (", closed); !strings.Contains(out.String(), want) || !strings.Contains(out.String(), "is not open this turn") {
		t.Errorf("a closed option's number was not refused:\n%s", out.String())
	}
}

// At 80×24 every turn's screen of a whole game fits: from its first line
// to the prompt, at most 24 lines, none wider than 80 characters, with
// options to choose from.
func TestScreensFit80x24(t *testing.T) {
	g := newTestGame(t)
	in := strings.NewReader("\n" + strings.Repeat("0\n", 200))
	var out bytes.Buffer
	finished, err := Play(in, &out, g, Options{ASCII: true, Rows: 24})
	if err != nil || !finished {
		t.Fatalf("the game did not finish: %v", err)
	}
	screens := strings.Split(out.String(), "caspian - you are")[1:]
	if len(screens) < 100 {
		t.Fatalf("only %d screens", len(screens))
	}
	for i, sc := range screens {
		end := strings.Index(sc, "Your move (")
		if end < 0 {
			t.Fatalf("screen %d has no prompt", i+1)
		}
		lines := strings.Split(sc[:end], "\n")
		if n := len(lines); n > 24 {
			t.Fatalf("screen %d takes %d lines:\ncaspian - you are%s", i+1, n, sc[:end])
		}
		for _, l := range lines {
			if width(l) > screenWidth {
				t.Fatalf("screen %d has a line of %d characters: %q", i+1, width(l), l)
			}
		}
		if !strings.Contains(sc[:end], "Your options") || !strings.Contains(sc[:end], "  0  Do nothing") {
			t.Fatalf("screen %d shows no options:\n%s", i+1, sc[:end])
		}
	}
}
