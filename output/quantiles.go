package output

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"

	"caspian/ensemble"
)

// quantilesHeader is the header row of quantiles.csv.
var quantilesHeader = []string{"turn", "time", "agent", "metric", "mean", "p05", "p25", "p50", "p75", "p95"}

// WriteQuantiles writes quantiles.csv: for every turn, entity and metric
// the mean and the 5, 25, 50, 75 and 95 % quantiles across all runs. The
// entities and metrics are those of timeseries.csv without the
// affinities: every agent's metrics, then each conflict's intensity and
// each route's flow (the agent column holds the conflict or route id).
// A value no run recorded is left empty.
func WriteQuantiles(w io.Writer, r *Report) error {
	if err := r.validate(); err != nil {
		return fmt.Errorf("quantiles: %w", err)
	}
	st, err := r.stats()
	if err != nil {
		return fmt.Errorf("quantiles: %w", err)
	}
	if err := writeQuantiles(w, st); err != nil {
		return fmt.Errorf("quantiles: %w", err)
	}
	return nil
}

func writeQuantiles(w io.Writer, st *ensemble.Stats) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(quantilesHeader); err != nil {
		return err
	}
	rec := make([]string, len(quantilesHeader))
	for k, turn := range st.Turns {
		rec[0] = strconv.Itoa(st.Calendar[turn].Turn)
		rec[1] = st.Calendar[turn].Label
		for i, sr := range st.Layout.Series {
			c := st.Cell(k, i)
			rec[2], rec[3] = sr.Entity, sr.Metric
			rec[4] = csvNumber(c.Mean)
			for q := range c.Q {
				rec[5+q] = csvNumber(c.Q[q])
			}
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// csvNumber is formatFloat, with an empty field for a missing value.
func csvNumber(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return ""
	}
	return formatFloat(v)
}
