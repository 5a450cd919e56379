package output

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"

	"caspian/validation"
)

// WriteValidationText tells in plain words how a validation went: the
// verdict table, the series fits, the recorded decisions the agents made
// and the score.
func WriteValidationText(w io.Writer, rep *validation.Report) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  pattern\twindow\truns\tverdict\ttiming")
	for i := range rep.Patterns {
		p := &rep.Patterns[i]
		verdict := PatternVerdict(p)
		if p.OutOfSample {
			verdict += " (out of sample)"
		}
		share := Percent(p.Share)
		timing := ""
		if p.Timing != nil {
			timing = fmt.Sprintf("%+.1f y", p.Timing.Median)
		}
		if p.Series != nil {
			share = "-"
			timing = fmt.Sprintf("r %.2f, range %s", p.Series.Correlation, Percent(p.Series.RangeRatio))
		}
		fmt.Fprintf(tw, "  %s\t%s–%s\t%s\t%s\t%s\n", shortName(p.Name, patternNameWidth), p.From, p.Until, share, verdict, timing)
	}
	tw.Flush()
	if len(rep.Record) > 0 {
		reproduced := 0
		for _, r := range rep.Record {
			if r.Share >= validation.HoldShare {
				reproduced++
			}
		}
		fmt.Fprintf(w, "\nRecorded decisions after %s made by the agents within %d years in at least half the runs: %d of %d (record.csv).\n",
			rep.HistoryUntil, validation.RecordTolerance, reproduced, len(rep.Record))
	}
	quiet := 0
	for _, m := range rep.Mechanisms {
		if m.PerRun == 0 {
			quiet++
		}
	}
	fmt.Fprintf(w, "Mechanisms of the domain that acted: %d of %d (mechanisms.csv).\n", len(rep.Mechanisms)-quiet, len(rep.Mechanisms))
	sc := rep.Score
	fmt.Fprintf(w, "Score: %d of %d scored patterns hold in at least half of the runs (%s).\n", sc.Held, sc.Scored, Percent(sc.Share()))
}

// patternNameWidth is the most runes of a pattern's name the table
// shows, so that a row fits a terminal.
const patternNameWidth = 58

// WriteRobustnessText tells in plain words whether the verdicts hang on
// the choice temperature.
func WriteRobustnessText(w io.Writer, rob *validation.Robustness) {
	limit := Percent(validation.RobustnessLimit)
	if rob.LargestID == "" {
		fmt.Fprintf(w, "Temperature robustness: halving or doubling the choice temperature changes no scored pattern's share of runs (robustness.csv).\n")
		return
	}
	verdict := "within"
	if !rob.Holds() {
		verdict = "beyond"
	}
	fmt.Fprintf(w, "Temperature robustness: halving or doubling the choice temperature moves a scored pattern's share of runs by at most %s points (%s), %s the limit of %s points (robustness.csv).\n",
		strings.TrimSuffix(Percent(rob.Largest), " %"), rob.LargestID, verdict, strings.TrimSuffix(limit, " %"))
}

// Percent writes a share as a whole percentage, "80 %", or "n/a" for a
// share that could not be worked out.
func Percent(v float64) string {
	if math.IsNaN(v) {
		return "n/a"
	}
	return strconv.FormatFloat(100*v, 'f', 0, 64) + " %"
}

// shortName cuts s to n runes for a table.
func shortName(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
