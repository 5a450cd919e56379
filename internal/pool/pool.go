package pool

import (
	"context"
	"runtime"
	"sync"
)

// Options choose how Run runs its jobs.
type Options struct {
	// Workers is how many jobs run at once; 0 means one per processor.
	// It changes the speed, never what the caller is handed.
	Workers int
	// Progress, if set, is told the number of results handed over so
	// far after each one, from the goroutine that called Run.
	Progress func(done int)
}

// Run runs job(ctx, i) for every i from 0 to n-1 on up to o.Workers
// goroutines and hands each result to use(i, result) in the order of i,
// from the goroutine that called Run, one at a time; use may be nil.
//
// Results are handed over as soon as every job before them has been: a
// job that finishes early waits for those before it. At most two jobs
// per worker are running or waiting to be handed over, so memory does
// not grow with n however unevenly the jobs take, and a job does not
// start until the result that many places before it has been used.
//
// The first error in the order of i, from a job or from use, stops the
// rest once the results before it are in: no job starts after that, the
// ctx given to running jobs is cancelled, and Run returns that error as it is, once every
// goroutine it started has returned. Since results are taken in order,
// the jobs before a failed one finish and are used first, so the error
// returned is that of the lowest-numbered job that failed, whatever the
// number of workers. A cancelled ctx stops the work the same way, and
// Run returns ctx's error unless a job reported another one first; jobs
// should watch the ctx they are given for Run to return promptly.
func Run[T any](ctx context.Context, n int, o Options, job func(ctx context.Context, i int) (T, error), use func(i int, result T) error) error {
	if n < 1 {
		return nil
	}
	workers := o.Workers
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, n)

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	// A token is taken before a job is started and given back once its
	// result is used: that bounds the jobs under way or waiting, and so
	// the memory their results hold, to window.
	window := 2 * workers
	tokens := make(chan struct{}, window)
	jobs := make(chan int)
	type result struct {
		i     int
		value T
		err   error
	}
	// Never more than window results are outstanding, so a worker never
	// waits to send one.
	results := make(chan result, window)

	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(jobs)
		for i := range n {
			select {
			case tokens <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				if err := ctx.Err(); err != nil {
					results <- result{i: i, err: err}
					continue
				}
				v, err := job(ctx, i)
				results <- result{i, v, err}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()

	// pending[i%window] holds job i's result until every job before it
	// has been used; the tokens keep the jobs outstanding within one
	// window of next, so no two share a slot.
	pending := make([]result, window)
	ready := make([]bool, window)
	next := 0
	var failed error
	for r := range results {
		if failed != nil {
			continue // wait for the workers to stop
		}
		pending[r.i%window], ready[r.i%window] = r, true
		for next < n && ready[next%window] {
			p := pending[next%window]
			pending[next%window], ready[next%window] = result{}, false
			err := p.err
			if err == nil && use != nil {
				err = use(next, p.value)
			}
			if err != nil {
				failed = err
				cancel()
				break
			}
			next++
			<-tokens
			if o.Progress != nil {
				o.Progress(next)
			}
		}
	}
	if failed != nil {
		return failed
	}
	if next < n {
		// The feeder stopped before any job failed: ctx was cancelled.
		return ctx.Err()
	}
	return nil
}
