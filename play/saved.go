package play

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"caspian/scenarios"
	"caspian/sim"
)

// OpenSaved opens the scenario that the game saved in saveFile names as
// ref: a scenario file in the saved game's folder (or below it) if there
// is one, else a built-in scenario (scenarios.OpenBeside). A name that is
// an absolute path, leads out of the folder or is a link to a file
// outside it is refused: a game sent by someone else must not make sim
// read other files. The errors say how to name the scenario instead.
func OpenSaved(saveFile, ref string, o scenarios.Options) (*sim.Scenario, []byte, string, error) {
	dir := filepath.Dir(saveFile)
	sc, data, name, err := scenarios.OpenBeside(dir, ref, o)
	var refused *scenarios.RefusedError
	var missing *scenarios.MissingError
	switch {
	case errors.As(err, &refused):
		return nil, nil, ref, fmt.Errorf("%s: its scenario %v; or name the scenario on the command line: sim play SCENARIO --moves %s", saveFile, err, saveFile)
	case errors.As(err, &missing):
		return nil, nil, ref, fmt.Errorf("%s names the scenario %q, which is neither a file in its folder (%s) nor a built-in scenario; name the scenario on the command line: sim play SCENARIO --moves %s",
			saveFile, ref, dir, saveFile)
	}
	return sc, data, name, err
}

// SaveName is how a game saved at savePath names its scenario, given as
// name (a built-in name or a file path as typed): a file by its path
// relative to the saved game's folder when it lies inside it, so that the
// two can be handed on together and OpenSaved finds it; otherwise as
// given (loading it then needs the scenario on the command line).
func SaveName(name, savePath string) string {
	if scenarios.IsBuiltin(name) {
		if _, err := os.Stat(name); err != nil {
			return name
		}
	}
	abs, err1 := filepath.Abs(name)
	dir, err2 := filepath.Abs(filepath.Dir(savePath))
	if err1 != nil || err2 != nil {
		return name
	}
	rel, err := filepath.Rel(dir, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return name
	}
	return filepath.ToSlash(rel)
}

// FolderName keeps a scenario name usable as part of a folder name: a
// name from inside a file must not add folders or climb out of one.
func FolderName(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || r == ' ' || r == ':' {
			return '-'
		}
		return r
	}, s)
	if s == "" || s == "." || s == ".." {
		return "scenario"
	}
	return s
}
