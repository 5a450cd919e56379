package store_test

import (
	"fmt"
	"os"
	"path/filepath"

	"caspian/classroom"
	"caspian/classroom/store"
	"caspian/scenarios"
)

// A class plays on Azerbaijan and Armenia; the server stores each move
// as the session accepts it, stops in the middle of a turn and resumes
// the session from the database.
func Example() {
	dir, _ := os.MkdirTemp("", "class")
	defer os.RemoveAll(dir)
	db := filepath.Join(dir, "sessions.db")

	st, err := store.Open(db)
	if err != nil {
		panic(err)
	}
	data, _ := scenarios.Source(scenarios.Default)
	sess, _, err := st.CreateSession(store.NewSession{
		Title: "Week 3", ScenarioName: scenarios.Default, Scenario: data,
		Seed: 1, Seats: []string{"AZE", "ARM"},
	})
	if err != nil {
		panic(err)
	}
	token, _ := st.Join(sess.Code, "AZE", "Leyla")
	rec, _ := st.Load(sess.ID)
	cfg, _ := rec.Config(scenarios.Options{})
	live, _ := classroom.Open(cfg)

	// Leyla moves: her token says which seat she holds.
	seat, _ := st.Player(sess.Code, token)
	turn, label := live.Turn()
	if _, err := live.Submit(seat, classroom.None, "", ""); err != nil {
		panic(err)
	}
	st.AppendMoves(sess.ID, []classroom.Move{{Turn: turn, Seat: seat, Action: classroom.None}})
	fmt.Println(label, "waiting for", live.Waiting())
	st.Close()

	// The server starts again.
	st, _ = store.Open(db)
	defer st.Close()
	open, _ := st.Sessions()
	rec, _ = st.Load(open[0].ID)
	cfg, _ = rec.Config(scenarios.Options{})
	resumed, err := classroom.Replay(cfg, rec.Moves)
	if err != nil {
		panic(err)
	}
	_, label = resumed.Turn()
	fmt.Println(label, "waiting for", resumed.Waiting())
	// Output:
	// 1994-Q3 waiting for [ARM]
	// 1994-Q3 waiting for [ARM]
}
