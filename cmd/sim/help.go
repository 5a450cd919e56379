package main

import (
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"unicode/utf8"
)

func helpCommand() *command {
	return &command{
		name:    "help",
		args:    "[COMMAND]",
		summary: "explain sim or one of its commands",
		about: `Without a command, explains what sim does and lists its commands. With
one, explains that command, its flags and gives examples; 'sim help run'
is the same as 'sim run --help'.`,
		examples: []example{
			{"sim help", "the list of commands"},
			{"sim help run", "how to run a scenario"},
		},
		exec: execHelp,
	}
}

func execHelp(e *env, args []string) error {
	pos, err := parseArgs("help", newFlagSet("help"), args)
	if err != nil {
		return err
	}
	switch len(pos) {
	case 0:
		writeOverview(e.out)
		return nil
	case 1:
	default:
		return usagef("help", "help takes one command name, but got %d", len(pos))
	}
	c := lookup(pos[0])
	if c == nil {
		return unknownCommand(pos[0])
	}
	writeHelp(e.out, c)
	return nil
}

// writeOverview prints the program's help: what it is, its commands and
// a few examples to start from.
func writeOverview(w io.Writer) {
	fmt.Fprint(w, `sim simulates how Azerbaijan balances between Russia and the West.

In a scenario, each state weighs its security, its energy income and its
alignment between the two poles, and every turn chooses an action such as
joining an alliance, backing a pipeline or pressuring a neighbour. sim
runs a scenario and saves tables and plots of how the states' alignments
and interests change.

Usage:
  sim COMMAND [ARGUMENTS] [FLAGS]

Commands:
`)
	tw := tabwriter.NewWriter(w, 0, 0, 3, ' ', 0)
	for _, c := range commands() {
		fmt.Fprintf(tw, "  %s\t%s\n", c.name, c.summary)
	}
	tw.Flush()
	fmt.Fprint(w, `
Examples:
`)
	writeExamples(w, []example{
		{"sim run", "run the built-in scenario and save the results in out/"},
		{"sim list", "see which scenarios come with sim"},
		{"sim show azerbaijan-1991 > my.toml", "copy a scenario into a file to edit"},
		{"sim check my.toml", "check your edited file for mistakes"},
		{"sim run my.toml --runs 50", "run it 50 times with different random draws"},
	})
	fmt.Fprint(w, "\nRun 'sim help COMMAND' (or 'sim COMMAND --help') to learn more about a command.\n")
}

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

// helpWidth is the width help text is wrapped to, so it reads well in
// the narrowest usual terminal.
const helpWidth = 79

// writeHelp prints the help of command c.
func writeHelp(w io.Writer, c *command) {
	usage := "sim " + c.name
	if c.args != "" {
		usage += " " + c.args
	}
	fmt.Fprintf(w, "Usage:\n  %s\n\n%s\n", usage, wrap(c.about, helpWidth))
	for _, s := range c.sections {
		fmt.Fprintf(w, "\n%s:\n", s.title)
		writeTerms(w, s.items)
	}
	var flags [][2]string
	if c.flags != nil {
		c.flags().VisitAll(func(f *flag.Flag) {
			placeholder, usage := flag.UnquoteUsage(f)
			flags = append(flags, [2]string{"--" + f.Name + " " + placeholder, usage})
		})
	}
	flags = append(flags, [2]string{"-h, --help", "show this help"})
	fmt.Fprint(w, "\nFlags:\n")
	writeTerms(w, flags)
	if len(c.examples) > 0 {
		fmt.Fprint(w, "\nExamples:\n")
		writeExamples(w, c.examples)
	}
}

// writeTerms prints terms in a column with their explanations wrapped
// beside them.
func writeTerms(w io.Writer, items [][2]string) {
	col := 0
	for _, it := range items {
		col = max(col, len(it[0]))
	}
	indent := 2 + col + 3
	for _, it := range items {
		text := wrap(it[1], helpWidth-indent)
		text = strings.ReplaceAll(text, "\n", "\n"+strings.Repeat(" ", indent))
		fmt.Fprintf(w, "  %-*s   %s\n", col, it[0], text)
	}
}

// wrap reflows each paragraph of text (paragraphs are separated by a
// blank line) into lines of at most width characters.
func wrap(text string, width int) string {
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

// writeExamples prints examples as a command followed by what it does.
func writeExamples(w io.Writer, examples []example) {
	for _, ex := range examples {
		fmt.Fprintf(w, "  %s\n      %s\n", ex.cmd, ex.what)
	}
}
