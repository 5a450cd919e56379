package jobs

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"caspian/play"
	"caspian/scenarios"
	"caspian/sim"
)

// Game is the job of starting a game in which a player governs one state
// against the model, fresh or going on from a saved game: what 'sim play'
// does before the first move. A front end then applies moves with
// play.Game's Move and ends with Debrief.
type Game struct {
	// Scenario is a scenario file or built-in name; "" takes the saved
	// game's, or the default scenario. With Data set, Data is the
	// scenario's file (one a browser uploaded, say) and Scenario its name.
	Scenario string
	Data     []byte
	// Sets are overrides applied after a saved game's own, within Limits.
	Sets   []scenarios.Set
	Limits Limits
	// Seed is used when SeedGiven or when there is no saved game to take
	// it from; As is the player's state, "" for the saved game's or the
	// scenario's focal state.
	Seed      uint64
	SeedGiven bool
	As        string
	// Moves is a saved game to replay to the end without asking, Load
	// one to go on playing; at most one of them.
	Moves, Load string
	// Out is the debrief's folder and Save the file the game is saved
	// in; "" places them as PlaceFiles says.
	Out, Save string
}

// Started is a game ready for its next move, with where its debrief and
// save go.
type Started struct {
	Game      *play.Game
	Out, Save string
}

// AgentError is a player's state the scenario cannot give: a state it
// lacks, or a pole, whose moves the model does not score. A command line
// reports it as a mistake in --as.
type AgentError struct{ Err error }

// Error says what is wrong with the state, as the game put it.
func (e *AgentError) Error() string { return e.Err.Error() }

// Unwrap gives the game's own error, for errors.Is and errors.As.
func (e *AgentError) Unwrap() error { return e.Err }

// Start opens the scenario, checks the player's state and replays the
// moves of a saved game, if any, then places the game's files. Where the
// request differs from the saved game (another seed or state, a changed
// scenario file) it writes a note to notes and follows the request.
func (o Game) Start(notes io.Writer) (*Started, error) {
	var save *play.Save
	saveFile := o.Moves + o.Load
	if saveFile != "" {
		var err error
		if save, err = play.ReadSaveWith(saveFile, o.Limits.Scenario); err != nil {
			return nil, err
		}
	}
	g, err := o.start(notes, save, saveFile)
	if err != nil {
		return nil, err
	}
	out, savePath := o.PlaceFiles(g.Config())
	g.SetSaveName(play.SaveName(g.Config().Name, savePath))
	return &Started{Game: g, Out: out, Save: savePath}, nil
}

// start is Start without the placing of the files.
func (o Game) start(notes io.Writer, save *play.Save, saveFile string) (*play.Game, error) {
	arg, seed, agent, fromSave := o.resume(notes, save, saveFile)
	sets, err := savedSets(save, saveFile, o.Sets)
	if err != nil {
		return nil, err
	}
	so := scenarios.Options{Limits: o.Limits.Scenario, Sets: sets}
	var (
		sc   *sim.Scenario
		data []byte
		name string
	)
	switch {
	case o.Data != nil:
		// Bytes from a browser are held to a file's limits (ParseWith
		// checks the size first).
		data, name = o.Data, arg
		sc, err = scenarios.ParseWith(arg, o.Data, so)
	case fromSave:
		sc, data, name, err = play.OpenSaved(saveFile, arg, so)
	default:
		sc, data, name, err = scenarios.OpenWith(arg, so)
	}
	if err != nil {
		return nil, ScenarioError(name, err)
	}
	digest := SHA256(data)
	if save != nil && save.SHA256 != "" && save.SHA256 != digest {
		fmt.Fprintf(notes, "sim: note: %s was changed since %s was played, so the game may not replay the same way\n", name, saveFile)
	}
	if agent == "" {
		agent = sc.Focal
	}
	agent = strings.ToUpper(agent)
	cfg := play.Config{Scenario: sc, Name: name, SHA256: digest, Seed: seed, Agent: agent, Overrides: Overrides(sets)}
	if save != nil {
		if cfg.Others, err = play.FixedMoves(sc, saveFile, save.Others); err != nil {
			return nil, PlayFailed(name, err)
		}
	}
	g, err := play.New(cfg)
	var fault *sim.FaultError
	if errors.As(err, &fault) {
		return nil, PlayFailed(name, err)
	}
	if err != nil {
		return nil, &AgentError{err}
	}
	if save != nil {
		if err := play.Replay(g, saveFile, save.Moves); err != nil {
			return nil, PlayFailed(name, err)
		}
		if n := g.Dropped(); n > 0 {
			fmt.Fprintf(notes, "sim: note: %d of the other states' moves in %s were not among their options when their turn came; those states did nothing then\n", n, saveFile)
		}
	}
	return g, nil
}

// resume takes the scenario, seed and state of a saved game unless the
// request names others, noting where they differ; fromSave reports that
// the scenario is the one the saved game names.
func (o Game) resume(notes io.Writer, save *play.Save, saveFile string) (scenario string, seed uint64, agent string, fromSave bool) {
	arg, seed, agent := o.Scenario, o.Seed, o.As
	if save != nil && !save.Plain {
		if arg == "" {
			arg, fromSave = save.Scenario, true
		}
		if !o.SeedGiven {
			seed = save.Seed
		} else if seed != save.Seed {
			fmt.Fprintf(notes, "sim: note: %s was played with seed %d; using --seed %d instead\n", saveFile, save.Seed, seed)
		}
		if agent == "" {
			agent = save.Agent
		} else if save.Agent != "" && agent != save.Agent {
			fmt.Fprintf(notes, "sim: note: %s was played as %s; playing as %s instead\n", saveFile, save.Agent, agent)
		}
	}
	if arg == "" {
		arg = scenarios.Default
	}
	return arg, seed, agent, fromSave
}

// savedSets are a saved game's overrides followed by those given now,
// which apply after them; the game goes on with both.
func savedSets(save *play.Save, saveFile string, given []scenarios.Set) ([]scenarios.Set, error) {
	var sets []scenarios.Set
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

// PlaceFiles returns the debrief's folder and the saved game's file,
// filling in those not given: a replay's debrief goes into a folder
// named after the moves file, other games' into out/play-SCENARIO-ID,
// and a loaded game is saved where it was.
func (o Game) PlaceFiles(cfg play.Config) (out, save string) {
	out, save = o.Out, o.Save
	if out == "" {
		out = filepath.Join("out", "play-"+play.FolderName(cfg.Scenario.Name)+"-"+cfg.Agent)
		if o.Moves != "" {
			base := filepath.Base(o.Moves)
			out = filepath.Join("out", strings.TrimSuffix(base, filepath.Ext(base)))
		}
	}
	if save == "" {
		save = filepath.Join(out, "game.toml")
		if o.Load != "" {
			save = o.Load
		}
	}
	return out, save
}

// Debrief works out the debrief of a finished game, the model playing
// the player's state runs times, and then saves the game in s.Save,
// unless it is "". A cancelled ctx returns an error Interrupted
// recognises and saves nothing.
func (s *Started) Debrief(ctx context.Context, runs int) (*play.Debrief, error) {
	d, err := play.NewDebrief(s.Game, play.DebriefOptions{Runs: runs, Context: ctx})
	if Interrupted(err) {
		return nil, err
	}
	if err != nil {
		return nil, fmt.Errorf("could not work out the debrief, so nothing was saved: %w", PlayFailed(s.Game.Config().Name, err))
	}
	if s.Save != "" {
		if err := play.WriteSave(s.Save, s.Game); err != nil {
			return nil, fmt.Errorf("could not save the game in %s: %w", s.Save, err)
		}
	}
	return d, nil
}

// WriteDebrief writes the debrief's pages and plot into s.Out and
// returns their paths: debrief.html, debrief.md and debrief.png.
func (s *Started) WriteDebrief(d *play.Debrief) ([]string, error) {
	files, err := d.WriteFiles(s.Out)
	if err != nil {
		return nil, fmt.Errorf("could not write the debrief into %s: %w", s.Out, err)
	}
	return files, nil
}

// PlayFailed explains a game the engine stopped with a numerical fault;
// other errors pass as they are.
func PlayFailed(name string, err error) error {
	var fe *sim.FaultError
	if errors.As(err, &fe) {
		return fmt.Errorf("%s: %v (the scenario passed every check, so this is a bug in the model; please report it with the scenario and the moves); the game cannot go on, and its debrief was not written", name, err)
	}
	return err
}

// WriteSaved tells the player where the debrief (files, as WriteDebrief
// returned them) and the game went, and how to replay the game.
func (s *Started) WriteSaved(w io.Writer, files []string) {
	fmt.Fprintf(w, "\nSaved:\n  %s   the debrief with its plot: open it in a web browser\n", files[0])
	fmt.Fprintf(w, "  %s     the same as Markdown, with %s\n", files[1], filepath.Base(files[2]))
	fmt.Fprintf(w, "  %s       your moves; replay with: sim play --moves %s\n", s.Save, s.Save)
}
