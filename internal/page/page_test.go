package page

import (
	"bytes"
	"strings"
	"testing"
)

func TestRender(t *testing.T) {
	d := &Doc{Title: "A <title>"}
	d.H(1, "Section")
	d.P("Some `code`, **bold** and *italic* text\nover two lines.")
	d.L("one", "two")
	d.T(&Table{Header: []string{"a", "b"}, Rows: [][]string{{"x|y", "1"}}, Right: []int{1}})
	d.Img("f.png", "a plot", []byte{1, 2, 3})
	d.N("a note")
	var md, html bytes.Buffer
	if err := d.Markdown(&md); err != nil {
		t.Fatal(err)
	}
	if err := d.HTML(&html); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ doc, want string }{
		{md.String(), "## Section"},
		{md.String(), "text over two lines."},
		{md.String(), `| x\|y | 1 |`},
		{md.String(), "---:|"},
		{md.String(), "![a plot](f.png)"},
		{md.String(), "> a note"},
		{html.String(), "<h1>A &lt;title&gt;</h1>"},
		{html.String(), "<code>code</code>, <strong>bold</strong> and <em>italic</em>"},
		{html.String(), `src="data:image/png;base64,AQID"`},
		{html.String(), `<td class="r">1</td>`},
	}
	for _, tt := range tests {
		if !strings.Contains(tt.doc, tt.want) {
			t.Errorf("missing %q", tt.want)
		}
	}
}
