package sweep

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
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
)

// Limits bound what Merge reads from shard folders, which may come
// from anywhere: a shard's files are read into memory, and its summary
// decides the size of the design rebuilt to check its rows.
type Limits struct {
	// Points bounds the points of the sweep a summary describes.
	Points int
	// ShardBytes bounds each of a shard's files.
	ShardBytes int64
}

// ShardOverLimit is a shard's summary that describes a sweep of more
// points than Limits.Points. It is an error of its own so that the
// command can say how to raise the limit.
type ShardOverLimit struct {
	// Path is the summary's file.
	Path          string
	Points, Limit int
}

func (e *ShardOverLimit) Error() string {
	return fmt.Sprintf("%s: a sweep of %d points, more than the limit of %d", e.Path, e.Points, e.Limit)
}

// shard is the output of one shard of a sweep, read and checked.
type shard struct {
	// Dir is the shard's folder, named in messages.
	Dir     string
	Summary *output.SweepSummary
	Table   *output.SweepTable
	// index is the shard's I of I/N.
	index int
}

// Merge reads the output folders of the shards of a sweep (sim sweep
// --shard I/N), checks each and that together they are the whole sweep,
// every shard once, and joins them into the summary and table of the
// whole sweep, which write byte for byte what one machine would have
// written. Errors name the folder, file and line at fault. A file over
// l.ShardBytes is refused with the *scenarios.Error of its size.
func Merge(dirs []string, l Limits) (*output.SweepSummary, *output.SweepTable, error) {
	var shards []*shard
	for _, dir := range dirs {
		s, err := readShard(dir, l)
		if err != nil {
			return nil, nil, err
		}
		shards = append(shards, s)
	}
	return join(shards, l)
}

// readShard reads one shard's folder: summary.json and sweep.csv, each
// a regular file within l.ShardBytes.
func readShard(dir string, l Limits) (*shard, error) {
	b, err := scenarios.ReadFile(filepath.Join(dir, "summary.json"), l.ShardBytes)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s is not the output of a sweep shard: it has no summary.json", dir)
	}
	if err != nil {
		return nil, err
	}
	csvPath := filepath.Join(dir, "sweep.csv")
	f, err := os.Open(csvPath)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	defer f.Close()
	info, err := f.Stat()
	switch {
	case err != nil:
		return nil, fmt.Errorf("%s: %w", csvPath, err)
	case !info.Mode().IsRegular():
		return nil, fmt.Errorf("%s: not a regular file", csvPath)
	case info.Size() > l.ShardBytes:
		return nil, scenarios.TooLarge(csvPath, info.Size(), l.ShardBytes)
	}
	return decodeShard(dir, b, io.LimitReader(f, l.ShardBytes), l)
}

// decodeShard checks the summary of the shard in dir and reads its
// sweep.csv from table, row by row, checking each: its width, its point
// (one of the shard's), the point's values in the design, and its
// numbers.
func decodeShard(dir string, summary []byte, table io.Reader, l Limits) (*shard, error) {
	sumPath := filepath.Join(dir, "summary.json")
	sum, d, err := decodeSummary(sumPath, summary, l)
	if err != nil {
		if errors.Is(err, errWhole) {
			return nil, fmt.Errorf("%s holds a whole sweep, not a shard (run with --shard I/N)", dir)
		}
		return nil, err
	}
	idx, _, _ := ParseShard(sum.Shard)
	t, err := readRows(filepath.Join(dir, "sweep.csv"), table, d, sum)
	if err != nil {
		return nil, err
	}
	return &shard{Dir: dir, Summary: sum, Table: t, index: idx}, nil
}

// errWhole is the summary of a whole sweep given as a shard's.
var errWhole = errors.New("a whole sweep")

// decodeSummary reads and checks a shard's summary.json at path, and
// rebuilds the design it describes.
func decodeSummary(path string, b []byte, l Limits) (*output.SweepSummary, *Design, error) {
	sum, err := output.DecodeSweepSummary(b)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	if sum.Shard == "" {
		return nil, nil, errWhole
	}
	idx, n, err := ParseShard(sum.Shard)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: shard %v", path, err)
	}
	switch {
	case sum.Points < 1:
		return nil, nil, fmt.Errorf("%s: a sweep of %d points", path, sum.Points)
	case sum.Points > l.Points:
		return nil, nil, &ShardOverLimit{Path: path, Points: sum.Points, Limit: l.Points}
	case n > sum.Points:
		return nil, nil, fmt.Errorf("%s: shard %s of a sweep of only %d points", path, sum.Shard, sum.Points)
	}
	d, err := designOf(sum)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	if want := d.Shard(idx, n); !slices.Equal(want, sum.ShardPoints) && !(len(want) == 0 && len(sum.ShardPoints) == 0) {
		return nil, nil, fmt.Errorf("%s: shard %s lists the points %s, but its points are %s", path, sum.Shard, intList(sum.ShardPoints), intList(want))
	}
	return sum, d, nil
}

// readRows reads a shard's sweep.csv, at path, checking its header
// against the summary and every row against the design.
func readRows(path string, table io.Reader, d *Design, sum *output.SweepSummary) (*output.SweepTable, error) {
	header := output.SweepHeader(d.Paths())
	r := csv.NewReader(table)
	r.ReuseRecord = false
	first, err := r.Read()
	if err == io.EOF {
		return nil, fmt.Errorf("%s: empty file", path)
	}
	if err != nil {
		return nil, csvError(path, err)
	}
	if !slices.Equal(first, header) {
		return nil, fmt.Errorf("%s:1: the columns are %s, but summary.json's sweep has %s", path, strings.Join(first, ","), strings.Join(header, ","))
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
			return t, nil
		}
		if err != nil {
			return nil, csvError(path, err)
		}
		line, _ := r.FieldPos(0)
		if msg := checkRow(d, rec, ours); msg != "" {
			return nil, fmt.Errorf("%s:%d: %s", path, line, msg)
		}
		t.Rows = append(t.Rows, rec)
	}
}

// maxParams bounds the parameters of a shard's sweep that Merge
// accepts, so that rebuilding its design takes bounded memory.
const maxParams = 1000

// designOf rebuilds the design a summary describes, to check rows
// against.
func designOf(s *output.SweepSummary) (*Design, error) {
	if len(s.Params) == 0 {
		return nil, errors.New("no parameters")
	}
	if len(s.Params) > maxParams {
		return nil, fmt.Errorf("%d parameters; a sweep has at most %d", len(s.Params), maxParams)
	}
	var params []Param
	for _, p := range s.Params {
		if math.IsNaN(p.Lo) || math.IsNaN(p.Hi) || math.IsInf(p.Lo, 0) || math.IsInf(p.Hi, 0) || p.Hi < p.Lo || p.Levels < 0 {
			return nil, fmt.Errorf("parameter %s has the range %v to %v", p.Path, p.Lo, p.Hi)
		}
		params = append(params, Param{Path: p.Path, Lo: p.Lo, Hi: p.Hi, Levels: p.Levels})
	}
	var d *Design
	var err error
	switch s.Design {
	case "grid":
		d, err = GridWithin(params, s.Points)
	case "lhs":
		d, err = LHSWithin(params, s.Points, s.Seed, s.Points)
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
func checkRow(d *Design, rec []string, ours map[int]bool) string {
	r, err := output.ParseSweepRow(rec, len(d.Params))
	var bad *output.SweepFieldError
	if errors.As(err, &bad) && bad.Column == "point" {
		return fmt.Sprintf("a row for point %q, which is not one of this shard's", bad.Text)
	}
	if !ours[r.Point] {
		return fmt.Sprintf("a row for point %q, which is not one of this shard's", strconv.Itoa(r.Point))
	}
	for i, v := range d.Points[r.Point] {
		if r.Values[i] != Format(v) {
			return fmt.Sprintf("point %d has %s=%s, but the design puts it at %s", r.Point, d.Params[i].Path, r.Values[i], Format(v))
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

// join checks that the shards make one sweep, each shard once, and
// joins their tables in point order into the whole sweep's.
func join(shards []*shard, l Limits) (*output.SweepSummary, *output.SweepTable, error) {
	if len(shards) == 0 {
		return nil, nil, errors.New("no shards")
	}
	n, err := checkShards(shards, l)
	if err != nil {
		return nil, nil, err
	}
	first := shards[0]
	// Each point must come from the shard that owns it, exactly once.
	owner := make([]int, first.Summary.Points)
	for k := range owner {
		owner[k] = -1
	}
	type row struct {
		point int
		rec   []string
	}
	var rows []row
	for _, s := range shards {
		for _, k := range s.Summary.ShardPoints {
			if k < 0 || k >= len(owner) || k%n != s.index {
				return nil, nil, fmt.Errorf("%s: point %d does not belong to shard %s", s.Dir, k, s.Summary.Shard)
			}
			owner[k] = s.index
		}
		for _, rec := range s.Table.Rows {
			r, err := output.ParseSweepRow(rec, len(first.Summary.Params))
			var bad *output.SweepFieldError
			// A statistic that does not read was refused with its line
			// by decodeShard; here only the point matters.
			unread := err != nil && !(errors.As(err, &bad) && bad.Column != "point")
			if unread || r.Point < 0 || r.Point >= len(owner) || owner[r.Point] != s.index {
				return nil, nil, fmt.Errorf("%s: sweep.csv has a row for point %q, which is not this shard's", s.Dir, pointText(r, bad))
			}
			rows = append(rows, row{r.Point, rec})
		}
	}
	for k, o := range owner {
		if o < 0 {
			return nil, nil, fmt.Errorf("point %d is in no shard's results", k)
		}
	}
	slices.SortStableFunc(rows, func(a, b row) int { return a.point - b.point })
	table := &output.SweepTable{Header: first.Table.Header}
	for _, r := range rows {
		table.Rows = append(table.Rows, r.rec)
	}
	sum := *first.Summary
	sum.Shard, sum.ShardPoints = "", nil
	return &sum, table, nil
}

// pointText is a row's point as a message quotes it: the text of a
// point that does not read, or the number.
func pointText(r output.SweepRow, bad *output.SweepFieldError) string {
	if bad != nil && bad.Column == "point" {
		return bad.Text
	}
	return strconv.Itoa(r.Point)
}

// checkShards checks that every shard describes the same sweep but for
// its slice, and that every shard of it is there once. It returns the
// number of shards and sets each shard's index.
func checkShards(shards []*shard, l Limits) (int, error) {
	whole := func(s *output.SweepSummary) []byte {
		c := *s
		c.Shard, c.ShardPoints = "", nil
		b, _ := json.Marshal(c)
		return b
	}
	first := shards[0]
	_, n, err := ParseShard(first.Summary.Shard)
	if err != nil {
		return 0, fmt.Errorf("%s: summary.json: shard %v", first.Dir, err)
	}
	if n > first.Summary.Points || first.Summary.Points > l.Points {
		return 0, fmt.Errorf("%s: summary.json: shard %s of %d points", first.Dir, first.Summary.Shard, first.Summary.Points)
	}
	seen := make([]string, n)
	for _, s := range shards {
		if !bytes.Equal(whole(s.Summary), whole(first.Summary)) {
			return 0, fmt.Errorf("%s and %s come from different sweeps (scenario, design, seed, runs, settings or version differ)", first.Dir, s.Dir)
		}
		if !slices.Equal(s.Table.Header, first.Table.Header) {
			return 0, fmt.Errorf("%s and %s have different sweep.csv columns", first.Dir, s.Dir)
		}
		idx, m, err := ParseShard(s.Summary.Shard)
		if err != nil || m != n {
			return 0, fmt.Errorf("%s is shard %s, but %s is one of %d", s.Dir, s.Summary.Shard, first.Dir, n)
		}
		if seen[idx] != "" {
			return 0, fmt.Errorf("shard %d/%d is given twice: %s and %s", idx, n, seen[idx], s.Dir)
		}
		seen[idx] = s.Dir
		s.index = idx
	}
	for idx, dir := range seen {
		if dir == "" {
			return 0, fmt.Errorf("shard %d/%d is missing; every shard from 0/%d to %d/%d is needed", idx, n, n, n-1, n)
		}
	}
	return n, nil
}
