package scenarios

import (
	"bytes"
	"encoding"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"caspian/sim"

	"github.com/BurntSushi/toml"
)

// Set is one override of a scenario value, as typed after --set:
// "agents.AZE.weights.security=0.6".
//
// The path is the value's TOML key path. An [[agents]], [[routes]],
// [[conflicts]], [[institutions]], [[agreements]] or [[patterns]] entry is named by its
// id ("agents.AZE", "routes.btc"); any list entry may also be named by
// its place, counted from 1 as in error messages ("events[3].date"), or
// in brackets by its id, agent, label or pair, as exercise files name
// them ("agents[AZE]", "patrons[RUS]", "events[Crimea annexed]",
// "culture[AZE,RUS]").
// Tables such as model, actions.<kind>, calendar, axis and prices are
// written as they are in the file; a key the file leaves out may be set
// too, and then overrides the default.
//
// The value is written as in TOML (0.6, true, ["RUS", "IRN"],
// { oil = 0.3 }); for text and dates the quotes may be left out
// (calendar.end=2010, focal=GEO).
type Set struct {
	Path  string
	Value string
	// Remove, instead of setting a value, deletes the list entry Path
	// names ("events[Crimea annexed]"), as an exercise's variant may. The
	// later entries of that list move up one place, and messages about
	// them are placed on the lines of the entries they moved to.
	Remove bool
	// File and Line say where an override read from an overlay file was
	// written, for messages; they are empty for one typed after --set.
	File string
	Line int
	// Origin, if set, is how messages name an override that is neither
	// typed after --set nor read from an overlay ("set agents.AZE.ideal"
	// in an exercise's variant).
	Origin string
}

// problem is an Error about the override, placed where it was written:
// on its line of an overlay file, or named as it was given.
func (s Set) problem(problem, hint string) *Error {
	switch {
	case s.File != "":
		return &Error{File: s.File, Line: s.Line, Field: s.Path, Problem: problem, Hint: hint, typed: true}
	case s.Origin != "":
		return &Error{Field: s.Origin, Problem: problem, Hint: hint, typed: true}
	}
	return &Error{Field: "--set " + s.String(), Problem: problem, Hint: hint, typed: true}
}

// ParseSet reads "path=value".
func ParseSet(s string) (Set, error) {
	path, value, ok := strings.Cut(s, "=")
	path, value = strings.TrimSpace(path), strings.TrimSpace(value)
	switch {
	case !ok:
		return Set{}, fmt.Errorf("%q: want path=value, e.g. agents.AZE.weights.security=0.6", s)
	case path == "":
		return Set{}, fmt.Errorf("%q: the path before = is empty", s)
	case value == "":
		return Set{}, fmt.Errorf("%q: the value after = is empty", s)
	}
	return Set{Path: path, Value: value}, nil
}

// String writes the override as typed: path=value.
func (s Set) String() string {
	if s.Remove {
		return "remove " + s.Path
	}
	return s.Path + "=" + s.Value
}

// idLists are the lists whose entries are named by their id.
var idLists = map[string]string{
	"agents": "agent", "routes": "route", "conflicts": "conflict",
	"institutions": "institution", "agreements": "agreement", "patterns": "pattern",
}

// applied is an override that found its place: the canonical field path
// ("agents[1].weights.security") that error messages use.
type applied struct {
	set   Set
	field string
}

// applySets writes every override into the parsed tree. Problems that
// keep an override from finding its place are returned as errors named
// after the override.
func applySets(tree map[string]any, sets []Set) ([]applied, ErrorList) {
	var done []applied
	var errs ErrorList
	for _, s := range sets {
		field, err := applySet(tree, s)
		if err != nil {
			errs = append(errs, s.problem(err.problem, err.hint))
			continue
		}
		if !s.Remove {
			// A removal leaves nothing behind to find problems in.
			done = append(done, applied{s, field})
		}
	}
	return done, errs
}

type setError struct{ problem, hint string }

// segment is one step of a path: a key, maybe with a 1-based index or a
// selector naming a list entry by its id, agent, label or pair.
type segment struct {
	key   string
	index int    // 0: none
	sel   string // "": none
}

// splitPath splits a path at its dots, outside brackets: a selector may
// hold dots and spaces ("events[Crimea annexed].date").
func splitPath(path string) ([]segment, *setError) {
	var parts []string
	depth, start := 0, 0
	for i, r := range path {
		switch {
		case r == '[':
			depth++
		case r == ']' && depth > 0:
			depth--
		case r == '.' && depth == 0:
			parts = append(parts, path[start:i])
			start = i + 1
		}
	}
	parts = append(parts, path[start:])
	var segs []segment
	for _, part := range parts {
		seg := segment{key: part}
		if i := strings.IndexByte(part, '['); i >= 0 && strings.HasSuffix(part, "]") {
			inner := part[i+1 : len(part)-1]
			seg = segment{key: part[:i]}
			if n, err := strconv.Atoi(inner); err == nil {
				if n < 1 {
					return nil, &setError{"bad index in " + quote(part), "lists count from 1, e.g. events[3].date"}
				}
				seg.index = n
			} else if strings.TrimSpace(inner) == "" {
				return nil, &setError{"empty [] in " + quote(part), "name an entry by its place, id, agent or label, e.g. agents[AZE]"}
			} else {
				seg.sel = inner
			}
		}
		if seg.key == "" {
			return nil, &setError{"empty key in the path " + quote(path), "keys are separated by single dots, e.g. model.temperature"}
		}
		segs = append(segs, seg)
	}
	return segs, nil
}

// applySet walks the tree along s.Path, alongside the Go type the
// decoder will fill, and sets the value at its end.
func applySet(tree map[string]any, s Set) (string, *setError) {
	segs, perr := splitPath(s.Path)
	if perr != nil {
		return "", perr
	}
	table := tree
	t := reflect.TypeFor[sim.Scenario]()
	field := ""
	// created is the path of the first table the override had to add, if
	// any: problems found there or below are the override's.
	created := ""
	done := func() (string, *setError) {
		if created != "" {
			return created, nil
		}
		return field, nil
	}
	for i := 0; i < len(segs); i++ {
		seg := segs[i]
		last := i == len(segs)-1
		var ft reflect.Type // the Go type of the key, nil when unknown
		if t != nil && t.Kind() == reflect.Struct {
			if f, ok := tomlFields(t).find(seg.key); ok {
				ft = f.Type
			}
		}
		field = joinPath(field, seg.key)
		if ft != nil && ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct {
			// A list of tables: the next step picks an entry.
			list, _ := table[seg.key].([]map[string]any)
			if raw, ok := table[seg.key].([]any); ok {
				for _, x := range raw {
					if m, ok := x.(map[string]any); ok {
						list = append(list, m)
					}
				}
			}
			if last && seg.index == 0 && seg.sel == "" {
				if s.Remove {
					return "", &setError{"names the whole " + seg.key + " list", "remove one entry, e.g. events[Crimea annexed]"}
				}
				v, err := parseValue(s.Value, ft)
				if err != nil {
					return "", err
				}
				table[seg.key] = v
				return done()
			}
			n, err := pickEntry(list, seg, segs, &i)
			if err != nil {
				return "", err
			}
			field = indexPath(field, n)
			if i == len(segs)-1 {
				if s.Remove {
					table[seg.key] = slices.Delete(slices.Clone(list), n-1, n)
					return field, nil
				}
				return "", &setError{"names a whole " + seg.key + " entry, not a value in it",
					"add the key to set, e.g. " + s.Path + ".name"}
			}

			table = list[n-1]
			t = ft.Elem()
			continue
		}
		if seg.index > 0 || seg.sel != "" {
			return "", &setError{seg.key + " is not a list of tables", "leave out the brackets"}
		}
		if last {
			if s.Remove {
				return "", &setError{"is not a list entry", "remove names an entry of a list, e.g. events[Crimea annexed]"}
			}
			v, err := parseValue(s.Value, ft)
			if err != nil {
				return "", err
			}
			table[seg.key] = v
			return done()
		}
		next, exists := table[seg.key]
		switch m := next.(type) {
		case map[string]any:
			table = m
		case nil:
			if exists {
				return "", &setError{field + " is not a table", ""}
			}
			fresh := map[string]any{}
			if created == "" {
				created = field
			}
			table[seg.key] = fresh
			table = fresh
		default:
			return "", &setError{field + " is " + describe(next) + ", not a table", "the path goes no deeper than " + field}
		}
		t = ft
		if t != nil && t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
	}
	return done()
}

// pickEntry finds the list entry seg names, by its [n] or, for the lists
// of idLists, by the id in the next segment (advancing *i past it). It
// returns the entry's 1-based place.
func pickEntry(list []map[string]any, seg segment, segs []segment, i *int) (int, *setError) {
	if seg.index > 0 {
		if seg.index > len(list) {
			return 0, &setError{fmt.Sprintf("there is no %s[%d]: the file has %d", seg.key, seg.index, len(list)), ""}
		}
		return seg.index, nil
	}
	if seg.sel != "" {
		return selectEntry(list, seg)
	}
	what, byID := idLists[seg.key]
	if !byID {
		return 0, &setError{seg.key + " is a list", fmt.Sprintf("name an entry by its place, e.g. %s[1]", seg.key)}
	}
	if *i+1 >= len(segs) {
		return 0, &setError{"names the whole " + seg.key + " list", fmt.Sprintf("name one %s by its id, e.g. %s.ID.key", what, seg.key)}
	}
	*i++
	id := segs[*i].key
	var ids []string
	for n, m := range list {
		v, _ := m["id"].(string)
		if v == id {
			return n + 1, nil
		}
		ids = append(ids, v)
	}
	return 0, &setError{fmt.Sprintf("no %s %s", what, quote(id)), didYouMean(id, ids, what+" ids")}
}

// selectEntry finds the entry of list that seg's selector names: by its
// id, its agent (a patron or broker), its label (an event), or, for a
// pair "A,B", its a and b in either order (a culture or relation).
func selectEntry(list []map[string]any, seg segment) (int, *setError) {
	sel := strings.TrimSpace(seg.sel)
	a, b, pair := strings.Cut(sel, ",")
	a, b = strings.TrimSpace(a), strings.TrimSpace(b)
	var names []string
	for n, m := range list {
		str := func(k string) string { v, _ := m[k].(string); return v }
		switch {
		case pair && ((str("a") == a && str("b") == b) || (str("a") == b && str("b") == a)):
			return n + 1, nil
		case !pair && (str("id") == sel || str("agent") == sel || str("label") == sel):
			return n + 1, nil
		}
		for _, k := range []string{"id", "agent", "label"} {
			if v := str(k); v != "" {
				names = append(names, v)
				break
			}
		}
	}
	return 0, &setError{fmt.Sprintf("no %s entry %s", seg.key, quote(sel)), didYouMean(sel, names, "entries")}
}

// parseValue reads a value as TOML. Where the key takes text or a date a
// bare word is taken as written, so quotes can be left out on the
// command line.
func parseValue(s string, t reflect.Type) (any, *setError) {
	if t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	textual := t != nil && (t.Kind() == reflect.String ||
		(t != reflect.TypeFor[sim.Series]() && reflect.PointerTo(t).Implements(reflect.TypeFor[encoding.TextUnmarshaler]())))
	var doc map[string]any
	if _, err := toml.Decode("v = "+s, &doc); err == nil {
		v := doc["v"]
		if _, isText := v.(string); textual && !isText {
			return s, nil
		}
		return v, nil
	}
	if textual {
		return s, nil
	}
	if t == nil || t.Kind() != reflect.String {
		return nil, &setError{"cannot read the value " + quote(s),
			`write it as in the file: a number (0.6), true or false, a list (["RUS", "IRN"]) or text in quotes`}
	}
	return s, nil
}

// encodeTree writes the tree back as TOML text for the decoder.
func encodeTree(tree map[string]any) (string, error) {
	var buf bytes.Buffer
	if err := toml.NewEncoder(&buf).Encode(tree); err != nil {
		return "", err
	}
	return buf.String(), nil
}

// within reports whether path is field or a part of it.
func within(path, field string) bool {
	return path == field || strings.HasPrefix(path, field+".") || strings.HasPrefix(path, field+"[")
}

// relabel names the override behind every problem found at the place an
// override set, so that "agents[1].weights.security: must be between 0
// and 1" reads "--set agents.AZE.weights.security=2: must be ...".
func relabel(err error, sets []applied) error {
	list, ok := err.(ErrorList)
	if !ok || len(sets) == 0 {
		return err
	}
	for _, e := range list {
		if e == nil {
			continue
		}
		for k := len(sets) - 1; k >= 0; k-- {
			a := sets[k]
			if within(e.Field, a.field) || (e.at != "" && within(e.at, a.field)) {
				p := a.set.problem("", "")
				e.File, e.Line, e.Col, e.Field, e.typed = p.File, p.Line, 0, p.Field, true
				break
			}
		}
	}
	return list
}
