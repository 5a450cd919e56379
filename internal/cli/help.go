package cli

import (
	"flag"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// words splits text at spaces, but keeps a command quoted in single
// quotes ('sim show NAME > FILE') in one piece so that wrapping never
// breaks it across lines.
func words(text string) []string {
	var out []string
	quoted := false
	for _, f := range strings.Fields(text) {
		if quoted {
			out[len(out)-1] += " " + f
		} else {
			out = append(out, f)
		}
		if strings.HasPrefix(f, "'") && !quoted {
			quoted = !strings.Contains(f[1:], "'")
		} else if quoted && strings.Contains(f, "'") {
			quoted = false
		}
	}
	return out
}

// HelpWidth is the width help text is wrapped to, so it reads well in
// the narrowest usual terminal.
const HelpWidth = 79

// WriteHelp prints the help of command c.
func (p *Program) WriteHelp(w io.Writer, c *Command) {
	usage := p.Name + " " + c.Name
	if c.Args != "" {
		usage += " " + c.Args
	}
	fmt.Fprintf(w, "Usage:\n  %s\n\n%s\n", usage, Wrap(c.About, HelpWidth))
	for _, s := range c.Sections {
		fmt.Fprintf(w, "\n%s:\n", s.Title)
		WriteTerms(w, s.Items)
	}
	var flags [][2]string
	if c.Flags != nil {
		c.Flags().VisitAll(func(f *flag.Flag) {
			placeholder, usage := flag.UnquoteUsage(f)
			flags = append(flags, [2]string{"--" + f.Name + " " + placeholder, usage})
		})
	}
	flags = append(flags, [2]string{"-h, --help", "show this help"})
	fmt.Fprint(w, "\nFlags:\n")
	WriteTerms(w, flags)
	if len(c.Examples) > 0 {
		fmt.Fprint(w, "\nExamples:\n")
		WriteExamples(w, c.Examples)
	}
}

// WriteTerms prints terms in a column with their explanations wrapped
// beside them.
func WriteTerms(w io.Writer, items [][2]string) {
	col := 0
	for _, it := range items {
		col = max(col, len(it[0]))
	}
	indent := 2 + col + 3
	for _, it := range items {
		text := Wrap(it[1], HelpWidth-indent)
		text = strings.ReplaceAll(text, "\n", "\n"+strings.Repeat(" ", indent))
		fmt.Fprintf(w, "  %-*s   %s\n", col, it[0], text)
	}
}

// Wrap reflows each paragraph of text (paragraphs are separated by a
// blank line) into lines of at most width characters.
func Wrap(text string, width int) string {
	paras := strings.Split(strings.TrimSpace(text), "\n\n")
	for i, p := range paras {
		paras[i] = wrapParagraph(p, width)
	}
	return strings.Join(paras, "\n\n")
}

// wrapParagraph reflows one paragraph; a word longer than width gets a
// line of its own.
func wrapParagraph(text string, width int) string {
	var b strings.Builder
	n := 0
	for _, word := range words(text) {
		l := utf8.RuneCountInString(word)
		switch {
		case n == 0:
		case n+1+l > width:
			b.WriteByte('\n')
			n = 0
		default:
			b.WriteByte(' ')
			n++
		}
		b.WriteString(word)
		n += l
	}
	return b.String()
}

// WriteExamples prints examples as a command followed by what it does.
func WriteExamples(w io.Writer, examples []Example) {
	for _, ex := range examples {
		fmt.Fprintf(w, "  %s\n      %s\n", ex.Cmd, ex.What)
	}
}
