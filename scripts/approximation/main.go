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
	first := exact.Calendar.DecideFrom()
	var tracks []ensemble.Track
	var turns []int
	for t, c := range probe.Calendar {
		if c.Turn > first && (c.Turn-first)%4 == 0 {
			turns = append(turns, t)
		}
	}
	for _, t := range turns {
		for _, s := range probe.Layout.Series {
			tracks = append(tracks, ensemble.Track{Turn: t, Entity: s.Entity, Metric: s.Metric})
		}
	}
	ens := func(sc *sim.Scenario, seed uint64) (*ensemble.Stats, error) {
		return ensemble.Run(context.Background(), sc, ensemble.Options{Seed: seed, Runs: *runs, Track: tracks, Turns: turns})
	}
	a, err := ens(exact, *seed)
	if err != nil {
		return err
	}
	b, err := ens(exact, *seed+1)
	if err != nil {
		return err
	}
	x, err := ens(approx, *seed)
	if err != nil {
		return err
	}

	noise, moved := newTally(), newTally()
	boot := ensemble.Bootstrap{Rand: rand.New(rand.NewPCG(*seed, 7))}
	var worst []finding
	for _, t := range turns {
		for _, s := range probe.Layout.Series {
			base := a.Values(t, s.Entity, s.Metric)
			dn := boot.MedianDiff(b.Values(t, s.Entity, s.Metric), base)
			dx := boot.MedianDiff(x.Values(t, s.Entity, s.Metric), base)
			noise.add(s.Metric, dn)
			moved.add(s.Metric, dx)
			if differs(dx) {
				worst = append(worst, finding{s, probe.Calendar[t].Label, dx})
			}
		}
	}

	fmt.Fprintf(out, "%s, %d runs each, seeds %d and %d; approximation: %s\n", exact.Name, *runs, *seed, *seed+1, strings.Join(fs.Args(), " "))
	fmt.Fprintf(out, "%d series at %d dates (once a year from %s to %s): %d comparisons\n\n",
		len(probe.Layout.Series), len(turns), probe.Calendar[turns[0]].Label, probe.Calendar[turns[len(turns)-1]].Label, noise.all.n)
	fmt.Fprintln(out, "Comparisons whose 95 % interval of the difference in medians excludes zero, and the largest difference in medians (in the metric's units):")
	fmt.Fprintf(out, "%-16s %8s   %-26s %-26s\n", "metric", "compared", "seed B against seed A", "approximation against A")
	row := func(m string, n, v *count) {
		fmt.Fprintf(out, "%-16s %8d   %5.1f %%, largest %8.3f   %5.1f %%, largest %8.3f\n", m, n.n, n.share(), n.largest, v.share(), v.largest)
	}
	for _, m := range noise.metrics() {
		row(m, noise.by[m], moved.by[m])
	}
	// Metrics have their own units, so the largest differences are not
	// compared across them.
	fmt.Fprintf(out, "%-16s %8d   %5.1f %%%-19s %5.1f %%\n", "all", noise.all.n, noise.all.share(), "", moved.all.share())
	fmt.Fprintln(out)

	sort.SliceStable(worst, func(i, j int) bool { return math.Abs(worst[i].d.Estimate) > math.Abs(worst[j].d.Estimate) })
	fmt.Fprintln(out, "The largest differences the approximation makes (difference in medians, 95 % interval):")
	for _, f := range worst[:min(15, len(worst))] {
		fmt.Fprintf(out, "  %-20s %-16s %-8s %+9.3f  [%+.3f, %+.3f]\n", f.s.Entity, f.s.Metric, f.date, f.d.Estimate, f.d.Low, f.d.High)
	}
	return nil
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
