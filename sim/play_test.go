package sim

import (
	"reflect"
	"strings"
	"testing"
)

// BeginTurn followed by EndTurn without moves is exactly Step.
func TestTurnPhasesEqualStep(t *testing.T) {
	sc := smallScenario()
	a := run(t, sc, Options{Seed: 4})
	w, err := New(sc, Options{Seed: 4})
	if err != nil {
		t.Fatal(err)
	}
	b := &tape{}
	w.Start(b)
	for w.BeginTurn(b) {
		if err := w.EndTurn(b); err != nil {
			t.Fatal(err)
		}
	}
	if !reflect.DeepEqual(a, b) {
		t.Fatal("BeginTurn+EndTurn differs from Step")
	}
}

func TestPlayerMoves(t *testing.T) {
	w, err := New(smallScenario(), Options{Seed: 4})
	if err != nil {
		t.Fatal(err)
	}
	rec := &tape{}
	w.Start(rec)
	if !w.BeginTurn(rec) {
		t.Fatal("no first turn")
	}
	choices, err := w.Choices("PRD")
	if err != nil || len(choices) == 0 {
		t.Fatalf("choices: %v, %v", choices, err)
	}
	if _, err := w.Choices("NOPE"); err == nil {
		t.Fatal("unknown agent accepted")
	}
	// An action not on the menu is refused as a whole and the turn stays open.
	err = w.EndTurn(rec, Move{Agent: "PRD", Action: "arms_deal", Target: "RIV"})
	if err == nil || !strings.Contains(err.Error(), "not among its options") {
		t.Fatalf("bad move: %v", err)
	}
	if err := w.EndTurn(rec, Move{Agent: "PRD", Action: "none"}, Move{Agent: "PRD", Action: "none"}); err == nil {
		t.Fatal("two moves for one agent accepted")
	}
	pickOne := choices[0]
	for _, c := range choices {
		if c.Action == "join" && c.Target == "club" {
			pickOne = c
		}
	}
	if err := w.EndTurn(rec, Move{Agent: "PRD", Action: pickOne.Action, Target: pickOne.Target}); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, d := range rec.decisions {
		if d.Source == ByPlayer && d.Actor == "PRD" && d.Action == pickOne.Action && d.Target == pickOne.Target {
			found = true
			if want := map[bool]Outcome{true: Done, false: Refused}[pickOne.Acceptable]; d.Outcome != want {
				t.Fatalf("outcome %q, want %q", d.Outcome, want)
			}
		}
	}
	if !found {
		t.Fatalf("the player's move was not recorded: %+v", rec.decisions)
	}
	if err := w.EndTurn(rec); err == nil {
		t.Fatal("EndTurn without an open turn accepted")
	}
}

// During forced history the record makes the durable decisions, so they
// are not among the choices, and such a move is an error.
func TestNoMovesDuringForcedHistory(t *testing.T) {
	sc := smallScenario()
	sc.Calendar.HistoryUntil = Date{2005, 1}
	w, err := New(sc, Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	w.BeginTurn(nil)
	cs, _ := w.Choices("PRD")
	for _, c := range cs {
		if k, _ := kindByName(c.Action); kinds[k].governed {
			t.Fatalf("%s %s offered during forced history", c.Action, c.Target)
		}
	}
	if err := w.EndTurn(nil, Move{Agent: "PRD", Action: "join", Target: "club"}); err == nil {
		t.Fatal("a move the record governs was accepted during forced history")
	}
}

// Offered agrees with Choices: every choice is offered, and a move
// Choices does not list is not, nor is any move outside an open turn.
func TestOfferedIsTheMenu(t *testing.T) {
	w, err := New(smallScenario(), Options{Seed: 4})
	if err != nil {
		t.Fatal(err)
	}
	rec := &tape{}
	w.Start(rec)
	if w.Offered(Move{Agent: "PRD", Action: "none"}) {
		t.Fatal("a move is offered before a turn is open")
	}
	for turn := 0; turn < 3 && w.BeginTurn(rec); turn++ {
		for _, id := range []string{"PRD", "RIV"} {
			choices, err := w.Choices(id)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range choices {
				if !w.Offered(Move{Agent: id, Action: c.Action, Target: c.Target, Demand: c.Demand}) {
					t.Errorf("%s: choice %s %s %q is not offered", id, c.Action, c.Target, c.Demand)
				}
			}
			if !w.Offered(Move{Agent: id, Action: "none"}) {
				t.Errorf("%s may not do nothing", id)
			}
			for _, bad := range []Move{{Agent: id, Action: "arms_deal", Target: id}, {Agent: id, Action: "no_such_kind"}, {Agent: "NOPE", Action: "none"}} {
				if w.Offered(bad) {
					t.Errorf("%+v is offered", bad)
				}
			}
		}
		if err := w.EndTurn(rec); err != nil {
			t.Fatal(err)
		}
	}
}
