package output

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"caspian/sim"
)

func readCSV(t *testing.T, b []byte) [][]string {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatalf("parse csv: %v", err)
	}
	return rows
}

func TestCollectorCopiesSnapshots(t *testing.T) {
	c := NewCollector(tinyScenario(), 0)
	s := &sim.Snapshot{
		Turn:      1,
		Agents:    []sim.AgentState{{ID: "AZE", Affinity: []float64{0, 0.5}}, {ID: "RUS", Affinity: []float64{0.5, 0}}},
		Conflicts: []sim.ConflictState{{ID: "NK", Intensity: 0.3}},
		Routes:    []sim.RouteState{{ID: "BTC", Flow: 10}},
	}
	c.Turn(s)
	s.Turn = 2
	s.Agents[0].ID = "XXX"
	s.Agents[0].Affinity[1] = -1
	s.Agents[1].Affinity[0] = -1
	s.Conflicts[0].Intensity = 1
	s.Routes[0].Flow = 0
	got := c.Snapshots()[0]
	if got.Turn != 1 || got.Agents[0].ID != "AZE" || got.Agents[0].Affinity[1] != 0.5 ||
		got.Agents[1].Affinity[0] != 0.5 || got.Conflicts[0].Intensity != 0.3 || got.Routes[0].Flow != 10 {
		t.Fatalf("collector kept a reference to engine memory: %+v", got)
	}
	// Appending to one agent's row must not spill into the next.
	row := append(got.Agents[0].Affinity, 9)
	if got.Agents[1].Affinity[0] != 0.5 || len(row) != 3 {
		t.Fatal("affinity rows share capacity")
	}
}

func TestTimeseriesShape(t *testing.T) {
	r := tinyReport()
	var buf bytes.Buffer
	if err := WriteTimeseries(&buf, r); err != nil {
		t.Fatal(err)
	}
	rows := readCSV(t, buf.Bytes())
	if got, want := strings.Join(rows[0], ","), "run,turn,time,agent,metric,value"; got != want {
		t.Fatalf("header = %q, want %q", got, want)
	}
	// Per turn: 3 agents × (8 metrics + 2 affinities) + 1 conflict + 1 route.
	const perTurn = 3*(8+2) + 1 + 1
	if got, want := len(rows)-1, 2*5*perTurn; got != want {
		t.Fatalf("%d data rows, want %d", got, want)
	}
	wantFirst := []string{
		"AZE/security", "AZE/energy", "AZE/alignment", "AZE/revenue", "AZE/supply_security",
		"AZE/stability", "AZE/arms", "AZE/utility", "AZE/affinity_RUS", "AZE/affinity_USA",
		"RUS/security",
	}
	for i, w := range wantFirst {
		if got := rows[1+i][3] + "/" + rows[1+i][4]; got != w {
			t.Errorf("row %d = %s, want %s", 1+i, got, w)
		}
	}
	turnRows := rows[1 : 1+perTurn]
	if got := turnRows[perTurn-2][3] + "/" + turnRows[perTurn-2][4]; got != "NK/intensity" {
		t.Errorf("conflict row = %s", got)
	}
	if got := turnRows[perTurn-1][3] + "/" + turnRows[perTurn-1][4]; got != "BTC/flow" {
		t.Errorf("route row = %s", got)
	}
	// Rows are ordered by run, then turn.
	prev := ""
	for _, row := range rows[1:] {
		run, _ := strconv.Atoi(row[0])
		turn, _ := strconv.Atoi(row[1])
		key := fmt.Sprintf("%03d/%03d", run, turn)
		if key < prev {
			t.Fatalf("row %v out of order after %s", row, prev)
		}
		prev = key
	}
}

func TestTimeseriesValuesRoundTrip(t *testing.T) {
	r := tinyReport()
	var buf bytes.Buffer
	if err := WriteTimeseries(&buf, r); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, row := range readCSV(t, buf.Bytes())[1:] {
		got[strings.Join(row[:5], ",")] = row[5]
	}
	tests := []struct {
		key  string
		want float64
	}{
		{"0,0,2000-Q1,AZE,security", tinyValue(0, 0, 0, 0)},
		{"1,4,2001-Q1,AZE,alignment", tinyAlignment(1, 4)},
		{"1,4,2001-Q1,RUS,alignment", -1},
		{"0,2,2000-Q3,USA,utility", tinyValue(0, 2, 2, 7)},
		{"1,3,2000-Q4,RUS,arms", tinyValue(1, 3, 1, 6)},
		{"0,1,2000-Q2,AZE,affinity_USA", 0.02},
		{"0,1,2000-Q2,USA,affinity_RUS", 0.21},
		{"1,2,2000-Q3,NK,intensity", 0.3},
		{"0,4,2001-Q1,BTC,flow", 400},
	}
	for _, tc := range tests {
		t.Run(tc.key, func(t *testing.T) {
			s, ok := got[tc.key]
			if !ok {
				t.Fatal("row missing")
			}
			v, err := strconv.ParseFloat(s, 64)
			if err != nil {
				t.Fatal(err)
			}
			if v != tc.want && strconv.FormatFloat(tc.want, 'g', 10, 64) != s {
				t.Errorf("value %s, want %v", s, tc.want)
			}
		})
	}
	if _, ok := got["0,0,2000-Q1,AZE,affinity_AZE"]; ok {
		t.Error("self-affinity written")
	}
}

func TestEventsQuotingAndColumns(t *testing.T) {
	r := tinyReport()
	var buf bytes.Buffer
	if err := WriteEvents(&buf, r); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(buf.Bytes(), []byte(`"Contract ""of the Century"", signed"`)) {
		t.Errorf("note not CSV-quoted:\n%s", buf.String())
	}
	rows := readCSV(t, buf.Bytes())
	if got, want := strings.Join(rows[0], ","), "run,turn,time,actor,action,target,source,outcome,with,gain,security,energy,alignment,conflict,cost,probability,note"; got != want {
		t.Fatalf("header = %q", got)
	}
	if len(rows) != 1+3 {
		t.Fatalf("%d event rows, want 3", len(rows)-1)
	}
	tests := []struct {
		name string
		row  int
		want string
	}{
		{"key event", 1, `0,1,2000-Q2,AZE,energy_coop,USA,scheduled,done,,0.35,0.1,0.3,0,0,0.05,1,"Contract ""of the Century"", signed"`},
		{"bilateral", 2, `0,3,2000-Q4,AZE,partnership,RUS,agent,done,RUS,0.05,0.25,0,-0.2,0,0,0.125,`},
		{"second run", 3, `1,3,2000-Q4,AZE,partnership,RUS,agent,done,RUS,0.05,0.25,0,-0.2,0,0,0.125,`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			w := csv.NewWriter(&b)
			_ = w.Write(rows[tc.row])
			w.Flush()
			if got := strings.TrimSuffix(b.String(), "\n"); got != tc.want {
				t.Errorf("row\n got %s\nwant %s", got, tc.want)
			}
		})
	}
}

func TestWritersRejectBadReports(t *testing.T) {
	good := tinyReport
	tests := []struct {
		name   string
		mutate func(*Report)
	}{
		{"no scenario", func(r *Report) { r.Scenario = nil }},
		{"no runs", func(r *Report) { r.Collectors = nil; r.Runs = 0 }},
		{"runs mismatch", func(r *Report) { r.Runs = 3 }},
		{"nil collector", func(r *Report) { r.Collectors[1] = nil }},
		{"empty run", func(r *Report) { r.Collectors[1] = NewCollector(r.Scenario, 1) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := good()
			tc.mutate(r)
			var buf bytes.Buffer
			if err := WriteTimeseries(&buf, r); err == nil {
				t.Error("WriteTimeseries: no error")
			}
			if err := WriteEvents(&buf, r); err == nil {
				t.Error("WriteEvents: no error")
			}
			if err := WriteSummary(&buf, r); err == nil {
				t.Error("WriteSummary: no error")
			}
			if _, err := PlotAlignment(r); err == nil {
				t.Error("PlotAlignment: no error")
			}
			if _, err := PlotInterests(r); err == nil {
				t.Error("PlotInterests: no error")
			}
		})
	}
}
