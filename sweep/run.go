package sweep

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"caspian/ensemble"
	"caspian/internal/pool"
	"caspian/output"
	"caspian/scenarios"
	"caspian/sim"
)

// Metrics are the end-state metrics sweep.csv gives for every agent, in
// the order of its rows.
var Metrics = []string{"alignment", "security", "energy"}

// Job is the work of a sweep, or of one shard of it: the ensembles of
// some of a design's points, every point run Runs times with the same
// random draws, so that points differ only by their parameter values.
type Job struct {
	Design *Design
	// Points are the indices in Design.Points to run: all of them, a
	// shard's, or those an interrupted sweep had not finished.
	Points []int
	Seed   uint64
	Runs   int
	// Workers is the number of cores to use; it changes the speed,
	// never the rows.
	Workers int
	// Open opens point k's scenario. It is called as the point starts
	// rather than for all points up front, so that memory does not grow
	// with the number of points.
	Open func(k int) (*sim.Scenario, error)
	// Progress, if set, is told the number of runs finished so far over
	// all points, one call at a time.
	Progress func(runs int)
	// Done, which must be set, is given each finished point's rows of
	// sweep.csv, one call at a time, in the order of Points: a point
	// that finishes before those ahead of it waits for them. An error
	// from it stops the sweep. It is where a point is kept before the
	// sweep goes on.
	Done func(k int, rows [][]string) error
}

// Run runs the job's points, several at once when there are more
// workers than runs per point, since one ensemble then cannot keep every
// core busy. Each point's rows are the same whatever the order and the
// number of workers. A point that fails stops those after it, once
// those before it are done, and its error is returned with the point
// named; a cancelled ctx stops the sweep with ctx's error.
func (j *Job) Run(ctx context.Context) error {
	n := len(j.Points)
	parallel := max(1, min(n, j.Workers/j.Runs))
	per := max(1, j.Workers/parallel)
	progress := j.progress(n)
	runPoint := func(ctx context.Context, i int) ([][]string, error) {
		rows, err := j.runPoint(ctx, i, per, progress)
		if err != nil && !errors.Is(err, context.Canceled) {
			return nil, fmt.Errorf("%s: %w", j.Design.Describe(j.Points[i]), err)
		}
		return rows, err
	}
	done := func(i int, rows [][]string) error {
		if err := j.Done(j.Points[i], rows); err != nil {
			return fmt.Errorf("%s: %w", j.Design.Describe(j.Points[i]), err)
		}
		return nil
	}
	return pool.Run(ctx, n, pool.Options{Workers: parallel}, runPoint, done)
}

// runPoint runs the ensemble of the i-th point of the job on workers
// cores and returns its rows; progress is told its runs so far.
func (j *Job) runPoint(ctx context.Context, i, workers int, progress func(i, runs int)) ([][]string, error) {
	k := j.Points[i]
	sc, err := j.Open(k)
	if err != nil {
		return nil, err
	}
	st, err := ensemble.Run(ctx, sc, ensemble.Options{
		Seed: j.Seed, Runs: j.Runs, Workers: workers, Turns: []int{-1},
		Progress: func(runs int) { progress(i, runs) },
	})
	if err != nil {
		return nil, err
	}
	return j.Design.rows(k, st), nil
}

// progress sums the runs finished at each of n points for j.Progress.
func (j *Job) progress(n int) func(i, runs int) {
	var mu sync.Mutex
	at := make([]int, n)
	total := 0
	return func(i, runs int) {
		mu.Lock()
		defer mu.Unlock()
		total += runs - at[i]
		at[i] = runs
		if j.Progress != nil {
			j.Progress(total)
		}
	}
}

// rows are point k's rows of sweep.csv: every agent's every metric at
// the last turn, across the runs. They are text, as written, so that a
// point kept in a journal and read back writes the same bytes.
func (d *Design) rows(k int, st *ensemble.Stats) [][]string {
	var rows [][]string
	last := len(st.Calendar) - 1
	for _, id := range st.Layout.Agents() {
		for _, m := range Metrics {
			c, _ := st.At(last, id, m)
			row := []string{strconv.Itoa(k)}
			for _, v := range d.Points[k] {
				row = append(row, Format(v))
			}
			row = append(row, id, m, strconv.Itoa(c.N), output.CSVNumber(c.Mean), output.CSVNumber(c.SD))
			for _, q := range c.Q {
				row = append(row, output.CSVNumber(q))
			}
			rows = append(rows, row)
		}
	}
	return rows
}

// Describe names point k for messages: "point 3 (a=0.5, b=2)".
func (d *Design) Describe(k int) string {
	var parts []string
	for i, p := range d.Params {
		parts = append(parts, p.Path+"="+Format(d.Points[k][i]))
	}
	return fmt.Sprintf("point %d (%s)", k, strings.Join(parts, ", "))
}

// Sets are the scenario overrides that put a scenario at point k.
func (d *Design) Sets(k int) []scenarios.Set {
	var sets []scenarios.Set
	for i, p := range d.Params {
		sets = append(sets, scenarios.Set{Path: p.Path, Value: Format(d.Points[k][i])})
	}
	return sets
}

// CheckRows checks point k's rows read back from a journal of a
// scenario of the given number of agents: their number, their width,
// their point and the point's values. The statistics are not checked:
// they are kept as they were computed.
func (d *Design) CheckRows(k int, rows [][]string, agents int) error {
	if want := agents * len(Metrics); len(rows) != want {
		return fmt.Errorf("point %d has %d rows, want %d", k, len(rows), want)
	}
	width := len(output.SweepHeader(d.Paths()))
	for _, rec := range rows {
		if len(rec) != width {
			return fmt.Errorf("point %d: a row has %d columns, want %d", k, len(rec), width)
		}
		r, err := output.ParseSweepRow(rec, len(d.Params))
		var bad *output.SweepFieldError
		if errors.As(err, &bad) && bad.Column == "point" {
			return fmt.Errorf("point %d: a row is of point %q", k, bad.Text)
		}
		if r.Point != k {
			return fmt.Errorf("point %d: a row is of point %q", k, strconv.Itoa(r.Point))
		}
		for i, v := range d.Points[k] {
			if r.Values[i] != Format(v) {
				return fmt.Errorf("point %d: %s is %s, but the design has %s", k, d.Params[i].Path, r.Values[i], Format(v))
			}
		}
	}
	return nil
}

// Summary is the summary.json of the job's sweep of sc. s brings what
// the command knows (Scenario, SHA256, Version, Overrides, Metric,
// Format, and Shard and ShardPoints for a shard); Summary adds the
// design, the runs and their seeds, and what the scenario says of its
// focal agent, which the plots and messages name.
func (j *Job) Summary(sc *sim.Scenario, s output.SweepSummary) *output.SweepSummary {
	d := j.Design
	s.Command, s.ScenarioName, s.Title = "sweep", sc.Name, sc.Title
	if s.Title == "" {
		s.Title = s.Scenario
	}
	s.Seed, s.Design, s.Points, s.RunsPerPoint = j.Seed, d.Kind, len(d.Points), j.Runs
	s.Focal, s.FocalName = sc.Focal, sc.AgentName(sc.Focal)
	s.NegativeLabel, s.PositiveLabel = sc.Axis.Labels()
	s.EnergyLabel = output.EnergyLabel(sc.Agent(sc.Focal).EarnsIncome())
	s.Outputs = "every agent's alignment, security and energy at the last turn across the runs of each point"
	s.SeedRule, s.RunSeeds = output.SweepSeedRule, output.SweepRunSeeds(j.Seed, j.Runs)
	s.Params = nil
	for _, p := range d.Params {
		s.Params = append(s.Params, output.SweepParam{Path: p.Path, Lo: p.Lo, Hi: p.Hi, Levels: p.Levels})
	}
	return &s
}

// AllPoints are the indices of every point of the design, in order.
func (d *Design) AllPoints() []int {
	points := make([]int, len(d.Points))
	for k := range points {
		points[k] = k
	}
	return points
}
