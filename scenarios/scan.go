package scenarios

import (
	"strings"
	"unicode/utf8"
)

// The scanner below splits TOML text into tokens, each with its byte
// offset, line and column. It is the one place that knows where strings
// and comments begin and end; the pre-scan, the line index and the
// placing of syntax errors read its tokens and so agree with each other
// on what is text, what is a comment and what is structure.
//
// It does not check the text: the TOML parser does that. Whatever the
// bytes, it returns tokens in order, each starting after the one before,
// and consumes at least one byte per token, so it always ends and takes
// time in proportion to the text.
//
// go-toml's unstable parser gives positions too, but it would be a second
// parser with its own grammar and messages beside the decoder, and it
// helps neither before the parse, where the limits keep costly text from
// the decoder, nor on text it refuses, which is where placing matters.

// tokenKind is what a token is.
type tokenKind uint8

const (
	tokEOF     tokenKind = iota
	tokNewline           // a line break, '\n'
	tokComment           // '#' to the end of its line, the line break left out
	tokString            // a basic or literal string, on one line or several
	tokBare              // any other run of characters: a bare key, a number, a date, true...
	tokLBracket
	tokRBracket
	tokLBrace
	tokRBrace
	tokEquals
	tokComma
	tokDot
)

// token is one token of a TOML text.
type token struct {
	kind tokenKind
	// off and end are the byte offsets of the token's first byte and of
	// the byte just past it.
	off, end int
	// line and col are the 1-based line and column of its first byte; the
	// column counts characters, as editors do, and a byte that is not
	// UTF-8 as one character.
	line, col int
	// closed is set for a string that ends with its closing quotes.
	closed bool
}

// scanner hands out the tokens of a text one by one.
type scanner struct {
	text string
	pos  int
	line int
	// lineStart is the offset of the current line; colOff and col are an
	// offset on that line and its column, so that columns are counted
	// forward from the last token rather than from the start of the line.
	lineStart, colOff, col int
}

// newScanner starts at the beginning of text, after a byte-order mark,
// which the TOML parser skips and editors do not show.
func newScanner(text string) *scanner {
	bom := bomLen(text)
	return &scanner{text: text, pos: bom, line: 1, lineStart: bom, colOff: bom, col: 1}
}

// bomLen is the length of the byte-order mark at the start of text, the
// UTF-8 one or either UTF-16 one, which the TOML parser skips before it
// counts offsets.
func bomLen(text string) int {
	switch {
	case strings.HasPrefix(text, "\xef\xbb\xbf"):
		return 3
	case strings.HasPrefix(text, "\xff\xfe"), strings.HasPrefix(text, "\xfe\xff"):
		return 2
	}
	return 0
}

// punctuation maps the bytes that are tokens by themselves to their kind.
var punctuation = [256]tokenKind{
	'[': tokLBracket, ']': tokRBracket, '{': tokLBrace, '}': tokRBrace,
	'=': tokEquals, ',': tokComma, '.': tokDot,
}

// isBlank reports whether c separates tokens without being one.
func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\r' }

// endsBare holds the bytes that end a bare token.
var endsBare = func() (ends [256]bool) {
	for c := range ends {
		ends[c] = isBlank(byte(c)) || strings.IndexByte("\n#\"'", byte(c)) >= 0 || punctuation[c] != tokEOF
	}
	return ends
}()

// next returns the next token, or one of kind tokEOF at the end of the
// text.
func (s *scanner) next() token {
	for s.pos < len(s.text) && isBlank(s.text[s.pos]) {
		s.pos++
	}
	if s.colOff < s.lineStart {
		s.colOff, s.col = s.lineStart, 1
	}
	s.col += utf8.RuneCountInString(s.text[s.colOff:s.pos])
	s.colOff = s.pos
	t := token{off: s.pos, line: s.line, col: s.col}
	if s.pos >= len(s.text) {
		t.end = s.pos
		return t
	}
	switch c := s.text[s.pos]; {
	case c == '\n':
		t.kind = tokNewline
		s.pos++
		s.newLine()
	case c == '#':
		t.kind = tokComment
		if i := strings.IndexByte(s.text[s.pos:], '\n'); i >= 0 {
			s.pos += i
		} else {
			s.pos = len(s.text)
		}
	case c == '"' || c == '\'':
		t.kind = tokString
		t.closed = s.str(c)
	case punctuation[c] != tokEOF:
		t.kind = punctuation[c]
		s.pos++
	default:
		t.kind = tokBare
		for s.pos++; s.pos < len(s.text) && !endsBare[s.text[s.pos]]; s.pos++ {
		}
	}
	t.end = s.pos
	return t
}

// newLine notes that a line starts at s.pos.
func (s *scanner) newLine() {
	s.line++
	s.lineStart = s.pos
}

// str consumes the string that starts at s.pos with quote q and reports
// whether it is closed. A string on one line ends before the line break
// if it is not closed there. In basic strings ("...") a backslash escapes
// the byte after it; literal strings ('...') have no escapes.
func (s *scanner) str(q byte) bool {
	triple := `"""`
	if q == '\'' {
		triple = "'''"
	}
	if strings.HasPrefix(s.text[s.pos:], triple) {
		for s.pos += 3; s.pos < len(s.text); {
			switch c := s.text[s.pos]; {
			case q == '"' && c == '\\' && s.pos+1 < len(s.text):
				s.pos++
				if s.text[s.pos] == '\n' {
					s.pos++
					s.newLine()
					continue
				}
			case c == '\n':
				s.pos++
				s.newLine()
				continue
			case strings.HasPrefix(s.text[s.pos:], triple):
				s.pos += 3
				// Up to two more quotes belong to the content.
				for k := 0; k < 2 && s.pos < len(s.text) && s.text[s.pos] == q; k++ {
					s.pos++
				}
				return true
			}
			s.pos++
		}
		return false
	}
	for s.pos++; s.pos < len(s.text) && s.text[s.pos] != '\n'; {
		c := s.text[s.pos]
		s.pos++
		if c == q {
			return true
		}
		if q == '"' && c == '\\' && s.pos < len(s.text) && s.text[s.pos] != '\n' {
			s.pos++
		}
	}
	return false
}
