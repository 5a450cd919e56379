package ensemble

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"runtime/debug"

	"caspian/internal/pool"
	"caspian/sim"
)

// DefaultExactRuns is the number of runs up to which quantiles are exact.
const DefaultExactRuns = 1000

// Options choose how an ensemble runs.
type Options struct {
	// Seed is the master seed: run i draws from sim.RunSeed(Seed, i).
	Seed uint64
	// Runs is the number of replicates, at least 1.
	Runs int
	// Workers is how many runs go at once; 0 means one per processor. It
	// changes the speed, never the results.
	Workers int
	// Sim switches parts of the model off; its Seed and Run are set by
	// the ensemble.
	Sim sim.Options
	// Keep, if set, is asked for a recorder for every run; a non-nil one
	// receives that run's full record, from the goroutine that runs it.
	Keep func(run int) sim.Recorder
	// Turns lists the snapshot indices to summarise (negative ones count
	// from the end: -1 is the last turn); nil summarises every turn.
	Turns []int
	// Track lists series whose value in every run is kept, at one turn
	// each, for bootstraps and other statistics the summaries lack.
	Track []Track
	// ExactRuns is the number of runs up to which quantiles are exact;
	// 0 means DefaultExactRuns. It must be at least 5.
	ExactRuns int
	// Progress, if set, is called after each run is handed to the
	// statistics with the number done so far, from the goroutine that
	// called Run.
	Progress func(done int)
}

// Track names a series at one snapshot index (negative from the end).
type Track struct {
	Turn           int
	Entity, Metric string
}

// Run runs o.Runs replicates of sc and returns their statistics. It stops
// early, with ctx's error, when ctx is cancelled; a run that fails stops
// the ensemble with that run's error.
func Run(ctx context.Context, sc *sim.Scenario, o Options) (*Stats, error) {
	if o.Runs < 1 {
		return nil, fmt.Errorf("runs must be at least 1, got %d", o.Runs)
	}
	if o.ExactRuns == 0 {
		o.ExactRuns = DefaultExactRuns
	}
	if o.ExactRuns < 5 {
		return nil, fmt.Errorf("ExactRuns must be at least 5, got %d", o.ExactRuns)
	}
	workers := o.Workers
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, o.Runs)

	// Build one world up front: it checks the scenario, so every run fails
	// the same way or none does, and its first snapshot gives the layout.
	w, err := sim.New(sc, runOptions(&o, 0))
	if err != nil {
		return nil, err
	}
	var pr probe
	w.Start(&pr)
	if pr.layout == nil {
		return nil, errors.New("the engine recorded no turn")
	}
	snapshots := sc.Calendar.Turns()
	agg, err := newAggregator(pr.layout, snapshots, &o)
	if err != nil {
		return nil, err
	}

	// Runs are summarised strictly in run order, as the pool hands them
	// over; a summarised run's record is taken up by a later run, so no
	// more records are made than the pool keeps under way or waiting.
	free := make(chan *record, 2*workers)
	runOne := func(ctx context.Context, run int) (*record, error) {
		var rec *record
		select {
		case rec = <-free:
		default:
			rec = newRecord(pr.layout, snapshots)
		}
		var keep sim.Recorder
		if o.Keep != nil {
			keep = o.Keep(run)
		}
		rec.reset(run, keep)
		if err := runWorld(ctx, sc, runOptions(&o, run), rec); err != nil && rec.err == nil {
			rec.err = err
		}
		if rec.err == nil && rec.n != snapshots {
			rec.err = fmt.Errorf("recorded %d turns, the calendar has %d", rec.n, snapshots)
		}
		if err := rec.err; err != nil {
			if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
				return nil, err
			}
			return nil, fmt.Errorf("run %d: %w", run, err)
		}
		return rec, nil
	}
	// The statistics fold each run's cells over as many ranges as there
	// are workers (see folder), so that folding keeps up with the runs
	// on many cores.
	fold := newFolder(agg, workers, func(rec *record) {
		select {
		case free <- rec:
		default:
		}
	})
	summarise := func(_ int, rec *record) error {
		rec.keep = nil
		fold.add(rec)
		return nil
	}
	err = pool.Run(ctx, o.Runs, pool.Options{Workers: workers, Progress: o.Progress}, runOne, summarise)
	fold.wait()
	if err != nil {
		return nil, err
	}
	return agg.stats(), nil
}

// runOptions are the engine options of run.
func runOptions(o *Options, run int) sim.Options {
	so := o.Sim
	so.Seed = o.Seed
	so.Run = run
	return so
}

// runWorld steps one world to the end, checking ctx between turns.
func runWorld(ctx context.Context, sc *sim.Scenario, so sim.Options, rec sim.Recorder) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("internal error: %v\n%s", p, debug.Stack())
		}
	}()
	w, err := sim.New(sc, so)
	if err != nil {
		return err
	}
	w.Start(rec)
	for !w.Done() {
		if err := ctx.Err(); err != nil {
			return err
		}
		w.Step(rec)
	}
	return w.Err()
}

// FullRun is a run recorded in full elsewhere, such as by an
// output.Collector.
type FullRun struct {
	Snapshots []sim.Snapshot
	Decisions []sim.Decision
}

// Summarise computes the statistics of runs recorded in full, runs[i]
// being run i, exactly as Run would have from the same runs. Only
// o.Turns, o.Track and o.ExactRuns are used.
func Summarise(runs []FullRun, o Options) (*Stats, error) {
	if len(runs) == 0 || len(runs[0].Snapshots) == 0 {
		return nil, errors.New("no runs recorded")
	}
	o.Runs = len(runs)
	if o.ExactRuns == 0 {
		o.ExactRuns = DefaultExactRuns
	}
	if o.ExactRuns < 5 {
		return nil, fmt.Errorf("ExactRuns must be at least 5, got %d", o.ExactRuns)
	}
	layout := layoutOf(&runs[0].Snapshots[0])
	snapshots := len(runs[0].Snapshots)
	agg, err := newAggregator(layout, snapshots, &o)
	if err != nil {
		return nil, err
	}
	rec := newRecord(layout, snapshots)
	for i, r := range runs {
		rec.reset(i, nil)
		for k := range r.Decisions {
			rec.Decision(&r.Decisions[k])
		}
		for k := range r.Snapshots {
			rec.Turn(&r.Snapshots[k])
		}
		if rec.err == nil && rec.n != snapshots {
			rec.err = fmt.Errorf("recorded %d turns, run 0 has %d", rec.n, snapshots)
		}
		if rec.err != nil {
			return nil, fmt.Errorf("run %d: %w", i, rec.err)
		}
		agg.add(rec)
	}
	return agg.stats(), nil
}
