// Package page builds the documents that sim writes for people to read
// (exercise worksheets, instructor keys, game debriefs) once, as a list
// of blocks, and renders them both as Markdown, for editing and version
// control, and as a single self-contained HTML page, with every image
// inlined as a data URI so that the page can be mailed, uploaded to a
// learning platform or printed without the files beside it.
//
// Text in blocks is plain text with three inline marks, as in Markdown:
// `code`, **bold** and *italic*.
package page

import (
	"encoding/base64"
	"fmt"
	"html"
	"io"
	"regexp"
	"strings"
)

// Doc is a document: a title and blocks in order.
type Doc struct {
	Title  string
	Blocks []Block
}

// Block is one block of a document. Exactly one kind of content is set.
type Block struct {
	Heading string // a section heading
	Level   int    // heading level below the title: 1 (##) or 2 (###)
	Para    string // a paragraph
	List    []string
	Ordered bool // List is numbered
	Table   *Table
	Image   *Image
	Code    string // preformatted text
	Note    string // a boxed aside (for instructors, a caveat)
}

// Table is a table with a header row.
type Table struct {
	Header []string
	Rows   [][]string
	// Right lists the columns (0-based) aligned right, for numbers.
	Right []int
}

// Image is a PNG picture: File is its name beside the Markdown file, Data
// its bytes for the HTML page.
type Image struct {
	File string
	Alt  string
	Data []byte
}

// H adds a heading.
func (d *Doc) H(level int, text string) {
	d.Blocks = append(d.Blocks, Block{Heading: text, Level: level})
}

// Pf adds a paragraph made by fmt.Sprintf.
func (d *Doc) Pf(format string, a ...any) { d.P(fmt.Sprintf(format, a...)) }

// P adds a paragraph; empty text adds nothing.
func (d *Doc) P(text string) {
	if strings.TrimSpace(text) == "" {
		return
	}
	d.Blocks = append(d.Blocks, Block{Para: text})
}

// L adds a bulleted list; an empty list adds nothing.
func (d *Doc) L(items ...string) {
	if len(items) > 0 {
		d.Blocks = append(d.Blocks, Block{List: items})
	}
}

// OL adds a numbered list.
func (d *Doc) OL(items ...string) {
	if len(items) > 0 {
		d.Blocks = append(d.Blocks, Block{List: items, Ordered: true})
	}
}

// T adds a table.
func (d *Doc) T(t *Table) { d.Blocks = append(d.Blocks, Block{Table: t}) }

// Img adds a picture.
func (d *Doc) Img(file, alt string, data []byte) {
	d.Blocks = append(d.Blocks, Block{Image: &Image{File: file, Alt: alt, Data: data}})
}

// Pre adds preformatted text.
func (d *Doc) Pre(text string) { d.Blocks = append(d.Blocks, Block{Code: text}) }

// N adds a boxed note.
func (d *Doc) N(text string) {
	if strings.TrimSpace(text) != "" {
		d.Blocks = append(d.Blocks, Block{Note: text})
	}
}

// Markdown writes the document as Markdown; images are linked by file
// name.
func (d *Doc) Markdown(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n", d.Title)
	for _, bl := range d.Blocks {
		b.WriteByte('\n')
		switch {
		case bl.Heading != "":
			fmt.Fprintf(&b, "%s %s\n", strings.Repeat("#", 1+max(1, bl.Level)), bl.Heading)
		case bl.Para != "":
			b.WriteString(reflow(bl.Para) + "\n")
		case bl.List != nil:
			for i, it := range bl.List {
				mark := "-"
				if bl.Ordered {
					mark = fmt.Sprintf("%d.", i+1)
				}
				fmt.Fprintf(&b, "%s %s\n", mark, strings.ReplaceAll(reflow(it), "\n", "\n   "))
			}
		case bl.Table != nil:
			t := bl.Table
			b.WriteString("| " + strings.Join(escapeCells(t.Header), " | ") + " |\n|")
			for i := range t.Header {
				if contains(t.Right, i) {
					b.WriteString("---:|")
				} else {
					b.WriteString("---|")
				}
			}
			b.WriteByte('\n')
			for _, r := range t.Rows {
				b.WriteString("| " + strings.Join(escapeCells(r), " | ") + " |\n")
			}
		case bl.Image != nil:
			fmt.Fprintf(&b, "![%s](%s)\n", bl.Image.Alt, bl.Image.File)
		case bl.Code != "":
			b.WriteString("```\n" + strings.TrimRight(bl.Code, "\n") + "\n```\n")
		case bl.Note != "":
			for _, l := range strings.Split(reflow(bl.Note), "\n") {
				b.WriteString(strings.TrimRight("> "+l, " ") + "\n")
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// HTML writes the document as one HTML page with its styles and images
// inside it: it refers to nothing outside itself.
func (d *Doc) HTML(w io.Writer) error {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
	b.WriteString("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	fmt.Fprintf(&b, "<title>%s</title>\n<style>\n%s</style>\n</head>\n<body>\n<main>\n", html.EscapeString(d.Title), css)
	fmt.Fprintf(&b, "<h1>%s</h1>\n", inline(d.Title))
	for _, bl := range d.Blocks {
		switch {
		case bl.Heading != "":
			lv := 1 + max(1, bl.Level)
			fmt.Fprintf(&b, "<h%d>%s</h%d>\n", lv, inline(bl.Heading), lv)
		case bl.Para != "":
			fmt.Fprintf(&b, "<p>%s</p>\n", inline(bl.Para))
		case bl.List != nil:
			tag := "ul"
			if bl.Ordered {
				tag = "ol"
			}
			fmt.Fprintf(&b, "<%s>\n", tag)
			for _, it := range bl.List {
				fmt.Fprintf(&b, "<li>%s</li>\n", inline(it))
			}
			fmt.Fprintf(&b, "</%s>\n", tag)
		case bl.Table != nil:
			t := bl.Table
			b.WriteString("<table>\n<thead><tr>")
			for i, h := range t.Header {
				fmt.Fprintf(&b, "<th%s>%s</th>", align(t, i), inline(h))
			}
			b.WriteString("</tr></thead>\n<tbody>\n")
			for _, r := range t.Rows {
				b.WriteString("<tr>")
				for i, c := range r {
					fmt.Fprintf(&b, "<td%s>%s</td>", align(t, i), inline(c))
				}
				b.WriteString("</tr>\n")
			}
			b.WriteString("</tbody>\n</table>\n")
		case bl.Image != nil:
			fmt.Fprintf(&b, "<figure><img alt=\"%s\" src=\"data:image/png;base64,%s\"></figure>\n",
				html.EscapeString(bl.Image.Alt), base64.StdEncoding.EncodeToString(bl.Image.Data))
		case bl.Code != "":
			fmt.Fprintf(&b, "<pre>%s</pre>\n", html.EscapeString(strings.TrimRight(bl.Code, "\n")))
		case bl.Note != "":
			fmt.Fprintf(&b, "<aside>%s</aside>\n", paragraphs(bl.Note))
		}
	}
	b.WriteString("</main>\n</body>\n</html>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// css styles the page for screens and for printing.
const css = `body { font-family: "Liberation Sans", Arial, Helvetica, sans-serif; line-height: 1.45; color: #222; margin: 0; }
main { max-width: 52rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.7rem; margin-bottom: 0.3rem; }
h2 { font-size: 1.3rem; border-bottom: 1px solid #ccc; padding-bottom: 0.2rem; margin-top: 2rem; }
h3 { font-size: 1.1rem; margin-top: 1.4rem; }
table { border-collapse: collapse; margin: 0.8rem 0; font-size: 0.95rem; }
th, td { border: 1px solid #ccc; padding: 0.25rem 0.6rem; vertical-align: top; }
th { background: #f2f2f2; text-align: left; }
.r { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 1rem 0; }
img { max-width: 100%; height: auto; border: 1px solid #ddd; }
pre { background: #f6f6f6; padding: 0.6rem; overflow-x: auto; font-size: 0.85rem; }
code { background: #f2f2f2; padding: 0 0.2rem; }
aside { border-left: 4px solid #0072B2; background: #f3f8fc; padding: 0.4rem 0.9rem; margin: 1rem 0; }
li { margin: 0.25rem 0; }
@media print { main { max-width: none; } h2 { page-break-after: avoid; } figure, table { page-break-inside: avoid; } }
`

func align(t *Table, i int) string {
	if contains(t.Right, i) {
		return ` class="r"`
	}
	return ""
}

func contains(xs []int, x int) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

// reflow joins the lines of a paragraph written with hard line breaks
// (as TOML strings often are) but keeps blank lines between paragraphs.
func reflow(s string) string {
	paras := strings.Split(strings.TrimSpace(s), "\n\n")
	for i, p := range paras {
		paras[i] = strings.Join(strings.Fields(p), " ")
	}
	return strings.Join(paras, "\n\n")
}

// paragraphs renders text that may hold several paragraphs.
func paragraphs(s string) string {
	var out []string
	for _, p := range strings.Split(reflow(s), "\n\n") {
		out = append(out, "<p>"+inline(p)+"</p>")
	}
	return strings.Join(out, "")
}

func escapeCells(cells []string) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = strings.ReplaceAll(strings.ReplaceAll(c, "|", `\|`), "\n", " ")
	}
	return out
}

var (
	codeRe   = regexp.MustCompile("`([^`]+)`")
	boldRe   = regexp.MustCompile(`\*\*([^*]+)\*\*`)
	italicRe = regexp.MustCompile(`(^|[\s(])\*([^*\s][^*]*)\*`)
)

// inline escapes text for HTML and turns its `code`, **bold** and
// *italic* marks into tags.
func inline(s string) string {
	s = html.EscapeString(reflow(s))
	s = codeRe.ReplaceAllString(s, "<code>$1</code>")
	s = boldRe.ReplaceAllString(s, "<strong>$1</strong>")
	s = italicRe.ReplaceAllString(s, "$1<em>$2</em>")
	return s
}
