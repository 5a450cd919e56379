package validation_test

import (
	"cmp"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// docs/validation.md reports the files of docs/validation/, written by
// scripts/validation. Its tables sit between <!-- begin NAME --> and
// <!-- end NAME --> and are made from those files here: -update rewrites
// them, and without it the test fails when the page and the files differ.
var update = flag.Bool("update", false, "rewrite the generated tables of docs/validation.md")

const (
	pagePath = "../docs/validation.md"
	pageData = "../docs/validation"
)

// table reads a CSV file of docs/validation/ as maps keyed by column.
func table(t *testing.T, name string) []map[string]string {
	t.Helper()
	f, err := os.Open(filepath.Join(pageData, name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var out []map[string]string
	for _, r := range rows[1:] {
		m := map[string]string{}
		for i, h := range rows[0] {
			m[h] = r[i]
		}
		out = append(out, m)
	}
	return out
}

// summary is the part of a validation.json the page reports.
type summary struct {
	Runs         int    `json:"runs"`
	HistoryUntil string `json:"history_until"`
	Score        struct {
		Held   int     `json:"held"`
		Scored int     `json:"scored"`
		Share  float64 `json:"share"`
	} `json:"score"`
	Robustness *struct {
		Limit          float64 `json:"limit"`
		LargestChange  float64 `json:"largest_change"`
		LargestPattern string  `json:"largest_pattern"`
		Holds          bool    `json:"holds"`
	} `json:"temperature_robustness"`
}

func readSummary(t *testing.T, dir string) summary {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(pageData, dir, "validation.json"))
	if err != nil {
		t.Fatal(err)
	}
	var s summary
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatalf("%s: %v", dir, err)
	}
	return s
}

func num(t *testing.T, s string) float64 {
	t.Helper()
	if s == "" {
		return math.NaN()
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("%q: %v", s, err)
	}
	return v
}

func percent(v float64) string {
	if math.IsNaN(v) {
		return "–"
	}
	return strconv.FormatFloat(100*v, 'f', 0, 64) + " %"
}

// failing lists the scored patterns of a validation.csv that do not hold.
func failing(rows []map[string]string) []string {
	var out []string
	for _, r := range rows {
		if r["scored"] == "yes" && !strings.HasPrefix(r["verdict"], "hold") {
			out = append(out, r["id"])
		}
	}
	return out
}

// generated makes every table of the page from the files.
func generated(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{}
	def := readSummary(t, "default")
	rows := table(t, "default/validation.csv")
	rob := table(t, "default/robustness.csv")
	before := table(t, "before/validation.csv")
	beforeHeld, beforeScored := 0, 0
	for _, r := range before {
		if r["scored"] == "yes" {
			beforeScored++
			if strings.HasPrefix(r["verdict"], "hold") {
				beforeHeld++
			}
		}
	}

	var b strings.Builder
	fmt.Fprintf(&b, "**%d of %d scored patterns hold in at least half of %d runs (%s).**", def.Score.Held, def.Score.Scored, def.Runs, percent(def.Score.Share))
	if r := def.Robustness; r != nil {
		verdict := "within"
		if !r.Holds {
			verdict = "beyond"
		}
		fmt.Fprintf(&b, " Halving or doubling the choice temperature moves a scored pattern's share of runs by at most %s points (%s), %s the limit of %s points.",
			strings.TrimSuffix(percent(r.LargestChange), " %"), r.LargestPattern, verdict, strings.TrimSuffix(percent(r.Limit), " %"))
	}
	fmt.Fprintf(&b, " The model before its decision rule was redesigned scored %d of %d (%s) on the patterns of the time (`before/`).\n",
		beforeHeld, beforeScored, percent(float64(beforeHeld)/float64(beforeScored)))
	out["score"] = b.String()

	shares := map[string]map[string]string{}
	for _, r := range rob {
		shares[r["id"]] = r
	}
	b.Reset()
	b.WriteString("| pattern | window | share of runs at T/2 · T · 2T | verdict | timing or fit |\n|---|---|---|---|---|\n")
	for _, r := range rows {
		s := shares[r["id"]]
		runs := fmt.Sprintf("%s · **%s** · %s", percent(num(t, s["share_at_0.5x"])), percent(num(t, s["share_at_1x"])), percent(num(t, s["share_at_2x"])))
		fit := ""
		if r["timing_median_years"] != "" {
			fit = fmt.Sprintf("%+.1f years (median)", num(t, r["timing_median_years"]))
		}
		if r["kind"] == "series" {
			runs = "–"
			fit = fmt.Sprintf("r = %.2f, range %s of the observed, %s of years in the 90 %% band",
				num(t, r["correlation"]), percent(num(t, r["range_ratio"])), percent(num(t, r["band_coverage"])))
		}
		verdict := r["verdict"]
		switch {
		case r["out_of_sample"] == "yes":
			verdict += " (out of sample)"
		case r["scored"] != "yes":
			verdict += " (not scored)"
		}
		fmt.Fprintf(&b, "| `%s`: %s | %s–%s | %s | %s | %s |\n", r["id"], r["name"], r["from"], r["until"], runs, verdict, fit)
	}
	out["patterns"] = b.String()

	mech := table(t, "default/mechanisms.csv")
	mechBefore := map[string]string{}
	for _, r := range table(t, "before/mechanisms.csv") {
		mechBefore[r["number"]] = r["per_run"]
	}
	b.Reset()
	b.WriteString("| # | mechanism | what is counted | per run | share of runs | per run before |\n|---|---|---|---|---|---|\n")
	for _, r := range mech {
		fmt.Fprintf(&b, "| %s | %s | %s | %.2f | %s | %.2f |\n", r["number"], r["mechanism"], r["measure"],
			num(t, r["per_run"]), percent(num(t, r["share_of_runs"])), num(t, mechBefore[r["number"]]))
	}
	out["mechanisms"] = b.String()

	dirs, err := filepath.Glob(filepath.Join(pageData, "history-*"))
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(dirs)
	b.Reset()
	b.WriteString("| history forced until | runs | scored patterns | hold | score | not reproduced |\n|---|---|---|---|---|---|\n")
	for _, d := range dirs {
		name := filepath.Base(d)
		s := readSummary(t, name)
		fails := failing(table(t, name+"/validation.csv"))
		for i, f := range fails {
			fails[i] = "`" + f + "`"
		}
		fmt.Fprintf(&b, "| %s | %d | %d | %d | %s | %s |\n", s.HistoryUntil, s.Runs, s.Score.Scored, s.Score.Held, percent(s.Score.Share), strings.Join(fails, ", "))
	}
	out["history"] = b.String()

	now := map[string]map[string]string{}
	for _, r := range rows {
		now[r["id"]] = r
	}
	b.Reset()
	b.WriteString("| pattern | before | now |\n|---|---|---|\n")
	for _, r := range before {
		n, ok := now[r["id"]]
		if !ok || r["scored"] != "yes" || r["kind"] == "series" {
			continue
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s |\n", r["id"], percent(num(t, r["share_of_runs"])), percent(num(t, n["share_of_runs"])))
	}
	out["before"] = b.String()
	out["calibration"] = calibrationTable(t)
	out["sobol"] = sobolTable(t)
	return out
}

// calibrationTable reports calibration/: the values fitted and the misfit
// of the start and of the fit, on the fitted and the test patterns.
func calibrationTable(t *testing.T) string {
	t.Helper()
	var b strings.Builder
	sum := readStudy(t, "calibration")
	misfits := table(t, "calibration/misfit.csv")
	parts := map[string]string{}
	for _, r := range misfits {
		parts[r["part"]] = r["patterns"]
	}
	fmt.Fprintf(&b, "%d values fitted to the %s patterns whose windows end by %s (%d candidates of %d runs each, seed %d); the %s patterns that end after it and by %s are the test.\n\n",
		len(sum.Params), parts["fit"], sum.Until, sum.Points, sum.RunsPerPoint, sum.Seed, parts["test"], sum.TestUntil)
	b.WriteString("| value | range | start | fitted |\n|---|---|---|---|\n")
	for _, r := range table(t, "calibration/fit.csv") {
		fmt.Fprintf(&b, "| `%s` | %s to %s | %s | %s |\n", r["path"], short(t, r["lo"]), short(t, r["hi"]), short(t, r["start"]), short(t, r["fitted"]))
	}
	b.WriteString("\n| patterns | random draws | misfit at the start | misfit fitted | patterns that hold, start → fitted |\n|---|---|---|---|---|\n")
	for _, r := range misfits {
		part := "fitted (windows ending by 2005)"
		if r["part"] == "test" {
			part = "test (2006–2013, never seen by the fit)"
		}
		fmt.Fprintf(&b, "| %s patterns: %s | %s | %.3f | %.3f | %s → %s |\n", r["patterns"], part, r["draws"],
			num(t, r["misfit_start"]), num(t, r["misfit_fitted"]), r["held_start"], r["held_fitted"])
	}
	return b.String()
}

// sobolTable reports sensitivity/: each value's total and first-order
// indices for each output, ranked by the total index on the first output.
func sobolTable(t *testing.T) string {
	t.Helper()
	sum := readStudy(t, "sensitivity")
	rows := table(t, "sensitivity/sensitivity.csv")
	var outputs, values []string
	cell := map[[2]string]map[string]string{}
	for _, r := range rows {
		if !slices.Contains(outputs, r["output"]) {
			outputs = append(outputs, r["output"])
		}
		if !slices.Contains(values, r["value"]) {
			values = append(values, r["value"])
		}
		cell[[2]string{r["output"], r["value"]}] = r
	}
	slices.SortStableFunc(values, func(a, b string) int {
		ta, tb := num(t, cell[[2]string{outputs[0], a}]["total"]), num(t, cell[[2]string{outputs[0], b}]["total"])
		switch {
		case ta > tb:
			return -1
		case ta < tb:
			return 1
		}
		return 0
	})
	var b strings.Builder
	fmt.Fprintf(&b, "%d values; Sobol indices from %d base samples: %d points of %d runs each, seed %d.\n\n", len(sum.Params), sum.Samples, sum.Points, sum.RunsPerPoint, sum.Seed)
	b.WriteString("| value | range |")
	for _, o := range outputs {
		fmt.Fprintf(&b, " `%s`: ST [95 %%] (S) |", o)
	}
	b.WriteString("\n|---|---|" + strings.Repeat("---|", len(outputs)) + "\n")
	for _, v := range values {
		r := cell[[2]string{outputs[0], v}]
		fmt.Fprintf(&b, "| `%s` | %s to %s |", v, short(t, r["lo"]), short(t, r["hi"]))
		for _, o := range outputs {
			c := cell[[2]string{o, v}]
			fmt.Fprintf(&b, " %.2f [%.2f, %.2f] (%.2f) |", num(t, c["total"]), num(t, c["total_lo"]), num(t, c["total_hi"]), num(t, c["first"]))
		}
		b.WriteString("\n")
	}
	return b.String()
}

// study is the part of a calibration's or an analysis's summary.json
// the page reports.
type study struct {
	Seed         uint64 `json:"seed"`
	RunsPerPoint int    `json:"runs_per_point"`
	Points       int    `json:"points"`
	Until        string `json:"until"`
	TestUntil    string `json:"test_until"`
	Method       string `json:"method"`
	Samples      int    `json:"samples"`
	Params       []struct {
		Path string `json:"path"`
	} `json:"params"`
}

func readStudy(t *testing.T, dir string) study {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(pageData, dir, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	var s study
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatalf("%s: %v", dir, err)
	}
	return s
}

// short writes a number of a CSV with four significant digits.
func short(t *testing.T, s string) string {
	return strconv.FormatFloat(num(t, s), 'g', 4, 64)
}

var block = regexp.MustCompile(`(?s)<!-- begin ([a-z]+) -->\n(.*?)<!-- end ([a-z]+) -->`)

func TestValidationPage(t *testing.T) {
	page, err := os.ReadFile(pagePath)
	if err != nil {
		t.Fatal(err)
	}
	want := generated(t)
	seen := map[string]bool{}
	fresh := block.ReplaceAllStringFunc(string(page), func(m string) string {
		sub := block.FindStringSubmatch(m)
		name := sub[1]
		if sub[3] != name {
			t.Errorf("block %q ends as %q", name, sub[3])
		}
		seen[name] = true
		text, ok := want[name]
		if !ok {
			t.Errorf("no table is made for block %q", name)
			return m
		}
		if !*update && sub[2] != text {
			t.Errorf("the %q table of docs/validation.md differs from docs/validation/: run go test ./validation -run TestValidationPage -update", name)
		}
		return "<!-- begin " + name + " -->\n" + text + "<!-- end " + name + " -->"
	})
	for name := range want {
		if !seen[name] {
			t.Errorf("docs/validation.md has no block %q", name)
		}
	}
	if *update {
		if err := os.WriteFile(pagePath, []byte(fresh), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}

	// Every scored pattern that fails has its own explanation under
	// "What the model does not reproduce", and no other pattern has one.
	text := string(page)
	start := strings.Index(text, "\n## What the model does not reproduce")
	if start < 0 {
		t.Fatal(`docs/validation.md has no section "What the model does not reproduce"`)
	}
	section := text[start+1:]
	if end := strings.Index(section[3:], "\n## "); end >= 0 {
		section = section[:end+3]
	}
	explained := map[string]bool{}
	for _, m := range regexp.MustCompile("(?m)^### `([a-z0-9-]+)`").FindAllStringSubmatch(section, -1) {
		explained[m[1]] = true
	}
	fails := failing(table(t, "default/validation.csv"))
	for _, id := range fails {
		if !explained[id] {
			t.Errorf("%s fails but is not explained under \"What the model does not reproduce\"", id)
		}
		delete(explained, id)
	}
	for id := range explained {
		t.Errorf("%s is explained as not reproduced, but it holds (or is not scored)", id)
	}
}

// TestCalibrationClaims checks what docs/validation.md says of the
// calibration in words against its files: the fit gains less than a
// twentieth of the misfit on the fitted patterns; on other draws the
// gain shrinks on both parts, and one pattern fewer holds on the test;
// most fitted patterns hold in nearly every run at the start and at the
// fit.
func TestCalibrationClaims(t *testing.T) {
	rows := map[[2]string]map[string]string{}
	for _, r := range table(t, "calibration/misfit.csv") {
		rows[[2]string{r["part"], strings.Fields(r["draws"])[0]}] = r
	}
	gain := func(part, draws string) float64 {
		r := rows[[2]string{part, draws}]
		return num(t, r["misfit_start"]) - num(t, r["misfit_fitted"])
	}
	fit := rows[[2]string{"fit", "search"}]
	if g := gain("fit", "search"); !(g > 0 && g < num(t, fit["misfit_start"])/20) {
		t.Errorf("the fit gains %.4f of %s, not less than a twentieth", g, fit["misfit_start"])
	}
	for _, part := range []string{"fit", "test"} {
		if gain(part, "other") >= gain(part, "search") {
			t.Errorf("on other draws the gain on the %s patterns does not shrink: %.4f, %.4f", part, gain(part, "other"), gain(part, "search"))
		}
	}
	if r := rows[[2]string{"test", "other"}]; num(t, r["held_fitted"]) != num(t, r["held_start"])-1 {
		t.Errorf("on other draws %s test patterns hold at the fit, %s at the start: not one fewer", r["held_fitted"], r["held_start"])
	}
	sure, fitted := map[string]bool{}, 0
	for _, r := range table(t, "calibration/patterns.csv") {
		if r["part"] != "fit" {
			continue
		}
		fitted++
		if num(t, r["share_start"]) >= 0.95 && num(t, r["share_fitted"]) >= 0.95 {
			sure[r["id"]] = true
		}
	}
	if 2*len(sure) <= fitted {
		t.Errorf("%d of %d fitted patterns hold in nearly every run: not most", len(sure), fitted)
	}
	// The page names these as examples.
	for _, id := range []string{"contract-of-century", "btc-agreed", "seabed-bilateral", "seabed-trilateral", "joins-guam", "leaves-cst"} {
		if !sure[id] {
			t.Errorf("%s is named as a fitted pattern that holds in nearly every run, but it is not", id)
		}
	}
}

// TestSensitivityClaims checks what docs/validation.md says of the Sobol
// analysis in words against sensitivity.csv.
func TestSensitivityClaims(t *testing.T) {
	idx := map[string]map[string]map[string]float64{} // output → value → column
	for _, r := range table(t, "sensitivity/sensitivity.csv") {
		if idx[r["output"]] == nil {
			idx[r["output"]] = map[string]map[string]float64{}
		}
		idx[r["output"]][r["value"]] = map[string]float64{}
		for _, c := range []string{"first", "first_lo", "total", "total_hi"} {
			idx[r["output"]][r["value"]][c] = num(t, r[c])
		}
	}
	largest := func(output, col string) []string {
		var vals []string
		for v := range idx[output] {
			vals = append(vals, v)
		}
		slices.SortFunc(vals, func(a, b string) int {
			return cmp.Compare(idx[output][b][col], idx[output][a][col])
		})
		return vals
	}
	misfit := idx["misfit"]
	if top := largest("misfit", "first")[0]; top != "model.influence_security" || !(misfit[top]["first_lo"] > 0) {
		t.Errorf("the misfit's largest first-order index is %s's (interval from %.2f), not model.influence_security's clear of 0", top, misfit[top]["first_lo"])
	}
	if top := largest("score", "total")[:2]; !slices.Contains(top, "model.influence_security") || !slices.Contains(top, "actions.join.cost") {
		t.Errorf("the score's two largest total indices are %v", top)
	}
	for _, v := range []string{"model.temperature", "model.alarm", "model.consent_tolerance", "agents.AZE.threat_response"} {
		if hi := misfit[v]["total_hi"]; !(hi < 0.15) {
			t.Errorf("%s's total index of the misfit reaches %.2f, not below 0.15", v, hi)
		}
	}
	sum := 0.0
	for _, c := range idx["alignment@2013-12"] {
		sum += c["total"]
	}
	if sum < 1.5 {
		t.Errorf("the total indices of the 2013 alignment add up to %.2f, not well over 1", sum)
	}
}
