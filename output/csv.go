package output

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"

	"caspian/sim"
)

// timeseriesHeader is the header row of timeseries.csv.
var timeseriesHeader = []string{"run", "turn", "time", "agent", "metric", "value"}

// eventsHeader is the header row of events.csv.
var eventsHeader = []string{
	"run", "turn", "time", "actor", "action", "target", "source", "outcome", "with",
	"gain", "security", "energy", "alignment", "conflict", "cost", "probability", "note",
}

// formatFloat is the one rule for numbers in the CSV files: ten
// significant digits are far beyond the model's precision, hide float
// noise in the last bits and keep the bytes identical across platforms.
func formatFloat(v float64) string {
	return strconv.FormatFloat(v, 'g', 10, 64)
}

// WriteTimeseries writes timeseries.csv: one row per run, turn, entity and
// metric, in that order. Agents come in scenario order, each with the
// metrics of sim.AgentMetrics and then affinity_<ID> toward every other agent;
// after them each conflict (metric intensity) and each route (metric
// flow, kb/d for oil or bcm/yr for gas).
func WriteTimeseries(w io.Writer, r *Report) error {
	if err := r.validate(); err != nil {
		return fmt.Errorf("timeseries: %w", err)
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(timeseriesHeader); err != nil {
		return fmt.Errorf("timeseries: %w", err)
	}
	rec := make([]string, len(timeseriesHeader))
	for _, c := range r.Collectors {
		rec[0] = strconv.Itoa(c.run)
		for i := range c.snapshots {
			if err := writeSnapshotRows(cw, rec, &c.snapshots[i]); err != nil {
				return fmt.Errorf("timeseries: run %d turn %d: %w", c.run, c.snapshots[i].Turn, err)
			}
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("timeseries: %w", err)
	}
	return nil
}

// writeSnapshotRows writes the rows of one turn; rec[0] holds the run.
func writeSnapshotRows(cw *csv.Writer, rec []string, s *sim.Snapshot) error {
	rec[1] = strconv.Itoa(s.Turn)
	rec[2] = s.Label
	put := func(entity, metric string, v float64) error {
		rec[3], rec[4], rec[5] = entity, metric, formatFloat(v)
		return cw.Write(rec)
	}
	for i := range s.Agents {
		a := &s.Agents[i]
		for _, m := range sim.AgentMetrics {
			if err := put(a.ID, m.Name, m.Of(a)); err != nil {
				return err
			}
		}
		for j, v := range a.Affinity {
			if j == i || j >= len(s.Agents) {
				continue
			}
			if err := put(a.ID, "affinity_"+s.Agents[j].ID, v); err != nil {
				return err
			}
		}
	}
	for _, k := range s.Conflicts {
		if err := put(k.ID, "intensity", k.Intensity); err != nil {
			return err
		}
	}
	for _, rt := range s.Routes {
		if err := put(rt.ID, "flow", rt.Flow); err != nil {
			return err
		}
	}
	return nil
}

// WriteEvents writes events.csv: one row per Decision, runs in order and
// within a run in the order the engine reported them. gain is the net
// expected gain (the sum of the interest terms less cost).
func WriteEvents(w io.Writer, r *Report) error {
	if err := r.validate(); err != nil {
		return fmt.Errorf("events: %w", err)
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(eventsHeader); err != nil {
		return fmt.Errorf("events: %w", err)
	}
	for _, c := range r.Collectors {
		for i := range c.decisions {
			d := &c.decisions[i]
			rec := []string{
				strconv.Itoa(c.run), strconv.Itoa(d.Turn), d.Label,
				d.Actor, d.Action, d.Target, string(d.Source), string(d.Outcome), d.With,
				formatFloat(d.Gain()), formatFloat(d.Security), formatFloat(d.Energy),
				formatFloat(d.Alignment), formatFloat(d.Conflict), formatFloat(d.Cost),
				formatFloat(d.Probability), d.Note,
			}
			if err := cw.Write(rec); err != nil {
				return fmt.Errorf("events: run %d: %w", c.run, err)
			}
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("events: %w", err)
	}
	return nil
}
