package scenarios

import (
	"caspian/internal/suggest"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"
	"syscall"

	"caspian/sim"

	"github.com/BurntSushi/toml"
)

// Default is the scenario run when the user names none.
const Default = "azerbaijan-1991"

// shipped holds the scenario files built into the program, so that `sim`
// works without any file next to it.
//
//go:embed *.toml
var shipped embed.FS

// Entry is one embedded scenario.
type Entry struct {
	Name        string // file name without .toml: what the user types
	Title       string
	Description string
}

// List returns the embedded scenarios sorted by name. It reads only each
// file's title and description; use Open to check a scenario fully.
func List() ([]Entry, error) {
	names, err := embeddedNames()
	if err != nil {
		return nil, err
	}
	entries := make([]Entry, 0, len(names))
	for _, name := range names {
		data, err := shipped.ReadFile(name + ".toml")
		if err != nil {
			return nil, fmt.Errorf("built-in scenario %s: %w", name, err)
		}
		var head struct {
			Title       string `toml:"title"`
			Description string `toml:"description"`
		}
		if _, err := toml.Decode(string(data), &head); err != nil {
			return nil, ErrorList{syntaxError(name+".toml", string(data), err)}
		}
		entries = append(entries, Entry{Name: name, Title: head.Title, Description: head.Description})
	}
	return entries, nil
}

// Source returns an embedded scenario's text exactly as shipped. The name
// may be given with or without ".toml".
func Source(name string) ([]byte, error) {
	data, ok, err := embedded(name)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, unknownName(name)
	}
	return data, nil
}

// embedded reads a built-in scenario, reporting ok=false if there is none
// of that name.
func embedded(name string) ([]byte, bool, error) {
	file := strings.TrimSuffix(name, ".toml") + ".toml"
	if strings.Contains(file, "/") || !fs.ValidPath(file) {
		return nil, false, nil
	}
	data, err := shipped.ReadFile(file)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, false, nil
	case err != nil:
		return nil, false, fmt.Errorf("built-in scenario %s: %w", name, err)
	}
	return data, true, nil
}

// Open takes what a user typed: the path of an existing file, or else the
// name of an embedded scenario ("azerbaijan-1991"). It returns the
// scenario, the raw bytes (for the caller to hash) and the name to show:
// the file path as typed, or the embedded name. Any sets override values
// of the file as Parse describes. Open applies the DefaultLimits; OpenWith
// takes others.
func Open(arg string, sets ...Set) (*sim.Scenario, []byte, string, error) {
	return OpenWith(arg, Options{Sets: sets})
}

// OpenWith is Open with options. A file is read only if it is a regular
// file within the size limit, so a device, a pipe or a huge file is
// refused before anything is read.
func OpenWith(arg string, o Options) (*sim.Scenario, []byte, string, error) {
	l := o.Limits.withDefaults()
	info, err := os.Stat(arg)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, nil, arg, fmt.Errorf("cannot read scenario: %w", err)
	}
	if err == nil {
		if info.IsDir() {
			return nil, nil, arg, &Error{File: arg, Problem: "is a folder, not a scenario file",
				Hint: "name a .toml file in it, or a built-in scenario"}
		}
		data, err := ReadFile(arg, l.Bytes)
		if err != nil {
			return nil, nil, arg, err
		}
		sc, err := ParseWith(arg, data, o)
		if err != nil {
			return nil, nil, arg, err
		}
		return sc, data, arg, nil
	}
	data, ok, err := embedded(arg)
	if err != nil {
		return nil, nil, arg, err
	}
	if !ok {
		return nil, nil, arg, unknownName(arg)
	}
	name := strings.TrimSuffix(arg, ".toml")
	sc, err := ParseWith(name+".toml", data, o)
	if err != nil {
		return nil, nil, name, err
	}
	return sc, data, name, nil
}

// OpenBuiltin opens the built-in scenario called name, never a file.
// Files that name scenarios (exercises, saved games) use it for names
// that are not files in their own folder.
func OpenBuiltin(name string, o Options) (*sim.Scenario, []byte, string, error) {
	data, ok, err := embedded(name)
	if err != nil {
		return nil, nil, name, err
	}
	if !ok {
		return nil, nil, name, unknownName(name)
	}
	name = strings.TrimSuffix(name, ".toml")
	sc, err := ParseWith(name+".toml", data, o)
	if err != nil {
		return nil, nil, name, err
	}
	return sc, data, name, nil
}

// IsBuiltin reports whether name is a built-in scenario.
func IsBuiltin(name string) bool {
	_, ok, err := embedded(name)
	return ok && err == nil
}

// ReadFile reads the regular file at path if it holds at most limit
// bytes. A file over the limit is refused with an *Error saying how to
// raise it, before its contents are read; so is anything that is not a
// regular file (a folder, a device, a named pipe), which could otherwise
// be read for ever or block. Other files the program reads (exercises,
// saved games, sweep journals) are read through it too.
func ReadFile(path string, limit int64) ([]byte, error) {
	// Without O_NONBLOCK, opening a named pipe would wait for a writer.
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, readError(path, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, readError(path, err)
	}
	if !info.Mode().IsRegular() {
		return nil, &Error{File: path, Problem: "is not a regular file", Hint: "a device or a pipe could be read for ever; save what it holds in a file and name that"}
	}
	if info.Size() > limit {
		return nil, TooLarge(path, info.Size(), limit)
	}
	// The file may grow while it is read: read one byte more than the
	// limit to notice.
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, readError(path, err)
	}
	if int64(len(data)) > limit {
		return nil, TooLarge(path, int64(len(data)), limit)
	}
	return data, nil
}

// readError names the file that could not be read, once.
func readError(path string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("cannot read %s: %w", path, pe.Err)
	}
	return fmt.Errorf("cannot read %s: %w", path, err)
}

// embeddedNames lists the embedded scenario names, sorted.
func embeddedNames() ([]string, error) {
	files, err := fs.Glob(shipped, "*.toml")
	if err != nil {
		return nil, fmt.Errorf("listing built-in scenarios: %w", err)
	}
	names := make([]string, 0, len(files))
	for _, f := range files {
		names = append(names, strings.TrimSuffix(path.Base(f), ".toml"))
	}
	sort.Strings(names)
	return names, nil
}

// unknownName explains that name is neither a file nor a built-in
// scenario, listing the built-in ones and the likeliest intended.
func unknownName(name string) error {
	names, err := embeddedNames()
	if err != nil {
		return err
	}
	e := &Error{
		Problem: fmt.Sprintf("no scenario file or built-in scenario named %q", name),
		Hint:    "built-in scenarios: " + strings.Join(names, ", "),
	}
	if best, ok := suggest.Guess(strings.TrimSuffix(name, ".toml"), names); ok {
		e.Hint = "did you mean " + quote(best) + "? " + e.Hint
	}
	return e
}
