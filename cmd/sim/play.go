package main

import (
	"caspian/internal/cli"
	"caspian/internal/jobs"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"caspian/play"
	"caspian/scenarios"
	"caspian/sim"

	"golang.org/x/term"
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
	sets   setList
	limits limitFlag
	fs     *flag.FlagSet
	seedOK bool
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
	fs.Var(&o.sets, "set", setUsage+"; a saved game records it")
	fs.Var(&overlayFlag{sets: &o.sets}, "overlay", overlayUsage)
	fs.BoolVar(&o.ascii, "ascii", false, "draw the charts with plain ASCII characters, for terminals that show lines and blocks wrongly")
	fs.Var(&o.limits, "limit", limitUsage)
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
	o.seedOK = isSet(o.fs, "seed")
	arg, err := scenarioArg("play", pos, "")
	if err != nil {
		return err
	}
	if err := o.check(); err != nil {
		return err
	}
	var save *play.Save
	saveFile := o.moves + o.load
	if saveFile != "" {
		if save, err = play.ReadSaveWith(saveFile, o.limits.get().Scenario); err != nil {
			return err
		}
	}
	g, err := startGame(e, arg, &o, save, saveFile)
	if err != nil {
		return err
	}
	o.placeFiles(g.Config())
	g.SetSaveName(play.SaveName(g.Config().Name, o.save))
	ctx, err := playMoves(e, g, o)
	if ctx != nil {
		defer ctx.Stop()
	}
	if err != nil || ctx == nil {
		return err
	}
	return debrief(e, ctx, g, o)
}

// check validates the flags that parsing alone cannot.
func (o *playOptions) check() error {
	switch {
	case o.moves != "" && o.load != "":
		return cli.Usagef("play", "use --moves (replay without questions) or --load (go on playing), not both")
	case o.runs < 1:
		return cli.Usagef("play", "--runs must be at least 1, not %d", o.runs)
	case o.runs > o.limits.get().KeptRuns:
		return cli.Usagef("play", "--runs %d is more than the limit of %d runs kept in memory (raise it with --limit kept-runs=%d)", o.runs, o.limits.get().KeptRuns, o.runs)
	}
	for _, f := range []string{"moves", "load", "save", "out", "as"} {
		if isSet(o.fs, f) && o.fs.Lookup(f).Value.String() == "" {
			return cli.Usagef("play", "--%s needs a value", f)
		}
	}
	return nil
}

// placeFiles fills in the debrief's folder and the saved game's file
// when they were not given: a replay's debrief goes into a folder named
// after the moves file, and a loaded game is saved where it was.
func (o *playOptions) placeFiles(cfg play.Config) {
	if o.out == "" {
		o.out = filepath.Join("out", "play-"+play.FolderName(cfg.Scenario.Name)+"-"+cfg.Agent)
		if o.moves != "" {
			base := filepath.Base(o.moves)
			o.out = filepath.Join("out", strings.TrimSuffix(base, filepath.Ext(base)))
		}
	}
	if o.save == "" {
		o.save = filepath.Join(o.out, "game.toml")
		if o.load != "" {
			o.save = o.load
		}
	}
}

// playMoves plays the game to its end: the moves of --moves without
// asking anything, or the player's at the terminal. It returns the
// interruption that watches the debrief, or nil when the player left
// before the end.
func playMoves(e *cli.Env, g *play.Game, o playOptions) (*cli.Interruption, error) {
	name := g.Config().Name
	if o.moves != "" {
		// Grading replays many games in a row: a signal stops this one
		// cleanly, leaving its folder as it was.
		ctx := cli.Interruptible()
		if err := play.Finish(g); err != nil {
			return ctx, playFailed(name, err)
		}
		return ctx, nil
	}
	po := play.Options{ASCII: o.ascii, Clear: isTerminal(e.Out), Rows: terminalRows(e.Out), SavePath: o.save,
		Save: func(g *play.Game) error { return play.WriteSave(o.save, g) }}
	finished, err := play.Play(stdin, e.Out, g, po)
	if err != nil {
		return nil, playFailed(name, err)
	}
	if !finished {
		return nil, nil
	}
	return cli.Interruptible(), nil
}

// debrief works out the debrief of a finished game, saves the game and
// writes the debrief.
func debrief(e *cli.Env, ctx *cli.Interruption, g *play.Game, o playOptions) error {
	cfg := g.Config()
	if ctx.Err() != nil {
		return stopped(e, ctx, jobs.Existing(o.out))
	}
	fmt.Fprintf(e.Out, "\nThe game is over. Working out your debrief: the model plays %s %d times...\n",
		cfg.Agent, o.runs)
	d, err := play.NewDebrief(g, play.DebriefOptions{Runs: o.runs, Context: ctx})
	if jobs.Interrupted(err) {
		return stopped(e, ctx, jobs.Existing(o.out))
	}
	if err != nil {
		return fmt.Errorf("could not work out the debrief, so nothing was saved: %w", playFailed(cfg.Name, err))
	}
	if err := play.WriteSave(o.save, g); err != nil {
		return fmt.Errorf("could not save the game in %s: %w", o.save, err)
	}
	fmt.Fprintf(e.Out, "\n%s", d.Text(o.ascii))
	files, err := d.WriteFiles(o.out)
	if err != nil {
		return fmt.Errorf("could not write the debrief into %s: %w", o.out, err)
	}
	fmt.Fprintf(e.Out, "\nSaved:\n  %s   the debrief with its plot: open it in a web browser\n", files[0])
	fmt.Fprintf(e.Out, "  %s     the same as Markdown, with %s\n", files[1], filepath.Base(files[2]))
	fmt.Fprintf(e.Out, "  %s       your moves; replay with: sim play --moves %s\n", o.save, o.save)
	return nil
}

// startGame opens the scenario, checks the player's state and replays
// the moves of a saved game, if any.
func startGame(e *cli.Env, arg string, o *playOptions, save *play.Save, saveFile string) (*play.Game, error) {
	arg, seed, agent, fromSave := resume(e, arg, o, save, saveFile)
	sets, err := savedSets(save, saveFile, o.sets)
	if err != nil {
		return nil, err
	}
	so := scenarios.Options{Limits: o.limits.get().Scenario, Sets: sets}
	var (
		sc   *sim.Scenario
		data []byte
		name string
	)
	if fromSave {
		sc, data, name, err = play.OpenSaved(saveFile, arg, so)
	} else {
		sc, data, name, err = scenarios.OpenWith(arg, so)
	}
	if err != nil {
		return nil, jobs.ScenarioError(name, err)
	}
	digest := jobs.SHA256(data)
	if save != nil && save.SHA256 != "" && save.SHA256 != digest {
		fmt.Fprintf(e.Err, "sim: note: %s was changed since %s was played, so the game may not replay the same way\n", name, saveFile)
	}
	if agent == "" {
		agent = sc.Focal
	}
	agent = strings.ToUpper(agent)
	g, err := play.New(play.Config{Scenario: sc, Name: name, SHA256: digest, Seed: seed, Agent: agent, Overrides: sets.strings()})
	var fault *sim.FaultError
	if errors.As(err, &fault) {
		return nil, playFailed(name, err)
	}
	if err != nil {
		return nil, cli.Usagef("play", "--as: %v", err)
	}
	if save != nil {
		if err := play.Replay(g, saveFile, save.Moves); err != nil {
			return nil, playFailed(name, err)
		}
	}
	return g, nil
}

// resume takes the scenario, seed and state of a saved game unless the
// command line names others, noting where they differ; fromSave reports
// that the scenario is the one the saved game names.
func resume(e *cli.Env, arg string, o *playOptions, save *play.Save, saveFile string) (scenario string, seed uint64, agent string, fromSave bool) {
	seed, agent = o.seed, o.as
	if save != nil && !save.Plain {
		if arg == "" {
			arg, fromSave = save.Scenario, true
		}
		if !o.seedOK {
			seed = save.Seed
		} else if seed != save.Seed {
			fmt.Fprintf(e.Err, "sim: note: %s was played with seed %d; using --seed %d instead\n", saveFile, save.Seed, seed)
		}
		if agent == "" {
			agent = save.Agent
		} else if save.Agent != "" && agent != save.Agent {
			fmt.Fprintf(e.Err, "sim: note: %s was played as %s; playing as %s instead\n", saveFile, save.Agent, agent)
		}
	}
	if arg == "" {
		arg = scenarios.Default
	}
	return arg, seed, agent, fromSave
}

// savedSets are a saved game's overrides followed by those given now,
// which apply after them; the game goes on with both.
func savedSets(save *play.Save, saveFile string, given setList) (setList, error) {
	var sets setList
	if save != nil {
		for _, x := range save.Overrides {
			set, err := scenarios.ParseSet(x)
			if err != nil {
				return nil, fmt.Errorf("%s: overrides: %v", saveFile, err)
			}
			sets = append(sets, set)
		}
	}
	return append(sets, given...), nil
}

// playFailed explains a game the engine stopped with a numerical fault;
// other errors pass as they are.
func playFailed(name string, err error) error {
	var fe *sim.FaultError
	if errors.As(err, &fe) {
		return fmt.Errorf("%s: %v (the scenario passed every check, so this is a bug in the model; please report it with the scenario and the moves); the game cannot go on, and its debrief was not written", name, err)
	}
	return err
}

// terminalRows is the height of the terminal w writes to, 0 if it is not
// one or its size is unknown.
func terminalRows(w io.Writer) int {
	f, ok := w.(*os.File)
	if !ok || !isTerminal(w) {
		return 0
	}
	_, rows, err := term.GetSize(int(f.Fd()))
	if err != nil {
		return 0
	}
	return rows
}

// isTerminal reports whether w is a terminal, where screens may be
// cleared.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	if err != nil {
		return false
	}
	return info.Mode()&fs.ModeCharDevice != 0 && os.Getenv("TERM") != "dumb"
}
