// Command approximation measures what an approximation of the model
// (a value that trades accuracy for speed, such as model.revision) does to
// every series of a scenario, against Monte-Carlo noise:
//
//	go run ./scripts/approximation model.revision=0.5
//	go run ./scripts/approximation --runs 200 --scenario my.toml model.revision=0.25
//
// It runs the scenario three times, --runs runs each: as it is with seed
// A (--seed), as it is with seed B (--seed+1), and approximated with seed
// A. At every fourth snapshot (once a year) after the forced history it
// compares the median of every series (each agent's security, energy,
// alignment and the rest, each conflict's intensity, each route's flow):
// seed B against seed A, which differ by chance alone, and the
// approximation against seed A. A comparison counts as a difference when
// the bootstrap 95 % interval of the difference in medians excludes zero
// (as sim compare judges it). By chance alone about one comparison in
// twenty does; the share for seed B shows what chance gives here, and
// the share for the approximation above it is what the approximation
// moves.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"sort"
	"strings"

	"caspian/ensemble"
	"caspian/scenarios"
	"caspian/sim"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "approximation:", err)
		os.Exit(1)
	}
}

func run(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("approximation", flag.ContinueOnError)
	runs := fs.Int("runs", 200, "runs of each ensemble")
	seed := fs.Uint64("seed", 1, "seed A; seed B is the next one")
	scenario := fs.String("scenario", scenarios.Default, "scenario file or built-in name")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return fmt.Errorf("usage: approximation [--runs N] [--seed N] [--scenario S] PATH=VALUE...")
	}
	var sets []scenarios.Set
	for _, a := range fs.Args() {
		s, err := scenarios.ParseSet(a)
		if err != nil {
			return err
		}
		sets = append(sets, s)
	}
	exact, _, _, err := scenarios.Open(*scenario)
	if err != nil {
		return err
	}
	approx, _, _, err := scenarios.Open(*scenario, sets...)
	if err != nil {
		return err
	}
	// One run gives the layout and the calendar: the series to track.
	probe, err := ensemble.Run(context.Background(), exact, ensemble.Options{Seed: *seed, Runs: 1, Workers: 1})
	if err != nil {
		return err
	}
	turns := yearly(probe.Calendar, exact.Calendar.DecideFrom())
	if len(turns) == 0 {
		return fmt.Errorf("%s: no year after the forced history to compare", exact.Name)
	}
	var tracks []ensemble.Track
	for _, t := range turns {
		for _, s := range probe.Layout.Series {
			tracks = append(tracks, ensemble.Track{Turn: t, Entity: s.Entity, Metric: s.Metric})
		}
	}
	var stats [3]*ensemble.Stats // seed A, seed B, approximated with seed A
	for i, v := range []struct {
		sc   *sim.Scenario
		seed uint64
	}{{exact, *seed}, {exact, *seed + 1}, {approx, *seed}} {
		stats[i], err = ensemble.Run(context.Background(), v.sc, ensemble.Options{Seed: v.seed, Runs: *runs, Track: tracks, Turns: turns})
		if err != nil {
			return err
		}
	}
	c := compare(stats, probe.Layout.Series, turns, probe.Calendar, *seed)
	fmt.Fprintf(out, "%s, %d runs each, seeds %d and %d; approximation: %s\n", exact.Name, *runs, *seed, *seed+1, strings.Join(fs.Args(), " "))
	fmt.Fprintf(out, "%d series at %d dates (once a year from %s to %s): %d comparisons\n\n",
		len(probe.Layout.Series), len(turns), probe.Calendar[turns[0]].Label, probe.Calendar[turns[len(turns)-1]].Label, c.noise.all.n)
	c.report(out)
	return nil
}

// yearly lists the snapshot indices once a year after the forced history,
// which ends at turn first.
func yearly(calendar []ensemble.Turn, first int) []int {
	var turns []int
	for t, c := range calendar {
		if c.Turn > first && (c.Turn-first)%4 == 0 {
			turns = append(turns, t)
		}
	}
	return turns
}

// comparison holds what chance (noise) and the approximation (moved) do
// to the medians, and the approximation's differences.
type comparison struct {
	noise, moved *tally
	differences  []finding
}

// compare sets the medians of seed B (stats[1]) and of the approximation
// (stats[2]) against those of seed A (stats[0]), series by series and
// date by date.
func compare(stats [3]*ensemble.Stats, series []ensemble.Series, turns []int, calendar []ensemble.Turn, seed uint64) comparison {
	c := comparison{noise: newTally(), moved: newTally()}
	boot := ensemble.Bootstrap{Rand: rand.New(rand.NewPCG(seed, 7))}
	for _, t := range turns {
		for _, s := range series {
			base := stats[0].Values(t, s.Entity, s.Metric)
			dn := boot.MedianDiff(stats[1].Values(t, s.Entity, s.Metric), base)
			dx := boot.MedianDiff(stats[2].Values(t, s.Entity, s.Metric), base)
			c.noise.add(s.Metric, dn)
			c.moved.add(s.Metric, dx)
			if differs(dx) {
				c.differences = append(c.differences, finding{s, calendar[t].Label, dx})
			}
		}
	}
	sort.SliceStable(c.differences, func(i, j int) bool {
		return math.Abs(c.differences[i].d.Estimate) > math.Abs(c.differences[j].d.Estimate)
	})
	return c
}

// report writes the shares by metric and the largest differences.
func (c comparison) report(out io.Writer) {
	fmt.Fprintln(out, "Comparisons whose 95 % interval of the difference in medians excludes zero, and the largest difference in medians (in the metric's units):")
	fmt.Fprintf(out, "%-16s %8s   %-26s %-26s\n", "metric", "compared", "seed B against seed A", "approximation against A")
	for _, m := range c.noise.metrics() {
		n, v := c.noise.by[m], c.moved.by[m]
		fmt.Fprintf(out, "%-16s %8d   %5.1f %%, largest %8.3f   %5.1f %%, largest %8.3f\n", m, n.n, n.share(), n.largest, v.share(), v.largest)
	}
	// Metrics have their own units, so the largest differences are not
	// compared across them.
	fmt.Fprintf(out, "%-16s %8d   %5.1f %%%-19s %5.1f %%\n", "all", c.noise.all.n, c.noise.all.share(), "", c.moved.all.share())
	fmt.Fprintln(out)
	fmt.Fprintln(out, "The largest differences the approximation makes (difference in medians, 95 % interval):")
	for _, f := range c.differences[:min(15, len(c.differences))] {
		fmt.Fprintf(out, "  %-20s %-16s %-8s %+9.3f  [%+.3f, %+.3f]\n", f.s.Entity, f.s.Metric, f.date, f.d.Estimate, f.d.Low, f.d.High)
	}
}

// differs reports whether the interval of a difference excludes zero.
func differs(d ensemble.Interval) bool { return d.Low > 0 || d.High < 0 }

type finding struct {
	s    ensemble.Series
	date string
	d    ensemble.Interval
}

// count tallies comparisons: how many, how many differ, the largest
// difference in medians.
type count struct {
	n, differ int
	largest   float64
}

func (c *count) add(d ensemble.Interval) {
	if math.IsNaN(d.Estimate) {
		return
	}
	c.n++
	if differs(d) {
		c.differ++
	}
	c.largest = max(c.largest, math.Abs(d.Estimate))
}

func (c count) share() float64 { return 100 * float64(c.differ) / float64(max(1, c.n)) }

type tally struct {
	all count
	by  map[string]*count
}

func newTally() *tally { return &tally{by: map[string]*count{}} }

func (t *tally) add(metric string, d ensemble.Interval) {
	c := t.by[metric]
	if c == nil {
		c = &count{}
		t.by[metric] = c
	}
	c.add(d)
	t.all.add(d)
}

func (t *tally) metrics() []string {
	var ms []string
	for m := range t.by {
		ms = append(ms, m)
	}
	slices.Sort(ms)
	return ms
}
