package play

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"caspian/sim"
)

// screenWidth is the width screens are laid out for: the narrowest usual
// terminal.
const screenWidth = 80

// topChoices is how many options a turn's screen lists before "more".
const topChoices = 9

// Points turns a utility gain into the points the screens show: a
// point is a thousandth of a state's utility.
const Points = 1000

// glyphs are the characters charts are drawn with.
type glyphs struct {
	spark            []string
	bar, dot, rule   string
	mid, left, right string
	bullet, dash     string
	ell              string
}

var (
	unicodeGlyphs = glyphs{
		spark: []string{"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"},
		bar:   "█", dot: "●", rule: "─", mid: "┼", left: "├", right: "┤",
		bullet: "•", dash: "—", ell: "…",
	}
	asciiGlyphs = glyphs{
		spark: []string{"_", ".", "-", "~", "=", "+", "*", "#"},
		bar:   "#", dot: "O", rule: "-", mid: "+", left: "|", right: "|",
		bullet: "*", dash: "-", ell: "...",
	}
)

// screen renders a game for a terminal.
type screen struct {
	g  *Game
	gl glyphs
}

func newScreen(g *Game, ascii bool) *screen {
	s := &screen{g: g, gl: unicodeGlyphs}
	if ascii {
		s.gl = asciiGlyphs
	}
	return s
}

func (s *screen) sc() *sim.Scenario { return s.g.cfg.Scenario }

// name is the display name of agent id.
func (s *screen) name(id string) string { return s.sc().AgentName(id) }

// turnsLeft counts the turns the player still decides, the open one
// included.
func (s *screen) turnsLeft() (left, total int) {
	cal := s.sc().Calendar
	n := cal.Turns()
	first := cal.DecideFrom()
	t, _ := s.g.Turn()
	return n - t, n - first
}

// header is the line that opens every turn's screen.
func (s *screen) header(w io.Writer) {
	t, label := s.g.Turn()
	left, total := s.turnsLeft()
	cal := s.sc().Calendar
	first := cal.DecideFrom()
	right := fmt.Sprintf("%s %s turn %d of %d", label, s.gl.dash, t-first+1, total)
	_ = left
	lefttxt := "caspian " + s.gl.dash + " you are " + s.name(s.g.cfg.Agent)
	pad := max(1, screenWidth-width(lefttxt)-width(right))
	fmt.Fprintf(w, "%s%s%s\n", lefttxt, strings.Repeat(" ", pad), right)
	fmt.Fprintln(w, strings.Repeat(s.gl.rule, screenWidth))
}

// news lists what happened since the player last looked: the last turn's
// actions and this turn's events. It shows at most limit lines and says
// how many more there are.
func (s *screen) news(w io.Writer, limit int) {
	ds := s.g.rec.Decisions()[s.g.seen:]
	s.g.seen = len(s.g.rec.Decisions())
	cur, _ := s.g.Turn()
	var now, before []string
	for i := range ds {
		d := &ds[i]
		if !s.relevant(d) {
			continue
		}
		line := s.event(d)
		if d.Turn == cur {
			now = append(now, line)
		} else {
			before = append(before, d.Label+"  "+line)
		}
	}
	if len(before) > 0 {
		fmt.Fprintln(w, "Since your last move")
		s.lines(w, before, limit)
	}
	if len(now) > 0 {
		fmt.Fprintln(w, "This quarter, before you decide")
		s.lines(w, now, max(2, limit-len(before)))
	}
}

func (s *screen) lines(w io.Writer, ls []string, limit int) {
	if len(ls) > limit {
		// The latest news matters most: say how much earlier news there is.
		fmt.Fprintf(w, "  %s %d earlier (type e to see everything that happened)\n", s.gl.ell, len(ls)-limit+1)
		ls = ls[len(ls)-limit+1:]
	}
	for _, l := range ls {
		fmt.Fprintf(w, "  %s %s\n", s.gl.bullet, clip(l, screenWidth-4, s.gl.ell))
	}
}

// relevant keeps the player's own moves, moves aimed at the player,
// dated events, chance events and the end of wars.
func (s *screen) relevant(d *sim.Decision) bool {
	me := s.g.cfg.Agent
	switch {
	case d.Source != sim.ByAgent && d.Source != sim.ByPlayer:
		return true
	case d.Actor == me || d.Target == me || d.With == me:
		return true
	case d.Action == "commit_route" || d.Action == "rival_route" || d.Action == "escalate" || d.Action == "ceasefire":
		return true
	}
	return false
}

// event describes a decision in a line.
func (s *screen) event(d *sim.Decision) string {
	who := s.name(d.Actor)
	if d.Actor == s.g.cfg.Agent {
		who = "You"
	}
	switch d.Source {
	case sim.Scheduled:
		if d.Note != "" {
			return "Event: " + d.Note
		}
	case sim.ByChance:
		switch d.Action {
		case "coup":
			return fmt.Sprintf("Coup attempt in %s: %s", s.name(d.Target), d.Outcome)
		case "flare":
			return "Fighting flares up in " + s.conflictName(d.Target)
		case "price_shock":
			return "Oil price shock: " + d.Note
		}
	case sim.ByRule:
		return d.Note
	}
	text := who + ": " + lowerFirst(Describe(s.sc(), d.Action, d.Target))
	if d.Target == s.g.cfg.Agent && d.Actor != s.g.cfg.Agent {
		if me := s.name(d.Target); strings.HasSuffix(text, " "+me) {
			text = strings.TrimSuffix(text, me) + "you"
		}
	}
	switch d.Outcome {
	case sim.Refused:
		text += " " + s.gl.dash + " " + s.name(d.With) + " refused"
	case sim.Done, "":
	default:
		text += " (" + string(d.Outcome) + ")"
	}
	return text
}

func (s *screen) conflictName(id string) string {
	for _, c := range s.sc().Conflicts {
		if c.ID == id && c.Name != "" {
			return c.Name
		}
	}
	return id
}

// interests shows the player's alignment, security and revenue now, with
// a sparkline of their history.
func (s *screen) interests(w io.Writer) {
	sc := s.sc()
	me := s.g.cfg.Agent
	spec := sc.Agent(me)
	snaps := s.g.rec.Snapshots()
	idx := slices.IndexFunc(snaps[0].Agents, func(a sim.AgentState) bool { return a.ID == me })
	series := func(get func(*sim.AgentState) float64) []float64 {
		v := make([]float64, len(snaps))
		for i := range snaps {
			v[i] = get(&snaps[i].Agents[idx])
		}
		return v
	}
	al := series(func(a *sim.AgentState) float64 { return a.Alignment })
	se := series(func(a *sim.AgentState) float64 { return a.Security })
	rv := series(func(a *sim.AgentState) float64 { return a.Revenue })
	en := series(func(a *sim.AgentState) float64 { return a.Energy })
	neg, pos := sc.Axis.Labels()
	ideal := idealOf(spec)
	wt := spec.Weights
	const sparkW = 24
	last := len(snaps) - 1
	prev := max(0, last-1)
	fmt.Fprintf(w, "Your state (you weigh security %.1f, energy %.1f, alignment %.1f)\n", wt.Security, wt.Energy, wt.Alignment)
	fmt.Fprintf(w, "             %-*s %6s %7s\n", sparkW, "since "+snaps[0].Label, "now", "change")
	row := func(name string, vals []float64, lo, hi float64, format, note string) {
		fmt.Fprintf(w, "  %-10s %s "+format+"  %s   %s\n", name, s.spark(vals, lo, hi, sparkW), vals[last], signed(vals[last]-vals[prev]), note)
	}
	row("alignment", al, -1, 1, "%+6.2f", fmt.Sprintf("-1 %s, +1 %s", clip(neg, 8, s.gl.ell), clip(pos, 9, s.gl.ell)))
	fmt.Fprintf(w, "             %s  %s you  ^ your ideal\n", s.axis(al[last], ideal, sparkW-2, neg, pos), s.gl.dot)
	row("security", se, 0, 1, "%6.2f", "0 defenceless, 1 secure")
	if spec.EarnsIncome() {
		row("revenue", rv, 0, niceCeil(slices.Max(rv)), "%6.1f", "energy, US$ bn a year")
	} else {
		row("energy", en, 0, 1, "%6.2f", "supply security, 0 to 1")
	}
}

// relations shows the player's affinity with every other agent, two to
// a line.
func (s *screen) relations(w io.Writer) {
	sc := s.sc()
	me := s.g.cfg.Agent
	snap := s.g.rec.Snapshots()[len(s.g.rec.Snapshots())-1]
	var mine *sim.AgentState
	for i := range snap.Agents {
		if snap.Agents[i].ID == me {
			mine = &snap.Agents[i]
		}
	}
	fmt.Fprintln(w, "Your relations (-1 hostile, 0 neutral, +1 close)")
	var cells []string
	for j, a := range snap.Agents {
		if a.ID == me {
			continue
		}
		v := mine.Affinity[j]
		cells = append(cells, fmt.Sprintf("%-14s %+.2f %s", clip(sc.AgentName(a.ID), 14, s.gl.ell), v, s.affinityBar(v, 6)))
	}
	for i := 0; i < len(cells); i += 2 {
		if i+1 < len(cells) {
			fmt.Fprintf(w, "  %s   %s\n", pad(cells[i], 36), cells[i+1])
		} else {
			fmt.Fprintf(w, "  %s\n", cells[i])
		}
	}
}

// turnScreen is a turn's screen: the news, the player's state, relations
// and projects, and the best options. Where rows (the terminal's height)
// is known and that would not fit, it is the compact screen instead: the
// news, the state in one line, and as many options as fit above the
// prompt; v shows the rest.
func (s *screen) turnScreen(rows int) []byte {
	var b bytes.Buffer
	seen := s.g.seen
	s.header(&b)
	s.news(&b, 6)
	fmt.Fprintln(&b)
	s.panels(&b)
	s.options(&b, false, 0)
	if rows <= 0 || strings.Count(b.String(), "\n")+1 <= rows {
		return b.Bytes()
	}
	b.Reset()
	s.g.seen = seen
	s.header(&b)
	s.news(&b, 2)
	s.summary(&b)
	// Rows left for the list: the prompt, the options' two header lines,
	// "do nothing" and "more".
	left := rows - strings.Count(b.String(), "\n") - 5
	s.options(&b, false, max(1, left))
	return b.Bytes()
}

// panels writes the player's state, relations and projects.
func (s *screen) panels(w io.Writer) {
	s.interests(w)
	fmt.Fprintln(w)
	s.relations(w)
	fmt.Fprintln(w)
	s.projects(w, 4)
}

// summary is the compact screen's one line on the player's state, and a
// line on what else there is to see.
func (s *screen) summary(w io.Writer) {
	me := s.g.cfg.Agent
	spec := s.sc().Agent(me)
	snaps := s.g.rec.Snapshots()
	a := snaps[len(snaps)-1].Agent(me)
	ideal := idealOf(spec)
	line := fmt.Sprintf("You: alignment %+.2f (ideal %+.2f), security %.2f", a.Alignment, ideal, a.Security)
	if spec.EarnsIncome() {
		line += fmt.Sprintf(", revenue %.1f bn a year", a.Revenue)
	} else {
		line += fmt.Sprintf(", energy %.2f", a.Energy)
	}
	fmt.Fprintln(w, clip(line, screenWidth, s.gl.ell))
	fmt.Fprintln(w, "(v: your state, relations and projects; e: all the news)")
}

// projects lists the routes and treaties the player is party to that are
// being built, or that some party has committed to or signed: who has,
// who has not, and when a route opens. It prints nothing when there are
// none.
func (s *screen) projects(w io.Writer, limit int) {
	ps, err := s.g.w.Projects(s.g.cfg.Agent)
	if err != nil {
		return
	}
	var lines []string
	who := func(ids []string) string {
		names := make([]string, len(ids))
		for i, id := range ids {
			names[i] = s.name(id)
			if id == s.g.cfg.Agent {
				names[i] = "you"
			}
		}
		return strings.Join(names, ", ")
	}
	for _, p := range ps {
		name := p.Name
		if name == "" {
			name = p.ID
		}
		var what string
		switch {
		case p.Building:
			what = "being built, opens " + p.Opens
		case len(p.Agreed) == 0:
			continue
		default:
			verb := "committed"
			if p.Kind == "agreement" {
				verb = "signed"
			}
			what = verb + ": " + who(p.Agreed) + "; waiting for " + who(p.Waiting)
		}
		lines = append(lines, name+": "+what)
	}
	if len(lines) == 0 {
		return
	}
	fmt.Fprintln(w, "Your projects (pipelines and treaties under way)")
	for i, l := range lines {
		if i == limit {
			fmt.Fprintf(w, "  and %d more\n", len(lines)-limit)
			break
		}
		// A long line wraps, indented under its name.
		fmt.Fprintf(w, "  %s\n", strings.ReplaceAll(wrapText(l, screenWidth-4), "\n", "\n    "))
	}
	fmt.Fprintln(w)
}

// options lists the open turn's options: the best topChoices, all of
// them, or (lines above 0) as many of the best as fit in that many lines
// of the list.
func (s *screen) options(w io.Writer, all bool, lines int) {
	cs := s.g.Choices()
	fmt.Fprintf(w, "Your options%sexpected gain, in points (1 point = 0.001 of your utility)\n", strings.Repeat(" ", 6))
	fmt.Fprintf(w, "       %-38s %6s %6s %6s %6s %6s\n", "", "net", "secur", "energy", "align", "confl")
	n := len(cs)
	if !all {
		n = min(n, topChoices)
	}
	if lines > 0 {
		n = len(cs)
	}
	used := 0
	for i := range n {
		c := cs[i]
		desc := Describe(s.sc(), c.Action, c.Target)
		if !c.Acceptable {
			desc += " (" + s.name(c.With) + " would refuse)"
		}
		// A long name wraps onto the lines below rather than being cut.
		parts := strings.Split(wrapText(desc, 38), "\n")
		if lines > 0 && used+len(parts) > lines {
			n = i
			break
		}
		used += len(parts)
		fmt.Fprintf(w, "  %3d  %s %s %s %s %s %s\n", s.g.Number(c.Action, c.Target), pad(clip(parts[0], 38, s.gl.ell), 38),
			num(c.Net()), num(c.Gain.Security), num(c.Gain.Energy), num(c.Gain.Alignment), num(c.Gain.Conflict))
		for _, p := range parts[1:] {
			fmt.Fprintf(w, "       %s\n", p)
		}
	}
	fmt.Fprintf(w, "    0  %s %6s\n", pad("Do nothing", 38), "0.0")
	if !all && len(cs) > n {
		fmt.Fprintf(w, "    m  %s\n", fmt.Sprintf("More: all %d options (each keeps its number all game)", len(cs)))
	}
}

// prompt is the line that asks for the move.
func (s *screen) prompt(w io.Writer) {
	fmt.Fprint(w, "Your move (number; m more, ? help, a let the model choose, q quit): ")
}

// num writes a utility gain in points, 6 wide, with a dot for zero.
func num(v float64) string {
	p := v * Points
	if math.Abs(p) < 0.05 {
		return fmt.Sprintf("%6s", ".")
	}
	return fmt.Sprintf("%+6.1f", p)
}

func signed(v float64) string {
	if math.Abs(v) < 0.005 {
		return "  =  "
	}
	return fmt.Sprintf("%+5.2f", v)
}

// spark draws values as a sparkline of at most width characters, lo
// to hi.
func (s *screen) spark(vals []float64, lo, hi float64, width int) string {
	if len(vals) == 0 {
		return strings.Repeat(" ", width)
	}
	n := min(width, len(vals))
	var b strings.Builder
	for i := range n {
		// Each character stands for a slice of the turns; take its last.
		j := (i+1)*len(vals)/n - 1
		v := (vals[j] - lo) / (hi - lo)
		k := int(math.Round(v * float64(len(s.gl.spark)-1)))
		k = max(0, min(len(s.gl.spark)-1, k))
		b.WriteString(s.gl.spark[k])
	}
	return b.String() + strings.Repeat(" ", width-n)
}

// axis draws position x on the axis from -1 to +1, ideal marked.
func (s *screen) axis(x, ideal float64, w int, neg, pos string) string {
	cells := make([]string, w)
	for i := range cells {
		cells[i] = s.gl.rule
	}
	at := func(v float64) int { return max(0, min(w-1, int(math.Round((v+1)/2*float64(w-1))))) }
	cells[at(0)] = s.gl.mid
	cells[at(ideal)] = "^"
	cells[at(x)] = s.gl.dot
	return clip(neg, 7, s.gl.ell) + " " + s.gl.left + strings.Join(cells, "") + s.gl.right + " " + clip(pos, 9, s.gl.ell)
}

// affinityBar draws an affinity as a bar from the middle, half cells
// wide on each side.
func (s *screen) affinityBar(v float64, half int) string {
	n := int(math.Round(math.Abs(v) * float64(half)))
	left, right := strings.Repeat(" ", half), strings.Repeat(" ", half)
	if v < 0 {
		left = strings.Repeat(" ", half-n) + strings.Repeat(s.gl.bar, n)
	} else {
		right = strings.Repeat(s.gl.bar, n) + strings.Repeat(" ", half-n)
	}
	return left + s.gl.left + right
}

// Describe says what an action does, in words, with the scenario's
// names: "Security cooperation with Georgia".
func Describe(sc *sim.Scenario, action, target string) string {
	name := targetName(sc, action, target)
	switch action {
	case "arms_deal":
		return "Sell arms to " + name
	case "commit_route":
		if strings.Contains(strings.ToLower(name), "pipeline") || strings.Contains(strings.ToLower(name), "rail") {
			return "Commit to the " + name
		}
		return "Commit to the " + name + " pipeline"
	case "rival_route":
		return "Push your rival route " + name
	case "join":
		return "Join " + name
	case "leave":
		return "Leave " + name
	case "pressure":
		return "Economic pressure on " + name
	case "cutoff":
		return "Cut off " + name + "'s exports"
	case "back_coup":
		return "Back a coup in " + name
	case "security_coop":
		return "Security cooperation with " + name
	case "energy_coop":
		return "Energy cooperation with " + name
	case "sign_agreement":
		return "Sign: " + name
	case "mediate":
		return "Mediate in " + name
	case "escalate":
		return "Escalate the war in " + name
	case "ceasefire":
		return "Seek a ceasefire in " + name
	case "outreach":
		return "Cultural outreach to " + name
	case "partnership":
		return "Declare a partnership with " + name
	case None, "":
		return "Do nothing"
	case Auto:
		return "Let the model choose"
	}
	return strings.TrimSpace(strings.ReplaceAll(action, "_", " ") + " " + name)
}

// targetName is the display name of an action's target.
func targetName(sc *sim.Scenario, action, target string) string {
	info, ok := sim.Kinds[action]
	if !ok {
		return target
	}
	switch info.Target {
	case sim.AgentTarget:
		return sc.AgentName(target)
	case sim.RouteTarget:
		for _, r := range sc.Routes {
			if r.ID == target && r.Name != "" {
				return r.Name
			}
		}
	case sim.ConflictTarget:
		for _, c := range sc.Conflicts {
			if c.ID == target && c.Name != "" {
				return c.Name
			}
		}
	case sim.InstitutionTarget:
		for _, in := range sc.Institutions {
			if in.ID == target && in.Name != "" {
				return in.Name
			}
		}
	case sim.AgreementTarget:
		for _, a := range sc.Agreements {
			if a.ID == target && a.Name != "" {
				return a.Name
			}
		}
	}
	return target
}

// idealOf is the alignment a state's government prefers: its ideal, or
// where it starts.
func idealOf(a *sim.AgentSpec) float64 {
	if a.Ideal != nil {
		return *a.Ideal
	}
	return a.Alignment
}

// niceCeil rounds v up to 1, 2 or 5 times a power of ten.
func niceCeil(v float64) float64 {
	if v <= 0 {
		return 1
	}
	m := math.Pow(10, math.Floor(math.Log10(v)))
	for _, k := range []float64{1, 2, 5, 10} {
		if k*m >= v {
			return k * m
		}
	}
	return 10 * m
}

// width is the number of characters s takes on a terminal.
func width(s string) int { return utf8.RuneCountInString(s) }

// pad fills s with spaces to n characters.
func pad(s string, n int) string { return s + strings.Repeat(" ", max(0, n-width(s))) }

// clip shortens s to n characters, ending with ell when cut.
func clip(s string, n int, ell string) string {
	if width(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:max(0, n-width(ell))]) + ell
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	if len(r) > 1 && r[1] >= 'a' && r[1] <= 'z' {
		r[0] = []rune(strings.ToLower(string(r[0])))[0]
	}
	return string(r)
}
