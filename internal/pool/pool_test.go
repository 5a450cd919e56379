package pool

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"testing"

	"caspian/internal/leak"
	"time"
)

// Results are handed over in the order of the jobs, and progress counts
// up to n, whatever the number of workers, even when later jobs finish
// first.
func TestResultsInOrder(t *testing.T) {
	for _, tc := range []struct{ n, workers int }{
		{1, 1}, {20, 1}, {20, 2}, {20, 7}, {3, 7}, {50, 0},
	} {
		t.Run(fmt.Sprintf("n=%d,workers=%d", tc.n, tc.workers), func(t *testing.T) {
			leak.Check(t, func() {
				var got []int
				var done []int
				err := Run(context.Background(), tc.n, Options{Workers: tc.workers, Progress: func(d int) { done = append(done, d) }},
					func(_ context.Context, i int) (int, error) {
						// Later jobs take less time, so they finish first.
						time.Sleep(time.Duration(tc.n-i) * 100 * time.Microsecond)
						return i * i, nil
					},
					func(i, v int) error {
						if v != i*i {
							t.Errorf("job %d handed over %d", i, v)
						}
						got = append(got, i)
						return nil
					})
				if err != nil {
					t.Fatal(err)
				}
				want := make([]int, tc.n)
				for i := range want {
					want[i] = i
				}
				if !slices.Equal(got, want) {
					t.Errorf("handed over %v, want %v", got, want)
				}
				if want := append([]int(nil), want...); len(done) != tc.n || done[tc.n-1] != tc.n {
					t.Errorf("progress %v, want 1 to %d", done, tc.n)
				} else {
					for k := range want {
						want[k]++
					}
					if !slices.Equal(done, want) {
						t.Errorf("progress %v, want 1 to %d", done, tc.n)
					}
				}
			})
		})
	}
}

// The error of the lowest-numbered failing job is returned, even when a
// later one fails first; the jobs before it are all used, none after it,
// and the jobs after it stop.
func TestFirstErrorStopsTheRest(t *testing.T) {
	const n = 100
	for _, tc := range []struct {
		name    string
		workers int
		fail    []int // jobs that fail
		useFail int   // job whose use fails, -1 for none
		want    int   // the job whose error is returned
	}{
		{"one worker", 1, []int{5}, -1, 5},
		{"two workers", 2, []int{5}, -1, 5},
		{"later fails first", 7, []int{9, 4}, -1, 4},
		{"first job", 7, []int{0, 1, 2}, -1, 0},
		{"use fails", 2, nil, 6, 6},
		{"use fails before a job", 7, []int{8}, 3, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			leak.Check(t, func() {
				var started atomic.Int32
				var used []int
				start := time.Now()
				err := Run(context.Background(), n, Options{Workers: tc.workers},
					func(ctx context.Context, i int) (int, error) {
						started.Add(1)
						if slices.Contains(tc.fail, i) {
							// The lower failing job fails last.
							time.Sleep(time.Duration(10-i) * time.Millisecond)
							return 0, fmt.Errorf("job %d", i)
						}
						if i > tc.want {
							// Jobs after the failure run until stopped.
							select {
							case <-ctx.Done():
								return 0, ctx.Err()
							case <-time.After(10 * time.Second):
								return i, nil
							}
						}
						return i, nil
					},
					func(i, _ int) error {
						used = append(used, i)
						if i == tc.useFail {
							return fmt.Errorf("job %d", i)
						}
						return nil
					})
				if took := time.Since(start); took > 5*time.Second {
					t.Errorf("Run took %v: the jobs after the failure were not stopped", took)
				}
				if err == nil || err.Error() != fmt.Sprintf("job %d", tc.want) {
					t.Fatalf("error %v, want job %d's", err, tc.want)
				}
				wantUsed := tc.want
				if tc.useFail == tc.want {
					wantUsed++
				}
				if len(used) != wantUsed || (wantUsed > 0 && used[wantUsed-1] != wantUsed-1) {
					t.Errorf("used %v, want the %d jobs before %d", used, tc.want, tc.want)
				}
				if s := int(started.Load()); s > tc.want+2*tc.workers {
					t.Errorf("%d jobs started, want at most %d", s, tc.want+2*tc.workers)
				}
			})
		})
	}
}

// Cancelling ctx stops the jobs under way and starts no more; Run
// returns ctx's error promptly.
func TestCancelReturnsPromptly(t *testing.T) {
	for _, workers := range []int{1, 2, 7} {
		t.Run(fmt.Sprintf("workers=%d", workers), func(t *testing.T) {
			leak.Check(t, func() {
				ctx, cancel := context.WithCancel(context.Background())
				defer cancel()
				var started atomic.Int32
				var once sync.Once
				running := make(chan struct{})
				errc := make(chan error, 1)
				go func() {
					errc <- Run(ctx, 1000, Options{Workers: workers},
						func(ctx context.Context, i int) (int, error) {
							started.Add(1)
							once.Do(func() { close(running) })
							<-ctx.Done()
							return 0, ctx.Err()
						}, nil)
				}()
				<-running
				cancel()
				select {
				case err := <-errc:
					if !errors.Is(err, context.Canceled) {
						t.Errorf("error %v, want %v", err, context.Canceled)
					}
				case <-time.After(5 * time.Second):
					t.Fatal("Run did not return after its context was cancelled")
				}
				if s := started.Load(); s > int32(workers) {
					t.Errorf("%d jobs started, want at most %d", s, workers)
				}
			})
		})
	}
}

// A context cancelled before Run starts no job.
func TestCancelledBeforeStart(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	leak.Check(t, func() {
		err := Run(ctx, 10, Options{Workers: 2}, func(context.Context, int) (int, error) {
			t.Error("a job started")
			return 0, nil
		}, nil)
		if !errors.Is(err, context.Canceled) {
			t.Errorf("error %v, want %v", err, context.Canceled)
		}
	})
}

// While a job is slow, the others run at most two jobs per worker ahead
// of it: memory stays bounded whatever n.
func TestWindowBoundsJobsAhead(t *testing.T) {
	for _, workers := range []int{1, 2, 7} {
		t.Run(fmt.Sprintf("workers=%d", workers), func(t *testing.T) {
			release := make(chan struct{})
			var started atomic.Int32
			var once sync.Once
			errc := make(chan error, 1)
			go func() {
				errc <- Run(context.Background(), 1000, Options{Workers: workers},
					func(_ context.Context, i int) (int, error) {
						started.Add(1)
						if i == 0 {
							<-release
						}
						return i, nil
					}, nil)
			}()
			// Job 0 holds one worker; the others run ahead until the
			// window is full.
			want := 2 * workers
			if workers == 1 {
				want = 1
			}
			deadline := time.Now().Add(5 * time.Second)
			for int(started.Load()) < want && time.Now().Before(deadline) {
				time.Sleep(time.Millisecond)
			}
			time.Sleep(20 * time.Millisecond) // time to run further, were it allowed
			s := int(started.Load())
			once.Do(func() { close(release) })
			if err := <-errc; err != nil {
				t.Fatal(err)
			}
			if s != want {
				t.Errorf("%d jobs started while job 0 ran, want %d", s, want)
			}
		})
	}
}
