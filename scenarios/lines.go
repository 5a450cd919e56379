package scenarios

import (
	"strconv"
	"strings"
)

// lineIndex maps a field path such as "agents[2].weights.security" to the
// line where it is written. Array indices are 1-based, as a reader counts
// the [[agents]] tables in a file. The TOML decoder does not expose key
// positions, so the index is built by a small scanner of its own.
type lineIndex map[string]int

// line returns the line of path, or of the nearest enclosing table or key
// that is written in the file, or 0 if none is.
func (ix lineIndex) line(path string) int {
	for path != "" {
		if n, ok := ix[path]; ok {
			return n
		}
		path = parentPath(path)
	}
	return 0
}

// parentPath drops the last element of a path: "a[2].b" → "a[2]" → "a" → "".
func parentPath(path string) string {
	if strings.HasSuffix(path, "]") {
		if i := strings.LastIndexByte(path, '['); i >= 0 {
			return path[:i]
		}
	}
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		return path[:i]
	}
	return ""
}

// joinPath appends a key to a path.
func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// indexPath appends a 1-based array index to a path.
func indexPath(path string, i int) string {
	return path + "[" + strconv.Itoa(i) + "]"
}

// indexLines scans TOML text and records where each table, key and array
// element is written. It is lenient: it is only used on text the TOML
// parser has accepted, but it must not fail or loop on anything else.
func indexLines(text string) lineIndex {
	// A byte-order mark, which some Windows editors write, is not a key.
	text = strings.TrimPrefix(text, "\ufeff")
	s := &lineScanner{text: text, line: 1, ix: lineIndex{}, tables: map[string]int{}}
	s.document()
	return s.ix
}

// lineScanner walks the text once. Every loop in it consumes at least one
// byte per iteration or stops, so it always ends.
type lineScanner struct {
	text string
	pos  int
	line int
	ix   lineIndex
	// tables counts the [[name]] tables seen so far under each path, so a
	// later [name.sub] header can be resolved to the latest element.
	tables map[string]int
}

func (s *lineScanner) eof() bool { return s.pos >= len(s.text) }

func (s *lineScanner) peek() byte {
	if s.eof() {
		return 0
	}
	return s.text[s.pos]
}

func (s *lineScanner) hasPrefix(p string) bool { return strings.HasPrefix(s.text[s.pos:], p) }

// next consumes one byte, counting lines.
func (s *lineScanner) next() {
	if s.eof() {
		return
	}
	if s.text[s.pos] == '\n' {
		s.line++
	}
	s.pos++
}

// record notes the line of path unless an earlier line already has it.
func (s *lineScanner) record(path string, line int) {
	if _, ok := s.ix[path]; !ok && path != "" {
		s.ix[path] = line
	}
}

// skipSpace skips blanks and, if newlines is set, line breaks and comments.
func (s *lineScanner) skipSpace(newlines bool) {
	for !s.eof() {
		switch c := s.peek(); {
		case c == ' ' || c == '\t' || c == '\r':
			s.next()
		case newlines && c == '\n':
			s.next()
		case newlines && c == '#':
			s.skipLine()
		default:
			return
		}
	}
}

// skipLine consumes the rest of the line, not the line break.
func (s *lineScanner) skipLine() {
	for !s.eof() && s.peek() != '\n' {
		s.next()
	}
}

// document reads headers and key/value lines at the top level.
func (s *lineScanner) document() {
	table := ""
	for {
		s.skipSpace(true)
		if s.eof() {
			return
		}
		start := s.pos
		switch {
		case s.hasPrefix("[["):
			table = s.header(true)
		case s.peek() == '[':
			table = s.header(false)
		default:
			s.keyValue(table)
		}
		s.skipSpace(false)
		if s.peek() == '#' {
			s.skipLine()
		}
		if s.pos == start {
			// Nothing made sense here: drop the line and carry on.
			s.skipLine()
			if s.pos == start {
				s.next()
			}
		}
	}
}

// header reads a [table] or [[array]] header and returns its path.
func (s *lineScanner) header(array bool) string {
	line := s.line
	s.next()
	if array {
		s.next()
	}
	keys := s.key()
	s.skipSpace(false)
	for _, want := range []bool{true, array} {
		if want && s.peek() == ']' {
			s.next()
		}
	}
	path := ""
	for i, k := range keys {
		path = joinPath(path, k)
		last := i == len(keys)-1
		if last && array {
			s.tables[path]++
			path = indexPath(path, s.tables[path])
		} else if n, ok := s.tables[path]; ok {
			path = indexPath(path, n)
		}
		s.record(path, line)
	}
	return path
}

// keyValue reads "key = value" and records the key and what the value holds.
func (s *lineScanner) keyValue(table string) {
	line := s.line
	keys := s.key()
	if len(keys) == 0 {
		return
	}
	path := table
	for _, k := range keys {
		path = joinPath(path, k)
		s.record(path, line)
	}
	s.skipSpace(false)
	if s.peek() != '=' {
		return
	}
	s.next()
	s.skipSpace(false)
	s.value(path)
}

// key reads a possibly dotted, possibly quoted key.
func (s *lineScanner) key() []string {
	var keys []string
	for {
		s.skipSpace(false)
		k, ok := s.simpleKey()
		if !ok {
			return keys
		}
		keys = append(keys, k)
		s.skipSpace(false)
		if s.peek() != '.' {
			return keys
		}
		s.next()
	}
}

// simpleKey reads one bare or quoted key.
func (s *lineScanner) simpleKey() (string, bool) {
	switch s.peek() {
	case '"', '\'':
		start := s.pos
		s.skipString()
		raw := s.text[start:s.pos]
		if raw[0] == '"' {
			if k, err := strconv.Unquote(raw); err == nil {
				return k, true
			}
		}
		return strings.Trim(raw, `"'`), true
	}
	start := s.pos
	for !s.eof() && isBareKeyChar(s.peek()) {
		s.next()
	}
	return s.text[start:s.pos], s.pos > start
}

func isBareKeyChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// value reads one value, recording the elements of arrays and the keys of
// inline tables under path.
func (s *lineScanner) value(path string) {
	switch s.peek() {
	case '"', '\'':
		s.skipString()
	case '[':
		s.array(path)
	case '{':
		s.inlineTable(path)
	default:
		for !s.eof() && !strings.ContainsRune(",]}#\n", rune(s.peek())) {
			s.next()
		}
	}
}

// array reads [a, b, ...], recording path[1], path[2]...
func (s *lineScanner) array(path string) {
	s.next() // [
	for i := 1; ; i++ {
		s.skipSpace(true)
		if s.eof() {
			return
		}
		if s.peek() == ']' {
			s.next()
			return
		}
		start := s.pos
		elem := indexPath(path, i)
		s.record(elem, s.line)
		s.value(elem)
		s.skipSpace(true)
		if s.peek() == ',' {
			s.next()
		} else if s.pos == start {
			s.next() // not a value: step over it so the loop ends
		}
	}
}

// inlineTable reads { k = v, ... } (newlines allowed, as in TOML 1.1).
func (s *lineScanner) inlineTable(path string) {
	s.next() // {
	for {
		s.skipSpace(true)
		if s.eof() {
			return
		}
		if s.peek() == '}' {
			s.next()
			return
		}
		start := s.pos
		s.keyValue(path)
		s.skipSpace(true)
		if s.peek() == ',' {
			s.next()
		} else if s.pos == start {
			s.next()
		}
	}
}

// skipString consumes a basic, literal or multi-line string.
func (s *lineScanner) skipString() {
	q := s.peek()
	triple := strings.Repeat(string(q), 3)
	if s.hasPrefix(triple) {
		s.pos += 3
		for !s.eof() {
			if q == '"' && s.peek() == '\\' {
				s.next()
				s.next()
				continue
			}
			if s.hasPrefix(triple) {
				s.pos += 3
				// Up to two more quotes may belong to the content.
				for i := 0; i < 2 && s.peek() == q; i++ {
					s.next()
				}
				return
			}
			s.next()
		}
		return
	}
	s.next()
	for !s.eof() && s.peek() != '\n' {
		c := s.peek()
		s.next()
		if c == q {
			return
		}
		if q == '"' && c == '\\' && s.peek() != '\n' {
			s.next()
		}
	}
}
