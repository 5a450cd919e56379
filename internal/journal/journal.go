package journal

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"

	"caspian/output"
)

// Format names the journal's format on its first line.
const Format = "caspian sweep journal 1"

// FileName is the journal's file name in the work folder.
const FileName = "sweep.journal"

// maxLine bounds one line of a journal: one point's rows, a few
// hundred bytes for each agent and metric.
const maxLine = 64 << 20

// Header is the first line of a journal: everything that decides
// the rows of sweep.csv. A journal is resumed only by the same sweep.
type Header struct {
	Format       string              `json:"format"`
	Scenario     string              `json:"scenario"`
	SHA256       string              `json:"sha256"`
	Version      string              `json:"version"`
	Seed         uint64              `json:"seed"`
	Design       string              `json:"design"`
	Params       []output.SweepParam `json:"params"`
	Points       int                 `json:"points"`
	RunsPerPoint int                 `json:"runs_per_point"`
	Overrides    []string            `json:"overrides"`
	Shard        string              `json:"shard"`
	Header       []string            `json:"header"`
	Values       [][]float64         `json:"values"`
}

// Entry is one finished point.
type Entry struct {
	Point int        `json:"point"`
	Rows  [][]string `json:"rows"`
}

// WorkDir is the hidden work folder of a job written to out.
func WorkDir(out string) string {
	out = filepath.Clean(out)
	if base := filepath.Base(out); base == "." || base == ".." || base == string(filepath.Separator) {
		if abs, err := filepath.Abs(out); err == nil {
			out = abs
		}
	}
	return filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".partial")
}

// Journal is an open journal.
type Journal struct {
	// Dir is the work folder; Path the journal's file in it.
	Dir  string
	Path string
	f    *os.File
	mu   sync.Mutex
	// done holds the rows of every finished point.
	done map[int][][]string
	// size is the length of the journal's whole lines; broken, once a
	// write failed, stops any further write.
	size   int64
	broken error
}

// Differ names the first setting in which the journal's job differs
// from the one asked for, or "".
func Differ(was, now *Header) string {
	str := func(v any) string { b, _ := json.Marshal(v); return string(b) }
	checks := []struct {
		what     string
		was, now any
	}{
		{"format", was.Format, now.Format},
		{"scenario", was.Scenario, now.Scenario},
		{"scenario file (its SHA-256 differs: the file was changed)", was.SHA256, now.SHA256},
		{"version of sim", was.Version, now.Version},
		{"--seed", was.Seed, now.Seed},
		{"--design", was.Design, now.Design},
		{"--param", was.Params, now.Params},
		{"number of points", was.Points, now.Points},
		{"--runs", was.RunsPerPoint, now.RunsPerPoint},
		{"--set", was.Overrides, now.Overrides},
		{"--shard", was.Shard, now.Shard},
		{"columns of its table", was.Header, now.Header},
		{"points of the design", was.Values, now.Values},
	}
	for _, c := range checks {
		if a, b := str(c.was), str(c.now); a != b {
			if len(a) > 80 || len(b) > 80 {
				return c.what
			}
			return fmt.Sprintf("%s (%s then, %s now)", c.what, a, b)
		}
	}
	return ""
}

// Open opens the journal of the job h in dir, creating it if there is
// none (fresh is then true). An existing journal must be of the same job;
// its finished points are read back, each checked by valid, and a last
// line cut short by a crash is dropped. what names the job in messages
// ("sweep", "calibration").
func Open(dir, what string, h *Header, valid func(Entry) error) (j *Journal, fresh bool, err error) {
	path := filepath.Join(dir, FileName)
	j = &Journal{Dir: dir, Path: path, done: map[int][][]string{}}
	data, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, false, fmt.Errorf("cannot keep the finished points in %s: %w", dir, err)
		}
		b, _ := json.Marshal(h)
		if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
			os.RemoveAll(dir)
			return nil, false, fmt.Errorf("cannot keep the finished points in %s: %w", dir, err)
		}
		if err := syncPath(path); err != nil {
			os.RemoveAll(dir)
			return nil, false, fmt.Errorf("cannot keep the finished points in %s: %w", dir, err)
		}
		syncPath(dir) // the new entry in the folder; best effort
		fresh = true
	case err != nil:
		return nil, false, fmt.Errorf("cannot read the unfinished %s in %s: %w", what, dir, err)
	default:
		good, err := read(data, h, valid, j.done)
		if err != nil {
			return nil, false, fmt.Errorf("cannot resume the unfinished %s in %s: %w", what, dir, err)
		}
		if good < len(data) {
			// A crash cut the last line short: drop it.
			if err := os.Truncate(path, int64(good)); err != nil {
				return nil, false, fmt.Errorf("cannot repair %s: %w", path, err)
			}
		}
	}
	j.f, err = os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	if err == nil {
		var info os.FileInfo
		if info, err = j.f.Stat(); err == nil {
			j.size = info.Size()
		}
	}
	if err != nil {
		return nil, false, fmt.Errorf("cannot keep the finished points in %s: %w", dir, err)
	}
	return j, fresh, nil
}

// read reads a journal's text into done, checking that it belongs
// to the job h and that each point passes valid. It returns the length
// of the text up to the end of the last whole line; a last line without
// its line break is a write a crash cut short, and is ignored.
func read(data []byte, h *Header, valid func(Entry) error, done map[int][][]string) (int, error) {
	r := bufio.NewReaderSize(bytes.NewReader(data), 64<<10)
	good, line := 0, 0
	for {
		text, err := readLine(r)
		if err == io.EOF {
			return good, nil
		}
		line++
		if err != nil {
			return 0, fmt.Errorf("%s line %d: %w", FileName, line, err)
		}
		if text == nil {
			return good, nil // cut short
		}
		if line == 1 {
			var was Header
			dec := json.NewDecoder(bytes.NewReader(text))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&was); err != nil {
				return 0, fmt.Errorf("%s line 1: not the start of a journal: %v", FileName, err)
			}
			if d := Differ(&was, h); d != "" {
				return 0, fmt.Errorf("it was started with a different %s; run the same command as then, or delete the folder to start again", d)
			}
		} else {
			var e Entry
			dec := json.NewDecoder(bytes.NewReader(text))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&e); err != nil {
				return 0, fmt.Errorf("%s line %d is damaged (%v); delete the folder to start again", FileName, line, err)
			}
			if err := valid(e); err != nil {
				return 0, fmt.Errorf("%s line %d: %v; delete the folder to start again", FileName, line, err)
			}
			if _, dup := done[e.Point]; !dup {
				done[e.Point] = e.Rows
			}
		}
		good += len(text) + 1
	}
}

// readLine reads one line without its break; nil, nil for a last line
// with no break.
func readLine(r *bufio.Reader) ([]byte, error) {
	var line []byte
	for {
		chunk, err := r.ReadSlice('\n')
		line = append(line, chunk...)
		if len(line) > maxLine {
			return nil, fmt.Errorf("a line longer than %d bytes", maxLine)
		}
		switch {
		case err == nil:
			return line[:len(line)-1], nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case err == io.EOF && len(line) > 0:
			return nil, nil
		default:
			return nil, err
		}
	}
}

// add records a finished point, synced to disk before it returns.
func (j *Journal) Add(point int, rows [][]string) error {
	b, err := json.Marshal(Entry{Point: point, Rows: rows})
	if err != nil {
		return err
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.broken != nil {
		return j.broken
	}
	_, err = j.f.Write(append(b, '\n'))
	if err == nil {
		err = j.f.Sync()
	}
	if err != nil {
		// Take back what part of the line was written, so the journal
		// holds whole lines only, and write nothing more.
		j.f.Truncate(j.size)
		j.broken = fmt.Errorf("write %s: %w", j.Path, bare(err))
		return j.broken
	}
	j.size += int64(len(b)) + 1
	j.done[point] = rows
	return nil
}

// bare strips the path an *fs.PathError adds, for messages that name the
// path themselves.
func bare(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// finished lists the finished points in order.
func (j *Journal) Finished() []int {
	j.mu.Lock()
	defer j.mu.Unlock()
	var out []int
	for k := range j.done {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// rows returns a finished point's rows.
func (j *Journal) Rows(point int) [][]string {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.done[point]
}

// close closes the journal's file, keeping the folder.
func (j *Journal) Close() {
	if j.f != nil {
		j.f.Close()
		j.f = nil
	}
}

// remove closes the journal and deletes its folder, once the output is
// in place.
func (j *Journal) Remove() error {
	j.Close()
	return os.RemoveAll(j.Dir)
}

// syncPath flushes a file or folder to disk.
func syncPath(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

// Read reads a journal's text as Open does, without a file: it returns
// the length of the text up to the end of the last whole line and the
// rows of every point read, or the reason the journal is refused.
func Read(data []byte, h *Header, valid func(Entry) error) (good int, done map[int][][]string, err error) {
	done = map[int][][]string{}
	good, err = read(data, h, valid, done)
	return good, done, err
}
