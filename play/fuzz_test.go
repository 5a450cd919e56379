package play

import (
	"errors"
	"os"
	"strings"
	"testing"

	"caspian/scenarios"
)

// FuzzSave feeds arbitrary saved games and lists of moves to the reader,
// then replays what it accepts on a small scenario: nothing may panic or
// hang, a file is either read or refused with a *scenarios.Error placed on a
// line of the file, and a replay either plays the moves or says which
// one it cannot.
func FuzzSave(f *testing.F) {
	data, err := os.ReadFile("testdata/small.toml")
	if err != nil {
		f.Fatal(err)
	}
	sc, err := scenarios.Parse("small.toml", data)
	if err != nil {
		f.Fatal(err)
	}
	// A game saved by the program itself seeds the corpus.
	g, err := New(Config{Scenario: sc, Name: "small.toml", SHA256: "x", Seed: 3, Agent: "AZE"})
	if err != nil {
		f.Fatal(err)
	}
	if err := g.Move(None, ""); err != nil {
		f.Fatal(err)
	}
	if err := g.Move(Auto, ""); err != nil {
		f.Fatal(err)
	}
	if c := g.Choices(); len(c) > 0 {
		if err := g.Move(c[0].Action, c[0].Target); err != nil {
			f.Fatal(err)
		}
	}
	f.Add(SaveOf(g).Marshal())
	for _, s := range []string{
		"# Alice\n1992 none\n1993 security_coop ARM\n1994 auto\n",
		"1992 none\n1992 none\n",
		"1992 securty_coop ARM\n",
		"1992\n",
		"scenario = \"small.toml\"\nseed = 1\nagent = \"AZE\"\nmoves = ['1992 none', \"1993 auto\"]\n",
		"scenario = \"../x.toml\"\nmoves = [\"1992 none\"]\nsede = 3\n",
		"moves = [" + strings.Repeat("[", 40) + "]\n",
		"2030 none\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := ParseSave("game.toml", data)
		if err != nil {
			var fe *scenarios.Error
			if !errors.As(err, &fe) || fe.File != "game.toml" || fe.Line < 0 || fe.Line > strings.Count(string(data), "\n")+1 {
				t.Fatalf("want a *scenarios.Error placed in the file, got %T: %v", err, err)
			}
			return
		}
		if s == nil {
			t.Fatal("no error and no save")
		}
		for _, m := range s.Moves {
			if m.Line < 0 || m.Line > strings.Count(string(data), "\n")+1 {
				t.Fatalf("move %v placed on line %d", m, m.Line)
			}
		}
		if len(s.Moves) > 20 {
			return // a longer list replays no differently, only slower
		}
		g, err := New(Config{Scenario: sc, Name: "small.toml", Seed: s.Seed, Agent: "AZE"})
		if err != nil {
			t.Fatal(err)
		}
		if err := Replay(g, "game.toml", s.Moves); err != nil {
			var fe *scenarios.Error
			if !errors.As(err, &fe) {
				t.Fatalf("want a *scenarios.Error, got %T: %v", err, err)
			}
			return
		}
		if err := Finish(g); err != nil {
			t.Fatal(err)
		}
		if !g.Done() || g.Err() != nil {
			t.Fatalf("done %v, fault %v", g.Done(), g.Err())
		}
		// What was played saves and reads back as the same moves.
		back, err := ParseSave("again.toml", SaveOf(g).Marshal())
		if err != nil || len(back.Moves) != len(g.Records()) {
			t.Fatalf("the save of a replayed game does not read back: %v", err)
		}
	})
}
