package sweep

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"caspian/output"
	"caspian/scenarios"
	"caspian/sim"
)

// testGrid is the grid testdata/grid was swept over.
func testGrid(t *testing.T) *Design {
	t.Helper()
	d, err := Grid([]Param{
		{Path: "agents.AZE.stability", Lo: 0.2, Hi: 0.8, Levels: 3},
		{Path: "agents.ARM.stability", Lo: 0.3, Hi: 0.9, Levels: 2},
	})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// testJob is a job of every point of d on testdata/small.toml, 2 runs
// each with seed 1, as testdata/grid was made.
func testJob(d *Design, workers int) *Job {
	return &Job{Design: d, Points: d.AllPoints(), Seed: 1, Runs: 2, Workers: workers,
		Open: func(k int) (*sim.Scenario, error) {
			sc, _, _, err := scenarios.OpenWith(filepath.Join("testdata", "small.toml"), scenarios.Options{Sets: d.Sets(k)})
			return sc, err
		}}
}

// A sweep's rows are the same whatever the number of workers, and the
// same as the sweep.csv the command writes; the points are handed over
// in the order of the job's points.
func TestRunRowsDoNotDependOnWorkers(t *testing.T) {
	d := testGrid(t)
	want := readTestFile(t, filepath.Join("testdata", "grid", "whole", "sweep.csv"))
	for _, workers := range []int{1, 3, 8} {
		job := testJob(d, workers)
		rows := map[int][][]string{}
		var order []int
		job.Done = func(k int, r [][]string) error {
			if rows[k] != nil {
				t.Errorf("point %d done twice", k)
			}
			rows[k] = r
			order = append(order, k)
			return nil
		}
		var mu sync.Mutex
		runs := 0
		job.Progress = func(n int) { mu.Lock(); runs = n; mu.Unlock() }
		if err := job.Run(context.Background()); err != nil {
			t.Fatal(err)
		}
		table := &output.SweepTable{Header: output.SweepHeader(d.Paths())}
		for k := range d.Points {
			if err := d.CheckRows(k, rows[k], 4); err != nil {
				t.Errorf("%d workers: %v", workers, err)
			}
			table.Rows = append(table.Rows, rows[k]...)
		}
		if _, got := writeSweep(t, &output.SweepSummary{}, table); got != want {
			t.Errorf("%d workers: sweep.csv\n%s\nwant\n%s", workers, got, want)
		}
		if !slices.Equal(order, job.Points) {
			t.Errorf("%d workers: points done in the order %v, want %v", workers, order, job.Points)
		}
		if runs != 2*len(d.Points) {
			t.Errorf("%d workers: progress ended at %d runs, want %d", workers, runs, 2*len(d.Points))
		}
	}
}

// A point that cannot be opened, or whose rows cannot be kept, stops the
// sweep with an error that names the point, the first of the job's
// points when several fail, whatever the number of workers; a cancelled
// sweep stops with the context's error.
func TestRunStops(t *testing.T) {
	d := testGrid(t)
	broken := errors.New("broken")
	tests := []struct {
		name string
		set  func(j *Job, cancel context.CancelFunc)
		want string
	}{
		{"a point does not open", func(j *Job, _ context.CancelFunc) {
			open := j.Open
			j.Open = func(k int) (*sim.Scenario, error) {
				if k == 4 {
					return nil, broken
				}
				return open(k)
			}
		}, "point 4 (agents.AZE.stability=0.8, agents.ARM.stability=0.3): broken"},
		{"two points do not open", func(j *Job, _ context.CancelFunc) {
			open := j.Open
			j.Open = func(k int) (*sim.Scenario, error) {
				if k == 2 || k == 5 {
					return nil, broken
				}
				return open(k)
			}
		}, "point 2 (agents.AZE.stability=0.5, agents.ARM.stability=0.3): broken"},
		{"a point is not kept", func(j *Job, _ context.CancelFunc) {
			j.Done = func(k int, _ [][]string) error {
				if k == 1 {
					return broken
				}
				return nil
			}
		}, "point 1 (agents.AZE.stability=0.2, agents.ARM.stability=0.9): broken"},
		{"cancelled", func(_ *Job, cancel context.CancelFunc) { cancel() }, context.Canceled.Error()},
	}
	for _, tt := range tests {
		for _, workers := range []int{2, 8} {
			t.Run(fmt.Sprintf("%s/workers=%d", tt.name, workers), func(t *testing.T) {
				ctx, cancel := context.WithCancel(context.Background())
				defer cancel()
				job := testJob(d, workers)
				job.Done = func(int, [][]string) error { return nil }
				tt.set(job, cancel)
				err := job.Run(ctx)
				if err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Errorf("got %v, want %q", err, tt.want)
				}
			})
		}
	}
}

func TestDescribeAndSets(t *testing.T) {
	d := testGrid(t)
	if got, want := d.Describe(3), "point 3 (agents.AZE.stability=0.5, agents.ARM.stability=0.9)"; got != want {
		t.Errorf("Describe(3) = %q, want %q", got, want)
	}
	sets := d.Sets(3)
	if len(sets) != 2 || sets[0] != (scenarios.Set{Path: "agents.AZE.stability", Value: "0.5"}) || sets[1] != (scenarios.Set{Path: "agents.ARM.stability", Value: "0.9"}) {
		t.Errorf("Sets(3) = %v", sets)
	}
}
