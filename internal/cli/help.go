package cli

import (
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
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

// WriteOverview writes the program's help from o: what it is, its usage,
// its commands with their summaries, examples to start from and a
// closing line.
func (p *Program) WriteOverview(w io.Writer, o OverviewHelp) {
	fmt.Fprintf(w, "%s\n\nUsage:\n  %s %s\n\nCommands:\n", o.About, p.Name, o.Args)
	tw := tabwriter.NewWriter(w, 0, 0, 3, ' ', 0)
	for _, c := range p.Commands() {
		fmt.Fprintf(tw, "  %s\t%s\n", c.Name, c.Summary)
	}
	tw.Flush()
	fmt.Fprint(w, "\nExamples:\n")
	WriteExamples(w, o.Examples)
	fmt.Fprintf(w, "\n%s\n", o.Footer)
}

// HelpCommand is the command "help [COMMAND]": without a command it
// writes the overview, with one that command's help, as COMMAND --help
// does. Its prose comes from the [help] table of text.
func (p *Program) HelpCommand(text *HelpFile) *Command {
	return text.Command("help", &Command{Exec: func(e *Env, args []string) error {
		pos, err := ParseArgs("help", NewFlagSet(p.Name+" help"), args)
		if err != nil {
			return err
		}
		switch len(pos) {
		case 0:
			p.Overview(e.Out)
			return nil
		case 1:
		default:
			return Usagef("help", "help takes one command name, but got %d", len(pos))
		}
		c := p.Lookup(pos[0])
		if c == nil {
			return p.UnknownCommand(pos[0])
		}
		p.WriteHelp(e.Out, c)
		return nil
	}})
}
