package play

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"caspian/sim"
)

// Options change how an interactive game looks and where it is saved.
type Options struct {
	// ASCII draws the charts with plain ASCII characters, for terminals
	// that show other characters wrongly.
	ASCII bool
	// Clear clears the terminal before each turn's screen. Set it only
	// when out is a terminal.
	Clear bool
	// Rows is the height of the terminal, 0 if unknown. A turn's screen
	// that would not fit is shown compact: the news, one line for the
	// state and as many options as fit, with the rest a command away.
	Rows int
	// Save is called after every move and when the player quits, to
	// keep the game; nil keeps nothing. SavePath is where it saves, to
	// tell the player.
	Save     func(*Game) error
	SavePath string
}

// Play runs an interactive game on in and out until the game is over or
// the player quits; it reports whether the game reached its end. Input
// is read a line at a time, so it works on any terminal, over SSH, and
// from a pipe: every command is a number or a letter followed by Enter.
// The end of input quits (after saving).
func Play(in io.Reader, out io.Writer, g *Game, o Options) (finished bool, err error) {
	scr := newScreen(g, o.ASCII)
	lines := bufio.NewScanner(in)
	read := func() (string, bool) {
		if !lines.Scan() {
			return "", false
		}
		return strings.TrimSpace(lines.Text()), true
	}
	save := func() {
		if o.Save == nil {
			return
		}
		if err := o.Save(g); err != nil {
			fmt.Fprintf(out, "\n(Could not save the game: %v)\n", err)
		}
	}
	bw := bufio.NewWriter(out)
	defer bw.Flush()
	w := bw

	if !g.Done() {
		scr.intro(w, len(g.Records()) > 0, o)
		w.Flush()
		if _, ok := read(); !ok {
			return false, nil
		}
	}
	autoUntil := -1 // the model plays every turn before this one
	for !g.Done() {
		t, label := g.Turn()
		if t < autoUntil {
			if err := g.Move(Auto, ""); err != nil {
				return false, err
			}
			r := g.Records()[len(g.Records())-1]
			fmt.Fprintf(w, "%s  the model, for you: %s\n", label, doneText(g, &r))
			save()
			continue
		}
		if o.Clear {
			fmt.Fprint(w, "\x1b[H\x1b[2J")
		} else {
			fmt.Fprintln(w)
		}
		events := scr.allSince()
		w.Write(scr.turnScreen(o.Rows))
	ask:
		for {
			scr.prompt(w)
			w.Flush()
			line, ok := read()
			if !ok {
				save()
				fmt.Fprintf(w, "\n%s\n", quitText(o))
				return false, nil
			}
			cmd, arg, _ := strings.Cut(line, " ")
			arg = strings.TrimSpace(arg)
			cmd = strings.ToLower(cmd)
			switch {
			case line == "":
				fmt.Fprintln(w, "Type the number of an option and press Enter (0 does nothing; ? explains the commands).")
			case isNumber(cmd) && arg == "":
				n, _ := strconv.Atoi(cmd)
				action, target := None, ""
				if n > 0 {
					a, t, _, open, known := g.Numbered(n)
					switch {
					case !known:
						fmt.Fprintf(w, "There is no option %d: type a number from the list (m lists them all).\n", n)
						continue
					case !open:
						fmt.Fprintf(w, "Option %d (%s) is not open this turn: type a number from the list (m lists them all).\n",
							n, lowerFirst(Describe(g.cfg.Scenario, a, t)))
						continue
					}
					action, target = a, t
				}
				if err := g.Move(action, target); err != nil {
					if g.Err() != nil {
						return false, err // a numerical fault ended the game
					}
					fmt.Fprintf(w, "That move is not possible: %v\n", err)
					continue
				}
				save()
				break ask
			case cmd == "m" || cmd == "more":
				fmt.Fprintln(w)
				scr.options(w, true, 0)
			case cmd == "v" || cmd == "view":
				fmt.Fprintln(w)
				scr.panels(w)
			case (cmd == "?" || cmd == "i" || cmd == "h" || cmd == "help") && arg != "":
				n, err := strconv.Atoi(arg)
				if err == nil && n > 0 {
					_, _, _, open, _ := g.Numbered(n)
					if !open {
						err = fmt.Errorf("not on offer")
					}
				}
				if err != nil || n < 0 {
					fmt.Fprintln(w, "Type ? and the number of an option on the list, e.g. ? 1.")
					continue
				}
				scr.explain(w, n)
			case cmd == "?" || cmd == "h" || cmd == "help":
				help(w, o)
			case cmd == "e" || cmd == "events":
				fmt.Fprintln(w)
				if len(events) == 0 {
					fmt.Fprintln(w, "Nothing happened since your last move.")
				}
				for _, e := range events {
					fmt.Fprintf(w, "  %s\n", e)
				}
			case cmd == "a" || cmd == "auto":
				until, msg := autoTarget(g, arg)
				if msg != "" {
					fmt.Fprintln(w, msg)
					continue
				}
				if err := g.Move(Auto, ""); err != nil {
					return false, err
				}
				r := g.Records()[len(g.Records())-1]
				fmt.Fprintf(w, "%s  the model, for you: %s\n", label, doneText(g, &r))
				save()
				autoUntil = until
				break ask
			case cmd == "s" || cmd == "save":
				if o.Save == nil {
					fmt.Fprintln(w, "This game is not being saved (start it with --save FILE to keep it).")
					continue
				}
				save()
				fmt.Fprintf(w, "Saved in %s.\n", o.SavePath)
			case cmd == "q" || cmd == "quit" || cmd == "exit":
				save()
				fmt.Fprintf(w, "\n%s\n", quitText(o))
				return false, nil
			default:
				fmt.Fprintf(w, "%q is not a command. Type a number to choose, or ? for help.\n", line)
			}
		}
	}
	w.Flush()
	return true, nil
}

func isNumber(s string) bool {
	_, err := strconv.Atoi(s)
	return err == nil
}

// autoTarget reads the argument of the auto command: nothing (this turn
// only), a number of turns, a year to play to, or "end". It returns the
// first turn the player decides again.
func autoTarget(g *Game, arg string) (int, string) {
	t, _ := g.Turn()
	cal := g.cfg.Scenario.Calendar
	if arg == "" {
		return t + 1, ""
	}
	if arg == "end" {
		return cal.Turns() + 1, ""
	}
	n, err := strconv.Atoi(arg)
	switch {
	case err != nil || n < 1:
		return 0, "Type a alone (this turn), a and a number of turns (a 4), a year to play to (a 2008) or a end."
	case n >= 1000:
		if n <= cal.DateOf(t).Year {
			return 0, fmt.Sprintf("It is already %d; give a later year.", cal.DateOf(t).Year)
		}
		return cal.TurnOf(sim.Date{Year: n, Month: 1}), ""
	}
	return t + n, ""
}

// doneText says what the player's state did in a turn.
func doneText(g *Game, r *Record) string {
	if r.Done.Action == "" {
		return "nothing"
	}
	text := lowerFirst(Describe(g.cfg.Scenario, r.Done.Action, r.Done.Target))
	if r.Done.Outcome == "refused" {
		text += " (" + g.cfg.Scenario.AgentName(r.Done.With) + " refused)"
	}
	return text
}

func quitText(o Options) string {
	if o.Save == nil {
		return "Game stopped. It was not saved."
	}
	return fmt.Sprintf("Game saved in %s. Go on with: sim play --load %s", o.SavePath, o.SavePath)
}

// intro greets the player: who they are, what has happened, how to play.
func (s *screen) intro(w io.Writer, resumed bool, o Options) {
	sc := s.sc()
	me := s.g.cfg.Agent
	_, label := s.g.Turn()
	end := sc.Calendar.Label(sc.Calendar.Turns() - 1)
	if o.Clear {
		fmt.Fprint(w, "\x1b[H\x1b[2J")
	}
	title := sc.Title
	if title == "" {
		title = sc.Name
	}
	fmt.Fprintf(w, "caspian %s %s\n%s\n\n", s.gl.dash, title, strings.Repeat(s.gl.rule, screenWidth))
	if resumed {
		fmt.Fprintf(w, "Welcome back. You govern %s; the game goes on at %s.\n", s.name(me), label)
		s.g.seen = len(s.g.rec.Decisions())
		fmt.Fprint(w, "\nPress Enter to go on.")
		return
	}
	others := len(sc.Agents) - 1
	fmt.Fprintln(w, wrapText(fmt.Sprintf("You govern %s from %s to %s, one quarter at a time. The %d other "+
		"states are played by the model: each weighs its security, its energy income and its place between "+
		"the two poles, and picks the action that serves them best, with some chance of another. You are "+
		"scored by the same rule.", s.name(me), label, end, others), screenWidth-1))
	cur, _ := s.g.Turn()
	var past []string
	first := len(s.g.rec.Decisions())
	for i, d := range s.g.rec.Decisions() {
		if d.Turn >= cur {
			first = i
			break
		}
		if d.Key || d.Actor == me || d.Target == me {
			past = append(past, d.Label+"  "+s.event(&d))
		}
	}
	s.g.seen = first
	if len(past) > 0 {
		fmt.Fprintf(w, "\nWhat has happened so far (history is fixed until %s):\n", label)
		for _, p := range past {
			fmt.Fprintf(w, "  %s %s\n", s.gl.bullet, clip(p, screenWidth-4, s.gl.ell))
		}
	}
	fmt.Fprintln(w, "\nEach quarter the screen shows the news, your state and your options, best")
	fmt.Fprintln(w, "first, with what each is expected to gain you over the next quarter. Type the")
	fmt.Fprintln(w, "number of an option and press Enter. ? explains the commands.")
	if o.SavePath != "" {
		fmt.Fprintf(w, "The game is saved after every move in %s.\n", o.SavePath)
	}
	fmt.Fprint(w, "\nPress Enter to begin.")
}

// help explains the commands.
func help(w io.Writer, o Options) {
	fmt.Fprint(w, `
Commands (type one and press Enter):
  1, 2, ...   take that option           0       do nothing this quarter
  m           list all the options       ? N     explain option N
  e           everything that happened since your last move
  v           your state, relations and projects in full
  a           let the model choose for you this quarter
  a 4         ... for the next 4 quarters; a 2008: until 2008; a end: to the end
  s           save the game              q       save and quit

Reading the options: "net" is what the option is expected to add to your
utility over the next quarter, in points (1 point = 0.001), after its cost;
the other columns split it by interest (security, energy, alignment,
conflict), each already multiplied by the weight you give it. An option
marked "would refuse" needs a partner who would say no: you may still try,
and it will be refused. Long-term moves, such as committing to a pipeline,
are valued by what they bring once built, discounted for the wait.
`)
	if o.SavePath != "" {
		fmt.Fprintf(w, "Your game is saved in %s.\n", o.SavePath)
	}
}

// explain describes option n in full.
func (s *screen) explain(w io.Writer, n int) {
	fmt.Fprintln(w)
	if n == 0 {
		fmt.Fprintln(w, "0  Do nothing: your state takes no action this quarter. Nothing changes")
		fmt.Fprintln(w, "   by your hand; the others still act, and alignments still drift.")
		return
	}
	_, _, c, _, _ := s.g.Numbered(n)
	fmt.Fprintf(w, "%d  %s\n", n, Describe(s.sc(), c.Action, c.Target))
	if info, ok := sim.Kinds[c.Action]; ok {
		fmt.Fprintf(w, "   What it does: %s.\n", info.Summary)
	}
	fmt.Fprintf(w, "   Expected gain (points): security %s, energy %s, alignment %s, conflict %s,\n",
		strings.TrimSpace(num(c.Gain.Security)), strings.TrimSpace(num(c.Gain.Energy)),
		strings.TrimSpace(num(c.Gain.Alignment)), strings.TrimSpace(num(c.Gain.Conflict)))
	fmt.Fprintf(w, "   less a cost of %.1f: net %s.\n", c.Cost*Points, strings.TrimSpace(num(c.Net())))
	if c.With != "" {
		if c.Acceptable {
			fmt.Fprintf(w, "   It needs %s's consent, and %s would agree.\n", s.name(c.With), s.name(c.With))
		} else {
			fmt.Fprintf(w, "   It needs %s's consent, and %s would refuse: it would lose by it.\n", s.name(c.With), s.name(c.With))
		}
	}
	fmt.Fprintf(w, "   In a moves file: %s %s\n", c.Action, c.Target)
}

// allSince lists, in full, everything recorded since the player last
// looked, for the e command.
func (s *screen) allSince() []string {
	var out []string
	for _, d := range s.g.rec.Decisions()[s.g.seen:] {
		out = append(out, d.Label+"  "+s.event(&d))
	}
	return out
}

// wrapText breaks text into lines of at most n characters.
func wrapText(text string, n int) string {
	var b strings.Builder
	col := 0
	for _, word := range strings.Fields(text) {
		switch {
		case col == 0:
		case col+1+width(word) > n:
			b.WriteByte('\n')
			col = 0
		default:
			b.WriteByte(' ')
			col++
		}
		b.WriteString(word)
		col += width(word)
	}
	return b.String()
}
