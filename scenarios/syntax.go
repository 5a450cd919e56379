package scenarios

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// syntaxError turns a TOML parse failure into an Error placed where the
// mistake is, which is not always where the parser noticed it.
//
// The parser's line number can be one too far: it has often read the line
// break that ends the faulty line before it complains, so an unclosed
// "[calendar" on line 6 came out as line 7. The byte offset it gives
// (Position.Start) is exact, so the line and column are worked out again
// from it. Some mistakes are noticed only later still, and are moved
// back: a string that is never closed is placed where it starts, and a
// list or inline table that lacks a comma or its closing bracket is placed
// after its last item, not on the line that follows. A control character
// or a byte that is not UTF-8 is placed on itself.
func syntaxError(filename, text string, err error) *Error {
	var pe toml.ParseError
	if !errors.As(err, &pe) {
		return &Error{File: filename, Problem: strings.TrimPrefix(err.Error(), "toml: ")}
	}
	e := &Error{File: filename, Problem: "TOML syntax: " + pe.Message, Hint: syntaxHint(pe.Message)}
	bom := bomLen(text)
	off := min(bom+max(pe.Position.Start, 0), len(text))
	open := scanOpen(text, off)
	switch {
	case strings.Contains(pe.Message, "control characters"):
		// The parser points at the byte before the character.
		if i := controlChar(text[off:]); i >= 0 {
			off += i
		}
	case strings.Contains(pe.Message, "invalid UTF-8"):
		// The parser may point at the start of the string that holds
		// the byte.
		if i := invalidUTF8(text[off:]); i >= 0 {
			off += i
		}
	case unterminatedString(pe.Message) && open.str >= 0:
		key := ""
		if before := strings.TrimRight(text[:open.str], " \t"); strings.HasSuffix(before, "=") {
			key = pe.LastKey // the string is that key's value, not a key itself
		}
		off = open.str
		e.Hint = stringHint(text[open.str:], key)
	case unclosedHeader(pe.Message) && open.header >= 0:
		if h := headerHint(text[open.header:], pe.Message); h != "" {
			e.Hint = h
		}
	case (strings.Contains(pe.Message, "array terminator") || strings.Contains(pe.Message, "inline table terminator")) &&
		len(open.brackets) > 0:
		b := open.brackets[len(open.brackets)-1]
		if strings.Contains(text[open.content:off], "\n") || off >= len(text)-1 {
			// The parser stopped at the next line (or the end of the
			// file); what is missing belongs after the last item.
			off = open.content
		}
		line, _ := place(text, bom, b)
		e.Hint = bracketHint(text[b], line)
	}
	e.Line, e.Col = place(text, bom, off)
	return e
}

// place returns the 1-based line and column of byte off of text, counting
// the column in characters, as editors do, and leaving out a byte-order
// mark of bom bytes.
func place(text string, bom, off int) (line, col int) {
	line = 1 + strings.Count(text[:off], "\n")
	start := max(strings.LastIndexByte(text[:off], '\n')+1, bom)
	if start > off {
		return line, 1
	}
	// Count the characters that end before off, so that an offset inside
	// a character counts as that character; a byte that is not valid
	// UTF-8 counts as one.
	col = 1
	for i := start; i < off; {
		_, w := utf8.DecodeRuneInString(text[i:])
		if i+w > off {
			break
		}
		col++
		i += w
	}
	return line, col
}

// controlChar returns the offset of the first character in s that TOML
// does not allow, or -1.
func controlChar(s string) int {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\t' || c == '\n':
		case c == '\r' && i+1 < len(s) && s[i+1] == '\n':
		case c < 0x20 || c == 0x7f:
			return i
		}
	}
	return -1
}

// invalidUTF8 returns the offset of the first byte in s that is not part
// of a valid UTF-8 character, or -1.
func invalidUTF8(s string) int {
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && w == 1 {
			return i
		}
		i += w
	}
	return -1
}

// openState is what is still open at some point of a TOML text: a string,
// a table header, lists and inline tables.
type openState struct {
	str      int   // where an unclosed string starts, or -1
	header   int   // where an unclosed [table] or [[table]] header starts, or -1
	brackets []int // where each unclosed [ or { of a value starts, innermost last
	// content is the offset just past the last byte that is neither blank,
	// line break nor comment.
	content int
}

// scanOpen reads the tokens of text that start before offset to, which
// the TOML parser has read without complaint, and reports what is open
// at to.
func scanOpen(text string, to int) openState {
	s := newScanner(text)
	o := openState{str: -1, header: -1, content: s.pos}
	lineStart := true // nothing but blanks since the last line break
	for t := s.next(); t.kind != tokEOF && t.off < to; t = s.next() {
		switch {
		case t.kind == tokNewline:
			lineStart = true
			continue
		case t.kind == tokComment:
			continue
		case t.kind == tokString && (!t.closed || t.end > to):
			o.str = t.off
			return o
		case t.kind == tokLBracket && lineStart && len(o.brackets) == 0 && o.header < 0:
			o.header = t.off
			t = s.pairedWith(t, to)
		case t.kind == tokRBracket && o.header >= 0 && len(o.brackets) == 0:
			o.header = -1
			t = s.pairedWith(t, to)
		case t.kind == tokLBracket || t.kind == tokLBrace:
			o.brackets = append(o.brackets, t.off)
		case t.kind == tokRBracket || t.kind == tokRBrace:
			if n := len(o.brackets); n > 0 {
				o.brackets = o.brackets[:n-1]
			}
		}
		lineStart = false
		o.content = min(t.end, to)
	}
	return o
}

// pairedWith returns the token after t if it is the same bracket, written
// right after it and before to, as in [[ and ]]; otherwise it returns t
// and leaves the token after it to be read again.
func (s *scanner) pairedWith(t token, to int) token {
	if s.pos < to && s.text[s.pos] == s.text[t.off] {
		return s.next()
	}
	return t
}

// unterminatedString reports whether the parser's message means a string
// was not closed.
func unterminatedString(msg string) bool {
	return strings.Contains(msg, "strings cannot contain newlines") ||
		strings.HasPrefix(msg, `unexpected EOF; expected '"`) ||
		strings.HasPrefix(msg, `unexpected EOF; expected "'`)
}

// unclosedHeader reports whether the parser's message means a table header
// was not closed.
func unclosedHeader(msg string) bool {
	return strings.Contains(msg, "to end table name") || strings.Contains(msg, "table array name delimiter")
}

// stringHint explains an unclosed string; s is the text from its opening
// quote on, key the key it is the value of, if known.
func stringHint(s, key string) string {
	what := "this text"
	if key != "" {
		what = "the text of " + key
	}
	for _, triple := range []string{`"""`, `'''`} {
		if strings.HasPrefix(s, triple) {
			return fmt.Sprintf("%s starts here with %s but is never closed: end it with %s", what, triple, triple)
		}
	}
	return what + ` starts here but is not closed on this line: close the quote, or use triple quotes """...""" for text over several lines`
}

// headerHint shows a table header closed; h is the text from its opening
// bracket on. It returns "" where the header is not simply unfinished.
func headerHint(h, msg string) string {
	unfinished := false
	for _, got := range []string{`'\n'`, `'\r'`, `'#'`, `'\x00'`} {
		unfinished = unfinished || strings.Contains(msg, "but got "+got)
	}
	if !unfinished {
		return ""
	}
	if i := strings.IndexAny(h, "#\r\n"); i >= 0 {
		h = h[:i]
	}
	h = strings.TrimRight(h, " \t]")
	if h == "" || h == "[" || h == "[[" {
		return ""
	}
	closing := "]"
	if strings.HasPrefix(h, "[[") {
		closing = "]]"
	}
	return "close the table header with " + closing + ": " + h + closing
}

// bracketHint explains a list or inline table, opened with open on line,
// that lacks a comma or its closing bracket.
func bracketHint(open byte, line int) string {
	if open == '{' {
		return fmt.Sprintf("an inline table needs a comma between its entries and } at its end: the table that starts on line %d lacks one of them here", line)
	}
	return fmt.Sprintf("a list needs a comma between its items and ] at its end: the list that starts on line %d lacks one of them here", line)
}

// syntaxHint explains the parser's commonest complaints to someone who has
// not read the TOML specification.
func syntaxHint(msg string) string {
	switch {
	case strings.Contains(msg, "has already been defined"),
		strings.Contains(msg, "was already created"):
		return "each key may appear once per table; to add another agent, route or event start a new [[...]] block"
	case strings.Contains(msg, "strings cannot contain newlines"):
		return `close the quote on the same line, or use triple quotes """...""" for text over several lines`
	case strings.Contains(msg, `found '\n'`), strings.Contains(msg, "found EOF"),
		strings.Contains(msg, "unexpected EOF; expected value"):
		return "write a value after the = sign on the same line"
	case strings.Contains(msg, "expected value but found"),
		strings.Contains(msg, "bare keys cannot contain"),
		strings.Contains(msg, "invalid boolean"):
		return `text values need quotes: name = "Azerbaijan"`
	case strings.Contains(msg, "invalid escape"):
		return `in "..." text a backslash starts an escape such as \n or \"; write \\ for a backslash itself, or use single quotes: 'C:\data'`
	case strings.Contains(msg, "must start with a digit"):
		return "write a 0 before the decimal point: 0.5"
	case strings.Contains(msg, "expected key separator"):
		return "each line is key = value, a [table] header or a comment starting with #"
	case strings.Contains(msg, "unexpected EOF"),
		strings.Contains(msg, "unclosed"),
		strings.Contains(msg, "to end table name"):
		return "a quote, bracket or brace is not closed"
	case strings.Contains(msg, "invalid UTF-8"):
		return "save the file as UTF-8 (most editors offer it under Save As)"
	case strings.Contains(msg, "expected '.' or '='"):
		return "each line is key = value, a [table] header or a comment starting with #"
	}
	return "see docs/scenarios.md for the file format"
}
