package journal

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"caspian/sweep"
)

// JoinShards joins the journals that the shards of one job left in
// their folders, dirs[i]/file, into a new journal in the work folder wd,
// as if one machine had run every point: the same job resumed there
// finds every point finished and writes its output. Each shard's
// journal must be of the same job but for its shard, each shard must be
// there once, and together they must hold every point. It returns the
// header of the whole job and the number of shards.
func JoinShards(dirs []string, file, wd string) (*Header, int, error) {
	if len(dirs) == 0 {
		return nil, 0, errors.New("no shards")
	}
	var first *Header
	points := map[int]Entry{}
	seen := map[string]string{}
	total := 0
	for _, dir := range dirs {
		path := filepath.Join(dir, file)
		h, rest, err := readShard(dir, path)
		if err != nil {
			return nil, 0, err
		}
		i, n, _ := sweep.ParseShard(h.Shard)
		total = n
		if d, ok := seen[h.Shard]; ok {
			return nil, 0, fmt.Errorf("shard %d/%d is given twice: %s and %s", i, n, d, dir)
		}
		seen[h.Shard] = dir
		whole := *h
		whole.Shard = ""
		if first == nil {
			first = &whole
		} else if what := Differ(first, &whole); what != "" {
			return nil, 0, fmt.Errorf("%s is a shard of another analysis than %s: they differ in the %s", dir, dirs[0], what)
		}
		if err := readEntries(path, rest, h.Shard, whole.Points, points); err != nil {
			return nil, 0, err
		}
	}
	if err := complete(seen, total, len(points), first.Points); err != nil {
		return nil, 0, err
	}
	j, _, err := Open(wd, "analysis", first, func(Entry) error { return nil })
	if err != nil {
		return nil, 0, err
	}
	defer j.Close()
	for k := range first.Points {
		if err := j.Add(k, points[k].Rows); err != nil {
			return nil, 0, err
		}
	}
	return first, total, nil
}

// readShard reads the header of the journal at path that the shard in
// dir left, which must name the shard, and returns the rest of the text.
func readShard(dir, path string) (*Header, []byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, fmt.Errorf("%s is not a shard of an analysis: %w", dir, err)
	}
	head, rest, _ := bytes.Cut(data, []byte("\n"))
	var h Header
	if err := json.Unmarshal(head, &h); err != nil || h.Format != Format {
		return nil, nil, fmt.Errorf("%s: the first line is not the header of an analysis's points", path)
	}
	if _, _, err := sweep.ParseShard(h.Shard); err != nil {
		return nil, nil, fmt.Errorf("%s: it is not a shard (%v)", path, err)
	}
	return &h, rest, nil
}

// readEntries reads the entries after the header of the journal of the
// given shard of a job of so many points into points, each of which must
// be one of the shard's.
func readEntries(path string, text []byte, shard string, count int, points map[int]Entry) error {
	i, n, _ := sweep.ParseShard(shard)
	for line, b := range bytes.Split(bytes.TrimSpace(text), []byte("\n")) {
		if len(b) == 0 {
			continue
		}
		var en Entry
		if err := json.Unmarshal(b, &en); err != nil {
			return fmt.Errorf("%s:%d: %v", path, line+2, err)
		}
		if en.Point < 0 || en.Point >= count || en.Point%n != i {
			return fmt.Errorf("%s:%d: point %d is not one of shard %s", path, line+2, en.Point, shard)
		}
		points[en.Point] = en
	}
	return nil
}

// complete checks that every one of the total shards was seen and that
// they hold every point.
func complete(seen map[string]string, total, have, want int) error {
	if len(seen) != total {
		var missing []string
		for i := range total {
			if _, ok := seen[fmt.Sprintf("%d/%d", i, total)]; !ok {
				missing = append(missing, fmt.Sprintf("%d/%d", i, total))
			}
		}
		return fmt.Errorf("shards %s are missing", strings.Join(missing, ", "))
	}
	if have != want {
		return fmt.Errorf("the shards hold %d of the %d points: run the missing ones with --resume in their shard's command", have, want)
	}
	return nil
}
