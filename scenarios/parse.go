package scenarios

import (
	"errors"
	"reflect"
	"strings"

	"caspian/sim"

	"github.com/BurntSushi/toml"
)

// Parse decodes a scenario file and checks it. filename is only used in
// messages. On any problem it returns a nil scenario and an ErrorList that
// holds every problem found, each placed on its line.
//
// Keys the file does not name keep the model's defaults (sim.DefaultParams,
// sim.DefaultActions), so a file overrides only what it names.
//
// Each Set then overrides one value of the parsed file before anything is
// checked, so an overridden scenario is checked exactly like a file that
// says the same; problems with an override are named after it
// ("--set agents.AZX.weights.security=0.6: no agent "AZX" (did you mean
// "AZE"?)").
//
// Parse applies the DefaultLimits; ParseWith takes others.
func Parse(filename string, data []byte, sets ...Set) (*sim.Scenario, error) {
	return ParseWith(filename, data, Options{Sets: sets})
}

// Options change how a scenario is read.
type Options struct {
	// Limits bound what the file may hold; zero fields take their
	// defaults.
	Limits Limits
	// Sets override values of the file, as Parse describes.
	Sets []Set
}

// ParseWith is Parse with options: limits other than the defaults, and
// overrides.
func ParseWith(filename string, data []byte, o Options) (*sim.Scenario, error) {
	l := o.Limits.withDefaults()
	if n := int64(len(data)); n > l.Bytes {
		return nil, ErrorList{TooLarge(filename, n, l.Bytes)}
	}
	if err := prescan(filename, string(data), l); err != nil {
		return nil, ErrorList{err}
	}
	for _, s := range o.Sets {
		if s.Remove {
			continue
		}
		if err := prescan("", "v = "+s.Value, l); err != nil {
			return nil, ErrorList{s.problem(err.Problem, err.Hint)}
		}
	}
	return parse(filename, data, o.Sets, l)
}

func parse(filename string, data []byte, sets []Set, l Limits) (sc *sim.Scenario, err error) {
	text := string(data)
	// The text is parsed once; each top-level value is kept undecoded so
	// it can be inspected as a plain tree first and decoded after.
	var top map[string]toml.Primitive
	md, err := toml.Decode(text, &top)
	if err != nil {
		return nil, ErrorList{syntaxError(filename, text, err)}
	}
	r := &report{file: filename, lines: IndexLines(text)}
	tree := rawTree(&md, top)
	// Registered first so that it runs last, after relabel, on the tree
	// as the overrides left it.
	defer func() { err = nameFields(tree, err) }()
	if len(sets) > 0 {
		done, errs := applySets(tree, sets)
		if len(errs) > 0 {
			return nil, errs
		}
		defer func() { err = relabel(err, done) }()
		// The decoder reads TOML text, so the changed tree is written
		// back and read again; its paths, and so the file's line index,
		// are unchanged.
		changed, err := encodeTree(tree)
		if err != nil {
			return nil, ErrorList{{File: filename, Problem: "cannot apply --set: " + err.Error()}}
		}
		top = nil
		if md, err = toml.Decode(changed, &top); err != nil {
			return nil, ErrorList{{File: filename, Problem: "cannot apply --set: " + err.Error()}}
		}
		tree = rawTree(&md, top)
	}
	// The lists are counted before anything is checked or decoded, so a
	// file with a million [[events]] is refused at once. (prescan counted
	// the [[name]] tables; this also counts lists written inline and
	// lists an override set.)
	if countLists(r, tree, l) > 0 {
		return nil, r.err()
	}
	if checkShape(r, tree) > 0 {
		// A value of the wrong type stops the decoder, so report what the
		// walk found and go no further.
		return nil, r.err()
	}
	sc = &sim.Scenario{Model: sim.DefaultParams(), Actions: sim.DefaultActions()}
	if err := decodeInto(&md, top, sc); err != nil {
		// The decoder matches nested keys without regard to case, so a key
		// already reported as unknown ("ID" for "id") can make it fail; the
		// report then says all there is to fix.
		if len(r.errs) == 0 {
			r.errs = append(r.errs, decodeError(filename, r.lines, err))
		}
		return nil, r.err()
	}
	reportUndecoded(r, md.Undecoded())
	validate(r, sc, l)
	if err := r.err(); err != nil {
		return nil, err
	}
	if err := engineCheck(filename, sc); err != nil {
		return nil, err
	}
	return sc, nil
}

// engineCheck builds a world from sc, the engine's own last check.
func engineCheck(filename string, sc *sim.Scenario) error {
	if _, err := sim.New(sc, sim.Options{}); err != nil {
		return ErrorList{{
			File:    filename,
			Problem: "the simulation refused the scenario: " + strings.ReplaceAll(err.Error(), "\n", "; "),
			Hint:    "the file checks missed this problem; please report it together with the file",
		}}
	}
	return nil
}

// countLists reports every top-level list longer than its limit and
// returns how many there are.
func countLists(r *report, tree map[string]any, l Limits) int {
	n := 0
	for _, x := range l.lists() {
		var size int
		switch v := tree[x.name].(type) {
		case []map[string]any:
			size = len(v)
		case []any:
			size = len(v)
		}
		if size > x.limit {
			problem, hint := overLimit(x.name, x.name, size, x.limit)
			r.errs = append(r.errs, &Error{File: r.file, Line: r.lines.Line(indexPath(x.name, x.limit+1)),
				Field: x.name, Problem: problem, Hint: hint})
			n++
		}
	}
	return n
}

// Check runs the checks of Parse on a scenario built or changed in code
// rather than read from a file (an exercise's variants are made this
// way): the limits, the meaning of every value and the engine's own
// check. Its problems name fields but no lines; name is used in them
// as the file.
func Check(name string, sc *sim.Scenario, l Limits) error {
	l = l.withDefaults()
	r := &report{file: name, lines: LineIndex{}}
	for _, x := range l.lists() {
		if size := listLen(sc, x.name); size > x.limit {
			problem, hint := overLimit(x.name, x.name, size, x.limit)
			r.add(x.name, problem, hint)
		}
	}
	if err := r.err(); err != nil {
		return err
	}
	validate(r, sc, l)
	if err := r.err(); err != nil {
		return err
	}
	return engineCheck(name, sc)
}

// rawTree returns the parsed document as plain maps, lists and values.
func rawTree(md *toml.MetaData, top map[string]toml.Primitive) map[string]any {
	tree := make(map[string]any, len(top))
	for k, p := range top {
		var v any
		if err := md.PrimitiveDecode(p, &v); err == nil {
			tree[k] = v
		}
	}
	return tree
}

// decodeInto decodes each known top-level value into its field of sc,
// leaving fields the file does not name as they are. Unknown keys have
// been reported already and are skipped.
func decodeInto(md *toml.MetaData, top map[string]toml.Primitive, sc *sim.Scenario) error {
	rv := reflect.ValueOf(sc).Elem()
	for _, f := range tomlFields(rv.Type()) {
		p, ok := top[f.name]
		if !ok {
			continue
		}
		if err := md.PrimitiveDecode(p, rv.FieldByIndex(f.Index).Addr().Interface()); err != nil {
			return err
		}
	}
	return nil
}

// Load reads a scenario file and parses it, with the DefaultLimits.
func Load(path string) (*sim.Scenario, error) {
	data, err := ReadFile(path, DefaultLimits().Bytes)
	if err != nil {
		return nil, err
	}
	return Parse(path, data)
}

// decodeError places a decoder failure that the shape walk did not foresee.
// The decoder names the key it was at; the line index finds its line.
func decodeError(filename string, lines LineIndex, err error) *Error {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		e := &Error{File: filename, Line: pe.Position.Line, Col: pe.Position.Col,
			Field: pe.LastKey, Problem: pe.Message}
		if e.Line == 0 {
			e.Line = lines.Line(pe.LastKey)
		}
		return e
	}
	return &Error{File: filename, Problem: strings.TrimPrefix(err.Error(), "toml: ")}
}

// reportUndecoded reports keys the decoder skipped that the shape walk did
// not already report. The walk should catch them all; this keeps the
// decoder's own account as a second line of defence.
func reportUndecoded(r *report, keys []toml.Key) {
	reported := map[string]bool{}
	for _, e := range r.errs {
		reported[stripIndices(e.Field)] = true
	}
	for _, k := range keys {
		if len(k) == 0 {
			continue
		}
		path := k.String()
		covered := false
		for p := path; p != ""; p = parentPath(p) {
			if reported[p] {
				covered = true
				break
			}
		}
		if !covered {
			reported[path] = true
			r.add(path, "unknown key "+quote(k[len(k)-1]), "see docs/scenarios.md for the valid keys")
		}
	}
}
