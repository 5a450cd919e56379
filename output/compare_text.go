package output

import (
	"fmt"
	"io"
	"math"
	"strings"

	"caspian/ensemble"
)

// WriteComparisonText tells in plain words how each scenario of c differs
// from the baseline: one sentence per row, under a heading per scenario.
func WriteComparisonText(w io.Writer, c *Comparison) {
	base := c.Scenarios[0]
	sc := base.Scenario
	words := rowWords{
		who:      sc.AgentName(c.Agent),
		producer: sc.Agent(c.Agent).EarnsIncome(),
	}
	words.neg, words.pos = sc.Axis.Labels()
	current := ""
	for _, r := range c.Rows {
		if r.Scenario != current {
			current = r.Scenario
			fmt.Fprintf(w, "\n%s compared with %s (medians of %s each, same random draws):\n", r.Scenario, r.Baseline, Plural(c.Runs, "run"))
		}
		fmt.Fprintf(w, "  %s.\n", words.sentence(r))
	}
}

// rowWords is what the sentences of a comparison need to know about the
// compared agent.
type rowWords struct {
	who      string
	neg, pos string
	// producer: the agent earns energy income, so its energy is money,
	// not supply security.
	producer bool
}

// sameBelow is the difference under which a sentence says "about the
// same": it would print as 0.00.
const sameBelow = 0.005

// sentence words one row: the change in the direction it goes, its
// interval in that direction and the verdict.
func (rw rowWords) sentence(r ensemble.ComparisonRow) string {
	d := r.Diff.Estimate
	change, unit := rw.change(r.Metric, d)
	than := "than"
	if change == "about the same" {
		than = "as"
	}
	// The interval is given in the direction the sentence names, so that
	// "0.20 lower (0.10 to 0.30)" reads without sign gymnastics.
	lo, hi := r.Diff.Low, r.Diff.High
	if d < 0 && change != "about the same" {
		lo, hi = -hi, -lo
	}
	metric := r.Metric
	if metric == "energy" && rw.producer {
		metric = "energy income"
	}
	return fmt.Sprintf("By %s %s's %s is %s in %s %s in %s (95 %% interval %s to %s%s)%s",
		r.Date, rw.who, metric, change, r.Scenario, than, r.Baseline, signed(lo), signed(hi), unit, verdictWords(r.Verdict))
}

// change words a difference d in metric, with the unit of its interval.
func (rw rowWords) change(metric string, d float64) (change, unit string) {
	if math.Abs(d) < sameBelow {
		if metric == "energy" && rw.producer {
			unit = " bn USD a year"
		}
		return "about the same", unit
	}
	switch {
	case metric == "alignment":
		toward := rw.pos
		if d < 0 {
			toward = rw.neg
		}
		return fmt.Sprintf("%.2f further toward %s", math.Abs(d), toward), ""
	case metric == "energy" && rw.producer:
		return fmt.Sprintf("%.2f bn USD a year %s", math.Abs(d), higher(d)), " bn USD a year"
	}
	return fmt.Sprintf("%.2f %s", math.Abs(d), higher(d)), ""
}

// verdictWords is the clause a sentence ends with for a verdict.
func verdictWords(v string) string {
	switch v {
	case ensemble.BandsApart:
		return ": the medians' intervals do not overlap"
	case ensemble.Excludes0:
		return ": the medians' intervals overlap, but the paired runs show a difference"
	}
	return ": no clear difference, as the interval includes zero"
}

func higher(d float64) string {
	if d < 0 {
		return "lower"
	}
	return "higher"
}

// signed writes v with two decimals and a true minus sign when negative;
// a value that rounds to zero has no sign.
func signed(v float64) string {
	s := fmt.Sprintf("%.2f", v)
	if s == "-0.00" {
		s = "0.00"
	}
	return strings.Replace(s, "-", "−", 1)
}

// Plural writes "1 run" or "n runs".
func Plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}
