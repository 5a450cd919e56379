package scenarios

import (
	"errors"
	"strings"
	"testing"
)

// TestSyntaxErrorPlace checks that a TOML syntax error is placed on the
// line (and column) of the mistake, not on the line where the parser
// happened to notice it.
func TestSyntaxErrorPlace(t *testing.T) {
	cases := []struct {
		name      string
		text      string
		line, col int
		problem   string
		hint      string
	}{
		{"unclosed header", "a = 1\nb = 2\nc = 3\nd = 4\ne = 5\n[calendar\nstart = \"1991\"\n",
			6, 10, "to end table name", "close the table header with ]: [calendar]"},
		{"unclosed header at the end of the file", "a = 1\n[calendar",
			2, 9, "to end table name", "[calendar]"},
		{"unclosed header before a comment", "a = 1\n[calendar # dates\nstart = \"1991\"\n",
			2, 11, "to end table name", "[calendar]"},
		{"unclosed header, Windows line ends", "a = 1\r\n[calendar\r\nstart = \"1991\"\r\n",
			2, 10, "to end table name", "[calendar]"},
		{"unclosed header after a byte-order mark", "\ufeff[calendar\nstart = \"1991\"\n",
			1, 10, "to end table name", "[calendar]"},
		{"unclosed array-of-tables name", "a = 1\n[[agents\nid = \"AZE\"\n",
			2, 9, "to end table name", "close the table header with ]]: [[agents]]"},
		{"array-of-tables header with one bracket", "a = 1\n[[agents]\nid = \"AZE\"\n",
			2, 9, "table array name delimiter", "[[agents]]"},
		{"unclosed string", "a = 1\ntitle = \"Test\nb = 2\n",
			2, 9, "strings cannot contain newlines", "the text of title starts here"},
		{"unclosed string at the end of the file", "a = 1\ntitle = \"Test",
			2, 9, `expected '"'`, "not closed on this line"},
		{"unclosed quoted key", "a = 1\n\"b = 2\n",
			2, 1, "strings cannot contain newlines", "this text starts here"},
		{"unclosed string in a list", "a = 1\nroles = [\"producer\", \"transit]\n",
			2, 22, "strings cannot contain newlines", "this text starts here"},
		{"unclosed literal string", "a = 1\ntitle = 'Test\nb = 2\n",
			2, 9, "strings cannot contain newlines", "close the quote"},
		{"unclosed string in a header", "a = 1\n[\"calendar\nstart = \"1991\"\n",
			2, 2, "strings cannot contain newlines", "this text starts here"},
		{"unclosed multi-line string", "a = 1\n[info]\nsources = \"\"\"\nOne.\nTwo.\n\nc = 3\n",
			3, 11, `expected '"""'`, `the text of info.sources starts here with """ but is never closed: end it with """`},
		{"unclosed multi-line literal string", "a = 1\nb = '''text\nmore\n",
			2, 5, `expected "'''"`, "end it with '''"},
		{"multi-line string with quotes and escapes inside", "a = \"\"\"x \"y\" \\\" \"\"\nz\"\"\"\"\"\nb = \"\"\"\nopen\n",
			3, 5, `expected '"""'`, "never closed"},
		{"unclosed list", "a = 1\nroles = [\"producer\", \"transit\"\nb = 2\n",
			2, 31, "array terminator", "the list that starts on line 2"},
		{"unclosed list before comments", "a = 1\nroles = [\"producer\" # main\n\n# next\nb = 2\n",
			2, 20, "array terminator", "the list that starts on line 2"},
		{"unclosed list at the end of the file", "a = 1\nroles = [\"producer\"\n",
			2, 20, "array terminator", "lacks one of them here"},
		{"unclosed multi-line list", "a = 1\nroles = [\n  \"producer\",\n  \"transit\"\nb = 2\n",
			4, 12, "array terminator", "the list that starts on line 2"},
		{"missing comma in a multi-line list", "a = 1\nroles = [\n  \"producer\"\n  \"transit\",\n]\n",
			3, 13, "array terminator", "comma"},
		{"missing comma on one line", "a = 1\nroles = [\"producer\" \"transit\"]\n",
			2, 21, "array terminator", "comma"},
		{"unclosed inner list", "a = 1\nb = [ \"x]\", [1,\n 2 ]\n",
			3, 5, "array terminator", "the list that starts on line 2"},
		{"unclosed inline table", "a = 1\nweights = { security = 0.5\nb = 2\n",
			2, 27, "inline table terminator", "the table that starts on line 2"},
		{"key twice", "a = 1\nb = 2\na = 3\n",
			3, 1, "already been defined", "once per table"},
		{"table twice", "[x]\ny = 1\n[x]\n",
			3, 2, "already been defined", "once per table"},
		{"missing value", "a = 1\nb = \nc = 3\n",
			2, 5, "expected value", "write a value after the = sign"},
		{"missing value at the end of the file", "a = 1\nb =",
			2, 3, "expected value", "write a value after the = sign"},
		{"key without value", "a = 1\nstability\nc = 3\n",
			2, 10, "expected '.' or '='", "key = value"},
		{"column in characters", "note = \"Azərbaycan\" x\n",
			1, 20, "top-level item", ""},
		{"bad escape", "a = 1\npath = \"C:\\data\"\n",
			2, 9, "invalid escape", "single quotes"},
		{"control character", "a = 1\nb = \"x\fy\"\n",
			2, 7, "control characters", ""},
		{"control character after a wide character", "0=\U00024BE4\f",
			1, 4, "control characters", ""},
		{"invalid UTF-8", "a = 1\nb = \"\xe9t\xe9\"\n",
			2, 6, "invalid UTF-8", "save the file as UTF-8"},
		{"UTF-16 file", "\xff\xfea\x00=\x001\x00",
			1, 2, "NULL bytes", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sc, err := Parse("bad.toml", []byte(c.text))
			if err == nil || sc != nil {
				t.Fatalf("want a syntax error, got %v, %v", sc, err)
			}
			var list ErrorList
			if !errors.As(err, &list) || len(list) != 1 {
				t.Fatalf("want one error, got %v", err)
			}
			e := list[0]
			if e.Line != c.line || e.Col != c.col {
				t.Errorf("at %d:%d, want %d:%d: %v", e.Line, e.Col, c.line, c.col, e)
			}
			if !strings.HasPrefix(e.Problem, "TOML syntax: ") || !strings.Contains(e.Problem, c.problem) {
				t.Errorf("problem %q, want one with %q", e.Problem, c.problem)
			}
			if !strings.Contains(e.Hint, c.hint) {
				t.Errorf("hint %q, want one with %q", e.Hint, c.hint)
			}
		})
	}
}

func TestScanOpen(t *testing.T) {
	cases := []struct {
		text     string
		str      int
		header   int
		brackets []int
		content  int
	}{
		{"", -1, -1, nil, 0},
		{"a = 1 # [ { \" '\n", -1, -1, nil, 5},
		{"a = [1, {x = \"]}\"", -1, -1, []int{4, 8}, 17},
		{"a = 'x\\'", -1, -1, nil, 8}, // no escapes in literal strings
		{"a = \"x\\\"", 4, -1, nil, 3},
		{"a = \"\"\"x\"\"\"\"\"\n", -1, -1, nil, 13},
		{"a = 1\n  [[tab", -1, 8, nil, 13},
		{"[t]\n[[u]]\nb = [\n[1],\n", -1, -1, []int{14}, 20},
		{"[\"a]\" ", -1, 0, nil, 5},
		{"a = '''x\n", 4, -1, nil, 3},
	}
	for _, c := range cases {
		o := scanOpen(c.text, len(c.text))
		if o.str != c.str || o.header != c.header || o.content != c.content || !equalInts(o.brackets, c.brackets) {
			t.Errorf("scanOpen(%q) = %+v, want str %d, header %d, brackets %v, content %d",
				c.text, o, c.str, c.header, c.brackets, c.content)
		}
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestSyntaxErrorNotAParseError keeps other decoder failures readable.
func TestSyntaxErrorNotAParseError(t *testing.T) {
	e := syntaxError("f.toml", "", errors.New("toml: something else"))
	if e.Line != 0 || e.Problem != "something else" {
		t.Errorf("got %+v", e)
	}
}
