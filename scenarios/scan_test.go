package scenarios

import (
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestScan(t *testing.T) {
	// Each token is written kind@line:col, strings with ! when unclosed.
	cases := []struct {
		name, text, want string
	}{
		{"key and value", "a = 1", "bare@1:1 =@1:3 bare@1:5"},
		{"dotted and quoted key", `a."b.c".'d' = 1.5`, "bare@1:1 .@1:2 str@1:3 .@1:8 str@1:9 =@1:13 bare@1:15 .@1:16 bare@1:17"},
		{"comment", "a = 1 # [x] \"y\n[t]", "bare@1:1 =@1:3 bare@1:5 #@1:7 nl@1:15 [@2:1 bare@2:2 ]@2:3"},
		{"headers", "[[a.b]]\n[c]", "[@1:1 [@1:2 bare@1:3 .@1:4 bare@1:5 ]@1:6 ]@1:7 nl@1:8 [@2:1 bare@2:2 ]@2:3"},
		{"inline table and array", "x = {a = [1, 2], b = 'c'}", "bare@1:1 =@1:3 {@1:5 bare@1:6 =@1:8 [@1:10 bare@1:11 ,@1:12 bare@1:14 ]@1:15 ,@1:16 bare@1:18 =@1:20 str@1:22 }@1:25"},
		{"escapes", `a = "x\"# [y" z`, "bare@1:1 =@1:3 str@1:5 bare@1:15"},
		{"no escapes in literal strings", `a = 'x\' z`, "bare@1:1 =@1:3 str@1:5 bare@1:10"},
		{"unclosed string ends at its line", "a = \"x\nb", "bare@1:1 =@1:3 str!@1:5 nl@1:7 bare@2:1"},
		{"backslash before a line break", "a = \"x\\\nb", "bare@1:1 =@1:3 str!@1:5 nl@1:8 bare@2:1"},
		{"multi-line string", "a = \"\"\"\n[x]\n# y\n\"\"\" b", "bare@1:1 =@1:3 str@1:5 bare@4:5"},
		{"multi-line string with quotes at its end", `a = """x""""" b`, "bare@1:1 =@1:3 str@1:5 bare@1:15"},
		{"multi-line string with an escaped line break", "a = \"\"\"x\\\ny\"\"\"\nb", "bare@1:1 =@1:3 str@1:5 nl@2:5 bare@3:1"},
		{"unclosed multi-line literal string", "a = '''x\n\\'", "bare@1:1 =@1:3 str!@1:5"},
		{"columns count characters", "é = \"ə\" # ü\nx", "bare@1:1 =@1:3 str@1:5 #@1:9 nl@1:12 bare@2:1"},
		{"byte-order mark", "\ufeffa = 1", "bare@1:1 =@1:3 bare@1:5"},
		{"Windows line ends", "a = 1\r\nb = 2\r\n", "bare@1:1 =@1:3 bare@1:5 nl@1:7 bare@2:1 =@2:3 bare@2:5 nl@2:7"},
		{"bytes that are not UTF-8", "\xff\xfe\xfd = \x00", "bare@1:1 =@1:3 bare@1:5"},
		{"empty", "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			s := newScanner(c.text)
			for tok := s.next(); tok.kind != tokEOF; tok = s.next() {
				got = append(got, tokenString(tok))
			}
			if g := strings.Join(got, " "); g != c.want {
				t.Errorf("got  %s\nwant %s", g, c.want)
			}
		})
	}
}

func tokenString(t token) string {
	name := map[tokenKind]string{tokNewline: "nl", tokComment: "#", tokString: "str", tokBare: "bare",
		tokLBracket: "[", tokRBracket: "]", tokLBrace: "{", tokRBrace: "}", tokEquals: "=", tokComma: ",", tokDot: "."}[t.kind]
	if t.kind == tokString && !t.closed {
		name += "!"
	}
	return name + "@" + strconv.Itoa(t.line) + ":" + strconv.Itoa(t.col)
}

// FuzzScan feeds arbitrary bytes to the scanner: it must never panic,
// every token must start after the one before and hold at least one byte,
// and its line and column must be those of its offset.
func FuzzScan(f *testing.F) {
	for _, s := range []string{
		"a = 1\n[t]\n[[u]]\nb = { c = [1, 'x'], d.e = \"y\" } # z\n",
		"a = \"\"\"\nx\\\n\"\"\"\"\"\nb = '''\n'''\n",
		"\ufeffa = \"\xe9\"\r\n", "\"", "'''", "\"\"\"\\", "#", "a = \"x\\",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		s := newScanner(text)
		prev := bomLen(text)
		for n := 0; ; n++ {
			if n > len(text)+1 {
				t.Fatal("more tokens than bytes")
			}
			tok := s.next()
			if tok.off < prev || tok.end < tok.off || tok.end > len(text) {
				t.Fatalf("token %+v after offset %d", tok, prev)
			}
			lineStart := strings.LastIndexByte(text[:tok.off], '\n') + 1
			if lineStart == 0 {
				lineStart = bomLen(text)
			}
			line := 1 + strings.Count(text[:tok.off], "\n")
			col := 1 + utf8.RuneCountInString(text[lineStart:tok.off])
			if tok.line != line || tok.col != col {
				t.Fatalf("token %+v at %d:%d, want %d:%d", tok, tok.line, tok.col, line, col)
			}
			if tok.kind == tokEOF {
				if tok.off != len(text) {
					t.Fatalf("end of text at %d of %d", tok.off, len(text))
				}
				return
			}
			if tok.end == tok.off {
				t.Fatalf("empty token %+v", tok)
			}
			prev = tok.end
		}
	})
}

// BenchmarkParseDefault parses the default scenario, as every command
// that runs it does.
func BenchmarkParseDefault(b *testing.B) {
	src, err := Source("azerbaijan-1991")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse("azerbaijan-1991.toml", src); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPrescanAndIndex reads the default scenario with the two
// consumers of the scanner that run on every file.
func BenchmarkPrescanAndIndex(b *testing.B) {
	src, err := Source("azerbaijan-1991")
	if err != nil {
		b.Fatal(err)
	}
	text := string(src)
	l := DefaultLimits().withDefaults()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		if err := prescan("azerbaijan-1991.toml", text, l); err != nil {
			b.Fatal(err)
		}
		IndexLines(text)
	}
}
