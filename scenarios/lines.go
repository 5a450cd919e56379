package scenarios

import (
	"strconv"
	"strings"
)

// LineIndex maps a field path such as "agents[2].weights.security" to the
// line where it is written. Array indices are 1-based, as a reader counts
// the [[agents]] tables in a file. The TOML decoder does not expose key
// positions, so the index is built from the scanner's tokens.
type LineIndex map[string]int

// Line returns the line of path, or of the nearest enclosing table or key
// that is written in the file, or 0 if none is.
func (ix LineIndex) Line(path string) int {
	for path != "" {
		if n, ok := ix[path]; ok {
			return n
		}
		path = parentPath(path)
	}
	return 0
}

// First returns the first line on which the key of these parts is
// written, in any element of the lists on its way: the decoder names
// "variants.sett" where the index has "variants[2].sett". It returns 0 if
// the key is not written.
func (ix LineIndex) First(parts ...string) int {
	key := strings.Join(parts, ".")
	first := 0
	for path, line := range ix {
		if (first == 0 || line < first) && stripIndices(path) == key {
			first = line
		}
	}
	return first
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

// IndexLines reads TOML text and records where each table, key and
// array element is written. It is lenient: it is meant for text the TOML
// parser has accepted, but it does not fail or loop on anything else.
func IndexLines(text string) LineIndex {
	s := &lineScanner{scan: newScanner(text), ix: LineIndex{}, tables: map[string]int{}}
	s.advance()
	s.document()
	return s.ix
}

// lineScanner reads the tokens of a text as headers and key/value lines.
// Every loop in it consumes at least one token per iteration or stops,
// so it always ends.
type lineScanner struct {
	scan *scanner
	tok  token // the current token
	// read counts the tokens consumed, to tell whether a step made progress.
	read int
	ix   LineIndex
	// tables counts the [[name]] tables seen so far under each path, so a
	// later [name.sub] header can be resolved to the latest element.
	tables map[string]int
}

func (s *lineScanner) advance() {
	s.tok = s.scan.next()
	s.read++
}

func (s *lineScanner) is(k tokenKind) bool { return s.tok.kind == k }

// record notes the line of path unless an earlier line already has it.
func (s *lineScanner) record(path string, line int) {
	if _, ok := s.ix[path]; !ok && path != "" {
		s.ix[path] = line
	}
}

// skipLines skips line breaks and comments.
func (s *lineScanner) skipLines() {
	for s.is(tokNewline) || s.is(tokComment) {
		s.advance()
	}
}

// document reads headers and key/value lines at the top level.
func (s *lineScanner) document() {
	table := ""
	for {
		s.skipLines()
		if s.is(tokEOF) {
			return
		}
		start := s.read
		if s.is(tokLBracket) {
			table = s.header()
		} else {
			s.keyValue(table)
		}
		// Anything left on the line is a comment or makes no sense: drop
		// it, and at least one token, so that the loop ends.
		if s.read == start {
			s.advance()
		}
		for !s.is(tokNewline) && !s.is(tokEOF) {
			s.advance()
		}
	}
}

// header reads a [table] or [[array]] header and returns its path.
func (s *lineScanner) header() string {
	line := s.tok.line
	end := s.tok.end
	s.advance()
	array := s.is(tokLBracket) && s.tok.off == end
	if array {
		s.advance()
	}
	keys := s.key()
	for _, want := range []bool{true, array} {
		if want && s.is(tokRBracket) {
			s.advance()
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
	line := s.tok.line
	keys := s.key()
	if len(keys) == 0 {
		return
	}
	path := table
	for _, k := range keys {
		path = joinPath(path, k)
		s.record(path, line)
	}
	if !s.is(tokEquals) {
		return
	}
	s.advance()
	s.value(path)
}

// key reads a possibly dotted, possibly quoted key.
func (s *lineScanner) key() []string {
	var keys []string
	for {
		k, ok := s.simpleKey()
		if !ok {
			return keys
		}
		keys = append(keys, k)
		if !s.is(tokDot) {
			return keys
		}
		s.advance()
	}
}

// simpleKey reads one bare or quoted key.
func (s *lineScanner) simpleKey() (string, bool) {
	if !s.is(tokBare) && !s.is(tokString) {
		return "", false
	}
	raw := s.scan.text[s.tok.off:s.tok.end]
	s.advance()
	if raw[0] == '"' {
		if k, err := strconv.Unquote(raw); err == nil {
			return k, true
		}
	}
	return strings.Trim(raw, `"'`), true
}

// value reads one value, recording the elements of arrays and the keys of
// inline tables under path.
func (s *lineScanner) value(path string) {
	switch s.tok.kind {
	case tokString:
		s.advance()
	case tokLBracket:
		s.array(path)
	case tokLBrace:
		s.inlineTable(path)
	default:
		for !s.is(tokEOF) && !s.is(tokComma) && !s.is(tokRBracket) && !s.is(tokRBrace) && !s.is(tokComment) && !s.is(tokNewline) {
			s.advance()
		}
	}
}

// array reads [a, b, ...], recording path[1], path[2]...
func (s *lineScanner) array(path string) {
	s.advance() // [
	for i := 1; ; i++ {
		s.skipLines()
		if s.is(tokEOF) {
			return
		}
		if s.is(tokRBracket) {
			s.advance()
			return
		}
		start := s.read
		elem := indexPath(path, i)
		s.record(elem, s.tok.line)
		s.value(elem)
		s.skipLines()
		if s.is(tokComma) {
			s.advance()
		} else if s.read == start {
			s.advance() // not a value: step over it so the loop ends
		}
	}
}

// inlineTable reads { k = v, ... } (newlines allowed, as in TOML 1.1).
func (s *lineScanner) inlineTable(path string) {
	s.advance() // {
	for {
		s.skipLines()
		if s.is(tokEOF) {
			return
		}
		if s.is(tokRBrace) {
			s.advance()
			return
		}
		start := s.read
		s.keyValue(path)
		s.skipLines()
		if s.is(tokComma) {
			s.advance()
		} else if s.read == start {
			s.advance()
		}
	}
}
