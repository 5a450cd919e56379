package scenarios

import (
	"fmt"
	"strconv"
	"strings"
)

// prescan reads a file's text once, before the TOML parser sees it, and
// refuses what would make the parser slow or large: lists and tables
// nested deeper than l.Depth (the parser's time grows much faster than
// the nesting), keys of more than l.Depth dotted parts, and more
// [[name]] tables of a limited list than its limit. It reads the tokens
// of the scanner, which skips strings and comments; anything it does not
// understand is left for the parser to report. It takes time in
// proportion to the text and keeps no more than l.Depth levels.
func prescan(file, text string, l Limits) *Error {
	p := &prescanner{file: file, text: text, scan: newScanner(text), lim: l, counts: map[string]int{}, first: map[string]int{}}
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

// prescanner reads the tokens of a text as statements: headers, and keys
// with their values.
type prescanner struct {
	file string
	text string
	scan *scanner
	tok  token // the current token
	lim  Limits
	// counts is the number of [[name]] headers of each top-level list,
	// first the line of the first one over its limit.
	counts map[string]int
	first  map[string]int
	// stack holds the open '[' and '{' of the value being read.
	stack []tokenKind
	// inTable is set once a [table] header has been read: keys after it
	// are not top-level.
	inTable bool
}

func (p *prescanner) advance() { p.tok = p.scan.next() }

// errorf returns a problem placed on the current token.
func (p *prescanner) errorf(hint, format string, a ...any) *Error {
	return &Error{File: p.file, Line: p.tok.line, Col: p.tok.col, Problem: fmt.Sprintf(format, a...), Hint: hint}
}

// document reads statements until the end of the text.
func (p *prescanner) document() *Error {
	for p.advance(); p.tok.kind != tokEOF; {
		var err *Error
		switch p.tok.kind {
		case tokNewline, tokComment:
			p.advance()
		case tokLBracket:
			err = p.header()
		default:
			err = p.keyValue()
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// skipLine moves to the line break that ends the current line.
func (p *prescanner) skipLine() {
	for p.tok.kind != tokNewline && p.tok.kind != tokEOF {
		p.advance()
	}
}

// header reads [a.b] or [[a.b]], counting the [[name]] tables of the
// top-level lists.
func (p *prescanner) header() *Error {
	line := p.tok.line
	p.inTable = true
	start := p.tok.end
	p.advance()
	array := p.tok.kind == tokLBracket && p.tok.off == start
	if array {
		start = p.tok.end
		p.advance()
	}
	parts, end, err := p.key(tokRBracket)
	if err != nil {
		return err
	}
	if array && parts == 1 {
		p.count(unquote(p.text[start:end]), line)
	}
	p.skipLine() // ']' or ']]', a comment
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
	start := p.tok.off
	parts, end, err := p.key(tokEquals)
	if err != nil {
		return err
	}
	if p.tok.kind != tokEquals {
		p.skipLine() // not a key = value line: the parser will say so
		return nil
	}
	p.advance()
	list := ""
	if !p.inTable && parts == 1 {
		list = unquote(p.text[start:end]) // a top-level list written inline is counted too
	}
	return p.value(list)
}

// key reads a possibly dotted, possibly quoted key up to a token of kind
// stop or the end of the line, and returns the number of its parts and
// the offset where it ends.
func (p *prescanner) key(stop tokenKind) (int, int, *Error) {
	parts := 1
	for ; p.tok.kind != stop && p.tok.kind != tokNewline && p.tok.kind != tokComment && p.tok.kind != tokEOF; p.advance() {
		if p.tok.kind == tokDot {
			parts++
			if parts > p.lim.Depth {
				return 0, 0, p.errorf(depthHint(p.lim.Depth), "a key of more than %d dotted parts", p.lim.Depth)
			}
		}
	}
	return parts, p.tok.off, nil
}

// value reads a value to the end of its line, or of the last line of a
// list or string that spans several. If list is not "", each table
// directly in the list counts as one of list's tables.
func (p *prescanner) value(list string) *Error {
	p.stack = p.stack[:0]
	keyPart := false // inside {...}, reading a key
	parts := 1
	for ; p.tok.kind != tokEOF; p.advance() {
		switch k := p.tok.kind; k {
		case tokNewline:
			if len(p.stack) == 0 {
				return nil
			}
		case tokLBracket, tokLBrace:
			if len(p.stack) >= p.lim.Depth {
				return p.errorf(depthHint(p.lim.Depth), "lists and tables are nested more than %d deep", p.lim.Depth)
			}
			p.stack = append(p.stack, k)
			keyPart, parts = k == tokLBrace, 1
			if list != "" && k == tokLBrace && len(p.stack) == 2 && p.stack[0] == tokLBracket {
				p.count(list, p.tok.line)
			}
		case tokRBracket, tokRBrace:
			if len(p.stack) > 0 {
				p.stack = p.stack[:len(p.stack)-1]
			}
			keyPart = false
		case tokComma:
			keyPart = len(p.stack) > 0 && p.stack[len(p.stack)-1] == tokLBrace
			parts = 1
		case tokEquals:
			keyPart = false
		case tokDot:
			if keyPart {
				parts++
				if parts > p.lim.Depth {
					return p.errorf(depthHint(p.lim.Depth), "a key of more than %d dotted parts", p.lim.Depth)
				}
			}
		}
	}
	return nil
}

func depthHint(limit int) string {
	return fmt.Sprintf("scenario files need at most 5 levels; if yours needs more, raise the limit with --limit depth=%d", 2*limit)
}
