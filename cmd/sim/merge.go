package main

import (
	"bytes"
	"caspian/internal/journal"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"caspian/output"
	"caspian/scenarios"
	"caspian/sweep"
)

// mergeOptions are the flags of sim merge.
type mergeOptions struct {
	out    string
	limits limitFlag
}

func mergeFlags(o *mergeOptions) *flag.FlagSet {
	fs := newFlagSet("merge")
	fs.StringVar(&o.out, "out", "", "save the joined sweep (or analysis) in folder `DIR` (required)")
	fs.Var(&o.limits, "limit", limitUsage)
	return fs
}

func mergeCommand() *command {
	return &command{
		name:    "merge",
		args:    "DIR... --out DIR",
		summary: "join the shards of a sweep or a sensitivity analysis run on several machines",
		about: `Joins the output folders of 'sim sweep --shard I/N', one for each of the
N shards, into one folder that is byte for byte what 'sim sweep' would
have written on one machine: sweep.csv with every point in order,
summary.json and the plot. It checks that the shards come from the same
sweep (scenario, design, seed, runs and version) and that none is
missing or given twice. Every row of every sweep.csv is checked: its
columns, its point and the point's values, and its numbers.

Shards of 'sim sensitivity --shard I/N' (folders holding points.journal)
are joined into the work folder of --out DIR; the same command as the
shards, without --shard, with --out DIR --resume, then writes the
analysis, byte for byte what one machine would have written.`,
		sections: []section{limitSection(false, "shard-bytes", "points")},
		examples: []example{
			{"sim merge shard-0 shard-1 shard-2 shard-3 --out sweep", "join four shards"},
			{"sim merge results/shard-* --out results/sweep", "the same, with the shell listing the folders"},
		},
		flags: func() *flag.FlagSet { return mergeFlags(new(mergeOptions)) },
		exec:  execMerge,
	}
}

func execMerge(e *env, args []string) error {
	var o mergeOptions
	fs := mergeFlags(&o)
	dirs, err := parseArgs("merge", fs, args)
	if err != nil {
		return err
	}
	switch {
	case o.out == "":
		return usagef("merge", "merge needs --out DIR, the folder to write the joined sweep into")
	case len(dirs) == 0:
		return usagef("merge", "name the shards' folders, e.g. 'sim merge shard-0 shard-1 --out sweep'")
	}
	if _, err := os.Stat(filepath.Join(dirs[0], shardJournal)); err == nil {
		return mergeJournals(e, dirs, o.out)
	}
	// A signal stops the merge before it writes, and never in the middle
	// of writing.
	ctx := interruptible()
	defer ctx.stop()
	sum, table, err := mergeShards(dirs, o.limits.get())
	if err != nil {
		return err
	}
	if err := checkOut(o.out); err != nil {
		return err
	}
	if ctx.Err() != nil {
		return stopped(e, ctx, existing(o.out))
	}
	files, err := output.WriteFiles(o.out, output.SweepFiles(sum, table))
	if err != nil {
		return fmt.Errorf("could not save the joined sweep, and %s was left as it was: %w", o.out, err)
	}
	fmt.Fprintf(e.out, "Joined %d shards of the sweep of %s (%d points) and saved %d files in %s:\n",
		len(dirs), sum.Scenario, sum.Points, len(files), o.out)
	writeFileList(e.out, files, sweepFileNotes)
	writeSweepRange(e.out, sum, table)
	return nil
}

// shardOut is one shard's output.
type shardOut struct {
	dir   string
	sum   *output.SweepSummary
	table *output.SweepTable
	index int
}

// mergeShards reads and checks the shards and joins their tables.
func mergeShards(dirs []string, l limits) (*output.SweepSummary, *output.SweepTable, error) {
	var shards []shardOut
	for _, dir := range dirs {
		s, err := readShard(dir, l)
		if err != nil {
			return nil, nil, err
		}
		shards = append(shards, s)
	}
	return joinShards(shards, l)
}

// readShard reads one shard's folder: summary.json and sweep.csv, each
// a regular file within the shard-bytes limit.
func readShard(dir string, l limits) (shardOut, error) {
	sumPath := filepath.Join(dir, "summary.json")
	b, err := scenarios.ReadFile(sumPath, l.shardBytes)
	if errors.Is(err, fs.ErrNotExist) {
		return shardOut{}, fmt.Errorf("%s is not the output of a sweep shard: it has no summary.json", dir)
	}
	if err != nil {
		return shardOut{}, limitHint(err, "shard-bytes")
	}
	csvPath := filepath.Join(dir, "sweep.csv")
	f, err := os.Open(csvPath)
	if err != nil {
		return shardOut{}, fmt.Errorf("%s: %w", dir, err)
	}
	defer f.Close()
	info, err := f.Stat()
	switch {
	case err != nil:
		return shardOut{}, fmt.Errorf("%s: %w", csvPath, err)
	case !info.Mode().IsRegular():
		return shardOut{}, fmt.Errorf("%s: not a regular file", csvPath)
	case info.Size() > l.shardBytes:
		return shardOut{}, limitHint(scenarios.TooLarge(csvPath, info.Size(), l.shardBytes), "shard-bytes")
	}
	return decodeShard(dir, b, io.LimitReader(f, l.shardBytes), l)
}

// limitHint makes a size error name the limit that applies.
func limitHint(err error, name string) error {
	var se *scenarios.Error
	if errors.As(err, &se) && strings.HasPrefix(se.Hint, "raise it with --limit bytes=") {
		c := *se
		c.Hint = strings.Replace(c.Hint, "--limit bytes=", "--limit "+name+"=", 1)
		return &c
	}
	return err
}

// decodeShard checks one shard's summary and reads its sweep.csv, row by
// row, checking each: its width, its point (one of the shard's) and the
// point's values in the design, and its numbers.
func decodeShard(dir string, summary []byte, table io.Reader, l limits) (shardOut, error) {
	sumPath := filepath.Join(dir, "summary.json")
	csvPath := filepath.Join(dir, "sweep.csv")
	sum, err := output.DecodeSweepSummary(summary)
	if err != nil {
		return shardOut{}, fmt.Errorf("%s: %w", sumPath, err)
	}
	if sum.Shard == "" {
		return shardOut{}, fmt.Errorf("%s holds a whole sweep, not a shard (run with --shard I/N)", dir)
	}
	idx, n, err := sweep.ParseShard(sum.Shard)
	if err != nil {
		return shardOut{}, fmt.Errorf("%s: shard %v", sumPath, err)
	}
	switch {
	case sum.Points < 1:
		return shardOut{}, fmt.Errorf("%s: a sweep of %d points", sumPath, sum.Points)
	case sum.Points > l.points:
		return shardOut{}, fmt.Errorf("%s: %s", sumPath, overLimit("points", sum.Points, "points", l.points))
	case n > sum.Points:
		return shardOut{}, fmt.Errorf("%s: shard %s of a sweep of only %d points", sumPath, sum.Shard, sum.Points)
	}
	d, err := designOf(sum)
	if err != nil {
		return shardOut{}, fmt.Errorf("%s: %w", sumPath, err)
	}
	if want := d.Shard(idx, n); !slices.Equal(want, sum.ShardPoints) && !(len(want) == 0 && len(sum.ShardPoints) == 0) {
		return shardOut{}, fmt.Errorf("%s: shard %s lists the points %s, but its points are %s", sumPath, sum.Shard, intList(sum.ShardPoints), intList(want))
	}
	var paths []string
	for _, p := range sum.Params {
		paths = append(paths, p.Path)
	}
	header := output.SweepHeader(paths)
	r := csv.NewReader(table)
	r.ReuseRecord = false
	first, err := r.Read()
	if err == io.EOF {
		return shardOut{}, fmt.Errorf("%s: empty file", csvPath)
	}
	if err != nil {
		return shardOut{}, csvError(csvPath, err)
	}
	if !slices.Equal(first, header) {
		return shardOut{}, fmt.Errorf("%s:1: the columns are %s, but summary.json's sweep has %s", csvPath, strings.Join(first, ","), strings.Join(header, ","))
	}
	r.FieldsPerRecord = len(header)
	ours := map[int]bool{}
	for _, k := range sum.ShardPoints {
		ours[k] = true
	}
	t := &output.SweepTable{Header: first}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return shardOut{}, csvError(csvPath, err)
		}
		line, _ := r.FieldPos(0)
		if msg := checkRow(d, rec, ours); msg != "" {
			return shardOut{}, fmt.Errorf("%s:%d: %s", csvPath, line, msg)
		}
		t.Rows = append(t.Rows, rec)
	}
	return shardOut{dir: dir, sum: sum, table: t, index: idx}, nil
}

// maxSweepParams bounds the parameters of a shard's sweep that merge
// accepts, so that rebuilding its design takes bounded memory.
const maxSweepParams = 1000

// designOf rebuilds the design a summary describes, to check rows
// against.
func designOf(s *output.SweepSummary) (*sweep.Design, error) {
	if len(s.Params) == 0 {
		return nil, errors.New("no parameters")
	}
	if len(s.Params) > maxSweepParams {
		return nil, fmt.Errorf("%d parameters; a sweep has at most %d", len(s.Params), maxSweepParams)
	}
	var params []sweep.Param
	for _, p := range s.Params {
		if math.IsNaN(p.Lo) || math.IsNaN(p.Hi) || math.IsInf(p.Lo, 0) || math.IsInf(p.Hi, 0) || p.Hi < p.Lo || p.Levels < 0 {
			return nil, fmt.Errorf("parameter %s has the range %v to %v", p.Path, p.Lo, p.Hi)
		}
		params = append(params, sweep.Param{Path: p.Path, Lo: p.Lo, Hi: p.Hi, Levels: p.Levels})
	}
	var d *sweep.Design
	var err error
	switch s.Design {
	case "grid":
		d, err = sweep.GridWithin(params, s.Points)
	case "lhs":
		d, err = sweep.LHSWithin(params, s.Points, s.Seed, s.Points)
	default:
		return nil, fmt.Errorf("unknown design %q", s.Design)
	}
	if err != nil {
		return nil, err
	}
	if len(d.Points) != s.Points {
		return nil, fmt.Errorf("the design has %d points, but summary.json says %d", len(d.Points), s.Points)
	}
	return d, nil
}

// checkRow says what is wrong with a row of a shard's sweep.csv, or "".
func checkRow(d *sweep.Design, rec []string, ours map[int]bool) string {
	r, err := output.ParseSweepRow(rec, len(d.Params))
	var bad *output.SweepFieldError
	if errors.As(err, &bad) && bad.Column == "point" {
		return fmt.Sprintf("a row for point %q, which is not one of this shard's", bad.Text)
	}
	if !ours[r.Point] {
		return fmt.Sprintf("a row for point %q, which is not one of this shard's", strconv.Itoa(r.Point))
	}
	for i, v := range d.Points[r.Point] {
		if r.Values[i] != sweep.Format(v) {
			return fmt.Sprintf("point %d has %s=%s, but the design puts it at %s", r.Point, d.Params[i].Path, r.Values[i], sweep.Format(v))
		}
	}
	if r.Agent == "" || r.Metric == "" {
		return "a row without an agent or a metric"
	}
	if err != nil {
		return err.Error()
	}
	return ""
}

// csvError places a CSV syntax error on its line and column.
func csvError(path string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s:%d:%d: %v", path, pe.Line, pe.Column, pe.Err)
	}
	return fmt.Errorf("%s: %w", path, err)
}

// intList writes a short list of numbers for messages.
func intList(xs []int) string {
	if len(xs) > 8 {
		return fmt.Sprintf("%v...", xs[:8])
	}
	return fmt.Sprint(xs)
}

// joinShards checks that the shards make one sweep, each once, and joins
// their tables in point order.
func joinShards(shards []shardOut, l limits) (*output.SweepSummary, *output.SweepTable, error) {
	if len(shards) == 0 {
		return nil, nil, errors.New("no shards")
	}
	// Every shard must describe the same sweep but for its slice.
	whole := func(s *output.SweepSummary) []byte {
		c := *s
		c.Shard, c.ShardPoints = "", nil
		b, _ := json.Marshal(c)
		return b
	}
	first := shards[0]
	_, n, err := sweep.ParseShard(first.sum.Shard)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: summary.json: shard %v", first.dir, err)
	}
	if n > first.sum.Points || first.sum.Points > l.points {
		return nil, nil, fmt.Errorf("%s: summary.json: shard %s of %d points", first.dir, first.sum.Shard, first.sum.Points)
	}
	seen := make([]string, n)
	for i := range shards {
		s := &shards[i]
		if !bytes.Equal(whole(s.sum), whole(first.sum)) {
			return nil, nil, fmt.Errorf("%s and %s come from different sweeps (scenario, design, seed, runs, settings or version differ)", first.dir, s.dir)
		}
		if !slices.Equal(s.table.Header, first.table.Header) {
			return nil, nil, fmt.Errorf("%s and %s have different sweep.csv columns", first.dir, s.dir)
		}
		idx, m, err := sweep.ParseShard(s.sum.Shard)
		if err != nil || m != n {
			return nil, nil, fmt.Errorf("%s is shard %s, but %s is one of %d", s.dir, s.sum.Shard, first.dir, n)
		}
		if seen[idx] != "" {
			return nil, nil, fmt.Errorf("shard %d/%d is given twice: %s and %s", idx, n, seen[idx], s.dir)
		}
		seen[idx] = s.dir
		s.index = idx
	}
	for idx, dir := range seen {
		if dir == "" {
			return nil, nil, fmt.Errorf("shard %d/%d is missing; every shard from 0/%d to %d/%d is needed", idx, n, n, n-1, n)
		}
	}
	// Each point must come from the shard that owns it, exactly once.
	owner := make([]int, first.sum.Points)
	for k := range owner {
		owner[k] = -1
	}
	type row struct {
		point int
		rec   []string
	}
	var rows []row
	for _, s := range shards {
		for _, k := range s.sum.ShardPoints {
			if k < 0 || k >= len(owner) || k%n != s.index {
				return nil, nil, fmt.Errorf("%s: point %d does not belong to shard %s", s.dir, k, s.sum.Shard)
			}
			owner[k] = s.index
		}
		for _, rec := range s.table.Rows {
			k, err := strconv.Atoi(rec[0])
			if err != nil || k < 0 || k >= len(owner) || owner[k] != s.index {
				return nil, nil, fmt.Errorf("%s: sweep.csv has a row for point %q, which is not this shard's", s.dir, rec[0])
			}
			rows = append(rows, row{k, rec})
		}
	}
	for k, o := range owner {
		if o < 0 {
			return nil, nil, fmt.Errorf("point %d is in no shard's results", k)
		}
	}
	slices.SortStableFunc(rows, func(a, b row) int { return a.point - b.point })
	table := &output.SweepTable{Header: first.table.Header}
	for _, r := range rows {
		table.Rows = append(table.Rows, r.rec)
	}
	sum := *first.sum
	sum.Shard, sum.ShardPoints = "", nil
	return &sum, table, nil
}

// mergeJournals joins the shards of an analysis (sim sensitivity
// --shard), each a points.journal, into the work folder of out, where
// the same command without --shard, with --out out --resume, finds every
// point finished and writes the analysis.
func mergeJournals(e *env, dirs []string, out string) error {
	wd := journal.WorkDir(out)
	if _, err := os.Stat(wd); err == nil {
		return fmt.Errorf("%s already holds unfinished work: finish it with --resume, or delete it to join the shards again", wd)
	}
	if existing(out) != "" {
		return fmt.Errorf("%s exists: join the shards into a new folder", out)
	}
	var first *journal.Header
	points := map[int]journal.Entry{}
	seen := map[string]string{}
	total := 0
	for _, dir := range dirs {
		path := filepath.Join(dir, shardJournal)
		data, err := os.ReadFile(path)
		if err != nil {
			return fmt.Errorf("%s is not a shard of an analysis: %w", dir, err)
		}
		head, rest, _ := bytes.Cut(data, []byte("\n"))
		var h journal.Header
		if err := json.Unmarshal(head, &h); err != nil || h.Format != journal.Format {
			return fmt.Errorf("%s: the first line is not the header of an analysis's points", path)
		}
		i, n, err := sweep.ParseShard(h.Shard)
		if err != nil {
			return fmt.Errorf("%s: it is not a shard (%v)", path, err)
		}
		total = n
		if d, ok := seen[h.Shard]; ok {
			return fmt.Errorf("shard %d/%d is given twice: %s and %s", i, n, d, dir)
		}
		seen[h.Shard] = dir
		whole := h
		whole.Shard = ""
		if first == nil {
			first = &whole
		} else if what := journal.Differ(first, &whole); what != "" {
			return fmt.Errorf("%s is a shard of another analysis than %s: they differ in the %s", dir, dirs[0], what)
		}
		for n, line := range bytes.Split(bytes.TrimSpace(rest), []byte("\n")) {
			if len(line) == 0 {
				continue
			}
			var en journal.Entry
			if err := json.Unmarshal(line, &en); err != nil {
				return fmt.Errorf("%s:%d: %v", path, n+2, err)
			}
			if en.Point < 0 || en.Point >= whole.Points || en.Point%total != i {
				return fmt.Errorf("%s:%d: point %d is not one of shard %s", path, n+2, en.Point, h.Shard)
			}
			points[en.Point] = en
		}
	}
	if len(seen) != total {
		var missing []string
		for i := range total {
			if _, ok := seen[fmt.Sprintf("%d/%d", i, total)]; !ok {
				missing = append(missing, fmt.Sprintf("%d/%d", i, total))
			}
		}
		return fmt.Errorf("shards %s are missing", strings.Join(missing, ", "))
	}
	if len(points) != first.Points {
		return fmt.Errorf("the shards hold %d of the %d points: run the missing ones with --resume in their shard's command", len(points), first.Points)
	}
	j, _, err := journal.Open(wd, "analysis", first, func(journal.Entry) error { return nil })
	if err != nil {
		return err
	}
	defer j.Close()
	for k := range first.Points {
		if err := j.Add(k, points[k].Rows); err != nil {
			return err
		}
	}
	fmt.Fprintf(e.out, "Joined %d shards of the analysis of %s (%d points) into %s.\n", total, first.Scenario, first.Points, wd)
	fmt.Fprintf(e.out, "Write the analysis with the same command as the shards, without --shard, with: --out %s --resume\n", out)
	return nil
}
