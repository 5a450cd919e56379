package play

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sort"
	"strings"

	"caspian/ensemble"
	"caspian/internal/pool"
	"caspian/output"
	"caspian/sim"
)

// DebriefOptions size the work a debrief does.
type DebriefOptions struct {
	// Runs is how many times the model plays the game itself (default 20).
	Runs int
	// Workers is how many runs go at once (default: all cores). It
	// changes the speed, never the results.
	Workers int
	// Replays is how many of the player's moves are replayed with the
	// model's choice instead (default 5).
	Replays int
	// Draws is how many sets of random draws each replay is played
	// under, the game's own first (default 5).
	Draws int
	// Context, if set, stops the work early when it is cancelled;
	// NewDebrief then returns its error.
	Context context.Context
}

// Debrief compares a finished game with the model's own play.
type Debrief struct {
	Game  *Game
	Model []*output.Collector // the model's runs; run 0 has the game's random draws
	// End compares the final state.
	End []EndRow
	// Top counts the turns in which the player took the option the model
	// rated best; Decided those in which the player chose (not auto);
	// MedianRank is the median place of the player's choice.
	Top, Decided, Nothing int
	MedianRank            float64
	Turning               []TurningPoint
	Mattered              []Counterfactual
	History               []HistoryRow
	FirstLabel, Last      string
	// moved holds, for every turn in which the player's move differed
	// from the model's in run 0, how far the paths moved apart.
	moved map[string]float64
}

// EndRow is one interest at the end of the game: the player's value,
// the median and 5–95 % range of the model's runs, and how many runs
// ended below the player.
type EndRow struct {
	Name, Unit          string
	You, Median, Lo, Hi float64
	Below, Runs         int
	Digits              int
	Signed              bool
}

// TurningPoint is a turn in which the player's path and the model's (run
// 0: the same random draws) moved apart the most.
type TurningPoint struct {
	Label      string
	You, Model string
	// Changes in the gap between the player and the model over the turn.
	Alignment, Security, Revenue, Utility float64
}

// Counterfactual is one of the player's moves replayed with the model's choice
// instead, everything else as played, under several sets of random draws:
// the game's own and others, each against the player's moves played
// under the same draws.
type Counterfactual struct {
	Label      string
	You, Model string // Model: the model's choice under the game's draws
	// The player's final values less the replay's, and the difference in
	// utility (points) averaged over the rest of the game; each the mean
	// over the draws.
	Alignment, Security, Revenue, Utility float64
	// UtilityLo and UtilityHi are the smallest and largest utility
	// difference among the draws; Draws is how many there were.
	UtilityLo, UtilityHi float64
	Draws                int
}

// Chance reports whether the draws disagree on the sign of the
// decision's effect on utility, each side by at least the 0.05 points the
// debrief shows: then chance mattered as much as the decision.
func (c Counterfactual) Chance() bool { return c.UtilityLo <= -0.05 && c.UtilityHi >= 0.05 }

// HistoryRow holds a decision of the scenario's record against the game
// and the model.
type HistoryRow struct {
	Date, Text string
	You        string // the turn it happened in the game, or "never"
	Model      string // how often and when in the model's runs
}

// NewDebrief runs the model on the game's scenario and seed and compares
// the game with it. The game must be over.
func NewDebrief(g *Game, o DebriefOptions) (*Debrief, error) {
	if !g.Done() {
		return nil, fmt.Errorf("the game is not over")
	}
	if o.Runs < 1 {
		o.Runs = 20
	}
	if o.Workers < 1 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.Replays < 0 {
		o.Replays = 0
	} else if o.Replays == 0 {
		o.Replays = 5
	}
	if o.Draws < 1 {
		o.Draws = 5
	}
	if err := g.Err(); err != nil {
		return nil, err
	}
	if o.Context == nil {
		o.Context = context.Background()
	}
	model, err := modelRuns(g.cfg, o)
	if err != nil {
		return nil, err
	}
	d := &Debrief{Game: g, Model: model}
	snaps := g.rec.Snapshots()
	d.FirstLabel, d.Last = snaps[0].Label, snaps[len(snaps)-1].Label
	d.endRows()
	d.agreement()
	d.turningPoints()
	if err := d.replays(o); err != nil {
		return nil, err
	}
	if err := d.history(); err != nil {
		return nil, err
	}
	return d, nil
}

// modelRuns are the model's own plays of the game: runs 0, 1, … of its
// seed with the model choosing for the player's state too. Other states'
// moves held fixed (Config.Others) stay fixed, as far as they are on
// offer.
func modelRuns(cfg Config, o DebriefOptions) ([]*output.Collector, error) {
	model := make([]*output.Collector, o.Runs)
	if len(cfg.Others) == 0 {
		_, err := ensemble.Run(o.Context, cfg.Scenario, ensemble.Options{Seed: cfg.Seed, Runs: o.Runs, Workers: o.Workers, Turns: []int{-1},
			Keep: func(run int) sim.Recorder {
				model[run] = output.NewCollector(cfg.Scenario, run)
				return model[run]
			}})
		return model, err
	}
	play := func(_ context.Context, run int) (*output.Collector, error) {
		g, err := newGameRun(cfg, false, run)
		if err != nil {
			return nil, err
		}
		if err := Finish(g); err != nil {
			return nil, err
		}
		return g.rec, nil
	}
	keep := func(run int, c *output.Collector) error { model[run] = c; return nil }
	err := pool.Run(o.Context, o.Runs, pool.Options{Workers: o.Workers}, play, keep)
	return model, err
}

func final(c *output.Collector, id string) *sim.AgentState {
	s := c.Snapshots()
	return s[len(s)-1].Agent(id)
}

// interest is one of the quantities a debrief compares.
type interest struct {
	name, unit string
	get        func(*sim.AgentState) float64
	digits     int
	signed     bool
}

func (d *Debrief) interests() []interest {
	sc := d.Game.cfg.Scenario
	neg, pos := sc.Axis.Labels()
	out := []interest{
		{"alignment", fmt.Sprintf("-1 %s, +1 %s", neg, pos), func(a *sim.AgentState) float64 { return a.Alignment }, 2, true},
		{"security", "0 to 1", func(a *sim.AgentState) float64 { return a.Security }, 2, false},
	}
	spec := sc.Agent(d.Game.cfg.Agent)
	if spec.EarnsIncome() {
		out = append(out, interest{"revenue", "US$ bn a year", func(a *sim.AgentState) float64 { return a.Revenue }, 1, false})
	} else {
		out = append(out, interest{"energy", "supply security, 0 to 1", func(a *sim.AgentState) float64 { return a.Energy }, 2, false})
	}
	out = append(out, interest{"utility", "your weighted interests", func(a *sim.AgentState) float64 { return a.Utility }, 3, false})
	return out
}

func (d *Debrief) endRows() {
	me := d.Game.cfg.Agent
	for _, in := range d.interests() {
		you := in.get(final(d.Game.rec, me))
		vals := make([]float64, len(d.Model))
		below := 0
		for i, c := range d.Model {
			vals[i] = in.get(final(c, me))
			if vals[i] < you-1e-12 {
				below++
			}
		}
		slices.Sort(vals)
		d.End = append(d.End, EndRow{Name: in.name, Unit: in.unit, You: you,
			Median: ensemble.Quantile(vals, 0.5), Lo: ensemble.Quantile(vals, 0.05), Hi: ensemble.Quantile(vals, 0.95),
			Below: below, Runs: len(vals), Digits: in.digits, Signed: in.signed})
	}
}

func (d *Debrief) agreement() {
	var ranks []float64
	for _, r := range d.Game.records {
		if r.Action == Auto {
			continue
		}
		d.Decided++
		if r.Action == None {
			d.Nothing++
		}
		if r.Rank > 0 {
			ranks = append(ranks, float64(r.Rank))
			if r.Rank == 1 {
				d.Top++
			}
		}
	}
	slices.Sort(ranks)
	d.MedianRank = ensemble.Quantile(ranks, 0.5)
}

// modelMove is what agent did in turn t of run c, in words.
func modelMove(sc *sim.Scenario, c *output.Collector, agent string, t int) (string, string) {
	for _, dd := range c.Decisions() {
		if dd.Turn == t && dd.Actor == agent && (dd.Source == sim.ByAgent || dd.Source == sim.ByPlayer) {
			return dd.Action + " " + dd.Target, Describe(sc, dd.Action, dd.Target)
		}
	}
	return "none", "Do nothing"
}

func (d *Debrief) turningPoints() {
	g := d.Game
	me := g.cfg.Agent
	sc := g.cfg.Scenario
	ps, ms := g.rec.Snapshots(), d.Model[0].Snapshots()
	var tps []TurningPoint
	for _, r := range g.records {
		t := r.Turn
		if r.Action == Auto || t < 1 || t >= len(ps) || t >= len(ms) {
			continue
		}
		you := "none"
		if r.Done.Action != "" {
			you = r.Done.Action + " " + r.Done.Target
		}
		key, words := modelMove(sc, d.Model[0], me, t)
		if key == you {
			continue
		}
		gap := func(s []sim.Snapshot, k int, get func(*sim.AgentState) float64) float64 {
			return get(s[k].Agent(me))
		}
		diff := func(get func(*sim.AgentState) float64) float64 {
			return (gap(ps, t, get) - gap(ms, t, get)) - (gap(ps, t-1, get) - gap(ms, t-1, get))
		}
		tps = append(tps, TurningPoint{
			Label: r.Label, You: recordText(sc, &r), Model: words,
			Alignment: diff(func(a *sim.AgentState) float64 { return a.Alignment }),
			Security:  diff(func(a *sim.AgentState) float64 { return a.Security }),
			Revenue:   diff(func(a *sim.AgentState) float64 { return a.Revenue }),
			Utility:   diff(func(a *sim.AgentState) float64 { return a.Utility }) * Points,
		})
	}
	slices.SortStableFunc(tps, func(a, b TurningPoint) int { return cmp.Compare(math.Abs(b.Utility), math.Abs(a.Utility)) })
	d.moved = map[string]float64{}
	for _, tp := range tps {
		d.moved[tp.Label] = math.Abs(tp.Utility) + 1e-9
	}
	d.Turning = tps[:min(5, len(tps))]
}

// recordText says what the player did in a turn.
func recordText(sc *sim.Scenario, r *Record) string {
	if r.Done.Action == "" {
		return "Do nothing"
	}
	text := Describe(sc, r.Done.Action, r.Done.Target)
	if r.Done.Outcome == "refused" {
		text += " (refused)"
	}
	return text
}

// replays replays the game with one of the player's moves left to the
// model, for the moves whose turns moved the paths apart most.
func (d *Debrief) replays(o DebriefOptions) error {
	g := d.Game
	var picks []int // indices into records
	order := make([]int, 0, len(g.records))
	for i, r := range g.records {
		if r.Action != Auto && r.Action != None {
			order = append(order, i)
		}
	}
	// Rank the candidates by how much their turn moved the paths apart;
	// moves the model would have made too come last.
	moved := d.moved
	sort.SliceStable(order, func(a, b int) bool {
		ra, rb := g.records[order[a]], g.records[order[b]]
		ma, mb := moved[ra.Label], moved[rb.Label]
		if ma != mb {
			return ma > mb
		}
		// Then the moves furthest from the model's best.
		return ra.Best-ra.Net > rb.Best-rb.Net
	})
	picks = order[:min(o.Replays, len(order))]
	if len(picks) == 0 {
		return nil
	}
	// The player's moves under each set of draws (the game itself under
	// its own), then each pick swapped for the model's choice.
	played := make([]*Game, o.Draws)
	played[0] = g
	swapped := make([][]*Game, len(picks))
	for k := range swapped {
		swapped[k] = make([]*Game, o.Draws)
	}
	type job struct{ pick, draw int } // pick -1: the player's moves
	var jobs []job
	for r := 1; r < o.Draws; r++ {
		jobs = append(jobs, job{-1, r})
	}
	for k := range picks {
		for r := range o.Draws {
			jobs = append(jobs, job{k, r})
		}
	}
	replay := func(_ context.Context, n int) (*Game, error) {
		j := jobs[n]
		if j.pick < 0 {
			return d.replay(j.draw, -1)
		}
		return d.replay(j.draw, picks[j.pick])
	}
	keep := func(n int, alt *Game) error {
		if j := jobs[n]; j.pick < 0 {
			played[j.draw] = alt
		} else {
			swapped[j.pick][j.draw] = alt
		}
		return nil
	}
	if err := pool.Run(o.Context, len(jobs), pool.Options{Workers: o.Workers}, replay, keep); err != nil {
		return err
	}
	out := make([]Counterfactual, len(picks))
	for k, i := range picks {
		out[k] = d.counterfactual(i, played, swapped[k])
	}
	out = slices.DeleteFunc(out, func(c Counterfactual) bool { return c.You == c.Model })
	slices.SortStableFunc(out, func(a, b Counterfactual) int { return cmp.Compare(math.Abs(b.Utility), math.Abs(a.Utility)) })
	d.Mattered = out
	return nil
}

// replay plays the game's moves again under the random draws of run draw
// (0: the game's own), with record swap (if not -1) left to the model.
// Once one decision differs, or under other draws, a move may no longer
// be open (a treaty already signed, a bloc already left): the state then
// does nothing that turn.
func (d *Debrief) replay(draw, swap int) (*Game, error) {
	g := d.Game
	alt, err := newGameRun(g.cfg, false, draw)
	if err != nil {
		return nil, err
	}
	for k, r := range g.records {
		action, target := r.Action, r.Target
		if k == swap {
			action, target = Auto, ""
		}
		demand := r.Demand
		if k == swap {
			demand = ""
		}
		if err := alt.MoveDemand(action, target, demand); err != nil {
			if alt.Err() != nil || (draw == 0 && k <= swap) || !strings.Contains(err.Error(), "not among its options") {
				return nil, fmt.Errorf("replaying %s: %w", r.Label, err)
			}
			if err := alt.Move(None, ""); err != nil {
				return nil, fmt.Errorf("replaying %s: %w", r.Label, err)
			}
		}
	}
	if err := Finish(alt); err != nil {
		return nil, err
	}
	return alt, nil
}

// counterfactual compares the player's games (one per set of draws) with
// the same games with record i left to the model.
func (d *Debrief) counterfactual(i int, played, swapped []*Game) Counterfactual {
	g := d.Game
	me := g.cfg.Agent
	sc := g.cfg.Scenario
	r := g.records[i]
	a := swapped[0].records[i]
	c := Counterfactual{Label: r.Label, You: recordText(sc, &r), Model: recordText(sc, &a), Draws: len(played),
		UtilityLo: math.Inf(1), UtilityHi: math.Inf(-1)}
	for k := range played {
		you, them := final(played[k].rec, me), final(swapped[k].rec, me)
		c.Alignment += you.Alignment - them.Alignment
		c.Security += you.Security - them.Security
		c.Revenue += you.Revenue - them.Revenue
		ps, as := played[k].rec.Snapshots(), swapped[k].rec.Snapshots()
		sum, n := 0.0, 0
		for t := r.Turn; t < len(ps) && t < len(as); t++ {
			sum += ps[t].Agent(me).Utility - as[t].Agent(me).Utility
			n++
		}
		u := sum / float64(max(1, n)) * Points
		c.Utility += u
		c.UtilityLo, c.UtilityHi = min(c.UtilityLo, u), max(c.UtilityHi, u)
	}
	k := float64(len(played))
	c.Alignment, c.Security, c.Revenue, c.Utility = c.Alignment/k, c.Security/k, c.Revenue/k, c.Utility/k
	return c
}

// history sets the scenario's record after its forced history against
// the game and the model's runs.
func (d *Debrief) history() error {
	g := d.Game
	ms, err := applicable(g.cfg.Scenario, g.cfg.Agent)
	if err != nil {
		return err
	}
	for _, m := range ms {
		row := HistoryRow{Date: m.Date, Text: m.Text, You: "never"}
		if w := m.when(g.rec); w != "" {
			row.You = w
		}
		var when []string
		for _, c := range d.Model {
			if w := m.when(c); w != "" {
				when = append(when, w)
			}
		}
		if len(when) == 0 {
			row.Model = fmt.Sprintf("never (0 of %d runs)", len(d.Model))
		} else {
			slices.Sort(when)
			row.Model = fmt.Sprintf("%d of %d runs, median %s", len(when), len(d.Model), when[(len(when)-1)/2])
		}
		d.History = append(d.History, row)
	}
	return nil
}

// Figure draws the player's path against the model's runs: alignment,
// security and revenue, and for Azerbaijan the UN-vote index.
func (d *Debrief) Figure() (output.Drawer, error) {
	g := d.Game
	sc := g.cfg.Scenario
	me := g.cfg.Agent
	ps := output.Paths{
		Scenario: sc, Agent: me,
		Title:    fmt.Sprintf("Your %s against the model's", sc.AgentName(me)),
		Subtitle: fmt.Sprintf("%s, seed %d", sc.Name, g.cfg.Seed),
		Sets: []output.PathSet{
			{Label: "the model playing " + sc.AgentName(me), Runs: d.Model, Color: 1},
			{Label: "the model, same random draws as your game (run 0)", Runs: d.Model[:1], Dashed: true, Color: -1},
			{Label: "you", Runs: []*output.Collector{g.rec}, Bold: true, Color: 0},
		},
		Marks: true,
		Footnote: "Dotted verticals: the scenario's key events. The model's runs use the same seed as your game; " +
			"run 0 has exactly your random draws (coups, flare-ups, price shocks), so it shows what the model would have done in your world.",
	}
	if me == "AZE" {
		years, values := ungaIndex()
		ps.Ref = &output.RefPanel{
			Label:  "UN votes: index",
			Legend: "history: Azerbaijan's UN votes, (agreement with US − with Russia) / (sum): a relative signal, not the model's axis",
			Years:  years, Values: values, Lo: -1, Hi: 0,
		}
	}
	return output.PlotPaths(ps)
}

// PNG renders the figure.
func (d *Debrief) PNG() ([]byte, error) {
	f, err := d.Figure()
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	h := output.PathsHeight
	if d.Game.cfg.Agent == "AZE" {
		h = h * 7 / 6 // room for the UN-vote panel
	}
	if err := output.Render(&b, f, output.PathsWidth, h, "png"); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// format writes v with the row's digits.
func (r EndRow) format(v float64) string {
	if r.Signed {
		return fmt.Sprintf("%+.*f", r.Digits, v)
	}
	return fmt.Sprintf("%.*f", r.Digits, v)
}

// verdict places the player's value among the model's runs.
func (r EndRow) verdict() string {
	switch {
	case r.Below == r.Runs:
		return "higher than every run of the model"
	case r.Below == 0:
		return "lower than every run of the model"
	}
	return fmt.Sprintf("higher than %d of %d runs", r.Below, r.Runs)
}

// chanceNote marks a counterfactual whose draws disagree.
func chanceNote(c Counterfactual) string {
	if c.Chance() {
		return ": chance"
	}
	return ""
}

// Text writes the debrief for a terminal.
func (d *Debrief) Text(ascii bool) string {
	var b strings.Builder
	g := d.Game
	sc := g.cfg.Scenario
	me := sc.AgentName(g.cfg.Agent)
	gl := unicodeGlyphs
	if ascii {
		gl = asciiGlyphs
	}
	fmt.Fprintf(&b, "Debrief: %s in %s, seed %d\n%s\n", me, sc.Name, g.cfg.Seed, strings.Repeat(gl.rule, screenWidth))
	auto := len(g.records) - d.Decided
	fmt.Fprintf(&b, "You decided %s (doing nothing in %d) and left %d to the model.\n", turnCount(d.Decided), d.Nothing, auto)
	if d.Decided > 0 {
		fmt.Fprintf(&b, "Your move was the option the model rated best in %d of them; the median\nplace of your move among the options was %.0f.\n", d.Top, d.MedianRank)
	}
	fmt.Fprintf(&b, "\nWhere you ended, %s\n", d.Last)
	fmt.Fprintf(&b, "  %-10s %8s  %8s  %-18s\n", "", "you", "model", "model's 5-95%")
	for _, r := range d.End {
		fmt.Fprintf(&b, "  %-10s %8s  %8s  %-18s %s\n", r.Name, r.format(r.You), r.format(r.Median),
			r.format(r.Lo)+" to "+r.format(r.Hi), r.verdict())
	}
	fmt.Fprintf(&b, "  (model: the median of %d runs in which the model played %s itself)\n", len(d.Model), me)
	if len(d.Turning) > 0 {
		fmt.Fprintln(&b, "\nTurning points: the turns in which your path and the model's (same random")
		fmt.Fprintln(&b, "draws) moved apart most. Changes are yours less the model's over that turn.")
		for i, tp := range d.Turning {
			fmt.Fprintf(&b, "  %d. %s  you: %s\n", i+1, tp.Label, clip(tp.You, 58, gl.ell))
			fmt.Fprintf(&b, "              model: %s\n", clip(tp.Model, 58, gl.ell))
			fmt.Fprintf(&b, "              alignment %+.3f, security %+.3f, revenue %+.2f, utility %+.1f pts\n",
				tp.Alignment, tp.Security, tp.Revenue, tp.Utility)
		}
	}
	if len(d.Mattered) > 0 {
		draws := d.Mattered[0].Draws
		fmt.Fprintln(&b, "\nDecisions that mattered most: each replayed with the model's choice instead,")
		fmt.Fprintf(&b, "all else as you played, under %d sets of random draws (yours and %d others).\n", draws, draws-1)
		fmt.Fprintf(&b, "Differences are yours less the replay's in %s, the mean over the draws;\n", d.Last)
		fmt.Fprintln(&b, "utility is the mean difference from that turn on, in points, with its range.")
		fmt.Fprintln(&b, "Where the range spans zero the draws disagree: chance mattered as much as")
		fmt.Fprintln(&b, "the decision.")
		for i, r := range d.Mattered {
			fmt.Fprintf(&b, "  %d. %s  you: %s\n", i+1, r.Label, clip(r.You, 58, gl.ell))
			fmt.Fprintf(&b, "              model: %s\n", clip(r.Model, 58, gl.ell))
			fmt.Fprintf(&b, "              alignment %+.3f, security %+.3f, revenue %+.2f,\n", r.Alignment, r.Security, r.Revenue)
			fmt.Fprintf(&b, "              utility %+.1f pts (%+.1f to %+.1f%s)\n", r.Utility, r.UtilityLo, r.UtilityHi, chanceNote(r))
		}
	}
	if len(d.History) > 0 {
		fmt.Fprintln(&b, "\nAgainst history (the scenario's record after its forced history): when it")
		fmt.Fprintln(&b, "happened, in your game, in the model's runs")
		for _, h := range d.History {
			fmt.Fprintf(&b, "  %s  %s\n           you: %-8s model: %s\n", h.Date, clip(h.Text, 66, gl.ell), h.You, h.Model)
		}
	}
	return b.String()
}
