package output

import (
	"bytes"
	"encoding/json"
	"math"
	"testing"
)

func TestDescribe(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name string
		in   []float64
		want [7]float64 // mean, sd, min, p05, median, p95, max
	}{
		// Hand-computed: sd = sqrt(5/3); p05 = 1 + 0.15·1; p95 = 3 + 0.85·1.
		{"four", []float64{4, 1, 3, 2}, [7]float64{2.5, math.Sqrt(5.0 / 3), 1, 1.15, 2.5, 3.85, 4}},
		// Median of an even count is the mean of the middle pair.
		{"two", []float64{0.25, 0.2}, [7]float64{0.225, math.Sqrt(0.00125), 0.2, 0.2025, 0.225, 0.2475, 0.25}},
		// Odd count: the middle value; p05 = x0 + 0.2·(x1-x0) with h = 0.05·4.
		{"five", []float64{10, 0, 5, 20, 15}, [7]float64{10, math.Sqrt(62.5), 0, 1, 10, 19, 20}},
		{"one", []float64{3}, [7]float64{3, nan, 3, 3, 3, 3, 3}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := append([]float64(nil), tc.in...)
			s := describe(tc.in)
			got := [7]float64{float64(s.Mean), float64(s.SD), float64(s.Min), float64(s.P05), float64(s.Median), float64(s.P95), float64(s.Max)}
			names := []string{"mean", "sd", "min", "p05", "median", "p95", "max"}
			for i := range got {
				if !near(got[i], tc.want[i]) {
					t.Errorf("%s = %v, want %v", names[i], got[i], tc.want[i])
				}
			}
			if s.N != len(tc.in) {
				t.Errorf("n = %d", s.N)
			}
			for i := range in {
				if in[i] != tc.in[i] {
					t.Fatal("describe reordered its input")
				}
			}
		})
	}
}

func near(a, b float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return math.Abs(a-b) < 1e-12
}

// summaryJSON is the part of summary.json the tests read.
type summaryJSON struct {
	Scenario string `json:"scenario"`
	Title    string `json:"title"`
	SHA256   string `json:"sha256"`
	Seed     uint64 `json:"seed"`
	Runs     int    `json:"runs"`
	Version  string `json:"version"`
	Turns    int    `json:"turns"`
	Start    string `json:"start"`
	End      string `json:"end"`
	Focal    string `json:"focal"`
	Agents   []struct {
		ID             string                         `json:"id"`
		Pole           string                         `json:"pole"`
		AlignmentStart float64                        `json:"alignment_start"`
		AlignmentEnd   float64                        `json:"alignment_end"`
		Final          map[string]map[string]*float64 `json:"final"`
	} `json:"agents"`
	FocalActions []struct {
		Action    string  `json:"action"`
		Count     int     `json:"count"`
		PerRun    float64 `json:"per_run"`
		ByTarget  []tally `json:"by_target"`
		ByOutcome []tally `json:"by_outcome"`
		BySource  []tally `json:"by_source"`
	} `json:"focal_actions"`
	KeyEvents []struct {
		Number  int    `json:"number"`
		Time    string `json:"time"`
		Label   string `json:"label"`
		Plotted bool   `json:"plotted"`
	} `json:"key_events"`
}

func TestSummaryContents(t *testing.T) {
	r := tinyReport()
	var buf bytes.Buffer
	if err := WriteSummary(&buf, r); err != nil {
		t.Fatal(err)
	}
	var s summaryJSON
	if err := json.Unmarshal(buf.Bytes(), &s); err != nil {
		t.Fatal(err)
	}
	if s.Scenario != "scenarios/tiny.toml" || s.Title != "Tiny test scenario" || s.SHA256 != "abc123" ||
		s.Seed != 7 || s.Runs != 2 || s.Version != "test" || s.Turns != 5 ||
		s.Start != "2000-Q1" || s.End != "2001-Q1" || s.Focal != "AZE" {
		t.Errorf("identity fields wrong: %+v", s)
	}
	if bytes.Contains(buf.Bytes(), []byte("worker")) {
		t.Error("summary mentions workers")
	}
	if len(s.Agents) != 3 || s.Agents[0].ID != "AZE" || s.Agents[1].Pole != "negative" || s.Agents[2].Pole != "positive" {
		t.Fatalf("agents wrong: %+v", s.Agents)
	}
	aze := s.Agents[0]
	// Final alignment of AZE is -0.2+0.4 = 0.2 in run 0 and 0.25 in run 1;
	// final security is 0.4 and 0.45.
	tests := []struct {
		metric, stat string
		want         float64
	}{
		{"alignment", "mean", 0.225},
		{"alignment", "sd", 0.03535533906},
		{"alignment", "min", 0.2},
		{"alignment", "p05", 0.2025},
		{"alignment", "median", 0.225},
		{"alignment", "p95", 0.2475},
		{"alignment", "max", 0.25},
		{"security", "mean", 0.425},
		{"security", "p95", 0.4475},
		{"energy", "min", tinyValue(0, 4, 0, 1)},
		{"revenue", "max", tinyValue(1, 4, 0, 3)},
	}
	for _, tc := range tests {
		t.Run(tc.metric+"/"+tc.stat, func(t *testing.T) {
			v := aze.Final[tc.metric][tc.stat]
			if v == nil || math.Abs(*v-tc.want) > 1e-9 {
				t.Errorf("got %v, want %v", v, tc.want)
			}
		})
	}
	if math.Abs(aze.AlignmentStart-(-0.175)) > 1e-12 || math.Abs(aze.AlignmentEnd-0.225) > 1e-12 {
		t.Errorf("alignment start/end = %v/%v", aze.AlignmentStart, aze.AlignmentEnd)
	}
	if len(s.FocalActions) != 2 {
		t.Fatalf("focal actions: %+v", s.FocalActions)
	}
	coop, part := s.FocalActions[0], s.FocalActions[1]
	if coop.Action != "energy_coop" || coop.Count != 1 || coop.PerRun != 0.5 {
		t.Errorf("energy_coop count: %+v", coop)
	}
	if part.Action != "partnership" || part.Count != 2 || part.PerRun != 1 ||
		len(part.ByOutcome) != 1 || part.ByOutcome[0] != (tally{"done", 2}) ||
		len(part.BySource) != 1 || part.BySource[0] != (tally{"agent", 2}) ||
		len(part.ByTarget) != 1 || part.ByTarget[0] != (tally{"RUS", 2}) {
		t.Errorf("partnership count: %+v", part)
	}
	if len(s.KeyEvents) != 1 || s.KeyEvents[0].Number != 1 || s.KeyEvents[0].Time != "2000-Q2" || !s.KeyEvents[0].Plotted {
		t.Errorf("key events: %+v", s.KeyEvents)
	}
}

func TestSummarySingleRunHasNullSD(t *testing.T) {
	r := tinyReport()
	r.Collectors, r.Runs = r.Collectors[:1], 1
	var buf bytes.Buffer
	if err := WriteSummary(&buf, r); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(buf.Bytes(), []byte(`"sd": null`)) {
		t.Error("single-run sd is not null")
	}
}

func TestSpread(t *testing.T) {
	tests := []struct {
		n, k int
		want []int
	}{
		{0, 12, []int{}},
		{3, 12, []int{0, 1, 2}},
		{12, 12, []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}},
		{15, 12, []int{0, 1, 3, 4, 5, 6, 8, 9, 10, 11, 13, 14}},
		{100, 3, []int{0, 50, 99}},
	}
	for _, tc := range tests {
		got := spread(tc.n, tc.k)
		if len(got) != len(tc.want) {
			t.Errorf("spread(%d,%d) = %v, want %v", tc.n, tc.k, got, tc.want)
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("spread(%d,%d) = %v, want %v", tc.n, tc.k, got, tc.want)
				break
			}
		}
	}
}
