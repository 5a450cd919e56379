package scenarios

import (
	"sort"
	"strconv"
	"strings"
)

// Error is one problem found in a scenario file. Its message points at the
// place to fix: the file, the line (and column where the TOML parser knows
// it), the field path as users type it ("agents.AZE.weights.security") and, where one can be
// given, a hint on how to fix it.
type Error struct {
	File    string
	Line    int // 1-based; 0 when the problem has no single line
	Col     int // 1-based, in characters; 0 when unknown
	Field   string
	Problem string
	Hint    string
	// at is the path of the part of Field the problem is placed on (one
	// year of a yearly series), if narrower than Field.
	at string
	// typed is set when Field is a path as the user typed it (an
	// override), to be shown as it is.
	typed bool
}

// Error formats the problem as "FILE:LINE:COL: field.path: problem (hint)",
// leaving out the parts that are unknown. Without a file name the place
// reads "line LINE:COL".
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		if e.File == "" {
			b.WriteString("line ")
		} else {
			b.WriteString(":")
		}
		b.WriteString(strconv.Itoa(e.Line))
		if e.Col > 0 {
			b.WriteString(":" + strconv.Itoa(e.Col))
		}
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	if e.Field != "" {
		b.WriteString(e.Field + ": ")
	}
	b.WriteString(e.Problem)
	if e.Hint != "" {
		b.WriteString(" (" + e.Hint + ")")
	}
	return b.String()
}

// ErrorList is every problem found in one file, so that a user can fix them
// all in one pass instead of one per run.
type ErrorList []*Error

// Error lists the messages one per line, in file order.
func (l ErrorList) Error() string {
	sorted := l.sorted()
	msgs := make([]string, 0, len(sorted))
	for _, e := range sorted {
		if e != nil {
			msgs = append(msgs, e.Error())
		}
	}
	return strings.Join(msgs, "\n")
}

// Unwrap exposes the individual errors to errors.Is and errors.As.
func (l ErrorList) Unwrap() []error {
	errs := make([]error, 0, len(l))
	for _, e := range l {
		if e != nil {
			errs = append(errs, e)
		}
	}
	return errs
}

// sorted returns a copy ordered by line and column; problems found on the
// same spot keep the order in which they were found.
func (l ErrorList) sorted() ErrorList {
	out := make(ErrorList, 0, len(l))
	for _, e := range l {
		if e != nil {
			out = append(out, e)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Line != out[j].Line {
			return out[i].Line < out[j].Line
		}
		return out[i].Col < out[j].Col
	})
	return out
}

// report collects the problems of one file and places each on a line.
type report struct {
	file  string
	lines LineIndex
	errs  ErrorList
}

// add records a problem with the field at path, located through the line
// index.
func (r *report) add(path, problem, hint string) {
	r.addAt(path, path, problem, hint)
}

// addAt records a problem with the field at path, placed on the line of
// at, a part of it (one year of a yearly series).
func (r *report) addAt(at, path, problem, hint string) {
	e := &Error{
		File:    r.file,
		Line:    r.lines.Line(at),
		Field:   path,
		Problem: problem,
		Hint:    hint,
	}
	if at != path {
		e.at = at
	}
	r.errs = append(r.errs, e)
}

// err returns the collected problems in file order, or nil if there are none.
func (r *report) err() error {
	if len(r.errs) == 0 {
		return nil
	}
	return r.errs.sorted()
}
