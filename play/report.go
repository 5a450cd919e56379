package play

import (
	"bytes"
	"caspian/internal/atomicwrite"
	"fmt"
	"slices"
	"strings"

	"caspian/internal/page"
)

// Document is the debrief as a page: the text of Text, the figure, and
// the player's moves.
func (d *Debrief) Document() (*page.Doc, error) {
	png, err := d.PNG()
	if err != nil {
		return nil, err
	}
	g := d.Game
	sc := g.cfg.Scenario
	me := sc.AgentName(g.cfg.Agent)
	doc := &page.Doc{Title: fmt.Sprintf("Debrief: %s in %s", me, sc.Name)}
	if others := otherPlayers(g); others == "" {
		doc.Pf("Scenario **%s** (%s), seed %d, played as %s from %s to %s. The model played the other states, and "+
			"then played %s itself %d times with the same seed, to compare.", sc.Name, sc.Title, g.cfg.Seed, me,
			firstDecided(g), d.Last, me, len(d.Model))
	} else {
		doc.Pf("Scenario **%s** (%s), seed %d, played as %s from %s to %s. %s made their own moves, which stay as "+
			"they were in every comparison below; the model played the other states, and then played %s itself %d "+
			"times with the same seed, to compare.", sc.Name, sc.Title, g.cfg.Seed, me, firstDecided(g), d.Last,
			others, me, len(d.Model))
	}
	auto := len(g.records) - d.Decided
	doc.Pf("You decided %s (doing nothing in %d) and left %d to the model. Your move was the option the "+
		"model rated best in %d of the turns you decided; the median place of your move among the options was %.0f.",
		turnCount(d.Decided), d.Nothing, auto, d.Top, d.MedianRank)

	doc.H(1, "Where you ended")
	t := &page.Table{Header: []string{"", "you", "model: median", "model: 5–95 %", "you against the model", "unit"}, Right: []int{1, 2, 3}}
	for _, r := range d.End {
		t.Rows = append(t.Rows, []string{r.Name, r.format(r.You), r.format(r.Median),
			r.format(r.Lo) + " to " + r.format(r.Hi), r.verdict(), r.Unit})
	}
	doc.T(t)
	doc.Img("debrief.png", "Your path against the model's: alignment, security and revenue over time", png)

	doc.H(1, "Turning points")
	doc.P("The turns in which your path and the model's moved apart most, compared with run 0 of the model, which had " +
		"exactly the random draws of your game. Each change is yours less the model's over that one turn; " +
		"utility is in points (1 point = 0.001).")
	if len(d.Turning) == 0 {
		doc.P("None: you made the model's own choice every turn.")
	} else {
		t := &page.Table{Header: []string{"turn", "you", "the model", "alignment", "security", "revenue", "utility"}, Right: []int{3, 4, 5, 6}}
		for _, tp := range d.Turning {
			t.Rows = append(t.Rows, []string{tp.Label, tp.You, tp.Model, fmt.Sprintf("%+.3f", tp.Alignment),
				fmt.Sprintf("%+.3f", tp.Security), fmt.Sprintf("%+.2f", tp.Revenue), fmt.Sprintf("%+.1f", tp.Utility)})
		}
		doc.T(t)
	}

	doc.H(1, "Which decisions mattered most")
	if len(d.Mattered) == 0 {
		doc.P("No move to replay: you did nothing or let the model choose throughout.")
	} else {
		draws := d.Mattered[0].Draws
		doc.Pf("Each of these moves was replayed with the model's choice in its place and everything else as you played, "+
			"under %d sets of random draws (the coups, flare-ups and price shocks of your game, and %d others), each "+
			"against your own moves under the same draws. The differences are your values less the replay's at the end "+
			"(%s), the mean over the draws; utility is the mean difference, in points, from that turn to the end, with its "+
			"smallest and largest over the draws. A small difference means the game would have gone much the same way; "+
			"where the range spans zero the draws disagree on the sign, and chance mattered as much as the decision.",
			draws, draws-1, d.Last)
		t := &page.Table{Header: []string{"turn", "you", "the model instead", "alignment", "security", "revenue", "utility", "range over the draws"},
			Right: []int{3, 4, 5, 6, 7}}
		for _, r := range d.Mattered {
			t.Rows = append(t.Rows, []string{r.Label, r.You, r.Model, fmt.Sprintf("%+.3f", r.Alignment),
				fmt.Sprintf("%+.3f", r.Security), fmt.Sprintf("%+.2f", r.Revenue), fmt.Sprintf("%+.1f", r.Utility),
				fmt.Sprintf("%+.1f to %+.1f%s", r.UtilityLo, r.UtilityHi, chanceNote(r))})
		}
		doc.T(t)
	}

	doc.H(1, "Against history")
	if len(d.History) == 0 {
		doc.P("This scenario has no dated record of what happened after its forced history that sim can hold a game against.")
	} else {
		doc.P("The decisions of the scenario's dated record after its forced history (each event's source is in the " +
			"scenario file), when they happened in your game, and how often and when in the model's runs. None of them " +
			"is scheduled: they happen only if the states choose them.")
		t := &page.Table{Header: []string{"history", "what", "your game", "the model"}}
		for _, h := range d.History {
			t.Rows = append(t.Rows, []string{h.Date, h.Text, h.You, h.Model})
		}
		doc.T(t)
	}
	if g.cfg.Agent == "AZE" {
		doc.N("The bottom panel of the figure shows Azerbaijan's votes in the UN General Assembly, 1992–2013 " +
			"(`data/unga_agreement_by_year.csv`, from Voeten's roll-call data): agreement with the US less agreement with " +
			"Russia, over their sum. It shows the direction of Azerbaijan's diplomacy over time; it is not measured on " +
			"the model's axis, so compare its ups and downs with your path, not its level.")
	}

	doc.H(1, "Your moves")
	var b bytes.Buffer
	for _, r := range g.records {
		st := Step{Label: r.Label, Action: r.Action, Target: r.Target, Demand: r.Demand}
		line := st.String()
		if r.Action == Auto {
			line += "    # the model chose: " + recordText(sc, &r)
		} else if r.Done.Outcome == "refused" {
			line += "    # refused"
		}
		b.WriteString(line + "\n")
	}
	doc.Pre(b.String())
	return doc, nil
}

// firstDecided is the first turn the player decided.
func firstDecided(g *Game) string {
	if len(g.records) == 0 {
		return "-"
	}
	return g.records[0].Label
}

// turnCount is "1 turn" or "N turns".
func turnCount(n int) string {
	if n == 1 {
		return "1 turn"
	}
	return fmt.Sprintf("%d turns", n)
}

// otherPlayers names the states whose moves the game held fixed, "" if
// none: "Armenia and Georgia".
func otherPlayers(g *Game) string {
	var names []string
	for _, f := range g.cfg.Others {
		if n := g.cfg.Scenario.AgentName(f.Agent); !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// WriteFiles writes debrief.md, debrief.html and debrief.png into dir
// and returns their paths.
func (d *Debrief) WriteFiles(dir string) ([]string, error) {
	doc, err := d.Document()
	if err != nil {
		return nil, err
	}
	var md, html bytes.Buffer
	if err := doc.Markdown(&md); err != nil {
		return nil, err
	}
	if err := doc.HTML(&html); err != nil {
		return nil, err
	}
	var png []byte
	for _, bl := range doc.Blocks {
		if bl.Image != nil {
			png = bl.Image.Data
		}
	}
	return atomicwrite.All(dir, []atomicwrite.File{
		{Name: "debrief.html", Data: html.Bytes()}, {Name: "debrief.md", Data: md.Bytes()}, {Name: "debrief.png", Data: png}})
}
