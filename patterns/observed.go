package patterns

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"caspian/sim"
)

// ObservedError is a mistake in a file of observed series, on its line.
type ObservedError struct {
	File string
	Line int
	Err  error
}

func (e *ObservedError) Error() string { return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err) }
func (e *ObservedError) Unwrap() error { return e.Err }

// maxObservedRows bounds a file of observed series: a century of years
// for a few hundred series.
const maxObservedRows = 100000

// ReadObserved reads observed yearly series from a CSV file in the
// layout of the series.csv that sim validate writes: a header naming at
// least the columns agent, metric, year and observed (or value), and
// optionally pattern, which names the series. Each (pattern, agent,
// metric) becomes a series pattern that compares the values, centred on
// their mean, with the model's yearly mean of the agent's metric. name is
// the file's name for messages and the patterns' source.
func ReadObserved(r io.Reader, name string) ([]sim.PatternSpec, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, &ObservedError{name, 1, errors.New("the file is empty: want a header line with agent, metric, year and observed")}
		}
		return nil, &ObservedError{name, 1, err}
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.ToLower(strings.TrimSpace(h))] = i
	}
	if _, ok := col["observed"]; !ok {
		if v, ok := col["value"]; ok {
			col["observed"] = v
		}
	}
	for _, need := range []string{"agent", "metric", "year", "observed"} {
		if _, ok := col[need]; !ok {
			return nil, &ObservedError{name, 1, fmt.Errorf("no column %q: the header must name agent, metric, year and observed (or value)", need)}
		}
	}
	type key struct{ pattern, agent, metric string }
	var order []key
	series := map[key]map[int]float64{}
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, &ObservedError{name, line, err}
		}
		if line > maxObservedRows+1 {
			return nil, &ObservedError{name, line, fmt.Errorf("more than %d rows", maxObservedRows)}
		}
		get := func(c string) string {
			i, ok := col[c]
			if !ok || i >= len(rec) {
				return ""
			}
			return strings.TrimSpace(rec[i])
		}
		k := key{get("pattern"), get("agent"), get("metric")}
		if k.agent == "" || k.metric == "" {
			return nil, &ObservedError{name, line, errors.New("agent and metric must not be empty")}
		}
		year, err := strconv.Atoi(get("year"))
		if err != nil || year < 1000 || year > 9999 {
			return nil, &ObservedError{name, line, fmt.Errorf("year %q: want a four-digit year", get("year"))}
		}
		v, err := strconv.ParseFloat(get("observed"), 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, &ObservedError{name, line, fmt.Errorf("observed %q: want a number", get("observed"))}
		}
		if series[k] == nil {
			series[k] = map[int]float64{}
			order = append(order, k)
		}
		if _, dup := series[k][year]; dup {
			return nil, &ObservedError{name, line, fmt.Errorf("year %d of %s %s is given twice", year, k.agent, k.metric)}
		}
		series[k][year] = v
	}
	var out []sim.PatternSpec
	for _, k := range order {
		id := k.pattern
		if id == "" {
			id = "observed-" + k.agent + "-" + k.metric
		}
		p := sim.PatternSpec{
			ID: id, Kind: "series", Entity: k.agent, Metric: k.metric, Center: true,
			Name:   fmt.Sprintf("%s %s against %s", k.agent, k.metric, name),
			Source: name,
		}
		years := make([]int, 0, len(series[k]))
		for y := range series[k] {
			years = append(years, y)
		}
		slices.Sort(years)
		for _, y := range years {
			p.Observed.Points = append(p.Observed.Points, sim.Point{Year: y, Value: series[k][y]})
		}
		out = append(out, p)
	}
	return out, nil
}
