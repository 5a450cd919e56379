package jobs

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"caspian/schema"
)

// Starter is the job of writing a commented starter scenario for a user
// to build their own on, with the JSON Schema beside it so that editors
// check the file as it is typed: what 'sim new' does. Like 'sim show',
// it hands the user a scenario file to edit.
type Starter struct {
	// Path is the file to write, ending in .toml; Name the scenario's
	// name in it.
	Path, Name string
	// Text is the starter scenario, with {{NAME}} and {{FILE}} where
	// its name and file go.
	Text string
	// SchemaFile is the name the schema gets in Path's folder; the
	// starter's first line names it.
	SchemaFile string
}

// NewStarter is the starter scenario text that arg asks for: the file
// arg, with .toml added if missing, and the scenario named after the
// file. ok is false for a file name that cannot name a scenario (empty,
// or with a quote or backslash, which would break the TOML it goes in).
func NewStarter(arg, text, schemaFile string) (s Starter, ok bool) {
	path := arg
	if !strings.HasSuffix(path, ".toml") {
		path += ".toml"
	}
	name := strings.TrimSuffix(filepath.Base(path), ".toml")
	if name == "" || strings.ContainsAny(name, `"\`) {
		return Starter{}, false
	}
	return Starter{Path: path, Name: name, Text: text, SchemaFile: schemaFile}, true
}

// Write writes the scenario and, if the folder has none, the schema,
// telling w what it wrote and what to do next. It never replaces a
// file: someone's scenario is worth more than a starter.
func (s Starter) Write(w io.Writer) error {
	text := strings.NewReplacer("{{NAME}}", s.Name, "{{FILE}}", s.Path).Replace(s.Text)
	if err := writeNew(s.Path, []byte(text)); err != nil {
		return err
	}
	fmt.Fprintf(w, "Wrote %s, a starter scenario.\n", s.Path)
	sp := filepath.Join(filepath.Dir(s.Path), s.SchemaFile)
	if _, err := os.Stat(sp); errors.Is(err, fs.ErrNotExist) {
		data, err := schema.JSON()
		if err != nil {
			return err
		}
		if err := writeNew(sp, data); err != nil {
			return err
		}
		fmt.Fprintf(w, "Wrote %s, so that editors check the file as you type.\n", sp)
	}
	fmt.Fprintf(w, "Next: edit it, then 'sim check %s', 'sim run %s' or 'sim play %s'.\n", s.Path, s.Path, s.Path)
	return nil
}

// writeNew creates path with data, refusing to replace a file.
func writeNew(path string, data []byte) error {
	if dir := filepath.Dir(path); dir != "." {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("cannot write %s: %w", path, err)
		}
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s already exists; choose another name (sim new never overwrites a file)", path)
	}
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	return nil
}
