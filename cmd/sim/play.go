package main

import (
	"caspian/internal/cli"
	"caspian/internal/jobs"
	"caspian/scenarios"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"caspian/play"
)

// stdin is where sim play reads the player's moves; tests replace it.
var stdin io.Reader = os.Stdin

// playOptions are the flags of sim play.
type playOptions struct {
	as     string
	seed   uint64
	moves  string
	load   string
	save   string
	out    string
	runs   int
	ascii  bool
	sets   []scenarios.Set
	limits jobs.Limits
	fs     *flag.FlagSet
}

func playFlags(o *playOptions) *flag.FlagSet {
	fs := newFlagSet("play")
	fs.StringVar(&o.as, "as", "", "play the state `ID`, e.g. AZE (default: the state the scenario is about)")
	fs.Uint64Var(&o.seed, "seed", 1, "random seed `N`: the same seed and the same moves always give the same game (default 1)")
	fs.StringVar(&o.moves, "moves", "", "replay the moves in `FILE` without asking anything, then write the debrief (for grading)")
	fs.StringVar(&o.load, "load", "", "go on with the game saved in `FILE`")
	fs.StringVar(&o.save, "save", "", "save the game in `FILE` after every move (default: game.toml in the --out folder, or the --load file)")
	fs.StringVar(&o.out, "out", "", "write the debrief into folder `DIR` (default: out/play-SCENARIO-ID, or out/ and the name of the --moves file)")
	fs.IntVar(&o.runs, "runs", 20, "the model plays the game `N` times for the debrief (at most the kept-runs limit) (default 20)")
	cli.Repeated(fs, &o.sets, "set", setUsage+"; a saved game records it", scenarios.ParseSet)
	fs.Var(&overlayFlag{sets: &o.sets}, "overlay", overlayUsage)
	fs.BoolVar(&o.ascii, "ascii", false, "draw the charts with plain ASCII characters, for terminals that show lines and blocks wrongly")
	limitVar(fs, &o.limits, limitUsage)
	return fs
}

func playCommand() *cli.Command {
	return helpText.Command("play", &cli.Command{
		Sections: []cli.Section{{Title: "Files written (in the --out folder)", Items: [][2]string{
			{"game.toml", "the game: scenario, seed, state and every move; replay it with --moves"},
			{"debrief.html", "the debrief as one web page, plots included: open it in a browser"},
			{"debrief.md", "the same as Markdown, with debrief.png beside it"},
		}}, limitSection(true, "kept-runs")},
		Flags: func() *flag.FlagSet { return playFlags(new(playOptions)) },
		Exec:  execPlay,
	})
}

func execPlay(e *cli.Env, args []string) error {
	var o playOptions
	o.fs = playFlags(&o)
	pos, err := cli.ParseArgs("play", o.fs, args)
	if err != nil {
		return err
	}
	arg, err := scenarioArg("play", pos, "")
	if err != nil {
		return err
	}
	if err := o.check(); err != nil {
		return err
	}
	s, err := jobs.Game{Scenario: arg, Sets: o.sets, Limits: o.limits, Seed: o.seed, SeedGiven: isSet(o.fs, "seed"),
		As: o.as, Moves: o.moves, Load: o.load, Out: o.out, Save: o.save}.Start(e.Err)
	var bad *jobs.AgentError
	if errors.As(err, &bad) {
		return cli.Usagef("play", "--as: %v", bad.Err)
	}
	if err != nil {
		return err
	}
	ctx, err := playMoves(e, s, o)
	if ctx != nil {
		defer ctx.Stop()
	}
	if err != nil || ctx == nil {
		return err
	}
	return debrief(e, ctx, s, o)
}

// check validates the flags that parsing alone cannot.
func (o *playOptions) check() error {
	switch {
	case o.moves != "" && o.load != "":
		return cli.Usagef("play", "use --moves (replay without questions) or --load (go on playing), not both")
	case o.runs < 1:
		return cli.Usagef("play", "--runs must be at least 1, not %d", o.runs)
	case o.runs > o.limits.KeptRuns:
		return cli.Usagef("play", "--runs %d is more than the limit of %d runs kept in memory (raise it with --limit kept-runs=%d)", o.runs, o.limits.KeptRuns, o.runs)
	}
	for _, f := range []string{"moves", "load", "save", "out", "as"} {
		if isSet(o.fs, f) && o.fs.Lookup(f).Value.String() == "" {
			return cli.Usagef("play", "--%s needs a value", f)
		}
	}
	return nil
}

// playMoves plays the game to its end: the moves of --moves without
// asking anything, or the player's at the terminal. It returns the
// interruption that watches the debrief, or nil when the player left
// before the end.
func playMoves(e *cli.Env, s *jobs.Started, o playOptions) (*cli.Interruption, error) {
	name := s.Game.Config().Name
	if o.moves != "" {
		// Grading replays many games in a row: a signal stops this one
		// cleanly, leaving its folder as it was.
		ctx := cli.Interruptible()
		if err := play.Finish(s.Game); err != nil {
			return ctx, jobs.PlayFailed(name, err)
		}
		return ctx, nil
	}
	po := play.Options{ASCII: o.ascii, Clear: cli.IsTerminal(e.Out), Rows: cli.TerminalRows(e.Out), SavePath: s.Save,
		Save: func(g *play.Game) error { return play.WriteSave(s.Save, g) }}
	finished, err := play.Play(stdin, e.Out, s.Game, po)
	if err != nil {
		return nil, jobs.PlayFailed(name, err)
	}
	if !finished {
		return nil, nil
	}
	return cli.Interruptible(), nil
}

// debrief works out the debrief of a finished game, saves the game and
// writes the debrief.
func debrief(e *cli.Env, ctx *cli.Interruption, s *jobs.Started, o playOptions) error {
	if ctx.Err() != nil {
		return stopped(e, ctx, jobs.Existing(s.Out))
	}
	fmt.Fprintf(e.Out, "\nThe game is over. Working out your debrief: the model plays %s %d times...\n",
		s.Game.Config().Agent, o.runs)
	d, err := s.Debrief(ctx, o.runs)
	if jobs.Interrupted(err) {
		return stopped(e, ctx, jobs.Existing(s.Out))
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.Out, "\n%s", d.Text(o.ascii))
	files, err := s.WriteDebrief(d)
	if err != nil {
		return err
	}
	s.WriteSaved(e.Out, files)
	return nil
}
