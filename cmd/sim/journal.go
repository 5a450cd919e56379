package main

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
	"strconv"
	"sync"

	"caspian/output"
)

// A sweep that runs for hours must not lose its finished points to a
// Ctrl-C, a job scheduler's SIGTERM or a crash. As each point finishes,
// its rows of sweep.csv go into a journal in a hidden work folder beside
// the output folder (".NAME.partial" for --out NAME), each line written
// whole and synced to disk before the next point is reported done.
// 'sim sweep ... --resume' reads the journal back, runs only the points
// it lacks and writes the output exactly as an uninterrupted sweep would
// have; the work folder is removed once the output is in place.

// journalFormat names the journal's format on its first line.
const journalFormat = "caspian sweep journal 1"

// journalName is the journal's file name in the work folder.
const journalName = "sweep.journal"

// maxJournalLine bounds one line of a journal: one point's rows, a few
// hundred bytes for each agent and metric.
const maxJournalLine = 64 << 20

// journalHeader is the first line of a journal: everything that decides
// the rows of sweep.csv. A journal is resumed only by the same sweep.
type journalHeader struct {
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

// journalEntry is one finished point.
type journalEntry struct {
	Point int        `json:"point"`
	Rows  [][]string `json:"rows"`
}

// workDir is the hidden work folder of the sweep written to out.
func workDir(out string) string {
	out = filepath.Clean(out)
	if base := filepath.Base(out); base == "." || base == ".." || base == string(filepath.Separator) {
		if abs, err := filepath.Abs(out); err == nil {
			out = abs
		}
	}
	return filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".partial")
}

// journal is an open journal.
type journal struct {
	dir  string
	path string
	f    *os.File
	mu   sync.Mutex
	// done holds the rows of every finished point.
	done map[int][][]string
	// size is the length of the journal's whole lines; broken, once a
	// write failed, stops any further write.
	size   int64
	broken error
}

// differ names the first setting in which the journal's sweep differs
// from the one asked for, or "".
func differ(was, now *journalHeader) string {
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
		{"columns of sweep.csv", was.Header, now.Header},
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

// openJournal opens the journal of the sweep h in dir, creating it if
// there is none (fresh is then true). An existing journal must be of the
// same sweep; its finished points are read back, and a last line cut
// short by a crash is dropped.
func openJournal(dir string, h *journalHeader, valid func(journalEntry) error) (j *journal, fresh bool, err error) {
	path := filepath.Join(dir, journalName)
	j = &journal{dir: dir, path: path, done: map[int][][]string{}}
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
		return nil, false, fmt.Errorf("cannot read the unfinished sweep in %s: %w", dir, err)
	default:
		good, err := readJournal(data, h, valid, j.done)
		if err != nil {
			return nil, false, fmt.Errorf("cannot resume the unfinished sweep in %s: %w", dir, err)
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

// readJournal reads a journal's text into done, checking that it belongs
// to the sweep h and that each point passes valid. It returns the length
// of the text up to the end of the last whole line; a last line without
// its line break is a write a crash cut short, and is ignored.
func readJournal(data []byte, h *journalHeader, valid func(journalEntry) error, done map[int][][]string) (int, error) {
	r := bufio.NewReaderSize(bytes.NewReader(data), 64<<10)
	good, line := 0, 0
	for {
		text, err := readLine(r)
		if err == io.EOF {
			return good, nil
		}
		line++
		if err != nil {
			return 0, fmt.Errorf("%s line %d: %w", journalName, line, err)
		}
		if text == nil {
			return good, nil // cut short
		}
		if line == 1 {
			var was journalHeader
			dec := json.NewDecoder(bytes.NewReader(text))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&was); err != nil {
				return 0, fmt.Errorf("%s line 1: not the start of a sweep journal: %v", journalName, err)
			}
			if d := differ(&was, h); d != "" {
				return 0, fmt.Errorf("it was started with a different %s; run the same command as then, or delete the folder to start again", d)
			}
		} else {
			var e journalEntry
			dec := json.NewDecoder(bytes.NewReader(text))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&e); err != nil {
				return 0, fmt.Errorf("%s line %d is damaged (%v); delete the folder to start again", journalName, line, err)
			}
			if err := valid(e); err != nil {
				return 0, fmt.Errorf("%s line %d: %v; delete the folder to start again", journalName, line, err)
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
		if len(line) > maxJournalLine {
			return nil, fmt.Errorf("a line longer than %d bytes", maxJournalLine)
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
func (j *journal) add(point int, rows [][]string) error {
	b, err := json.Marshal(journalEntry{Point: point, Rows: rows})
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
		j.broken = fmt.Errorf("write %s: %w", j.path, bare(err))
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
func (j *journal) finished() []int {
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
func (j *journal) rows(point int) [][]string {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.done[point]
}

// close closes the journal's file, keeping the folder.
func (j *journal) close() {
	if j.f != nil {
		j.f.Close()
		j.f = nil
	}
}

// remove closes the journal and deletes its folder, once the output is
// in place.
func (j *journal) remove() error {
	j.close()
	return os.RemoveAll(j.dir)
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

// pointOf reads the point number in the first column of a row.
func pointOf(row []string) (int, bool) {
	if len(row) == 0 {
		return 0, false
	}
	k, err := strconv.Atoi(row[0])
	return k, err == nil
}
