package ensemble

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"

	"caspian/internal/leak"
	"caspian/scenarios"
	"caspian/sim"
)

func small(t testing.TB) *sim.Scenario {
	t.Helper()
	sc, err := scenarios.Load("testdata/small.toml")
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// fullRuns records every value of every run, for exact reference
// statistics.
type fullRuns struct {
	layout *Layout
	vals   [][][]float64 // run, turn, series
}

type fullRec struct {
	f   *fullRuns
	run int
}

func (r fullRec) Turn(s *sim.Snapshot) {
	row := make([]float64, len(r.f.layout.Series))
	if err := r.f.layout.fill(row, s); err != nil {
		panic(err)
	}
	r.f.vals[r.run] = append(r.f.vals[r.run], row)
}

func (fullRec) Decision(*sim.Decision) {}

// dump writes every statistic as text, so two Stats compare as bytes
// (NaN included).
func dump(s *Stats) string {
	var b bytes.Buffer
	fmt.Fprintln(&b, s.Runs, s.Calendar, s.Turns)
	for k := range s.Turns {
		for i := range s.Layout.Series {
			fmt.Fprintf(&b, "%d %d %+v\n", k, i, s.Cell(k, i))
		}
	}
	fmt.Fprintln(&b, s.Actions)
	keys := make([]trackKey, 0, len(s.tracked))
	for k := range s.tracked {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b trackKey) int { return (a.turn-b.turn)*1000 + a.series - b.series })
	for _, k := range keys {
		fmt.Fprintln(&b, k, s.tracked[k])
	}
	return b.String()
}

func TestStreamingMatchesExact(t *testing.T) {
	sc := small(t)
	const runs = 12
	f := &fullRuns{vals: make([][][]float64, runs)}
	w, _ := sim.New(sc, sim.Options{})
	var pr probe
	w.Start(&pr)
	f.layout = pr.layout
	st, err := Run(context.Background(), sc, Options{
		Seed: 5, Runs: runs, Workers: 3,
		Keep: func(run int) sim.Recorder { return fullRec{f, run} },
	})
	if err != nil {
		t.Fatal(err)
	}
	if st.Runs != runs || !st.Exact() || len(st.Turns) != sc.Calendar.Turns() {
		t.Fatalf("runs %d exact %v turns %d", st.Runs, st.Exact(), len(st.Turns))
	}
	for k, turn := range st.Turns {
		for i := range st.Layout.Series {
			var x []float64
			for r := range runs {
				x = append(x, f.vals[r][turn][i])
			}
			want := Describe(x)
			if got := st.Cell(k, i); fmt.Sprint(got) != fmt.Sprint(want) {
				t.Fatalf("turn %d series %v: streaming %+v, exact %+v", turn, st.Layout.Series[i], got, want)
			}
		}
	}
}

func TestWorkerCountInvariance(t *testing.T) {
	sc := small(t)
	var want string
	for _, workers := range []int{1, 2, 7} {
		// ExactRuns 8 makes most of the 30 runs go through P² too.
		st, err := Run(context.Background(), sc, Options{
			Seed: 11, Runs: 30, Workers: workers, ExactRuns: 8,
			Track: []Track{{-1, "AZE", "alignment"}, {3, "ARM", "security"}},
		})
		if err != nil {
			t.Fatal(err)
		}
		got := dump(st)
		if want == "" {
			want = got
			continue
		}
		if got != want {
			t.Errorf("workers %d gave different statistics", workers)
		}
	}
}

// Run folds each run's cells over one range per worker; whatever the
// number of workers, past the switch to P² (which depends on the order
// of the values), the statistics are the same bytes as one aggregator's
// fold, on one goroutine, of the same runs in run order: every cell's
// summary, the actions and the tracked series.
func TestWorkersFoldAsOneAggregator(t *testing.T) {
	sc := small(t)
	snapshots := sc.Calendar.Turns()
	w, err := sim.New(sc, sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var pr probe
	w.Start(&pr)
	const runs = 30
	for _, workers := range []int{1, 2, 3, 4} {
		t.Run(fmt.Sprintf("workers=%d", workers), func(t *testing.T) {
			o := Options{
				Seed: 4, Runs: runs, Workers: workers, ExactRuns: 5,
				Track: []Track{{-1, "AZE", "alignment"}, {2, "ARM", "security"}},
			}
			// Each run is also recorded apart, as the ensemble records
			// it, for the reference fold.
			recs := make([]*record, runs)
			o.Keep = func(run int) sim.Recorder {
				recs[run] = newRecord(pr.layout, snapshots)
				recs[run].reset(run, nil)
				return recs[run]
			}
			st, err := Run(context.Background(), sc, o)
			if err != nil {
				t.Fatal(err)
			}
			if st.Exact() {
				t.Fatal("the runs never reached P²")
			}
			one, err := newAggregator(pr.layout, snapshots, &o)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range recs {
				if r.err != nil || r.n != snapshots {
					t.Fatalf("run %d recorded %d turns: %v", r.run, r.n, r.err)
				}
				one.add(r)
			}
			if got, want := dump(st), dump(one.stats()); got != want {
				t.Errorf("statistics differ from one aggregator's fold:\n%s", firstDiff(got, want))
			}
		})
	}
}

// firstDiff shows the first line where got and want differ.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			return fmt.Sprintf("line %d:\n got  %s\n want %s", i+1, g[i], w[i])
		}
	}
	return fmt.Sprintf("%d lines, want %d", len(g), len(w))
}

func TestRunsAreIndependentOfEnsembleSize(t *testing.T) {
	sc := small(t)
	a, err := Run(context.Background(), sc, Options{Seed: 3, Runs: 4, Track: []Track{{-1, "AZE", "alignment"}}})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Run(context.Background(), sc, Options{Seed: 3, Runs: 9, Track: []Track{{-1, "AZE", "alignment"}}})
	if err != nil {
		t.Fatal(err)
	}
	last := len(a.Calendar) - 1
	if va, vb := a.Values(last, "AZE", "alignment"), b.Values(last, "AZE", "alignment"); !slices.Equal(va, vb[:4]) {
		t.Errorf("the first runs differ: %v vs %v", va, vb[:4])
	}
}

func TestKeepAndActions(t *testing.T) {
	sc := small(t)
	counts := make([]int, 5)
	st, err := Run(context.Background(), sc, Options{Seed: 1, Runs: 5, Workers: 2,
		Keep: func(run int) sim.Recorder { return &counter{n: &counts[run]} }})
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, a := range st.Actions {
		total += a.Count
	}
	want := 0
	for _, c := range counts {
		want += c
	}
	if total != want || want == 0 {
		t.Errorf("actions counted %d, kept recorders saw %d", total, want)
	}
}

// An action's Runs is the number of runs that took it at least once,
// counted here from every run's own decisions; Count may be larger.
func TestActionRuns(t *testing.T) {
	sc := small(t)
	const runs = 6
	seen := make([]*decisionLog, runs)
	st, err := Run(context.Background(), sc, Options{Seed: 2, Runs: runs, Workers: 2,
		Keep: func(run int) sim.Recorder { seen[run] = &decisionLog{}; return seen[run] }})
	if err != nil {
		t.Fatal(err)
	}
	type key struct {
		actor, action, target string
		outcome               sim.Outcome
		source                sim.Source
	}
	want := map[key]int{}
	for _, log := range seen {
		once := map[key]bool{}
		for _, d := range log.ds {
			once[key{d.Actor, d.Action, d.Target, d.Outcome, d.Source}] = true
		}
		for k := range once {
			want[k]++
		}
	}
	repeated := false
	for _, a := range st.Actions {
		k := key{a.Actor, a.Action, a.Target, a.Outcome, a.Source}
		if a.Runs != want[k] {
			t.Errorf("%+v: Runs %d, counted %d", k, a.Runs, want[k])
		}
		repeated = repeated || a.Count > a.Runs
	}
	if len(st.Actions) != len(want) || !repeated {
		t.Errorf("%d actions, counted %d; some taken twice in a run: %v", len(st.Actions), len(want), repeated)
	}
}

// decisionLog keeps a run's decisions.
type decisionLog struct{ ds []sim.Decision }

func (l *decisionLog) Turn(*sim.Snapshot)       {}
func (l *decisionLog) Decision(d *sim.Decision) { l.ds = append(l.ds, *d) }

type counter struct{ n *int }

func (c *counter) Turn(*sim.Snapshot)       {}
func (c *counter) Decision(d *sim.Decision) { *c.n++ }

// A cancelled ensemble stops early with ctx's error, before and after
// the switch to P², and leaves no goroutine behind.
func TestCancel(t *testing.T) {
	sc := small(t)
	for _, tc := range []struct{ workers, at int }{{1, 3}, {2, 3}, {4, 3}, {4, 40}} {
		t.Run(fmt.Sprintf("workers=%d,at=%d", tc.workers, tc.at), func(t *testing.T) {
			leak.Check(t, func() {
				ctx, cancel := context.WithCancel(context.Background())
				defer cancel()
				done := 0
				_, err := Run(ctx, sc, Options{Runs: 1000, Workers: tc.workers, ExactRuns: 20, Progress: func(n int) {
					done = n
					if n == tc.at {
						cancel()
					}
				}})
				if !errors.Is(err, context.Canceled) {
					t.Fatalf("error %v, want context.Canceled", err)
				}
				if done >= 1000 {
					t.Errorf("all runs finished after the cancel")
				}
			})
		})
	}
}

// panicker makes its run fail midway.
type panicker struct{}

func (panicker) Turn(s *sim.Snapshot) {
	if s.Turn == 3 {
		panic("recorder broke")
	}
}
func (panicker) Decision(*sim.Decision) {}

// A run that fails stops the ensemble with its error, the run named;
// when several fail, the first in run order is named whatever the
// number of workers, and the runs before it are all summarised.
func TestFailedRunIsNamed(t *testing.T) {
	sc := small(t)
	for _, workers := range []int{1, 2, 7} {
		t.Run(fmt.Sprintf("workers=%d", workers), func(t *testing.T) {
			leak.Check(t, func() {
				done := 0
				_, err := Run(context.Background(), sc, Options{Seed: 1, Runs: 40, Workers: workers,
					Keep: func(run int) sim.Recorder {
						if run == 6 || run == 9 {
							return panicker{}
						}
						return nil
					},
					Progress: func(n int) { done = n }})
				if err == nil || !strings.HasPrefix(err.Error(), "run 6: internal error: recorder broke") {
					t.Fatalf("error %v, want run 6's", err)
				}
				if done != 6 {
					t.Errorf("%d runs summarised, want the 6 before the failure", done)
				}
			})
		})
	}
}

func TestTurnSelection(t *testing.T) {
	sc := small(t)
	all, err := Run(context.Background(), sc, Options{Seed: 2, Runs: 6})
	if err != nil {
		t.Fatal(err)
	}
	some, err := Run(context.Background(), sc, Options{Seed: 2, Runs: 6, Turns: []int{-1, 0, 0}})
	if err != nil {
		t.Fatal(err)
	}
	last := len(all.Calendar) - 1
	if !slices.Equal(some.Turns, []int{0, last}) {
		t.Fatalf("turns %v", some.Turns)
	}
	for _, turn := range some.Turns {
		a, _ := all.At(turn, "AZE", "security")
		b, ok := some.At(turn, "AZE", "security")
		if !ok || fmt.Sprint(a) != fmt.Sprint(b) {
			t.Errorf("turn %d: %v vs %v", turn, a, b)
		}
	}
	if _, ok := some.At(1, "AZE", "security"); ok {
		t.Error("turn 1 reported though not summarised")
	}
}

func TestBadScenarioFailsUpFront(t *testing.T) {
	sc := small(t)
	bad := *sc
	bad.Focal = "NOPE"
	if _, err := Run(context.Background(), &bad, Options{Runs: 3}); err == nil {
		t.Error("no error")
	}
}

// synthetic feeds n values per cell drawn by draw straight into an
// aggregator, and returns its statistics and the values.
func synthetic(n, exact int, draw func(*rand.Rand) float64) (*Stats, []float64) {
	l := &Layout{Series: []Series{{"X", "v"}}, index: map[Series]int{{"X", "v"}: 0}}
	o := &Options{Runs: n, ExactRuns: exact}
	a, err := newAggregator(l, 1, o)
	if err != nil {
		panic(err)
	}
	rec := newRecord(l, 1)
	rng := rand.New(rand.NewPCG(1, 2))
	xs := make([]float64, n)
	for i := range n {
		rec.reset(i, nil)
		xs[i] = draw(rng)
		rec.vals[0] = xs[i]
		rec.n = 1
		a.add(rec)
	}
	return a.stats(), xs
}

// rankError is how far p lies from the range of ranks the estimate q
// takes among sorted: the share of values below q−eps to the share at
// or below q+eps. Ties make it a range; for a discrete quantity, whose
// estimates may fall between two of its values, a slack eps of 0.1 % of
// the range (see slack) keeps an estimate a hair off a value from
// counting as a whole step of rank away.
func rankError(sorted []float64, q, p, eps float64) float64 {
	lo, _ := slices.BinarySearch(sorted, q-eps)
	hi := lo
	for hi < len(sorted) && sorted[hi] <= q+eps {
		hi++
	}
	n := float64(len(sorted))
	fl, fh := float64(lo)/n, float64(hi)/n
	switch {
	case p < fl:
		return fl - p
	case p > fh:
		return p - fh
	}
	return 0
}

// slack is 0.1 % of the range of sorted.
func slack(sorted []float64) float64 { return 1e-3 * (sorted[len(sorted)-1] - sorted[0]) }

var distributions = []struct {
	name     string
	discrete bool
	draw     func(*rand.Rand) float64
}{
	{"normal", false, func(r *rand.Rand) float64 { return r.NormFloat64() }},
	{"lognormal", false, func(r *rand.Rand) float64 { return math.Exp(r.NormFloat64()) }},
	{"two humps", false, func(r *rand.Rand) float64 {
		if r.Float64() < 0.3 {
			return -0.6 + 0.05*r.NormFloat64()
		}
		return 0.4 + 0.1*r.NormFloat64()
	}},
	{"discrete", true, func(r *rand.Rand) float64 { return float64(r.IntN(4)) / 4 }},
}

// sketchTolerance is the documented bound on the rank error of the P²
// quantiles.
const sketchTolerance = 0.02

func TestSketchAccuracy(t *testing.T) {
	n := 20000
	if testing.Short() {
		n = 5000
	}
	for _, d := range distributions {
		st, xs := synthetic(n, 500, d.draw)
		slices.Sort(xs)
		got := st.Cell(0, 0)
		if got.Exact {
			t.Fatalf("%s: still exact", d.name)
		}
		exact := Describe(slices.Clone(xs))
		eps := 0.0
		if d.discrete {
			eps = slack(xs)
		}
		worst := 0.0
		for i, p := range Probs {
			worst = math.Max(worst, rankError(xs, got.Q[i], p, eps))
		}
		t.Logf("%-9s worst rank error %.4f; p05..p95 %v exact %v", d.name, worst, got.Q, exact.Q)
		if worst > sketchTolerance {
			t.Errorf("%s: rank error %.4f > %.2f", d.name, worst, sketchTolerance)
		}
		if math.Abs(got.Mean-exact.Mean) > 1e-9*math.Max(1, math.Abs(exact.Mean)) ||
			math.Abs(got.SD-exact.SD) > 1e-9*math.Max(1, exact.SD) || got.Min != exact.Min || got.Max != exact.Max {
			t.Errorf("%s: moments %v, exact %v", d.name, got, exact)
		}
		if !slices.IsSorted(got.Q[:]) {
			t.Errorf("%s: quantiles out of order %v", d.name, got.Q)
		}
	}
}

// TestSketchOnModel measures the P² error on the model's own outputs:
// CASPIAN_SKETCH_RUNS=2000 go test ./ensemble -run SketchOnModel -v
func TestSketchOnModel(t *testing.T) {
	var runs int
	fmt.Sscan(os.Getenv("CASPIAN_SKETCH_RUNS"), &runs)
	if runs == 0 {
		t.Skip("set CASPIAN_SKETCH_RUNS to measure")
	}
	sc, _, _, err := scenarios.Open(scenarios.Default)
	if err != nil {
		t.Fatal(err)
	}
	track := []Track{}
	for _, id := range []string{"AZE", "GEO", "ARM"} {
		for _, m := range []string{"alignment", "security", "energy"} {
			track = append(track, Track{-1, id, m}, Track{60, id, m})
		}
	}
	st, err := Run(context.Background(), sc, Options{Seed: 1, Runs: runs, ExactRuns: 200, Track: track})
	if err != nil {
		t.Fatal(err)
	}
	worst, worstSlack := 0.0, 0.0
	for _, tr := range track {
		turn := tr.Turn
		if turn < 0 {
			turn += len(st.Calendar)
		}
		xs := slices.Clone(st.Values(turn, tr.Entity, tr.Metric))
		slices.Sort(xs)
		got, _ := st.At(turn, tr.Entity, tr.Metric)
		exact := Describe(slices.Clone(xs))
		for i, p := range Probs {
			e, es := rankError(xs, got.Q[i], p, 0), rankError(xs, got.Q[i], p, slack(xs))
			worst, worstSlack = math.Max(worst, e), math.Max(worstSlack, es)
			spread := exact.Q[4] - exact.Q[0]
			if spread > 0 {
				t.Logf("%s %s %s p%02.0f: rank error %.4f (with slack %.4f), value error %.4f of the 5–95 %% spread",
					st.Calendar[turn].Label, tr.Entity, tr.Metric, 100*p, e, es, math.Abs(got.Q[i]-exact.Q[i])/spread)
			}
		}
	}
	t.Logf("worst rank error over %d runs: %.4f (with slack %.4f)", runs, worst, worstSlack)
	if worstSlack > sketchTolerance {
		t.Errorf("rank error %.4f > %.2f", worstSlack, sketchTolerance)
	}
}

func TestAggregationAllocatesNothing(t *testing.T) {
	l := &Layout{Series: make([]Series, 50)}
	for i := range l.Series {
		l.Series[i] = Series{"X", fmt.Sprint(i)}
	}
	const turns = 20
	o := &Options{Runs: 400, ExactRuns: 100}
	a, err := newAggregator(l, turns, o)
	if err != nil {
		t.Fatal(err)
	}
	rec := newRecord(l, turns)
	rec.n = turns
	rec.acts = append(rec.acts, actionKey{"A", "join", "bloc", "done", sim.ByAgent})
	rng := rand.New(rand.NewPCG(1, 1))
	feed := func() {
		for i := range rec.vals {
			rec.vals[i] = rng.NormFloat64()
		}
		a.add(rec)
	}
	for range 150 { // past the switch to P²
		feed()
	}
	if n := testing.AllocsPerRun(100, feed); n != 0 {
		t.Errorf("%v allocations per run", n)
	}
	a2, _ := newAggregator(l, turns, o)
	a = a2
	feed()
	if n := testing.AllocsPerRun(50, feed); n != 0 {
		t.Errorf("%v allocations per run while exact", n)
	}
}

func TestP2Init(t *testing.T) {
	x := []float64{1, 2, 3, 4, 5}
	var e p2
	e.init(x, 0.5)
	if e.q != [5]float64{1, 2, 3, 4, 5} || e.n != [5]float64{1, 2, 3, 4, 5} {
		t.Errorf("init from 5 values: %+v", e)
	}
	e.init(x, 0.05)
	for i := 1; i < 5; i++ {
		if e.n[i] <= e.n[i-1] {
			t.Errorf("positions not increasing: %v", e.n)
		}
	}
}

func TestQuantileType7(t *testing.T) {
	x := []float64{1, 2, 3, 4}
	for _, c := range []struct{ p, want float64 }{{0, 1}, {0.5, 2.5}, {0.25, 1.75}, {1, 4}, {0.05, 1.15}} {
		if got := Quantile(x, c.p); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("Quantile(%v) = %v, want %v", c.p, got, c.want)
		}
	}
}

func TestCountedMedian(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 4))
	for trial := range 200 {
		n := 1 + trial%9
		sorted := make([]float64, n)
		for i := range sorted {
			sorted[i] = float64(rng.IntN(5))
		}
		slices.Sort(sorted)
		counts := make([]int, n)
		var sample []float64
		for range n {
			j := rng.IntN(n)
			counts[j]++
			sample = append(sample, sorted[j])
		}
		slices.Sort(sample)
		if got, want := countedMedian(sorted, nil, counts), Quantile(sample, 0.5); got != want {
			t.Fatalf("sorted %v counts %v: %v, want %v", sorted, counts, got, want)
		}
	}
}

func TestBootstrap(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	a := make([]float64, 300)
	c := make([]float64, 300)
	for i := range a {
		common := rng.NormFloat64()
		a[i] = 1 + common + 0.1*rng.NormFloat64()
		c[i] = common + 0.1*rng.NormFloat64()
	}
	b1 := Bootstrap{Rand: rand.New(rand.NewPCG(1, 2))}
	b2 := Bootstrap{Rand: rand.New(rand.NewPCG(1, 2))}
	d1, d2 := b1.MedianDiff(a, c), b2.MedianDiff(a, c)
	if d1 != d2 {
		t.Errorf("same stream, different intervals: %v %v", d1, d2)
	}
	if !(d1.Low < d1.Estimate && d1.Estimate < d1.High) || d1.Low < 0.5 || d1.High > 1.5 {
		t.Errorf("paired difference %+v, want about 1", d1)
	}
	m := b1.Median(a)
	if !(m.Low <= m.Estimate && m.Estimate <= m.High) {
		t.Errorf("median %+v", m)
	}
	// Paired resampling is tighter than unpaired for correlated runs.
	u := b1.MedianDiff(a, c[:299])
	if u.High-u.Low <= d1.High-d1.Low {
		t.Errorf("unpaired %+v not wider than paired %+v", u, d1)
	}
}
