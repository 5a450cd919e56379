package jobs

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"caspian/internal/journal"
	"caspian/output"
	"caspian/scenarios"
	"caspian/sweep"
)

// ShardJournal is the file in which a shard of an analysis saves its
// points, for merging.
const ShardJournal = "points.journal"

// Merge is a merge as asked for: the shards' folders, in any order, and
// the folder the joined result goes to.
type Merge struct {
	Dirs   []string
	Out    string
	Limits Limits
}

// AnalysisShards reports whether the folders of m hold the shards of a
// sensitivity analysis, which merge joins into a work folder, rather
// than the shards of a sweep, which it joins into the sweep's files.
func (m Merge) AnalysisShards() bool {
	_, err := os.Stat(filepath.Join(m.Dirs[0], ShardJournal))
	return err == nil
}

// MergedSweep is a joined sweep, saved in Out.
type MergedSweep struct {
	Summary *output.SweepSummary
	Table   *output.SweepTable
	Files   []string
	Out     string
	Shards  int
}

// MergeSweep reads, checks and joins the shards of a sweep and saves the
// result: byte for byte what one machine would have written. ctx stops it
// before it writes, and never in the middle of writing; it then returns
// ctx's error, with Out left as it was.
func MergeSweep(ctx context.Context, m Merge) (*MergedSweep, error) {
	sum, table, err := mergeShards(m.Dirs, m.Limits)
	if err != nil {
		return nil, err
	}
	if err := CheckOut(m.Out); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	files, err := output.WriteFiles(m.Out, output.SweepFiles(sum, table))
	if err != nil {
		return nil, fmt.Errorf("could not save the joined sweep, and %s was left as it was: %w", m.Out, err)
	}
	return &MergedSweep{Summary: sum, Table: table, Files: files, Out: m.Out, Shards: len(m.Dirs)}, nil
}

// Write tells what was joined and saved where, what each file holds,
// and how far the focal state moves over the sweep.
func (s *MergedSweep) Write(w io.Writer) {
	fmt.Fprintf(w, "Joined %d shards of the sweep of %s (%d points) and saved %d files in %s:\n",
		s.Shards, s.Summary.Scenario, s.Summary.Points, len(s.Files), s.Out)
	output.WriteFileList(w, s.Files, output.SweepFileNotes())
	output.WriteSweepRange(w, s.Summary, s.Table)
}

// mergeShards reads, checks and joins the shards of a sweep, naming
// the --limit that refused one.
func mergeShards(dirs []string, l Limits) (*output.SweepSummary, *output.SweepTable, error) {
	sum, table, err := sweep.Merge(dirs, sweep.Limits{Points: l.Points, ShardBytes: l.ShardBytes})
	var over *sweep.ShardOverLimit
	if errors.As(err, &over) {
		return nil, nil, fmt.Errorf("%s: %s", over.Path, OverLimit("points", over.Points, "points", over.Limit))
	}
	return sum, table, limitHint(err, "shard-bytes")
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

// MergedAnalysis is the shards of an analysis joined into the work
// folder of Out, where the analysis run again without a shard, with
// --resume, finds every point finished and only writes its files.
type MergedAnalysis struct {
	Header       *journal.Header
	Shards       int
	WorkDir, Out string
}

// MergeAnalysis joins the shards of an analysis, each a ShardJournal,
// into the work folder of m.Out. It refuses work already there and an
// existing m.Out, so that nothing finished is ever mixed in.
func MergeAnalysis(m Merge) (*MergedAnalysis, error) {
	wd := journal.WorkDir(m.Out)
	if _, err := os.Stat(wd); err == nil {
		return nil, fmt.Errorf("%s already holds unfinished work: finish it with --resume, or delete it to join the shards again", wd)
	}
	if Existing(m.Out) != "" {
		return nil, fmt.Errorf("%s exists: join the shards into a new folder", m.Out)
	}
	h, shards, err := journal.JoinShards(m.Dirs, ShardJournal, wd)
	if err != nil {
		return nil, err
	}
	return &MergedAnalysis{Header: h, Shards: shards, WorkDir: wd, Out: m.Out}, nil
}

// Write tells what was joined, and how to write the analysis.
func (a *MergedAnalysis) Write(w io.Writer) {
	fmt.Fprintf(w, "Joined %d shards of the analysis of %s (%d points) into %s.\n", a.Shards, a.Header.Scenario, a.Header.Points, a.WorkDir)
	fmt.Fprintf(w, "Write the analysis with the same command as the shards, without --shard, with: --out %s --resume\n", a.Out)
}
