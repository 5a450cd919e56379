package ensemble

import "sync"

// Statistics folded in parallel.
//
// Past Options.ExactRuns every cell's quantiles are P² estimates, which
// depend on the order of the values, so each cell must take the runs in
// run order. It need not take them on the same goroutine as every other
// cell: a folder splits the cells (turns × series) into contiguous
// ranges, one goroutine each, and every range takes every run in run
// order and folds only its own cells. Each cell then sees the same values
// in the same order as a single fold gives it, so the statistics are the
// same bytes whatever the number of ranges, and so whatever --workers.
// The rest of a run (its actions, the tracked series, the calendar) is
// folded as the run arrives, on the caller's goroutine.

// folder folds runs' cells into an aggregator over one or more ranges.
type folder struct {
	a       *aggregator
	ranges  []chan *record
	wg      sync.WaitGroup
	release func(*record)
}

// newFolder starts folding a's cells over n ranges (one, on the caller's
// goroutine, for n ≤ 1). release is given each record once every range
// has folded it, from whichever goroutine folded it last.
func newFolder(a *aggregator, n int, release func(*record)) *folder {
	f := &folder{a: a, release: release}
	n = min(n, len(a.cells))
	if n <= 1 {
		return f
	}
	cells := len(a.cells)
	for k := range n {
		lo, hi := k*cells/n, (k+1)*cells/n
		// A record waiting here holds its memory, so few wait: two per
		// range keep the ranges busy while the runs arrive.
		in := make(chan *record, 2)
		f.ranges = append(f.ranges, in)
		f.wg.Add(1)
		go func() {
			defer f.wg.Done()
			scratch := make([]float64, 0, a.cap)
			for r := range in {
				a.foldCells(r, lo, hi, &scratch)
				if r.unfolded.Add(-1) == 0 {
					release(r)
				}
			}
		}()
	}
	return f
}

// add folds in run r; runs must come in run order.
func (f *folder) add(r *record) {
	if len(f.ranges) == 0 {
		f.a.add(r)
		f.release(r)
		return
	}
	f.a.addRun(r)
	r.unfolded.Store(int32(len(f.ranges)))
	for _, in := range f.ranges {
		in <- r
	}
}

// wait lets the ranges finish the runs given them and stops them.
func (f *folder) wait() {
	for _, in := range f.ranges {
		close(in)
	}
	f.wg.Wait()
}
