package exercises

import (
	"bytes"
	"caspian/internal/atomicwrite"
	"fmt"
	"math"
	"strings"

	"caspian/internal/page"
	"caspian/output"

	"gonum.org/v1/plot/vg"
)

// figure is a rendered plot of a result.
type figure struct {
	file, alt, caption string
	png                []byte
}

// figures draws the comparison of every variant for each followed agent,
// and each variant's alignment plot.
func (r *Result) figures() ([]figure, error) {
	ex := r.Exercise
	agents := ex.Agents
	first := r.Variants[0]
	if len(agents) == 0 {
		agents = []string{first.Scenario.Focal}
	}
	var out []figure
	for _, id := range agents {
		name := id
		for _, a := range first.Scenario.Agents {
			if a.ID == id && a.Name != "" {
				name = a.Name
			}
		}
		var sets []output.PathSet
		colors := []int{1, 0, 2, 3, 4, 7, 8}
		for i, vr := range r.Variants {
			sets = append(sets, output.PathSet{Label: vr.Variant.Label, Runs: vr.Runs, Color: colors[i%len(colors)]})
		}
		d, err := output.PlotPaths(output.Paths{
			Scenario: first.Scenario, Agent: id,
			Title:    name + ": " + ex.Title,
			Subtitle: fmt.Sprintf("%d runs of each variant, seed %d", len(first.Runs), ex.Seed),
			Sets:     sets, Marks: true,
			Footnote: "Lines: the median of the runs; shaded: the middle 90 % of runs (5–95 %). Dotted verticals: the key events of the first variant.",
		})
		if err != nil {
			return nil, err
		}
		var b bytes.Buffer
		if err := output.Render(&b, d, output.PathsWidth, output.PathsHeight*3/4+output.PathsHeight/24*vg.Length(len(sets)), "png"); err != nil {
			return nil, err
		}
		out = append(out, figure{
			file: "compare-" + strings.ToLower(id) + ".png", png: b.Bytes(),
			alt:     name + "'s alignment, security and energy in each variant",
			caption: fmt.Sprintf("%s's alignment, security and energy over time in each variant.", name),
		})
	}
	for _, vr := range r.Variants {
		rep := &output.Report{Scenario: vr.Scenario, Name: vr.Name, Runs: len(vr.Runs), Collectors: vr.Runs, Version: r.Version}
		p, err := output.PlotAlignment(rep)
		if err != nil {
			return nil, err
		}
		var b bytes.Buffer
		if err := output.Render(&b, p, output.AlignmentWidth, output.AlignmentHeight, "png"); err != nil {
			return nil, err
		}
		out = append(out, figure{
			file: "alignment-" + vr.Variant.Name + ".png", png: b.Bytes(),
			alt:     "every state's alignment in " + vr.Variant.Label,
			caption: fmt.Sprintf("Every state's alignment in the variant \u201c%s\u201d.", vr.Variant.Label),
		})
	}
	return out, nil
}

// intro writes what both documents open with.
func (r *Result) intro(doc *page.Doc) {
	ex := r.Exercise
	doc.Pf("**Level:** %s. **Time:** about %d minutes. **Exercise:** `%s`.", ex.Level, ex.Minutes, ex.Name)
	doc.H(1, "Learning objectives")
	doc.L(ex.Objectives...)
	doc.H(1, "Background")
	for _, p := range strings.Split(strings.TrimSpace(ex.Background), "\n\n") {
		doc.P(p)
	}
	doc.H(1, "What is compared")
	var items []string
	for _, vr := range r.Variants {
		v := vr.Variant
		item := fmt.Sprintf("**%s** (`%s`): the scenario `%s`", v.Label, v.Name, vr.Name)
		var changes []string
		for _, c := range v.Set {
			changes = append(changes, fmt.Sprintf("`%s = %s`", c.Key, tomlText(c.Value)))
		}
		for _, k := range v.Remove {
			changes = append(changes, fmt.Sprintf("without `%s`", k))
		}
		if len(changes) > 0 {
			item += ", changed: " + strings.Join(changes, "; ")
		} else {
			item += ", as shipped"
		}
		items = append(items, item+".")
	}
	doc.L(items...)
	doc.Pf("Each variant was run %d times with seed %d: the runs differ in the random draws (coups, flare-ups, "+
		"price shocks, and the states' choices, which are likely but not certain), so the results show a median and "+
		"the range of the middle 90 %% of runs. The same command gives the same results: `sim exercise %s --out DIR`.",
		len(r.Variants[0].Runs), r.Exercise.Seed, ex.Name)
}

// results adds the table of measures.
func (r *Result) results(doc *page.Doc) {
	ex := r.Exercise
	if len(ex.Measures) == 0 {
		return
	}
	t := &page.Table{Header: []string{"measure"}}
	for _, vr := range r.Variants {
		t.Header = append(t.Header, vr.Variant.Label)
	}
	for i := range ex.Measures {
		m := &ex.Measures[i]
		row := []string{m.Label}
		for k := range r.Variants {
			row = append(row, m.Value(&r.Variants[k]).Text)
		}
		t.Rows = append(t.Rows, row)
	}
	doc.P("Numbers are the median of the runs with the middle 90 % in brackets; for events, the share of runs in which they happened and the median date.")
	doc.T(t)
}

// Worksheet is the students' document.
func (r *Result) Worksheet(figs []figure) *page.Doc {
	ex := r.Exercise
	doc := &page.Doc{Title: ex.Title}
	r.intro(doc)
	doc.H(1, "Results")
	for _, f := range figs {
		doc.Img(f.file, f.alt, f.png)
		doc.P("*" + f.caption + "*")
	}
	r.results(doc)
	doc.H(1, "Questions")
	var qs []string
	for _, q := range ex.Questions {
		qs = append(qs, q.Text)
	}
	doc.OL(qs...)
	if len(ex.Extensions) > 0 {
		doc.H(1, "Going further")
		doc.L(ex.Extensions...)
	}
	doc.Pf("Made with caspian %s.", r.Version)
	return doc
}

// Key is the instructor's document: the results, what they show, and
// discussion points for every question.
func (r *Result) Key(figs []figure) *page.Doc {
	ex := r.Exercise
	doc := &page.Doc{Title: "Instructor key: " + ex.Title}
	r.intro(doc)
	if strings.TrimSpace(ex.InstructorNotes) != "" {
		doc.H(1, "Notes for the instructor")
		for _, p := range strings.Split(strings.TrimSpace(ex.InstructorNotes), "\n\n") {
			doc.P(p)
		}
	}
	doc.H(1, "Results")
	r.results(doc)
	if obs := r.observations(); len(obs) > 0 {
		doc.Pf("What the numbers say, against the first variant (%s):", r.Variants[0].Variant.Label)
		doc.L(obs...)
	}
	for _, f := range figs {
		doc.Img(f.file, f.alt, f.png)
		doc.P("*" + f.caption + "*")
	}
	doc.H(1, "Questions and discussion points")
	for i := range ex.Questions {
		q := &ex.Questions[i]
		doc.H(2, fmt.Sprintf("Question %d", i+1))
		doc.Pf("**%s**", strings.Join(strings.Fields(q.Text), " "))
		for _, p := range strings.Split(strings.TrimSpace(r.Quote(q.Discussion)), "\n\n") {
			doc.P(p)
		}
		if len(q.Claims) > 0 {
			var lines []string
			for k := range q.Claims {
				v := r.Check(&q.Claims[k])
				verdict := "holds"
				if !v.Holds {
					verdict = "**does not hold in these runs**: read the discussion above with care"
				}
				lines = append(lines, v.Text+" — "+verdict+".")
			}
			doc.P("What this rests on, checked against the results above:")
			doc.L(lines...)
		}
	}
	doc.N("The model's numbers are not forecasts or measurements: capabilities, weights and affinities are the " +
		"scenario author's judgements (see the comments in the scenario file and docs/model.md). Use the results to " +
		"reason about mechanisms (what changes when one thing changes), not to predict.")
	doc.Pf("Made with caspian %s.", r.Version)
	return doc
}

// observations compares every measure of the other variants with the
// first.
func (r *Result) observations() []string {
	var out []string
	base := &r.Variants[0]
	for i := range r.Exercise.Measures {
		m := &r.Exercise.Measures[i]
		b := m.Value(base)
		for k := 1; k < len(r.Variants); k++ {
			vr := &r.Variants[k]
			c := m.Value(vr)
			switch {
			case m.Metric != "":
				diff := c.Median - b.Median
				overlap := c.Lo <= b.Hi && b.Lo <= c.Hi
				note := "the middle 90 % of runs do not overlap: a clear difference"
				if overlap {
					note = "the ranges overlap, so look at the spread before reading much into it"
				}
				if math.Abs(diff) < 0.005 {
					out = append(out, fmt.Sprintf("%s: no difference in %s (median %.2f).", m.Label, vr.Variant.Label, c.Median))
					continue
				}
				out = append(out, fmt.Sprintf("%s: %+.2f in %s against the first variant (median %.2f against %.2f); %s.",
					m.Label, diff, vr.Variant.Label, c.Median, b.Median, note))
			default:
				if c.Text != b.Text {
					out = append(out, fmt.Sprintf("%s: %s in %s, against %s.", m.Label, c.Text, vr.Variant.Label, b.Text))
				}
			}
		}
	}
	return out
}

// WriteDir runs nothing: it writes the documents of r into dir
// (worksheet.md, worksheet.html, key.md, key.html and the PNG plots),
// all or none of them, and returns the files written. Other files in dir
// stay.
func (r *Result) WriteDir(dir string) ([]string, error) {
	figs, err := r.figures()
	if err != nil {
		return nil, err
	}
	var out []atomicwrite.File
	for _, doc := range []struct {
		name string
		doc  *page.Doc
	}{{"worksheet", r.Worksheet(figs)}, {"key", r.Key(figs)}} {
		var md, html bytes.Buffer
		if err := doc.doc.Markdown(&md); err != nil {
			return nil, err
		}
		if err := doc.doc.HTML(&html); err != nil {
			return nil, err
		}
		out = append(out, atomicwrite.File{Name: doc.name + ".html", Data: html.Bytes()}, atomicwrite.File{Name: doc.name + ".md", Data: md.Bytes()})
	}
	for _, f := range figs {
		out = append(out, atomicwrite.File{Name: f.file, Data: f.png})
	}
	return atomicwrite.All(dir, out)
}

// tomlText writes a value as it would appear in a TOML file.
func tomlText(v any) string {
	switch x := v.(type) {
	case string:
		return fmt.Sprintf("%q", x)
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = tomlText(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	return fmt.Sprint(v)
}
