package output

import (
	"errors"
	"math"
	"slices"
	"testing"
)

func TestParseSweepRow(t *testing.T) {
	good := []string{"3", "0.5", "-1", "AZE", "alignment", "20", "0.25", "0.1", "-0.1", "0", "0.2", "0.4", "0.6"}
	with := func(i int, v string) []string {
		r := slices.Clone(good)
		r[i] = v
		return r
	}
	tests := []struct {
		name   string
		rec    []string
		column string // the column of the *SweepFieldError, "" for none
		width  bool   // refused for its width
	}{
		{"good", good, "", false},
		{"missing statistics", with(6, ""), "", false},
		{"short", good[:12], "", true},
		{"point not whole", with(0, "1.5"), "point", false},
		{"runs not whole", with(5, "2.5"), "runs", false},
		{"mean not a number", with(6, "x"), "mean", false},
		{"NaN written out", with(7, "NaN"), "sd", false},
		{"infinite quantile", with(12, "+Inf"), "p95", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := ParseSweepRow(tt.rec, 2)
			var bad *SweepFieldError
			switch {
			case tt.width:
				if err == nil || errors.As(err, &bad) {
					t.Fatalf("got %v, want a width error", err)
				}
				return
			case tt.column == "":
				if err != nil {
					t.Fatal(err)
				}
			case !errors.As(err, &bad) || bad.Column != tt.column:
				t.Fatalf("got %v, want a bad %s", err, tt.column)
			}
			if tt.column == "point" {
				return
			}
			// The fields before a bad one are read all the same.
			if r.Point != 3 || !slices.Equal(r.Values, []string{"0.5", "-1"}) || r.Agent != "AZE" || r.Metric != "alignment" {
				t.Errorf("read %+v", r)
			}
		})
	}
	r, _ := ParseSweepRow(good, 2)
	if r.Runs != 20 || r.Mean != 0.25 || r.SD != 0.1 || r.Q != [5]float64{-0.1, 0, 0.2, 0.4, 0.6} || r.Median() != 0.2 {
		t.Errorf("statistics read as %+v", r)
	}
	r, _ = ParseSweepRow(with(6, ""), 2)
	if !math.IsNaN(r.Mean) {
		t.Errorf("an empty mean reads as %v, want NaN", r.Mean)
	}
	if x, err := r.Numbers(); err != nil || !slices.Equal(x, []float64{0.5, -1}) {
		t.Errorf("values read as %v, %v", x, err)
	}
}

func TestFocalRange(t *testing.T) {
	s := &SweepSummary{Params: []SweepParam{{Path: "x"}}, Focal: "AZE", Metric: "alignment"}
	row := func(x, agent, metric, p50 string) []string {
		return []string{"0", x, agent, metric, "2", "0", "0", "0", "0", p50, "0", "0"}
	}
	tests := []struct {
		name       string
		rows       [][]string
		ok         bool
		lo, hi     float64
		loAt, hiAt string
	}{
		{"none", nil, false, 0, 0, "", ""},
		{"other agents and metrics only", [][]string{row("0", "GEO", "alignment", "1"), row("0", "AZE", "energy", "1")}, false, 0, 0, "", ""},
		{"empty medians skipped", [][]string{row("0", "AZE", "alignment", ""), row("1", "AZE", "alignment", "0.5")}, true, 0.5, 0.5, "1", "1"},
		{"first of equals", [][]string{row("0", "AZE", "alignment", "0.2"), row("1", "AZE", "alignment", "0.2"), row("2", "AZE", "alignment", "0.9")}, true, 0.2, 0.9, "0", "2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, ok := FocalRange(s, &SweepTable{Rows: tt.rows})
			if ok != tt.ok {
				t.Fatalf("ok %v, want %v", ok, tt.ok)
			}
			if ok && (r.Lo != tt.lo || r.Hi != tt.hi || r.LoAt[0] != tt.loAt || r.HiAt[0] != tt.hiAt) {
				t.Errorf("got %+v", r)
			}
		})
	}
}
