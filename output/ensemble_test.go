package output

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"

	"caspian/ensemble"
	"caspian/scenarios"
	"caspian/sim"
)

// ensembleReports runs the small test scenario and returns two reports
// of the same runs: one holding every run in full, one holding run 0 and
// the streaming statistics.
func ensembleReports(t *testing.T, runs int) (full, streamed *Report) {
	t.Helper()
	sc, err := scenarios.Load("../ensemble/testdata/small.toml")
	if err != nil {
		t.Fatal(err)
	}
	collectors := make([]*Collector, runs)
	st, err := ensemble.Run(context.Background(), sc, ensemble.Options{
		Seed: 4, Runs: runs, Workers: 2,
		Keep: func(run int) sim.Recorder {
			collectors[run] = NewCollector(sc, run)
			return collectors[run]
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	base := Report{Scenario: sc, Name: "small", SHA256: "x", Seed: 4, Runs: runs, Version: "test", Format: "png"}
	full, streamed = new(Report), new(Report)
	*full, *streamed = base, base
	full.Collectors = collectors
	streamed.Collectors = collectors[:1]
	streamed.Stats = st
	return full, streamed
}

func render(t *testing.T, write func(io.Writer, *Report) error, r *Report) string {
	t.Helper()
	var b bytes.Buffer
	if err := write(&b, r); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestStreamedReportMatchesFull(t *testing.T) {
	full, streamed := ensembleReports(t, 9)
	if a, b := render(t, WriteQuantiles, full), render(t, WriteQuantiles, streamed); a != b {
		t.Error("quantiles.csv differs between the full and the streamed report")
	}
	sa, sb := render(t, WriteSummary, full), render(t, WriteSummary, streamed)
	// Only the list of kept runs may differ.
	cut := func(s string) string {
		i := strings.Index(s, `"kept_runs"`)
		j := strings.Index(s, `"seed_rule"`)
		return s[:i] + s[j:]
	}
	if cut(sa) != cut(sb) {
		t.Errorf("summary.json differs:\n%s\n---\n%s", sa, sb)
	}
	for _, plot := range []func(*Report) (Drawer, error){
		func(r *Report) (Drawer, error) { return PlotAlignment(r) },
		func(r *Report) (Drawer, error) { return PlotInterests(r) },
	} {
		var pa, pb bytes.Buffer
		da, err := plot(full)
		if err != nil {
			t.Fatal(err)
		}
		db, err := plot(streamed)
		if err != nil {
			t.Fatal(err)
		}
		if err := renderDPI(&pa, da, AlignmentWidth, AlignmentHeight, "png", 30); err != nil {
			t.Fatal(err)
		}
		if err := renderDPI(&pb, db, AlignmentWidth, AlignmentHeight, "png", 30); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(pa.Bytes(), pb.Bytes()) {
			t.Error("a plot differs between the full and the streamed report")
		}
	}
}

func TestQuantilesCSV(t *testing.T) {
	_, streamed := ensembleReports(t, 5)
	out := render(t, WriteQuantiles, streamed)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if lines[0] != "turn,time,agent,metric,mean,p05,p25,p50,p75,p95" {
		t.Errorf("header %q", lines[0])
	}
	st := streamed.Stats
	if want := 1 + len(st.Turns)*len(st.Layout.Series); len(lines) != want {
		t.Errorf("%d lines, want %d", len(lines), want)
	}
	if !strings.HasPrefix(lines[1], "0,1991,ARM,security,") {
		t.Errorf("first row %q", lines[1])
	}
}

func TestSummaryListsSeedsAndActions(t *testing.T) {
	_, streamed := ensembleReports(t, 3)
	s := render(t, WriteSummary, streamed)
	a, b := sim.RunSeed(4, 2)
	for _, want := range []string{`"run_seeds": [`, `"kept_runs": [`, `"action_counts": [`, `"actor": "AZE"`,
		strings.ToLower(strings.TrimLeft(hex16(a)+":"+hex16(b), " "))} {
		if !strings.Contains(s, want) {
			t.Errorf("summary lacks %s", want)
		}
	}
}

func hex16(v uint64) string {
	const digits = "0123456789abcdef"
	b := make([]byte, 16)
	for i := 15; i >= 0; i-- {
		b[i] = digits[v&15]
		v >>= 4
	}
	return string(b)
}
