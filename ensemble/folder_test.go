package ensemble

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"caspian/sim"
)

// foldRuns folds runs of random values (a fixed stream, with a few NaNs
// and runs cut short) into a fresh aggregator over the given number of
// ranges, in the order given, and returns the statistics and how often
// each record was released.
func foldRuns(t testing.TB, ranges int, order []int) (*Stats, map[*record]int) {
	t.Helper()
	l := &Layout{Series: make([]Series, 23), index: map[Series]int{}}
	for i := range l.Series {
		l.Series[i] = Series{"X", fmt.Sprint(i)}
		l.index[l.Series[i]] = i
	}
	const turns = 17
	o := &Options{Runs: len(order), ExactRuns: 6, Track: []Track{{-1, "X", "3"}}}
	a, err := newAggregator(l, turns, o)
	if err != nil {
		t.Fatal(err)
	}
	records := make([]*record, len(order))
	for run := range records {
		rng := rand.New(rand.NewPCG(uint64(run), 9))
		r := newRecord(l, turns)
		r.run, r.n = run, turns
		if run%7 == 3 {
			r.n = turns - 2
		}
		for i := range r.vals {
			r.vals[i] = rng.NormFloat64() * float64(1+i%5)
			if rng.IntN(50) == 0 {
				r.vals[i] = math.NaN()
			}
		}
		r.acts = append(r.acts, actionKey{"A", "join", fmt.Sprint(run % 3), "done", sim.ByAgent})
		records[run] = r
	}
	released := make(chan *record, len(order))
	f := newFolder(a, ranges, func(r *record) { released <- r })
	for _, run := range order {
		f.add(records[run])
	}
	f.wait()
	close(released)
	count := map[*record]int{}
	for r := range released {
		count[r]++
	}
	return a.stats(), count
}

// Folding a run's cells over several ranges at once gives the same
// statistics, bit for bit, as one fold, past the switch to P² (which
// depends on the order of the values); and every record is released
// once, after every range has folded it.
func TestRangesFoldAsOne(t *testing.T) {
	order := make([]int, 40)
	for i := range order {
		order[i] = i
	}
	want, _ := foldRuns(t, 1, order)
	if want.Exact() {
		t.Fatal("the runs never reached P²")
	}
	for _, ranges := range []int{2, 3, 5, 17 * 23, 1000} {
		got, released := foldRuns(t, ranges, order)
		if dump(got) != dump(want) {
			t.Errorf("%d ranges: statistics differ from one fold", ranges)
		}
		if len(released) != len(order) {
			t.Errorf("%d ranges: %d records released, want %d", ranges, len(released), len(order))
		}
		for _, n := range released {
			if n != 1 {
				t.Errorf("%d ranges: a record released %d times", ranges, n)
				break
			}
		}
	}
	// The comparison can tell: the same runs in another order give other
	// estimates.
	swapped := append([]int(nil), order...)
	swapped[20], swapped[30] = swapped[30], swapped[20]
	if other, _ := foldRuns(t, 2, swapped); dump(other) == dump(want) {
		t.Error("runs folded out of order gave the same statistics")
	}
}

// BenchmarkFoldRanges folds one run of the default scenario's size past
// the switch to P² over one range and over one per core: the time the
// statistics take per run, and how it divides across cores.
func BenchmarkFoldRanges(b *testing.B) {
	l := &Layout{Series: make([]Series, 115)}
	const turns = 137
	for _, ranges := range []int{1, 2} {
		b.Run(fmt.Sprintf("ranges=%d", ranges), func(b *testing.B) {
			o := &Options{Runs: 1 << 30, ExactRuns: 20}
			a, err := newAggregator(l, turns, o)
			if err != nil {
				b.Fatal(err)
			}
			// Enough records that the ranges are never short of work.
			recs := make([]*record, 8)
			free := make(chan *record, len(recs))
			rng := rand.New(rand.NewPCG(1, 1))
			for i := range recs {
				recs[i] = newRecord(l, turns)
				recs[i].n = turns
				for k := range recs[i].vals {
					recs[i].vals[k] = rng.NormFloat64()
				}
				free <- recs[i]
			}
			f := newFolder(a, ranges, func(r *record) { free <- r })
			for range 30 {
				f.add(<-free)
			}
			for b.Loop() {
				f.add(<-free)
			}
			f.wait()
		})
	}
}

// Folding over several ranges allocates nothing per run either, before
// and after the switch to P²: records go round through the ranges and
// back to the caller.
func TestFoldRangesAllocateNothing(t *testing.T) {
	l := &Layout{Series: make([]Series, 50)}
	const turns = 20
	o := &Options{Runs: 400, ExactRuns: 100}
	a, err := newAggregator(l, turns, o)
	if err != nil {
		t.Fatal(err)
	}
	recs := make([]*record, 4)
	free := make(chan *record, len(recs))
	for i := range recs {
		recs[i] = newRecord(l, turns)
		recs[i].n = turns
		recs[i].acts = append(recs[i].acts, actionKey{"A", "join", "bloc", "done", sim.ByAgent})
		free <- recs[i]
	}
	f := newFolder(a, 3, func(r *record) { free <- r })
	defer f.wait()
	rng := rand.New(rand.NewPCG(1, 1))
	feed := func() {
		r := <-free
		for i := range r.vals {
			r.vals[i] = rng.NormFloat64()
		}
		f.add(r)
	}
	feed()
	if n := testing.AllocsPerRun(50, feed); n != 0 {
		t.Errorf("%v allocations per run while exact", n)
	}
	for range 100 { // past the switch to P²
		feed()
	}
	if n := testing.AllocsPerRun(100, feed); n != 0 {
		t.Errorf("%v allocations per run on P²", n)
	}
}
