package scenarios

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// prescan reads a file's text once, before the TOML parser sees it, and
// refuses what would make the parser slow or large: lists and tables
// nested deeper than l.Depth (the parser's time grows much faster than
// the nesting), keys of more than l.Depth dotted parts, and more
// [[name]] tables of a limited list than its limit. It understands just
// enough TOML to skip strings and comments; anything it does not
// understand is left for the parser to report. It takes time in
// proportion to the text and keeps no more than l.Depth levels.
func prescan(file, text string, l Limits) *Error {
	p := &prescanner{file: file, text: text, line: 1, lim: l, counts: map[string]int{}, first: map[string]int{}}
	if err := p.document(); err != nil {
		return err
	}
	// The lists are reported in the order of the limit table, so the
	// message does not depend on map order.
	for _, x := range l.lists() {
		if n := p.counts[x.name]; n > x.limit {
			problem, hint := overLimit(x.name, x.name, n, x.limit)
			return &Error{File: file, Line: p.first[x.name], Field: x.name, Problem: problem, Hint: hint}
		}
	}
	return nil
}

// PreScan checks TOML text against the limits on size and nesting
// before it is parsed, as ParseWith does for scenario files; other TOML
// files the program reads from strangers (exercises, saved games) go
// through it too. It returns nil or an *Error placed on its line.
func PreScan(file, text string, l Limits) error {
	l = l.withDefaults()
	if n := int64(len(text)); n > l.Bytes {
		return TooLarge(file, n, l.Bytes)
	}
	if err := prescan(file, text, l); err != nil {
		return err
	}
	return nil
}

type prescanner struct {
	file string
	text string
	pos  int
	line int
	// lineStart is the offset of the current line, for columns.
	lineStart int
	lim       Limits
	// counts is the number of [[name]] headers of each top-level list,
	// first the line of the first one over its limit.
	counts map[string]int
	first  map[string]int
	// stack holds the open '[' and '{' of the value being read.
	stack []byte
	// inTable is set once a [table] header has been read: keys after it
	// are not top-level.
	inTable bool
}

func (p *prescanner) eof() bool { return p.pos >= len(p.text) }

func (p *prescanner) peek() byte {
	if p.eof() {
		return 0
	}
	return p.text[p.pos]
}

func (p *prescanner) at(s string) bool { return strings.HasPrefix(p.text[p.pos:], s) }

// next consumes one byte, counting lines.
func (p *prescanner) next() {
	if p.eof() {
		return
	}
	if p.text[p.pos] == '\n' {
		p.line++
		p.lineStart = p.pos + 1
	}
	p.pos++
}

// col is the 1-based column, in characters, of the current byte.
func (p *prescanner) col() int {
	end := min(p.pos, len(p.text))
	return utf8.RuneCountInString(p.text[p.lineStart:end]) + 1
}

func (p *prescanner) errorf(hint, format string, a ...any) *Error {
	return &Error{File: p.file, Line: p.line, Col: p.col(), Problem: fmt.Sprintf(format, a...), Hint: hint}
}

// document reads statements until the end of the text.
func (p *prescanner) document() *Error {
	for !p.eof() {
		switch c := p.peek(); c {
		case ' ', '\t', '\r', '\n':
			p.next()
		case '#':
			p.skipComment()
		case '[':
			if err := p.header(); err != nil {
				return err
			}
		default:
			if err := p.keyValue(); err != nil {
				return err
			}
		}
	}
	return nil
}

func (p *prescanner) skipComment() {
	for !p.eof() && p.peek() != '\n' {
		p.next()
	}
}

// header reads [a.b] or [[a.b]], counting the [[name]] tables of the
// top-level lists.
func (p *prescanner) header() *Error {
	line := p.line
	array := p.at("[[")
	p.inTable = true
	p.next()
	if array {
		p.next()
	}
	parts, name, err := p.key("]")
	if err != nil {
		return err
	}
	if array && parts == 1 {
		p.count(unquote(name), line)
	}
	p.skipComment() // the rest of the line: ']' or ']]', a comment
	return nil
}

// count counts one table of the top-level list name, found on line.
func (p *prescanner) count(name string, line int) {
	if limit := p.lim.listLimit(name); limit > 0 {
		p.counts[name]++
		if p.counts[name] == limit+1 {
			p.first[name] = line
		}
	}
}

// unquote takes the quotes off a key.
func unquote(key string) string {
	key = strings.TrimSpace(key)
	if n, err := strconv.Unquote(key); err == nil {
		return n
	}
	if len(key) >= 2 && key[0] == '\'' && key[len(key)-1] == '\'' {
		return key[1 : len(key)-1]
	}
	return key
}

// keyValue reads key = value.
func (p *prescanner) keyValue() *Error {
	parts, key, err := p.key("=")
	if err != nil {
		return err
	}
	if p.peek() != '=' {
		p.skipComment() // not a key = value line: the parser will say so
		return nil
	}
	p.next()
	list := ""
	if !p.inTable && parts == 1 {
		list = unquote(key) // a top-level list written inline is counted too
	}
	return p.value(list)
}

// key reads a possibly dotted, possibly quoted key up to stop (not
// consumed) or the end of the line, and returns the number of its parts
// and its text.
func (p *prescanner) key(stop string) (int, string, *Error) {
	start := p.pos
	parts := 1
	for !p.eof() && p.peek() != '\n' && !p.at(stop) {
		switch p.peek() {
		case '"':
			p.basicString()
		case '\'':
			p.literalString()
		case '.':
			parts++
			if parts > p.lim.Depth {
				return 0, "", p.errorf(depthHint(p.lim.Depth),
					"a key of more than %d dotted parts", p.lim.Depth)
			}
			p.next()
		default:
			p.next()
		}
	}
	return parts, p.text[start:p.pos], nil
}

// value reads a value to the end of its line, or of the last line of a
// list or string that spans several. If list is not "", each table
// directly in the list counts as one of list's tables.
func (p *prescanner) value(list string) *Error {
	p.stack = p.stack[:0]
	keyPart := false // inside {...}, reading a key
	parts := 1
	for !p.eof() {
		c := p.peek()
		switch {
		case c == '\n' && len(p.stack) == 0:
			return nil
		case c == '#':
			p.skipComment()
		case c == '"':
			p.basicString()
		case c == '\'':
			p.literalString()
		case c == '[' || c == '{':
			if len(p.stack) >= p.lim.Depth {
				return p.errorf(depthHint(p.lim.Depth), "lists and tables are nested more than %d deep", p.lim.Depth)
			}
			p.stack = append(p.stack, c)
			keyPart, parts = c == '{', 1
			if list != "" && c == '{' && len(p.stack) == 2 && p.stack[0] == '[' {
				p.count(list, p.line)
			}
			p.next()
		case c == ']' || c == '}':
			if len(p.stack) > 0 {
				p.stack = p.stack[:len(p.stack)-1]
			}
			keyPart = false
			p.next()
		case c == ',':
			keyPart = len(p.stack) > 0 && p.stack[len(p.stack)-1] == '{'
			parts = 1
			p.next()
		case c == '=':
			keyPart = false
			p.next()
		case c == '.' && keyPart:
			parts++
			if parts > p.lim.Depth {
				return p.errorf(depthHint(p.lim.Depth), "a key of more than %d dotted parts", p.lim.Depth)
			}
			p.next()
		default:
			p.next()
		}
	}
	return nil
}

// basicString skips "..." or """...""", escapes included.
func (p *prescanner) basicString() {
	if p.at(`"""`) {
		p.pos += 3
		for !p.eof() && !p.at(`"""`) {
			if p.peek() == '\\' {
				p.next()
			}
			p.next()
		}
		for p.at(`"`) { // """ and up to two quotes of the string itself
			p.pos++
		}
		return
	}
	p.next()
	for !p.eof() && p.peek() != '"' && p.peek() != '\n' {
		if p.peek() == '\\' {
			p.next()
			if p.peek() == '\n' {
				return
			}
		}
		p.next()
	}
	if p.peek() == '"' {
		p.next()
	}
}

// literalString skips '...' or ”'...”'.
func (p *prescanner) literalString() {
	if p.at("'''") {
		p.pos += 3
		for !p.eof() && !p.at("'''") {
			p.next()
		}
		for p.at("'") {
			p.pos++
		}
		return
	}
	p.next()
	for !p.eof() && p.peek() != '\'' && p.peek() != '\n' {
		p.next()
	}
	if p.peek() == '\'' {
		p.next()
	}
}

func depthHint(limit int) string {
	return fmt.Sprintf("scenario files need at most 5 levels; if yours needs more, raise the limit with --limit depth=%d", 2*limit)
}
